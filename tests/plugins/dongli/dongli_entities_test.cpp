// Dongli per-entity documents: the 安排表 per 街道 and per 帮扶单位, their slices,
// which slices a change reaches, and the rows they render against the seed's cells.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "../../must_run.hpp"
#include "../plugin_test_support.hpp"
#include "bangfu/io/scheme_io.hpp"
#include "dongli/dongli_plugin.hpp"

using namespace bangfu;
using bangfu::testing::loadExample;
using bangfu::testing::onlyTable;

namespace {

using Docs = std::vector<plugin::EntityDocument>;

std::map<std::string, const plugin::EntityDocument*> byKey(const Docs& docs) {
  std::map<std::string, const plugin::EntityDocument*> out;
  for (const auto& d : docs) out[d.entityKind + ":" + d.entityId] = &d;
  return out;
}

/// The entity keys whose slice's canonical JSON differs between two listings.
std::set<std::string> changedSlices(const Docs& before, const Docs& after) {
  const auto a = byKey(before);
  const auto b = byKey(after);
  std::set<std::string> changed;
  for (const auto& [key, d] : b) {
    const auto it = a.find(key);
    if (it == a.end() || io::schemeToJson(it->second->slice) != io::schemeToJson(d->slice))
      changed.insert(key);
  }
  for (const auto& [key, d] : a)
    if (!b.count(key)) changed.insert(key);
  return changed;
}

std::set<std::string> villagesOf(const model::Scheme& slice) {
  std::set<std::string> out;
  for (const auto& a : slice.areas)
    if (a.level == model::AreaLevel::Village) out.insert(a.id);
  return out;
}

std::string readText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// tests/golden/dongli-2017/villages.tsv (the seed's cells): village → its row.
std::map<std::string, std::vector<std::string>> goldenRows() {
  std::map<std::string, std::vector<std::string>> rows;
  std::istringstream in(readText(std::string(BANGFU_SOURCE_DIR) + "/tests/golden/dongli-2017/villages.tsv"));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (std::size_t tab = line.find('\t'); tab != std::string::npos; tab = line.find('\t', start)) {
      cells.push_back(line.substr(start, tab - start));
      start = tab + 1;
    }
    cells.push_back(line.substr(start));
    if (cells.size() == 6) rows[cells[2]] = cells;
  }
  return rows;
}

/// The seed notices: $BANGFU_SEEDS, else ../shared/seeds beside the source tree.
std::string seedsDir() {
  const char* env = std::getenv("BANGFU_SEEDS");
  return env != nullptr && *env != '\0' ? env : std::string(BANGFU_SOURCE_DIR) + "/../shared/seeds";
}

/// The seed's clauses (split at ，；。 and line ends); empty when the seeds are absent.
std::vector<std::string> seedClauses() {
  const std::string text = readText(seedsDir() + "/004_f3154bab04004104.txt");
  std::vector<std::string> clauses(1);
  for (std::size_t i = 0; i < text.size();) {
    bool cut = false;
    for (const std::string sep : {"，", "；", "。", "\n"})
      if (text.compare(i, sep.size(), sep) == 0) {
        clauses.emplace_back();
        i += sep.size();
        cut = true;
        break;
      }
    if (!cut) clauses.back() += text[i++];
  }
  return text.empty() ? std::vector<std::string>{} : clauses;
}

}  // namespace

TEST(DongliEntitiesTest, OneDocumentPerStreetAndPerHelpingUnit) {
  const auto s = loadExample("dongli-2017");
  const auto docs = plugins::dongli::DongliPlugin().entityDocuments(s);
  std::vector<std::string> stems;
  std::map<std::string, int> villages;  // kind → villages over all its documents
  for (const auto& d : docs) {
    EXPECT_EQ(d.appendixId, "villages");
    stems.push_back(d.fileStem);
    villages[d.entityKind] += static_cast<int>(villagesOf(d.slice).size());
  }
  // 二、1 names 6 streets; 二、2 pairs 5 units (市委办公厅 and the 4 district units)
  // with villages. The 5 为辅 units of 四、1 are paired with none and get no document.
  EXPECT_EQ(stems, (std::vector<std::string>{"街道/无瑕街道", "街道/万新街道", "街道/新立街道",
                                             "街道/金钟街道", "街道/华明街道", "街道/金桥街道",
                                             "帮扶单位/市委办公厅", "帮扶单位/区建委", "帮扶单位/区水务局",
                                             "帮扶单位/滨丽公司", "帮扶单位/公安东丽分局"}));
  // Every one of the 10 困难村 is in exactly one street's and one unit's document.
  EXPECT_EQ(villages["street"], 10);
  EXPECT_EQ(villages["unit"], 10);
  EXPECT_EQ(docs[2].title, "新立街道结对帮扶困难村安排表");
  EXPECT_EQ(docs[7].title, "区建委结对帮扶困难村安排表");
}

TEST(DongliEntitiesTest, ASliceHoldsOnlyItsVillagesAndWhatTheirRowsName) {
  const auto s = loadExample("dongli-2017");
  const auto listed = plugins::dongli::DongliPlugin().entityDocuments(s);
  const auto docs = byKey(listed);
  auto ids = [](const auto& items) {
    std::set<std::string> out;
    for (const auto& x : items) out.insert(x.id);
    return out;
  };
  const model::Scheme& xinli = docs.at("street:新立街道")->slice;
  EXPECT_EQ(ids(xinli.areas), (std::set<std::string>{"新立街道", "稻地村", "务本二村", "窑上村"}));
  EXPECT_EQ(ids(xinli.units), (std::set<std::string>{"市委办公厅", "区建委", "滨丽公司", "天津市建城基业集团",
                                                     "天津市精美伟业集团"}));
  EXPECT_EQ(ids(xinli.teams), (std::set<std::string>{"市委办公厅帮扶组", "区建委帮扶组", "滨丽公司帮扶组"}));
  EXPECT_EQ(xinli.pairings.size(), 3u + 3u + 4u);  // 3 units, 3 groups, 2 enterprises × 2 villages
  const model::Scheme& jinqiao = docs.at("street:金桥街道")->slice;
  EXPECT_EQ(ids(jinqiao.units), (std::set<std::string>{"市委办公厅"}));  // no enterprise helps 穆家台村
  // The group keeps only this slice's village: its other one (稻地村) is 新立街道's.
  ASSERT_EQ(jinqiao.teams.size(), 1u);
  EXPECT_EQ(jinqiao.teams[0].target, "穆家台村");
  EXPECT_TRUE(jinqiao.teams[0].targets.empty());

  const model::Scheme& jianwei = docs.at("unit:区建委")->slice;
  EXPECT_EQ(ids(jianwei.areas), (std::set<std::string>{"万新街道", "新立街道", "增兴窑村", "务本二村"}));
  EXPECT_EQ(ids(jianwei.units),
            (std::set<std::string>{"区建委", "天津市建城基业集团", "天津市精美伟业集团"}));
  EXPECT_EQ(ids(jianwei.teams), (std::set<std::string>{"区建委帮扶组"}));

  for (const auto& [key, d] : docs) {
    const model::Scheme& slice = d->slice;
    const auto villages = villagesOf(slice);
    for (const auto& a : slice.areas) {
      if (a.level == model::AreaLevel::Village && d->entityKind == "street") {
        EXPECT_EQ(a.parent, d->entityId) << key;
      }
      if (a.level == model::AreaLevel::Town) {
        bool parentOfOne = false;
        for (const auto& v : slice.areas) parentOfOne = parentOfOne || v.parent == a.id;
        EXPECT_TRUE(parentOfOne) << key << " " << a.id;
      }
      EXPECT_NE(a.level, model::AreaLevel::County) << key;
    }
    for (const auto& p : slice.pairings) EXPECT_TRUE(villages.count(p.target.ref)) << key;
    std::set<std::string> named;
    for (const auto& p : slice.pairings) named.insert(p.helper.ref);
    for (const auto& u : slice.units) EXPECT_TRUE(named.count(u.id)) << key << " " << u.id;
    for (const auto& t : slice.teams) EXPECT_TRUE(named.count(t.id)) << key << " " << t.id;
    EXPECT_TRUE(slice.people.empty() && slice.committees.empty() && slice.stated.empty() &&
                slice.notes.empty())
        << key;
  }
}

TEST(DongliEntitiesTest, ChangingOneVillagesPairingChangesOnlyTheSlicesThatInvolveIt) {
  const auto s = loadExample("dongli-2017");
  const plugins::dongli::DongliPlugin plugin;
  const auto before = plugin.entityDocuments(s);

  // 小北村 is helped by 区水务局 instead of 公安东丽分局 (its group stays).
  auto moved = s;
  for (auto& p : moved.pairings)
    if (p.kind == "unit-village" && p.target.ref == "小北村") p.helper.ref = "区水务局";
  EXPECT_EQ(changedSlices(before, plugin.entityDocuments(moved)),
            (std::set<std::string>{"street:无瑕街道", "unit:公安东丽分局", "unit:区水务局"}));

  // One enterprise stops supporting 新中村: its street and its unit only.
  auto dropped = s;
  dropped.pairings.erase(std::remove_if(dropped.pairings.begin(), dropped.pairings.end(),
                                        [](const model::Pairing& p) {
                                          return p.kind == "enterprise-support" && p.target.ref == "新中村" &&
                                                 p.helper.ref == "天津市精美伟业集团";
                                        }),
                         dropped.pairings.end());
  EXPECT_EQ(changedSlices(before, plugin.entityDocuments(dropped)),
            (std::set<std::string>{"street:金钟街道", "unit:区水务局"}));

  // A renamed group reaches the documents that print it.
  auto renamed = s;
  for (auto& t : renamed.teams)
    if (t.id == "区建委帮扶组") t.name = "区建委驻村工作组";
  EXPECT_EQ(changedSlices(before, plugin.entityDocuments(renamed)),
            (std::set<std::string>{"street:万新街道", "street:新立街道", "unit:区建委"}));

  // The 领导小组 and the stated figures are in no slice.
  auto elsewhere = s;
  elsewhere.committees[0].roles[0].people = {"陈友东"};
  elsewhere.stated[0].value = 11;
  elsewhere.units.push_back({"区商务局", "区商务局", "", {}, {}});
  EXPECT_TRUE(changedSlices(before, plugin.entityDocuments(elsewhere)).empty());
}

TEST(DongliEntitiesTest, EachDocumentRendersItsVillagesRowsAsTheSeedHasThem) {
  const auto s = loadExample("dongli-2017");
  const plugins::dongli::DongliPlugin plugin;
  const auto golden = goldenRows();
  ASSERT_EQ(golden.size(), 10u);
  const auto clauses = seedClauses();
  if (clauses.empty()) {
    BANGFU_NOT_CHECKED("seeds " << seedsDir()
                                << " absent: the rows are not checked against the seed's clauses");
  }
  auto inOneClause = [&](const std::string& a, const std::string& b) {
    for (const auto& c : clauses)
      if (c.find(a) != std::string::npos && c.find(b) != std::string::npos) return true;
    return false;
  };
  for (const auto& d : plugin.entityDocuments(s)) {
    const auto t = onlyTable(plugin.render(d.slice, {d.appendixId, "附件1", d.title}));
    const auto villages = villagesOf(d.slice);
    ASSERT_EQ(t.rows.size(), villages.size() + 1) << d.fileStem;  // the header and one row per village
    ASSERT_FALSE(villages.empty()) << d.fileStem;
    EXPECT_EQ(t.name, d.title);
    std::string street;
    std::vector<std::string> places;  // 街道 + 村 of each row, in row order
    std::vector<int> seedNumbers;     // the rows' 序号 in the whole table (二、1's order)
    for (std::size_t r = 1; r < t.rows.size(); ++r) {
      std::vector<std::string> cells;
      for (const auto& c : t.rows[r].cells) cells.push_back(c.plainText());
      if (cells.size() == 6) {
        street = cells[1];
      } else {
        ASSERT_EQ(cells.size(), 5u) << d.fileStem;
        cells.insert(cells.begin() + 1, street);  // covered by the street cell above
      }
      EXPECT_EQ(cells[0], std::to_string(r)) << d.fileStem;
      ASSERT_TRUE(golden.count(cells[2])) << d.fileStem << " " << cells[2];
      const auto& want = golden.at(cells[2]);
      for (std::size_t c = 1; c < 6; ++c)
        EXPECT_EQ(cells[c], want[c]) << d.fileStem << " row " << r << " col " << c;
      places.push_back(cells[1] + cells[2]);
      seedNumbers.push_back(std::stoi(want[0]));
      if (d.entityKind == "street") {
        EXPECT_EQ(cells[1], d.entityId);
      } else {
        EXPECT_EQ(cells[3], d.entityId);
      }
      if (!clauses.empty()) {
        // 二、1/二、2: “区建委帮扶新立街道务本二村、…”; “…统一选派<企业>进行配合帮扶”.
        EXPECT_TRUE(inOneClause(cells[3], cells[1] + cells[2])) << cells[2];
        if (!cells[4].empty()) {
          EXPECT_TRUE(inOneClause("选派" + cells[4] + "进行配合帮扶", "")) << cells[2];
        }
      }
    }
    // Row order as the seed has it: a street's villages as 二、1 lists them, a
    // unit's as its clause of 二、2 does (“公安东丽分局帮扶金钟街道欢坨村、无瑕街道小北村”).
    if (d.entityKind == "street") {
      EXPECT_TRUE(std::is_sorted(seedNumbers.begin(), seedNumbers.end())) << d.fileStem;
    } else if (!clauses.empty()) {
      std::vector<std::size_t> at;
      for (const auto& c : clauses)
        if (c.find(d.entityId) != std::string::npos && c.find(places[0]) != std::string::npos) {
          for (const auto& place : places) at.push_back(c.find(place));
          break;
        }
      ASSERT_EQ(at.size(), places.size()) << d.fileStem;
      EXPECT_TRUE(std::is_sorted(at.begin(), at.end())) << d.fileStem;
      EXPECT_EQ(std::count(at.begin(), at.end(), std::string::npos), 0) << d.fileStem;
    }
  }
}
