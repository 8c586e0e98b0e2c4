// Tall rows cut at the page boundary (layout::splitTallRows; docs/typesetting.md
// "Rows across pages"): the cut cell's parts read as its text, the other cells
// repeat theirs, no part holds one line, and short tables are left alone.
#include "bangfu/layout/row_split.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bangfu/layout/columns.hpp"

namespace bangfu::layout {
namespace {

doc::Cell textCell(const std::string& s) {
  doc::Cell c;
  c.lines.push_back(doc::Paragraph::text(s, doc::ParagraphRole::Plain));
  return c;
}

std::string cellText(const doc::Cell& c) {
  std::string s;
  for (const auto& p : c.lines) s += p.plainText();
  return s;
}

/// A header and `rows` body rows: 县 | a long 、 list | a number.
doc::Table listTable(int rows, int items) {
  doc::Table t;
  t.columns.resize(3);
  doc::Row head;
  head.kind = doc::RowKind::Header;
  for (const char* h : {"县", "团组单位", "工作组数"}) head.cells.push_back(textCell(h));
  t.rows.push_back(head);
  for (int r = 0; r < rows; ++r) {
    std::string list;
    for (int i = 0; i < items; ++i)
      list += (i > 0 ? "、" : "") + std::string("市第") + std::to_string(i) + "局";
    doc::Row row;
    row.cells = {textCell("莲都区"), textCell(list), doc::Cell::num(16)};
    t.rows.push_back(row);
  }
  return t;
}

constexpr RowGeometry kGeometry{400, 66};
const std::vector<int> kWidths{1500, 4000, 1200};
const TableMetrics kMetrics{6700, 28, 170};

TEST(RowSplit, CutsATallRowAtThePageAndKeepsItsText) {
  const doc::Table t = listTable(3, 40);
  const std::vector<int> lines = rowLines(t, 3, kWidths, kMetrics);
  ASSERT_GE(lines[1], 2 * kSplitRowMinLines) << "the sample rows must be tall";
  const PageRoom room{lines[1] * 400 / 2, 20 * 400};  // half a row left on page 1
  const auto split = splitTallRows(t, 3, kWidths, kMetrics, lines,
                                   std::vector<unsigned char>(t.rows.size(), 0), kGeometry, room);
  ASSERT_TRUE(split.has_value());
  ASSERT_GT(split->table.rows.size(), t.rows.size());
  EXPECT_EQ(split->table.rows[0].kind, doc::RowKind::Header);
  // Row 1 is cut in two: 县 repeats, the list runs on, 工作组数 prints once.
  const doc::Row& a = split->table.rows[1];
  const doc::Row& b = split->table.rows[2];
  EXPECT_EQ(cellText(a.cells[0]), "莲都区");
  EXPECT_EQ(cellText(b.cells[0]), "莲都区");
  EXPECT_EQ(cellText(a.cells[2]), "16");
  EXPECT_EQ(cellText(b.cells[2]), "") << "a number repeated on the next page would be counted twice";
  EXPECT_FALSE(b.cells[2].number.has_value());
  EXPECT_EQ(cellText(a.cells[1]) + cellText(b.cells[1]), cellText(t.rows[1].cells[1]));
  const std::string head = cellText(a.cells[1]);
  EXPECT_EQ(head.substr(head.size() - 3), "、") << "the cut falls after a list item: " << head;
  // Each part has at least two lines, and the first fits the room it was cut for.
  doc::Table parts;
  parts.columns = t.columns;
  parts.rows = {a, b};
  const std::vector<int> partLines = rowLines(parts, 3, kWidths, kMetrics);
  EXPECT_EQ(split->lines, rowLines(split->table, 3, kWidths, kMetrics))
      << "the lines handed back are measured ones";
  EXPECT_GE(partLines[0], kSplitPartMinLines);
  EXPECT_GE(partLines[1], kSplitPartMinLines);
  EXPECT_LE(partLines[0] * 400 + 66, room.firstPageTwips);
  // Whatever was cut, every row's texts read in order give the table's texts.
  std::string all;
  for (const auto& r : split->table.rows) all += cellText(r.cells[1]);
  std::string want;
  for (const auto& r : t.rows) want += cellText(r.cells[1]);
  EXPECT_EQ(all, want);
}

TEST(RowSplit, CutsTheTwoTallestCellsAtOnePageBoundary) {
  // 县 holds a long 结对村 list too: alone, neither cut leaves a first part that fits.
  doc::Table t = listTable(1, 40);
  std::string villages;
  for (int i = 0; i < 30; ++i)
    villages += (i > 0 ? "、" : "") + std::string("东春街道第") + std::to_string(i) + "村";
  t.rows[1].cells[0] = textCell(villages);
  const TableLines measured = measureRows(t, 3, kWidths, kMetrics);
  const int countyLines = measured.cell(1, 0).lines;
  const int listLines = measured.cell(1, 1).lines;
  ASSERT_GE(std::min(countyLines, listLines), 8) << "both cells must be tall";
  const int roomLines = std::min(countyLines, listLines) / 2;
  const PageRoom room{roomLines * 400 + 66, 60 * 400};
  const std::vector<RowCut> cuts = planRowCuts(t, 3, kWidths, kMetrics, measured,
                                               std::vector<unsigned char>(t.rows.size(), 0), kGeometry, room);
  ASSERT_EQ(cuts.size(), 1U);
  ASSERT_EQ(cuts[0].row, 1U);
  ASSERT_EQ(cuts[0].parts.size(), 2U);
  const doc::Row& a = cuts[0].parts[0];
  const doc::Row& b = cuts[0].parts[1];
  for (std::size_t c : {0U, 1U}) {
    EXPECT_EQ(cellText(a.cells[c]) + cellText(b.cells[c]), cellText(t.rows[1].cells[c])) << "cell " << c;
    const std::string head = cellText(a.cells[c]);
    EXPECT_EQ(head.substr(head.size() - 3), "、") << "cell " << c << " is cut after a list item: " << head;
  }
  EXPECT_EQ(cellText(a.cells[2]), "16");
  EXPECT_EQ(cellText(b.cells[2]), "");
  doc::Table parts;
  parts.columns = t.columns;
  parts.rows = {a, b};
  const TableLines partLines = measureRows(parts, 3, kWidths, kMetrics);
  EXPECT_EQ(cuts[0].partLines, partLines.rows);
  EXPECT_LE(partLines.rows[0] * 400 + 66, room.firstPageTwips);
  for (std::size_t r : {0U, 1U})
    for (std::size_t c : {0U, 1U}) EXPECT_GE(partLines.cell(r, c).lines, kSplitPartMinLines);
  // splitTallRows applies the same cuts to a copy.
  const auto split = splitTallRows(t, 3, kWidths, kMetrics, measured.rows,
                                   std::vector<unsigned char>(t.rows.size(), 0), kGeometry, room);
  ASSERT_TRUE(split.has_value());
  EXPECT_EQ(split->table.rows.size(), t.rows.size() + 1);
}

TEST(RowSplit, LeavesShortRowsAndKeptRowsWhole) {
  const doc::Table shortRows = listTable(30, 3);
  const std::vector<int> lines = rowLines(shortRows, 3, kWidths, kMetrics);
  EXPECT_FALSE(splitTallRows(shortRows, 3, kWidths, kMetrics, lines,
                             std::vector<unsigned char>(shortRows.rows.size(), 0), kGeometry, {1000, 8000})
                   .has_value());
  const doc::Table tall = listTable(3, 40);
  const std::vector<int> tallLines = rowLines(tall, 3, kWidths, kMetrics);
  // Kept with the next row (a merged group's rows): moved as a block, never cut.
  EXPECT_FALSE(splitTallRows(tall, 3, kWidths, kMetrics, tallLines, std::vector<unsigned char>{0, 1, 1, 0},
                             kGeometry, {tallLines[1] * 200, 20 * 400})
                   .has_value());
  // The first page's room unknown: nothing is cut there.
  EXPECT_FALSE(splitTallRows(tall, 3, kWidths, kMetrics, tallLines, std::vector<unsigned char>(4, 0),
                             kGeometry, {-1, 100 * 400})
                   .has_value());
}

}  // namespace
}  // namespace bangfu::layout
