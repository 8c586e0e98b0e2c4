#pragma once
/// The core scheme model: one model for every region (design.md "The core model").
/// Entities refer to each other by id (a string). For hand-written schemes the id
/// may be the display name itself; loaders fill `where` so that validation can
/// name the place of every problem.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bangfu/diag/diagnostic.hpp"

namespace bangfu::model {

enum class AreaLevel { Province, City, County, Town, Village };

/// 行政区划. flags: "key-village" (重点帮扶村), "hard-village" (困难村).
struct Area {
  std::string id;
  std::string name;
  AreaLevel level = AreaLevel::Village;
  std::string parent;      ///< id of the enclosing area, or empty
  std::string annotation;  ///< printed after the name in （）, e.g. 开发区 in 莲都区（开发区）
  std::vector<std::string> flags;
  diag::Location where;
};

/// 单位. flags: "instructor-sender" (指导员派出单位, printed in 黑体 in Lishui),
/// "enterprise" (社会帮扶企业).
struct Unit {
  std::string id;
  std::string name;
  std::string kind;  ///< 机关, 事业单位, 国有企业, 金融机构, 社会组织, 企业 … (free text)
  std::vector<std::string> flags;
  diag::Location where;

  [[nodiscard]] bool hasFlag(const std::string& f) const;
};

/// 人员.
struct Person {
  std::string id;
  std::string name;        ///< raw, never padded; padding is for display only
  std::string unit;        ///< unit id, or empty
  std::string post;        ///< 职务
  std::string annotation;  ///< printed in （） after the name: 杜兴林（莲都区）
  std::vector<std::string> roles;
  diag::Location where;
};

/// Bounds of a multiplicity, the N of 市农业农村局（N个）: a unit sends at least one
/// work group, and no published scheme comes near a thousand from one unit.
inline constexpr int kMinMultiplicity = 1;
inline constexpr int kMaxMultiplicity = 999;

/// One entry of a team's member list: a unit sending `multiplicity` groups
/// (市农业农村局（2个）), or a joint group of several units counting as one
/// ((市文联、市社科联)).
struct TeamMember {
  std::vector<std::string> units;  ///< unit ids; more than one = joint group
  int multiplicity = 1;
  diag::Location where;

  [[nodiscard]] bool isJoint() const { return units.size() > 1; }
  /// Groups this entry contributes to the team's 工作组数: a joint group is one group.
  [[nodiscard]] int groups() const { return multiplicity; }
};

/// 帮扶团组/工作组: a leading unit, members, a target area, stated counts.
struct Team {
  std::string id;
  std::string name;
  std::string target;                     ///< area id (county for Lishui, village pair for Dongli)
  std::vector<std::string> targets;       ///< further target areas (a Dongli group helps 2 villages)
  std::optional<TeamMember> leader;       ///< 组长单位
  std::vector<TeamMember> members;        ///< 团组单位 / 成员单位, in published order
  std::vector<std::string> people;        ///< person ids (驻村工作组 cadres)
  std::optional<int> statedGroups;        ///< 工作组数 as published
  std::optional<int> statedInstructors;   ///< 指导员数 as published
  std::optional<int> statedVillages;      ///< 帮扶村数 as published (Zhejiang)
  std::vector<std::string> partnerAreas;  ///< 发达县 (Zhejiang)
  diag::Location where;

  /// 工作组数 computed from the leader and the members, with multiplicities;
  /// saturates at INT_MAX instead of overflowing on unchecked input.
  [[nodiscard]] int computedGroups() const;
};

/// Who helps or is helped in a pairing.
struct Party {
  enum class Kind { Person, Unit, Team, Area, Household };
  Kind kind = Kind::Area;
  std::string ref;  ///< id of the person, unit, team or area; free text for a household
};

/// 结对. kind is one of the names in kPairingKinds (extensible by plugins).
struct Pairing {
  std::string kind;
  Party helper;
  Party target;
  std::string period;  ///< e.g. 2018-2022
  std::string role;    ///< e.g. 配合帮扶 for a supporting enterprise
  std::string note;
  diag::Location where;
};

/// Pairing kinds found in the seeds. Plugins may use others.
namespace kinds {
inline constexpr const char* kLeaderArea = "leader-area";        ///< 领导联系 (leader → county/village)
inline constexpr const char* kUnitVillage = "unit-village";      ///< 单位定点帮扶
inline constexpr const char* kTeamArea = "team-area";            ///< 团组 → county
inline constexpr const char* kResidentGroup = "resident-group";  ///< 驻村工作组
inline constexpr const char* kCountyCounty = "county-county";    ///< 县域结对 / 东西部协作
inline constexpr const char* kEnterprise = "enterprise-support";  ///< 企业配合帮扶 / 社会帮扶
inline constexpr const char* kHousehold = "household";            ///< 帮扶联系人 → 户
}  // namespace kinds

/// A committee role (组长, 副组长, 成员, 办公室主任 …) with its people in published order.
struct CommitteeRole {
  std::string title;
  std::vector<std::string> people;  ///< person ids
  bool strokeOrder = false;         ///< the list is unordered: print 按姓氏笔画
};

/// 领导小组/办公室.
struct Committee {
  std::string id;
  std::string name;
  std::string intro;  ///< the sentence before the list
  std::vector<CommitteeRole> roles;
  std::string closing;  ///< e.g. 领导小组办公室设在区委组织部 …
  diag::Location where;
};

/// A figure stated in the notice, kept beside the computed one so that a mismatch
/// is reported, not hidden. Known keys: "total.groups", "total.instructors",
/// "total.villages", "count.target-villages" (body text), "count.teams".
struct StatedFigure {
  std::string key;
  std::string label;  ///< where it was stated, e.g. 附件2 合计 or 正文 “158个重点帮扶村”
  long long value = 0;
  /// Why the office accepted a difference from the computed figure (原文如此 …);
  /// non-empty: the difference is reported once as acknowledged, not as a warning.
  std::string acknowledged;
  diag::Location where;
};

struct AppendixRef {
  std::string id;     ///< the plugin's appendix id, e.g. "leaders"
  std::string label;  ///< 附件1
  std::string title;  ///< 市级领导结对帮扶方案
};

/// Notice metadata: issuers, 发文字号, title, 成文日期, 主送, appendices.
struct NoticeMeta {
  std::vector<std::string> issuers;
  std::string docNumber;  ///< 丽委办发〔2019〕23号
  std::string title;
  std::string date;        ///< 成文日期, 2019年5月30日
  std::string recipients;  ///< 主送
  std::vector<AppendixRef> appendices;
};

struct Scheme {
  std::string plugin;      ///< plugin id that renders it, e.g. "lishui"
  std::string name;        ///< example name
  std::string source;      ///< where the data comes from (seed file, or "fictional")
  bool fictional = false;  ///< the data is invented (suzhou example); printed on outputs
  NoticeMeta notice;
  std::vector<Area> areas;
  std::vector<Unit> units;
  std::vector<Person> people;
  std::vector<Team> teams;
  std::vector<Pairing> pairings;
  std::vector<Committee> committees;
  std::vector<StatedFigure> stated;
  /// Appendix notes (说明), keyed by appendix id, in order.
  std::map<std::string, std::vector<std::string>> notes;
  /// Plugin-specific settings (string values), e.g. "leaders.column" → "市 级 领 导".
  std::map<std::string, std::string> options;
  std::string file;  ///< the file it was loaded from (for diagnostics)
  /// Where an option was read (its workbook cell); absent for JSON, where the
  /// place is the path options.<key>. Not compared by ==.
  std::map<std::string, diag::Location> optionWhere;
  /// Where the plugin id was read (the 插件 row of a workbook); empty for JSON.
  diag::Location pluginWhere;
  /// The cell each field was read from, keyed by its JSON path (pairings[3].helper,
  /// teams[0].targets for the list cell), so that a rule names the exact cell of
  /// the offending value. Filled by the workbook reader; empty for JSON. Not compared by ==.
  std::map<std::string, diag::Location> fieldWhere;

  [[nodiscard]] const Area* findArea(const std::string& id) const;
  [[nodiscard]] const Unit* findUnit(const std::string& id) const;
  [[nodiscard]] const Person* findPerson(const std::string& id) const;
  [[nodiscard]] const Team* findTeam(const std::string& id) const;
  [[nodiscard]] std::optional<long long> statedValue(const std::string& key) const;
  [[nodiscard]] std::string option(const std::string& key, const std::string& fallback = {}) const;
  /// The cell of a field (fieldWhere), trying the path without its last index
  /// (teams[0].targets[1] → teams[0].targets) for lists read from one cell.
  [[nodiscard]] const diag::Location* cellOf(const std::string& path) const;
};

bool operator==(const Scheme& a, const Scheme& b);
bool operator!=(const Scheme& a, const Scheme& b);

}  // namespace bangfu::model
