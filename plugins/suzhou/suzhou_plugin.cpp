#include "suzhou_plugin.hpp"

#include <array>
#include <stdexcept>

#include "bangfu/plugin/sdk.hpp"

namespace bangfu::plugins::suzhou {

namespace {

using doc::Align;
using doc::Cell;
using doc::Row;
namespace kinds = model::kinds;

/// The five kinds of 五大帮扶, in the notice's order (sections 二 to 六).
struct Kind {
  const char* id;
  const char* title;
};
constexpr std::array<Kind, 5> kFiveKinds{{
    {kinds::kLeaderArea, "领导干部联系帮扶"},
    {kinds::kUnitVillage, "单位定点帮扶"},
    {kinds::kResidentGroup, "驻村帮扶"},
    {kinds::kCountyCounty, "县域结对帮扶"},
    {kinds::kEnterprise, "社会帮扶"},
}};

/// A pairing with no helper and a note is an explicit gap (缺口) the office has
/// acknowledged; it is printed and reported, never silently dropped.
bool isGap(const model::Pairing& p) { return p.helper.ref.empty(); }

/// The gap's reason without a leading 缺口： the clerk may have typed.
std::string gapReason(const model::Pairing& p) {
  constexpr std::string_view kPrefix = "缺口：";
  return p.note.rfind(kPrefix, 0) == 0 ? p.note.substr(kPrefix.size()) : p.note;
}

/// The village a household pairing belongs to: households are written <village>-户<N>.
std::string householdVillage(const model::Pairing& p) {
  const auto pos = p.target.ref.find("-户");
  return pos == std::string::npos ? std::string() : p.target.ref.substr(0, pos);
}

std::string helperName(const model::Scheme& s, const model::Pairing& p) {
  switch (p.helper.kind) {
    case model::Party::Kind::Person: return plugin::personLabel(s, p.helper.ref);
    case model::Party::Kind::Unit: return plugin::unitName(s, p.helper.ref);
    case model::Party::Kind::Area: return plugin::areaPath(s, p.helper.ref);
    case model::Party::Kind::Team: {
      const model::Team* t = s.findTeam(p.helper.ref);
      return t && !t->name.empty() ? t->name : p.helper.ref;
    }
    case model::Party::Kind::Household: return p.helper.ref;
  }
  return p.helper.ref;
}

/// The area a pairing of `kind` must target for `village`: the village itself,
/// except 县域结对帮扶, which pairs counties.
bool targetsVillage(const model::Scheme& s, const model::Pairing& p, const model::Area& village) {
  if (p.kind == kinds::kCountyCounty) return p.target.ref == village.parent || [&] {
    const model::Area* town = s.findArea(village.parent);
    return town && p.target.ref == town->parent;
  }();
  return p.target.ref == village.id;
}

std::vector<const model::Area*> villagesOf(const model::Scheme& s) {
  std::vector<const model::Area*> v;
  for (const auto& a : s.areas)
    if (a.level == model::AreaLevel::Village) v.push_back(&a);
  return v;
}

/// 花名册: one row per village; county and town cells span their villages.
doc::Appendix renderRoster(const model::Scheme& s, const model::AppendixRef& ref) {
  doc::Appendix a = plugin::appendixFrom(ref, doc::Orientation::Landscape);
  std::vector<std::string> headers{"县区", "乡镇", "村"};
  for (const auto& k : kFiveKinds) headers.emplace_back(k.title);
  doc::Table t = plugin::headedTable(ref.title, headers, {1.0, 1.1, 1.1, 1.6, 1.8, 1.6, 1.8, 1.8});
  std::string county, town;
  std::size_t countyRow = 0, townRow = 0;
  for (const model::Area* v : villagesOf(s)) {
    Row r;
    const std::string c = plugin::ancestorAt(s, v->id, model::AreaLevel::County);
    if (!t.rows.empty() && t.rows.size() > 1 && c == county) {
      ++t.rows[countyRow].cells[0].rowSpan;
    } else {
      county = c;
      countyRow = t.rows.size();
      town.clear();
      r.cells.push_back(Cell::text(plugin::areaLabel(s, c), Align::Center));
    }
    if (v->parent == town) {
      // The town cell is the first or second cell of its row, depending on whether
      // that row also starts a county.
      auto& row = t.rows[townRow];
      ++row.cells[townRow == countyRow ? 1 : 0].rowSpan;
    } else {
      town = v->parent;
      townRow = t.rows.size();
      r.cells.push_back(Cell::text(plugin::areaLabel(s, v->parent), Align::Center));
    }
    r.cells.push_back(Cell::text(v->name, Align::Center));
    for (const auto& k : kFiveKinds) {
      std::vector<std::string> helpers;
      for (const auto* p : plugin::pairingsOf(s, k.id)) {
        if (!targetsVillage(s, *p, *v)) continue;
        helpers.push_back(isGap(*p) ? "（缺口：" + gapReason(*p) + "）" : helperName(s, *p));
      }
      r.cells.push_back(Cell::text(plugin::joinList(helpers), Align::Center));
    }
    t.rows.push_back(std::move(r));
  }
  a.blocks.emplace_back(std::move(t));
  return a;
}

/// A duty stated in the notice: who, what, how often, and the months a calendar
/// marks. The notice fixes only the frequency; the months are a suggested spread
/// (first month of each period), which the office may move.
struct Duty {
  const char* kind;      ///< pairing kind the duty belongs to
  const char* who;       ///< 帮扶责任人 category
  const char* action;    ///< 工作事项
  const char* frequency; ///< as the notice says it
  const char* clause;    ///< section of 宿巩固办〔2022〕2号
  std::array<bool, 12> months;
  /// Households: 未消除风险的监测对象 (note "risk-unresolved") have their own duty.
  enum class Scope { Any, RiskUnresolved, Others } scope = Scope::Any;
};

constexpr std::array<bool, 12> months(std::initializer_list<int> list) {
  std::array<bool, 12> m{};
  for (int i : list) m[static_cast<std::size_t>(i - 1)] = true;
  return m;
}

constexpr const char* kRiskUnresolved = "risk-unresolved";

const std::array<Duty, 10> kDuties{{
    {kinds::kLeaderArea, "县级领导", "调研走访和慰问", "每季度至少1次", "二（二）", months({1, 4, 7, 10})},
    {kinds::kUnitVillage, "定点帮扶单位", "制定年度帮扶计划", "每年3月底前", "三（一）", months({3})},
    {kinds::kUnitVillage, "定点帮扶单位", "研究推进定点帮扶工作", "每年不少于2次", "三（三）", months({3, 9})},
    {kinds::kUnitVillage, "主要负责同志", "到定点帮扶村走访调研", "每年至少1次", "三（三）", months({6})},
    {kinds::kUnitVillage, "分管负责同志", "到村调研考察、现场研究解决问题", "每年不少于2次", "三（三）", months({4, 10})},
    {kinds::kHousehold, "帮扶联系人", "对未消除风险的监测对象入户走访", "每月至少1次", "三（二）",
     months({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}), Duty::Scope::RiskUnresolved},
    {kinds::kHousehold, "帮扶联系人", "电话、网络等方式联系帮扶", "每季度至少1次", "三（二）", months({2, 5, 8, 11}),
     Duty::Scope::Others},
    {kinds::kHousehold, "帮扶联系人", "入户走访", "每半年1次", "三（二）", months({6, 12}), Duty::Scope::Others},
    {kinds::kResidentGroup, "驻村干部", "集中培训", "每年不少于1周", "四（三）", months({3})},
    {kinds::kCountyCounty, "县党政主要领导", "赴对方调研推动工作", "每半年至少1次", "五（一）", months({4, 10})},
}};

doc::Appendix renderCalendar(const model::Scheme& s, const model::AppendixRef& ref) {
  doc::Appendix a = plugin::appendixFrom(ref, doc::Orientation::Landscape);
  std::vector<std::string> headers{"帮扶责任人", "类别", "帮扶对象", "工作事项", "频次（依据）"};
  std::vector<double> weights{1.6, 1.1, 1.6, 2.4, 1.6};
  for (int m = 1; m <= 12; ++m) {
    headers.push_back(std::to_string(m) + "月");
    weights.push_back(0.45);
  }
  doc::Table t = plugin::headedTable(ref.title, headers, weights);
  t.fontHalfPoints = 21;  // 五号: 17 columns on a landscape 版心
  auto addRow = [&](const model::Pairing& p, const Duty& d) {
    Row r;
    r.cells.push_back(Cell::text(helperName(s, p), Align::Center));
    r.cells.push_back(Cell::text(d.who, Align::Center));
    const std::string target = p.target.kind == model::Party::Kind::Household ? p.target.ref
                               : p.target.kind == model::Party::Kind::Area      ? plugin::areaLabel(s, p.target.ref)
                                                                                : p.target.ref;
    r.cells.push_back(Cell::text(target, Align::Center));
    r.cells.push_back(Cell::text(d.action, Align::Left));
    r.cells.push_back(Cell::text(std::string(d.frequency) + "（" + d.clause + "）", Align::Center));
    for (bool on : d.months) r.cells.push_back(Cell::text(on ? "●" : "", Align::Center));
    t.rows.push_back(std::move(r));
  };
  for (const auto& p : s.pairings) {
    if (isGap(p)) continue;
    for (const auto& d : kDuties) {
      if (p.kind != d.kind) continue;
      const bool risk = p.note == kRiskUnresolved;
      if ((d.scope == Duty::Scope::RiskUnresolved && !risk) || (d.scope == Duty::Scope::Others && risk)) continue;
      addRow(p, d);
    }
  }
  a.blocks.emplace_back(std::move(t));
  doc::Notes notes;
  notes.items = {"频次依据宿巩固办〔2022〕2号，括号内为条款；月份为建议安排，可按实际调整。",
                 "●表示当月应开展的工作。"};
  a.blocks.emplace_back(std::move(notes));
  return a;
}

}  // namespace

std::vector<plugin::AppendixSpec> SuzhouPlugin::appendices() const {
  return {
      {"roster", "附件1", "“五大帮扶”村级花名册", doc::Orientation::Landscape},
      {"calendar", "附件2", "帮扶责任人履职日历", doc::Orientation::Landscape},
  };
}

void SuzhouPlugin::validate(const model::Scheme& s, diag::Diagnostics& d) const {
  const auto areas = villagesOf(s);
  for (const model::Area* v : areas) {
    const std::size_t index = static_cast<std::size_t>(v - s.areas.data());
    diag::Location where = v->where;
    if (where.file.empty()) where.file = s.file;
    if (where.field.empty()) where.field = "areas[" + std::to_string(index) + "]";
    for (const auto& k : kFiveKinds) {
      bool covered = false;
      for (const auto* p : plugin::pairingsOf(s, k.id)) {
        if (!targetsVillage(s, *p, *v)) continue;
        covered = true;
        if (isGap(*p))
          d.warning("suzhou.gap", where, "村“" + v->name + "”的" + k.title + "有缺口：" + gapReason(*p),
                    "village '" + v->name + "' has an acknowledged gap in " + k.id + ": " + p->note);
      }
      if (!covered)
        d.error("suzhou.missing-kind", where, "村“" + v->name + "”缺少" + k.title,
                "village '" + v->name + "' has no " + k.id + " pairing",
                "补充" + std::string(k.title) + "结对，或登记一条无帮扶方、注明缺口原因的结对");
    }
  }
  for (std::size_t i = 0; i < s.pairings.size(); ++i) {
    const auto& p = s.pairings[i];
    if (p.kind != kinds::kHousehold || !householdVillage(p).empty()) continue;
    diag::Location where = p.where;
    if (where.file.empty()) where.file = s.file;
    if (where.field.empty()) where.field = "pairings[" + std::to_string(i) + "].target";
    d.warning("suzhou.household-village", where, "帮扶户“" + p.target.ref + "”未标明所在村（应写作“村名-户N”）",
              "household '" + p.target.ref + "' does not name its village (<village>-户<N>)");
  }
}

doc::Appendix SuzhouPlugin::render(const model::Scheme& s, const model::AppendixRef& ref) const {
  if (ref.id == "roster") return renderRoster(s, ref);
  if (ref.id == "calendar") return renderCalendar(s, ref);
  throw std::invalid_argument("unknown appendix " + ref.id);
}

}  // namespace bangfu::plugins::suzhou

BANGFU_PLUGIN(bangfu::plugins::suzhou::SuzhouPlugin, bangfu::plugins::suzhou::kId,
              bangfu::plugins::suzhou::kVersion, bangfu::plugins::suzhou::kRegion)
