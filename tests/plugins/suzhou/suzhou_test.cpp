#include "suzhou/suzhou_plugin.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "../plugin_test_support.hpp"

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
  s.pairings.erase(std::remove_if(s.pairings.begin(), s.pairings.end(), [&](const model::Pairing& p) { return p.kind == "leader-area" && p.target.ref == village; }), s.pairings.end());
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
