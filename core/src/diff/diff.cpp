#include "bangfu/diff/diff.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <set>

#include "bangfu/model/ids.hpp"

namespace bangfu::diff {

namespace {

using model::Scheme;

template <typename T>
std::map<std::string, const T*> byId(const std::vector<T>& items) {
  std::map<std::string, const T*> m;
  for (const auto& i : items) m.emplace(i.id, &i);
  return m;
}

std::string unitLabel(const Scheme& s, const std::string& id) {
  const auto* u = s.findUnit(id);
  return u && !u->name.empty() ? u->name : id;
}
std::string areaLabel(const Scheme& s, const std::string& id) {
  const auto* a = s.findArea(id);
  return a && !a->name.empty() ? a->name : id;
}
std::string personLabel(const Scheme& s, const std::string& id) {
  const auto* p = s.findPerson(id);
  return p && !p->name.empty() ? p->name : id;
}
std::string teamLabel(const Scheme& s, const std::string& id) {
  const auto* t = s.findTeam(id);
  if (!t) return id;
  if (!t->name.empty()) return t->name;
  return t->id;
}

std::string partyLabel(const Scheme& s, const model::Party& p) {
  switch (p.kind) {
    case model::Party::Kind::Person:
      return personLabel(s, p.ref);
    case model::Party::Kind::Unit:
      return unitLabel(s, p.ref);
    case model::Party::Kind::Team:
      return teamLabel(s, p.ref);
    case model::Party::Kind::Area:
      return areaLabel(s, p.ref);
    case model::Party::Kind::Household:
      return p.ref;
  }
  return p.ref;
}

const char* kindName(const std::string& kind) {
  static const std::map<std::string, const char*> names{
      {model::kinds::kLeaderArea, "领导联系"},   {model::kinds::kUnitVillage, "单位定点帮扶"},
      {model::kinds::kTeamArea, "团组帮扶"},     {model::kinds::kResidentGroup, "驻村工作组"},
      {model::kinds::kCountyCounty, "县域结对"}, {model::kinds::kEnterprise, "社会帮扶"},
      {model::kinds::kHousehold, "联系帮扶户"}};
  auto it = names.find(kind);
  return it == names.end() ? kind.c_str() : it->second;
}

std::string joined(const std::vector<std::string>& items, const char* sep = "、") {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += sep;
    out += i;
  }
  return out;
}

std::string partyKey(const model::Party& p, const std::map<std::string, std::string>& unitMap,
                     const std::map<std::string, std::string>& areaMap) {
  std::string ref = p.ref;
  const auto& m = p.kind == model::Party::Kind::Unit ? unitMap : areaMap;
  if (p.kind == model::Party::Kind::Unit || p.kind == model::Party::Kind::Area) {
    auto it = m.find(ref);
    if (it != m.end()) ref = it->second;
  }
  return std::to_string(static_cast<int>(p.kind)) + ":" + ref;
}

/// Where a unit stands in a scheme: its team slots (with multiplicities and joint
/// partners), the pairings it takes part in, its people, its kind and flags. A
/// rename keeps all of these. `self` stands for the unit so two ids compare.
std::vector<std::string> unitSignature(const Scheme& s, const std::string& id) {
  std::vector<std::string> sig;
  // The slot's index is part of the place: a unit dropped from a team while
  // another joins at its end is a removal and an addition, not a rename.
  auto slot = [&](const model::TeamMember& m, const std::string& team, const std::string& role) {
    if (std::find(m.units.begin(), m.units.end(), id) == m.units.end()) return;
    std::vector<std::string> partners;
    for (const auto& u : m.units) partners.push_back(u == id ? "self" : u);
    sig.push_back(std::string("team:") + team + ":" + role + ":" + std::to_string(m.multiplicity) + ":" +
                  joined(partners, "+"));
  };
  for (const auto& t : s.teams) {
    if (t.leader) slot(*t.leader, t.id, "leader");
    for (std::size_t i = 0; i < t.members.size(); ++i)
      slot(t.members[i], t.id, "member#" + std::to_string(i));
  }
  for (const auto& p : s.pairings) {
    if (p.helper.kind == model::Party::Kind::Unit && p.helper.ref == id)
      sig.push_back("helps:" + p.kind + ":" + p.target.ref);
    if (p.target.kind == model::Party::Kind::Unit && p.target.ref == id)
      sig.push_back("helped:" + p.kind + ":" + p.helper.ref);
  }
  for (const auto& p : s.people)
    if (p.unit == id) sig.push_back("person:" + p.id);
  std::sort(sig.begin(), sig.end());
  if (sig.empty()) return sig;  // a unit referenced nowhere has no place to recognise
  const auto* u = s.findUnit(id);
  if (u) {
    auto flags = u->flags;
    std::sort(flags.begin(), flags.end());
    sig.push_back("kind:" + u->kind + ":" + joined(flags, "+"));
  }
  return sig;
}

std::vector<std::string> areaSignature(const Scheme& s, const std::string& id) {
  std::vector<std::string> sig;
  for (const auto& a : s.areas)
    if (a.parent == id) sig.push_back("child:" + a.id);
  for (const auto& t : s.teams)
    if (t.target == id || std::find(t.targets.begin(), t.targets.end(), id) != t.targets.end())
      sig.push_back("team:" + t.id);
  for (const auto& p : s.pairings) {
    if (p.helper.kind == model::Party::Kind::Area && p.helper.ref == id)
      sig.push_back("helps:" + p.kind + ":" + p.target.ref);
    if (p.target.kind == model::Party::Kind::Area && p.target.ref == id)
      sig.push_back("helped:" + p.kind + ":" + p.helper.ref);
  }
  std::sort(sig.begin(), sig.end());
  if (sig.empty()) return sig;
  const auto* a = s.findArea(id);
  if (a) sig.push_back("at:" + a->parent + ":" + std::to_string(static_cast<int>(a->level)));
  return sig;
}

/// Pairs removed ids with added ids whose signatures are equal, non-empty and
/// unique on both sides. Returns old id → new id.
template <typename Sig>
std::map<std::string, std::string> matchRenames(const std::vector<std::string>& removed,
                                                const std::vector<std::string>& added, const Scheme& before,
                                                const Scheme& after, Sig signature) {
  std::map<std::vector<std::string>, std::vector<std::string>> oldBySig, newBySig;
  for (const auto& id : removed) {
    auto sig = signature(before, id);
    if (!sig.empty()) oldBySig[sig].push_back(id);
  }
  for (const auto& id : added) {
    auto sig = signature(after, id);
    if (!sig.empty()) newBySig[sig].push_back(id);
  }
  std::map<std::string, std::string> out;
  for (const auto& [sig, olds] : oldBySig) {
    auto it = newBySig.find(sig);
    if (olds.size() == 1 && it != newBySig.end() && it->second.size() == 1)
      out.emplace(olds.front(), it->second.front());
  }
  return out;
}

template <typename T>
void splitIds(const std::vector<T>& before, const std::vector<T>& after, std::vector<std::string>& removed,
              std::vector<std::string>& added, std::vector<std::string>& kept) {
  const auto a = byId(after);
  const auto b = byId(before);
  for (const auto& i : before)
    if (!a.count(i.id)) removed.push_back(i.id);
  for (const auto& i : after) {
    if (!b.count(i.id))
      added.push_back(i.id);
    else
      kept.push_back(i.id);
  }
}

/// A unit's places in the teams, as printed: 莲都区团组（组长单位，2个）.
std::vector<std::string> unitPlaces(const Scheme& s, const std::string& id, std::set<std::string>* teams) {
  std::vector<std::string> places;
  auto slot = [&](const model::TeamMember& m, const model::Team& t, const char* role) {
    if (std::find(m.units.begin(), m.units.end(), id) == m.units.end()) return;
    std::string p = teamLabel(s, t.id) + "（" + role;
    if (m.multiplicity != 1) p += "，" + std::to_string(m.multiplicity) + "个";
    if (m.isJoint()) p += "，联合";
    places.push_back(p + "）");
    if (teams) teams->insert(t.id);
  };
  for (const auto& t : s.teams) {
    if (t.leader) slot(*t.leader, t, "组长单位");
    for (const auto& m : t.members) slot(m, t, "团组单位");
  }
  return places;
}

/// A person's assignments: pairings they help in (kind and target) and teams.
std::vector<std::string> personPlaces(const Scheme& s, const std::string& id) {
  std::vector<std::string> places;
  for (const auto& p : s.pairings)
    if (p.helper.kind == model::Party::Kind::Person && p.helper.ref == id)
      places.push_back(std::string(kindName(p.kind)) + " " + partyLabel(s, p.target));
  for (const auto& t : s.teams)
    if (std::find(t.people.begin(), t.people.end(), id) != t.people.end())
      places.push_back(teamLabel(s, t.id));
  return places;
}

std::string optInt(const std::optional<int>& v) { return v ? std::to_string(*v) : std::string("—"); }

}  // namespace

const char* categoryName(Category c) {
  switch (c) {
    case Category::Area:
      return "区划";
    case Category::Unit:
      return "单位";
    case Category::Person:
      return "人员";
    case Category::Team:
      return "团组";
    case Category::Pairing:
      return "结对";
    case Category::Committee:
      return "领导小组";
    case Category::Figure:
      return "数量";
  }
  return "";
}

const char* changeTypeName(ChangeType t) {
  switch (t) {
    case ChangeType::Added:
      return "新增";
    case ChangeType::Removed:
      return "删除";
    case ChangeType::Renamed:
      return "更名";
    case ChangeType::Moved:
      return "调整";
    case ChangeType::Changed:
      return "变更";
  }
  return "";
}

Report compare(const Scheme& b, const Scheme& after) {
  // A workbook's codes (U001) and a JSON's names-as-ids name the same entities:
  // matched by name first, so that only real changes are reported.
  const Scheme a = model::withIdsOf(b, after);
  Report r;
  auto add = [&](Category c, ChangeType t, std::string subject, std::string before, std::string after) {
    r.changes.push_back(Change{c, t, std::move(subject), std::move(before), std::move(after)});
  };

  // Areas.
  std::vector<std::string> areaRemoved, areaAdded, areaKept;
  splitIds(b.areas, a.areas, areaRemoved, areaAdded, areaKept);
  const auto areaMap = matchRenames(areaRemoved, areaAdded, b, a, areaSignature);
  std::set<std::string> areaRenamedNew;
  for (const auto& [o, n] : areaMap) {
    add(Category::Area, ChangeType::Renamed, areaLabel(a, n), areaLabel(b, o), areaLabel(a, n));
    areaRenamedNew.insert(n);
  }
  for (const auto& id : areaKept) {
    const auto& x = *b.findArea(id);
    const auto& y = *a.findArea(id);
    if (x.name != y.name) add(Category::Area, ChangeType::Renamed, y.name, x.name, y.name);
    if (x.parent != y.parent)
      add(Category::Area, ChangeType::Moved, y.name, "隶属 " + areaLabel(b, x.parent),
          "隶属 " + areaLabel(a, y.parent));
    if (x.annotation != y.annotation || x.flags != y.flags)
      add(Category::Area, ChangeType::Changed, y.name,
          x.annotation + (x.flags.empty() ? "" : " [" + joined(x.flags) + "]"),
          y.annotation + (y.flags.empty() ? "" : " [" + joined(y.flags) + "]"));
  }
  for (const auto& id : areaAdded)
    if (!areaRenamedNew.count(id))
      add(Category::Area, ChangeType::Added, areaLabel(a, id), "", areaLabel(a, id));
  for (const auto& id : areaRemoved)
    if (!areaMap.count(id)) add(Category::Area, ChangeType::Removed, areaLabel(b, id), areaLabel(b, id), "");

  // Units.
  std::vector<std::string> unitRemoved, unitAdded, unitKept;
  splitIds(b.units, a.units, unitRemoved, unitAdded, unitKept);
  const auto unitMap = matchRenames(unitRemoved, unitAdded, b, a, unitSignature);
  std::set<std::string> unitRenamedNew;
  std::vector<std::pair<std::string, std::string>> unitPairs;  // old id, new id: every unit in both
  for (const auto& [o, n] : unitMap) {
    add(Category::Unit, ChangeType::Renamed, unitLabel(a, n), unitLabel(b, o), unitLabel(a, n));
    unitRenamedNew.insert(n);
  }
  for (const auto& id : unitKept) {
    const auto& x = *b.findUnit(id);
    const auto& y = *a.findUnit(id);
    if (x.name != y.name) add(Category::Unit, ChangeType::Renamed, y.name, x.name, y.name);
    if (x.kind != y.kind || x.flags != y.flags)
      add(Category::Unit, ChangeType::Changed, y.name,
          x.kind + (x.flags.empty() ? "" : " [" + joined(x.flags) + "]"),
          y.kind + (y.flags.empty() ? "" : " [" + joined(y.flags) + "]"));
  }
  for (const auto& u : a.units) {
    if (b.findUnit(u.id)) unitPairs.emplace_back(u.id, u.id);
    for (const auto& [o, n] : unitMap)
      if (n == u.id) unitPairs.emplace_back(o, n);
  }
  for (const auto& [o, n] : unitPairs) {
    std::set<std::string> teamsBefore, teamsAfter;
    const auto pb = unitPlaces(b, o, &teamsBefore);
    const auto pa = unitPlaces(a, n, &teamsAfter);
    if (pb == pa) continue;
    add(Category::Unit, teamsBefore != teamsAfter ? ChangeType::Moved : ChangeType::Changed, unitLabel(a, n),
        pb.empty() ? "（未编入团组）" : joined(pb), pa.empty() ? "（未编入团组）" : joined(pa));
  }
  for (const auto& id : unitAdded)
    if (!unitRenamedNew.count(id)) {
      const auto places = unitPlaces(a, id, nullptr);
      add(Category::Unit, ChangeType::Added, unitLabel(a, id), "",
          unitLabel(a, id) + (places.empty() ? "" : "：" + joined(places)));
    }
  for (const auto& id : unitRemoved)
    if (!unitMap.count(id)) {
      const auto places = unitPlaces(b, id, nullptr);
      add(Category::Unit, ChangeType::Removed, unitLabel(b, id),
          unitLabel(b, id) + (places.empty() ? "" : "：" + joined(places)), "");
    }

  // People: never merged by position (a new name on a post is a new person).
  std::vector<std::string> personRemoved, personAdded, personKept;
  splitIds(b.people, a.people, personRemoved, personAdded, personKept);
  auto mappedUnit = [&](const std::string& id) {
    auto it = unitMap.find(id);
    return it == unitMap.end() ? id : it->second;
  };
  for (const auto& id : personKept) {
    const auto& x = *b.findPerson(id);
    const auto& y = *a.findPerson(id);
    if (x.name != y.name) add(Category::Person, ChangeType::Renamed, y.name, x.name, y.name);
    if (mappedUnit(x.unit) != y.unit)
      add(Category::Person, ChangeType::Moved, y.name, x.unit.empty() ? "（无单位）" : unitLabel(b, x.unit),
          y.unit.empty() ? "（无单位）" : unitLabel(a, y.unit));
    if (x.post != y.post || x.annotation != y.annotation)
      add(Category::Person, ChangeType::Changed, y.name, joined({x.post, x.annotation}, " "),
          joined({y.post, y.annotation}, " "));
    const auto pb = personPlaces(b, id);
    const auto pa = personPlaces(a, id);
    if (pb != pa)
      add(Category::Person, ChangeType::Moved, y.name, pb.empty() ? "（无结对）" : joined(pb),
          pa.empty() ? "（无结对）" : joined(pa));
  }
  auto personText = [](const Scheme& s, const std::string& id) {
    const auto* p = s.findPerson(id);
    std::string t = personLabel(s, id);
    if (p && !p->unit.empty()) t += "（" + unitLabel(s, p->unit) + "）";
    const auto places = personPlaces(s, id);
    if (!places.empty()) t += "：" + joined(places);
    return t;
  };
  for (const auto& id : personAdded)
    add(Category::Person, ChangeType::Added, personLabel(a, id), "", personText(a, id));
  for (const auto& id : personRemoved)
    add(Category::Person, ChangeType::Removed, personLabel(b, id), personText(b, id), "");

  // Teams.
  std::vector<std::string> teamRemoved, teamAdded, teamKept;
  splitIds(b.teams, a.teams, teamRemoved, teamAdded, teamKept);
  for (const auto& id : teamKept) {
    const auto& x = *b.findTeam(id);
    const auto& y = *a.findTeam(id);
    const std::string name = teamLabel(a, id);
    if (x.target != y.target && areaMap.count(x.target) == 0)
      add(Category::Team, ChangeType::Moved, name + " 帮扶对象", areaLabel(b, x.target),
          areaLabel(a, y.target));
    auto leaderText = [](const Scheme& s, const std::optional<model::TeamMember>& m) {
      if (!m) return std::string("—");
      std::vector<std::string> names;
      for (const auto& u : m->units) names.push_back(unitLabel(s, u));
      return joined(names);
    };
    // Compared by unit (a renamed leader is reported once, as the unit's 更名), printed by name.
    auto leaderUnits = [&](const std::optional<model::TeamMember>& m, bool before) {
      std::vector<std::string> ids;
      if (m)
        for (const auto& u : m->units) ids.push_back(before ? mappedUnit(u) : u);
      return ids;
    };
    if (leaderUnits(x.leader, true) != leaderUnits(y.leader, false))
      add(Category::Team, ChangeType::Changed, name + " 组长单位", leaderText(b, x.leader),
          leaderText(a, y.leader));
    if (x.computedGroups() != y.computedGroups() || x.statedGroups != y.statedGroups)
      add(Category::Team, ChangeType::Changed, name + " 工作组数",
          optInt(x.statedGroups) + "（按成员计 " + std::to_string(x.computedGroups()) + "）",
          optInt(y.statedGroups) + "（按成员计 " + std::to_string(y.computedGroups()) + "）");
    // Same members in another order: the published table changes (the order is
    // the office's), but no unit moved.
    auto memberNames = [](const model::Team& t, const std::map<std::string, std::string>* map) {
      std::vector<std::string> names;
      for (const auto& m : t.members) {
        std::vector<std::string> units;
        for (const auto& u : m.units) {
          auto it = map ? map->find(u) : std::map<std::string, std::string>::const_iterator();
          units.push_back(map && it != map->end() ? it->second : u);
        }
        names.push_back(joined(units, "+") + "×" + std::to_string(m.multiplicity));
      }
      return names;
    };
    auto mb = memberNames(x, &unitMap), ma = memberNames(y, nullptr);
    if (mb != ma) {
      auto sb = mb, sa = ma;
      std::sort(sb.begin(), sb.end());
      std::sort(sa.begin(), sa.end());
      if (sb == sa) {
        auto labels = [](const Scheme& s, const model::Team& t) {
          std::vector<std::string> out;
          for (const auto& m : t.members)
            for (const auto& u : m.units) out.push_back(unitLabel(s, u));
          return joined(out);
        };
        add(Category::Team, ChangeType::Changed, name + " 团组单位排列顺序", labels(b, x), labels(a, y));
      }
    }
    if (x.statedInstructors != y.statedInstructors)
      add(Category::Team, ChangeType::Changed, name + " 指导员数", optInt(x.statedInstructors),
          optInt(y.statedInstructors));
    if (x.statedVillages != y.statedVillages)
      add(Category::Team, ChangeType::Changed, name + " 帮扶村数", optInt(x.statedVillages),
          optInt(y.statedVillages));
  }
  for (const auto& id : teamAdded)
    add(Category::Team, ChangeType::Added, teamLabel(a, id), "", teamLabel(a, id));
  for (const auto& id : teamRemoved)
    add(Category::Team, ChangeType::Removed, teamLabel(b, id), teamLabel(b, id), "");

  // Pairings, keyed by kind, helper and target (units and areas through their
  // renames). A person's own pairings are reported as that person's move above.
  const std::map<std::string, std::string> noMap;
  auto keyOf = [&](const model::Pairing& p, bool old) {
    return p.kind + "|" + partyKey(p.helper, old ? unitMap : noMap, old ? areaMap : noMap) + "|" +
           partyKey(p.target, old ? unitMap : noMap, old ? areaMap : noMap);
  };
  auto keptPerson = [&](const model::Pairing& p) {
    return p.helper.kind == model::Party::Kind::Person && b.findPerson(p.helper.ref) &&
           a.findPerson(p.helper.ref);
  };
  std::multimap<std::string, const model::Pairing*> pb, pa;
  for (const auto& p : b.pairings) pb.emplace(keyOf(p, true), &p);
  for (const auto& p : a.pairings) pa.emplace(keyOf(p, false), &p);
  auto pairingText = [](const Scheme& s, const model::Pairing& p) {
    std::string t =
        std::string(kindName(p.kind)) + "：" + partyLabel(s, p.helper) + " → " + partyLabel(s, p.target);
    if (!p.period.empty()) t += "（" + p.period + "）";
    return t;
  };
  std::set<const model::Pairing*> matched;
  for (const auto& p : a.pairings) {
    auto range = pb.equal_range(keyOf(p, false));
    const model::Pairing* old = nullptr;
    for (auto it = range.first; it != range.second; ++it)
      if (!matched.count(it->second)) {
        old = it->second;
        break;
      }
    if (old) {
      matched.insert(old);
      if ((old->period != p.period || old->role != p.role || old->note != p.note) && !keptPerson(p))
        add(Category::Pairing, ChangeType::Changed, pairingText(a, p),
            joined({old->period, old->role, old->note}, " "), joined({p.period, p.role, p.note}, " "));
    } else if (!keptPerson(p)) {
      add(Category::Pairing, ChangeType::Added, pairingText(a, p), "", pairingText(a, p));
    }
  }
  for (const auto& p : b.pairings)
    if (!matched.count(&p) && !keptPerson(p))
      add(Category::Pairing, ChangeType::Removed, pairingText(b, p), pairingText(b, p), "");

  // Committees: each role's list of names.
  for (const auto& cy : a.committees) {
    const model::Committee* cx = nullptr;
    for (const auto& c : b.committees)
      if (c.id == cy.id) cx = &c;
    auto roleNames = [](const Scheme& s, const model::Committee* c, const std::string& title) {
      std::vector<std::string> names;
      if (!c) return names;
      for (const auto& role : c->roles)
        if (role.title == title)
          for (const auto& p : role.people) names.push_back(personLabel(s, p));
      return names;
    };
    std::vector<std::string> titles;
    if (cx)
      for (const auto& role : cx->roles) titles.push_back(role.title);
    for (const auto& role : cy.roles)
      if (std::find(titles.begin(), titles.end(), role.title) == titles.end()) titles.push_back(role.title);
    for (const auto& title : titles) {
      const auto nb = roleNames(b, cx, title), na = roleNames(a, &cy, title);
      if (nb != na)
        add(Category::Committee, ChangeType::Changed, cy.name + " " + title, joined(nb), joined(na));
    }
  }

  // Counts and totals.
  auto count = [&](const std::string& label, std::size_t x, std::size_t y) {
    if (x != y) add(Category::Figure, ChangeType::Changed, label, std::to_string(x), std::to_string(y));
  };
  count("区划数", b.areas.size(), a.areas.size());
  count("单位数", b.units.size(), a.units.size());
  count("人员数", b.people.size(), a.people.size());
  count("团组数", b.teams.size(), a.teams.size());
  std::set<std::string> kinds;
  for (const auto& p : b.pairings) kinds.insert(p.kind);
  for (const auto& p : a.pairings) kinds.insert(p.kind);
  for (const auto& k : kinds) {
    auto n = [&](const Scheme& s) {
      return static_cast<std::size_t>(std::count_if(s.pairings.begin(), s.pairings.end(),
                                                    [&](const model::Pairing& p) { return p.kind == k; }));
    };
    count(std::string(kindName(k)) + "结对数", n(b), n(a));
  }
  auto totals = [](const Scheme& s, bool instructors) {
    long long sum = 0;
    for (const auto& t : s.teams) {
      if (instructors)
        sum += t.statedInstructors.value_or(0);
      else
        sum += t.statedGroups ? *t.statedGroups : t.computedGroups();
    }
    return static_cast<std::size_t>(sum);
  };
  count("工作组数合计", totals(b, false), totals(a, false));
  count("指导员数合计", totals(b, true), totals(a, true));
  std::set<std::string> keys;
  for (const auto& f : b.stated) keys.insert(f.key);
  for (const auto& f : a.stated) keys.insert(f.key);
  for (const auto& k : keys) {
    const auto x = b.statedValue(k), y = a.statedValue(k);
    if (x != y) {
      std::string label = k;
      for (const auto& f : a.stated)
        if (f.key == k && !f.label.empty()) label = f.label;
      add(Category::Figure, ChangeType::Changed, "载明：" + label, x ? std::to_string(*x) : "—",
          y ? std::to_string(*y) : "—");
    }
  }
  std::stable_sort(r.changes.begin(), r.changes.end(), [](const Change& x, const Change& y) {
    return static_cast<int>(x.category) < static_cast<int>(y.category);
  });
  return r;
}

namespace {

const char* categoryNameEn(Category c) {
  switch (c) {
    case Category::Area:
      return "area";
    case Category::Unit:
      return "unit";
    case Category::Person:
      return "person";
    case Category::Team:
      return "team";
    case Category::Pairing:
      return "pairing";
    case Category::Committee:
      return "committee";
    case Category::Figure:
      return "figure";
  }
  return "";
}

const char* changeTypeNameEn(ChangeType t) {
  switch (t) {
    case ChangeType::Added:
      return "added";
    case ChangeType::Removed:
      return "removed";
    case ChangeType::Renamed:
      return "renamed";
    case ChangeType::Moved:
      return "moved";
    case ChangeType::Changed:
      return "changed";
  }
  return "";
}

}  // namespace

std::string formatText(const Report& report, bool english) {
  if (report.empty()) return english ? "no changes\n" : "无变更\n";
  auto category = [&](Category c) { return std::string(english ? categoryNameEn(c) : categoryName(c)); };
  const std::string colon = english ? ": " : "：";
  std::string out;
  for (const auto& c : report.changes) {
    out += "[" + category(c.category) + "] " + (english ? changeTypeNameEn(c.type) : changeTypeName(c.type)) +
           colon;
    switch (c.type) {
      case ChangeType::Added:
        out += c.after;
        break;
      case ChangeType::Removed:
        out += c.before;
        break;
      case ChangeType::Renamed:
        out += c.before + " → " + c.after;
        break;
      default:
        out += c.subject + colon + c.before + " → " + c.after;
        break;
    }
    out += '\n';
  }
  std::map<Category, std::size_t> byCategory;
  for (const auto& c : report.changes) ++byCategory[c.category];
  out += english ? std::to_string(report.changes.size()) + " change(s) ("
                 : "共 " + std::to_string(report.changes.size()) + " 项变更（";
  bool first = true;
  for (const auto& [cat, n] : byCategory) {
    if (!first) out += english ? ", " : "，";
    first = false;
    out += category(cat) + " " + std::to_string(n);
  }
  out += english ? ")\n" : "）\n";
  return out;
}

namespace {

/// 2026年3月1日 for a file's modification time (local calendar day); empty when unreadable.
std::string fileDate(const std::string& path) {
  struct stat st {};
  if (path.empty() || ::stat(path.c_str(), &st) != 0) return {};
  std::tm tm{};
  const time_t t = st.st_mtime;
  if (!::localtime_r(&t, &tm)) return {};
  return std::to_string(tm.tm_year + 1900) + "年" + std::to_string(tm.tm_mon + 1) + "月" +
         std::to_string(tm.tm_mday) + "日";
}

std::string versionDate(const Scheme& s) { return s.notice.date.empty() ? fileDate(s.file) : s.notice.date; }

}  // namespace

ReportLabels defaultLabels(const Scheme& before, const Scheme& after) {
  const std::string b = versionDate(before), a = versionDate(after);
  auto named = [](const char* side, const std::string& date) {
    return date.empty() ? std::string(side) : std::string(side) + "（" + date + "）";
  };
  // Dates tell the versions apart only when both are known and differ.
  if (!b.empty() && !a.empty() && b != a) return {b + "版", a + "版", a};
  return {named("旧版", b), named("新版", a), a};
}

doc::Notice reportNotice(const Report& report, const Scheme& before, const Scheme& after,
                         const ReportLabels& labels) {
  doc::Notice notice;
  notice.docNumber = after.notice.docNumber;
  notice.date = after.notice.date;
  notice.title = after.notice.title;
  notice.issuer = after.notice.issuers.empty() ? std::string() : after.notice.issuers.front();
  notice.fictional = before.fictional || after.fictional;
  doc::Appendix a;
  a.id = "change-report";
  a.label = "";
  a.title = labels.before + "与" + labels.after + "变更对照表";
  a.fileStem = "变更对照表";
  // Six columns with before/after text side by side need the landscape 版心
  // (GB/T 9704 7.3.5 allows landscape pages for wide tables).
  a.orientation = doc::Orientation::Landscape;
  doc::Table t;
  t.name = "变更对照表";
  const std::vector<std::pair<const char*, double>> cols{{"序号", 0.9}, {"类别", 1.1},   {"变更类型", 1.5},
                                                         {"对象", 2.4}, {"变更前", 3.6}, {"变更后", 3.6}};
  doc::Row header;
  header.kind = doc::RowKind::Header;
  for (const auto& [name, weight] : cols) {
    doc::Column c;
    c.key = name;
    c.weight = weight;
    t.columns.push_back(c);
    header.cells.push_back(doc::Cell::text(name, doc::Align::Center));
  }
  t.columns[0].numeric = true;
  t.columns[4].align = t.columns[5].align = doc::Align::Left;
  t.rows.push_back(std::move(header));
  int n = 0;
  for (const auto& c : report.changes) {
    doc::Row r;
    r.cells.push_back(doc::Cell::num(++n));
    r.cells.push_back(doc::Cell::text(categoryName(c.category), doc::Align::Center));
    // The change type and the new value are the changed cells: 黑体 marks them.
    r.cells.push_back(
        doc::Cell::runs({doc::Run{changeTypeName(c.type), doc::Face::Hei, false}}, doc::Align::Center));
    r.cells.push_back(doc::Cell::text(c.subject, doc::Align::Left));
    r.cells.push_back(doc::Cell::text(c.before, doc::Align::Left));
    r.cells.push_back(c.after.empty()
                          ? doc::Cell::text("", doc::Align::Left)
                          : doc::Cell::runs({doc::Run{c.after, doc::Face::Hei, false}}, doc::Align::Left));
    t.rows.push_back(std::move(r));
  }
  a.blocks.emplace_back(std::move(t));
  doc::Notes notes;
  // Versions are named by label or date, never by path: the report is filed, the paths are not.
  const std::string what = after.notice.title.empty() ? after.name : after.notice.title;
  notes.items.push_back("本表比较" + (what.empty() ? std::string() : "《" + what + "》的") + labels.before +
                        "与" + labels.after + "，共" + std::to_string(report.changes.size()) + "项变更。");
  notes.items.push_back("变更类型和变更后内容以黑体标示。单位编号改变而所在团组、结对关系不变的，按更名计。");
  a.blocks.emplace_back(std::move(notes));
  if (!labels.date.empty()) {
    doc::Paragraph date;
    date.runs.push_back(doc::Run{labels.date, doc::Face::Fang, false});
    date.align = doc::Align::Right;
    a.blocks.emplace_back(std::move(date));
  }
  notice.appendices.push_back(std::move(a));
  return notice;
}

doc::Notice reportNotice(const Report& report, const Scheme& before, const Scheme& after) {
  return reportNotice(report, before, after, defaultLabels(before, after));
}

}  // namespace bangfu::diff
