// Entity ids apart from printed names (bangfu/model/ids.hpp).
#include "bangfu/model/ids.hpp"

#include <algorithm>
#include <set>

namespace bangfu::model {

namespace {

constexpr int kMinCodeDigits = 3;  // U001: three digits, as clerks number rows

void rename(std::string& ref, const IdMap& renames) {
  if (auto it = renames.find(ref); it != renames.end()) ref = it->second;
}

Party::Kind partyKind(IdKind kind) {
  switch (kind) {
    case IdKind::Area:
      return Party::Kind::Area;
    case IdKind::Unit:
      return Party::Kind::Unit;
    case IdKind::Person:
      return Party::Kind::Person;
  }
  return Party::Kind::Area;
}

/// Calls f(id, name) for every entity of `kind` (by reference, so f may change the id).
template <class S, class F>
void forEachEntity(S& s, IdKind kind, F&& f) {
  switch (kind) {
    case IdKind::Area:
      for (auto& a : s.areas) f(a.id, a.name);
      break;
    case IdKind::Unit:
      for (auto& u : s.units) f(u.id, u.name);
      break;
    case IdKind::Person:
      for (auto& p : s.people) f(p.id, p.name);
      break;
  }
}

/// Calls f(ref) for every reference to an entity of `kind`: parents, units of
/// people, team targets, members and people, pairings, committee members.
template <class S, class F>
void forEachReference(S& s, IdKind kind, F&& f) {
  auto all = [&](auto& refs) {
    for (auto& r : refs) f(r);
  };
  switch (kind) {
    case IdKind::Area:
      for (auto& a : s.areas) f(a.parent);
      for (auto& t : s.teams) {
        f(t.target);
        all(t.targets);
        all(t.partnerAreas);
      }
      break;
    case IdKind::Unit:
      for (auto& p : s.people) f(p.unit);
      for (auto& t : s.teams) {
        if (t.leader) all(t.leader->units);
        for (auto& m : t.members) all(m.units);
      }
      break;
    case IdKind::Person:
      for (auto& t : s.teams) all(t.people);
      for (auto& c : s.committees)
        for (auto& r : c.roles) all(r.people);
      break;
  }
  const Party::Kind party = partyKind(kind);
  for (auto& p : s.pairings) {
    if (p.helper.kind == party) f(p.helper.ref);
    if (p.target.kind == party) f(p.target.ref);
  }
}

constexpr IdKind kAllKinds[] = {IdKind::Area, IdKind::Unit, IdKind::Person};

}  // namespace

const char* codePrefix(IdKind kind) {
  switch (kind) {
    case IdKind::Area:
      return "A";
    case IdKind::Unit:
      return "U";
    case IdKind::Person:
      return "P";
  }
  return "";
}

void renameIds(Scheme& s, IdKind kind, const IdMap& renames) {
  if (renames.empty()) return;
  forEachEntity(s, kind, [&](std::string& id, const std::string&) { rename(id, renames); });
  forEachReference(s, kind, [&](std::string& ref) { rename(ref, renames); });
}

std::set<std::string> referencedIds(const Scheme& s, IdKind kind) {
  std::set<std::string> out;
  forEachReference(s, kind, [&](const std::string& ref) {
    if (!ref.empty()) out.insert(ref);
  });
  return out;
}

void assignCodes(Scheme& s) {
  for (const IdKind kind : kAllKinds) {
    std::set<std::string> taken;
    std::size_t count = 0;
    forEachEntity(s, kind, [&](std::string& id, const std::string&) {
      taken.insert(id);
      ++count;
    });
    const std::size_t digits = std::max<std::size_t>(kMinCodeDigits, std::to_string(count).size());
    IdMap renames;
    std::size_t next = 1;
    forEachEntity(s, kind, [&](std::string& id, const std::string& name) {
      if (id != name || id.empty() || renames.count(id))
        return;  // a code already, or a duplicate left for check
      std::string code;
      do {
        std::string n = std::to_string(next++);
        code = codePrefix(kind) + std::string(digits > n.size() ? digits - n.size() : 0, '0') + n;
      } while (taken.count(code));
      taken.insert(code);
      renames.emplace(id, code);
    });
    renameIds(s, kind, renames);
  }
}

Scheme withIdsOf(const Scheme& reference, Scheme s) {
  for (const IdKind kind : kAllKinds) {
    // The reference's entities whose id `s` lacks, by name; a name held twice matches nothing.
    std::set<std::string> ids;
    forEachEntity(s, kind, [&](std::string& id, const std::string&) { ids.insert(id); });
    std::set<std::string> refIds;
    std::map<std::string, std::string> refByName;
    std::set<std::string> refNameTwice;
    forEachEntity(reference, kind, [&](const std::string& id, const std::string& name) {
      refIds.insert(id);
      if (ids.count(id)) return;
      if (!refByName.emplace(name, id).second) refNameTwice.insert(name);
    });
    std::map<std::string, int> nameCount;
    forEachEntity(s, kind, [&](std::string& id, const std::string& name) {
      if (!refIds.count(id)) ++nameCount[name];
    });
    IdMap renames;
    forEachEntity(s, kind, [&](std::string& id, const std::string& name) {
      if (refIds.count(id) || nameCount[name] != 1 || refNameTwice.count(name)) return;
      if (auto it = refByName.find(name); it != refByName.end()) renames.emplace(id, it->second);
    });
    renameIds(s, kind, renames);
  }
  return s;
}

}  // namespace bangfu::model
