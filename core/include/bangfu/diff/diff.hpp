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

/// Compares two schemes. Renames are matched before additions and removals:
/// - same id, new name: renamed;
/// - a unit (or area) removed and another added that takes exactly its place
///   (the same team slots with the same multiplicities, the same pairings, the
///   same kind and flags) and no other removed/added candidate fits as well:
///   renamed (new id), one change instead of a removal plus an addition.
/// People are never merged this way: a new name on a post is a new person.
Report compare(const model::Scheme& before, const model::Scheme& after);

const char* categoryName(Category c);   ///< 单位, 人员 …
const char* changeTypeName(ChangeType t);  ///< 新增, 删除, 更名, 调整, 变更

/// One line per change: "[单位] 更名：市人房办 → 市人防办".
std::string formatText(const Report& report);

/// The 变更对照表 as a notice: one table 序号 | 类别 | 变更类型 | 对象 | 变更前 | 变更后,
/// the changed cells' text in 黑体 so the record shows what moved at a glance.
doc::Notice reportNotice(const Report& report, const model::Scheme& before, const model::Scheme& after);

}  // namespace bangfu::diff
