// Dongli per-entity documents: the 困难村结对帮扶安排表 (附件1) sent to each 街道 over
// its own villages, and to each 帮扶单位 over the villages it and its 驻村工作组 help
// (实施方案 二、1 and 二、2). A row prints the village's street, its helping units, its
// 配合帮扶企业 and its 驻村工作组, so a slice holds exactly those for its villages.
#include <algorithm>
#include <set>

#include "bangfu/plugin/sdk.hpp"
#include "dongli_plugin.hpp"

namespace bangfu::plugins::dongli {

namespace {

namespace kinds = model::kinds;

/// The pairing kinds a row of the 安排表 prints (renderVillages: 帮扶单位, 配合帮扶企业,
/// 驻村工作组); pairings of other kinds are no part of any slice.
bool printedKind(const std::string& kind) {
  return kind == kinds::kUnitVillage || kind == kinds::kEnterprise || kind == kinds::kResidentGroup;
}

/// The group as its row names it: id and name, and of its target villages only
/// those in `villages` (its other village is another slice's business).
model::Team groupFor(const model::Team& team, const std::set<std::string>& villages) {
  model::Team t;
  t.id = team.id;
  t.name = team.name;
  std::vector<std::string> targets;
  if (!team.target.empty()) targets.push_back(team.target);
  targets.insert(targets.end(), team.targets.begin(), team.targets.end());
  for (const auto& v : targets) {
    if (!villages.count(v)) continue;
    if (t.target.empty()) {
      t.target = v;
    } else {
      t.targets.push_back(v);
    }
  }
  return t;
}

/// The slice of the 安排表 rows of `villages` (ids of 困难村, in the order the rows
/// are printed): each village after its street, the printed pairings that reach
/// them (in scheme order), and the units and groups those pairings name.
model::Scheme rowsSlice(const model::Scheme& s, const std::vector<std::string>& villages) {
  model::Scheme slice = plugin::sliceBase(s);
  const std::set<std::string> wanted(villages.begin(), villages.end());
  for (const auto& id : villages) {
    const model::Area* v = s.findArea(id);
    if (!v) continue;
    if (!v->parent.empty() && !slice.findArea(v->parent))
      if (const model::Area* street = s.findArea(v->parent)) slice.areas.push_back(*street);
    slice.areas.push_back(*v);
  }
  std::set<std::string> units;
  std::set<std::string> teams;
  for (const auto& p : s.pairings) {
    if (!printedKind(p.kind) || p.target.kind != model::Party::Kind::Area || !wanted.count(p.target.ref))
      continue;
    slice.pairings.push_back(p);
    if (p.helper.kind == model::Party::Kind::Unit) units.insert(p.helper.ref);
    if (p.helper.kind == model::Party::Kind::Team) teams.insert(p.helper.ref);
    if (p.helper.kind == model::Party::Kind::Person)
      if (const model::Person* x = s.findPerson(p.helper.ref))
        if (!slice.findPerson(x->id)) slice.people.push_back(*x);
  }
  for (const auto& u : s.units)
    if (units.count(u.id)) slice.units.push_back(u);
  for (const auto& t : s.teams)
    if (teams.count(t.id)) slice.teams.push_back(groupFor(t, wanted));
  return slice;
}

void addOnce(std::vector<std::string>& list, const std::string& item) {
  if (!item.empty() && std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

/// The unit leads the group (its 驻村工作组).
bool leads(const model::Team& team, const std::string& unit) {
  return team.leader &&
         std::find(team.leader->units.begin(), team.leader->units.end(), unit) != team.leader->units.end();
}

}  // namespace

std::vector<plugin::EntityDocument> DongliPlugin::entityDocuments(const model::Scheme& s) const {
  std::vector<plugin::EntityDocument> docs;
  std::set<std::string> hardVillages;
  for (const auto& a : s.areas)
    if (isHardVillage(a)) hardVillages.insert(a.id);

  // Per 街道: the rows of its villages in the order of 二、1 (the scheme's), so the
  // street sees whom each of its villages works with.
  std::vector<std::string> streets;
  for (const auto& a : s.areas)
    if (isHardVillage(a)) addOnce(streets, a.parent);
  for (const auto& street : streets) {
    std::vector<std::string> villages;
    for (const auto& a : s.areas)
      if (isHardVillage(a) && a.parent == street) villages.push_back(a.id);
    const std::string name = plugin::areaLabel(s, street);
    plugin::EntityDocument d =
        plugin::entityDocument(s, "villages", "street", street, name + "结对帮扶困难村安排表", "街道", name);
    d.slice = rowsSlice(s, villages);
    docs.push_back(std::move(d));
  }

  // Per 帮扶单位: the rows of the villages it helps (unit-village) or its 驻村工作组
  // helps (resident-group of a team it leads), with their enterprises, in the
  // order of its pairings (二、2: “区建委帮扶新立街道务本二村、万新街道增兴窑村”). Units
  // in order of their first pairing; the 为辅 units of 四、1, which the notice pairs
  // with no village, get none.
  std::vector<std::string> units;
  for (const auto& p : s.pairings) {
    if (!hardVillages.count(p.target.ref)) continue;
    if (p.kind == kinds::kUnitVillage && p.helper.kind == model::Party::Kind::Unit)
      addOnce(units, p.helper.ref);
    if (p.kind == kinds::kResidentGroup && p.helper.kind == model::Party::Kind::Team)
      if (const model::Team* t = s.findTeam(p.helper.ref))
        if (t->leader)
          for (const auto& u : t->leader->units) addOnce(units, u);
  }
  for (const auto& unit : units) {
    std::vector<std::string> villages;
    for (const auto& p : s.pairings) {
      if (!hardVillages.count(p.target.ref)) continue;
      const bool own =
          p.kind == kinds::kUnitVillage && p.helper.kind == model::Party::Kind::Unit && p.helper.ref == unit;
      bool group = false;
      if (p.kind == kinds::kResidentGroup && p.helper.kind == model::Party::Kind::Team)
        if (const model::Team* t = s.findTeam(p.helper.ref)) group = leads(*t, unit);
      if (own || group) addOnce(villages, p.target.ref);
    }
    const std::string name = plugin::unitName(s, unit);
    plugin::EntityDocument d =
        plugin::entityDocument(s, "villages", "unit", unit, name + "结对帮扶困难村安排表", "帮扶单位", name);
    d.slice = rowsSlice(s, villages);
    docs.push_back(std::move(d));
  }
  return docs;
}

}  // namespace bangfu::plugins::dongli
