#include "dongli_plugin.hpp"

#include <stdexcept>

#include "bangfu/plugin/sdk.hpp"

namespace bangfu::plugins::dongli {

namespace {

using doc::Align;
using doc::Cell;
using doc::Row;

// The settings of the 附件设置 sheet (`bangfu init`); the defaults are the 2017 notice's layout.
const plugin::InputSetting kStreetHeader{"villages.header.street", "附件1 街道列表头",
                                         "困难村安排表中街道一列的表头", "街道"};
const plugin::InputSetting kVillageHeader{"villages.header.village", "附件1 村列表头",
                                          "困难村安排表中村一列的表头", "村"};
const plugin::InputSetting kUnitHeader{"villages.header.unit", "附件1 帮扶单位列表头", "帮扶单位一列的表头",
                                       "帮扶单位"};
const plugin::InputSetting kEnterpriseHeader{"villages.header.enterprise", "附件1 企业列表头",
                                             "配合帮扶企业一列的表头", "配合帮扶企业"};
const plugin::InputSetting kGroupHeader{"villages.header.group", "附件1 驻村工作组列表头",
                                        "驻村工作组一列的表头", "驻村工作组"};
const plugin::InputSetting kMergeStreets{"villages.merge-streets",
                                         "附件1 同一街道合并单元格",
                                         "是：相邻几行属于同一街道时，街道一格合并；否：每行都写街道",
                                         "true",
                                         {{"true", "是"}, {"false", "否"}}};
const plugin::InputSetting kOfficeLayout{
    "committee.office",
    "附件2 办公室组成人员写法",
    "一句话：办公室主任由…同志担任，副主任由…同志担任。名单：与领导小组一样按职务列名单",
    "sentence",
    {{"sentence", "一句话"}, {"list", "名单"}}};

using plugin::helpersOf;

/// 困难村结对帮扶安排表: villages in scheme order; a street spanning consecutive rows
/// is one merged cell, as an office would draw it.
doc::Appendix renderVillages(const model::Scheme& s, const model::AppendixRef& ref, doc::Appendix a) {
  doc::Table t =
      plugin::headedTable(ref.title,
                          {"序号", plugin::settingValue(s, kStreetHeader),
                           plugin::settingValue(s, kVillageHeader), plugin::settingValue(s, kUnitHeader),
                           plugin::settingValue(s, kEnterpriseHeader), plugin::settingValue(s, kGroupHeader)},
                          {0.7, 1.4, 1.4, 1.8, 3.2, 2.2});
  const bool merge = plugin::settingValue(s, kMergeStreets) == "true";
  std::vector<const model::Area*> villages;
  for (const auto& area : s.areas)
    if (isHardVillage(area)) villages.push_back(&area);
  std::size_t streetRow = 0;  // index in t.rows of the row holding the current street cell
  std::string street;
  for (std::size_t i = 0; i < villages.size(); ++i) {
    const model::Area& v = *villages[i];
    Row r;
    r.cells.push_back(Cell::num(static_cast<double>(i + 1)));
    if (merge && i > 0 && v.parent == street) {
      ++t.rows[streetRow].cells[1].rowSpan;  // covered: this row lists no street cell
    } else {
      street = v.parent;
      streetRow = t.rows.size();
      r.cells.push_back(Cell::text(plugin::areaLabel(s, v.parent), Align::Center));
    }
    r.cells.push_back(Cell::text(v.name, Align::Center));
    r.cells.push_back(
        Cell::text(plugin::joinList(helpersOf(s, model::kinds::kUnitVillage, v.id)), Align::Center));
    r.cells.push_back(
        Cell::text(plugin::joinList(helpersOf(s, model::kinds::kEnterprise, v.id)), Align::Center));
    r.cells.push_back(
        Cell::text(plugin::joinList(helpersOf(s, model::kinds::kResidentGroup, v.id)), Align::Center));
    t.rows.push_back(std::move(r));
  }
  a.blocks.emplace_back(std::move(t));
  return a;
}

/// 领导小组及办公室组成人员名单: the group as a name list, the office as the
/// closing sentence the notice uses, or as a list (the 附件设置 choice).
doc::Appendix renderCommittee(const model::Scheme& s, const model::AppendixRef&, doc::Appendix a) {
  a.blocks = plugin::committeeBlocks(s, plugin::settingValue(s, kOfficeLayout) == "sentence");
  return a;
}

}  // namespace

bool isHardVillage(const model::Area& a) {
  if (a.level != model::AreaLevel::Village) return false;
  for (const auto& f : a.flags)
    if (f == "hard-village") return true;
  return false;
}

std::vector<plugin::AppendixSpec> DongliPlugin::appendices() const {
  return {
      {"villages", "附件1", "东丽区结对帮扶困难村安排表", doc::Orientation::Landscape},
      {"committee", "附件2", "东丽区结对帮扶困难村工作领导小组及办公室组成人员名单",
       doc::Orientation::Portrait},
  };
}

void DongliPlugin::validate(const model::Scheme& s, diag::Diagnostics& d) const {
  // 实施方案 二.2: every 困难村 has a helping unit and a resident work group.
  for (std::size_t i = 0; i < s.areas.size(); ++i) {
    const auto& v = s.areas[i];
    if (!isHardVillage(v)) continue;
    diag::Location where = v.where;
    if (where.file.empty()) where.file = s.file;
    if (where.field.empty()) where.field = "areas[" + std::to_string(i) + "]";
    if (helpersOf(s, model::kinds::kUnitVillage, v.id).empty())
      d.error("dongli.village-without-unit", where, "困难村“" + v.name + "”没有帮扶单位",
              "hard village '" + v.name + "' has no helping unit", "增加一条 unit-village 结对",
              "add a unit-village pairing");
    if (helpersOf(s, model::kinds::kResidentGroup, v.id).empty())
      d.error("dongli.village-without-group", where, "困难村“" + v.name + "”没有驻村工作组",
              "hard village '" + v.name + "' has no resident work group", "增加一条 resident-group 结对",
              "add a resident-group pairing");
  }
}

std::vector<plugin::InputSheetSpec> DongliPlugin::inputSheets() const {
  plugin::InputSheetSpec sheet;
  sheet.kind = plugin::InputSheetSpec::Kind::Settings;
  sheet.name = "附件设置";
  sheet.help = "困难村安排表的表头和街道合并、办公室名单的写法；留空则用默认值（2017年通知的写法）。";
  sheet.settings = {kStreetHeader, kVillageHeader, kUnitHeader,  kEnterpriseHeader,
                    kGroupHeader,  kMergeStreets,  kOfficeLayout};
  return {sheet};
}

doc::Appendix DongliPlugin::render(const model::Scheme& s, const model::AppendixRef& ref) const {
  if (ref.id == "villages") return renderVillages(s, ref, plugin::appendixFrom(*this, ref));
  if (ref.id == "committee") return renderCommittee(s, ref, plugin::appendixFrom(*this, ref));
  throw std::invalid_argument("unknown appendix " + ref.id);
}

}  // namespace bangfu::plugins::dongli

BANGFU_PLUGIN(bangfu::plugins::dongli::DongliPlugin, bangfu::plugins::dongli::kId,
              bangfu::plugins::dongli::kVersion, bangfu::plugins::dongli::kRegion)
