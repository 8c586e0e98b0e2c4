// The plugin SDK's naming helpers for per-entity documents.
#include "bangfu/plugin/sdk.hpp"

#include <gtest/gtest.h>

using namespace bangfu;

TEST(PluginSdk, FileNamePartKeepsASlashFromOpeningAFolder) {
  EXPECT_EQ(plugin::fileNamePart("市委办/市府办"), "市委办／市府办");
  EXPECT_EQ(plugin::fileNamePart("a//b/"), "a／／b／");
  EXPECT_EQ(plugin::fileNamePart("莲都区"), "莲都区");
  EXPECT_EQ(plugin::fileNamePart(""), "");
}

namespace {
/// A plugin with one portrait and one landscape appendix, for appendixFrom(plugin, ref).
class TwoOrientations : public plugin::JurisdictionPlugin {
 public:
  std::vector<plugin::AppendixSpec> appendices() const override {
    return {{"list", "附件1", "名单", doc::Orientation::Portrait},
            {"wide", "附件2", "安排表", doc::Orientation::Landscape}};
  }
  doc::Appendix render(const model::Scheme&, const model::AppendixRef& ref) const override {
    return plugin::appendixFrom(*this, ref);
  }
};
}  // namespace

TEST(PluginSdk, AppendixFromThePluginTakesTheDeclaredOrientation) {
  const TwoOrientations p;
  EXPECT_EQ(plugin::appendixFrom(p, {"wide", "附件2", "安排表"}).orientation, doc::Orientation::Landscape);
  EXPECT_EQ(plugin::appendixFrom(p, {"list", "附件1", "名单"}).orientation, doc::Orientation::Portrait);
  const doc::Appendix a = plugin::appendixFrom(p, {"wide", "附件3", "另一标题"});
  EXPECT_EQ(a.fileStem, "附件3-另一标题");
}

TEST(PluginSdk, TotalRowPadsToTheTableAndSumsOnlyWhenTheStatedFigureAgrees) {
  const doc::Table t = plugin::headedTable("表", {"县", "组长", "成员", "组数", "人数"}, {1, 1, 1, 1, 1});
  const doc::Row row = plugin::totalRow(t, 2, {{3, 157, 157.0}, {4, 78, 77.0}});
  EXPECT_EQ(row.kind, doc::RowKind::Total);
  ASSERT_EQ(row.cells.size(), 5U);
  EXPECT_EQ(row.cells[2].plainText(), "合计");
  EXPECT_EQ(row.cells[0].plainText(), "");
  // Agrees: a column total (XLSX =SUM with 157 cached).
  EXPECT_TRUE(row.cells[3].columnTotal);
  EXPECT_EQ(row.cells[3].number, 157.0);
  // Differs: the stated 77, written as a plain number so recalculation keeps it.
  EXPECT_FALSE(row.cells[4].columnTotal);
  EXPECT_EQ(row.cells[4].number, 77.0);
  // No stated figure: the computed sum, as a column total.
  const doc::Row unstated = plugin::totalRow(t, 0, {{4, 12, std::nullopt}}, "总计");
  EXPECT_EQ(unstated.cells[0].plainText(), "总计");
  EXPECT_TRUE(unstated.cells[4].columnTotal);
  EXPECT_EQ(unstated.cells[4].number, 12.0);
}
