#include "bangfu/plugin/sdk.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "bangfu/text/names.hpp"

namespace bangfu::plugin {

std::string personLabel(const model::Scheme& scheme, const std::string& personId) {
  const model::Person* p = scheme.findPerson(personId);
  if (!p) return personId;
  return p->annotation.empty() ? p->name : p->name + "（" + p->annotation + "）";
}

std::string fileNamePart(std::string name) {
  constexpr std::string_view kFullWidthSolidus = "／";  // 3 bytes in UTF-8
  for (std::size_t pos = name.find('/'); pos != std::string::npos;
       pos = name.find('/', pos + kFullWidthSolidus.size())) {
    name.replace(pos, 1, kFullWidthSolidus);
  }
  return name;
}

EntityDocument entityDocument(const model::Scheme& scheme, std::string appendixId, std::string entityKind,
                              std::string entityId, std::string title, const std::string& folder,
                              const std::string& name) {
  EntityDocument d;
  d.appendixId = std::move(appendixId);
  d.entityKind = std::move(entityKind);
  d.entityId = std::move(entityId);
  d.title = std::move(title);
  d.fileStem = folder + "/" + fileNamePart(name);
  d.slice = sliceBase(scheme);
  return d;
}

std::string areaLabel(const model::Scheme& scheme, const std::string& areaId, bool annotation) {
  const model::Area* a = scheme.findArea(areaId);
  if (!a) return areaId;
  return annotation && !a->annotation.empty() ? a->name + "（" + a->annotation + "）" : a->name;
}

std::string areaPath(const model::Scheme& scheme, const std::string& areaId) {
  std::string path;
  const model::Area* a = scheme.findArea(areaId);
  if (!a) return areaId;
  for (int depth = 0; a && depth < 8; ++depth) {  // depth bound: a parent cycle is a data error, not a hang
    path = a->name + path;
    a = a->parent.empty() ? nullptr : scheme.findArea(a->parent);
  }
  return path;
}

std::string ancestorAt(const model::Scheme& scheme, const std::string& areaId, model::AreaLevel level) {
  const model::Area* a = scheme.findArea(areaId);
  for (int depth = 0; a && depth < 8; ++depth) {  // depth bound: a parent cycle is a data error, not a hang
    if (a->level == level) return a->id;
    a = a->parent.empty() ? nullptr : scheme.findArea(a->parent);
  }
  return {};
}

model::Scheme sliceBase(const model::Scheme& s) {
  model::Scheme slice;
  slice.plugin = s.plugin;
  slice.name = s.name;
  slice.source = s.source;
  slice.fictional = s.fictional;
  slice.notice.issuers = s.notice.issuers;
  slice.notice.docNumber = s.notice.docNumber;
  slice.notice.title = s.notice.title;
  slice.notice.date = s.notice.date;
  slice.options = s.options;
  return slice;
}

std::string unitName(const model::Scheme& scheme, const std::string& unitId) {
  const model::Unit* u = scheme.findUnit(unitId);
  return u ? u->name : unitId;
}

std::vector<doc::Run> memberRuns(const model::Scheme& scheme, const model::TeamMember& member,
                                 const std::string& boldFlag) {
  std::vector<doc::Run> runs;
  auto text = [&](std::string s) {
    if (!runs.empty() && runs.back().face == doc::Face::Inherit) {
      runs.back().text += s;
    } else {
      runs.push_back(doc::Run{std::move(s)});
    }
  };
  auto unit = [&](const std::string& id) {
    const model::Unit* u = scheme.findUnit(id);
    if (u && !boldFlag.empty() && u->hasFlag(boldFlag)) {
      runs.push_back(doc::Run{u->name, doc::Face::Hei});
    } else {
      text(u ? u->name : id);
    }
  };
  if (member.isJoint()) text("（");
  for (std::size_t i = 0; i < member.units.size(); ++i) {
    if (i) text("、");
    unit(member.units[i]);
  }
  if (member.isJoint()) text("）");
  if (member.multiplicity != 1) text("（" + std::to_string(member.multiplicity) + "个）");
  return runs;
}

std::vector<doc::Run> memberListRuns(const model::Scheme& scheme,
                                     const std::vector<model::TeamMember>& members,
                                     const std::string& boldFlag) {
  std::vector<doc::Run> runs;
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (i) runs.push_back(doc::Run{"、"});
    auto part = memberRuns(scheme, members[i], boldFlag);
    runs.insert(runs.end(), part.begin(), part.end());
  }
  // Merge neighbouring runs of one face: fewer runs, same text.
  std::vector<doc::Run> merged;
  for (auto& r : runs) {
    if (!merged.empty() && merged.back().face == r.face && merged.back().bold == r.bold) {
      merged.back().text += r.text;
    } else {
      merged.push_back(std::move(r));
    }
  }
  return merged;
}

std::string joinList(const std::vector<std::string>& items, const std::string& separator) {
  std::string s;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) s += separator;
    s += items[i];
  }
  return s;
}

doc::Table headedTable(const std::string& name, const std::vector<std::string>& headers,
                       const std::vector<double>& weights) {
  doc::Table t;
  t.name = name;
  doc::Row header;
  header.kind = doc::RowKind::Header;
  for (std::size_t i = 0; i < headers.size(); ++i) {
    doc::Column c;
    c.key = headers[i];
    c.weight = i < weights.size() ? weights[i] : 1.0;
    t.columns.push_back(c);
    header.cells.push_back(doc::Cell::text(headers[i], doc::Align::Center));
  }
  t.rows.push_back(std::move(header));
  return t;
}

std::vector<const model::Pairing*> pairingsOf(const model::Scheme& scheme, const std::string& kind) {
  std::vector<const model::Pairing*> out;
  for (const auto& p : scheme.pairings)
    if (p.kind == kind) out.push_back(&p);
  return out;
}

diag::Location optionLocation(const model::Scheme& scheme, const std::string& key) {
  if (auto it = scheme.optionWhere.find(key); it != scheme.optionWhere.end()) return it->second;
  return {scheme.file, "", 0, 0, "options." + key};
}

std::string settingValue(const model::Scheme& scheme, const InputSetting& setting) {
  return scheme.option(setting.key, setting.fallback);
}

std::string OptionRecord::get(const std::string& field) const {
  auto it = fields.find(field);
  return it == fields.end() ? std::string() : it->second;
}

std::vector<OptionRecord> optionRecords(const model::Scheme& scheme, const std::string& prefix) {
  std::map<int, OptionRecord> byNumber;
  const std::string head = prefix + ".";
  for (auto it = scheme.options.lower_bound(head); it != scheme.options.end(); ++it) {
    const std::string& key = it->first;
    if (key.compare(0, head.size(), head) != 0) break;
    // <n>.<field>, n a positive number without leading zeros.
    const std::size_t dot = key.find('.', head.size());
    if (dot == std::string::npos || dot == head.size() || dot + 1 == key.size()) continue;
    const std::string digits = key.substr(head.size(), dot - head.size());
    constexpr std::size_t kMaxDigits = 6;
    if (digits.size() > kMaxDigits || digits[0] == '0' ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
      continue;
    const int n = std::stoi(digits);
    OptionRecord& r = byNumber[n];
    r.number = n;
    r.fields[key.substr(dot + 1)] = it->second;
  }
  std::vector<OptionRecord> out;
  out.reserve(byNumber.size());
  for (auto& [n, r] : byNumber) out.push_back(std::move(r));
  return out;
}

std::vector<OptionRecord> recordsOrDefaults(const model::Scheme& scheme, const InputSheetSpec& spec) {
  auto records = optionRecords(scheme, spec.prefix);
  if (!records.empty()) return records;
  for (const auto& d : spec.defaults) {
    OptionRecord r;
    for (std::size_t k = 0; k < d.size() && k < spec.columns.size(); ++k)
      if (!d[k].empty()) r.fields[spec.columns[k].field] = d[k];
    records.push_back(std::move(r));
  }
  return records;
}

doc::Appendix appendixFrom(const model::AppendixRef& ref, doc::Orientation orientation) {
  doc::Appendix a;
  a.id = ref.id;
  a.label = ref.label;
  a.title = ref.title;
  a.orientation = orientation;
  a.fileStem = ref.label.empty() ? ref.title : ref.label + "-" + ref.title;
  return a;
}

doc::Appendix appendixFrom(const JurisdictionPlugin& plugin, const model::AppendixRef& ref) {
  doc::Orientation orientation = doc::Orientation::Portrait;
  for (const auto& spec : plugin.appendices())
    if (spec.id == ref.id) orientation = spec.orientation;
  return appendixFrom(ref, orientation);
}

doc::Row totalRow(const doc::Table& table, std::size_t labelColumn, const std::vector<TotalFigure>& figures,
                  const std::string& label) {
  doc::Row row;
  row.kind = doc::RowKind::Total;
  const std::size_t width = std::max(table.columns.size(), labelColumn + 1);
  for (std::size_t c = 0; c < width; ++c) row.cells.push_back(doc::Cell::text(""));
  row.cells[labelColumn] = doc::Cell::text(label, doc::Align::Center);
  for (const auto& f : figures) {
    if (f.column >= width) continue;
    const bool agrees =
        !f.stated || std::fabs(*f.stated - f.computed) <= 1e-9 * std::max(1.0, std::fabs(f.computed));
    doc::Cell cell = doc::Cell::num(agrees ? f.computed : *f.stated);
    cell.columnTotal = agrees;
    row.cells[f.column] = std::move(cell);
  }
  return row;
}

std::string partyLabel(const model::Scheme& scheme, const model::Party& party) {
  switch (party.kind) {
    case model::Party::Kind::Unit:
      return unitName(scheme, party.ref);
    case model::Party::Kind::Team: {
      const model::Team* t = scheme.findTeam(party.ref);
      return t && !t->name.empty() ? t->name : party.ref;
    }
    case model::Party::Kind::Person:
      return personLabel(scheme, party.ref);
    case model::Party::Kind::Area:
      return areaLabel(scheme, party.ref);
    case model::Party::Kind::Household:
      break;
  }
  return party.ref;
}

std::vector<std::string> helpersOf(const model::Scheme& scheme, const std::string& kind,
                                   const std::string& targetId) {
  std::vector<std::string> names;
  for (const auto* p : pairingsOf(scheme, kind)) {
    if (p->target.ref != targetId) continue;
    std::string name = partyLabel(scheme, p->helper);
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
  }
  return names;
}

namespace {

std::vector<std::string> roleNames(const model::Scheme& s, const model::CommitteeRole& role) {
  std::vector<std::string> names;
  for (const auto& id : role.people) {
    const model::Person* p = s.findPerson(id);
    names.push_back(p ? p->name : id);
  }
  // An unordered list is printed 按姓氏笔画 (design.md §2); a published order is kept.
  return role.strokeOrder ? text::sortByStroke(std::move(names)) : names;
}

bool isOffice(const model::Committee& c) { return c.id.find("办公室") != std::string::npos; }

/// 办公室 lists its roles without the prefix: 主任 is printed 办公室主任.
std::string officeRoleTitle(const std::string& title) { return title == "主任" ? "办公室主任" : title; }

}  // namespace

std::vector<doc::Block> committeeBlocks(const model::Scheme& s, bool officeAsSentence) {
  std::vector<doc::Block> blocks;
  const bool hasOffice = std::any_of(s.committees.begin(), s.committees.end(), isOffice);
  for (const auto& c : s.committees) {
    if (isOffice(c) && !officeAsSentence) {
      blocks.emplace_back(doc::Paragraph::text(c.name.empty() ? c.id : c.name));
      doc::NameList list;
      for (const auto& role : c.roles)
        list.entries.push_back({officeRoleTitle(role.title), roleNames(s, role)});
      blocks.emplace_back(std::move(list));
      continue;
    }
    if (!isOffice(c)) {
      if (!c.intro.empty()) blocks.emplace_back(doc::Paragraph::text(c.intro));
      doc::NameList list;
      for (const auto& role : c.roles) list.entries.push_back({role.title, roleNames(s, role)});
      blocks.emplace_back(std::move(list));
      // The office's sentence is generated from its committee when there is one,
      // so a roster change reaches it; the stored closing is the fallback.
      if (!c.closing.empty() && !hasOffice) blocks.emplace_back(doc::Paragraph::text(c.closing));
      continue;
    }
    // 领导小组办公室设在区委组织部，办公室主任由…同志担任，…: the intro opens the
    // sentence; without one it starts at the first role.
    std::string sentence = c.intro;
    for (const auto& role : c.roles)
      sentence += (sentence.empty() ? "" : "，") + officeRoleTitle(role.title) + "由" +
                  joinList(roleNames(s, role)) + "同志担任";
    if (!sentence.empty()) blocks.emplace_back(doc::Paragraph::text(sentence + "。"));
  }
  return blocks;
}

}  // namespace bangfu::plugin
