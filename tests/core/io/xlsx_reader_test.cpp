// The XLSX reader on workbooks bangfu did not write (tests/fixtures/io/make_fixtures.py:
// openpyxl and LibreOffice headless) and on hostile files.
#include <gtest/gtest.h>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/io/sheet.hpp"
#include "bangfu/util/atomic_file.hpp"

using namespace bangfu;
using Type = io::SheetCell::Type;

namespace {

std::string fixture(const std::string& name) {
  return std::string(BANGFU_SOURCE_DIR) + "/tests/fixtures/io/" + name;
}

/// Runs `f`, which must throw InputError, and returns its diagnostic.
template <class F>
diag::Diagnostic inputError(F&& f) {
  try {
    f();
  } catch (const diag::InputError& e) {
    return e.diagnostic();
  }
  ADD_FAILURE() << "no InputError";
  return {};
}

}  // namespace

class OpenpyxlWorkbook : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { book_ = new io::Workbook(io::readXlsx(fixture("openpyxl_types.xlsx"))); }
  static void TearDownTestSuite() { delete book_; }
  static const io::Sheet& sheet() {
    const io::Sheet* s = book_->find("团组安排");
    EXPECT_NE(s, nullptr);
    return *s;
  }
  static io::Workbook* book_;
};
io::Workbook* OpenpyxlWorkbook::book_ = nullptr;

TEST_F(OpenpyxlWorkbook, ChineseSheetNamesInOrder) {
  ASSERT_EQ(book_->sheets.size(), 2u);
  EXPECT_EQ(book_->sheets[0].name, "团组安排");
  EXPECT_EQ(book_->sheets[1].name, "说明");
  EXPECT_EQ(book_->find("不存在"), nullptr);
}

TEST_F(OpenpyxlWorkbook, SharedAndRichAndInlineStrings) {
  const io::Sheet& s = sheet();
  EXPECT_EQ(s.at(1, 1).text, "县（市、区）");
  EXPECT_EQ(s.at(2, 1).type, Type::String);
  // Runs concatenated; the phonetic run <rPh> is not part of the value.
  EXPECT_EQ(s.at(2, 2).text, "市自然资源和规划局（2个）");
  EXPECT_EQ(s.at(2, 7).text, "内联字符串");
  EXPECT_EQ(s.at(3, 7).text, "内联 富文本");
}

TEST_F(OpenpyxlWorkbook, NumbersDatesBooleansErrors) {
  const io::Sheet& s = sheet();
  EXPECT_EQ(s.at(2, 3).type, Type::Number);
  EXPECT_EQ(s.at(2, 3).text, "16");
  EXPECT_EQ(s.at(3, 3).text, "3.5");
  EXPECT_EQ(s.at(2, 4).type, Type::Date);
  EXPECT_EQ(s.at(2, 4).text, "2019-05-30");  // as shown: its format is yyyy-mm-dd
  EXPECT_EQ(io::chineseDateText(s.at(2, 4).number, false), "2019年5月30日");
  EXPECT_DOUBLE_EQ(s.at(2, 4).number, 43615);  // 1900 system serial of 2019-05-30
  EXPECT_EQ(s.at(3, 4).type, Type::Date);      // custom yyyy"年"m"月"d"日"
  EXPECT_EQ(s.at(3, 4).text, "2018年1月2日");
  EXPECT_EQ(s.at(2, 5).type, Type::Bool);
  EXPECT_EQ(s.at(2, 5).text, "TRUE");
  EXPECT_EQ(s.at(3, 5).number, 0);
  EXPECT_EQ(s.at(4, 7).type, Type::Error);
  EXPECT_EQ(s.at(4, 7).text, "#DIV/0!");
  const io::Sheet& notes = *book_->find("说明");
  EXPECT_EQ(notes.at(2, 1).text, "0.3");
  EXPECT_EQ(notes.at(3, 1).text, "-42");
  EXPECT_EQ(notes.at(4, 1).text, "1234567.25");
  EXPECT_EQ(notes.at(5, 1).text, "2019/5/30 9:30");  // built-in 22 as zh-CN shows it
  EXPECT_EQ(io::chineseDateText(notes.at(5, 1).number, false), "2019年5月30日 9:30");
}

TEST_F(OpenpyxlWorkbook, EmptyRowsSparseCellsAndPadding) {
  const io::Sheet& s = sheet();
  EXPECT_EQ(s.rowCount(), 12);    // F12 is the last value
  EXPECT_EQ(s.columnCount(), 7);  // G is the widest
  for (const auto& row : s.rows) EXPECT_EQ(row.size(), 7u);
  for (int c = 1; c <= 7; ++c) EXPECT_EQ(s.at(5, c).type, Type::Empty);
  EXPECT_EQ(s.at(4, 3).type, Type::Empty);  // formula without a cached value
  EXPECT_EQ(s.at(12, 6).text, "稀疏");
  EXPECT_EQ(s.at(6, 1).text, "合计");
}

TEST_F(OpenpyxlWorkbook, MergedValueCoversRange) {
  const io::Sheet& s = sheet();
  for (int r = 7; r <= 9; ++r) EXPECT_EQ(s.at(r, 1).text, "景宁县") << r;
  EXPECT_EQ(s.at(7, 3).text, "横向合并");
  EXPECT_EQ(s.at(7, 4).text, "横向合并");
  EXPECT_EQ(s.at(8, 2).text, "市教育局");
  ASSERT_EQ(s.merges.size(), 2u);
}

TEST(XlsxReader, LibreOfficeConvertedCsv) {
  const io::Workbook book = io::readXlsx(fixture("lo_from_csv.xlsx"));
  ASSERT_EQ(book.sheets.size(), 1u);
  const io::Sheet& s = book.sheets[0];
  ASSERT_EQ(s.rowCount(), 4);
  EXPECT_EQ(s.at(1, 2).text, "县（市、区）");
  EXPECT_EQ(s.at(2, 2).text, "莲都区");
  EXPECT_EQ(s.at(3, 3).text, "四川省甘孜州稻城县");
  EXPECT_EQ(s.at(2, 4).type, Type::Number);
  EXPECT_EQ(s.at(2, 4).text, "16");
  // LibreOffice recognises ISO dates in CSV and stores a date-formatted serial.
  EXPECT_EQ(s.at(2, 5).type, Type::Date);
  EXPECT_EQ(s.at(2, 5).text, "2019-05-30");  // LibreOffice's ISO date format, as shown
  EXPECT_EQ(s.at(4, 5).type, Type::Empty);
}

TEST(XlsxReader, BytesAndPathAgree) {
  const std::string bytes = util::readFile(fixture("openpyxl_types.xlsx"));
  const io::Workbook a = io::readXlsxBytes(bytes, "mem.xlsx");
  EXPECT_EQ(a.file, "mem.xlsx");
  EXPECT_EQ(a.sheets.at(0).at(2, 2).text, "市自然资源和规划局（2个）");
}

TEST(XlsxHostile, NotAZip) {
  const auto d = inputError([] { io::readXlsx(fixture("hostile/not_a_zip.xlsx")); });
  EXPECT_EQ(d.code, "xlsx.not-zip");
  EXPECT_EQ(d.where.file, fixture("hostile/not_a_zip.xlsx"));
}

TEST(XlsxHostile, Truncated) {
  const auto d = inputError([] { io::readXlsx(fixture("hostile/truncated.xlsx")); });
  EXPECT_TRUE(d.code == "xlsx.bad-zip" || d.code == "xlsx.missing-part") << d.code;
}

TEST(XlsxHostile, EveryTruncationIsAnInputError) {
  const std::string bytes = util::readFile(fixture("openpyxl_types.xlsx"));
  for (std::size_t n = 0; n < bytes.size(); n += 97) {
    try {
      io::readXlsxBytes(bytes.substr(0, n), "cut.xlsx");
      ADD_FAILURE() << "a workbook cut at " << n << " bytes was read";
    } catch (const diag::InputError& e) {
      EXPECT_EQ(e.diagnostic().code.rfind("xlsx.", 0), 0u) << e.diagnostic().code;
    }
  }
}

TEST(XlsxHostile, ZipBombStopsAtTheCap) {
  io::ReadLimits limits;
  limits.maxPartBytes = 4u << 20;
  const auto d = inputError([&] { io::readXlsx(fixture("hostile/zip_bomb.xlsx"), limits); });
  EXPECT_EQ(d.code, "xlsx.too-large");
  EXPECT_EQ(d.where.field, "xl/worksheets/sheet1.xml");
}

TEST(XlsxHostile, ZipBombStopsAtTheDefaultCap) {
  // 300 MB of zeros against the default 64 MB cap.
  const auto d = inputError([] { io::readXlsx(fixture("hostile/zip_bomb.xlsx")); });
  EXPECT_EQ(d.code, "xlsx.too-large");
}

TEST(XlsxHostile, MalformedXmlNamesPartAndLine) {
  const auto d = inputError([] { io::readXlsx(fixture("hostile/malformed_xml.xlsx")); });
  EXPECT_EQ(d.code, "xlsx.bad-xml");
  EXPECT_EQ(d.where.field, "xl/worksheets/sheet1.xml");
  EXPECT_GE(d.where.row, 2);  // the part was split into lines before the break
  EXPECT_GE(d.where.column, 1);
}

TEST(XlsxHostile, MissingSheetPart) {
  const auto d = inputError([] { io::readXlsx(fixture("hostile/missing_sheet.xlsx")); });
  EXPECT_EQ(d.code, "xlsx.missing-part");
  EXPECT_EQ(d.where.sheet, "说明");
  EXPECT_EQ(d.where.field, "xl/worksheets/sheet2.xml");
}

TEST(XlsxHostile, CellOverExcelLimit) {
  const auto d = inputError([] { io::readXlsx(fixture("hostile/long_cell.xlsx")); });
  EXPECT_EQ(d.code, "xlsx.cell-too-long");
  EXPECT_EQ(d.where.sheet, "长文本");
  EXPECT_EQ(d.where.row, 3);
  EXPECT_EQ(d.where.column, 2);
}

TEST(XlsxHostile, TooManyCells) {
  io::ReadLimits limits;
  limits.maxCells = 50;  // the sheet spans 12 x 7 = 84 cells
  const auto d = inputError([&] { io::readXlsx(fixture("openpyxl_types.xlsx"), limits); });
  EXPECT_EQ(d.code, "xlsx.too-many-cells");
  EXPECT_EQ(d.where.sheet, "团组安排");
}

TEST(XlsxHostile, MissingFile) {
  const auto d = inputError([] { io::readXlsx(fixture("no-such.xlsx")); });
  EXPECT_EQ(d.code, "io.unreadable");
}

TEST(XlsxReader, LibreOfficeSharedRichTextMergeDateBool) {
  const io::Workbook book = io::readXlsx(fixture("lo_rich_text.xlsx"));
  const io::Sheet* s = book.find("团组单位");
  ASSERT_NE(s, nullptr);
  // A bold run and plain runs in one shared string item.
  EXPECT_EQ(s->at(2, 2).text, "市自然资源和规划局（2个）、市人防办");
  EXPECT_EQ(s->at(2, 1).text, "莲都区");
  EXPECT_EQ(s->at(3, 1).text, "莲都区");  // merged A2:A3
  EXPECT_EQ(s->at(2, 3).type, Type::Date);
  EXPECT_EQ(s->at(2, 3).text, "2019年5月30日");
  // LibreOffice stores a boolean as the number 1 in a General cell.
  EXPECT_EQ(s->at(2, 4).number, 1);
  EXPECT_EQ(s->at(3, 3).text, "77");
}
