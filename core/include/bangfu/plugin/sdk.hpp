#pragma once
/// Helpers every region plugin needs, so that the same logic lives once:
/// display names as published, area paths, member cells with run-level faces,
/// and table scaffolding.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bangfu/doc/document.hpp"
#include "bangfu/model/scheme.hpp"
#include "bangfu/plugin/input_sheet.hpp"
#include "bangfu/plugin/plugin.hpp"

namespace bangfu::plugin {

/// 杜兴林（莲都区）: the person's name with its annotation, or the id when unknown.
std::string personLabel(const model::Scheme& scheme, const std::string& personId);
/// 莲都区（开发区） with annotation = true; the plain name otherwise.
std::string areaLabel(const model::Scheme& scheme, const std::string& areaId, bool annotation = false);
/// 四川省广元市剑阁县: the names from the top ancestor down to the area.
std::string areaPath(const model::Scheme& scheme, const std::string& areaId);
/// The unit's printed name, or the id when unknown.
std::string unitName(const model::Scheme& scheme, const std::string& unitId);

/// The area itself or its nearest ancestor at `level` (a village's county); empty if none.
std::string ancestorAt(const model::Scheme& scheme, const std::string& areaId, model::AreaLevel level);

/// A name as one part of an EntityDocument::fileStem: '/' would open a folder,
/// so it becomes the full-width ／ (市委办/市府办 → 市委办／市府办).
std::string fileNamePart(std::string name);

/// A per-entity document's header: the appendix it renders, the entity, the
/// printed title and the file stem FOLDER/NAME (NAME made safe by fileNamePart).
/// The slice starts as sliceBase(scheme); the plugin adds the entity's part.
EntityDocument entityDocument(const model::Scheme& scheme, std::string appendixId, std::string entityKind,
                              std::string entityId, std::string title, const std::string& folder,
                              const std::string& name);

/// A per-entity slice's starting point: the notice furniture a single table
/// prints (issuers, 发文字号, title, date, options), and no entities.
model::Scheme sliceBase(const model::Scheme& scheme);

/// One member as runs: units flagged `boldFlag` (e.g. "instructor-sender") in 黑体,
/// the rest in the cell's face; brackets and （N个） as published. An empty
/// `boldFlag` sets nothing in 黑体 (every run in the cell's face).
std::vector<doc::Run> memberRuns(const model::Scheme& scheme, const model::TeamMember& member,
                                 const std::string& boldFlag);
/// Several members joined by 、 (the published list form).
std::vector<doc::Run> memberListRuns(const model::Scheme& scheme,
                                     const std::vector<model::TeamMember>& members,
                                     const std::string& boldFlag);

/// Strings joined by 、.
std::string joinList(const std::vector<std::string>& items, const std::string& separator = "、");

/// A table with one header row of `headers` and column weights.
doc::Table headedTable(const std::string& name, const std::vector<std::string>& headers,
                       const std::vector<double>& weights);

/// Pairings of `kind` in scheme order.
std::vector<const model::Pairing*> pairingsOf(const model::Scheme& scheme, const std::string& kind);

/// A pairing party as printed: a unit's name, a team's name, a person's label
/// (personLabel), an area's name; a household's free text as is.
std::string partyLabel(const model::Scheme& scheme, const model::Party& party);
/// The helpers of the pairings of `kind` whose target is `targetId`, as printed
/// (partyLabel), in scheme order, each once.
std::vector<std::string> helpersOf(const model::Scheme& scheme, const std::string& kind,
                                   const std::string& targetId);

/// A 领导小组 and its 办公室 as the blocks of a name-list appendix: each committee's
/// intro, its roles as a NameList (names in published order, or 按姓氏笔画 where the
/// role says so). A committee whose id contains 办公室 is printed either as the
/// closing sentence the notices use (办公室主任由…同志担任，副主任由…同志担任。) with
/// `officeAsSentence`, or as a list under its name; a committee's stored closing
/// is printed only when there is no office committee to generate it from.
std::vector<doc::Block> committeeBlocks(const model::Scheme& scheme, bool officeAsSentence);

/// Where the option `key` was read: its workbook cell, else the scheme's file and
/// the JSON path options.<key>. For located diagnostics about option values.
diag::Location optionLocation(const model::Scheme& scheme, const std::string& key);

/// A declared setting's value: the scheme's option, else the setting's fallback.
std::string settingValue(const model::Scheme& scheme, const InputSetting& setting);

/// One record of a records sheet (InputSheetSpec::Kind::Records).
struct OptionRecord {
  int number = 0;                             ///< n of <prefix>.<n>.<field>; 0 for a default record
  std::map<std::string, std::string> fields;  ///< field → value; an empty cell has no entry
  /// The field's value, or empty.
  [[nodiscard]] std::string get(const std::string& field) const;
};
/// The records stored as options <prefix>.<n>.<field>, by n ascending (gaps are
/// allowed); keys under the prefix that do not have this form are not records.
std::vector<OptionRecord> optionRecords(const model::Scheme& scheme, const std::string& prefix);
/// The scheme's records of a records sheet, or the sheet's default records when
/// the scheme has none: what a plugin renders from.
std::vector<OptionRecord> recordsOrDefaults(const model::Scheme& scheme, const InputSheetSpec& spec);

/// Appendix skeleton from a reference: id, label, title, orientation, file stem
/// (附件1-市级领导结对帮扶方案).
doc::Appendix appendixFrom(const model::AppendixRef& ref, doc::Orientation orientation);
/// The same, with the orientation the plugin declared for `ref.id` in appendices():
/// the orientation is given once, there. Portrait for an id the plugin does not list.
doc::Appendix appendixFrom(const JurisdictionPlugin& plugin, const model::AppendixRef& ref);

/// A 合计 figure: the sum of the rows, and the figure the notice states (if any).
struct TotalFigure {
  std::size_t column = 0;        ///< the table column it stands in
  double computed = 0;           ///< the sum of the body rows
  std::optional<double> stated;  ///< the published figure (scheme.statedValue), if any
};
/// A 合计 row padded to the table's width: `label` in `labelColumn`, each figure
/// in its column, empty cells elsewhere. A figure whose stated number agrees with
/// the rows (or is absent) is a column total: XLSX writes =SUM over the body with
/// the number cached. A stated number that differs is printed as stated and
/// written as a plain number, so recalculating the spreadsheet cannot change it
/// (the core's stated-vs-computed rule warns about the difference).
doc::Row totalRow(const doc::Table& table, std::size_t labelColumn, const std::vector<TotalFigure>& figures,
                  const std::string& label = "合计");

}  // namespace bangfu::plugin
