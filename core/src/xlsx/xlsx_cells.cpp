// Cell placement and line measurement of the XLSX writer (xlsx_cells.hpp).
#include "xlsx/xlsx_cells.hpp"

#include <algorithm>
#include <string_view>

#include "bangfu/text/title_lines.hpp"
#include "xlsx/xlsx_layout.hpp"

namespace bangfu::xlsx::detail {

void Placer::place(std::size_t r, const doc::Row& row, std::vector<Placed>& out, std::vector<long>& owner) {
  const std::size_t cols = busyUntil_.size();
  const long rl = static_cast<long>(r);
  out.clear();
  owner.assign(cols, kEmpty);
  for (std::size_t c = 0; c < cols; ++c) {
    if (busyUntil_[c] >= rl) owner[c] = kAbove;
  }
  std::size_t c = 0;
  for (std::size_t i = 0; i < row.cells.size(); ++i) {
    while (c < cols && owner[c] != kEmpty) ++c;
    if (c >= cols) {
      ++dropped_;
      continue;
    }
    const doc::Cell& cell = row.cells[i];
    const std::size_t wantCols = static_cast<std::size_t>(std::max(1, cell.colSpan));
    const std::size_t wantRows = static_cast<std::size_t>(std::max(1, cell.rowSpan));
    std::size_t cs = 1;
    while (cs < wantCols && c + cs < cols && owner[c + cs] == kEmpty) ++cs;
    const std::size_t rs = std::min(wantRows, rows_ - r);
    if (cs != wantCols || rs != wantRows) ++clamped_;
    for (std::size_t k = c; k < c + cs; ++k) {
      owner[k] = static_cast<long>(out.size());
      busyUntil_[k] = static_cast<long>(r + rs - 1);
    }
    out.push_back(Placed{i, c, rs, cs});
    c += cs;
  }
}

std::size_t measureLines(const std::vector<doc::Paragraph>& lines, std::vector<std::uint32_t>& out) {
  std::size_t bytes = 0;
  if (lines.empty()) out.push_back(0);
  for (const doc::Paragraph& p : lines) {
    std::size_t du = 0;
    for (const doc::Run& run : p.runs) {
      bytes += run.text.size();
      std::string_view s = run.text;
      for (;;) {
        const auto nl = s.find('\n');
        du += displayWidth(s.substr(0, nl));
        if (nl == std::string_view::npos) break;
        out.push_back(static_cast<std::uint32_t>(du));
        du = 0;
        s.remove_prefix(nl + 1);
      }
    }
    out.push_back(static_cast<std::uint32_t>(du));
  }
  return bytes + (lines.empty() ? 0 : lines.size() - 1);
}

std::size_t textBytes(const std::vector<doc::Paragraph>& lines) {
  std::size_t bytes = lines.empty() ? 0 : lines.size() - 1;
  for (const doc::Paragraph& p : lines)
    for (const doc::Run& run : p.runs) bytes += run.text.size();
  return bytes;
}

std::string joinedText(const std::vector<doc::Paragraph>& lines) {
  std::string s;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i) s += '\n';
    for (const doc::Run& r : lines[i].runs) s += r.text;
  }
  return s;
}

std::string oneLine(const std::string& in) {
  const std::string s = text::titleOnOneLine(in);  // without the scheme's ｜ breaks
  std::string out;
  for (char ch : s) {
    if (ch != '\n' && ch != '\r') out += ch;
  }
  return out;
}

}  // namespace bangfu::xlsx::detail
