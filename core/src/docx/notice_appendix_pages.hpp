#pragma once
// Where the appendices bound between the text and the 版记 end (GB/T 9704-2012 7.3.7,
// 7.5), counted as the document part writes them, so the 版记's page can be numbered
// or not after them as notice_pagination does after the text alone: 公文的版记页前有
// 空白页的，空白页和版记页均不编排页码. The writer reports each piece it sets (grid
// lines, tables with the row heights and keep-with-next chains its table pagination
// computed, layout::splitTallRows and layout::planGroups); the pager places them on
// pages. docs/notice.md "Pagination of the text" gives the model and its measurements.
#include <cstddef>
#include <vector>

#include "bangfu/doc/document.hpp"

namespace bangfu::docx {

/// The twips of a page's 版心 that LibreOffice 7.4 fills on a `lines` document grid:
/// whole rows of the 579-tw pitch only (5.2.3: 22 rows portrait; 15 of the 8845-tw
/// landscape 版心, GB/T 9704-2012 8). Measured on zhejiang-2014 (a line ending 8 tw
/// above the 版心's foot went to the next page) and on the landscape pages of
/// lishui-2019 附件2 (no table row ends below row 15).
int filledPageTwips(doc::Orientation orientation);

class AppendixPager {
 public:
  /// `pagesBefore`: the pages of the text (paginateNotice) before the first appendix.
  explicit AppendixPager(int pagesBefore) : page_(pagesBefore) {}

  /// 7.3.7 (spec rule 14): an appendix starts on a new page, by w:pageBreakBefore or
  /// by the section break of a change of orientation.
  void startAppendix(doc::Orientation orientation);

  /// `lines` lines of the 579-tw grid (label, empty line, title, paragraphs, 说明).
  /// LibreOffice does not snap a paragraph after a table back onto the grid: its
  /// lines start where the table ends (measured on lishui-2019 附件2's 说明).
  void addGridLines(int lines);

  /// A table: `heights` in twips per row as the writer prints it (after its rows
  /// are cut at the page boundaries), the first `headerRows` repeated on every page
  /// (w:tblHeader), `keepWithNext` per row (the merged groups kept whole). Rows are
  /// w:cantSplit: a row that does not fit the rest of the page starts the next one
  /// below the repeated header rows, and a kept chain moves whole.
  void addTable(const std::vector<int>& heights, std::size_t headerRows,
                const std::vector<unsigned char>& keepWithNext);

  /// A paragraph off the grid, `twips` high (the 1-pt paragraph carrying a section
  /// break after a table).
  void addTwips(int twips);

  /// The width the current appendix's paragraphs are set in.
  [[nodiscard]] int textWidthTwips() const;

  /// The page (1 = the notice's first) on which the last appendix ends.
  [[nodiscard]] int lastPage() const { return page_; }

 private:
  void newPage() {
    ++page_;
    y_ = 0;
  }
  int page_ = 0;
  int y_ = 0;  ///< twips used on the current page
  doc::Orientation orientation_ = doc::Orientation::Portrait;
};

}  // namespace bangfu::docx
