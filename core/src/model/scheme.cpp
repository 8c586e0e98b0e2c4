#include "bangfu/model/scheme.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

namespace bangfu::model {

bool Unit::hasFlag(const std::string& f) const {
  return std::find(flags.begin(), flags.end(), f) != flags.end();
}

int Team::computedGroups() const {
  long long n = leader ? leader->groups() : 0;
  for (const auto& m : members) n = std::min<long long>(n + m.groups(), std::numeric_limits<int>::max());
  return static_cast<int>(n);
}

namespace {
template <class T>
const T* findById(const std::vector<T>& items, const std::string& id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  return it == items.end() ? nullptr : &*it;
}
}  // namespace

const Area* Scheme::findArea(const std::string& id) const { return findById(areas, id); }
const Unit* Scheme::findUnit(const std::string& id) const { return findById(units, id); }
const Person* Scheme::findPerson(const std::string& id) const { return findById(people, id); }
const Team* Scheme::findTeam(const std::string& id) const { return findById(teams, id); }

std::optional<long long> Scheme::statedValue(const std::string& key) const {
  for (const auto& s : stated)
    if (s.key == key) return s.value;
  return std::nullopt;
}

std::string Scheme::option(const std::string& key, const std::string& fallback) const {
  auto it = options.find(key);
  return it == options.end() ? fallback : it->second;
}

// Equality compares content only: `where` and `file` say where a value was read,
// so the same scheme from JSON and from its workbook compares equal.
namespace {
auto tie(const Area& a) { return std::tie(a.id, a.name, a.level, a.parent, a.annotation, a.flags); }
auto tie(const Unit& u) { return std::tie(u.id, u.name, u.kind, u.flags); }
auto tie(const Person& p) { return std::tie(p.id, p.name, p.unit, p.post, p.annotation, p.roles); }
auto tie(const TeamMember& m) { return std::tie(m.units, m.multiplicity); }
bool same(const std::optional<TeamMember>& a, const std::optional<TeamMember>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || tie(*a) == tie(*b);
}
bool same(const Team& a, const Team& b) {
  if (!same(a.leader, b.leader) || a.members.size() != b.members.size()) return false;
  for (std::size_t i = 0; i < a.members.size(); ++i)
    if (tie(a.members[i]) != tie(b.members[i])) return false;
  return std::tie(a.id, a.name, a.target, a.targets, a.people, a.statedGroups, a.statedInstructors,
                  a.statedVillages, a.partnerAreas) == std::tie(b.id, b.name, b.target, b.targets, b.people,
                                                                b.statedGroups, b.statedInstructors,
                                                                b.statedVillages, b.partnerAreas);
}
auto tie(const Party& p) { return std::tie(p.kind, p.ref); }
bool same(const Pairing& a, const Pairing& b) {
  return a.kind == b.kind && tie(a.helper) == tie(b.helper) && tie(a.target) == tie(b.target) &&
         a.period == b.period && a.role == b.role && a.note == b.note;
}
auto tie(const CommitteeRole& r) { return std::tie(r.title, r.people, r.strokeOrder); }
bool same(const Committee& a, const Committee& b) {
  if (a.roles.size() != b.roles.size()) return false;
  for (std::size_t i = 0; i < a.roles.size(); ++i)
    if (tie(a.roles[i]) != tie(b.roles[i])) return false;
  return std::tie(a.id, a.name, a.intro, a.closing) == std::tie(b.id, b.name, b.intro, b.closing);
}
bool same(const StatedFigure& a, const StatedFigure& b) {
  return std::tie(a.key, a.label, a.value, a.acknowledged) ==
         std::tie(b.key, b.label, b.value, b.acknowledged);
}
bool same(const AppendixRef& a, const AppendixRef& b) {
  return std::tie(a.id, a.label, a.title) == std::tie(b.id, b.label, b.title);
}
template <class T>
bool sameList(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if constexpr (std::is_same_v<T, Area> || std::is_same_v<T, Unit> || std::is_same_v<T, Person>) {
      if (tie(a[i]) != tie(b[i])) return false;
    } else {
      if (!same(a[i], b[i])) return false;
    }
  }
  return true;
}
}  // namespace

const diag::Location* Scheme::cellOf(const std::string& path) const {
  if (fieldWhere.empty()) return nullptr;
  if (auto it = fieldWhere.find(path); it != fieldWhere.end()) return &it->second;
  if (!path.empty() && path.back() == ']') {
    const auto open = path.rfind('[');
    if (open != std::string::npos) {
      if (auto it = fieldWhere.find(path.substr(0, open)); it != fieldWhere.end()) return &it->second;
    }
  }
  return nullptr;
}

bool operator==(const Scheme& a, const Scheme& b) {
  const auto& na = a.notice;
  const auto& nb = b.notice;
  return a.plugin == b.plugin && a.name == b.name && a.source == b.source && a.fictional == b.fictional &&
         na.issuers == nb.issuers && na.docNumber == nb.docNumber && na.title == nb.title &&
         na.date == nb.date && na.recipients == nb.recipients && sameList(na.appendices, nb.appendices) &&
         sameList(a.areas, b.areas) && sameList(a.units, b.units) && sameList(a.people, b.people) &&
         sameList(a.teams, b.teams) && sameList(a.pairings, b.pairings) &&
         sameList(a.committees, b.committees) && sameList(a.stated, b.stated) && a.notes == b.notes &&
         a.options == b.options;
}

bool operator!=(const Scheme& a, const Scheme& b) { return !(a == b); }

}  // namespace bangfu::model
