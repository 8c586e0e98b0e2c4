#pragma once
/// Where a worksheet's printed pages break: rows set at known heights, the header
/// rows repeated on every page (print titles), and a vertically merged group kept
/// on one page wherever it fits on one (issue 16: the XLSX print sliced 萧县 in
/// half across pp.1–2). The breaks go out as manual row breaks (ECMA-376
/// §18.3.1.73 rowBreaks), which Excel and LibreOffice print as given.
#include <cstddef>
#include <vector>

namespace bangfu::xlsx::detail {

/// Rows of a merged group, 0-based sheet rows, inclusive.
struct RowGroup {
  std::size_t first = 0;
  std::size_t last = 0;
};

struct Pagination {
  std::vector<double> rowHeightsPt;  ///< every sheet row, from row 0
  std::size_t repeatFirst = 0;       ///< print titles (the table's header rows)
  std::size_t repeatCount = 0;       ///< 0: no rows repeat
  std::vector<RowGroup> groups;      ///< vertically merged body groups, by first row
  double pageHeightPt = 0;           ///< the printable height, at the print scale
  /// Rows that must start a page (sorted): the later parts of a tall row cut at
  /// the page boundary layout::splitTallRows computed (issue 16, as the DOCX).
  std::vector<std::size_t> forcedStarts;
};

/// The 0-based rows that start a new page (rowBreaks/brk@id is the row above,
/// 1-based: the same number). Greedy: a page takes rows while they fit; when a
/// row does not, the page ends before it, or before the start of the earliest
/// group around it that would fit on a page of its own (with the repeated
/// header). A group taller than a page is cut where the page is full. A row of
/// forcedStarts starts a page whatever room is left.
/// `groups` sorted by first row.
std::vector<std::size_t> pageBreaks(const Pagination& p);

}  // namespace bangfu::xlsx::detail
