// What the XLSX reader tells about a workbook's sheets (issue 22): hidden sheets,
// rows and columns, chart sheets, _xHHHH_ escapes, .xlsm (fixtures written by
// openpyxl and LibreOffice: tests/fixtures/sheets/make_fixtures.py table).
#include <gtest/gtest.h>

#include "bangfu/io/sheet.hpp"

using namespace bangfu;

namespace {

std::string fixture(const std::string& name) {
  return std::string(BANGFU_SOURCE_DIR) + "/tests/fixtures/sheets/" + name;
}

}  // namespace

TEST(XlsxSheets, HiddenSheetRowsColumnsAndChartSheet) {
  const io::Workbook book = io::readXlsx(fixture("hidden.xlsx"));
  ASSERT_EQ(book.sheets.size(), 2u);
  EXPECT_EQ(book.sheets[0].name, "CCSInfo");
  EXPECT_TRUE(book.sheets[0].hidden);
  const io::Sheet& general = book.sheets[1];
  EXPECT_FALSE(general.hidden);
  EXPECT_EQ(general.hiddenRows, std::vector<int>{3});
  EXPECT_EQ(general.hiddenColumns, std::vector<int>{2});
  ASSERT_EQ(book.otherSheets.size(), 1u);
  EXPECT_EQ(book.otherSheets[0].name, "图表");
  EXPECT_EQ(book.otherSheets[0].kind, "chart");
}

TEST(XlsxSheets, WorkbookWithOnlyAChartSheet) {
  const io::Workbook book = io::readXlsx(fixture("no_sheets.xlsx"));
  EXPECT_TRUE(book.sheets.empty());
  ASSERT_EQ(book.otherSheets.size(), 1u);
  EXPECT_EQ(book.otherSheets[0].kind, "chart");
}

TEST(XlsxSheets, XstringEscapesDecoded) {
  const io::Workbook book = io::readXlsx(fixture("escapes.xlsx"));
  const io::Sheet& s = book.sheets.at(0);
  EXPECT_EQ(s.at(2, 1).text, "第一行\r\n第二行");  // shared string: _x000D__x000A_
  EXPECT_EQ(s.at(2, 2).text, "中文");              // inline string: _x4E2D__x6587_
  EXPECT_EQ(s.at(2, 3).text, "a_x0041_b");         // formula result: _x005F_ is the underscore
}

TEST(XlsxSheets, MacroWorkbookReadLikeXlsx) {
  const io::Workbook book = io::readXlsx(fixture("macro.xlsm"));
  const io::Sheet& s = book.sheets.at(0);
  EXPECT_EQ(s.at(2, 2).text, "98.76%");
  EXPECT_DOUBLE_EQ(s.at(2, 2).number, 0.9876);
  EXPECT_EQ(s.at(2, 9).type, io::SheetCell::Type::Date);
}

TEST(XlsxSheets, MergedHeaderRangesAreKept) {
  const io::Workbook book = io::readXlsx(fixture("title_two_row_header.xlsx"));
  const io::Sheet& s = book.sheets.at(0);
  EXPECT_EQ(s.merges.size(), 5u);     // A1:F1, A2:A3, B2:C2, D2:E2, F2:F3
  EXPECT_EQ(s.at(2, 3).text, "1月");  // a merged value covers its range
  EXPECT_EQ(s.at(4, 2).text, "1,234.57");
  EXPECT_DOUBLE_EQ(s.at(4, 2).number, 1234.567);
}
