#include "bangfu/text/numbers.hpp"

#include <gtest/gtest.h>

using namespace bangfu::text;

TEST(ChineseNumberTest, OfficialForms) {
  EXPECT_EQ(chineseNumber(1), "一");
  EXPECT_EQ(chineseNumber(10), "十");
  EXPECT_EQ(chineseNumber(11), "十一");
  EXPECT_EQ(chineseNumber(20), "二十");
  EXPECT_EQ(chineseNumber(21), "二十一");
  EXPECT_EQ(chineseNumber(101), "一百零一");
  EXPECT_EQ(chineseNumber(110), "一百一十");
  EXPECT_EQ(chineseNumber(1010), "一千零一十");
  EXPECT_EQ(chineseNumber(0), "零");
}

TEST(ChineseOrdinalTest, HeadingAndParenthesised) {
  EXPECT_EQ(chineseOrdinal(1), "一、");
  EXPECT_EQ(chineseOrdinal(10), "十、");
  EXPECT_EQ(chineseOrdinal(11), "十一、");
  EXPECT_EQ(chineseOrdinal(21), "二十一、");
  EXPECT_EQ(chineseOrdinal(1, true), "（一）");
  EXPECT_EQ(chineseOrdinal(12, true), "（十二）");
  EXPECT_THROW(chineseOrdinal(0), std::out_of_range);
}

TEST(DateTest, FormatHasNoZeroPadding) {
  EXPECT_EQ(formatDate(2019, 5, 30), "2019年5月30日");
  EXPECT_EQ(formatDate(2020, 12, 1), "2020年12月1日");
}

TEST(DateTest, NormalizesCommonForms) {
  std::vector<std::string> repairs;
  EXPECT_EQ(normalizeDate("2019年5月30日", &repairs), "2019年5月30日");
  EXPECT_TRUE(repairs.empty());
  EXPECT_EQ(normalizeDate("2019-05-30", &repairs), "2019年5月30日");
  EXPECT_EQ(repairs.size(), 2U);  // 年月日 form, leading zero
  repairs.clear();
  EXPECT_EQ(normalizeDate("2019.5.30", &repairs), "2019年5月30日");
  EXPECT_EQ(repairs.size(), 1U);
  repairs.clear();
  EXPECT_EQ(normalizeDate("２０１９年０５月３０日", &repairs), "2019年5月30日");
  EXPECT_EQ(repairs.size(), 2U);  // full-width digits, leading zero
  repairs.clear();
  EXPECT_EQ(normalizeDate("二〇一九年五月三十日", &repairs), "2019年5月30日");
  EXPECT_EQ(repairs.size(), 1U);
  EXPECT_EQ(normalizeDate("2019/12/1"), "2019年12月1日");
  EXPECT_EQ(normalizeDate(" 2019 年 5 月 3 日 "), "2019年5月3日");
}

TEST(DateTest, RejectsNonDates) {
  EXPECT_FALSE(normalizeDate("2019年2月30日"));
  EXPECT_FALSE(normalizeDate("19年5月30日"));
  EXPECT_FALSE(normalizeDate("2019-05"));
  EXPECT_FALSE(normalizeDate("2019-05/30"));
  EXPECT_FALSE(normalizeDate("五月三十日"));
  EXPECT_FALSE(normalizeDate(""));
  EXPECT_TRUE(normalizeDate("2020年2月29日"));
  EXPECT_FALSE(normalizeDate("2019年2月29日"));
}

TEST(DateTest, Canonical) {
  EXPECT_TRUE(isCanonicalDate("2019年5月30日"));
  EXPECT_FALSE(isCanonicalDate("2019年05月30日"));
  EXPECT_FALSE(isCanonicalDate("2019-5-30"));
  EXPECT_FALSE(isCanonicalDate("2019年5月30"));
}

TEST(DocNumberTest, RepairsEachProblem) {
  std::vector<std::string> repairs;
  EXPECT_EQ(normalizeDocNumber("丽委办发[2019]023号", &repairs), "丽委办发〔2019〕23号");
  EXPECT_EQ(repairs.size(), 2U);  // brackets, leading zero
  repairs.clear();
  EXPECT_EQ(normalizeDocNumber("丽委办发【2019】23号", &repairs), "丽委办发〔2019〕23号");
  EXPECT_EQ(repairs.size(), 1U);
  repairs.clear();
  EXPECT_EQ(normalizeDocNumber("丽政发（2019）第5号", &repairs), "丽政发〔2019〕5号");
  EXPECT_EQ(repairs.size(), 2U);  // brackets, 第
  repairs.clear();
  EXPECT_EQ(normalizeDocNumber("国办发(2015)48号", &repairs), "国办发〔2015〕48号");
  repairs.clear();
  EXPECT_EQ(normalizeDocNumber("国办发〔2015〕48号", &repairs), "国办发〔2015〕48号");
  EXPECT_TRUE(repairs.empty());
  EXPECT_EQ(normalizeDocNumber("国办发〔２０１５〕４８号", &repairs), "国办发〔2015〕48号");
  EXPECT_EQ(repairs.size(), 1U);
  repairs.clear();
  EXPECT_EQ(normalizeDocNumber("国办发2015年48号", &repairs), "国办发〔2015〕48号");
  EXPECT_EQ(repairs.size(), 1U);
}

TEST(DocNumberTest, NothingToFind) {
  EXPECT_FALSE(normalizeDocNumber("没有字号"));
  EXPECT_FALSE(normalizeDocNumber("〔2019〕23号"));  // no 发文机关代字
  EXPECT_FALSE(normalizeDocNumber("丽委办发〔2019〕"));
  EXPECT_FALSE(normalizeDocNumber("丽委办发〔2019〕23号附件"));
}

TEST(DocNumberTest, Canonical) {
  EXPECT_TRUE(isCanonicalDocNumber("丽委办发〔2019〕23号"));
  EXPECT_FALSE(isCanonicalDocNumber("丽委办发[2019]23号"));
  EXPECT_FALSE(isCanonicalDocNumber("丽委办发〔2019〕023号"));
  EXPECT_FALSE(isCanonicalDocNumber("丽委办发〔2019〕23"));
}

TEST(PunctuationTest, HalfWidthNextToHanBecomesFullWidth) {
  std::vector<std::string> changes;
  EXPECT_EQ(normalizePunctuation("我们,他们;你们:", &changes), "我们，他们；你们：");
  EXPECT_EQ(changes.size(), 3U);
  changes.clear();
  EXPECT_EQ(normalizePunctuation("市农业农村局(2个)", &changes), "市农业农村局（2个）");
  EXPECT_EQ(changes.size(), 2U);
  EXPECT_EQ(normalizePunctuation("国办发(2015)48号"), "国办发（2015）48号");
}

TEST(PunctuationTest, LeavesNonChineseContextAlone) {
  std::vector<std::string> changes;
  EXPECT_EQ(normalizePunctuation("1,000; a:b (x)", &changes), "1,000; a:b (x)");
  EXPECT_EQ(normalizePunctuation("10:30", &changes), "10:30");
  EXPECT_TRUE(changes.empty());
}

TEST(PunctuationTest, SpacesAndDigits) {
  std::vector<std::string> changes;
  EXPECT_EQ(normalizePunctuation("共 12 个单位", &changes), "共12个单位");
  EXPECT_EQ(changes.size(), 2U);
  changes.clear();
  EXPECT_EQ(normalizePunctuation("使用 Word 排版", &changes), "使用Word排版");
  changes.clear();
  EXPECT_EQ(normalizePunctuation("共１２个", &changes), "共12个");
  EXPECT_EQ(changes.size(), 2U);
  // Spaces between two Han characters are not this rule's business.
  EXPECT_EQ(normalizePunctuation("王 峰"), "王 峰");
  EXPECT_EQ(normalizePunctuation("张三, 李四"), "张三，李四");
}
