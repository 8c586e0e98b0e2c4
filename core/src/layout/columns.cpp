#include "bangfu/layout/columns.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <string_view>

#include "bangfu/layout/line_break.hpp"

namespace bangfu::layout {
namespace {

// Costs in printed lines (docs/typesetting.md "Column widths"). An orphan, a split
// bracket or a header split inside a word costs more than the lines any width can
// save, so the solver removes every one it can before it shortens the table; a
// broken short name is worth about 20 lines; the small per-cell term makes a column worth
// widening even where another cell of the row is taller (it will be next).
constexpr double kOrphanCost = 100000;
constexpr double kBracketCost = 100000;
constexpr double kHeaderWordCost = 10000;
constexpr double kNameCost = 20;
constexpr double kOverflowCost = 10000;
constexpr double kCellLineCost = 0.05;
/// Widths move in quarter-em steps of the table's size.
constexpr int kStepsPerEm = 4;
/// Tables longer than this are solved on a sample: every header and total row,
/// the rows holding the longest text of each column and evenly spaced body rows.
constexpr std::size_t kSampleRows = 120;
constexpr std::size_t kLongestPerColumn = 4;
/// A step is judged against widenings up to this many steps (4 em) ahead: far
/// enough to keep a short name whole, near enough to stay cheap on long lists.
constexpr int kLookaheadSteps = 16;
/// A rough page: header rows repeat (w:tblHeader) about once per this many rows.
constexpr double kRowsPerPage = 10;

using CellText = std::vector<std::vector<BreakableText>>;

struct Item {
  std::size_t row = 0;      ///< index into the solver's rows
  std::size_t rowSpan = 1;  ///< a merged group's label shares its lines over its rows
  double repeats = 1;       ///< a header row prints on every page: its flaws count that often
  CellText paras;
  double minPiece = 0;  ///< the widest piece ICU cannot break
  double natural = 0;
};

struct Eval {
  std::vector<int> lines;  ///< per solver row; 0 where the column has no cell there
  double penalty = 0;
  double cellLines = 0;
};

}  // namespace

doc::Face paragraphFace(const doc::Paragraph& p, bool header) {
  for (const auto& r : p.runs) {
    if (r.face != doc::Face::Inherit) return r.face;
  }
  return header ? doc::Face::Hei : doc::Face::Fang;
}

namespace {

/// The pieces of one paragraph between w:br, prepared for breaking.
std::vector<BreakableText> prepareParagraph(std::string_view s, doc::Face f, bool header, int halfPoints) {
  std::vector<BreakableText> segments;
  std::size_t start = 0;
  while (true) {
    const std::size_t nl = s.find('\n', start);
    segments.push_back(
        prepareText(s.substr(start, nl == std::string::npos ? nl : nl - start), f, halfPoints, header));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return segments;
}

/// The pieces of one paragraph between w:br as prepareBreaks sets them: enough for
/// breakLines' lines, orphan and overflow (and so orphanNarrowing), which the flaw
/// marks of prepareText never move.
std::vector<BreakableText> prepareParagraphBreaks(std::string_view s, doc::Face f, int halfPoints) {
  std::vector<BreakableText> segments;
  std::size_t start = 0;
  while (true) {
    const std::size_t nl = s.find('\n', start);
    segments.emplace_back();
    prepareBreaks(segments.back(), s.substr(start, nl == std::string::npos ? nl : nl - start), f, halfPoints);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return segments;
}

}  // namespace

std::string_view paragraphText(const doc::Paragraph& p, std::string& joined) {
  if (p.runs.size() == 1) return p.runs.front().text;
  joined = p.plainText();
  return joined;
}

std::vector<std::vector<BreakableText>> prepareCellText(const doc::Cell& c, bool header, int halfPoints) {
  std::vector<std::vector<BreakableText>> out;
  out.reserve(c.lines.size());
  std::string joined;
  for (const auto& p : c.lines)
    out.push_back(prepareParagraph(paragraphText(p, joined), paragraphFace(p, header), header, halfPoints));
  return out;
}

double paragraphNarrowing(const doc::Paragraph& p, bool header, int halfPoints, double widthTwips) {
  std::string joined;
  const std::string_view s = paragraphText(p, joined);
  const doc::Face f = paragraphFace(p, header);
  bool orphan = false;
  std::size_t start = 0;
  while (!orphan) {
    const std::size_t nl = s.find('\n', start);
    orphan =
        endsInOrphan(s.substr(start, nl == std::string::npos ? nl : nl - start), f, halfPoints, widthTwips);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  if (!orphan) return 0;
  return orphanNarrowing(prepareParagraphBreaks(s, f, halfPoints), widthTwips, halfPoints);
}

namespace {

double flawCost(const BreakResult& r, bool withOrphan) {
  return (withOrphan && r.orphan ? kOrphanCost : 0) + r.bracketBreaks * kBracketCost +
         r.wordBreaks * kHeaderWordCost + r.nameBreaks * kNameCost + (r.overflow ? kOverflowCost : 0);
}

/// Lines and flaw cost of a cell at a content width; an orphan that narrowing the
/// paragraph removes (orphanNarrowing, as the writers do) costs only its lines.
void addCell(const CellText& paras, double width, int halfPoints, int& lines, double& penalty) {
  for (const auto& segments : paras) {
    // Flaw costs are whole numbers, so summing them per paragraph first is exact.
    int paraLines = 0;
    double paraPenalty = 0;
    bool orphan = false;
    auto measureAt = [&](double w) {
      paraLines = 0;
      paraPenalty = 0;
      for (const auto& seg : segments) {
        if (seg.text.empty()) {
          ++paraLines;
          continue;
        }
        const BreakResult r = breakLines(seg, w);
        orphan = orphan || r.orphan;
        paraLines += r.lines;
        paraPenalty += flawCost(r, true);
      }
    };
    measureAt(width);
    const double narrowed = orphan ? orphanNarrowing(segments, width, halfPoints) : 0;
    if (narrowed > 0) measureAt(width - narrowed);
    lines += paraLines;
    penalty += paraPenalty;
  }
}

class Solver {
 public:
  Solver(const doc::Table& t, std::size_t ncols, const TableMetrics& m) : t_(t), ncols_(ncols), m_(m) {
    step_ = std::max(1, m.halfPoints * 10 / kStepsPerEm);
    const std::vector<PlacedCell> placed = placeCells(t, ncols);
    const std::vector<std::size_t> rows = sampleRows(placed);
    std::vector<std::size_t> solverRow(t.rows.size(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) solverRow[rows[i]] = i;
    rowCount_ = rows.size();
    items_.resize(ncols);
    for (const auto& pc : placed) {
      if (pc.colSpan != 1 || solverRow[pc.row] == rows.size()) continue;
      Item it;
      it.row = solverRow[pc.row];
      it.rowSpan = pc.rowSpan;
      if (t.rows[pc.row].kind == doc::RowKind::Header)
        it.repeats = 1 + static_cast<double>(t.rows.size()) / kRowsPerPage;
      it.paras = prepareCellText(*pc.cell, t.rows[pc.row].kind == doc::RowKind::Header, m.halfPoints);
      for (const auto& segments : it.paras) {
        for (const auto& p : segments) {
          it.minPiece = std::max(it.minPiece, minimumWidth(p, false));
          it.natural = std::max(it.natural, naturalWidth(p));
        }
      }
      items_[pc.col].push_back(std::move(it));
    }
    cache_.resize(ncols);
  }

  std::vector<int> solve() {
    const int em = m_.halfPoints * 10;
    std::vector<int> lo(ncols_);
    std::vector<int> hi(ncols_);
    long long sumLo = 0;
    for (std::size_t c = 0; c < ncols_; ++c) {
      double minPiece = em;
      double natural = em;
      for (const auto& it : items_[c]) {
        minPiece = std::max(minPiece, it.minPiece);
        natural = std::max(natural, it.natural);
      }
      lo[c] = roundUp(minPiece) + m_.cellPaddingTwips;
      hi[c] = roundUp(natural) + m_.cellPaddingTwips;
      sumLo += lo[c];
    }
    std::vector<int> w = lo;
    if (sumLo > m_.textWidthTwips) {
      // Some piece ICU cannot break is wider than its share: shrink all in proportion (the renderer cuts it).
      for (std::size_t c = 0; c < ncols_; ++c) {
        w[c] = static_cast<int>(std::floor(static_cast<double>(lo[c]) * m_.textWidthTwips / sumLo));
      }
    }
    for (std::size_t c = 0; c < ncols_; ++c) evalAt(c, w[c]);
    int slack = m_.textWidthTwips;
    for (int x : w) slack -= x;
    recomputeRowMax(w);
    while (slack >= step_) {
      // Near widenings first (cheap on long lists); the whole range only when none pays.
      Step best = bestStep(w, hi, slack, kLookaheadSteps);
      if (best.col == ncols_) best = bestStep(w, hi, slack, std::numeric_limits<int>::max() / (4 * step_));
      if (best.col == ncols_) break;
      slack -= best.width - w[best.col];
      w[best.col] = best.width;
      recomputeRowMax(w);
    }
    shareSlack(w, slack);
    // The plugin's own proportions where they print as well (the old layout, and
    // the designer's intent): widths change only where measuring finds better.
    std::vector<int> weighted = weightedWidths();
    bool fits = true;
    for (std::size_t c = 0; c < ncols_; ++c) fits = fits && weighted[c] >= lo[c];
    if (fits && totalCost(weighted) <= totalCost(w) + 1e-9) return weighted;
    return w;
  }

 private:
  static std::vector<std::size_t> columnsHint(const doc::Table& t, std::size_t ncols) {
    std::vector<std::size_t> order(ncols);
    for (std::size_t c = 0; c < ncols; ++c) order[c] = c;
    auto weight = [&](std::size_t c) {
      const double v = c < t.columns.size() ? t.columns[c].weight : 1.0;
      return std::isfinite(v) && v > 0 ? v : 1.0;
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return weight(a) > weight(b); });
    return order;
  }

  struct Step {
    std::size_t col;
    int width;
  };

  /// The widening with the best cost saved per twip, looking `lookahead` steps ahead.
  Step bestStep(const std::vector<int>& w, const std::vector<int>& hi, int slack, int lookahead) {
    double bestRatio = 0;
    Step best{ncols_, 0};
    for (std::size_t c = 0; c < ncols_; ++c) {
      const double here = columnCost(c, w[c]);
      const long long far = static_cast<long long>(w[c]) + static_cast<long long>(lookahead) * step_;
      const int limit = static_cast<int>(std::min<long long>({w[c] + slack, std::max(hi[c], w[c]), far}));
      for (int nw = w[c] + step_; nw <= limit; nw += step_) {
        const double ratio = (here - columnCost(c, nw)) / (nw - w[c]);
        if (ratio > bestRatio + 1e-12) {
          bestRatio = ratio;
          best = Step{c, nw};
        }
      }
    }
    return best;
  }

  /// Widths in proportion to the weights, the last column taking the rounding.
  std::vector<int> weightedWidths() const {
    double sum = 0;
    for (std::size_t c = 0; c < ncols_; ++c) sum += weight(c);
    std::vector<int> widths(ncols_);
    int used = 0;
    for (std::size_t c = 0; c < ncols_; ++c) {
      widths[c] = static_cast<int>(std::floor(m_.textWidthTwips * weight(c) / sum));
      used += widths[c];
    }
    widths.back() += m_.textWidthTwips - used;
    return widths;
  }

  double weight(std::size_t c) const {
    const double v = c < t_.columns.size() ? t_.columns[c].weight : 1.0;
    return std::isfinite(v) && v > 0 ? v : 1.0;
  }

  /// What is left once no step pays: shared by the plugin's weights if that
  /// costs nothing; else to the heaviest column it costs nothing to widen.
  void shareSlack(std::vector<int>& w, int slack) {
    if (slack <= 0) {
      fixSum(w);
      return;
    }
    const double before = totalCost(w);
    double sumW = 0;
    for (std::size_t c = 0; c < ncols_; ++c) sumW += weight(c);
    std::vector<int> shared = w;
    for (std::size_t c = 0; c < ncols_; ++c)
      shared[c] += static_cast<int>(std::floor(slack * weight(c) / sumW));
    fixSum(shared);
    if (totalCost(shared) <= before + 1e-9) {
      w = shared;
      return;
    }
    for (std::size_t c : columnsHint(t_, ncols_)) {
      std::vector<int> one = w;
      one[c] += slack;
      if (totalCost(one) <= before + 1e-9) {
        w = one;
        return;
      }
    }
    w = shared;
  }

  void fixSum(std::vector<int>& w) const {
    long long sum = 0;
    for (int x : w) sum += x;
    w.back() += static_cast<int>(m_.textWidthTwips - sum);
  }

  int roundUp(double twips) const {
    const int steps = static_cast<int>(std::ceil(twips / step_ - 1e-9));
    return steps * step_;
  }

  std::vector<std::size_t> sampleRows(const std::vector<PlacedCell>& placed) const {
    const std::size_t n = t_.rows.size();
    std::vector<std::size_t> rows;
    if (n <= kSampleRows) {
      for (std::size_t r = 0; r < n; ++r) rows.push_back(r);
      return rows;
    }
    std::vector<unsigned char> take(n, 0);
    for (std::size_t r = 0; r < n; ++r) {
      if (t_.rows[r].kind != doc::RowKind::Body) take[r] = 1;
    }
    const std::size_t stride = n / kSampleRows + 1;
    for (std::size_t r = 0; r < n; r += stride) take[r] = 1;
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> longest(ncols_);
    for (const auto& pc : placed) {
      if (pc.colSpan != 1) continue;
      std::size_t len = 0;
      for (const auto& p : pc.cell->lines) {
        for (const auto& r : p.runs) len += r.text.size();
      }
      longest[pc.col].emplace_back(len, pc.row);
    }
    for (auto& l : longest) {
      const std::size_t k = std::min(kLongestPerColumn, l.size());
      std::partial_sort(l.begin(), l.begin() + static_cast<std::ptrdiff_t>(k), l.end(),
                        [](const auto& a, const auto& b) { return a.first > b.first; });
      for (std::size_t i = 0; i < k; ++i) take[l[i].second] = 1;
    }
    for (std::size_t r = 0; r < n; ++r) {
      if (take[r] != 0) rows.push_back(r);
    }
    return rows;
  }

  const Eval& evalAt(std::size_t c, int width) {
    auto found = cache_[c].find(width);
    if (found != cache_[c].end()) return found->second;
    Eval e;
    e.lines.assign(rowCount_, 0);
    const double content = columnContentTwips(width, m_);
    for (const auto& it : items_[c]) {
      int lines = 0;
      double penalty = 0;
      addCell(it.paras, content, m_.halfPoints, lines, penalty);
      e.penalty += penalty * it.repeats;
      const int share = static_cast<int>((static_cast<std::size_t>(lines) + it.rowSpan - 1) / it.rowSpan);
      e.lines[it.row] = std::max(e.lines[it.row], share);
      e.cellLines += lines;
    }
    return cache_[c].emplace(width, std::move(e)).first->second;
  }

  void recomputeRowMax(const std::vector<int>& w) {
    best1_.assign(rowCount_, 0);
    best2_.assign(rowCount_, 0);
    arg1_.assign(rowCount_, ncols_);
    for (std::size_t c = 0; c < ncols_; ++c) {
      const Eval& e = evalAt(c, w[c]);
      for (std::size_t r = 0; r < rowCount_; ++r) {
        const int l = e.lines[r];
        if (l > best1_[r]) {
          best2_[r] = best1_[r];
          best1_[r] = l;
          arg1_[r] = c;
        } else if (l > best2_[r]) {
          best2_[r] = l;
        }
      }
    }
  }

  /// The table's cost with column c at `width` and the others as in `w`, up to
  /// terms that do not depend on c.
  double columnCost(std::size_t c, int width) {
    const Eval& e = evalAt(c, width);
    double rowsCost = 0;
    for (std::size_t r = 0; r < rowCount_; ++r) {
      const int other = arg1_[r] == c ? best2_[r] : best1_[r];
      rowsCost += std::max(other, e.lines[r]);
    }
    return rowsCost + e.penalty + kCellLineCost * e.cellLines;
  }

  double totalCost(const std::vector<int>& w) {
    std::vector<int> rowMax(rowCount_, 0);
    double cost = 0;
    for (std::size_t c = 0; c < ncols_; ++c) {
      const Eval& e = evalAt(c, w[c]);
      for (std::size_t r = 0; r < rowCount_; ++r) rowMax[r] = std::max(rowMax[r], e.lines[r]);
      cost += e.penalty + kCellLineCost * e.cellLines;
    }
    for (int l : rowMax) cost += l;
    return cost;
  }

  const doc::Table& t_;
  std::size_t ncols_;
  TableMetrics m_;
  int step_ = 70;
  std::size_t rowCount_ = 0;
  std::vector<std::vector<Item>> items_;
  std::vector<std::map<int, Eval>> cache_;
  std::vector<int> best1_;
  std::vector<int> best2_;
  std::vector<std::size_t> arg1_;
};

}  // namespace

int columnContentTwips(int gridTwips, const TableMetrics& m) {
  const double em = m.halfPoints * 10.0;
  const double condensed = (gridTwips - m.cellPaddingTwips) * em / (em + kCharSpacingTwips);
  // 1e-6: a width the stretch takes to whole twips stays them.
  return std::max(1, static_cast<int>(std::floor(condensed + 1e-6)));
}

int cellContentTwips(const std::vector<int>& widths, std::size_t col, std::size_t span,
                     const TableMetrics& m) {
  int grid = 0;
  for (std::size_t k = col; k < col + span && k < widths.size(); ++k) grid += widths[k];
  return columnContentTwips(grid, m);
}

TableMetrics tableMetrics(const doc::Table& t, std::size_t ncols, int textWidthTwips) {
  const int side = ncols >= kDenseTableColumns ? kDenseCellSideTwips : kCellSideTwips;
  return TableMetrics{textWidthTwips, t.fontHalfPoints > 0 ? t.fontHalfPoints : kTableDefaultHalfPoints,
                      2 * side};
}

CellPlacer::CellPlacer(const doc::Table& t, std::size_t ncols)
    : t_(t), ncols_(ncols), below_(ncols, 0), span_(ncols, 1) {}

bool CellPlacer::placeNext(std::vector<PlacedCell>& out) {
  const std::size_t r = row_++;
  const std::size_t rowCount = t_.rows.size();
  const doc::Row& row = t_.rows[r];
  bool merged = false;
  std::size_t next = 0;
  std::size_t col = 0;
  while (col < ncols_) {
    if (below_[col] > 0) {
      merged = true;
      --below_[col];
      col += span_[col];
      continue;
    }
    if (next >= row.cells.size()) break;
    const doc::Cell& cell = row.cells[next++];
    std::size_t n = std::min(static_cast<std::size_t>(std::max(1, cell.colSpan)), ncols_ - col);
    for (std::size_t k = 1; k < n; ++k) {
      if (below_[col + k] > 0) {
        n = k;
        break;
      }
    }
    const std::size_t rows = std::min(static_cast<std::size_t>(std::max(1, cell.rowSpan)), rowCount - r);
    if (rows > 1) {
      below_[col] = static_cast<int>(rows - 1);
      span_[col] = n;
      merged = true;
    }
    out.push_back(PlacedCell{r, col, n, rows, &cell});
    col += n;
  }
  return merged;
}

std::vector<PlacedCell> placeCells(const doc::Table& t, std::size_t ncols) {
  std::vector<PlacedCell> out;
  CellPlacer placer(t, ncols);
  for (std::size_t r = 0; r < t.rows.size(); ++r) placer.placeNext(out);
  return out;
}

std::vector<int> solveColumnWidths(const doc::Table& t, std::size_t ncols, const TableMetrics& m) {
  if (ncols == 0) return {};
  return Solver(t, ncols, m).solve();
}

int cellLines(const doc::Cell& c, bool header, int halfPoints, double widthTwips, int* greedyLines,
              bool* noNarrowing) {
  // addCell's lines, paragraph by paragraph, each piece counted as it is read
  // (breakText); only a paragraph with an orphan is prepared whole, for
  // orphanNarrowing and the measure at the narrowed width, exactly as addCell does.
  int lines = 0;
  int greedy = 0;
  bool settled = true;  // endsInOrphan agrees with breakText on every piece
  bool anyOrphan = false;
  std::string joined;
  for (const auto& p : c.lines) {
    const std::string_view s = paragraphText(p, joined);
    const doc::Face f = paragraphFace(p, header);
    int paraLines = 0;
    bool orphan = false;
    std::size_t start = 0;
    while (true) {
      const std::size_t nl = s.find('\n', start);
      const std::string_view piece = s.substr(start, nl == std::string::npos ? nl : nl - start);
      if (piece.empty() || fitsOnOneLine(piece, f, halfPoints, widthTwips)) {
        ++paraLines;  // breakLines: 1 line, no orphan; endsInOrphan: none either
      } else {
        const BreakResult r = breakText(piece, f, halfPoints, widthTwips);
        orphan = orphan || r.orphan;
        settled = settled && !r.orphanTestMayDiffer;
        paraLines += r.lines;
      }
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
    greedy += paraLines;
    anyOrphan = anyOrphan || orphan;
    if (orphan) {
      // addCell's lines for this paragraph: at the width orphanNarrowing leaves.
      const std::vector<BreakableText> segments = prepareParagraphBreaks(s, f, halfPoints);
      const double narrowed = orphanNarrowing(segments, widthTwips, halfPoints);
      if (narrowed > 0) {
        paraLines = 0;
        for (const auto& seg : segments)
          paraLines += seg.text.empty() ? 1 : breakLines(seg, widthTwips - narrowed).lines;
      }
    }
    lines += paraLines;
  }
  if (greedyLines != nullptr) *greedyLines = greedy;
  if (noNarrowing != nullptr) *noNarrowing = settled && !anyOrphan;
  return lines;
}

RowMeasurer::RowMeasurer(const doc::Table& t, std::size_t ncols, const std::vector<int>& widths,
                         const TableMetrics& m)
    : t_(t), widths_(widths), m_(m), placer_(t, ncols) {}

void RowMeasurer::measureNext() {
  const std::size_t r = row_++;
  const doc::Row& row = t_.rows[r];
  placed_.clear();
  merged_ = placer_.placeNext(placed_);
  cells_.assign(row.cells.size(), CellLineCount{});
  lines_ = 1;
  for (const auto& pc : placed_) {
    if (pc.rowSpan != 1) continue;
    CellLineCount& c = cells_[static_cast<std::size_t>(pc.cell - row.cells.data())];
    c.widthTwips = cellContentTwips(widths_, pc.col, pc.colSpan, m_);
    c.lines = cellLines(*pc.cell, row.kind == doc::RowKind::Header, m_.halfPoints, c.widthTwips,
                        &c.greedyLines, &c.noNarrowing);
    lines_ = std::max(lines_, c.lines);
  }
}

TableLines measureRows(const doc::Table& t, std::size_t ncols, const std::vector<int>& widths,
                       const TableMetrics& m) {
  TableLines out;
  out.rows.assign(t.rows.size(), 1);
  out.firstCell.resize(t.rows.size() + 1);
  out.cells.reserve([&] {
    std::size_t cells = 0;
    for (const auto& row : t.rows) cells += row.cells.size();
    return cells;
  }());
  RowMeasurer measurer(t, ncols, widths, m);
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    measurer.measureNext();
    out.firstCell[r] = out.cells.size();
    out.cells.insert(out.cells.end(), measurer.cells().begin(), measurer.cells().end());
    out.rows[r] = measurer.lines();
  }
  out.firstCell[t.rows.size()] = out.cells.size();
  return out;
}

std::vector<int> rowLines(const doc::Table& t, std::size_t ncols, const std::vector<int>& widths,
                          const TableMetrics& m) {
  return measureRows(t, ncols, widths, m).rows;
}

}  // namespace bangfu::layout
