#include "suzhou_plugin.hpp"

#include <array>
#include <optional>
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

// ---- the 履职日历 sheet of the input workbook --------------------------------

constexpr const char* kDutyPrefix = "calendar.duty";
constexpr const char* kFieldKind = "kind";
constexpr const char* kFieldScope = "scope";
constexpr const char* kFieldWho = "who";
constexpr const char* kFieldAction = "action";
constexpr const char* kFieldFrequency = "frequency";
constexpr const char* kFieldClause = "clause";
constexpr const char* kFieldMonths = "months";
constexpr const char* kScopeAny = "any";
constexpr const char* kScopeRisk = "risk-unresolved";  // also the household pairing's note
constexpr const char* kScopeOthers = "others";
constexpr const char* kRiskUnresolved = kScopeRisk;

/// The duties 宿巩固办〔2022〕2号 states, as records of the 履职日历 sheet: kind,
/// scope, who, action, frequency, clause, months. Used while a scheme has none.
plugin::InputSheetSpec dutySheet() {
  plugin::InputSheetSpec sheet;
  sheet.kind = plugin::InputSheetSpec::Kind::Records;
  sheet.name = "履职日历";
  sheet.help = "附件2 帮扶责任人履职日历的工作事项，每行一项；此表为空时按宿巩固办〔2022〕2号的 10 项。";
  sheet.prefix = kDutyPrefix;
  constexpr double kKindWidth = 18, kActionWidth = 30, kScopeWidth = 22;
  sheet.columns = {
      {kFieldKind,
       "结对类型",
       "该事项属于哪类帮扶：结对表中这一类型的每条结对各占日历一行",
       {{kinds::kLeaderArea, "领导干部联系帮扶"},
        {kinds::kUnitVillage, "单位定点帮扶"},
        {kinds::kResidentGroup, "驻村帮扶"},
        {kinds::kCountyCounty, "县域结对帮扶"},
        {kinds::kEnterprise, "社会帮扶"},
        {kinds::kHousehold, "结对帮户"}},
       kKindWidth},
      {kFieldScope,
       "适用对象",
       "仅结对帮户：未消除风险的监测对象（结对备注为 risk-unresolved）或其他帮扶户；空为全部",
       {{kScopeAny, "全部"}, {kScopeRisk, "未消除风险的监测对象"}, {kScopeOthers, "其他帮扶户"}},
       kScopeWidth},
      {kFieldWho, "帮扶责任人", "履职的人或单位，如 县级领导、定点帮扶单位"},
      {kFieldAction, "工作事项", "要做的事，如 到村调研考察", {}, kActionWidth},
      {kFieldFrequency, "频次", "通知规定的频次，如 每季度至少1次"},
      {kFieldClause, "依据条款", "通知中的条款，如 三（二）；印在频次后的括号里"},
      {kFieldMonths, "月份", "日历上打●的月份，1-12，用、分隔，如 1、4、7、10"},
  };
  using K = std::vector<std::string>;
  sheet.defaults = {
      K{kinds::kLeaderArea, "", "县级领导", "调研走访和慰问", "每季度至少1次", "二（二）", "1、4、7、10"},
      K{kinds::kUnitVillage, "", "定点帮扶单位", "制定年度帮扶计划", "每年3月底前", "三（一）", "3"},
      K{kinds::kUnitVillage, "", "定点帮扶单位", "研究推进定点帮扶工作", "每年不少于2次", "三（三）", "3、9"},
      K{kinds::kUnitVillage, "", "主要负责同志", "到定点帮扶村走访调研", "每年至少1次", "三（三）", "6"},
      K{kinds::kUnitVillage, "", "分管负责同志", "到村调研考察、现场研究解决问题", "每年不少于2次",
        "三（三）", "4、10"},
      K{kinds::kHousehold, kScopeRisk, "帮扶联系人", "对未消除风险的监测对象入户走访", "每月至少1次",
        "三（二）", "1、2、3、4、5、6、7、8、9、10、11、12"},
      K{kinds::kHousehold, kScopeOthers, "帮扶联系人", "电话、网络等方式联系帮扶", "每季度至少1次",
        "三（二）", "2、5、8、11"},
      K{kinds::kHousehold, kScopeOthers, "帮扶联系人", "入户走访", "每半年1次", "三（二）", "6、12"},
      K{kinds::kResidentGroup, "", "驻村干部", "集中培训", "每年不少于1周", "四（三）", "3"},
      K{kinds::kCountyCounty, "", "县党政主要领导", "赴对方调研推动工作", "每半年至少1次", "五（一）",
        "4、10"},
  };
  return sheet;
}

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
    case model::Party::Kind::Person:
      return plugin::personLabel(s, p.helper.ref);
    case model::Party::Kind::Unit:
      return plugin::unitName(s, p.helper.ref);
    case model::Party::Kind::Area:
      return plugin::areaPath(s, p.helper.ref);
    case model::Party::Kind::Team: {
      const model::Team* t = s.findTeam(p.helper.ref);
      return t && !t->name.empty() ? t->name : p.helper.ref;
    }
    case model::Party::Kind::Household:
      return p.helper.ref;
  }
  return p.helper.ref;
}

/// The area a pairing of `kind` must target for `village`: the village itself,
/// except 县域结对帮扶, which pairs counties.
bool targetsVillage(const model::Scheme& s, const model::Pairing& p, const model::Area& village) {
  if (p.kind == kinds::kCountyCounty)
    return p.target.ref == village.parent || [&] {
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
doc::Appendix renderRoster(const model::Scheme& s, const model::AppendixRef& ref, doc::Appendix a) {
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
/// (first month of each period), which the office may move on the 履职日历 sheet
/// of the input workbook (options calendar.duty.<n>.<field>).
struct Duty {
  std::string kind;       ///< pairing kind the duty belongs to
  std::string who;        ///< 帮扶责任人 category
  std::string action;     ///< 工作事项
  std::string frequency;  ///< as the notice says it
  std::string clause;     ///< section of 宿巩固办〔2022〕2号
  std::array<bool, 12> months{};
  /// Households: 未消除风险的监测对象 (note "risk-unresolved") have their own duty.
  std::string scope = kScopeAny;
};

/// The months of a 月份 cell, 1、4、7、10 (、，,；; and spaces separate); nullopt
/// when a part is not a month 1-12 or there is none.
std::optional<std::array<bool, 12>> parseMonths(const std::string& text) {
  std::array<bool, 12> m{};
  bool any = false;
  std::string digits;
  auto flush = [&]() {
    if (digits.empty()) return true;
    const int n = digits.size() <= 2 ? std::stoi(digits) : 0;
    digits.clear();
    if (n < 1 || n > 12) return false;
    m[static_cast<std::size_t>(n - 1)] = any = true;
    return true;
  };
  static const std::vector<std::string> kSeparators{"、", "，", ",", "；", ";", " ", "\u3000", "月"};
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] >= '0' && text[i] <= '9') {
      digits += text[i++];
      continue;
    }
    bool separator = false;
    for (const auto& sep : kSeparators) {
      if (text.compare(i, sep.size(), sep) == 0) {
        if (!flush()) return std::nullopt;
        i += sep.size();
        separator = true;
        break;
      }
    }
    if (!separator) return std::nullopt;
  }
  if (!flush() || !any) return std::nullopt;
  return m;
}

std::vector<Duty> dutiesOf(const model::Scheme& s) {
  std::vector<Duty> out;
  for (const auto& r : plugin::recordsOrDefaults(s, dutySheet())) {
    Duty d;
    d.kind = r.get(kFieldKind);
    d.who = r.get(kFieldWho);
    d.action = r.get(kFieldAction);
    d.frequency = r.get(kFieldFrequency);
    d.clause = r.get(kFieldClause);
    if (auto m = parseMonths(r.get(kFieldMonths))) d.months = *m;
    if (const std::string scope = r.get(kFieldScope); !scope.empty()) d.scope = scope;
    out.push_back(std::move(d));
  }
  return out;
}

doc::Appendix renderCalendar(const model::Scheme& s, const model::AppendixRef& ref, doc::Appendix a) {
  std::vector<std::string> headers{"帮扶责任人", "类别", "帮扶对象", "工作事项", "频次（依据）"};
  std::vector<double> weights{1.6, 1.1, 1.6, 2.4, 1.6};
  for (int m = 1; m <= 12; ++m) {
    headers.push_back(std::to_string(m) + "月");
    weights.push_back(0.45);
  }
  doc::Table t = plugin::headedTable(ref.title, headers, weights);
  t.fontHalfPoints = 24;  // 小四, the floor offices set tables at (issue 16): 17 columns on a landscape 版心
  const std::vector<Duty> duties = dutiesOf(s);
  auto addRow = [&](const model::Pairing& p, const Duty& d) {
    Row r;
    r.cells.push_back(Cell::text(helperName(s, p), Align::Center));
    r.cells.push_back(Cell::text(d.who, Align::Center));
    const std::string target = p.target.kind == model::Party::Kind::Household ? p.target.ref
                               : p.target.kind == model::Party::Kind::Area
                                   ? plugin::areaLabel(s, p.target.ref)
                                   : p.target.ref;
    r.cells.push_back(Cell::text(target, Align::Center));
    r.cells.push_back(Cell::text(d.action, Align::Left));
    r.cells.push_back(
        Cell::text(d.clause.empty() ? d.frequency : d.frequency + "（" + d.clause + "）", Align::Center));
    for (bool on : d.months) r.cells.push_back(Cell::text(on ? "●" : "", Align::Center));
    t.rows.push_back(std::move(r));
  };
  for (const auto& p : s.pairings) {
    if (isGap(p)) continue;
    for (const auto& d : duties) {
      if (p.kind != d.kind) continue;
      const bool risk = p.note == kRiskUnresolved;
      if ((d.scope == kScopeRisk && !risk) || (d.scope == kScopeOthers && risk)) continue;
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
                "补充" + std::string(k.title) + "结对，或登记一条无帮扶方、注明缺口原因的结对",
                "add a pairing of \"" + std::string(k.title) +
                    "\", or record one without a helper and say why in its note");
    }
  }
  // The scheme's own duties (履职日历): complete, with months a calendar can mark.
  const plugin::InputSheetSpec sheet = dutySheet();
  for (const auto& r : plugin::optionRecords(s, kDutyPrefix)) {
    const std::string first = plugin::recordKey(kDutyPrefix, r.number, r.fields.begin()->first);
    for (const auto& c : sheet.columns) {
      if (c.field == kFieldScope || c.field == kFieldClause || !r.get(c.field).empty()) continue;
      d.error("suzhou.duty-incomplete", plugin::optionLocation(s, first),
              "履职日历第" + std::to_string(r.number) + "项缺少“" + c.header + "”",
              "duty " + std::to_string(r.number) + " of the calendar has no " + c.field,
              "在履职日历表中补上" + c.header, "add \"" + c.header + "\" to the duty calendar sheet");
    }
    const std::string months = r.get(kFieldMonths);
    if (!months.empty() && !parseMonths(months)) {
      d.error("suzhou.bad-months",
              plugin::optionLocation(s, plugin::recordKey(kDutyPrefix, r.number, kFieldMonths)),
              "月份“" + months + "”无法识别", "the months '" + months + "' are not months 1-12",
              "如 1、4、7、10", "e.g. 1、4、7、10");
    }
  }
  for (std::size_t i = 0; i < s.pairings.size(); ++i) {
    const auto& p = s.pairings[i];
    if (p.kind != kinds::kHousehold || !householdVillage(p).empty()) continue;
    diag::Location where = p.where;
    if (where.file.empty()) where.file = s.file;
    if (where.field.empty()) where.field = "pairings[" + std::to_string(i) + "].target";
    d.warning("suzhou.household-village", where,
              "帮扶户“" + p.target.ref + "”未标明所在村（应写作“村名-户N”）",
              "household '" + p.target.ref + "' does not name its village (<village>-户<N>)");
  }
}

std::vector<plugin::InputSheetSpec> SuzhouPlugin::inputSheets() const { return {dutySheet()}; }

doc::Appendix SuzhouPlugin::render(const model::Scheme& s, const model::AppendixRef& ref) const {
  if (ref.id == "roster") return renderRoster(s, ref, plugin::appendixFrom(*this, ref));
  if (ref.id == "calendar") return renderCalendar(s, ref, plugin::appendixFrom(*this, ref));
  throw std::invalid_argument("unknown appendix " + ref.id);
}

}  // namespace bangfu::plugins::suzhou

BANGFU_PLUGIN(bangfu::plugins::suzhou::SuzhouPlugin, bangfu::plugins::suzhou::kId,
              bangfu::plugins::suzhou::kVersion, bangfu::plugins::suzhou::kRegion)
