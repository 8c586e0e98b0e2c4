// A table's rows as the XLSX prints them (xlsx_workbook_writer.hpp): measured and
// cut at the page boundaries as the DOCX cuts them (docs/typesetting.md "Rows
// across pages"), row heights, merges and the cells of each row.
#include <algorithm>
#include <cmath>
#include <optional>

#include "bangfu/layout/columns.hpp"
#include "bangfu/layout/groups.hpp"
#include "bangfu/layout/row_split.hpp"
#include "xlsx/xlsx_layout.hpp"
#include "xlsx/xlsx_workbook_writer.hpp"

namespace bangfu::xlsx::detail {

namespace {

using doc::Align;
using doc::Cell;
using doc::Face;
using doc::Table;

/// Twips per point.
constexpr double kTwipsPerPoint = 20;

/// The XLSX's rows in twips: rowHeightPt's lines and padding.
bangfu::layout::RowGeometry rowGeometry(const SheetPlan& s) {
  return bangfu::layout::RowGeometry{static_cast<int>(std::lround(s.pt * kLineHeightEm * kTwipsPerPoint)),
                                     static_cast<int>(std::lround(kRowPaddingPt * kTwipsPerPoint))};
}

/// A sheet row prints at most kMaxRowHeightPt tall (rowHeightPt caps it): a row the
/// page holds is planned at the lines that cap holds, or every capped row puts the
/// plan's pages further behind pageBreaks' (the synthetic 200-row table: after rows of
/// 20+ lines at 409 pt, a 4-line row moved whole off a page 63 mm short, p.64). A row
/// taller than the page keeps its lines, to be cut.
int plannedLines(int lines, const SheetPlan& s, const bangfu::layout::PageRoom& room) {
  const bangfu::layout::RowGeometry g = rowGeometry(s);
  const int capLines =
      static_cast<int>(std::ceil((kMaxRowHeightPt - kRowPaddingPt) / (s.pt * kLineHeightEm)));
  if (lines > capLines && lines * g.lineTwips + g.rowExtraTwips <= room.pageTwips) return capLines;
  return lines;
}

}  // namespace

double RowHeights::next(const SheetPlan& s, std::size_t r, const doc::Row& row,
                        const std::vector<Placed>& placed, int lines, std::vector<RowGroup>& groups) {
  // The row's lines as the DOCX counts them (layout::rowLines); a cell spanning
  // rows tops up its last row.
  for (const Placed& p : placed) {
    if (p.rowSpan == 1) continue;
    const bool header = row.kind == doc::RowKind::Header;
    const int n =
        bangfu::layout::cellLines(row.cells[p.cell], header, s.metrics.halfPoints,
                                  bangfu::layout::cellContentTwips(s.twips, p.col, p.colSpan, s.metrics));
    spans_.push_back(Span{r + p.rowSpan - 1, rowHeightPt(n, s.pt), 0});
    if (!header) groups.push_back(RowGroup{s.tableRow + r, s.tableRow + r + p.rowSpan - 1});
  }
  double height = rowHeightPt(lines, s.pt);
  for (const Span& sp : spans_) {
    if (sp.lastRow == r) height = std::max(height, std::min(kMaxRowHeightPt, sp.neededPt - sp.accPt));
  }
  spans_.erase(std::remove_if(spans_.begin(), spans_.end(), [r](const Span& sp) { return sp.lastRow == r; }),
               spans_.end());
  for (Span& sp : spans_) sp.accPt += height;
  return height;
}

std::vector<double> WorkbookWriter::tableRowHeights(const SheetPlan& s, const PrintedRows& t) {
  std::vector<double> heights(t.size());
  Placer placer(s.cols, t.size());
  RowHeights rows;
  for (std::size_t r = 0; r < t.size(); ++r) {
    placer.place(r, t[r], placed_, owner_);
    heights[r] = rows.next(s, r, t[r], placed_, t.lines[r], groups_);
  }
  return heights;
}

bangfu::layout::PageRoom WorkbookWriter::bodyRoom(const SheetPlan& s, const PrintSetup& print,
                                                  double headerPt) const {
  const double pagePt = printedPageHeightPt(print, tablePx(s));
  double abovePt = 0;
  for (std::size_t r = 0; r < s.tableRow && r < rowHeights_.size(); ++r) abovePt += rowHeights_[r];
  bangfu::layout::PageRoom room;
  // No safety margin (the DOCX's kSplitSafetyTwips): a sheet row prints at the height
  // set, so this is pageBreaks' own page and both paginations end pages alike.
  room.pageTwips = static_cast<int>((pagePt - headerPt) * kTwipsPerPoint);
  room.firstPageTwips = std::max(0, room.pageTwips - static_cast<int>(abovePt * kTwipsPerPoint));
  return room;
}

bool WorkbookWriter::writableInTurn(const Table& t) {
  std::size_t lastBody = 0;
  bool anyBody = false;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const doc::Row& row = t.rows[r];
    if (row.kind == doc::RowKind::Header) {
      if (r >= t.headerRowCount()) return false;
      continue;
    }
    for (const Cell& c : row.cells)
      if (c.rowSpan > 1) return false;
    if (row.kind == doc::RowKind::Body) {
      lastBody = r;
      anyBody = true;
    }
  }
  for (std::size_t r = 0; anyBody && r <= lastBody; ++r) {
    for (const Cell& c : t.rows[r].cells)
      if (c.columnTotal) return false;
  }
  return true;
}

PrintedRows WorkbookWriter::printedRows(const SheetPlan& s, const PrintSetup& print) {
  const Table& t = *s.table;
  // Each cell measured once (layout::measureRows): the row heights and the cuts.
  bangfu::layout::TableLines measured = bangfu::layout::measureRows(t, s.cols, s.twips, s.metrics);
  const std::vector<int>& lines = measured.rows;
  const bangfu::layout::RowGeometry geometry = rowGeometry(s);
  double headerPt = 0;
  for (std::size_t r = 0; r < t.rows.size(); ++r)
    if (t.rows[r].kind == doc::RowKind::Header) headerPt += rowHeightPt(lines[r], s.pt);
  const bangfu::layout::PageRoom room = bodyRoom(s, print, headerPt);
  for (int& n : measured.rows) n = plannedLines(n, s, room);
  std::vector<int> heights(lines.size());
  bool merged = false;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    heights[r] = lines[r] * geometry.lineTwips + geometry.rowExtraTwips;
    for (const auto& c : t.rows[r].cells)
      merged = merged || (c.rowSpan > 1 && t.rows[r].kind != doc::RowKind::Header);
  }
  // Groups the page keeps whole move as one block (pageBreaks keeps them so too).
  const std::vector<unsigned char> keep =
      merged ? bangfu::layout::planGroups(t, s.cols, heights, room.pageTwips).keepWithNext
             : std::vector<unsigned char>(t.rows.size(), 0);
  PrintedRows out;
  out.cuts = bangfu::layout::planRowCuts(t, s.cols, s.twips, s.metrics, measured, keep, geometry, room);
  std::size_t parts = 0;
  for (const auto& cut : out.cuts) parts += cut.parts.size() - 1;
  out.rows.reserve(t.rows.size() + parts);
  out.lines.reserve(t.rows.size() + parts);
  auto cut = out.cuts.cbegin();
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    if (cut != out.cuts.cend() && cut->row == r) {
      for (std::size_t k = 0; k < cut->parts.size(); ++k) {
        if (k > 0) out.continuing.push_back(out.rows.size());
        out.rows.push_back(&cut->parts[k]);
        out.lines.push_back(cut->partLines[k]);
      }
      ++cut;
    } else {
      out.rows.push_back(&t.rows[r]);
      out.lines.push_back(lines[r]);
    }
  }
  return out;
}

void WorkbookWriter::noteBodyRow(std::size_t sheetRow) {
  if (!bodyRuns_.empty() && bodyRuns_.back().second + 1 == sheetRow) {
    bodyRuns_.back().second = sheetRow;
  } else {
    bodyRuns_.emplace_back(sheetRow, sheetRow);
  }
}

std::size_t WorkbookWriter::writeTable(const SheetPlan& s, const PrintSetup& print) {
  const Table& table = *s.table;
  const int halfPt = static_cast<int>(std::lround(s.pt * 2));
  TableCursor cursor(s.cols, table.rows.size());
  cursor.halfPt = halfPt;
  cursor.emptyFormat = formats_->cell(FormatKey{Role::Body, Style{}, Align::Center, s.borders, halfPt, {}});

  // Tall rows cut where the printed page ends, as the DOCX cuts them
  // (docs/typesetting.md "Rows across pages"); their later parts start a page.
  if (writableInTurn(table)) {
    // No group to keep whole and no merge to cut at a page: each row is measured,
    // cut and written in turn (layout::RowMeasurer, RowCutPlanner), so no cut
    // row's parts are held, and the deflate thread works while rows are measured.
    bangfu::layout::RowMeasurer measurer(table, s.cols, s.twips, s.metrics);
    const std::size_t headerRows = table.headerRowCount();
    std::size_t r = 0;  // the row as printed
    double headerPt = 0;
    for (; r < headerRows; ++r) {
      measurer.measureNext();
      headerPt += rowHeightPt(measurer.lines(), s.pt);
      writeTableRow(s, cursor, table.rows[r], r, measurer.lines());
    }
    const bangfu::layout::PageRoom room = bodyRoom(s, print, headerPt);
    bangfu::layout::RowCutPlanner planner(s.twips, s.metrics, rowGeometry(s), room);
    const auto writePrinted = [&](const doc::Row& row, int lines, bool continues) {
      if (continues) forcedStarts_.push_back(s.tableRow + r);
      if (row.kind == doc::RowKind::Body) noteBodyRow(s.tableRow + r);
      writeTableRow(s, cursor, row, r, lines);
      ++r;
    };
    for (std::size_t m = headerRows; m < table.rows.size(); ++m) {
      measurer.measureNext();
      const doc::Row& row = table.rows[m];
      const std::optional<bangfu::layout::RowCut> cut = planner.placeRow(
          row, m, plannedLines(measurer.lines(), s, room), measurer.cells().data(), measurer.merged());
      if (!cut) {
        writePrinted(row, measurer.lines(), false);
        continue;
      }
      cursor.placer.addRows(cut->parts.size() - 1);
      for (std::size_t k = 0; k < cut->parts.size(); ++k)
        writePrinted(cut->parts[k], cut->partLines[k], k > 0);
    }
    return r;
  }

  // Merged groups: the whole table planned before a row is written.
  const PrintedRows t = printedRows(s, print);
  for (const std::size_t r : t.continuing) forcedStarts_.push_back(s.tableRow + r);
  for (std::size_t r = 0; r < t.size(); ++r) {
    if (t[r].kind == doc::RowKind::Body) noteBodyRow(s.tableRow + r);
  }
  // The printed pages, known before any merge is written: a merged group cut by a
  // page (one taller than a page) is written as one merge per page, each with the
  // label, so no page starts with a blank merged cell (issue 16).
  const std::vector<double> heights = tableRowHeights(s, t);
  std::vector<double> sheetHeights = rowHeights_;
  sheetHeights.resize(s.tableRow, LXW_DEF_ROW_HEIGHT);
  sheetHeights.insert(sheetHeights.end(), heights.begin(), heights.end());
  cursor.pageStarts = printedPageStarts(print, tablePx(s), sheetHeights, sortedGroups(), forcedStarts_);
  cursor.heights = &heights;
  cursor.placer = Placer(s.cols, t.size());
  for (std::size_t r = 0; r < t.size(); ++r) writeTableRow(s, cursor, t[r], r, t.lines[r]);
  return t.size();
}

void WorkbookWriter::writeTableRow(const SheetPlan& s, TableCursor& w, const doc::Row& rowModel,
                                   std::size_t r, int lines) {
  const std::size_t cols = s.cols;
  const int halfPt = w.halfPt;
  const std::vector<std::size_t>& pageStarts = w.pageStarts;
  // Without page starts (a table written in turn has no merge a page cuts) a
  // merge ends where it ends.
  auto pieceEnd = [&pageStarts](std::size_t first, std::size_t last) {
    const auto next = std::upper_bound(pageStarts.begin(), pageStarts.end(), first);
    return next == pageStarts.end() ? last : std::min(last, *next - 1);
  };
  auto startsPage = [&pageStarts](std::size_t row) {
    return std::binary_search(pageStarts.begin(), pageStarts.end(), row);
  };
  auto addMerge = [&](const TableCursor::Merge& m, bool spansRows) {
    if (m.r0 == m.r1 && m.c0 == m.c1) return;
    if (optimize_ && spansRows) {
      w.pendingMerges.push_back(m);
    } else {
      status_.check(cells_.mergeRange(m.r0, m.c0, m.r1, m.c1, "", m.fmt), "worksheet_merge_range");
    }
  };
  std::vector<TableCursor::Covering>& covering = w.covering;
  std::vector<lxw_format*>& aboveFormat = w.aboveFormat;
  std::vector<lxw_format*>& cellFormat = w.cellFormat;
  std::vector<Style>& cellBase = w.cellBase;

  const std::vector<doc::Column>& columns = s.table->columns;
  const auto sheetRow = static_cast<lxw_row_t>(s.tableRow + r);
  w.placer.place(r, rowModel, placed_, owner_);
  const bool header = rowModel.kind == doc::RowKind::Header;
  const Role role = header ? Role::Header : Role::Body;
  // 黑体, not bold: the DOCX's TableHeading style (issue 16: XLSX matches DOCX).
  const Style roleBase = header ? Style{Face::Hei, false} : Style{Face::Fang, false};

  cellFormat.assign(placed_.size(), nullptr);
  cellBase.assign(placed_.size(), roleBase);
  for (std::size_t i = 0; i < placed_.size(); ++i) {
    const Placed& p = placed_[i];
    const Cell& cell = rowModel.cells[p.cell];
    // Format: the cell's one style (if it has one), its alignment, borders.
    Align align = cell.align;
    if (align == Align::Inherit && !header && p.col < columns.size()) align = columns[p.col].align;
    if (align == Align::Inherit) align = Align::Center;
    formatKey_ = FormatKey{role, cellStyle(cell.lines, roleBase), align, s.borders, halfPt, {}};
    if (cell.number) formatKey_.numFormat = cell.numberFormat;
    cellFormat[i] = formats_->cell(formatKey_);
  }
  setRowHeight(sheetRow, w.heights != nullptr ? (*w.heights)[r]
                                              : w.rowHeights.next(s, r, rowModel, placed_, lines, groups_));

  // Merges. In constant_memory mode rows are flushed in order, so a merge
  // spanning rows is registered when its last row is current: its first
  // cell (already written) is left alone, and the blanks it pads with are
  // overwritten below with the same format.
  if (optimize_) {
    for (const TableCursor::Merge& m : w.pendingMerges) {
      if (m.r1 == sheetRow)
        status_.check(cells_.mergeRange(m.r0, m.c0, m.r1, m.c1, "", m.fmt), "worksheet_merge_range");
    }
    w.pendingMerges.erase(
        std::remove_if(w.pendingMerges.begin(), w.pendingMerges.end(),
                       [sheetRow](const TableCursor::Merge& m) { return m.r1 == sheetRow; }),
        w.pendingMerges.end());
  }
  for (std::size_t i = 0; i < placed_.size(); ++i) {
    const Placed& p = placed_[i];
    if (p.rowSpan == 1 && p.colSpan == 1) continue;
    const std::size_t last = sheetRow + p.rowSpan - 1;
    const std::size_t end = header ? last : pieceEnd(sheetRow, last);
    addMerge(TableCursor::Merge{sheetRow, static_cast<lxw_col_t>(p.col), static_cast<lxw_row_t>(end),
                                static_cast<lxw_col_t>(p.col + p.colSpan - 1), cellFormat[i]},
             end > sheetRow);
    if (end < last) {
      for (std::size_t c = p.col; c < p.col + p.colSpan; ++c)
        covering[c] =
            TableCursor::Covering{&rowModel.cells[p.cell], cellBase[i], p.col, p.col + p.colSpan - 1, last};
    }
  }
  // A cut group's next piece: its merge and its label again, at the page's top.
  for (std::size_t c = 0; c < cols; ++c) {
    const TableCursor::Covering& cv = covering[c];
    if (cv.cell == nullptr || owner_[c] != kAbove || cv.firstCol != c || !startsPage(sheetRow) ||
        cv.lastRow < sheetRow)
      continue;
    const std::size_t end = pieceEnd(sheetRow, cv.lastRow);
    addMerge(TableCursor::Merge{sheetRow, static_cast<lxw_col_t>(c), static_cast<lxw_row_t>(end),
                                static_cast<lxw_col_t>(cv.lastCol), aboveFormat[c]},
             end > sheetRow);
  }

  for (std::size_t c = 0; c < cols; ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    const long o = owner_[c];
    if (o == kAbove) {
      const TableCursor::Covering& cv = covering[c];
      if (cv.cell != nullptr && cv.firstCol == c && cv.lastRow >= sheetRow && startsPage(sheetRow)) {
        writeCell(sheetRow, col, *cv.cell, cv.base, aboveFormat[c], halfPt, s, c, false);
      } else if (aboveFormat[c] != nullptr) {
        status_.check(cells_.writeBlank(sheetRow, col, aboveFormat[c]), "worksheet_write_blank");
      }
      continue;
    }
    if (o == kEmpty) {
      aboveFormat[c] = nullptr;
      covering[c] = TableCursor::Covering{};
      if (s.borders) status_.check(cells_.writeBlank(sheetRow, col, w.emptyFormat), "worksheet_write_blank");
      continue;
    }
    const auto idx = static_cast<std::size_t>(o);
    const Placed& p = placed_[idx];
    aboveFormat[c] = cellFormat[idx];
    if (covering[c].lastRow < sheetRow) covering[c] = TableCursor::Covering{};
    if (p.col != c) {
      status_.check(cells_.writeBlank(sheetRow, col, cellFormat[idx]), "worksheet_write_blank");
      continue;
    }
    writeCell(sheetRow, col, rowModel.cells[p.cell], cellBase[idx], cellFormat[idx], halfPt, s, c,
              rowModel.kind == doc::RowKind::Total || rowModel.kind == doc::RowKind::Body);
  }
}

}  // namespace bangfu::xlsx::detail
