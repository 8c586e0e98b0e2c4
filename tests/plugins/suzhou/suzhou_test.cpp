#include <gtest/gtest.h>

#include <algorithm>

#include "../plugin_test_support.hpp"
#include "bangfu/plugin/render.hpp"
#include "suzhou/suzhou_plugin.hpp"

using namespace bangfu;
using bangfu::testing::loadExample;
using bangfu::testing::onlyTable;

TEST(SuzhouPluginTest, RosterHasEveryVillageAndTheFiveKinds) {
  const auto s = loadExample("suzhou-2022");
  plugins::suzhou::SuzhouPlugin plugin;
  const auto& t = onlyTable(plugin.render(s, {"roster", "附件1", "花名册"}));
  ASSERT_EQ(t.rows.size(), 21u);  // header + 20 villages
  EXPECT_EQ(t.rows[0].cells.size(), 8u);
  EXPECT_EQ(t.rows[1].cells[0].rowSpan, 4);  // a county spans its 4 villages
  EXPECT_EQ(t.rows[1].cells[1].rowSpan, 2);  // a town its 2
  bool gapShown = false;
  for (const auto& r : t.rows)
    for (const auto& c : r.cells) gapShown = gapShown || c.plainText().find("（缺口：") != std::string::npos;
  EXPECT_TRUE(gapShown);
}

TEST(SuzhouPluginTest, AMissingKindIsAnErrorAndAnAcknowledgedGapAWarning) {
  auto s = loadExample("suzhou-2022");
  diag::Diagnostics d;
  plugins::suzhou::SuzhouPlugin plugin;
  plugin.validate(s, d);
  EXPECT_FALSE(d.hasErrors());
  EXPECT_TRUE(d.has("suzhou.gap"));
  const std::string village = [&] {
    for (const auto& a : s.areas)
      if (a.level == model::AreaLevel::Village) return a.id;
    return std::string();
  }();
  s.pairings.erase(std::remove_if(s.pairings.begin(), s.pairings.end(),
                                  [&](const model::Pairing& p) {
                                    return p.kind == "leader-area" && p.target.ref == village;
                                  }),
                   s.pairings.end());
  diag::Diagnostics d2;
  plugin.validate(s, d2);
  EXPECT_TRUE(d2.has("suzhou.missing-kind"));
}

TEST(SuzhouPluginTest, CalendarFollowsTheNoticesFrequencies) {
  const auto s = loadExample("suzhou-2022");
  plugins::suzhou::SuzhouPlugin plugin;
  const auto& t = onlyTable(plugin.render(s, {"calendar", "附件2", "日历"}));
  ASSERT_GT(t.rows.size(), 20u);
  auto marks = [](const doc::Row& r) {
    int n = 0;
    for (std::size_t i = 5; i < r.cells.size(); ++i) n += r.cells[i].plainText() == "●";
    return n;
  };
  bool monthly = false, quarterly = false;
  for (const auto& r : t.rows) {
    const std::string action = r.cells[3].plainText();
    if (action == "对未消除风险的监测对象入户走访") {
      EXPECT_EQ(marks(r), 12);
      monthly = true;
    }
    if (action == "调研走访和慰问") {
      EXPECT_EQ(marks(r), 4);
      quarterly = true;
    }
  }
  EXPECT_TRUE(monthly);
  EXPECT_TRUE(quarterly);
}

TEST(SuzhouPluginTest, TheDutySheetReplacesTheNoticesDuties) {
  auto s = loadExample("suzhou-2022");
  plugins::suzhou::SuzhouPlugin plugin;
  const auto sheets = plugin.inputSheets();
  ASSERT_EQ(sheets.size(), 1u);
  EXPECT_EQ(sheets[0].kind, plugin::InputSheetSpec::Kind::Records);
  EXPECT_EQ(sheets[0].defaults.size(), 10u);
  // The defaults render exactly as before: the calendar is the notice's.
  const auto before = onlyTable(plugin.render(s, {"calendar", "附件2", "日历"}));
  auto withDefaults = s;
  for (std::size_t i = 0; i < sheets[0].defaults.size(); ++i)
    for (std::size_t k = 0; k < sheets[0].columns.size(); ++k)
      if (!sheets[0].defaults[i][k].empty())
        withDefaults.options[plugin::recordKey("calendar.duty", static_cast<int>(i) + 1,
                                               sheets[0].columns[k].field)] = sheets[0].defaults[i][k];
  const auto same = onlyTable(plugin.render(withDefaults, {"calendar", "附件2", "日历"}));
  ASSERT_EQ(same.rows.size(), before.rows.size());
  for (std::size_t r = 0; r < same.rows.size(); ++r)
    for (std::size_t c = 0; c < same.rows[r].cells.size(); ++c)
      EXPECT_EQ(same.rows[r].cells[c].plainText(), before.rows[r].cells[c].plainText());
  // One duty of the scheme's own: leaders visit in February and August.
  s.options["calendar.duty.1.kind"] = "leader-area";
  s.options["calendar.duty.1.who"] = "县级领导";
  s.options["calendar.duty.1.action"] = "走访慰问";
  s.options["calendar.duty.1.frequency"] = "每半年1次";
  s.options["calendar.duty.1.months"] = "2、8";
  const auto t = onlyTable(plugin.render(s, {"calendar", "附件2", "日历"}));
  ASSERT_GT(t.rows.size(), 1u);
  for (std::size_t r = 1; r < t.rows.size(); ++r) {
    EXPECT_EQ(t.rows[r].cells[3].plainText(), "走访慰问");
    EXPECT_EQ(t.rows[r].cells[4].plainText(), "每半年1次");
    EXPECT_EQ(t.rows[r].cells[5 + 1].plainText(), "●");
    EXPECT_EQ(t.rows[r].cells[5 + 0].plainText(), "");
  }
  diag::Diagnostics clean;
  plugin.validate(s, clean);
  EXPECT_FALSE(clean.has("suzhou.bad-months"));
  EXPECT_FALSE(clean.has("suzhou.duty-incomplete"));
}

TEST(SuzhouPluginTest, ABadDutyIsLocatedAtItsCell) {
  auto s = loadExample("suzhou-2022");
  s.options["calendar.duty.1.kind"] = "leader";  // not a choice
  s.options["calendar.duty.1.months"] = "1、13";
  s.optionWhere["calendar.duty.1.months"] = {"in.xlsx", "履职日历", 2, 7, ""};
  plugins::suzhou::SuzhouPlugin plugin;
  diag::Diagnostics d;
  plugin::validateWith(s, plugin, d);
  const diag::Diagnostic* months = nullptr;
  for (const auto& x : d.items())
    if (x.code == "suzhou.bad-months") months = &x;
  ASSERT_NE(months, nullptr);
  EXPECT_EQ(months->where.str(), "in.xlsx:履职日历!G2");
  EXPECT_TRUE(d.has("suzhou.duty-incomplete"));  // no 帮扶责任人, 工作事项, 频次
  EXPECT_TRUE(d.has("option.bad-value"));        // leader is not a 结对类型
}
