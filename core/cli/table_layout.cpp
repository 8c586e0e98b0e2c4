#include "table_layout.hpp"

#include <algorithm>
#include <string_view>

namespace bangfu::cli {

namespace {

// A statistical table's title block: at most this many merged rows above the header.
constexpr std::size_t kMaxTitleRows = 3;
// Header blocks of Chinese statistical tables: a group row (1月) over its parts
// (存款 贷款), rarely a third level.
constexpr std::size_t kMaxHeaderRows = 3;
// Rows searched for the one that names the requested columns: a title block and a
// few lines of 填报单位 and dates above the header, no more.
constexpr std::size_t kMaxLeadRows = 10;

bool empty(const io::SheetCell& c) {
  return c.type == io::SheetCell::Type::Empty || c.text.find_first_not_of(" \t\r\n") == std::string::npos;
}

/// `s` without its spaces, written to `out`; "" as soon as that would not fit.
template <std::size_t N>
std::string_view withoutSpaces(const std::string& s, char (&out)[N]) {
  std::size_t length = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == ' ' || s[i] == '\t') {
      ++i;
    } else if (s[i] == '\xE3' && s.compare(i, 3, "\xE3\x80\x80") == 0) {  // U+3000 ideographic space (合　计)
      i += 3;
    } else {
      if (length == N) return {};
      out[length++] = s[i++];
    }
  }
  return {out, length};
}

}  // namespace

Grid::Grid(const io::Sheet& sheet, bool includeHidden) : sheet_(sheet) {
  const auto hiddenRow = [&](std::size_t r) {
    return std::binary_search(sheet.hiddenRows.begin(), sheet.hiddenRows.end(), static_cast<int>(r + 1));
  };
  const auto hiddenCol = [&](std::size_t c) {
    return std::binary_search(sheet.hiddenColumns.begin(), sheet.hiddenColumns.end(),
                              static_cast<int>(c + 1));
  };
  const auto width = static_cast<std::size_t>(sheet.columnCount());
  for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
    if (!includeHidden && hiddenRow(r)) {
      bool any = false;
      for (const auto& c : sheet.rows[r]) any = any || !empty(c);
      if (any) hiddenRows.push_back(static_cast<int>(r + 1));
      continue;
    }
    rows_.push_back(r);
  }
  for (std::size_t c = 0; c < width; ++c) {
    if (!includeHidden && hiddenCol(c)) {
      bool any = false;
      for (const auto& row : sheet.rows) any = any || (c < row.size() && !empty(row[c]));
      if (any) hiddenColumns.push_back(static_cast<int>(c + 1));
      continue;
    }
    cols_.push_back(c);
  }
  // Visible part of each merge, by binary search: a hostile file may list many huge ranges.
  auto visible = [](const std::vector<std::size_t>& kept, int first, int last, std::size_t& lo,
                    std::size_t& hi) {
    const auto a = std::lower_bound(kept.begin(), kept.end(), static_cast<std::size_t>(first - 1));
    const auto b = std::upper_bound(kept.begin(), kept.end(), static_cast<std::size_t>(last - 1));
    if (a >= b) return false;
    lo = static_cast<std::size_t>(a - kept.begin());
    hi = static_cast<std::size_t>(b - kept.begin()) - 1;
    return true;
  };
  for (const auto& m : sheet.merges) {
    Span s{};
    if (visible(rows_, m.firstRow, m.lastRow, s.firstRow, s.lastRow) &&
        visible(cols_, m.firstCol, m.lastCol, s.firstCol, s.lastCol))
      spans_.push_back(s);
  }
}

const io::SheetCell& Grid::at(std::size_t r, std::size_t c) const {
  static const io::SheetCell kEmpty{};
  if (r >= rows_.size() || c >= cols_.size()) return kEmpty;
  const auto& row = sheet_.rows[rows_[r]];
  return cols_[c] < row.size() ? row[cols_[c]] : kEmpty;
}

std::string Grid::takeText(std::size_t r, std::size_t c, io::Sheet& sheet) const {
  if (&sheet != &sheet_ || r >= rows_.size() || c >= cols_.size()) return at(r, c).text;
  auto& row = sheet.rows[rows_[r]];
  return cols_[c] < row.size() ? std::move(row[cols_[c]].text) : std::string();
}

diag::Location Grid::place(std::size_t r, std::size_t c) const {
  diag::Location l;
  l.file = sheet_.file;
  l.sheet = sheet_.name;
  const std::size_t sr =
      r < rows_.size() ? rows_[r] : (rows_.empty() ? 0 : rows_.back() + 1 + (r - rows_.size()));
  // CSV rows can span lines: name the text line the row starts on.
  l.row = csv() && sr < sheet_.lines.size() ? sheet_.lines[sr] : static_cast<int>(sr + 1);
  l.column = static_cast<int>(
      (c < cols_.size() ? cols_[c] : (cols_.empty() ? 0 : cols_.back() + 1 + (c - cols_.size()))) + 1);
  return l;
}

bool Grid::blank(std::size_t r) const {
  for (std::size_t c = 0; c < cols_.size(); ++c)
    if (!empty(at(r, c))) return false;
  return true;
}

int Grid::fieldCount(std::size_t r) const { return csv() && r < rows_.size() ? sheet_.widths[rows_[r]] : -1; }

const Grid::Span* Grid::spanAt(std::size_t r, std::size_t c) const {
  if (c >= cols_.size()) return nullptr;
  auto row = spanRows_.find(r);
  if (row == spanRows_.end()) {
    // One pass over the spans, then a sweep by first column: overlapping (invalid,
    // hostile) merges cost no more than the row's width.
    std::vector<const Span*> covering;
    for (const auto& s : spans_)
      if (s.firstRow <= r && r <= s.lastRow) covering.push_back(&s);
    std::sort(covering.begin(), covering.end(),
              [](const Span* a, const Span* b) { return a->firstCol < b->firstCol; });
    std::vector<const Span*> byColumn(cols_.size(), nullptr);
    std::size_t next = 0;
    for (const Span* s : covering) {
      for (std::size_t k = std::max(next, s->firstCol); k <= s->lastCol && k < byColumn.size(); ++k)
        byColumn[k] = s;
      next = std::max(next, s->lastCol + 1);
    }
    row = spanRows_.emplace(r, std::move(byColumn)).first;
  }
  return row->second[c];
}

namespace {

std::size_t lastFilled(const Grid& g, std::size_t r) {
  std::size_t last = 0;
  for (std::size_t c = 0; c < g.columnCount(); ++c)
    if (!empty(g.at(r, c))) last = c + 1;
  return last;
}

std::size_t filledCount(const Grid& g, std::size_t r) {
  std::size_t n = 0;
  for (std::size_t c = 0; c < g.columnCount(); ++c)
    if (!empty(g.at(r, c))) ++n;
  return n;
}

/// A title row: one text, merged across most of the table, or alone in the
/// first column above a fuller row (the same title left unmerged).
bool isTitleRow(const Grid& g, std::size_t r, std::size_t next, std::size_t width) {
  if (width < 2) return false;
  std::string text;
  for (std::size_t c = 0; c < g.columnCount(); ++c) {
    const io::SheetCell& cell = g.at(r, c);
    if (empty(cell)) continue;
    const Grid::Span* s = g.spanAt(r, c);
    if (!text.empty() && cell.text != text) return false;
    if (text.empty() && s == nullptr && c != 0) return false;
    text = cell.text;
  }
  if (text.empty()) return false;
  for (const auto& s : g.spans())
    if (s.firstRow <= r && s.lastRow >= r &&
        s.lastCol - s.firstCol + 1 >= std::max<std::size_t>(2, (width + 1) / 2))
      return true;
  return filledCount(g, r) == 1 && next < g.rowCount() && filledCount(g, next) >= 2;
}

}  // namespace

TableLayout detectLayout(const Grid& g, int headerRow, int headerRows, const std::vector<std::string>& wanted,
                         diag::Diagnostics& diags) {
  TableLayout layout;
  std::size_t first = 0;
  while (first < g.rowCount() && g.blank(first)) ++first;
  std::size_t width = 0;
  for (std::size_t r = first; r < g.rowCount(); ++r) width = std::max(width, lastFilled(g, r));
  auto nextFilled = [&](std::size_t r) {
    ++r;
    while (r < g.rowCount() && g.blank(r)) ++r;
    return r;
  };
  std::size_t header = first;
  if (headerRow > 0) {
    // --header-row R: the sheet's row R; whatever is above it is title.
    header = g.rowCount();
    for (std::size_t r = 0; r < g.rowCount(); ++r)
      if (g.place(r, 0).row == headerRow) header = r;
    if (header == g.rowCount()) {
      diags.error("table.bad-header-row", g.place(0, 0),
                  "--header-row " + std::to_string(headerRow) + " 不在表中（或该行已隐藏）",
                  "--header-row " + std::to_string(headerRow) + " is not a (visible) row of the sheet",
                  "用表头所在的行号，如 --header-row 3",
                  "give the row number of the header, e.g. --header-row 3");
      header = first;
    }
    for (std::size_t r = first; r < header; ++r)
      if (!g.blank(r)) layout.titleRows.push_back(r);
  } else {
    while (layout.titleRows.size() < kMaxTitleRows && header < g.rowCount() &&
           isTitleRow(g, header, nextFilled(header), width)) {
      layout.titleRows.push_back(header);
      header = nextFilled(header);
    }
    // The first row that names every requested column, when the header found names none.
    std::vector<std::string> names;
    for (const auto& w : wanted)
      if (!w.empty() && !std::all_of(w.begin(), w.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c)) || std::isupper(static_cast<unsigned char>(c));
          }))
        names.push_back(w);
    auto namesIn = [&](std::size_t r, bool any) {
      std::size_t found = 0;
      for (const auto& n : names)
        for (std::size_t c = 0; c < g.columnCount(); ++c)
          if (g.at(r, c).text == n) {
            ++found;
            break;
          }
      return any ? found > 0 : found == names.size();
    };
    // A leaf name in the row under a header with merged groups belongs to that header.
    const bool groupedHeader = std::any_of(g.spans().begin(), g.spans().end(),
                                           [&](const Grid::Span& sp) { return sp.firstRow == header; });
    if (!names.empty() && header < g.rowCount() && !namesIn(header, true) &&
        !(groupedHeader && namesIn(header + 1, true))) {
      for (std::size_t r = first; r < g.rowCount() && r < first + kMaxLeadRows; ++r) {
        if (!namesIn(r, false)) continue;
        layout.titleRows.clear();
        for (std::size_t t = first; t < r; ++t)
          if (!g.blank(t)) layout.titleRows.push_back(t);
        header = r;
        break;
      }
    }
  }
  for (std::size_t r : layout.titleRows) {
    std::string line;
    for (std::size_t c = 0; c < g.columnCount(); ++c) {
      const std::string& t = g.at(r, c).text;
      if (empty(g.at(r, c)) || (c > 0 && g.spanAt(r, c) != nullptr && g.spanAt(r, c) == g.spanAt(r, c - 1)))
        continue;
      line += (line.empty() ? "" : " ") + t;
    }
    layout.title += (layout.title.empty() ? "" : "\n") + line;
  }
  layout.headerFirst = header;
  if (headerRows > 0) {
    layout.headerCount = static_cast<std::size_t>(headerRows);
  } else {
    // Grow the block while a merge in it reaches below it, or its last row has a
    // group cell (1月 over 存款 贷款) whose parts are in the next row.
    std::size_t n = 1;
    while (n < kMaxHeaderRows && header + n < g.rowCount()) {
      const std::size_t last = header + n - 1;
      bool grow = false;
      for (const auto& s : g.spans()) {
        if (s.firstRow < header || s.firstRow > last) continue;
        if (s.lastRow > last) grow = true;
        if (s.firstRow == last && s.lastRow == last && s.lastCol > s.firstCol &&
            s.lastCol - s.firstCol + 1 < width)
          grow = true;
      }
      if (!grow) break;
      ++n;
    }
    layout.headerCount = n;
  }
  if (header + layout.headerCount > g.rowCount())
    layout.headerCount = g.rowCount() > header ? g.rowCount() - header : 1;
  for (std::size_t r = header; r < header + layout.headerCount && r < g.rowCount(); ++r)
    layout.width = std::max(layout.width, lastFilled(g, r));
  return layout;
}

TotalKind totalKindOf(const Grid& g, std::size_t row, std::size_t width) {
  int seen = 0;
  for (std::size_t c = 0; c < width && seen < 2; ++c) {
    const io::SheetCell& cell = g.at(row, c);
    if (empty(cell)) continue;
    ++seen;
    // No label is longer than 全市合计: a long text is not read whole (a row's
    // first cells may hold a county's whole list).
    constexpr std::size_t kLongestLabelBytes = sizeof("全市合计") - 1;
    char label[kLongestLabelBytes];
    const std::string_view t = withoutSpaces(cell.text, label);
    if (t == "合计" || t == "总计" || t == "总合计" || t == "全市合计" || t == "共计")
      return TotalKind::Total;
    if (t == "小计") return TotalKind::Subtotal;
  }
  return TotalKind::None;
}

}  // namespace bangfu::cli
