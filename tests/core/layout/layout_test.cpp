#include <gtest/gtest.h>
#include <unicode/unistr.h>

#include <numeric>
#include <string>

#include "bangfu/layout/columns.hpp"
#include "bangfu/layout/line_break.hpp"
#include "bangfu/layout/measure.hpp"

namespace bangfu::layout {
namespace {

constexpr int k4Hao = 28;          // w:sz of 四号
constexpr double kEm4Hao = 280.0;  // twips

std::string linesOf(const std::string& s, double width, bool header = false) {
  const BreakableText t = prepareText(s, header ? doc::Face::Hei : doc::Face::Fang, k4Hao, header);
  std::vector<std::size_t> starts;
  breakLines(t, width, &starts);
  std::string out;
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::size_t end = i + 1 < starts.size() ? starts[i + 1] : t.text.size();
    if (i > 0) out += '/';
    for (std::size_t k = starts[i]; k < end; ++k) {
      std::u32string one(1, t.text[k]);
      icu::UnicodeString u = icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(one.data()), 1);
      std::string utf8;
      u.toUTF8String(utf8);
      out += utf8;
    }
  }
  return out;
}

TEST(LayoutMeasure, IdeographsAreOneEmAndDigitsHalf) {
  EXPECT_EQ(advanceMilliEm(U'帮', doc::Face::Fang), 1000);
  EXPECT_EQ(advanceMilliEm(U'，', doc::Face::Fang), 1000);
  EXPECT_LT(advanceMilliEm(U'2', doc::Face::Fang), 700);
  EXPECT_DOUBLE_EQ(textTwips("结对帮扶", doc::Face::Fang, k4Hao), 4 * kEm4Hao);
}

TEST(LayoutMeasure, CoverageAndGb2312) {
  EXPECT_TRUE(inGb2312Hanzi(U'帮'));
  EXPECT_FALSE(inGb2312Hanzi(U'旻'));  // 杜光旻: GBK, not GB 2312
  EXPECT_FALSE(inGb2312Hanzi(U'埇'));  // 埇桥区
  EXPECT_TRUE(faceHasGlyph(U'帮', doc::Face::Fang));
  EXPECT_FALSE(faceHasGlyph(U'旻', doc::Face::Fang));  // FandolFang lacks it: LibreOffice falls back
  EXPECT_TRUE(faceHasGlyph(U'旻', doc::Face::Title));  // Noto Serif CJK has it
}

TEST(LayoutBreak, NoLineStartsWithClosingMarks) {
  // 4 字 a line: 县（市、 would leave 区） — the break moves so that ） never starts a line.
  const std::string s = linesOf("县（市、区）", 4 * kEm4Hao);
  EXPECT_EQ(s.find("/）"), std::string::npos) << s;
  EXPECT_EQ(s.find("/、"), std::string::npos) << s;
}

TEST(LayoutBreak, FlagsOrphansNamesAndBrackets) {
  const BreakableText t = prepareText("公安东丽分局帮扶组", doc::Face::Fang, k4Hao, false);
  const BreakResult r = breakLines(t, 8 * kEm4Hao);
  EXPECT_EQ(r.lines, 2);
  EXPECT_TRUE(r.orphan);
  const BreakableText b = prepareText("市自然资源和规划局（2个）", doc::Face::Fang, k4Hao, false);
  EXPECT_GT(breakLines(b, 11 * kEm4Hao).bracketBreaks, 0);  // 市自然资源和规划局（2/个）
  EXPECT_EQ(breakLines(b, 9.5 * kEm4Hao).bracketBreaks, 0);
  const BreakableText n = prepareText("市民政局、市教育局", doc::Face::Fang, k4Hao, false);
  EXPECT_EQ(breakLines(n, 2 * kEm4Hao).nameBreaks, 3);  // 市民/政/局、/市教/育局: 、 does not hang
  EXPECT_EQ(breakLines(n, 5 * kEm4Hao).nameBreaks, 0);  // 市民政局、/市教育局
}

TEST(LayoutBreak, HeadersBreakBetweenWords) {
  const BreakableText h = prepareText("领导干部联系帮扶", doc::Face::Hei, k4Hao, true);
  EXPECT_GT(breakLines(h, 5 * kEm4Hao).wordBreaks, 0);  // 领导干部联/系帮扶
  EXPECT_EQ(breakLines(h, 4 * kEm4Hao).wordBreaks, 0);  // 领导干部/联系帮扶
}

TEST(LayoutBreak, QuickOrphanTestAgreesWithTheFullBreaking) {
  const char* texts[] = {"公安东丽分局帮扶组",
                         "市自然资源和规划局（2个）",
                         "县（市、区）",
                         "宿州市丰禾农业发展有限公司",
                         "市人防办、丽水海关、丽水第二高级中学、丽水开发区管委会（2个）、市人民医院、市外办",
                         "每季度至少1次（二（二））",
                         "12月",
                         "ABC公司2022年度"};
  for (const char* s : texts) {
    const BreakableText t = prepareText(s, doc::Face::Fang, k4Hao, false);
    for (double w = 1.5 * kEm4Hao; w < 30 * kEm4Hao; w += kEm4Hao / 4) {
      EXPECT_EQ(endsInOrphan(s, doc::Face::Fang, k4Hao, w), breakLines(t, w).orphan) << s << " at " << w;
    }
  }
}

doc::Table sampleTable() {
  doc::Table t;
  t.columns = {doc::Column{"town", 1}, doc::Column{"units", 1}, doc::Column{"n", 1}};
  doc::Row head;
  head.kind = doc::RowKind::Header;
  for (const char* h : {"乡镇", "帮扶单位", "工作组数"}) head.cells.push_back(doc::Cell::text(h));
  t.rows.push_back(head);
  for (int i = 0; i < 12; ++i) {
    doc::Row r;
    r.cells.push_back(doc::Cell::text("龙泉镇"));
    r.cells.push_back(doc::Cell::text("市财政局、市农业农村局、市住房城乡建设局、公安东丽分局帮扶组"));
    r.cells.push_back(doc::Cell::num(3));
    t.rows.push_back(r);
  }
  return t;
}

TEST(LayoutColumns, FillTheTypeAreaWithoutFlawsWhereWidthAllows) {
  const doc::Table t = sampleTable();
  const TableMetrics m{8845, k4Hao, 170};
  const std::vector<int> w = solveColumnWidths(t, 3, m);
  ASSERT_EQ(w.size(), 3U);
  EXPECT_EQ(std::accumulate(w.begin(), w.end(), 0), 8845);
  EXPECT_GE(w[0], 3 * 280 + 170);  // 龙泉镇 whole
  EXPECT_GE(w[2], 2 * 280 + 170);  // 工作组数 between words at least
  const std::vector<int> lines = rowLines(t, 3, w, m);
  for (std::size_t r = 1; r < lines.size(); ++r) EXPECT_LE(lines[r], 2) << r;
  // The units cell: no orphan, no broken name at the solved width.
  const BreakableText units = prepareText("市财政局、市农业农村局、市住房城乡建设局、公安东丽分局帮扶组",
                                          doc::Face::Fang, k4Hao, false);
  const BreakResult r = breakLines(units, w[1] - 170);
  EXPECT_FALSE(r.orphan);
  EXPECT_EQ(r.nameBreaks, 0);
}

TEST(LayoutColumns, TooManyColumnsStillSumToTheTypeArea) {
  doc::Table t;
  doc::Row r;
  for (int c = 0; c < 30; ++c) r.cells.push_back(doc::Cell::text("一二三四五六七八九十ABCDEFGHIJ"));
  t.rows.push_back(r);
  const std::vector<int> w = solveColumnWidths(t, 30, {8845, k4Hao, 170});
  EXPECT_EQ(std::accumulate(w.begin(), w.end(), 0), 8845);
  for (int x : w) EXPECT_GT(x, 0);
}

}  // namespace
}  // namespace bangfu::layout
