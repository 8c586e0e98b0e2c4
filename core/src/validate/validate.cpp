#include "bangfu/validate/validate.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "bangfu/model/ids.hpp"
#include "bangfu/model/member_text.hpp"
#include "bangfu/text/numbers.hpp"

namespace bangfu::validate {

namespace {

using diag::Diagnostics;
using diag::Location;
using model::Scheme;

/// Falls back to the scheme's file and a JSON-style field path when the loader
/// left no place (schemes built in code).
Location place(const Scheme& s, const Location& where, const std::string& field) {
  // A workbook records the cell of each field: the offending value's own cell.
  if (const Location* cell = s.cellOf(field)) {
    Location l = *cell;
    l.field.clear();
    return l;
  }
  Location l = where;
  if (l.file.empty()) l.file = s.file;
  // The loader records the entity (teams[0]); a rule names the field within it
  // (teams[0].statedGroups), which is the more useful place.
  if (l.field.empty() || field.rfind(l.field, 0) == 0) l.field = field;
  return l;
}

template <class T>
void checkDuplicates(const Scheme& s, const std::vector<T>& items, const std::string& what,
                     const std::string& zhWhat, Diagnostics& d) {
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string field = what + "[" + std::to_string(i) + "]";
    if (items[i].id.empty()) {
      d.error("field.required", place(s, items[i].where, field + ".id"), zhWhat + "缺少标识（id）",
              what + " has no id", "填写" + zhWhat + "名称", "fill in the " + what + "'s name");
      continue;
    }
    auto [it, inserted] = seen.emplace(items[i].id, i);
    if (!inserted) {
      const Location first = place(s, items[it->second].where, what + "[" + std::to_string(it->second) + "]");
      d.error("ref.duplicate-" + what, place(s, items[i].where, field),
              zhWhat + "“" + items[i].id + "”重复（首次出现于 " + first.str() + "）",
              what + " '" + items[i].id + "' is listed twice (first at " + first.str() + ")",
              "删除重复行，或改用不同的名称", "delete the repeated row, or give it another name");
    }
  }
}

template <class T>
std::vector<std::string> idsOf(const std::vector<T>& items) {
  std::vector<std::string> ids;
  ids.reserve(items.size());
  for (const auto& x : items) ids.push_back(x.id);
  return ids;
}

/// `s` without ASCII spaces, tabs or U+3000: how a name compares when the only
/// difference is a space typed into it.
std::string withoutSpaces(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' || s[i] == '\t') continue;
    if (s.compare(i, 3, "\u3000") == 0) {
      i += 2;
      continue;
    }
    out += s[i];
  }
  return out;
}

bool hasSurroundingSpace(const std::string& s) {
  auto isSpaceAt = [&](std::size_t i) { return s[i] == ' ' || s[i] == '\t'; };
  if (s.empty()) return false;
  if (isSpaceAt(0) || isSpaceAt(s.size() - 1)) return true;
  return s.rfind("\u3000", 0) == 0 || (s.size() >= 3 && s.compare(s.size() - 3, 3, "\u3000") == 0);
}

struct Resolver {
  const Scheme& s;
  Diagnostics& d;
  std::set<std::string> areas, units, people, teams;
  std::vector<std::string> areaList, unitList, personList, teamList;

  Resolver(const Scheme& scheme, Diagnostics& diags) : s(scheme), d(diags) {
    areaList = idsOf(s.areas);
    unitList = idsOf(s.units);
    personList = idsOf(s.people);
    teamList = idsOf(s.teams);
    areas.insert(areaList.begin(), areaList.end());
    units.insert(unitList.begin(), unitList.end());
    people.insert(personList.begin(), personList.end());
    teams.insert(teamList.begin(), teamList.end());
  }

  /// `sheet`: the workbook sheet that registers this kind (区划, 单位 …), `array`: the JSON array.
  void require(const std::string& ref, const std::set<std::string>& known,
               const std::vector<std::string>& list, const char* code, const std::string& zhKind,
               const std::string& enKind, const char* sheet, const char* array, const Location& where) {
    if (ref.empty() || known.count(ref)) return;
    std::string near;
    const std::string bare = withoutSpaces(ref);
    for (const auto& id : list)
      if (withoutSpaces(id) == bare) near = id;
    if (!near.empty()) {
      // Only a space apart. When the registered name holds it, checkNameSpaces
      // reports it at the entity's own place: suggesting the registered form here
      // would tell the clerk to type the mistake.
      if (withoutSpaces(near) != near) return;
      const bool personRef = std::string(code) == "ref.unknown-person";
      d.error(personRef ? "person.name-space" : "name.space", where,
              zhKind + "“" + ref + "”" + (personRef ? "人名中有空格" : "中有多余的空格") + "，登记的是“" +
                  near + "”",
              enKind + " '" + ref + "' has a space in it; the registered name is '" + near + "'",
              "改为“" + near + "”", "change it to \"" + near + "\"");
      return;
    }
    unknown(ref, list, code, zhKind, enKind, sheet, array, where);
  }

  /// The entities of the kind `code` names, for the hint: (id, name, place).
  struct Entity {
    std::string id, name;
    Location where;
  };
  /// Computed once per kind: a workbook with many unknown references stays linear.
  const std::vector<Entity>& entitiesOf(const std::string& code) {
    auto [it, fresh] = entityCache.try_emplace(code);
    if (fresh) it->second = listEntities(code);
    return it->second;
  }
  const std::set<std::string>& referenced(const std::string& code) {
    auto [it, fresh] = referencedCache.try_emplace(code);
    if (fresh) it->second = listReferenced(code);
    return it->second;
  }
  std::map<std::string, std::vector<Entity>> entityCache;
  std::map<std::string, std::set<std::string>> referencedCache;

  [[nodiscard]] std::vector<Entity> listEntities(const std::string& code) const {
    std::vector<Entity> out;
    auto add = [&](const auto& items, const char* array) {
      for (std::size_t i = 0; i < items.size(); ++i)
        out.push_back(
            {items[i].id, items[i].name, place(s, items[i].where, array + ("[" + std::to_string(i) + "]"))});
    };
    if (code == "ref.unknown-area")
      add(s.areas, "areas");
    else if (code == "ref.unknown-unit")
      add(s.units, "units");
    else if (code == "ref.unknown-person")
      add(s.people, "people");
    else
      add(s.teams, "teams");
    return out;
  }
  [[nodiscard]] std::set<std::string> listReferenced(const std::string& code) const {
    if (code == "ref.unknown-area") return model::referencedIds(s, model::IdKind::Area);
    if (code == "ref.unknown-unit") return model::referencedIds(s, model::IdKind::Unit);
    if (code == "ref.unknown-person") return model::referencedIds(s, model::IdKind::Person);
    return {};
  }

  /// A reference that names nothing. The likely causes, in order: a name two
  /// entities share (give the 编号), a typo (the nearest id or name), an entity
  /// renamed where it is registered while this cell still holds its old name or
  /// 编号 (the one registered entity nothing refers to), and only then a new
  /// entity to register. Re-registering an old name is never the advice when a
  /// rename fits, and the hint names the 编号 a rename keeps (docs/workbook.md).
  void unknown(const std::string& ref, const std::vector<std::string>& list, const char* code,
               const std::string& zhKind, const std::string& enKind, const char* sheet, const char* array,
               const Location& where) {
    const bool workbook = !where.sheet.empty();
    const std::vector<Entity>& entities = entitiesOf(code);
    // Where an entity is registered, short: 单位!A7, or units[6] in JSON.
    auto at = [](const Location& l) {
      return l.sheet.empty() ? l.field : l.sheet + "!" + diag::cellName(l.row, l.column);
    };
    auto shown = [&](const Entity& e) {
      return e.id == e.name ? "“" + e.id + "”" : "“" + e.name + "”（编号 " + e.id + "）";
    };
    auto shownEn = [&](const Entity& e) {
      return e.id == e.name ? "'" + e.id + "'" : "'" + e.name + "' (id '" + e.id + "')";
    };
    std::vector<const Entity*> sameName;
    for (const auto& e : entities)
      if (e.name == ref) sameName.push_back(&e);
    if (sameName.size() > 1) {
      std::string zh, en;
      for (const auto* e : sameName) {
        zh += (zh.empty() ? "" : "、") + e->id + "（" + at(e->where) + "）";
        en += (en.empty() ? "" : ", ") + e->id + " (" + at(e->where) + ")";
      }
      d.error(code, where, zhKind + "“" + ref + "”有" + std::to_string(sameName.size()) + "个同名：" + zh,
              std::to_string(sameName.size()) + " entries of " + enKind + " are named '" + ref + "': " + en,
              "填其中一个的编号", "give the id of the one meant");
      return;
    }
    if (sameName.size() == 1) {  // JSON: referred to by name where the id is a code
      d.error(code, where, zhKind + "“" + ref + "”不是编号，它的编号是“" + sameName.front()->id + "”",
              enKind + " '" + ref + "' is a name; its id is '" + sameName.front()->id + "'",
              "改为“" + sameName.front()->id + "”", "change it to \"" + sameName.front()->id + "\"");
      return;
    }
    std::vector<std::string> names;
    names.reserve(entities.size());
    for (const auto& e : entities) names.push_back(e.name);
    std::string near = diag::nearest(ref, list);
    const Entity* nearEntity = nullptr;
    for (const auto& e : entities)
      if (!near.empty() && e.id == near) nearEntity = &e;
    if (!nearEntity) {
      const std::string nearName = diag::nearest(ref, names);
      for (const auto& e : entities)
        if (!nearName.empty() && e.name == nearName) nearEntity = &e;
    }
    if (nearEntity) {
      const std::string& to = nearEntity->id;
      d.error(code, where, zhKind + "“" + ref + "”不存在，是否为" + shown(*nearEntity) + "？",
              enKind + " '" + ref + "' does not exist; did you mean " + shownEn(*nearEntity) + "?",
              "改为“" + to + "”", "change it to \"" + to + "\"");
      return;
    }
    // Registered but referred to by nothing: the likely new name of what this cell names.
    const std::set<std::string>& used = referenced(code);
    std::vector<const Entity*> unused;
    for (const auto& e : entities)
      if (!used.count(e.id)) unused.push_back(&e);
    const std::string registry =
        workbook ? std::string("“") + sheet + "”表中" : std::string(" ") + array + " 中";
    const std::string registryEn = workbook ? std::string("the sheet ") + sheet : std::string(array);
    if (unused.size() == 1) {
      const Entity& e = *unused.front();
      d.error(code, where,
              zhKind + "“" + ref + "”不存在；" + at(e.where) + " 的" + shown(e) + "没有被引用，是否由“" +
                  ref + "”更名而来？",
              enKind + " '" + ref + "' does not exist; " + shownEn(e) + " at " + at(e.where) +
                  " is referred to by nothing: was it renamed from '" + ref + "'?",
              "若是更名，这里改为“" + e.id + "”" + (workbook ? "（更名只改“名称”一格，编号不要改）" : "") +
                  "；若是新的" + zhKind + "，先在" + registry + "添加",
              "if it was renamed, change this to \"" + e.id + "\"" +
                  (workbook ? " (a rename changes the \"名称\" cell only, never the \"编号\")" : "") +
                  "; if it is a new " + enKind + ", add it on " + registryEn + " first");
      return;
    }
    d.error(code, where, zhKind + "“" + ref + "”不存在", enKind + " '" + ref + "' does not exist",
            "若它已更名，这里改为它现在的编号" + std::string(workbook ? "（或名称）" : "") + "；若是新的" +
                zhKind + "，先在" + registry + "添加",
            "if it was renamed, use its current id" + std::string(workbook ? " (or name)" : "") +
                "; if it is a new " + enKind + ", add it on " + registryEn + " first");
  }
  void area(const std::string& r, const Location& w) {
    require(r, areas, areaList, "ref.unknown-area", "区划", "area", "区划", "areas", w);
  }
  void unit(const std::string& r, const Location& w) {
    require(r, units, unitList, "ref.unknown-unit", "单位", "unit", "单位", "units", w);
  }
  void person(const std::string& r, const Location& w) {
    require(r, people, personList, "ref.unknown-person", "人员", "person", "人员", "people", w);
  }
  void team(const std::string& r, const Location& w) {
    require(r, teams, teamList, "ref.unknown-team", "团组", "team", "团组", "teams", w);
  }

  void party(const model::Party& p, const Location& w) {
    switch (p.kind) {
      case model::Party::Kind::Person:
        person(p.ref, w);
        break;
      case model::Party::Kind::Unit:
        unit(p.ref, w);
        break;
      case model::Party::Kind::Team:
        team(p.ref, w);
        break;
      case model::Party::Kind::Area:
        area(p.ref, w);
        break;
      case model::Party::Kind::Household:
        break;  // free text: households are not registered entities
    }
  }
};

void checkRequired(const Scheme& s, Diagnostics& d) {
  auto need = [&](const std::string& value, const Location& where, const std::string& field,
                  const std::string& zh) {
    if (value.empty())
      d.error("field.required", place(s, where, field), zh + "为空", field + " is empty", "填写" + zh,
              "fill in " + field);
  };
  for (std::size_t i = 0; i < s.areas.size(); ++i)
    need(s.areas[i].name, s.areas[i].where, "areas[" + std::to_string(i) + "].name", "地区名称");
  for (std::size_t i = 0; i < s.units.size(); ++i)
    need(s.units[i].name, s.units[i].where, "units[" + std::to_string(i) + "].name", "单位名称");
  for (std::size_t i = 0; i < s.people.size(); ++i)
    need(s.people[i].name, s.people[i].where, "people[" + std::to_string(i) + "].name", "姓名");
  for (std::size_t i = 0; i < s.teams.size(); ++i)
    need(s.teams[i].target, s.teams[i].where, "teams[" + std::to_string(i) + "].target", "团组帮扶对象");
  for (std::size_t i = 0; i < s.pairings.size(); ++i)
    need(s.pairings[i].kind, s.pairings[i].where, "pairings[" + std::to_string(i) + "].kind", "结对类型");
}

/// Spaces a clerk typed into a registered name: 李 红 copied from a published list
/// whose layout pads two-character names (people: 人名中有空格), or a space at
/// either end of a unit or area name. Reported at the entity's own place, with the
/// name as it should be registered.
void checkNameSpaces(const Scheme& s, Diagnostics& d) {
  for (std::size_t i = 0; i < s.people.size(); ++i) {
    const auto& p = s.people[i];
    const std::string base = "people[" + std::to_string(i) + "]";
    for (const auto* field : {&p.name, &p.id}) {
      if (withoutSpaces(*field) == *field) continue;
      const std::string fixed = withoutSpaces(*field);
      d.error("person.name-space", place(s, p.where, base + (field == &p.name ? ".name" : ".id")),
              "人名中有空格：“" + *field + "”", "the person's name '" + *field + "' has a space in it",
              "改为“" + fixed + "”（对齐用的空格由排版加上，不要手工输入）",
              "change it to \"" + fixed +
                  "\" (the typesetting adds the spaces that align names; do not type them)");
      break;
    }
  }
  auto surrounding = [&](const auto& items, const std::string& what, const std::string& zhWhat) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto& e = items[i];
      const std::string base = what + "[" + std::to_string(i) + "]";
      for (const auto* field : {&e.name, &e.id}) {
        if (!hasSurroundingSpace(*field)) continue;
        std::string fixed = *field;
        while (hasSurroundingSpace(fixed)) {
          if (fixed.rfind("\u3000", 0) == 0)
            fixed.erase(0, 3);
          else if (fixed.front() == ' ' || fixed.front() == '\t')
            fixed.erase(0, 1);
          else if (fixed.back() == ' ' || fixed.back() == '\t')
            fixed.pop_back();
          else
            fixed.erase(fixed.size() - 3);
        }
        d.error("name.space", place(s, e.where, base), zhWhat + "名称“" + *field + "”首尾有空格",
                what + " name '" + *field + "' begins or ends with a space", "改为“" + fixed + "”");
        break;
      }
    }
  };
  surrounding(s.units, "units", "单位");
  surrounding(s.areas, "areas", "地区");
}

void checkReferences(const Scheme& s, Diagnostics& d) {
  Resolver r(s, d);
  for (std::size_t i = 0; i < s.areas.size(); ++i)
    r.area(s.areas[i].parent, place(s, s.areas[i].where, "areas[" + std::to_string(i) + "].parent"));
  for (std::size_t i = 0; i < s.people.size(); ++i)
    r.unit(s.people[i].unit, place(s, s.people[i].where, "people[" + std::to_string(i) + "].unit"));
  for (std::size_t t = 0; t < s.teams.size(); ++t) {
    const auto& team = s.teams[t];
    const std::string base = "teams[" + std::to_string(t) + "]";
    r.area(team.target, place(s, team.where, base + ".target"));
    for (std::size_t i = 0; i < team.targets.size(); ++i)
      r.area(team.targets[i], place(s, team.where, base + ".targets[" + std::to_string(i) + "]"));
    for (std::size_t i = 0; i < team.partnerAreas.size(); ++i)
      r.area(team.partnerAreas[i], place(s, team.where, base + ".partnerAreas[" + std::to_string(i) + "]"));
    if (team.leader)
      for (const auto& u : team.leader->units) r.unit(u, place(s, team.leader->where, base + ".leader"));
    for (std::size_t m = 0; m < team.members.size(); ++m)
      for (const auto& u : team.members[m].units)
        r.unit(u, place(s, team.members[m].where, base + ".members[" + std::to_string(m) + "]"));
    for (std::size_t i = 0; i < team.people.size(); ++i)
      r.person(team.people[i], place(s, team.where, base + ".people[" + std::to_string(i) + "]"));
  }
  for (std::size_t i = 0; i < s.pairings.size(); ++i) {
    const auto& p = s.pairings[i];
    const std::string base = "pairings[" + std::to_string(i) + "]";
    r.party(p.helper, place(s, p.where, base + ".helper"));
    r.party(p.target, place(s, p.where, base + ".target"));
  }
  for (std::size_t c = 0; c < s.committees.size(); ++c)
    for (std::size_t k = 0; k < s.committees[c].roles.size(); ++k)
      for (std::size_t i = 0; i < s.committees[c].roles[k].people.size(); ++i)
        r.person(s.committees[c].roles[k].people[i],
                 place(s, s.committees[c].where,
                       "committees[" + std::to_string(c) + "].roles[" + std::to_string(k) + "].people[" +
                           std::to_string(i) + "]"));
}

void checkTeamCounts(const Scheme& s, Diagnostics& d) {
  const auto perTeamVillages = s.statedValue("team.villages");
  const auto perTeamCadres = s.statedValue("team.cadres");
  for (std::size_t t = 0; t < s.teams.size(); ++t) {
    const auto& team = s.teams[t];
    const std::string base = "teams[" + std::to_string(t) + "]";
    const std::string name = team.name.empty() ? team.id : team.name;
    if (team.statedGroups && (team.leader || !team.members.empty())) {
      const int computed = team.computedGroups();
      if (computed != *team.statedGroups) {
        d.error("team.groups-mismatch", place(s, team.where, base + ".statedGroups"),
                "团组“" + name + "”的工作组数填为" + std::to_string(*team.statedGroups) +
                    "，按组长单位和团组单位（含倍数）计为" + std::to_string(computed),
                "team '" + name + "' states " + std::to_string(*team.statedGroups) +
                    " work groups but its units count " + std::to_string(computed),
                "核对团组单位的（N个）倍数和联合团组，或改正工作组数为" + std::to_string(computed),
                "check the \"（N个）\" multiples of the team's units and the joint teams, or correct the "
                "number of working groups to " +
                    std::to_string(computed));
      }
    }
    if (perTeamVillages) {
      const long long villages = (team.target.empty() ? 0 : 1) + static_cast<long long>(team.targets.size());
      if (villages != *perTeamVillages)
        d.error("team.villages-mismatch", place(s, team.where, base + ".targets"),
                "工作组“" + name + "”帮扶" + std::to_string(villages) + "个村，方案规定每组" +
                    std::to_string(*perTeamVillages) + "个",
                "team '" + name + "' helps " + std::to_string(villages) + " villages; the scheme says " +
                    std::to_string(*perTeamVillages));
    }
    if (perTeamCadres && !team.people.empty() && static_cast<long long>(team.people.size()) != *perTeamCadres)
      d.error("team.cadres-mismatch", place(s, team.where, base + ".people"),
              "工作组“" + name + "”有" + std::to_string(team.people.size()) + "名干部，方案规定每组" +
                  std::to_string(*perTeamCadres) + "名",
              "team '" + name + "' has " + std::to_string(team.people.size()) + " cadres; the scheme says " +
                  std::to_string(*perTeamCadres));
  }
}

/// A stated figure and what the data computes for it. Only the keys the core can
/// compute are compared; a plugin compares its own.
void checkStatedFigures(const Scheme& s, Diagnostics& d) {
  long long groups = 0, instructors = 0, villages = 0;
  bool anyInstructors = false, anyVillages = false;
  for (const auto& t : s.teams) {
    groups += t.statedGroups ? *t.statedGroups : t.computedGroups();
    if (t.statedInstructors) {
      instructors += *t.statedInstructors;
      anyInstructors = true;
    }
    if (t.statedVillages) {
      villages += *t.statedVillages;
      anyVillages = true;
    }
  }
  long long targetVillages = 0;
  for (const auto& a : s.areas)
    if (a.level == model::AreaLevel::Village) ++targetVillages;
  for (std::size_t i = 0; i < s.stated.size(); ++i) {
    const auto& f = s.stated[i];
    std::optional<long long> computed;
    std::string basis;
    if (f.key == "total.groups" && !s.teams.empty()) {
      computed = groups;
      basis = "各团组工作组数之和";
    } else if (f.key == "total.instructors" && anyInstructors) {
      computed = instructors;
      basis = "各团组指导员数之和";
    } else if (f.key == "total.villages" && anyVillages) {
      computed = villages;
      basis = "各行帮扶村数之和";
    } else if (f.key == "count.teams" && !s.teams.empty()) {
      computed = static_cast<long long>(s.teams.size());
      basis = "团组数";
    } else if (f.key == "count.target-villages") {
      if (targetVillages > 0) {
        computed = targetVillages;
        basis = "登记的村数";
      } else if (!s.teams.empty()) {
        computed = groups;  // one group per village (Lishui: 每个单位原则上集中帮扶1个村)
        basis = "工作组数之和（每组帮扶1个村）";
      }
    }
    if (computed && *computed != f.value && !f.acknowledged.empty()) {
      // Accepted by the office: said once as acknowledged, with its reason, not warned again.
      d.note("stated.acknowledged", place(s, f.where, "stated[" + std::to_string(i) + "]"),
             (f.label.empty() ? f.key : f.label) + "为" + std::to_string(f.value) + "，" + basis + "为" +
                 std::to_string(*computed) + "；已确认：" + f.acknowledged,
             "stated " + f.key + " is " + std::to_string(f.value) + " but the data gives " +
                 std::to_string(*computed) + "; acknowledged: " + f.acknowledged);
    } else if (computed && *computed != f.value) {
      d.warning(
          "stated.mismatch", place(s, f.where, "stated[" + std::to_string(i) + "]"),
          (f.label.empty() ? f.key : f.label) + "为" + std::to_string(f.value) + "，" + basis + "为" +
              std::to_string(*computed),
          "stated " + f.key + " is " + std::to_string(f.value) + " but the data gives " +
              std::to_string(*computed),
          f.where.sheet.empty()
              ? std::string(
                    "核对原文数字与各行数据；若原文如此，在该项加 \"acknowledged\": \"原因\"，以后不再警告")
              : "核对原文数字与各行数据；若原文如此，在“" + f.where.sheet +
                    "”表该行的“确认原因”列写明原因，以后不再警告",
          f.where.sheet.empty()
              ? std::string("check the published figure against the rows; if the notice says so, add "
                            "\"acknowledged\": \"reason\" to it and it is no longer warned about")
              : "check the published figure against the rows; if the notice says so, write the reason in "
                "the \"确认原因\" column of that row on the \"" +
                    f.where.sheet + "\" sheet and it is no longer warned about");
    }
  }
}

void checkNotice(const Scheme& s, Diagnostics& d) {
  const auto& n = s.notice;
  if (!n.docNumber.empty() && !text::isCanonicalDocNumber(n.docNumber)) {
    std::vector<std::string> repairs;
    const auto fixed = text::normalizeDocNumber(n.docNumber, &repairs);
    d.warning("notice.doc-number", place(s, {}, "notice.docNumber"),
              "发文字号“" + n.docNumber + "”不符合 GB/T 9704-2012 7.2.5 的格式（代字〔年份〕序号号）",
              "document number '" + n.docNumber +
                  "' is not in the form \"代字〔2019〕23号\" (GB/T 9704-2012 7.2.5)",
              fixed ? "改为“" + *fixed + "”" : "", fixed ? "change it to \"" + *fixed + "\"" : "");
  }
  if (!n.date.empty() && !text::isCanonicalDate(n.date)) {
    const auto fixed = text::normalizeDate(n.date);
    d.warning("notice.date", place(s, {}, "notice.date"),
              "成文日期“" + n.date + "”应写作“2019年5月30日”的形式（GB/T 9704-2012 7.3.5.4）",
              "date '" + n.date + "' should read like \"2019年5月30日\" (GB/T 9704-2012 7.3.5.4)",
              fixed ? "改为“" + *fixed + "”" : "", fixed ? "change it to \"" + *fixed + "\"" : "");
  }
}

/// The N of （N个） must be kMinMultiplicity..kMaxMultiplicity: schemes built in code
/// or read without diagnostics reach here unchecked (readers report their own).
void checkMultiplicities(const Scheme& s, Diagnostics& d) {
  auto check = [&](const model::TeamMember& m, const std::string& field) {
    if (m.multiplicity >= model::kMinMultiplicity && m.multiplicity <= model::kMaxMultiplicity) return;
    const std::string n = std::to_string(m.multiplicity);
    const std::string range =
        std::to_string(model::kMinMultiplicity) + " 到 " + std::to_string(model::kMaxMultiplicity);
    d.error("member.bad-count", place(s, m.where, field), "组数" + n + "超出范围（应为 " + range + "）",
            "the group count " + n + " is out of range (" + std::to_string(model::kMinMultiplicity) + " to " +
                std::to_string(model::kMaxMultiplicity) + ")",
            "填写该单位派出的工作组数", "fill in the number of working groups this unit sends");
  };
  for (std::size_t t = 0; t < s.teams.size(); ++t) {
    const std::string base = "teams[" + std::to_string(t) + "]";
    if (s.teams[t].leader) check(*s.teams[t].leader, base + ".leader");
    for (std::size_t m = 0; m < s.teams[t].members.size(); ++m)
      check(s.teams[t].members[m], base + ".members[" + std::to_string(m) + "]");
  }
}

/// An area that is its own parent, or a chain of parents that comes back to where
/// it started: the name layout would never reach a county or city. Each cycle is
/// reported once, at the first of its areas in the list.
void checkAreaParents(const Scheme& s, Diagnostics& d) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < s.areas.size(); ++i) index.emplace(s.areas[i].id, i);
  std::vector<int> state(s.areas.size(), 0);  // 0 unseen, 1 on the current chain, 2 done
  for (std::size_t start = 0; start < s.areas.size(); ++start) {
    std::vector<std::size_t> chain;
    std::size_t i = start;
    bool cycle = false;
    while (state[i] != 2) {
      if (state[i] == 1) {  // back on the chain: i starts a cycle
        cycle = true;
        break;
      }
      state[i] = 1;
      chain.push_back(i);
      auto next = index.find(s.areas[i].parent);
      if (s.areas[i].parent.empty() || next == index.end()) break;
      i = next->second;
    }
    if (cycle) {
      const auto& a = s.areas[i];
      const Location where = place(s, a.where, "areas[" + std::to_string(i) + "].parent");
      if (a.parent == a.id) {
        d.error("area.self-parent", where, "地区“" + a.id + "”的上级是它自己",
                "area '" + a.id + "' is its own parent",
                "把上级改为它所属的县（市、区）或乡镇，没有上级时留空",
                "make the parent the county (city, district) or town it belongs to; leave it empty when it "
                "has none");
      } else {
        std::string path = a.id, pathEn = "'" + a.id + "'";
        auto from = std::find(chain.begin(), chain.end(), i);
        for (auto it = from + 1; it != chain.end(); ++it) {
          path += " → " + s.areas[*it].id;
          pathEn += " → '" + s.areas[*it].id + "'";
        }
        path += " → " + a.id;
        pathEn += " → '" + a.id + "'";
        d.error("area.parent-cycle", where, "地区的上级关系成环：" + path,
                "the area parents form a cycle: " + pathEn, "把其中一个地区的上级改为它真正所属的地区",
                "make the parent of one of these areas the area it really belongs to");
      }
    }
    for (std::size_t k : chain) state[k] = 2;
  }
}

/// A unit named twice among one team's members would be printed twice and
/// counted twice.
void checkTeamUnits(const Scheme& s, Diagnostics& d) {
  for (std::size_t t = 0; t < s.teams.size(); ++t) {
    const auto& team = s.teams[t];
    const std::string base = "teams[" + std::to_string(t) + "]";
    std::map<std::string, std::string> seen;  // unit id → field of its first entry
    auto visit = [&](const model::TeamMember& m, const std::string& field) {
      for (const auto& u : m.units) {
        if (u.empty()) continue;
        auto [it, inserted] = seen.emplace(u, field);
        if (inserted) continue;
        const std::string name = team.name.empty() ? team.id : team.name;
        d.error("team.duplicate-unit", place(s, m.where, field),
                "单位“" + u + "”在团组“" + name + "”中出现两次（首次为 " + it->second + "）",
                "unit '" + u + "' is listed twice in team '" + name + "' (first as " + it->second + ")",
                "删除重复的一项；该单位派出多个工作组时写“" + u + "（N个）”",
                "delete the repeated entry; for a unit that sends several working groups write \"" + u +
                    "（N个）\"");
      }
    };
    // The leader is not compared with the members: published tables repeat the
    // 组长单位 among the 成员单位 (浙委办发〔2014〕8号).
    for (std::size_t m = 0; m < team.members.size(); ++m)
      visit(team.members[m], base + ".members[" + std::to_string(m) + "]");
  }
}

/// A pairing with an empty side prints a dangling 、 (“、丁绍雄”); the same pairing
/// twice prints its leader twice.
void checkPairings(const Scheme& s, Diagnostics& d) {
  std::map<std::tuple<std::string, int, std::string, int, std::string, std::string, std::string>, std::size_t>
      seen;
  for (std::size_t i = 0; i < s.pairings.size(); ++i) {
    const auto& p = s.pairings[i];
    const std::string base = "pairings[" + std::to_string(i) + "]";
    // A helper not yet found is a gap the scheme records with a note (宿州:
    // 缺口：结对企业尚未落实); without one, an empty helper is a slip.
    if (p.helper.ref.empty() && p.note.empty())
      d.error(
          "field.required", place(s, p.where, base + ".helper.ref"), "结对的帮扶方为空",
          base + ".helper.ref is empty",
          "填写帮扶的领导、单位或团组；尚未落实时在备注中写明（如“缺口：结对企业尚未落实”），或删除这一行",
          "fill in the helping leader, unit or team; while none is found, say so in the note (e.g. "
          "\"缺口：结对企业尚未落实\"), or delete the row");
    if (p.target.ref.empty())
      d.error("field.required", place(s, p.where, base + ".target.ref"), "结对的帮扶对象为空",
              base + ".target.ref is empty", "填写帮扶对象，或删除这一行",
              "fill in whom it helps, or delete the row");
    if (p.helper.ref.empty() || p.target.ref.empty()) continue;
    const auto key = std::make_tuple(p.kind, static_cast<int>(p.helper.kind), p.helper.ref,
                                     static_cast<int>(p.target.kind), p.target.ref, p.period, p.role);
    auto [it, inserted] = seen.emplace(key, i);
    if (inserted) continue;
    const Location first =
        place(s, s.pairings[it->second].where, "pairings[" + std::to_string(it->second) + "]");
    d.error("pairing.duplicate", place(s, p.where, base),
            "结对“" + p.helper.ref + " → " + p.target.ref + "”重复（首次出现于 " + first.str() + "）",
            "the pairing '" + p.helper.ref + " -> " + p.target.ref + "' is listed twice (first at " +
                first.str() + ")",
            "删除重复的一行", "delete the repeated row");
  }
}

/// Two appendices with one id would render the same table twice under two labels.
void checkAppendixIds(const Scheme& s, Diagnostics& d) {
  std::map<std::string, std::size_t> seen;
  const auto& list = s.notice.appendices;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].id.empty()) {
      d.error("field.required", place(s, {}, "notice.appendices[" + std::to_string(i) + "].id"),
              "附件缺少标识（id）", "the appendix has no id", "填写插件提供的附件标识（bangfu plugins 列出）",
              "fill in an appendix id of the plugin (bangfu plugins lists them)");
      continue;
    }
    auto [it, inserted] = seen.emplace(list[i].id, i);
    if (inserted) continue;
    const std::string first = "notice.appendices[" + std::to_string(it->second) + "]";
    d.error("notice.duplicate-appendix", place(s, {}, "notice.appendices[" + std::to_string(i) + "].id"),
            "附件“" + list[i].id + "”重复（首次为 " + first + "）",
            "appendix '" + list[i].id + "' is listed twice (first as " + first + ")", "删除重复的附件",
            "delete the repeated appendix");
  }
}

}  // namespace

void validateScheme(const Scheme& scheme, Diagnostics& diags) {
  checkDuplicates(scheme, scheme.areas, "areas", "地区", diags);
  checkDuplicates(scheme, scheme.units, "units", "单位", diags);
  checkDuplicates(scheme, scheme.people, "people", "人员", diags);
  checkDuplicates(scheme, scheme.teams, "teams", "团组", diags);
  checkRequired(scheme, diags);
  checkMultiplicities(scheme, diags);
  checkNameSpaces(scheme, diags);
  checkReferences(scheme, diags);
  checkAreaParents(scheme, diags);
  checkTeamUnits(scheme, diags);
  checkPairings(scheme, diags);
  checkAppendixIds(scheme, diags);
  checkTeamCounts(scheme, diags);
  checkStatedFigures(scheme, diags);
  checkNotice(scheme, diags);
}

Location placeOf(const Scheme& scheme, const Location& where, const std::string& field) {
  return place(scheme, where, field);
}

}  // namespace bangfu::validate
