#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "../plugin_test_support.hpp"
#include "dongli/dongli_plugin.hpp"

using namespace bangfu;
using bangfu::testing::loadExample;
using bangfu::testing::onlyTable;

TEST(DongliPluginTest, StreetsSpanTheirVillages) {
  const auto s = loadExample("dongli-2017");
  plugins::dongli::DongliPlugin plugin;
  const auto& t = onlyTable(plugin.render(s, {"villages", "附件1", "东丽区结对帮扶困难村安排表"}));
  ASSERT_EQ(t.rows.size(), 11u);
  EXPECT_EQ(t.rows[1].cells[1].plainText(), "无瑕街道");
  EXPECT_EQ(t.rows[1].cells[1].rowSpan, 2);
  EXPECT_EQ(t.rows[2].cells.size(), 5u);  // 官房村's street is covered by 无瑕街道's cell
  EXPECT_EQ(t.rows[4].cells[1].plainText(), "新立街道");
  EXPECT_EQ(t.rows[4].cells[1].rowSpan, 3);
}

namespace {

/// tests/golden/dongli-2017/committee.txt: "title：name name …" lines, then the
/// closing sentence (tests/golden/README.md).
std::vector<std::string> committeeGolden() {
  std::ifstream in(std::string(BANGFU_SOURCE_DIR) + "/tests/golden/dongli-2017/committee.txt",
                   std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

/// The appendix's one name list and its last paragraph.
std::pair<doc::NameList, std::string> committeeOf(const doc::Appendix& a) {
  std::vector<doc::NameList> lists;
  std::string last;
  for (const auto& b : a.blocks) {
    if (const auto* l = std::get_if<doc::NameList>(&b)) lists.push_back(*l);
    if (const auto* p = std::get_if<doc::Paragraph>(&b)) last = p->plainText();
  }
  EXPECT_EQ(lists.size(), 1u) << a.id;
  return {lists.empty() ? doc::NameList{} : lists.front(), last};
}

}  // namespace

TEST(DongliPluginTest, CommitteeKeepsThePublishedOrderAndGeneratesTheOfficeSentence) {
  const auto s = loadExample("dongli-2017");
  plugins::dongli::DongliPlugin plugin;
  const auto [list, last] = committeeOf(plugin.render(s, {"committee", "附件2", "领导小组"}));
  // Every role and every name in the published order (raw: padding is the writer's job).
  std::vector<std::string> got;
  for (const auto& e : list.entries) {
    std::string line = e.role + "：";
    for (std::size_t i = 0; i < e.names.size(); ++i) line += (i ? " " : "") + e.names[i];
    got.push_back(line);
  }
  got.push_back(last);
  const auto want = committeeGolden();
  ASSERT_EQ(want.size(), 4u);
  EXPECT_EQ(got, want);
}

TEST(DongliPluginTest, UnorderedRolesArePrintedInStrokeOrder) {
  auto s = loadExample("dongli-2017");
  s.committees[0].roles[1].strokeOrder = true;  // 副组长: 陈友东 郝树民 → 陈(7) before 郝(9)
  std::swap(s.committees[0].roles[1].people[0], s.committees[0].roles[1].people[1]);
  plugins::dongli::DongliPlugin plugin;
  const auto list = committeeOf(plugin.render(s, {"committee", "附件2", "领导小组"})).first;
  ASSERT_EQ(list.entries.size(), 3u);
  EXPECT_EQ(list.entries[1].names, (std::vector<std::string>{"陈友东", "郝树民"}));
}

TEST(DongliPluginTest, AVillageWithoutHelpingUnitIsAnError) {
  auto s = loadExample("dongli-2017");
  s.pairings.erase(std::remove_if(s.pairings.begin(), s.pairings.end(),
                                  [](const model::Pairing& p) {
                                    return p.kind == "unit-village" && p.target.ref == "小北村";
                                  }),
                   s.pairings.end());
  diag::Diagnostics d;
  plugins::dongli::DongliPlugin().validate(s, d);
  EXPECT_TRUE(d.has("dongli.village-without-unit"));
}

TEST(DongliPluginTest, TheSettingsSheetUnmergesStreetsAndListsTheOffice) {
  auto s = loadExample("dongli-2017");
  plugins::dongli::DongliPlugin plugin;
  ASSERT_EQ(plugin.inputSheets().size(), 1u);
  s.options["villages.merge-streets"] = "false";
  s.options["villages.header.street"] = "街道（乡镇）";
  const auto& t = onlyTable(plugin.render(s, {"villages", "附件1", "东丽区结对帮扶困难村安排表"}));
  EXPECT_EQ(t.rows[0].cells[1].plainText(), "街道（乡镇）");
  for (std::size_t r = 1; r < t.rows.size(); ++r) {
    ASSERT_EQ(t.rows[r].cells.size(), 6u) << r;  // every row writes its street
    EXPECT_EQ(t.rows[r].cells[1].rowSpan, 1);
  }
  s.options["committee.office"] = "list";
  const auto a = plugin.render(s, {"committee", "附件2", "领导小组"});
  std::vector<const doc::NameList*> lists;
  for (const auto& b : a.blocks)
    if (const auto* l = std::get_if<doc::NameList>(&b)) lists.push_back(l);
  ASSERT_EQ(lists.size(), 2u);
  EXPECT_EQ(lists[1]->entries[0].role, "办公室主任");
  EXPECT_EQ(lists[1]->entries[1].names.size(), 4u);
}
