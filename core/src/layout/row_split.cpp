#include "bangfu/layout/row_split.hpp"

#include <algorithm>
#include <optional>
#include <utility>

namespace bangfu::layout {
namespace {

/// A place where a part of the cut cell may start: paragraph `para`, at code
/// point `offset` of its text; `linesBefore` lines of the cell come before it.
struct Boundary {
  std::size_t para;
  std::size_t offset;
  int linesBefore;
};

/// Code points of `s` (UTF-8 lead bytes; the model holds valid UTF-8).
std::size_t codePoints(const std::string& s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

/// Byte index of code point `cp` in `s`.
std::size_t byteOf(const std::string& s, std::size_t cp) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (seen == cp) return i;
    ++seen;
  }
  return s.size();
}

/// `p` cut before code point `offset`: runs keep their face and bold.
std::pair<doc::Paragraph, doc::Paragraph> cutParagraph(const doc::Paragraph& p, std::size_t offset) {
  doc::Paragraph head = p;
  doc::Paragraph tail = p;
  head.runs.clear();
  tail.runs.clear();
  std::size_t at = 0;
  for (const auto& r : p.runs) {
    const std::size_t n = codePoints(r.text);
    if (at + n <= offset) {
      head.runs.push_back(r);
    } else if (at >= offset) {
      tail.runs.push_back(r);
    } else {
      const std::size_t b = byteOf(r.text, offset - at);
      doc::Run a = r;
      doc::Run z = r;
      a.text = r.text.substr(0, b);
      z.text = r.text.substr(b);
      head.runs.push_back(std::move(a));
      tail.runs.push_back(std::move(z));
    }
    at += n;
  }
  return {std::move(head), std::move(tail)};
}

/// A list item separator a part may end with (、 first of all; docs/typesetting.md
/// "Break rules": in 、 lists a break after 、 is preferred).
bool isListSeparator(char32_t c) { return c == U'、' || c == U'，' || c == U'；'; }

/// The bracket depth of a text read up to `at` (a closing mark without an open
/// one is ignored): carried from line to line, so a cell is read once.
struct BracketDepth {
  std::size_t at = 0;
  int depth = 0;
};

/// Where the part ending with the line [lineStart, nextStart) of `text` ends: just
/// after the line's last list separator outside brackets, so no name is cut at
/// the page, or at the line's end when the line holds none past its
/// kSplitPartMinLastChars first characters (the part would end in an orphan).
/// `d` has read the text no further than lineStart; calls go line by line.
std::size_t listItemEnd(const std::u32string& text, std::size_t lineStart, std::size_t nextStart,
                        BracketDepth& d) {
  if (nextStart > 0 && isListSeparator(text[nextStart - 1])) return nextStart;
  std::size_t best = nextStart;
  for (; d.at < nextStart; ++d.at) {
    const char32_t c = text[d.at];
    if (c == U'（' || c == U'(' || c == U'《' || c == U'〔') ++d.depth;
    if ((c == U'）' || c == U')' || c == U'》' || c == U'〕') && d.depth > 0) --d.depth;
    if (d.at >= lineStart + kSplitPartMinLastChars && d.depth == 0 && isListSeparator(c)) best = d.at + 1;
  }
  return best;
}

/// The line starts of a cell at content width `width`, each a possible cut
/// (the first, at line 0, is not). Starts after a w:br are left out: the cut
/// would have to drop or move the break.
std::vector<Boundary> lineBoundaries(const doc::Cell& c, double width, int halfPoints, int& totalLines) {
  std::vector<Boundary> out;
  totalLines = 0;
  std::size_t pieceOffset = 0;
  std::vector<std::size_t> starts;
  forEachPiece(c, false, halfPoints, [&](std::size_t p, std::size_t j, const BreakableText& piece) {
    if (j == 0) pieceOffset = 0;
    starts.clear();
    const BreakResult r = breakLines(piece, width, &starts);
    BracketDepth depth;
    for (std::size_t k = 0; k < starts.size(); ++k) {
      if (starts[k] == 0 && (j > 0 || p == 0)) continue;
      const std::size_t at = k > 0 ? listItemEnd(piece.text, starts[k - 1], starts[k], depth) : starts[k];
      out.push_back({p, pieceOffset + at, totalLines + static_cast<int>(k)});
    }
    totalLines += std::max(1, r.lines);
    pieceOffset += piece.text.size() + 1;  // the '\n' between pieces
  });
  return out;
}

/// The cell cut at `b`: lines before it, and from it on.
std::pair<doc::Cell, doc::Cell> cutCell(const doc::Cell& c, const Boundary& b) {
  doc::Cell head = c;
  doc::Cell tail = c;
  head.lines.assign(c.lines.begin(), c.lines.begin() + static_cast<std::ptrdiff_t>(b.para));
  tail.lines.assign(c.lines.begin() + static_cast<std::ptrdiff_t>(b.para) + 1, c.lines.end());
  if (b.offset == 0) {
    tail.lines.insert(tail.lines.begin(), c.lines[b.para]);
  } else {
    auto parts = cutParagraph(c.lines[b.para], b.offset);
    head.lines.push_back(std::move(parts.first));
    tail.lines.insert(tail.lines.begin(), std::move(parts.second));
  }
  return {std::move(head), std::move(tail)};
}

/// A cell of a row laid out alone on the grid (layout::placeCells: spans clipped
/// at the grid's end, cells past it dropped) and its content width.
struct Slot {
  std::size_t cell;  // index into the row's cells
  double width;      // twips
};

std::vector<Slot> slotsOf(const doc::Row& row, std::size_t ncols, const std::vector<int>& widths,
                          const TableMetrics& m) {
  // Only the grid positions matter: a row of empty cells with the same spans.
  doc::Table one;
  one.rows.resize(1);
  for (const auto& c : row.cells) {
    doc::Cell shape;
    shape.colSpan = c.colSpan;
    one.rows[0].cells.push_back(shape);
  }
  std::vector<Slot> slots;
  for (const auto& pc : placeCells(one, ncols)) {
    int w = 0;
    for (std::size_t k = pc.col; k < pc.col + pc.colSpan && k < widths.size(); ++k) w += widths[k];
    slots.push_back({static_cast<std::size_t>(pc.cell - one.rows[0].cells.data()),
                     static_cast<double>(std::max(1, w - m.cellPaddingTwips))});
  }
  return slots;
}

/// The lines of a row whose slots take `cellLines` (rowLines: at least one).
int mostLines(const std::vector<int>& cellLines) {
  int n = 1;
  for (const int c : cellLines) n = std::max(n, c);
  return n;
}

/// `c` on a cut row's later part when it holds a number: empty, same alignment and span.
doc::Cell blanked(const doc::Cell& c) {
  doc::Cell blank = doc::Cell::text("", c.align);
  blank.colSpan = c.colSpan;
  return blank;
}

/// Lines and content width of every cell of `row` at `widths`; the row lies in no
/// vertical merge, so its cells fill the grid from column 1.
struct RowShape {
  std::vector<int> cellLines;   // per cell of the row
  std::vector<int> cellWidths;  // content twips per cell
};

/// Lines are counted as greedily broken, an orphan not narrowed: which cell is
/// tallest. `slotGreedy` holds those counts for `slots` (body cells), measured
/// already where the width is the same.
RowShape shapeOf(const doc::Row& row, const std::vector<int>& widths, const TableMetrics& m,
                 const std::vector<Slot>& slots, const std::vector<int>& slotGreedy) {
  RowShape s;
  std::size_t col = 0;
  for (std::size_t i = 0; i < row.cells.size(); ++i) {
    const doc::Cell& c = row.cells[i];
    const std::size_t n = static_cast<std::size_t>(std::max(1, c.colSpan));
    int w = 0;
    for (std::size_t k = col; k < col + n && k < widths.size(); ++k) w += widths[k];
    w = std::max(1, w - m.cellPaddingTwips);
    int lines = -1;
    for (std::size_t k = 0; k < slots.size(); ++k)
      if (slots[k].cell == i && slots[k].width == w) lines = slotGreedy[k];
    if (lines < 0) cellLines(c, false, m.halfPoints, w, &lines);
    s.cellLines.push_back(std::max(1, lines));
    s.cellWidths.push_back(w);
    col += n;
  }
  return s;
}

}  // namespace

std::optional<SplitTable> splitTallRows(const doc::Table& t, std::size_t ncols,
                                        const std::vector<int>& widths, const TableMetrics& m,
                                        const std::vector<int>& lines,
                                        const std::vector<unsigned char>& keepWithNext, const RowGeometry& g,
                                        const PageRoom& room) {
  if (room.pageTwips <= 0 || g.lineTwips <= 0) return std::nullopt;
  if (std::none_of(lines.begin(), lines.end(), [](int n) { return n >= kSplitRowMinLines; }))
    return std::nullopt;
  SplitTable result;
  doc::Table& out = result.table;
  std::vector<int>& outLines = result.lines;
  outLines.reserve(t.rows.size() + t.rows.size() / 4);
  out.name = t.name;
  out.columns = t.columns;
  out.fontHalfPoints = t.fontHalfPoints;
  std::size_t splits = 0;
  // Rows touched by a vertical merge (starting one or covered by one) stay whole:
  // their groups are layout::planGroups' business.
  std::vector<unsigned char> merged(t.rows.size(), 0);
  for (const auto& pc : placeCells(t, ncols)) {
    if (pc.rowSpan < 2) continue;
    for (std::size_t r = pc.row; r < pc.row + pc.rowSpan && r < t.rows.size(); ++r) merged[r] = 1;
  }
  const auto height = [&](int n) { return n * g.lineTwips + g.rowExtraTwips; };
  out.rows.reserve(t.rows.size() + t.rows.size() / 4);
  const bool firstKnown = room.firstPageTwips >= 0;
  int left = firstKnown ? room.firstPageTwips : room.pageTwips;
  bool firstPage = true;
  const auto newPage = [&] {
    left = room.pageTwips;
    firstPage = false;
  };
  std::size_t r = 0;
  while (r < t.rows.size()) {
    const doc::Row& row = t.rows[r];
    if (row.kind == doc::RowKind::Header) {
      out.rows.push_back(row);  // header rows repeat on every page: outside the room
      outLines.push_back(lines[r]);
      result.continues.push_back(0);
      ++r;
      continue;
    }
    // A block: the row and those it is kept with.
    std::size_t end = r + 1;
    while (end < t.rows.size() && keepWithNext[end - 1] != 0) ++end;
    int block = 0;
    for (std::size_t k = r; k < end; ++k) block += height(lines[k]);
    const bool alone = end == r + 1;
    if (block <= left || !alone || merged[r] != 0 || lines[r] < kSplitRowMinLines) {
      // Whole: here if it fits, else at the top of the next page.
      if (block > left && left < room.pageTwips) newPage();
      left -= block;
      for (std::size_t k = r; k < end; ++k) {
        out.rows.push_back(t.rows[k]);
        outLines.push_back(lines[k]);
        result.continues.push_back(0);
      }
      r = end;
      while (left < 0) left += room.pageTwips;  // a block taller than a page runs on
      continue;
    }
    // A tall row that does not fit: cut its tallest cell where the page ends.
    // The lines a (cut) row takes as the writer sets it are layout::rowLines of it
    // alone: the most of its slots' cellLines. Cutting changes one cell and blanks
    // numbers, so only those are measured again. (Header rows were placed above.)
    const std::vector<Slot> slots = slotsOf(row, ncols, widths, m);
    const auto measure = [&](const doc::Cell& c, const Slot& s, int* greedy = nullptr) {
      return cellLines(c, false, m.halfPoints, s.width, greedy);
    };
    std::vector<int> restCellLines(slots.size());
    std::vector<int> slotGreedy(slots.size());
    for (std::size_t k = 0; k < slots.size(); ++k)
      restCellLines[k] = measure(row.cells[slots[k].cell], slots[k], &slotGreedy[k]);
    const RowShape shape = shapeOf(row, widths, m, slots, slotGreedy);
    const auto tallest = static_cast<std::size_t>(
        std::max_element(shape.cellLines.begin(), shape.cellLines.end()) - shape.cellLines.begin());
    int others = 1;
    for (std::size_t c = 0; c < shape.cellLines.size(); ++c)
      if (c != tallest) others = std::max(others, shape.cellLines[c]);
    std::vector<int> tailCellLines(slots.size());
    doc::Row rest = row;
    bool cut = false;
    while (true) {
      const int restHeight = height(mostLines(restCellLines));
      if (restHeight <= left) break;
      if (!firstKnown && firstPage) break;
      int total = 0;
      const std::vector<Boundary> bounds =
          lineBoundaries(rest.cells[tallest], shape.cellWidths[tallest], m.halfPoints, total);
      // The latest cut whose parts both hold ≥ 2 lines and whose first part fits,
      // each part measured as the writer sets it (rowLines: orphan narrowing too).
      bool found = false;
      for (auto b = bounds.rbegin(); b != bounds.rend() && !found; ++b) {
        if (b->linesBefore < kSplitPartMinLines || total - b->linesBefore < kSplitPartMinLines) continue;
        if (height(std::max(b->linesBefore, others)) > left) continue;
        auto parts = cutCell(rest.cells[tallest], *b);
        // The head keeps the other cells as they are; the tail blanks their numbers.
        int headLines = 1;
        for (std::size_t k = 0; k < slots.size(); ++k)
          headLines = std::max(headLines,
                               slots[k].cell == tallest ? measure(parts.first, slots[k]) : restCellLines[k]);
        if (height(headLines) > left) continue;
        for (std::size_t k = 0; k < slots.size(); ++k) {
          const doc::Cell& c = rest.cells[slots[k].cell];
          tailCellLines[k] = slots[k].cell == tallest ? measure(parts.second, slots[k])
                             : c.number               ? measure(blanked(c), slots[k])
                                                      : restCellLines[k];
        }
        if (mostLines(tailCellLines) < kSplitPartMinLines) continue;
        doc::Row head = rest;
        head.cells[tallest] = std::move(parts.first);
        doc::Row tail = std::move(rest);
        tail.cells[tallest] = std::move(parts.second);
        // A number prints on its row's first part only: repeated on the next
        // page, a reader adding up the column would count it twice.
        for (std::size_t c = 0; c < tail.cells.size(); ++c) {
          if (c != tallest && tail.cells[c].number) tail.cells[c] = blanked(tail.cells[c]);
        }
        result.continues.push_back(cut ? 1 : 0);
        out.rows.push_back(std::move(head));
        outLines.push_back(headLines);
        rest = std::move(tail);
        restCellLines.swap(tailCellLines);
        found = true;
      }
      if (!found) {
        if (left >= room.pageTwips) break;  // not even a page's room helps: print it whole
        newPage();
        continue;
      }
      cut = true;
      newPage();
    }
    const int restLines = mostLines(restCellLines);
    const int restHeight = height(restLines);
    if (restHeight > left && left < room.pageTwips) newPage();
    left -= restHeight;
    while (left < 0) left += room.pageTwips;
    result.continues.push_back(cut ? 1 : 0);
    out.rows.push_back(std::move(rest));
    outLines.push_back(restLines);
    if (cut) ++splits;
    ++r;
  }
  if (splits == 0) return std::nullopt;
  return result;
}

}  // namespace bangfu::layout
