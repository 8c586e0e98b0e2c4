// rowLinesAbove: the lines of the body rows, by the streamed greedy breaking.
#include <algorithm>
#include <string>

#include "bangfu/layout/columns.hpp"
#include "bangfu/layout/line_break.hpp"

namespace bangfu::layout {

std::vector<int> rowLinesAbove(const doc::Table& t, std::size_t ncols, const std::vector<int>& widths,
                               const TableMetrics& m, int lines) {
  for (const auto& row : t.rows)
    for (const auto& c : row.cells)
      if (c.rowSpan > 1) return rowLines(t, ncols, widths, m);
  std::vector<int> out(t.rows.size(), 1);
  std::string text;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const doc::Row& row = t.rows[r];
    if (row.kind == doc::RowKind::Header) continue;
    std::size_t col = 0;
    for (const auto& c : row.cells) {
      const auto span = static_cast<std::size_t>(std::max(1, c.colSpan));
      int w = 0;
      for (std::size_t k = col; k < col + span && k < widths.size(); ++k) w += widths[k];
      col += span;
      const double room = std::max(1, w - m.cellPaddingTwips);
      int n = 0;
      for (const auto& p : c.lines) {
        text.clear();
        for (const auto& run : p.runs) text += run.text;
        const doc::Face face = p.runs.empty() ? doc::Face::Fang : p.runs.front().face;
        n += streamedLineCount(text, face, m.halfPoints, room, lines - n);
        if (n > lines) break;  // tall enough: the exact count does not matter here
      }
      out[r] = std::max(out[r], n);
    }
  }
  return out;
}

}  // namespace bangfu::layout
