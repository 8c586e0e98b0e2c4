#pragma once
/// Tall rows at page bottoms (issue 16; docs/typesetting.md "Rows across pages").
/// Every data row stays w:cantSplit (spec §2 "data rows never split", §6 check 15),
/// so the renderer never breaks a row; instead a tall row that does not fit in the
/// room left on a page becomes two (or more) table rows at the page boundary that
/// this pagination computes: its tallest cell is cut at a line boundary of its own
/// greedy breaking, and every other text cell repeats its text on each part, so the
/// continuation page starts with its labels, not with blank cells; a number is
/// printed on the first part only, so it is counted once.
#include <cstddef>
#include <optional>
#include <vector>

#include "bangfu/doc/document.hpp"
#include "bangfu/layout/columns.hpp"

namespace bangfu::layout {

/// A row is split only when it has at least this many lines: two parts of
/// kSplitPartMinLines each. A row of 3 lines or fewer leaves at most 3 table
/// lines (about 21 mm at 四号) empty, no more than a typical row of such a table.
inline constexpr int kSplitRowMinLines = 4;
/// No part of a cut cell holds a single line: a lone line beside repeated labels
/// reads as a stray (the orphan/widow rule of docs/typesetting.md "Orphan lines").
inline constexpr int kSplitPartMinLines = 2;

/// A part of a cut cell ends after a list separator (、，；) of its last line so
/// that no name is cut at the page; the separator must lie past this many of the
/// line's characters, else the line would end the part as an orphan.
inline constexpr std::size_t kSplitPartMinLastChars = 2;

/// How tall rows print: twips per text line, and the twips a row adds to its
/// lines (cell margins top and bottom, one rule).
struct RowGeometry {
  int lineTwips = 0;
  int rowExtraTwips = 0;
};

/// The pages the table's body rows fill: twips of body rows that fit below the
/// (repeated) header rows on the table's first page and on every later page.
/// firstPageTwips < 0: the first page's room is not known (text above the table),
/// so no row is split there.
struct PageRoom {
  int firstPageTwips = -1;
  int pageTwips = 0;
};

/// A tall row cut at page boundaries: the parts that print in its place, in
/// order, and the lines each takes (layout::rowLines of it, without measuring it again).
struct RowCut {
  std::size_t row = 0;  ///< index into the table's rows
  std::vector<doc::Row> parts;
  std::vector<int> partLines;
  /// Per part, its cells as measured (one per cell of the part; widthTwips 0
  /// where one was not): CellLineCount::noNarrowing lets a writer skip narrowing.
  std::vector<std::vector<CellLineCount>> partCells;
};

/// planRowCuts' walk down the pages, a row or a block at a time, for a writer that
/// measures each row just before it writes it (so that what is written is deflated
/// while the next rows are measured). Fed every body row in order (header rows,
/// which repeat on every page, are not fed), it cuts exactly the rows planRowCuts
/// cuts.
class RowCutPlanner {
 public:
  RowCutPlanner(const std::vector<int>& widths, const TableMetrics& m, const RowGeometry& g,
                const PageRoom& room);
  /// False when the room or the geometry is unknown: then no row is cut.
  bool enabled() const { return enabled_; }
  /// Rows kept together (layout::planGroups' keepWithNext), `twips` high: placed whole.
  void placeBlock(int twips);
  /// Row `r` of the table, kept with no other: placed whole, or cut at the page
  /// boundary (the cut is returned). `rowLines` and `measured` (one per cell of
  /// the row) are layout::measureRows' for it; `merged`: the row lies in a
  /// vertical merge (it is never cut).
  std::optional<RowCut> placeRow(const doc::Row& row, std::size_t r, int rowLines,
                                 const CellLineCount* measured, bool merged);

 private:
  void newPage();

  const std::vector<int>& widths_;
  TableMetrics m_;
  RowGeometry g_;
  PageRoom room_;
  bool enabled_;
  bool firstKnown_;
  int left_;
  bool firstPage_ = true;
};

/// The rows of `t` to cut at the page boundaries, in row order; empty when no row
/// needs it (the common case), and no row is copied that is not cut. `measured` is
/// layout::measureRows at `widths`; `keepWithNext` (one per row, layout::planGroups)
/// marks rows kept with the next one, which move as a block and are never cut.
/// Header rows, rows in a vertically merged group and rows of fewer than
/// kSplitRowMinLines lines stay whole; a cut never falls just after a w:br. The
/// text of the cut cell, read part after part, is the cell's text; the other text
/// cells repeat theirs, numbers print on the first part only. No cut row lies in a
/// merged group, so planGroups of the table as printed is planGroups of `t` with
/// the parts in place of their rows.
std::vector<RowCut> planRowCuts(const doc::Table& t, std::size_t ncols, const std::vector<int>& widths,
                                const TableMetrics& m, const TableLines& measured,
                                const std::vector<unsigned char>& keepWithNext, const RowGeometry& g,
                                const PageRoom& room);

/// A table with its tall rows cut, and the lines each of its rows takes.
struct SplitTable {
  doc::Table table;
  std::vector<int> lines;
  /// Per row of `table`: 1 when it continues the row above (a later part of a cut
  /// row; it starts a page), else 0. The XLSX puts its manual page breaks there.
  std::vector<unsigned char> continues;
};

/// planRowCuts applied to a copy of `t` (nullopt when no row is cut); `lines` is
/// layout::rowLines at `widths`. For callers that want the table as printed; the
/// DOCX writer applies the cuts as it writes.
std::optional<SplitTable> splitTallRows(const doc::Table& t, std::size_t ncols,
                                        const std::vector<int>& widths, const TableMetrics& m,
                                        const std::vector<int>& lines,
                                        const std::vector<unsigned char>& keepWithNext, const RowGeometry& g,
                                        const PageRoom& room);

}  // namespace bangfu::layout
