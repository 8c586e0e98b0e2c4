// （N个） is bounded before any arithmetic (issue 15 item 7): these run under
// UBSan in scripts/sanitize.sh, where 2147483647 used to overflow.
#include "bangfu/model/member_text.hpp"

#include <gtest/gtest.h>

#include <climits>

#include "bangfu/validate/validate.hpp"

using bangfu::diag::Diagnostics;
using bangfu::model::parseMemberText;

TEST(MemberTextTest, CountsInRangeAreRead) {
  Diagnostics d;
  EXPECT_EQ(parseMemberText("市农业农村局（2个）", &d).multiplicity, 2);
  EXPECT_EQ(parseMemberText("丽水开发区管委会(2)", &d).multiplicity, 2);
  EXPECT_EQ(parseMemberText("市农业农村局（999个）", &d).multiplicity, 999);
  EXPECT_EQ(parseMemberText("市农业农村局（007个）", &d).multiplicity, 7);
  EXPECT_TRUE(d.empty());
}

TEST(MemberTextTest, CountsOutOfRangeAreLocatedAndCountOne) {
  for (const char* text : {"单位（99999999999999999999个）", "单位（0个）", "单位（2147483647个）",
                           "单位（1000个）", "单位（000个）"}) {
    Diagnostics d;
    const auto m = parseMemberText(text, &d, {"s.json", "", 0, 0, "teams[0].members[3]"});
    EXPECT_EQ(m.multiplicity, 1) << text;
    ASSERT_EQ(d.items().size(), 1u) << text;
    EXPECT_EQ(d.items()[0].code, "member.bad-count");
    EXPECT_EQ(d.items()[0].where.field, "teams[0].members[3]");
    EXPECT_EQ(m.units, std::vector<std::string>{"单位"}) << text;
  }
  // Without diagnostics the count is kept as 0, which the validator reports.
  bangfu::model::Scheme s;
  s.units.push_back({"单位", "单位", "", {}, {}});
  s.areas.push_back({"县", "县", bangfu::model::AreaLevel::County, "", "", {}, {}});
  bangfu::model::Team t;
  t.id = "T";
  t.target = "县";
  t.members.push_back(parseMemberText("单位（99999999999999999999个）"));
  t.members.push_back({{"单位"}, INT_MAX, {}});
  s.teams.push_back(t);
  EXPECT_EQ(s.teams[0].computedGroups(), INT_MAX);  // saturates, no overflow
  Diagnostics d;
  bangfu::validate::validateScheme(s, d);
  int bad = 0;
  for (const auto& item : d.items()) bad += item.code == "member.bad-count";
  EXPECT_EQ(bad, 2);
}

TEST(MemberTextTest, NamesKeepTheBracketsTheyWereTypedWith) {
  EXPECT_EQ(parseMemberText("中国人民银行(丽水)").units, std::vector<std::string>{"中国人民银行(丽水)"});
  EXPECT_EQ(parseMemberText("中国人民银行(丽水)（2个）").units,
            std::vector<std::string>{"中国人民银行(丽水)"});
  const auto joint = parseMemberText("（市文联、市社科联）");
  EXPECT_EQ(joint.units, (std::vector<std::string>{"市文联", "市社科联"}));
  EXPECT_EQ(parseMemberText("（2个）").units, std::vector<std::string>{"（2个）"});
}

TEST(ValidateAreasTest, ALongCycleIsReportedOnceAndChainsWithoutOneAreNot) {
  bangfu::model::Scheme s;
  auto area = [&](const char* id, const char* parent) {
    s.areas.push_back({id, id, bangfu::model::AreaLevel::Town, parent, "", {}, {}});
  };
  area("甲", "乙");
  area("乙", "丙");
  area("丙", "甲");
  area("丁", "甲");      // leads into the cycle, is not part of it
  area("戊", "浙江省");  // an unregistered parent is ref.unknown-area, not a cycle
  Diagnostics d;
  bangfu::validate::validateScheme(s, d);
  int cycles = 0;
  for (const auto& item : d.items())
    if (item.code == "area.parent-cycle") {
      ++cycles;
      EXPECT_EQ(item.where.field, "areas[0].parent");
      EXPECT_NE(item.message.find("甲 → 乙 → 丙 → 甲"), std::string::npos) << item.message;
    }
  EXPECT_EQ(cycles, 1);
  EXPECT_FALSE(d.has("area.self-parent"));
}
