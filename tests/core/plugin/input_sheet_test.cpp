// The SDK side of plugin input sheets: records stored as options, their defaults,
// and where an option was read.
#include <gtest/gtest.h>

#include "bangfu/plugin/sdk.hpp"

using namespace bangfu;

TEST(InputSheetSdk, RecordsAreNumberedOptionsInNumericOrder) {
  model::Scheme s;
  s.options = {{"p.1.a", "x"},
               {"p.2.b", "y"},
               {"p.10.a", "z"},
               {"p.01.a", "leading zero"},
               {"p.x.a", "not a number"},
               {"p.3", "no field"},
               {"p.4.", "empty field"},
               {"pp.1.a", "other prefix"},
               {"p", "the prefix itself"}};
  const auto records = plugin::optionRecords(s, "p");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].number, 1);
  EXPECT_EQ(records[0].get("a"), "x");
  EXPECT_EQ(records[0].get("b"), "");
  EXPECT_EQ(records[1].number, 2);
  EXPECT_EQ(records[1].get("b"), "y");
  EXPECT_EQ(records[2].number, 10);  // 10 after 2, not after 1
  EXPECT_EQ(plugin::recordKey("p", 10, "a"), "p.10.a");
}

TEST(InputSheetSdk, DefaultsServeUntilTheSchemeHasRecords) {
  plugin::InputSheetSpec spec;
  spec.kind = plugin::InputSheetSpec::Kind::Records;
  spec.prefix = "duty";
  spec.columns = {{"who", "谁"}, {"what", "做什么"}};
  spec.defaults = {{"县级领导", "走访"}, {"单位", ""}};
  model::Scheme s;
  auto records = plugin::recordsOrDefaults(s, spec);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].number, 0);
  EXPECT_EQ(records[0].get("what"), "走访");
  EXPECT_EQ(records[1].fields.count("what"), 0u);  // an empty default is no value
  s.options["duty.1.who"] = "驻村干部";
  records = plugin::recordsOrDefaults(s, spec);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].get("who"), "驻村干部");
}

TEST(InputSheetSdk, SettingsAndLocations) {
  model::Scheme s;
  s.file = "scheme.json";
  const plugin::InputSetting setting{"a.b", "标签", "说明", "默认"};
  EXPECT_EQ(plugin::settingValue(s, setting), "默认");
  s.options["a.b"] = "设定";
  EXPECT_EQ(plugin::settingValue(s, setting), "设定");
  EXPECT_EQ(plugin::optionLocation(s, "a.b").str(), "scheme.json [options.a.b]");
  s.optionWhere["a.b"] = {"in.xlsx", "附件设置", 3, 2, ""};
  EXPECT_EQ(plugin::optionLocation(s, "a.b").str(), "in.xlsx:附件设置!B3");
}
