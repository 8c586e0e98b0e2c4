// The format engine on the cases of issue 22 and on what the LibreOffice oracle
// (oracle_test.cpp) cannot check: Excel's 1900 calendar before March 1900, the
// zh-CN built-in ids, conditions, text sections, hostile codes.
#include "bangfu/numfmt/numfmt.hpp"

#include <gtest/gtest.h>

using bangfu::numfmt::DateSystem;
using bangfu::numfmt::Format;

namespace {

std::string shown(const std::string& code, double v, DateSystem system = DateSystem::Y1900) {
  return Format::parse(code).format(v, system);
}

}  // namespace

TEST(NumfmtTest, TheFormatsOfTheIssue) {
  EXPECT_EQ(shown("0.00%", 0.9876), "98.76%");
  EXPECT_EQ(shown("0.00_ ", 6779.0725293054), "6779.07 ");  // _ leaves the width of a space
  EXPECT_EQ(shown("#,###", 7890), "7,890");
  EXPECT_EQ(shown("\"$\"#,##0.00", 123), "$123.00");
  EXPECT_EQ(shown("#,##0.00;(#,##0.00)", -1234.5), "(1,234.50)");
  EXPECT_EQ(shown("[h]:mm:ss", 1.5), "36:00:00");
  EXPECT_EQ(shown("h:mm AM/PM", 0.75), "6:00 下午");
  EXPECT_EQ(shown("[$-409]h:mm AM/PM", 0.75), "6:00 PM");
  EXPECT_EQ(shown("yyyy-mm-dd", 43615.75), "2019-05-30");  // a date-only format shows no time
}

TEST(NumfmtTest, ZhCnBuiltins) {
  EXPECT_EQ(Format::builtin(14).format(43615), "2019/5/30");
  EXPECT_EQ(Format::builtin(31).format(43615), "2019年5月30日");
  EXPECT_EQ(Format::builtin(27).format(43615), "2019年5月");
  EXPECT_EQ(Format::builtin(28).format(43615), "5月30日");
  EXPECT_EQ(Format::builtin(32).format(0.75), "18时00分");
  EXPECT_EQ(Format::builtin(34).format(0.75), "下午6时00分");
  EXPECT_EQ(Format::builtin(35).format(0.3), "上午7时12分00秒");
  EXPECT_EQ(Format::builtin(10).format(0.5), "50.00%");
  EXPECT_EQ(Format::builtin(3).format(-1234567), "-1,234,567");
  EXPECT_EQ(Format::builtin(39).format(-2.5), "-2.50");
  EXPECT_EQ(Format::builtin(49).formatText("甲"), "甲");
  EXPECT_TRUE(Format::builtin(9999).isGeneral());
  EXPECT_TRUE(Format::builtin(14).isDate());
  EXPECT_FALSE(Format::builtin(4).isDate());
}

TEST(NumfmtTest, ExcelsNineteenHundredCalendar) {
  // §18.17.4.1: serial 60 is Lotus's fictitious 1900-02-29; serial 0 shows as 1900-01-00.
  EXPECT_EQ(shown("yyyy-mm-dd", 1), "1900-01-01");
  EXPECT_EQ(shown("yyyy-mm-dd", 59), "1900-02-28");
  EXPECT_EQ(shown("yyyy-mm-dd", 60), "1900-02-29");
  EXPECT_EQ(shown("yyyy-mm-dd", 61), "1900-03-01");
  EXPECT_EQ(shown("yyyy-mm-dd", 0), "1900-01-00");
  EXPECT_EQ(shown("dddd", 1), "星期日");  // Excel's 1900-01-01 is a Sunday
  EXPECT_EQ(shown("[$-409]dddd", 61), "Thursday");
  EXPECT_EQ(shown("yyyy-mm-dd", 0, DateSystem::Y1904), "1904-01-01");
  EXPECT_EQ(shown("yyyy-mm-dd", 43615 - 1462, DateSystem::Y1904), "2019-05-30");
  EXPECT_EQ(shown("yyyy-mm-dd", 2958465), "9999-12-31");
  EXPECT_EQ(shown("yyyy-mm-dd", 2958466), "###########");
  EXPECT_EQ(shown("yyyy-mm-dd", -1), "###########");
}

TEST(NumfmtTest, SectionsConditionsAndText) {
  const std::string c = "[>=100]\"大\"0;[<0]\"负\"0;\"小\"0";
  EXPECT_EQ(shown(c, 150), "大150");
  EXPECT_EQ(shown(c, -5), "负5");
  EXPECT_EQ(shown(c, 5), "小5");
  EXPECT_EQ(shown("0.00;-0.00;\"零\"", 0), "零");
  EXPECT_EQ(shown("0;-0;0;@\"（备注）\"", -3), "-3");
  EXPECT_EQ(Format::parse("0;-0;0;@\"（备注）\"").formatText("见附件"), "见附件（备注）");
  EXPECT_EQ(Format::parse("0.00").formatText("15.25 "), "15.25 ");  // no text section: as typed
  EXPECT_EQ(shown("#,##0;(#,##0);\\-", 0), "-");
}

TEST(NumfmtTest, DigitsScalingAndExponents) {
  EXPECT_EQ(shown("#,##0,,", 123456789), "123");
  EXPECT_EQ(shown("0.0,,\"百万\"", 123456789), "123.5百万");
  EXPECT_EQ(shown("000-0000", 5551234), "555-1234");
  EXPECT_EQ(shown("0.00E+00", 12345), "1.23E+04");
  EXPECT_EQ(shown("0.00E+00", 0.000123), "1.23E-04");
  EXPECT_EQ(shown("##0.0E+0", 12345), "12.3E+3");
  EXPECT_EQ(shown("0.00", 2.675), "2.68");  // rounded on 15 significant digits, like Excel
  EXPECT_EQ(shown("0", -0.4), "0");         // no minus on a zero that was rounded
  EXPECT_EQ(shown("?.??", 1.5), "1.5 ");
  EXPECT_EQ(shown("[$¥-804]#,##0.00", 1234.5), "¥1,234.50");
  EXPECT_EQ(shown("[Red]0.00\"万元\"", 3.14159), "3.14万元");
}

TEST(NumfmtTest, General) {
  EXPECT_EQ(bangfu::numfmt::general(0.1 + 0.2), "0.3");
  EXPECT_EQ(bangfu::numfmt::general(16), "16");
  EXPECT_EQ(bangfu::numfmt::general(-42), "-42");
  EXPECT_EQ(bangfu::numfmt::general(1e20), "1E+20");
  EXPECT_EQ(bangfu::numfmt::general(0.00001), "0.00001");
  EXPECT_EQ(bangfu::numfmt::general(1234567.25), "1234567.25");
  EXPECT_EQ(shown("General\"元\"", 12.5), "12.5元");
}

TEST(NumfmtTest, HostileCodesNeverCrash) {
  for (const char* code :
       {"[", "\"open", "\\", "_", "*", ";;;;;;", "[>", "[$", "0.0.0", "E+", "#,,,,,,,,,,,,,,,", "[h", "[Red",
        "yyyyyyyyyyyy", "0000000000000000000000000000000000000000", "?/?", "@@@"}) {
    const Format f = Format::parse(code);
    for (double v : {0.0, -1.5, 1e300, -1e300, 43615.5, 1e-300}) {
      EXPECT_NO_THROW((void)f.format(v)) << code;
      EXPECT_NO_THROW((void)f.formatText("x")) << code;
    }
  }
}
