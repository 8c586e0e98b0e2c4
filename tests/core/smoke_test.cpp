#include <gtest/gtest.h>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/model/member_text.hpp"
#include "bangfu/text/width.hpp"

using namespace bangfu;

TEST(DiagnosticTest, CellNames) {
  EXPECT_EQ(diag::cellName(12, 2), "B12");
  EXPECT_EQ(diag::cellName(1, 27), "AA1");
  diag::Location l{"a.xlsx", "团组", 12, 2, "members"};
  EXPECT_EQ(l.str(), "a.xlsx:团组!B12 [members]");
}

TEST(DiagnosticTest, NearestSuggestsTypoFix) {
  EXPECT_EQ(diag::nearest("市人房办", {"市人防办", "市外办", "市台办"}), "市人防办");
  EXPECT_EQ(diag::nearest("完全不同的单位", {"市人防办"}), "");
}

TEST(MemberTextTest, ParsesMultiplicityAndJointGroups) {
  auto m = model::parseMemberText("市农业农村局（2个）");
  EXPECT_EQ(m.units, std::vector<std::string>{"市农业农村局"});
  EXPECT_EQ(m.multiplicity, 2);
  m = model::parseMemberText("丽水开发区管委会(2)");
  EXPECT_EQ(m.multiplicity, 2);
  EXPECT_EQ(model::formatMemberText(m), "丽水开发区管委会（2个）");
  m = model::parseMemberText("（市委改革办、市科协)");
  EXPECT_EQ(m.units, (std::vector<std::string>{"市委改革办", "市科协"}));
  EXPECT_EQ(model::formatMemberText(m), "（市委改革办、市科协）");
  EXPECT_EQ(m.groups(), 1);
}

TEST(WidthTest, EastAsianWidth) {
  EXPECT_EQ(text::displayWidth("王峰"), 4u);
  EXPECT_EQ(text::displayWidth("abc"), 3u);
  EXPECT_EQ(text::displayWidth("合计157"), 7u);
}
