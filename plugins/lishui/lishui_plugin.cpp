#include "lishui_plugin.hpp"

#include <stdexcept>

#include "bangfu/plugin/sdk.hpp"

namespace bangfu::plugins::lishui {

namespace {

using doc::Align;
using doc::Cell;
using doc::Row;

/// 指导员派出单位 are printed in 黑体 inside the 团组单位 cell (附件2 说明 5).
constexpr const char* kInstructorFlag = "instructor-sender";

// The settings of the 附件设置 sheet (`bangfu init`), each with the notice's own
// wording as its default, so an example without options prints as published.
const std::vector<plugin::InputChoice> kYesNo{{"true", "是"}, {"false", "否"}};
const plugin::InputSetting kLeadersArea{"leaders.header.area", "附件1 第1列表头",
                                        "市级领导结对帮扶方案第1列的表头", "结对帮扶村所在的县（市、区）"};
const plugin::InputSetting kLeadersPeople{"leaders.header.people", "附件1 第2列表头",
                                          "市级领导结对帮扶方案第2列的表头，可加空格如 市 级 领 导",
                                          "市级领导"};
const plugin::InputSetting kTeamsCounty{"teams.header.county", "附件2 第1列表头", "团组安排方案第1列的表头",
                                        "县（市、区）"};
const plugin::InputSetting kTeamsLeader{"teams.header.leader", "附件2 第2列表头", "团组安排方案第2列的表头",
                                        "组长单位"};
const plugin::InputSetting kTeamsMembers{"teams.header.members", "附件2 第3列表头", "团组安排方案第3列的表头",
                                         "团组单位"};
const plugin::InputSetting kTeamsGroups{"teams.header.groups", "附件2 第4列表头", "团组安排方案第4列的表头",
                                        "工作组数"};
const plugin::InputSetting kTeamsInstructors{"teams.header.instructors", "附件2 第5列表头",
                                             "团组安排方案第5列的表头", "指导员数"};
const plugin::InputSetting kInstructorBold{
    "teams.instructor-bold", "附件2 指导员派出单位用黑体",
    "是：单位表中标为“指导员派出单位”的单位在团组单位中用黑体（附件2 说明5）", "true", kYesNo};

/// 附件1: one row per county, its leaders joined by 、 in published order.
doc::Appendix renderLeaders(const model::Scheme& s, const model::AppendixRef& ref, doc::Appendix a) {
  doc::Table t = plugin::headedTable(
      ref.title, {plugin::settingValue(s, kLeadersArea), plugin::settingValue(s, kLeadersPeople)},
      {1.0, 2.0});
  std::vector<std::string> counties;
  std::vector<std::vector<std::string>> leaders;
  for (const auto* p : plugin::pairingsOf(s, model::kinds::kLeaderArea)) {
    std::size_t i = 0;
    while (i < counties.size() && counties[i] != p->target.ref) ++i;
    if (i == counties.size()) {
      counties.push_back(p->target.ref);
      leaders.emplace_back();
    }
    leaders[i].push_back(plugin::personLabel(s, p->helper.ref));
  }
  for (std::size_t i = 0; i < counties.size(); ++i) {
    Row r;
    r.cells.push_back(Cell::text(plugin::areaLabel(s, counties[i], true), Align::Center));
    r.cells.push_back(Cell::text(plugin::joinList(leaders[i]), Align::Left));
    t.rows.push_back(std::move(r));
  }
  a.blocks.emplace_back(std::move(t));
  return a;
}

/// 附件2 (landscape, 25 columns of text would not fit portrait): one row per team,
/// then 合计 as column sums, then the 说明 notes.
doc::Appendix renderTeams(const model::Scheme& s, const model::AppendixRef& ref, doc::Appendix a) {
  doc::Table t =
      plugin::headedTable(ref.title,
                          {plugin::settingValue(s, kTeamsCounty), plugin::settingValue(s, kTeamsLeader),
                           plugin::settingValue(s, kTeamsMembers), plugin::settingValue(s, kTeamsGroups),
                           plugin::settingValue(s, kTeamsInstructors)},
                          {1.7, 2.4, 8.0, 1.1, 1.1});
  const std::string bold = plugin::settingValue(s, kInstructorBold) == "true" ? kInstructorFlag : "";
  t.columns[2].align = Align::Justify;
  t.columns[3].numeric = t.columns[4].numeric = true;
  double groups = 0, instructors = 0;
  bool anyInstructors = false;
  for (const auto& team : s.teams) {
    Row r;
    r.cells.push_back(Cell::text(plugin::areaLabel(s, team.target), Align::Center));
    r.cells.push_back(team.leader ? Cell::runs(plugin::memberRuns(s, *team.leader, bold), Align::Center)
                                  : Cell::text(""));
    r.cells.push_back(Cell::runs(plugin::memberListRuns(s, team.members, bold), Align::Justify));
    const int g = team.statedGroups ? *team.statedGroups : team.computedGroups();
    groups += g;
    r.cells.push_back(Cell::num(g));
    if (team.statedInstructors) {
      instructors += *team.statedInstructors;
      anyInstructors = true;
      r.cells.push_back(Cell::num(*team.statedInstructors));
    } else {
      r.cells.push_back(Cell::text(""));
    }
    t.rows.push_back(std::move(r));
  }
  // 合计 under 团组单位; the 指导员数 column totals only when some team states one.
  std::vector<plugin::TotalFigure> figures{{3, groups, s.statedValue("total.groups")}};
  if (anyInstructors) figures.push_back({4, instructors, s.statedValue("total.instructors")});
  Row total = plugin::totalRow(t, 2, figures);
  t.rows.push_back(std::move(total));
  a.blocks.emplace_back(std::move(t));
  auto notes = s.notes.find(ref.id);
  if (notes != s.notes.end() && !notes->second.empty()) {
    doc::Notes n;
    n.items = notes->second;
    a.blocks.emplace_back(std::move(n));
  }
  return a;
}

/// 东西部扶贫协作结对关系一览表: 序号, the Lishui county, the paired county by its full path.
doc::Appendix renderEastWest(const model::Scheme& s, const model::AppendixRef& ref, doc::Appendix a) {
  doc::Table t =
      plugin::headedTable(ref.title, {"序号", "县（市、区）", "东西部扶贫协作结对县（区）"}, {0.8, 1.6, 3.0});
  int n = 0;
  for (const auto* p : plugin::pairingsOf(s, model::kinds::kCountyCounty)) {
    Row r;
    r.cells.push_back(Cell::num(++n));
    r.cells.push_back(Cell::text(plugin::areaLabel(s, p->helper.ref), Align::Center));
    r.cells.push_back(Cell::text(plugin::areaPath(s, p->target.ref), Align::Center));
    t.rows.push_back(std::move(r));
  }
  a.blocks.emplace_back(std::move(t));
  return a;
}

}  // namespace

std::vector<plugin::AppendixSpec> LishuiPlugin::appendices() const {
  return {
      {"leaders", "附件1", "市级领导结对帮扶方案", doc::Orientation::Portrait},
      {"teams", "附件2", "市级结对帮扶团组安排方案", doc::Orientation::Landscape},
      {"east-west", "附件", "丽水市东西部扶贫协作结对关系一览表", doc::Orientation::Portrait},
  };
}

void LishuiPlugin::validate(const model::Scheme& s, diag::Diagnostics& d) const {
  // A leader is paired with a county (附件1 lists counties).
  for (std::size_t i = 0; i < s.pairings.size(); ++i) {
    const auto& p = s.pairings[i];
    if (p.kind != model::kinds::kLeaderArea) continue;
    const model::Area* a = s.findArea(p.target.ref);
    if (a && a->level != model::AreaLevel::County) {
      diag::Location where = p.where;
      if (where.file.empty()) where.file = s.file;
      if (where.field.empty()) where.field = "pairings[" + std::to_string(i) + "].target";
      d.error("lishui.leader-target", where, "市级领导结对对象“" + a->name + "”不是县（市、区）",
              "a city leader must be paired with a county; '" + a->name + "' is not one");
    }
  }
  // 指导员数 against the units marked as 指导员派出单位, where the scheme marks any.
  for (std::size_t t = 0; t < s.teams.size(); ++t) {
    const auto& team = s.teams[t];
    if (!team.statedInstructors) continue;
    int flagged = 0;
    bool anyFlag = false;
    auto count = [&](const model::TeamMember& m) {
      for (const auto& u : m.units) {
        const model::Unit* unit = s.findUnit(u);
        if (unit && unit->hasFlag(kInstructorFlag)) {
          anyFlag = true;
          flagged += m.multiplicity;
        }
      }
    };
    if (team.leader) count(*team.leader);
    for (const auto& m : team.members) count(m);
    if (anyFlag && flagged != *team.statedInstructors) {
      diag::Location where = team.where;
      if (where.file.empty()) where.file = s.file;
      if (where.field.empty()) where.field = "teams[" + std::to_string(t) + "].statedInstructors";
      d.warning("lishui.instructors-mismatch", where,
                "团组“" + team.id + "”指导员数为" + std::to_string(*team.statedInstructors) +
                    "，标注为指导员派出单位的有" + std::to_string(flagged) + "个",
                "team '" + team.id + "' states " + std::to_string(*team.statedInstructors) +
                    " instructors but " + std::to_string(flagged) + " units are marked as sending one");
    }
  }
}

std::vector<plugin::InputSheetSpec> LishuiPlugin::inputSheets() const {
  plugin::InputSheetSpec sheet;
  sheet.kind = plugin::InputSheetSpec::Kind::Settings;
  sheet.name = "附件设置";
  sheet.help = "附件表头等印在附件上的文字，按本年度通知改写；留空则用默认值（2019年通知的写法）。";
  sheet.settings = {kLeadersArea,  kLeadersPeople, kTeamsCounty,      kTeamsLeader,
                    kTeamsMembers, kTeamsGroups,   kTeamsInstructors, kInstructorBold};
  return {sheet};
}

doc::Appendix LishuiPlugin::render(const model::Scheme& s, const model::AppendixRef& ref) const {
  if (ref.id == "leaders") return renderLeaders(s, ref, plugin::appendixFrom(*this, ref));
  if (ref.id == "teams") return renderTeams(s, ref, plugin::appendixFrom(*this, ref));
  if (ref.id == "east-west") return renderEastWest(s, ref, plugin::appendixFrom(*this, ref));
  throw std::invalid_argument("unknown appendix " + ref.id);
}

}  // namespace bangfu::plugins::lishui

BANGFU_PLUGIN(bangfu::plugins::lishui::LishuiPlugin, bangfu::plugins::lishui::kId,
              bangfu::plugins::lishui::kVersion, bangfu::plugins::lishui::kRegion)
