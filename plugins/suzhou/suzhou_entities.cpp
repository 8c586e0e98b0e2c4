// Suzhou per-entity documents: each 定点帮扶单位's duty calendar (附件2 over the
// unit's own pairings and its people's) and each village's 五大帮扶 roster row
// (附件1 over the pairings that reach the village).
#include <algorithm>

#include "bangfu/plugin/sdk.hpp"
#include "suzhou_plugin.hpp"

namespace bangfu::plugins::suzhou {

namespace {

namespace kinds = model::kinds;

/// The area and its ancestors (areaPath and the roster's county/town cells read them).
void addAreaPath(model::Scheme& slice, const model::Scheme& s, const std::string& id) {
  std::vector<const model::Area*> chain;
  for (const model::Area* a = id.empty() ? nullptr : s.findArea(id); a && chain.size() < 8;
       a = a->parent.empty() ? nullptr : s.findArea(a->parent))
    chain.push_back(a);
  for (auto it = chain.rbegin(); it != chain.rend(); ++it)
    if (!slice.findArea((*it)->id)) slice.areas.push_back(**it);
}

/// Everything a pairing's helper and target name: people, units, teams, areas.
void addParties(model::Scheme& slice, const model::Scheme& s, const model::Pairing& p) {
  for (const model::Party* party : {&p.helper, &p.target}) {
    switch (party->kind) {
      case model::Party::Kind::Person:
        if (const model::Person* x = s.findPerson(party->ref))
          if (!slice.findPerson(x->id)) slice.people.push_back(*x);
        break;
      case model::Party::Kind::Unit:
        if (const model::Unit* x = s.findUnit(party->ref))
          if (!slice.findUnit(x->id)) slice.units.push_back(*x);
        break;
      case model::Party::Kind::Team:
        if (const model::Team* x = s.findTeam(party->ref))
          if (!slice.findTeam(x->id)) slice.teams.push_back(*x);
        break;
      case model::Party::Kind::Area:
        addAreaPath(slice, s, party->ref);
        break;
      case model::Party::Kind::Household:
        break;
    }
  }
}

}  // namespace

std::vector<plugin::EntityDocument> SuzhouPlugin::entityDocuments(const model::Scheme& s) const {
  std::vector<plugin::EntityDocument> docs;

  // 履职日历 per 定点帮扶单位: its pairings and those of its people (帮扶联系人).
  std::vector<std::string> units;
  for (const auto* p : plugin::pairingsOf(s, kinds::kUnitVillage))
    if (p->helper.kind == model::Party::Kind::Unit && !p->helper.ref.empty() &&
        std::find(units.begin(), units.end(), p->helper.ref) == units.end())
      units.push_back(p->helper.ref);
  for (const auto& unit : units) {
    const std::string name = plugin::unitName(s, unit);
    plugin::EntityDocument d =
        plugin::entityDocument(s, "calendar", "unit", unit, name + "帮扶责任人履职日历", "履职日历", name);
    for (const auto& p : s.pairings) {
      bool mine = p.helper.kind == model::Party::Kind::Unit && p.helper.ref == unit;
      if (p.helper.kind == model::Party::Kind::Person) {
        const model::Person* person = s.findPerson(p.helper.ref);
        mine = person && person->unit == unit;
      }
      if (!mine) continue;
      d.slice.pairings.push_back(p);
      addParties(d.slice, s, p);
    }
    if (!d.slice.findUnit(unit))
      if (const model::Unit* u = s.findUnit(unit)) d.slice.units.push_back(*u);
    docs.push_back(std::move(d));
  }

  // 花名册 per village: the pairings that reach it (县域结对 through its town or county).
  for (const auto& v : s.areas) {
    if (v.level != model::AreaLevel::Village) continue;
    const std::string county = plugin::ancestorAt(s, v.id, model::AreaLevel::County);
    // 花名册/<county>/<village>: the county folder keeps same-named villages apart.
    plugin::EntityDocument d =
        plugin::entityDocument(s, "roster", "village", v.id, v.name + "“五大帮扶”花名册",
                               "花名册/" + plugin::fileNamePart(plugin::areaLabel(s, county)), v.name);
    addAreaPath(d.slice, s, v.id);
    for (const auto& p : s.pairings) {
      const bool reaches = p.kind == kinds::kCountyCounty
                               ? (p.target.ref == v.parent || (!county.empty() && p.target.ref == county))
                               : p.target.ref == v.id;
      if (!reaches) continue;
      d.slice.pairings.push_back(p);
      addParties(d.slice, s, p);
    }
    docs.push_back(std::move(d));
  }
  return docs;
}

}  // namespace bangfu::plugins::suzhou
