#include "bangfu/layout/groups.hpp"

#include "bangfu/layout/columns.hpp"

namespace bangfu::layout {

GroupPlan planGroups(const doc::Table& t, std::size_t ncols, const std::vector<int>& rowHeights,
                     int pageCapacity) {
  GroupPlan plan;
  plan.keepWithNext.assign(t.rows.size(), 0);
  for (const auto& pc : placeCells(t, ncols)) {
    if (pc.rowSpan < 2 || t.rows[pc.row].kind == doc::RowKind::Header) continue;
    const std::size_t end = pc.row + pc.rowSpan;
    long long total = 0;
    for (std::size_t r = pc.row; r < end; ++r) total += rowHeights[r];
    if (total <= pageCapacity) {
      for (std::size_t r = pc.row; r + 1 < end; ++r) plan.keepWithNext[r] = 1;
      continue;
    }
    // Longer than a page: runs of rows that each fit, every run its own merge.
    std::size_t start = pc.row;
    long long run = 0;
    for (std::size_t r = pc.row; r < end; ++r) {
      if (r > start && run + rowHeights[r] > pageCapacity) {
        if (start != pc.row) plan.restarts.push_back({start, pc.col, r - start});
        for (std::size_t k = start; k + 1 < r; ++k) plan.keepWithNext[k] = 1;
        start = r;
        run = 0;
      }
      run += rowHeights[r];
    }
    if (start != pc.row) plan.restarts.push_back({start, pc.col, end - start});
    for (std::size_t k = start; k + 1 < end; ++k) plan.keepWithNext[k] = 1;
  }
  return plan;
}

}  // namespace bangfu::layout
