// Lishui per-entity documents: each county's 附件1 row and 团组 sheet, and each
// unit's own arrangement sheet (the 附件2 table over that unit's slots only).
#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "bangfu/plugin/sdk.hpp"
#include "lishui_plugin.hpp"

namespace bangfu::plugins::lishui {

namespace {

constexpr const char* kInstructorFlag = "instructor-sender";

void addArea(model::Scheme& slice, const model::Scheme& s, const std::string& id) {
  if (id.empty() || slice.findArea(id)) return;
  if (const model::Area* a = s.findArea(id)) slice.areas.push_back(*a);
}

/// The scheme's units by id: every unit document looks up the units of its
/// teams, so a linear search per lookup made listing 500 units' documents
/// quadratic (it was a tenth of a no-op `bangfu build`).
using UnitIndex = std::unordered_map<std::string_view, const model::Unit*>;

UnitIndex indexUnits(const model::Scheme& s) {
  UnitIndex index;
  index.reserve(s.units.size());
  for (const auto& u : s.units) index.emplace(u.id, &u);
  return index;
}

void addUnits(model::Scheme& slice, const UnitIndex& units, const model::TeamMember& m) {
  for (const auto& u : m.units) {
    if (slice.findUnit(u)) continue;
    const auto it = units.find(u);
    if (it != units.end()) slice.units.push_back(*it->second);
  }
}

bool contains(const model::TeamMember& m, const std::string& unit) {
  return std::find(m.units.begin(), m.units.end(), unit) != m.units.end();
}

}  // namespace

std::vector<plugin::EntityDocument> LishuiPlugin::entityDocuments(const model::Scheme& s) const {
  std::vector<plugin::EntityDocument> docs;
  const UnitIndex unitIndex = indexUnits(s);

  // 附件1 per county: the county's leaders.
  std::vector<std::string> counties;
  for (const auto* p : plugin::pairingsOf(s, model::kinds::kLeaderArea))
    if (std::find(counties.begin(), counties.end(), p->target.ref) == counties.end())
      counties.push_back(p->target.ref);
  for (const auto& county : counties) {
    const std::string name = plugin::areaLabel(s, county);
    plugin::EntityDocument d = plugin::entityDocument(s, "leaders", "county", county,
                                                      name + "市级领导结对帮扶名单", "市级领导", name);
    addArea(d.slice, s, county);
    for (const auto* p : plugin::pairingsOf(s, model::kinds::kLeaderArea)) {
      if (p->target.ref != county) continue;
      d.slice.pairings.push_back(*p);
      if (const model::Person* person = s.findPerson(p->helper.ref))
        if (!d.slice.findPerson(person->id)) d.slice.people.push_back(*person);
    }
    docs.push_back(std::move(d));
  }

  // 附件2 per team: the county's row with its 说明.
  for (const auto& team : s.teams) {
    const std::string name = plugin::areaLabel(s, team.target);
    plugin::EntityDocument d =
        plugin::entityDocument(s, "teams", "team", team.id, name + "市级结对帮扶团组安排", "团组", name);
    addArea(d.slice, s, team.target);
    if (team.leader) addUnits(d.slice, unitIndex, *team.leader);
    for (const auto& m : team.members) addUnits(d.slice, unitIndex, m);
    d.slice.teams.push_back(team);
    auto notes = s.notes.find("teams");
    if (notes != s.notes.end()) d.slice.notes["teams"] = notes->second;
    docs.push_back(std::move(d));
  }

  // Per unit: the 附件2 table over the unit's own slots. Each row keeps the team's
  // 组长单位 (who the unit works under) and lists only this unit's group; 工作组数
  // is what this unit sends, 指导员数 only where the unit is marked as sending one.
  // Units in order of first appearance, each with the teams it appears in (in
  // the scheme's order): looking through every team for every unit made this
  // loop units × teams × members (about 250000 checks for the 1108-output bench).
  std::vector<std::pair<std::string_view, std::vector<const model::Team*>>> units;
  std::unordered_map<std::string_view, std::size_t> unitSlot;
  for (const auto& team : s.teams) {
    auto note = [&](const model::TeamMember& m) {
      for (const auto& u : m.units) {
        const auto [slot, added] = unitSlot.emplace(u, units.size());
        if (added) units.emplace_back(u, std::vector<const model::Team*>{});
        auto& teams = units[slot->second].second;
        if (teams.empty() || teams.back() != &team) teams.push_back(&team);
      }
    };
    if (team.leader) note(*team.leader);
    for (const auto& m : team.members) note(m);
  }
  for (const auto& [unitId, unitTeams] : units) {
    const std::string unit(unitId);
    const auto found = unitIndex.find(unit);
    const model::Unit* u = found == unitIndex.end() ? nullptr : found->second;
    const std::string name = u ? u->name : unit;  // as plugin::unitName
    plugin::EntityDocument d =
        plugin::entityDocument(s, "teams", "unit", unit, name + "结对帮扶安排", "单位", name);
    const bool instructor = u && u->hasFlag(kInstructorFlag);
    for (const model::Team* teamOfUnit : unitTeams) {
      const model::Team& team = *teamOfUnit;
      model::Team t;
      t.id = team.id;
      t.name = team.name;
      t.target = team.target;
      t.where = team.where;
      int groups = 0;
      if (team.leader) {
        t.leader = team.leader;
        if (contains(*team.leader, unit)) groups += team.leader->groups();
      }
      for (const auto& m : team.members)
        if (contains(m, unit)) {
          t.members.push_back(m);
          groups += m.groups();
        }
      if (groups == 0) continue;  // not one of this unit's teams
      t.statedGroups = groups;
      if (team.statedInstructors && instructor) t.statedInstructors = groups;
      addArea(d.slice, s, t.target);
      if (t.leader) addUnits(d.slice, unitIndex, *t.leader);
      for (const auto& m : t.members) addUnits(d.slice, unitIndex, m);
      d.slice.teams.push_back(std::move(t));
    }
    docs.push_back(std::move(d));
  }
  return docs;
}

}  // namespace bangfu::plugins::lishui
