// Region files as untrusted input: every problem located by its JSON path with the
// nearest real name as the fix, and a bad file never stops the other plugins.
#include "bangfu/region/region.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "bangfu/plugin/host.hpp"

using namespace bangfu;

namespace {

const std::string kGood = R"({
  "bangfuRegion": 1, "id": "testland", "region": "测试市",
  "appendices": [{"id": "list", "title": "名单", "blocks": [{"table": {
    "rows": {"from": "pairings", "kind": "unit-village"},
    "columns": [{"header": "序号", "value": "sequence"}, {"header": "村", "value": "target.name"}]}}]}]
})";

/// The text with `from` replaced by `to` once (each case breaks one thing).
std::string with(const std::string& from, const std::string& to) {
  std::string s = kGood;
  const auto p = s.find(from);
  EXPECT_NE(p, std::string::npos) << from;
  if (p != std::string::npos) s.replace(p, from.size(), to);
  return s;
}

const diag::Diagnostic* first(const diag::Diagnostics& d, const std::string& code) {
  for (const auto& x : d.items())
    if (x.code == code) return &x;
  return nullptr;
}

}  // namespace

TEST(RegionFileTest, AGoodFileIsAPlugin) {
  diag::Diagnostics d;
  auto r = region::parseRegion(kGood, "testland.region.json", d);
  EXPECT_TRUE(d.empty());
  ASSERT_NE(r.plugin, nullptr);
  EXPECT_EQ(r.info.id, "testland");
  ASSERT_EQ(r.plugin->appendices().size(), 1U);
  EXPECT_EQ(r.plugin->appendices()[0].orientation, doc::Orientation::Portrait);
}

TEST(RegionFileTest, AnUnknownKeyNamesItsPathAndTheNearestKey) {
  diag::Diagnostics d;
  auto r = region::parseRegion(with("\"columns\"", "\"colums\""), "t.region.json", d);
  EXPECT_EQ(r.plugin, nullptr);
  const auto* x = first(d, "region.unknown-key");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->where.file, "t.region.json");
  EXPECT_EQ(x->where.field, "appendices[0].blocks[0].table.colums");
  EXPECT_EQ(x->suggestion, "改为“columns”");
}

TEST(RegionFileTest, AnUnknownFieldPathSuggestsTheNearestRealOne) {
  diag::Diagnostics d;
  auto r = region::parseRegion(with("target.name", "targt.name"), "t.region.json", d);
  EXPECT_EQ(r.plugin, nullptr);
  const auto* x = first(d, "region.bad-value");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->where.field, "appendices[0].blocks[0].table.columns[1].value");
  EXPECT_EQ(x->suggestion, "改为“target”");
  diag::Diagnostics d2;
  (void)region::parseRegion(with("target.name", "target.nme"), "t.region.json", d2);
  ASSERT_NE(first(d2, "region.bad-value"), nullptr);
  EXPECT_EQ(first(d2, "region.bad-value")->suggestion, "改为“name”");
}

TEST(RegionFileTest, AnUnknownFunctionSuggestsTheNearest) {
  diag::Diagnostics d;
  (void)region::parseRegion(with("target.name", "areaLable(target)"), "t.region.json", d);
  const auto* x = first(d, "region.bad-value");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->suggestion, "改为“areaLabel”");
  diag::Diagnostics arity;
  (void)region::parseRegion(with("target.name", "areaPath()"), "t.region.json", arity);
  EXPECT_NE(first(arity, "region.bad-value"), nullptr);
}

TEST(RegionFileTest, SyntaxTypeAndVersionErrorsAreLocated) {
  diag::Diagnostics syntax;
  EXPECT_EQ(region::parseRegion("{\"id\": ", "t.region.json", syntax).plugin, nullptr);
  EXPECT_TRUE(syntax.has("region.syntax"));
  diag::Diagnostics type;
  (void)region::parseRegion(with("\"title\": \"名单\"", "\"title\": 7"), "t.region.json", type);
  ASSERT_NE(first(type, "region.invalid"), nullptr);
  EXPECT_EQ(first(type, "region.invalid")->where.field, "appendices[0].title");
  diag::Diagnostics version;
  (void)region::parseRegion(with("\"bangfuRegion\": 1", "\"bangfuRegion\": 2"), "t.region.json", version);
  ASSERT_NE(first(version, "region.invalid"), nullptr);
  EXPECT_EQ(first(version, "region.invalid")->where.field, "bangfuRegion");
  diag::Diagnostics collection;
  (void)region::parseRegion(with("\"from\": \"pairings\"", "\"from\": \"pairing\""), "t.region.json",
                            collection);
  ASSERT_NE(first(collection, "region.invalid"), nullptr);
  EXPECT_EQ(first(collection, "region.invalid")->suggestion, "改为“pairings”");
}

TEST(RegionFileTest, ASettingMustBeDeclaredBeforeItIsUsed) {
  diag::Diagnostics d;
  (void)region::parseRegion(with("\"header\": \"村\"", "\"header\": {\"setting\": \"list.header\"}"),
                            "t.region.json", d);
  const auto* x = first(d, "region.invalid");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->where.field, "appendices[0].blocks[0].table.columns[1].header.setting");
}

TEST(RegionFileTest, ControlCharactersAreRefused) {
  diag::Diagnostics d;
  (void)region::parseRegion(with("\"名单\"", "\"名\\u0000单\""), "t.region.json", d);
  EXPECT_TRUE(d.has("input.control-char"));
}

TEST(RegionFileTest, ABadRegionFileStopsNoOtherPlugin) {
  const auto dir = std::filesystem::temp_directory_path() / "bangfu-region-host-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "testland.region.json") << kGood;
  std::ofstream(dir / "broken.region.json") << with("target.name", "nosuch(target)");
  plugin::PluginHost host({std::string(BANGFU_BINARY_DIR) + "/plugins", dir.string()});
  host.discover();
  std::vector<std::string> ids;
  for (const auto& i : host.list()) ids.push_back(i.id);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "testland"), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "lishui"), ids.end());
  ASSERT_EQ(host.problems().size(), 1U);
  EXPECT_NE(host.problems()[0].english().find("broken.region.json"), std::string::npos);
  EXPECT_NE(host.problems()[0].english().find("nosuch"), std::string::npos);
  EXPECT_EQ(host.get("testland").appendices().at(0).id, "list");
  std::filesystem::remove_all(dir);
}
