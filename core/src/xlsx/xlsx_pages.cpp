// Print pagination of the XLSX writer (xlsx_pages.hpp).
#include "xlsx/xlsx_pages.hpp"

#include <algorithm>

namespace bangfu::xlsx::detail {

std::vector<std::size_t> pageBreaks(const Pagination& p) {
  std::vector<std::size_t> breaks;
  const std::size_t n = p.rowHeightsPt.size();
  const std::size_t repeatEnd = p.repeatFirst + p.repeatCount;  // one past the last title row
  double repeatPt = 0;
  for (std::size_t r = p.repeatFirst; r < std::min(repeatEnd, n); ++r) repeatPt += p.rowHeightsPt[r];
  auto groupOf = [&](std::size_t r) -> const RowGroup* {
    // groups are sorted by first row and do not overlap in one column; several
    // columns may merge, so the widest group around r counts.
    const RowGroup* best = nullptr;
    for (const RowGroup& g : p.groups) {
      if (g.first > r) break;
      if (g.last >= r && g.first < r && (best == nullptr || g.first < best->first)) best = &g;
    }
    return best;
  };
  auto heightOf = [&](std::size_t first, std::size_t last) {
    double h = 0;
    for (std::size_t r = first; r <= last && r < n; ++r) h += p.rowHeightsPt[r];
    return h;
  };
  std::size_t pageStart = 0;
  double used = 0;
  for (std::size_t r = 0; r < n; ++r) {
    const double h = p.rowHeightsPt[r];
    if (used + h <= p.pageHeightPt || r == pageStart) {
      used += h;
      continue;
    }
    // Rows after the print titles get them again at the top of the new page.
    const double top = p.repeatCount > 0 && r >= repeatEnd ? repeatPt : 0;
    std::size_t start = r;
    const RowGroup* g = groupOf(r);
    if (g != nullptr && g->first > pageStart && top + heightOf(g->first, g->last) <= p.pageHeightPt)
      start = g->first;
    breaks.push_back(start);
    pageStart = start;
    used = top + heightOf(start, r);
  }
  return breaks;
}

}  // namespace bangfu::xlsx::detail
