#include "bangfu/validate/validate.hpp"

#include <map>
#include <set>

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
              what + " has no id", "填写" + zhWhat + "名称");
      continue;
    }
    auto [it, inserted] = seen.emplace(items[i].id, i);
    if (!inserted) {
      const Location first = place(s, items[it->second].where, what + "[" + std::to_string(it->second) + "]");
      d.error("ref.duplicate-" + what, place(s, items[i].where, field),
              zhWhat + "“" + items[i].id + "”重复（首次出现于 " + first.str() + "）",
              what + " '" + items[i].id + "' is listed twice (first at " + first.str() + ")",
              "删除重复行，或改用不同的名称");
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
  void require(const std::string& ref, const std::set<std::string>& known, const std::vector<std::string>& list,
               const char* code, const std::string& zhKind, const std::string& enKind, const char* sheet,
               const char* array, const Location& where) {
    if (ref.empty() || known.count(ref)) return;
    const std::string near = diag::nearest(ref, list);
    // Say where to register it as the clerk sees it: the sheet by its visible name, or the JSON array.
    const std::string registry =
        where.sheet.empty() ? std::string(" ") + array + " 中" : std::string("“") + sheet + "”表中";
    d.error(code, where, zhKind + "“" + ref + "”不存在" + (near.empty() ? "" : "，是否为“" + near + "”？"),
            enKind + " '" + ref + "' does not exist" + (near.empty() ? "" : "; did you mean '" + near + "'?"),
            near.empty() ? "先在" + registry + "登记“" + ref + "”" : "改为“" + near + "”",
            near.empty() ? "register \"" + ref + "\" first on " +
                               (where.sheet.empty() ? std::string(array) : std::string("the sheet ") + sheet)
                         : "change it to \"" + near + "\"");
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
      case model::Party::Kind::Person: person(p.ref, w); break;
      case model::Party::Kind::Unit: unit(p.ref, w); break;
      case model::Party::Kind::Team: team(p.ref, w); break;
      case model::Party::Kind::Area: area(p.ref, w); break;
      case model::Party::Kind::Household: break;  // free text: households are not registered entities
    }
  }
};

void checkRequired(const Scheme& s, Diagnostics& d) {
  auto need = [&](const std::string& value, const Location& where, const std::string& field, const std::string& zh) {
    if (value.empty())
      d.error("field.required", place(s, where, field), zh + "为空", field + " is empty", "填写" + zh);
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
                "团组“" + name + "”的工作组数填为" + std::to_string(*team.statedGroups) + "，按组长单位和团组单位（含倍数）计为" +
                    std::to_string(computed),
                "team '" + name + "' states " + std::to_string(*team.statedGroups) + " work groups but its units count " +
                    std::to_string(computed),
                "核对团组单位的（N个）倍数和联合团组，或改正工作组数为" + std::to_string(computed));
      }
    }
    if (perTeamVillages) {
      const long long villages = (team.target.empty() ? 0 : 1) + static_cast<long long>(team.targets.size());
      if (villages != *perTeamVillages)
        d.error("team.villages-mismatch", place(s, team.where, base + ".targets"),
                "工作组“" + name + "”帮扶" + std::to_string(villages) + "个村，方案规定每组" + std::to_string(*perTeamVillages) + "个",
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
      d.warning("stated.mismatch", place(s, f.where, "stated[" + std::to_string(i) + "]"),
                (f.label.empty() ? f.key : f.label) + "为" + std::to_string(f.value) + "，" + basis + "为" +
                    std::to_string(*computed),
                "stated " + f.key + " is " + std::to_string(f.value) + " but the data gives " + std::to_string(*computed),
                f.where.sheet.empty()
                    ? std::string("核对原文数字与各行数据；若原文如此，在该项加 \"acknowledged\": \"原因\"，以后不再警告")
                    : "核对原文数字与各行数据；若原文如此，在“" + f.where.sheet + "”表该行的“确认原因”列写明原因，以后不再警告",
                f.where.sheet.empty()
                    ? std::string("check the published figure against the rows; if the notice says so, add "
                                  "\"acknowledged\": \"reason\" to it and it is no longer warned about")
                    : "check the published figure against the rows; if the notice says so, write the reason in "
                      "the 确认原因 column of that row on " + f.where.sheet + " and it is no longer warned about");
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
              "document number '" + n.docNumber + "' is not in the form 代字〔2019〕23号 (GB/T 9704-2012 7.2.5)",
              fixed ? "改为“" + *fixed + "”" : "");
  }
  if (!n.date.empty() && !text::isCanonicalDate(n.date)) {
    const auto fixed = text::normalizeDate(n.date);
    d.warning("notice.date", place(s, {}, "notice.date"),
              "成文日期“" + n.date + "”应写作“2019年5月30日”的形式（GB/T 9704-2012 7.3.5.4）",
              "date '" + n.date + "' should read like 2019年5月30日 (GB/T 9704-2012 7.3.5.4)",
              fixed ? "改为“" + *fixed + "”" : "");
  }
}

}  // namespace

void validateScheme(const Scheme& scheme, Diagnostics& diags) {
  checkDuplicates(scheme, scheme.areas, "areas", "地区", diags);
  checkDuplicates(scheme, scheme.units, "units", "单位", diags);
  checkDuplicates(scheme, scheme.people, "people", "人员", diags);
  checkDuplicates(scheme, scheme.teams, "teams", "团组", diags);
  checkRequired(scheme, diags);
  checkReferences(scheme, diags);
  checkTeamCounts(scheme, diags);
  checkStatedFigures(scheme, diags);
  checkNotice(scheme, diags);
}

}  // namespace bangfu::validate
