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
  auto heightOf = [&](std::size_t first, std::size_t last) {
    double h = 0;
    for (std::size_t r = first; r <= last && r < n; ++r) h += p.rowHeightsPt[r];
    return h;
  };
  std::size_t pageStart = 0;
  double used = 0;
  auto forced = p.forcedStarts.begin();
  for (std::size_t r = 0; r < n; ++r) {
    const double h = p.rowHeightsPt[r];
    while (forced != p.forcedStarts.end() && *forced < r) ++forced;
    if (forced != p.forcedStarts.end() && *forced == r && r != pageStart) {
      breaks.push_back(r);
      pageStart = r;
      used = (p.repeatCount > 0 && r >= repeatEnd ? repeatPt : 0) + h;
      continue;
    }
    if (used + h <= p.pageHeightPt || r == pageStart) {
      used += h;
      continue;
    }
    // Rows after the print titles get them again at the top of the new page.
    const double top = p.repeatCount > 0 && r >= repeatEnd ? repeatPt : 0;
    // The page ends before the earliest group around r that fits on a page of its
    // own (a group nested in a taller one is kept; the taller one is cut anyway).
    std::size_t start = r;
    for (const RowGroup& g : p.groups) {
      if (g.first >= r) break;
      if (g.last >= r && g.first > pageStart && g.first < start &&
          top + heightOf(g.first, g.last) <= p.pageHeightPt)
        start = g.first;
    }
    breaks.push_back(start);
    pageStart = start;
    used = top + heightOf(start, r);
  }
  return breaks;
}

}  // namespace bangfu::xlsx::detail
