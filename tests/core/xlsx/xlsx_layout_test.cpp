// Layout rules of the XLSX writer (docs/xlsx.md): widths, heights, margins, sheet names.
#include "xlsx/xlsx_layout.hpp"

#include <gtest/gtest.h>

#include <numeric>

#include "bangfu/text/width.hpp"

namespace {

using namespace bangfu::xlsx::detail;

TEST(XlsxLayoutTest, NaturalWidthCountsCjkAsTwoUnits) {
  // 6 字 at 12 pt: (12 + 2) units × 8 px = 112 px → (112 − 5) / 7 → 16 characters.
  const auto du = bangfu::text::displayWidth("工作组（个）");
  EXPECT_EQ(du, 12u);
  EXPECT_DOUBLE_EQ(naturalColumnWidth(du, 12), 16);
  // The same number of ASCII characters is half as wide.
  EXPECT_LT(naturalColumnWidth(bangfu::text::displayWidth("abcdef"), 12), 16);
  EXPECT_DOUBLE_EQ(naturalColumnWidth(0, 12), kMinColumnWidth);
  EXPECT_DOUBLE_EQ(naturalColumnWidth(10000, 12), kMaxColumnWidth);
}

double totalPx(const std::vector<double>& w) {
  double px = 0;
  for (double x : w) px += columnPx(x);
  return px;
}

TEST(XlsxLayoutTest, NarrowTablesWidenToTheTypeArea) {
  const double target = typeAreaWidthPx(false);
  const auto w = fitColumnWidths({6, 12, 20}, target);
  EXPECT_NEAR(totalPx(w), target, 2);
  EXPECT_NEAR(w[1] / w[0], 2.0, 0.01);  // proportions kept
}

TEST(XlsxLayoutTest, WideTablesShrinkTheirWidestColumnsFirst) {
  const double target = typeAreaWidthPx(true);
  const auto w = fitColumnWidths({8, 16, 50, 50, 36}, target);
  EXPECT_NEAR(totalPx(w), target, 2);
  EXPECT_DOUBLE_EQ(w[0], 8);  // narrow columns keep their natural width
  EXPECT_DOUBLE_EQ(w[1], 16);
  EXPECT_DOUBLE_EQ(w[2], w[3]);
  EXPECT_LE(w[4], 36);
  // Too many columns for the page: none goes below the wrap minimum; fit-to-width shrinks the print.
  const auto many = fitColumnWidths(std::vector<double>(40, 30), target);
  for (double x : many) EXPECT_DOUBLE_EQ(x, kMinWrapWidth);
}

TEST(XlsxLayoutTest, WrappedLinesAndRowHeights) {
  // 100 px at 12 pt holds (100 − 6) / 8 = 11 units per line.
  EXPECT_EQ(wrappedLines(0, 100, 12), 1);
  EXPECT_EQ(wrappedLines(11, 100, 12), 1);
  EXPECT_EQ(wrappedLines(12, 100, 12), 2);
  EXPECT_EQ(wrappedLines(40, 100, 12), 4);
  EXPECT_DOUBLE_EQ(rowHeightPt(1, 12), 12 * kLineHeightEm + kRowPaddingPt);
  EXPECT_GT(rowHeightPt(3, 12), 2.9 * rowHeightPt(1, 12) - 3 * kRowPaddingPt);
  EXPECT_DOUBLE_EQ(rowHeightPt(1000, 12), kMaxRowHeightPt);
}

TEST(XlsxLayoutTest, MarginsFollowTheTypeArea) {
  const Margins p = pageMargins(false);
  EXPECT_NEAR(p.top * 25.4, 37, 0.01);
  EXPECT_NEAR(p.left * 25.4, 28, 0.01);
  EXPECT_NEAR(p.right * 25.4, 26, 0.01);
  EXPECT_NEAR(p.bottom * 25.4, 35, 0.01);
  EXPECT_NEAR(p.footer * 25.4, 25.5, 0.01);  // the DOCX's w:footer (spec §1a)
  const Margins l = pageMargins(true);
  EXPECT_NEAR(l.top * 25.4, 28, 0.01);
  EXPECT_NEAR(l.right * 25.4, 37, 0.01);
  EXPECT_NEAR(l.bottom * 25.4, 26, 0.01);
  EXPECT_NEAR(l.left * 25.4, 35, 0.01);
  EXPECT_LT(l.footer, l.bottom);
  // 版心 156 mm = 589.6 px portrait, 225 mm landscape.
  EXPECT_NEAR(typeAreaWidthPx(false), 589.6, 0.1);
  EXPECT_NEAR(typeAreaWidthPx(true), 850.4, 0.1);
}

TEST(XlsxLayoutTest, SheetNamesFollowExcelRules) {
  const auto n = makeSheetNames({"附件1", "附件1", "", "a/b:c", "'引号'", "History",
                                 "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三",
                                 "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三",
                                 "SHEET", "sheet", "两行\n标题"});
  ASSERT_EQ(n.size(), 11u);
  EXPECT_EQ(n[0].name, "附件1");
  EXPECT_TRUE(n[0].why.empty());
  EXPECT_EQ(n[1].name, "附件1（2）");
  EXPECT_FALSE(n[1].why.empty());
  EXPECT_EQ(n[2].name, "表3");
  EXPECT_EQ(n[3].name, "a／b：c");
  EXPECT_EQ(n[4].name, "引号");
  EXPECT_EQ(n[5].name, "History（2）");
  EXPECT_EQ(bangfu::text::codePointCount(n[6].name), 31u);
  EXPECT_EQ(bangfu::text::codePointCount(n[7].name), 31u);
  EXPECT_NE(n[6].name, n[7].name);
  EXPECT_NE(n[7].name.find("（2）"), std::string::npos);
  EXPECT_EQ(n[8].name, "SHEET");
  EXPECT_EQ(n[9].name, "sheet（2）");  // Excel compares names without regard to case
  EXPECT_EQ(n[10].name, "两行标题");
}

TEST(XlsxLayoutTest, FastWidthAgreesWithIcuEverywhere) {
  // Every code point of the BMP and the SMP's first ideographs, one by one and in a run.
  std::string all;
  for (char32_t c = 1; c < 0x20000 + 64; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string one;
    if (c < 0x80) {
      one += static_cast<char>(c);
    } else if (c < 0x800) {
      one += static_cast<char>(0xC0 | (c >> 6));
      one += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      one += static_cast<char>(0xE0 | (c >> 12));
      one += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      one += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      one += static_cast<char>(0xF0 | (c >> 18));
      one += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      one += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      one += static_cast<char>(0x80 | (c & 0x3F));
    }
    ASSERT_EQ(displayWidth(one), bangfu::text::displayWidth(one)) << std::hex << static_cast<unsigned>(c);
    all += one;
  }
  EXPECT_EQ(displayWidth(all), bangfu::text::displayWidth(all));
  // Invalid and truncated bytes count one each, as in text::displayWidth.
  for (const char* bad : {"\xE4\xB8", "\xFF\xFE", "a\xE4", "\x80\x80\x80"}) {
    EXPECT_EQ(displayWidth(bad), bangfu::text::displayWidth(bad)) << bad;
  }
}

TEST(XlsxLayoutTest, ColumnLetters) {
  EXPECT_EQ(columnLetters(0), "A");
  EXPECT_EQ(columnLetters(25), "Z");
  EXPECT_EQ(columnLetters(26), "AA");
  EXPECT_EQ(columnLetters(16383), "XFD");
}

}  // namespace
