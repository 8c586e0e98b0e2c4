#pragma once
/// Vertically merged groups at page boundaries (issue 16): a group that fits on a
/// page is kept together (keep-with-next on each of its rows but the last); a
/// longer one is cut into page-sized runs of rows, each of which starts its own
/// merge and repeats the group's label, so no printed page starts a table body
/// with a blank merged cell.
#include <cstddef>
#include <vector>

#include "bangfu/doc/document.hpp"

namespace bangfu::layout {

struct GroupPlan {
  /// Per table row: keep it on the page of the next row.
  std::vector<unsigned char> keepWithNext;
  /// Where a long group starts again: the row, the grid column, and the rows
  /// the new merge spans (≥ 1); the label is the group's own cell.
  struct Restart {
    std::size_t row;
    std::size_t col;
    std::size_t rowSpan;
  };
  std::vector<Restart> restarts;
};

/// `rowHeights` (twips, one per table row) and `pageCapacity` (twips of body rows
/// one page holds below the repeated header rows).
GroupPlan planGroups(const doc::Table& t, std::size_t ncols, const std::vector<int>& rowHeights,
                     int pageCapacity);

}  // namespace bangfu::layout
