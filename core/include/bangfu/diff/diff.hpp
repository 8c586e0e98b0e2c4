#pragma once
/// `bangfu diff`: the change report between two versions of a scheme (roster
/// changes: people added, removed or moved; units added, removed or renamed;
/// pairings changed; counts and totals changed). See docs/batch.md "diff".
#include <string>
#include <vector>

#include "bangfu/doc/document.hpp"
#include "bangfu/model/scheme.hpp"

namespace bangfu::diff {

enum class Category { Area, Unit, Person, Team, Pairing, Committee, Figure };

enum class ChangeType { Added, Removed, Renamed, Moved, Changed };

struct Change {
  Category category = Category::Unit;
  ChangeType type = ChangeType::Changed;
  std::string subject;  ///< what changed: 市人防办, 莲都区团组 工作组数
  std::string before;   ///< empty for an addition
  std::string after;    ///< empty for a removal
};

struct Report {
  std::vector<Change> changes;  ///< by category, then in the new scheme's order
  [[nodiscard]] bool empty() const { return changes.empty(); }
};

/// Compares two schemes. Entities are matched by id; an entity whose id the other
/// version lacks is matched by its name first (model::withIdsOf), so a workbook
/// with codes (U001) compares with the JSON it was made from. Renames are matched
/// before additions and removals:
/// - same id, new name: renamed (a workbook's rename of one 名称 cell);
/// - a unit (or area) removed and another added that takes exactly its place
///   (the same team slots with the same multiplicities, the same pairings, the
///   same kind and flags) and no other removed/added candidate fits as well:
///   renamed (new id), one change instead of a removal plus an addition.
/// People are never merged this way: a new name on a post is a new person.
Report compare(const model::Scheme& before, const model::Scheme& after);

const char* categoryName(Category c);      ///< 单位, 人员 …
const char* changeTypeName(ChangeType t);  ///< 新增, 删除, 更名, 调整, 变更

/// One line per change: "[单位] 更名：市人房办 → 市人防办".
/// English under an English locale: "[unit] renamed: 市人房办 → 市人防办".
std::string formatText(const Report& report, bool english = false);

/// How the report names the two versions and what date it carries.
struct ReportLabels {
  std::string before;  ///< e.g. 2025年版, or the old 成文日期
  std::string after;
  std::string date;  ///< printed under the table, 2026年3月1日
};

/// The labels a report uses unless told: each version's 成文日期, else its file's
/// modification date (2026年3月1日); 旧版/新版 are added when both read alike.
/// The report's date is the new version's.
ReportLabels defaultLabels(const model::Scheme& before, const model::Scheme& after);

/// The 变更对照表 as a notice: one table 序号 | 类别 | 变更类型 | 对象 | 变更前 | 变更后,
/// the changed cells' text in 黑体 so the record shows what moved at a glance;
/// the title names both versions, 说明 says what was compared, the date closes it.
doc::Notice reportNotice(const Report& report, const model::Scheme& before, const model::Scheme& after,
                         const ReportLabels& labels);
/// The same with defaultLabels().
doc::Notice reportNotice(const Report& report, const model::Scheme& before, const model::Scheme& after);

}  // namespace bangfu::diff
