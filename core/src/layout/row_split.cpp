#include "bangfu/layout/row_split.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "bangfu/layout/line_break.hpp"
#include "bangfu/layout/measure.hpp"

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
/// would have to drop or move the break. `totalLines`: the cell's lines (greedy).
/// With `knownTotal` (those lines, ≥ 0, known beforehand) only the starts with at
/// most `maxLinesBefore` lines before them are listed, and the breaking stops
/// there (`truncated`: some were left out).
std::vector<Boundary> lineBoundaries(const doc::Cell& c, double width, int halfPoints, int& totalLines,
                                     int maxLinesBefore = -1, int knownTotal = -1,
                                     bool* truncated = nullptr) {
  std::vector<Boundary> out;
  totalLines = 0;
  const bool limited = knownTotal >= 0;
  bool stopped = false;
  std::vector<std::size_t> starts;
  std::u32string text;
  std::string joined;
  for (std::size_t p = 0; p < c.lines.size() && !stopped; ++p) {
    const std::string_view s = paragraphText(c.lines[p], joined);
    const doc::Face f = paragraphFace(c.lines[p], false);
    std::size_t pieceOffset = 0;
    std::size_t begin = 0;
    for (std::size_t j = 0;; ++j) {
      if (limited && totalLines > maxLinesBefore) {
        stopped = true;
        break;
      }
      const std::size_t nl = s.find('\n', begin);
      const std::string_view piece = s.substr(begin, nl == std::string::npos ? nl : nl - begin);
      starts.clear();
      const std::size_t maxStarts =
          limited ? static_cast<std::size_t>(maxLinesBefore - totalLines) + 1 : static_cast<std::size_t>(-1);
      const BreakResult r = breakText(piece, f, halfPoints, width, &starts, maxStarts);
      // listItemEnd reads the text before the last start: when the breaking
      // stopped, a prefix of at most 4 bytes a code point holds it.
      stopped = starts.size() >= maxStarts;
      decodeUtf8(stopped ? piece.substr(0, std::min(piece.size(), 4 * starts.back())) : piece, text);
      BracketDepth depth;
      for (std::size_t k = 0; k < starts.size(); ++k) {
        if (starts[k] == 0 && (j > 0 || p == 0)) continue;
        const int before = totalLines + static_cast<int>(k);
        if (limited && before > maxLinesBefore) break;
        const std::size_t at = k > 0 ? listItemEnd(text, starts[k - 1], starts[k], depth) : starts[k];
        out.push_back({p, pieceOffset + at, before});
      }
      totalLines += std::max(1, r.lines);
      pieceOffset += text.size() + 1;  // the '\n' between pieces
      if (stopped || nl == std::string::npos) break;
      begin = nl + 1;
    }
  }
  if (truncated != nullptr) *truncated = stopped;
  if (stopped) totalLines = knownTotal;
  return out;
}

static_assert(sizeof(doc::Cell) == 96, "doc::Cell changed: copy the new field in shellOf too");
static_assert(sizeof(doc::Row) == 32, "doc::Row changed: copy the new field where cutAt makes the parts");

/// `c` without its lines: every other field, for a part of it to fill (copying
/// the cell whole would copy its text only to replace it).
doc::Cell shellOf(const doc::Cell& c) {
  doc::Cell shell;
  shell.rowSpan = c.rowSpan;
  shell.colSpan = c.colSpan;
  shell.align = c.align;
  shell.number = c.number;
  shell.numberFormat = c.numberFormat;
  shell.columnTotal = c.columnTotal;
  return shell;
}

/// The cell cut at `b`: lines before it, and from it on.
std::pair<doc::Cell, doc::Cell> cutCell(const doc::Cell& c, const Boundary& b) {
  doc::Cell head = shellOf(c);
  doc::Cell tail = shellOf(c);
  head.lines.assign(c.lines.begin(), c.lines.begin() + static_cast<std::ptrdiff_t>(b.para));
  tail.lines.reserve(c.lines.size() - b.para);
  if (b.offset == 0) {
    tail.lines.push_back(c.lines[b.para]);
  } else {
    auto parts = cutParagraph(c.lines[b.para], b.offset);
    head.lines.push_back(std::move(parts.first));
    tail.lines.push_back(std::move(parts.second));
  }
  tail.lines.insert(tail.lines.end(), c.lines.begin() + static_cast<std::ptrdiff_t>(b.para) + 1,
                    c.lines.end());
  return {std::move(head), std::move(tail)};
}

/// A measured cell of a row (layout::measureRows) and its content width.
struct Slot {
  std::size_t cell;  // index into the row's cells
  double width;      // twips
};

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
/// tallest. `measured` holds those counts where the width is the same.
RowShape shapeOf(const doc::Row& row, const std::vector<int>& widths, const TableMetrics& m,
                 const CellLineCount* measured) {
  RowShape s;
  std::size_t col = 0;
  for (std::size_t i = 0; i < row.cells.size(); ++i) {
    const doc::Cell& c = row.cells[i];
    const std::size_t n = static_cast<std::size_t>(std::max(1, c.colSpan));
    const int w = cellContentTwips(widths, col, n, m);
    const CellLineCount& known = measured[i];
    int lines = known.greedyLines;
    if (known.widthTwips != w) cellLines(c, false, m.halfPoints, w, &lines);
    s.cellLines.push_back(std::max(1, lines));
    s.cellWidths.push_back(w);
    col += n;
  }
  return s;
}

}  // namespace

RowCutPlanner::RowCutPlanner(const std::vector<int>& widths, const TableMetrics& m, const RowGeometry& g,
                             const PageRoom& room)
    : widths_(widths),
      m_(m),
      g_(g),
      room_(room),
      enabled_(room.pageTwips > 0 && g.lineTwips > 0),
      firstKnown_(room.firstPageTwips >= 0),
      left_(firstKnown_ ? room.firstPageTwips : room.pageTwips) {}

void RowCutPlanner::newPage() {
  left_ = room_.pageTwips;
  firstPage_ = false;
}

void RowCutPlanner::placeBlock(int twips) {
  if (!enabled_) return;
  // Whole: here if it fits, else at the top of the next page.
  if (twips > left_ && left_ < room_.pageTwips) newPage();
  left_ -= twips;
  while (left_ < 0) left_ += room_.pageTwips;  // a block taller than a page runs on
}

std::optional<RowCut> RowCutPlanner::placeRow(const doc::Row& row, std::size_t r, int rowLines,
                                              const CellLineCount* measured, bool merged) {
  if (!enabled_) return std::nullopt;
  const auto height = [&](int n) { return n * g_.lineTwips + g_.rowExtraTwips; };
  if (height(rowLines) <= left_ || merged || rowLines < kSplitRowMinLines) {
    placeBlock(height(rowLines));
    return std::nullopt;
  }
  const std::vector<int>& widths = widths_;
  const TableMetrics& m = m_;
  const PageRoom& room = room_;
  const bool firstKnown = firstKnown_;
  const bool& firstPage = firstPage_;
  int& left = left_;
  const auto newPage = [this] { this->newPage(); };
  // A tall row that does not fit: cut its tallest cell where the page ends.
  // The lines a (cut) row takes as the writer sets it are layout::rowLines of it
  // alone: the most of its slots' cellLines, known from measureRows for the row
  // itself. Cutting changes one cell and blanks numbers, so only those are
  // measured again. (Header rows were placed above.)
  std::vector<Slot> slots;
  std::vector<int> restCellLines;
  std::vector<unsigned char> restNoNarrowing;  // per slot: CellLineCount::noNarrowing
  slots.reserve(row.cells.size());
  restCellLines.reserve(row.cells.size());
  for (std::size_t i = 0; i < row.cells.size(); ++i) {
    const CellLineCount& c = measured[i];
    if (c.widthTwips <= 0) continue;
    slots.push_back({i, static_cast<double>(c.widthTwips)});
    restCellLines.push_back(c.lines);
    restNoNarrowing.push_back(c.noNarrowing ? 1 : 0);
  }
  int measuredGreedy = 0;  // of the cell measure() measured last
  const auto measure = [&](const doc::Cell& c, const Slot& s, unsigned char& noNarrowing) {
    bool none = false;
    const int lines = cellLines(c, false, m.halfPoints, s.width, &measuredGreedy, &none);
    noNarrowing = none ? 1 : 0;
    return lines;
  };
  // A part's cells as the writer sets them: what was measured of each slot.
  const auto partCells = [&](const std::vector<int>& lines, const std::vector<unsigned char>& noNarrowing) {
    std::vector<CellLineCount> cells(row.cells.size());
    for (std::size_t k = 0; k < slots.size(); ++k) {
      CellLineCount& c = cells[slots[k].cell];
      c.widthTwips = static_cast<int>(slots[k].width);
      c.lines = lines[k];
      c.noNarrowing = noNarrowing[k] != 0;
    }
    return cells;
  };
  const RowShape shape = shapeOf(row, widths, m, measured);
  const auto tallest = static_cast<std::size_t>(
      std::max_element(shape.cellLines.begin(), shape.cellLines.end()) - shape.cellLines.begin());
  // The next tallest cell: when it too is longer than the room, and holds text,
  // it is cut at the same page boundary (each at its own break point).
  std::size_t second = tallest;
  for (std::size_t c = 0; c < shape.cellLines.size(); ++c)
    if (c != tallest && (second == tallest || shape.cellLines[c] > shape.cellLines[second])) second = c;
  std::vector<int> greedyLines = shape.cellLines;  // of the part still to place
  int others = 1;                                  // lines of the cells but the tallest
  int othersTwo = 1;                               // … but the tallest and the second
  const auto countOthers = [&] {
    others = 1;
    othersTwo = 1;
    for (std::size_t c = 0; c < greedyLines.size(); ++c) {
      if (c != tallest) others = std::max(others, greedyLines[c]);
      if (c != tallest && c != second) othersTwo = std::max(othersTwo, greedyLines[c]);
    }
  };
  countOthers();
  std::vector<int> tailCellLines(slots.size());
  std::vector<int> headCellLines(slots.size());
  std::vector<unsigned char> headNoNarrowing(slots.size());
  std::vector<unsigned char> tailNoNarrowing(slots.size());
  RowCut cut{r, {}, {}, {}};
  doc::Row rest;  // the part still to place, once a part is cut off
  const doc::Row* current = &row;
  std::vector<Boundary> bounds;  // of current's tallest cell, once needed
  std::vector<Boundary> secondBounds;
  int total = 0;
  int secondTotal = 0;
  bool boundsKnown = false;
  bool secondBoundsKnown = false;
  // Only boundaries whose first part fits can be taken: those with at most
  // `fitting` lines before them. A cell's greedy lines known beforehand (-1: not
  // known) let lineBoundaries stop there; bounds so cut short are taken again
  // when the room grows.
  const auto linesFitting = [&] {
    return left >= g_.rowExtraTwips ? (left - g_.rowExtraTwips) / g_.lineTwips : -1;
  };
  const auto greedyOf = [](const doc::Cell& c, int greedy) { return c.lines.empty() ? -1 : greedy; };
  int tallestGreedy = greedyOf(row.cells[tallest], shape.cellLines[tallest]);
  int boundsLimit = 0;
  int secondBoundsLimit = 0;
  bool boundsTruncated = false;
  bool secondBoundsTruncated = false;
  const auto slotOf = [&](std::size_t cell) {
    for (std::size_t k = 0; k < slots.size(); ++k) {
      if (slots[k].cell == cell) return k;
    }
    return slots.size();
  };
  const std::size_t tallestSlot = slotOf(tallest);
  const bool tallestSlotAtShapeWidth =
      tallestSlot < slots.size() && slots[tallestSlot].width == shape.cellWidths[tallest];
  // Cuts `current` into a head that fits `left` and a tail of ≥ 2 lines, the
  // tallest cell at `b` and, where given, the second at `b2`; each part measured
  // as the writer sets it (rowLines: orphan narrowing too).
  const auto cutAt = [&](const Boundary& b, const Boundary* b2) {
    auto parts = cutCell(current->cells[tallest], b);
    std::pair<doc::Cell, doc::Cell> parts2;
    if (b2 != nullptr) parts2 = cutCell(current->cells[second], *b2);
    const bool pair = b2 != nullptr;
    const auto isCut = [&](std::size_t c) { return c == tallest || (pair && c == second); };
    const auto partOf = [&](std::size_t c, bool head) -> const doc::Cell& {
      if (c == tallest) return head ? parts.first : parts.second;
      return head ? parts2.first : parts2.second;
    };
    // The head keeps the other cells as they are; the tail blanks their numbers.
    int headLines = 1;
    for (std::size_t k = 0; k < slots.size(); ++k) {
      headNoNarrowing[k] = restNoNarrowing[k];
      headCellLines[k] = isCut(slots[k].cell)
                             ? measure(partOf(slots[k].cell, true), slots[k], headNoNarrowing[k])
                             : restCellLines[k];
      headLines = std::max(headLines, headCellLines[k]);
    }
    if (height(headLines) > left) return false;
    int tailTallestGreedy = -1;
    for (std::size_t k = 0; k < slots.size(); ++k) {
      const doc::Cell& c = current->cells[slots[k].cell];
      tailNoNarrowing[k] = restNoNarrowing[k];
      tailCellLines[k] = isCut(slots[k].cell)
                             ? measure(partOf(slots[k].cell, false), slots[k], tailNoNarrowing[k])
                         : c.number ? measure(blanked(c), slots[k], tailNoNarrowing[k])
                                    : restCellLines[k];
      if (k == tallestSlot && tallestSlotAtShapeWidth)
        tailTallestGreedy = greedyOf(partOf(tallest, false), measuredGreedy);
    }
    if (mostLines(tailCellLines) < kSplitPartMinLines) return false;
    if (pair) {
      cellLines(parts2.second, false, m.halfPoints, shape.cellWidths[second], &greedyLines[second]);
      greedyLines[second] = std::max(1, greedyLines[second]);
      countOthers();
    }
    // The head keeps the other cells; a number prints on its row's first part
    // only: repeated on the next page, a reader adding up the column would count
    // it twice. The cut cells' parts move in (no copy of a cell to overwrite).
    doc::Row head;
    doc::Row tail;
    head.kind = tail.kind = current->kind;
    head.cells.reserve(current->cells.size());
    tail.cells.reserve(current->cells.size());
    for (std::size_t c = 0; c < current->cells.size(); ++c) {
      const doc::Cell& cell = current->cells[c];
      if (c == tallest) {
        head.cells.push_back(std::move(parts.first));
        tail.cells.push_back(std::move(parts.second));
      } else if (pair && c == second) {
        head.cells.push_back(std::move(parts2.first));
        tail.cells.push_back(std::move(parts2.second));
      } else {
        head.cells.push_back(cell);
        tail.cells.push_back(cell.number ? blanked(cell) : cell);
      }
    }
    cut.parts.push_back(std::move(head));
    cut.partLines.push_back(headLines);
    cut.partCells.push_back(partCells(headCellLines, headNoNarrowing));
    rest = std::move(tail);
    current = &rest;
    boundsKnown = false;
    secondBoundsKnown = false;
    tallestGreedy = tailTallestGreedy;
    restCellLines.swap(tailCellLines);
    restNoNarrowing.swap(tailNoNarrowing);
    return true;
  };
  const auto partsHold = [](const Boundary& b, int all) {
    return b.linesBefore >= kSplitPartMinLines && all - b.linesBefore >= kSplitPartMinLines;
  };
  while (true) {
    const int restHeight = height(mostLines(restCellLines));
    if (restHeight <= left) break;
    if (!firstKnown && firstPage) break;
    // A first part holds at least kSplitPartMinLines and the other cells' lines.
    const bool mayCut = height(std::max(kSplitPartMinLines, others)) <= left;
    const bool mayCutTwo = !mayCut && second != tallest && !current->cells[second].number &&
                           height(std::max(kSplitPartMinLines, othersTwo)) <= left;
    const int fitting = linesFitting();
    if ((mayCut || mayCutTwo) && (!boundsKnown || (boundsTruncated && fitting > boundsLimit))) {
      bounds = lineBoundaries(current->cells[tallest], shape.cellWidths[tallest], m.halfPoints, total,
                              fitting, tallestGreedy, &boundsTruncated);
      boundsLimit = fitting;
      boundsKnown = true;
    }
    // The latest cut whose parts both hold ≥ 2 lines and whose first part fits.
    bool found = false;
    for (auto b = bounds.rbegin(); mayCut && b != bounds.rend() && !found; ++b) {
      if (!partsHold(*b, total) || height(std::max(b->linesBefore, others)) > left) continue;
      found = cutAt(*b, nullptr);
    }
    if (mayCutTwo) {
      if (!secondBoundsKnown || (secondBoundsTruncated && fitting > secondBoundsLimit)) {
        secondBounds = lineBoundaries(
            current->cells[second], shape.cellWidths[second], m.halfPoints, secondTotal, fitting,
            greedyOf(current->cells[second], greedyLines[second]), &secondBoundsTruncated);
        secondBoundsLimit = fitting;
        secondBoundsKnown = true;
      }
      for (auto b = bounds.rbegin(); b != bounds.rend() && !found; ++b) {
        if (!partsHold(*b, total) || height(std::max(b->linesBefore, othersTwo)) > left) continue;
        for (auto b2 = secondBounds.rbegin(); b2 != secondBounds.rend() && !found; ++b2) {
          if (!partsHold(*b2, secondTotal) ||
              height(std::max({b->linesBefore, b2->linesBefore, othersTwo})) > left)
            continue;
          found = cutAt(*b, &*b2);
        }
      }
    }
    if (!found) {
      if (left >= room.pageTwips) break;  // not even a page's room helps: print it whole
      newPage();
      continue;
    }
    newPage();
  }
  const int restLines = mostLines(restCellLines);
  placeBlock(height(restLines));
  if (cut.parts.empty()) return std::nullopt;
  cut.parts.push_back(std::move(rest));
  cut.partLines.push_back(restLines);
  cut.partCells.push_back(partCells(restCellLines, restNoNarrowing));
  return cut;
}

std::vector<RowCut> planRowCuts(const doc::Table& t, std::size_t ncols, const std::vector<int>& widths,
                                const TableMetrics& m, const TableLines& measured,
                                const std::vector<unsigned char>& keepWithNext, const RowGeometry& g,
                                const PageRoom& room) {
  std::vector<RowCut> cuts;
  const std::vector<int>& lines = measured.rows;
  RowCutPlanner planner(widths, m, g, room);
  if (!planner.enabled()) return cuts;
  if (std::none_of(lines.begin(), lines.end(), [](int n) { return n >= kSplitRowMinLines; })) return cuts;
  // Rows touched by a vertical merge (starting one or covered by one) stay whole:
  // their groups are layout::planGroups' business.
  std::vector<unsigned char> merged(t.rows.size(), 0);
  for (const auto& pc : placeCells(t, ncols)) {
    if (pc.rowSpan < 2) continue;
    for (std::size_t r = pc.row; r < pc.row + pc.rowSpan && r < t.rows.size(); ++r) merged[r] = 1;
  }
  std::size_t r = 0;
  while (r < t.rows.size()) {
    if (t.rows[r].kind == doc::RowKind::Header) {
      ++r;  // header rows repeat on every page: outside the room
      continue;
    }
    // A block: the row and those it is kept with.
    std::size_t end = r + 1;
    while (end < t.rows.size() && keepWithNext[end - 1] != 0) ++end;
    if (end == r + 1) {
      std::optional<RowCut> cut =
          planner.placeRow(t.rows[r], r, lines[r], &measured.cells[measured.firstCell[r]], merged[r] != 0);
      if (cut) cuts.push_back(std::move(*cut));
    } else {
      int block = 0;
      for (std::size_t k = r; k < end; ++k) block += g.lineTwips * lines[k] + g.rowExtraTwips;
      planner.placeBlock(block);
    }
    r = end;
  }
  return cuts;
}

std::optional<SplitTable> splitTallRows(const doc::Table& t, std::size_t ncols,
                                        const std::vector<int>& widths, const TableMetrics& m,
                                        const std::vector<int>& lines,
                                        const std::vector<unsigned char>& keepWithNext, const RowGeometry& g,
                                        const PageRoom& room) {
  TableLines measured = measureRows(t, ncols, widths, m);
  measured.rows = lines;
  const std::vector<RowCut> cuts = planRowCuts(t, ncols, widths, m, measured, keepWithNext, g, room);
  if (cuts.empty()) return std::nullopt;
  SplitTable result;
  result.table.name = t.name;
  result.table.columns = t.columns;
  result.table.fontHalfPoints = t.fontHalfPoints;
  std::size_t next = 0;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    if (next < cuts.size() && cuts[next].row == r) {
      result.table.rows.insert(result.table.rows.end(), cuts[next].parts.begin(), cuts[next].parts.end());
      result.lines.insert(result.lines.end(), cuts[next].partLines.begin(), cuts[next].partLines.end());
      result.continues.push_back(0);
      result.continues.insert(result.continues.end(), cuts[next].parts.size() - 1, 1);
      ++next;
    } else {
      result.table.rows.push_back(t.rows[r]);
      result.lines.push_back(lines[r]);
      result.continues.push_back(0);
    }
  }
  return result;
}

}  // namespace bangfu::layout
