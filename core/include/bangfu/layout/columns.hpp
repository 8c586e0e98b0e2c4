#pragma once
/// Column widths from measured text (docs/typesetting.md "Column widths"): the
/// widths that fill the 版心 and minimise the table's printed lines, with no
/// orphan line, no broken short name, no split （2个） and headers broken only
/// between words wherever some width allows it. The DOCX and XLSX writers both
/// take their widths from here, so the two print alike.
///
/// Plugin weights (doc::Column::weight) are hints: they never override a
/// measured need, they order ties and share out the width left when every
/// column already holds its text as well as it can.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bangfu/doc/document.hpp"
#include "bangfu/layout/line_break.hpp"

namespace bangfu::layout {

struct TableMetrics {
  int textWidthTwips = 0;    ///< the 版心 width the table fills
  int halfPoints = 28;       ///< body size (w:sz)
  int cellPaddingTwips = 0;  ///< left + right cell margins together
};

/// GB/T 9704 sets no table size; practice runs 3号 to 小四 (spec §2). 4号 (w:sz 28)
/// is the tables' default in DOCX and XLSX alike.
inline constexpr int kTableDefaultHalfPoints = 28;
/// Cell padding either side: 1.5 mm; 1 mm in a table of kDenseTableColumns or more
/// (the suzhou calendar: 5 + 12 months), so that 小四 still fits the 版心 with whole words.
inline constexpr int kCellSideTwips = 85;
inline constexpr int kDenseCellSideTwips = 57;
inline constexpr std::size_t kDenseTableColumns = 12;

/// The size, padding and width the writers set `t` at on a 版心 `textWidthTwips` wide.
TableMetrics tableMetrics(const doc::Table& t, std::size_t ncols, int textWidthTwips);

/// The character spacing table text prints at: the table styles inherit the Normal
/// style's w:spacing −5 (docx/layout.hpp kBodyCharSpacingTwips: 0.25 pt less a
/// character, GB/T 9704-2012 5.2.3's 28 a line), at every size. It stays: without
/// it LibreOffice broke headers sized to their text (its DOCX import keeps a column as
/// a 1/10000 share of the table, up to 1.3 tw narrower: lishui-2019 附件2 printed
/// 县（市、/区） in a 1850-tw column), and the 5 tw a character absorbs that rounding
/// (docs/typesetting.md "The line model").
inline constexpr int kCharSpacingTwips = -5;

/// The width the text of a cell over grid columns [col, col + span) is measured
/// in: their widths less the cell margins, stretched by em / (em + kCharSpacingTwips)
/// so that the faces' own advances measure the condensed line (n 字 of an em e fit
/// c twips condensed when n (e + s) ≤ c, that is n e ≤ c e / (e + s)), in whole twips
/// below. Every measure of a cell's lines takes this (solver, rows, cuts, writers).
int cellContentTwips(const std::vector<int>& widths, std::size_t col, std::size_t span,
                     const TableMetrics& m);
/// cellContentTwips of a column `gridTwips` wide.
int columnContentTwips(int gridTwips, const TableMetrics& m);

/// A cell placed on the grid (rows listed HTML-style, as doc::Table says).
struct PlacedCell {
  std::size_t row = 0;
  std::size_t col = 0;
  std::size_t colSpan = 1;
  std::size_t rowSpan = 1;
  const doc::Cell* cell = nullptr;
};

/// Every cell of `t` on a grid of `ncols` columns, in row order.
std::vector<PlacedCell> placeCells(const doc::Table& t, std::size_t ncols);

/// placeCells a row at a time, in order (placeCells is this, row after row).
class CellPlacer {
 public:
  CellPlacer(const doc::Table& t, std::size_t ncols);
  /// Appends the cells of the next row to `out`. Returns whether that row lies in
  /// a vertical merge: a cell of it spans rows, or one from a row above covers it.
  bool placeNext(std::vector<PlacedCell>& out);

 private:
  const doc::Table& t_;
  std::size_t ncols_;
  std::size_t row_ = 0;
  std::vector<int> below_;
  std::vector<std::size_t> span_;
};

/// A cell's text prepared for breaking: per paragraph (w:p), its pieces between
/// line breaks (w:br). Header cells measure in 黑体 and break between words.
std::vector<std::vector<BreakableText>> prepareCellText(const doc::Cell& c, bool header, int halfPoints);

/// The face a cell paragraph measures in: its first run's own, else 黑体 in a
/// header and 仿宋 in the body (the table styles').
doc::Face paragraphFace(const doc::Paragraph& p, bool header);

/// A cell paragraph's text, without a copy where it is one run (nearly every
/// cell); `joined` holds it otherwise.
std::string_view paragraphText(const doc::Paragraph& p, std::string& joined);

/// orphanNarrowing for one cell paragraph at a content width, after a quick test
/// that most paragraphs pass (no orphan at all).
double paragraphNarrowing(const doc::Paragraph& p, bool header, int halfPoints, double widthTwips);

/// Widths in twips, summing to m.textWidthTwips exactly.
std::vector<int> solveColumnWidths(const doc::Table& t, std::size_t ncols, const TableMetrics& m);

/// The lines a cell takes at a content width (twips) as the writers set it: each
/// piece of each paragraph (between w:br) broken greedily, an empty one a line, a
/// paragraph ending in an orphan narrowed (orphanNarrowing) where that helps.
/// `greedyLines`, if given, gets the count before any narrowing; `noNarrowing`
/// whether paragraphNarrowing is known to be 0 for every paragraph of `c` at this
/// width (no orphan, and endsInOrphan's model agrees), so a writer may skip it.
int cellLines(const doc::Cell& c, bool header, int halfPoints, double widthTwips, int* greedyLines = nullptr,
              bool* noNarrowing = nullptr);

/// The lines each row needs at `widths` (the tallest of its single-row cells;
/// a cell spanning rows is not counted).
std::vector<int> rowLines(const doc::Table& t, std::size_t ncols, const std::vector<int>& widths,
                          const TableMetrics& m);

/// One cell measured by measureRows: its content width and cellLines there.
struct CellLineCount {
  int widthTwips = 0;        ///< 0: not measured (the cell spans rows or lies past the grid)
  int lines = 0;             ///< cellLines
  int greedyLines = 0;       ///< cellLines' greedyLines (before orphan narrowing)
  bool noNarrowing = false;  ///< cellLines' noNarrowing
};

/// rowLines, keeping what it measured of every cell, so pagination and the row
/// split (layout::planRowCuts) break each cell once.
struct TableLines {
  std::vector<int> rows;               ///< rowLines
  std::vector<std::size_t> firstCell;  ///< per row, where its cells start in `cells`; one more at the end
  std::vector<CellLineCount> cells;    ///< per cell of each row, in the order of doc::Row::cells
  const CellLineCount& cell(std::size_t row, std::size_t index) const {
    return cells[firstCell[row] + index];
  }
};

TableLines measureRows(const doc::Table& t, std::size_t ncols, const std::vector<int>& widths,
                       const TableMetrics& m);

/// measureRows a row at a time, in order (measureRows is this, row after row): for
/// a writer that measures each row just before it writes it.
class RowMeasurer {
 public:
  RowMeasurer(const doc::Table& t, std::size_t ncols, const std::vector<int>& widths, const TableMetrics& m);
  /// Measures the next row.
  void measureNext();
  /// Of the row measured last: measureRows' rows[r], its cells (one per cell of
  /// the row, as TableLines::cells), and whether it lies in a vertical merge.
  int lines() const { return lines_; }
  const std::vector<CellLineCount>& cells() const { return cells_; }
  bool merged() const { return merged_; }

 private:
  const doc::Table& t_;
  const std::vector<int>& widths_;
  TableMetrics m_;
  CellPlacer placer_;
  std::size_t row_ = 0;
  std::vector<PlacedCell> placed_;
  std::vector<CellLineCount> cells_;
  int lines_ = 1;
  bool merged_ = false;
};

}  // namespace bangfu::layout
