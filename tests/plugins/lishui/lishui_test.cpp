#include <gtest/gtest.h>

#include "../plugin_test_support.hpp"
#include "bangfu/plugin/render.hpp"
#include "lishui/lishui_plugin.hpp"

using namespace bangfu;
using bangfu::testing::loadExample;
using bangfu::testing::onlyTable;

TEST(LishuiPluginTest, TeamsTableHasTheSeedsRowsAndComputedTotals) {
  const auto s = loadExample("lishui-2019");
  plugins::lishui::LishuiPlugin plugin;
  const auto a = plugin.render(s, {"teams", "附件2", "市级结对帮扶团组安排方案"});
  EXPECT_EQ(a.orientation, doc::Orientation::Landscape);
  const auto& t = onlyTable(a);
  ASSERT_EQ(t.rows.size(), 11u);  // header, 9 counties, 合计
  EXPECT_EQ(t.headerRowCount(), 1u);
  const auto& total = t.rows.back();
  EXPECT_EQ(total.kind, doc::RowKind::Total);
  EXPECT_TRUE(total.cells[3].columnTotal);
  EXPECT_EQ(total.cells[3].number, 157.0);
  EXPECT_EQ(total.cells[4].number, 77.0);
  EXPECT_EQ(t.rows[1].cells[1].plainText(), "市自然资源和规划局（2个）");
  const std::string members = t.rows[2].cells[2].plainText();
  EXPECT_NE(members.find("（市文联、市社科联）"), std::string::npos);
  const auto* notes = std::get_if<doc::Notes>(&a.blocks.back());
  ASSERT_NE(notes, nullptr);
  EXPECT_EQ(notes->items.size(), 5u);
}

TEST(LishuiPluginTest, InstructorSendingUnitsArePrintedInHeiInsideTheCell) {
  auto s = loadExample("lishui-2019");
  for (auto& u : s.units)
    if (u.id == "市人防办" || u.id == "市外办") u.flags.push_back("instructor-sender");
  plugins::lishui::LishuiPlugin plugin;
  const auto& t = onlyTable(plugin.render(s, {"teams", "附件2", "市级结对帮扶团组安排方案"}));
  const auto& runs = t.rows[1].cells[2].lines.front().runs;
  int hei = 0;
  for (const auto& r : runs)
    if (r.face == doc::Face::Hei) {
      ++hei;
      EXPECT_TRUE(r.text == "市人防办" || r.text == "市外办") << r.text;
    }
  EXPECT_EQ(hei, 2);
  // 莲都区 states 6 instructors; two flagged units disagree, and that is reported.
  diag::Diagnostics d;
  plugin.validate(s, d);
  EXPECT_TRUE(d.has("lishui.instructors-mismatch"));
}

TEST(LishuiPluginTest, CoreRulesCatchAWrongGroupCount) {
  auto s = loadExample("lishui-2019");
  s.teams[0].statedGroups = 17;  // 莲都区: 2 + 14 = 16
  diag::Diagnostics d;
  plugins::lishui::LishuiPlugin plugin;
  plugin::validateWith(s, plugin, d);
  ASSERT_TRUE(d.has("team.groups-mismatch"));
  for (const auto& x : d.items()) {
    if (x.code == "team.groups-mismatch") {
      EXPECT_EQ(x.where.field, "teams[0].statedGroups");
    }
  }
}

TEST(LishuiPluginTest, LeadersTableGroupsLeadersByCountyWithAnnotations) {
  const auto s = loadExample("lishui-2019");
  plugins::lishui::LishuiPlugin plugin;
  const auto& t = onlyTable(plugin.render(s, {"leaders", "附件1", "市级领导结对帮扶方案"}));
  ASSERT_EQ(t.rows.size(), 10u);
  EXPECT_EQ(t.rows[1].cells[0].plainText(), "莲都区（开发区）");
  EXPECT_EQ(t.rows[1].cells[1].plainText(), "杜兴林（莲都区）、丁绍雄、刘志伟");
}

TEST(LishuiPluginTest, EastWestPrintsThePartnerCountyWithItsProvinceAndCity) {
  const auto s = loadExample("lishui-2018-east-west");
  plugins::lishui::LishuiPlugin plugin;
  const auto& t = onlyTable(plugin.render(s, {"east-west", "附件", "丽水市东西部扶贫协作结对关系一览表"}));
  ASSERT_EQ(t.rows.size(), 7u);
  EXPECT_EQ(t.rows[1].cells[2].plainText(), "四川省广元市剑阁县");
  EXPECT_EQ(t.rows[6].cells[0].plainText(), "6");
}

TEST(LishuiPluginTest, TheSettingsSheetRewordsHeadersAndTurnsOffHei) {
  auto s = loadExample("lishui-2019");
  for (auto& u : s.units)
    if (u.id == "市人防办") u.flags.push_back("instructor-sender");
  plugins::lishui::LishuiPlugin plugin;
  const auto sheets = plugin.inputSheets();
  ASSERT_EQ(sheets.size(), 1u);
  EXPECT_EQ(sheets[0].name, "附件设置");
  EXPECT_EQ(sheets[0].kind, plugin::InputSheetSpec::Kind::Settings);
  // Every option the plugin reads is on the sheet, with the notice's wording as default.
  for (const auto& st : sheets[0].settings) EXPECT_FALSE(st.fallback.empty()) << st.key;
  s.options["teams.header.county"] = "县（市、区）名称";
  s.options["teams.instructor-bold"] = "false";
  const auto& t = onlyTable(plugin.render(s, {"teams", "附件2", "市级结对帮扶团组安排方案"}));
  EXPECT_EQ(t.rows[0].cells[0].plainText(), "县（市、区）名称");
  EXPECT_EQ(t.rows[0].cells[1].plainText(), "组长单位");
  for (const auto& r : t.rows[1].cells[2].lines.front().runs) EXPECT_NE(r.face, doc::Face::Hei) << r.text;
  // A value the drop-down would refuse, from JSON: located at its JSON path.
  s.options["teams.instructor-bold"] = "yes";
  diag::Diagnostics d;
  plugin::validateWith(s, plugin, d);
  ASSERT_TRUE(d.has("option.bad-value"));
  for (const auto& x : d.items()) {
    if (x.code == "option.bad-value") {
      EXPECT_EQ(x.where.field, "options.teams.instructor-bold");
    }
  }
}
