// docx::RowsAhead measures a table's rows on a second thread for the writer; every
// row must read as layout::RowMeasurer gives it on one thread, and a writer that
// stops early (an error in a row) must not wait for the rest.
#include "docx/rows_ahead.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "bangfu/layout/columns.hpp"

namespace {

using namespace bangfu;

doc::Table randomTable(std::mt19937& rng, int rows) {
  const char* const words[] = {"莲都区",     "结对村：渝秀镇头杨村、嘉云镇仑林村",
                               "台州市团委", "（2个）",
                               "、",         "浙江创鑫建设有限公司",
                               "12",         "\n",
                               "a1"};
  std::uniform_int_distribution<int> count(0, 30);
  doc::Table t;
  for (int c = 0; c < 4; ++c)
    t.columns.push_back({"c" + std::to_string(c), 1.0 + c, doc::Align::Left, false});
  doc::Row header;
  header.kind = doc::RowKind::Header;
  for (int c = 0; c < 4; ++c) header.cells.push_back(doc::Cell::text("列" + std::to_string(c)));
  t.rows.push_back(header);
  for (int r = 0; r < rows; ++r) {
    doc::Row row;
    for (int c = 0; c < 4; ++c) {
      std::string text;
      for (int k = count(rng); k > 0; --k) text += words[rng() % std::size(words)];
      row.cells.push_back(doc::Cell::text(text));
    }
    t.rows.push_back(row);
  }
  return t;
}

TEST(RowsAhead, MeasuresEveryRowAsRowMeasurerDoes) {
  std::mt19937 rng(16);
  const doc::Table t = randomTable(rng, 400);
  const layout::TableMetrics m = layout::tableMetrics(t, 4, 13946);
  const std::vector<int> widths = layout::solveColumnWidths(t, 4, m);
  layout::RowMeasurer one(t, 4, widths, m);
  docx::RowsAhead ahead(t, 4, widths, m);
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    one.measureNext();
    const docx::RowsAhead::Row& got = ahead.row(r);
    ASSERT_EQ(got.lines, one.lines()) << "row " << r;
    EXPECT_EQ(got.merged, one.merged()) << "row " << r;
    ASSERT_EQ(got.cells.size(), one.cells().size()) << "row " << r;
    for (std::size_t c = 0; c < got.cells.size(); ++c) {
      EXPECT_EQ(got.cells[c].widthTwips, one.cells()[c].widthTwips) << r << "," << c;
      EXPECT_EQ(got.cells[c].lines, one.cells()[c].lines) << r << "," << c;
      EXPECT_EQ(got.cells[c].greedyLines, one.cells()[c].greedyLines) << r << "," << c;
      EXPECT_EQ(got.cells[c].noNarrowing, one.cells()[c].noNarrowing) << r << "," << c;
    }
  }
}

TEST(RowsAhead, AWriterThatStopsEarlyDoesNotWait) {
  std::mt19937 rng(9704);
  const doc::Table t = randomTable(rng, 3000);
  const layout::TableMetrics m = layout::tableMetrics(t, 4, 13946);
  const std::vector<int> widths = layout::solveColumnWidths(t, 4, m);
  for (int round = 0; round < 20; ++round) {
    docx::RowsAhead ahead(t, 4, widths, m);
    for (std::size_t r = 0; r < static_cast<std::size_t>(round); ++r) EXPECT_GE(ahead.row(r).lines, 1);
  }  // each destroyed while its thread may still be measuring
}

}  // namespace
