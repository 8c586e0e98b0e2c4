#pragma once
// The input workbook's layout (docs/workbook.md): the sheets, their columns and
// example rows, shared by the writer (workbook_writer.cpp, `bangfu init`) and the
// reader (workbook_scheme.cpp), so that both and the 填表说明 sheet agree.
#include <string>
#include <vector>

#include "bangfu/plugin/input_sheet.hpp"

namespace bangfu::io::workbook {

inline constexpr const char* kInstructionsSheet = "填表说明";
inline constexpr const char* kExampleSheet = "示例";  ///< examples of every sheet, never read
inline constexpr const char* kNoticeSheet = "通知";
inline constexpr const char* kAreaSheet = "区划";
inline constexpr const char* kUnitSheet = "单位";
inline constexpr const char* kPersonSheet = "人员";
inline constexpr const char* kTeamSheet = "团组";
inline constexpr const char* kMemberSheet = "团组成员";
inline constexpr const char* kPairingSheet = "结对";
inline constexpr const char* kCommitteeSheet = "领导小组";
inline constexpr const char* kStatedSheet = "统计数字";
inline constexpr const char* kNotesSheet = "说明";
inline constexpr const char* kOptionsSheet = "选项";

/// Several values in one cell (flags, roles, area lists) are separated by 、 when
/// written; 、，,；; all separate when read.
inline constexpr const char* kListSeparator = "、";
inline constexpr const char* kYes = "是";
inline constexpr const char* kNo = "否";
inline constexpr const char* kLeaderCategory = "组长单位";
inline constexpr const char* kMemberCategory = "成员单位";

enum class Check { None, Values, Reference, Count, YesNo };

struct ColumnSpec {
  std::string header;
  std::string help;
  Check check = Check::None;
  std::vector<std::string> values{};  // Check::Values: the drop-down list
  const char* refSheet = nullptr;     // Check::Reference: ids in column A of this sheet
  bool strict = false;                // reject other values (else warn only)
  bool info = false;                  // written for the clerk, never read: may be deleted
  double width = 0;                   // minimum width (Excel character units), 0: from the content
  bool optional = false;              // may be absent (added after workbooks were filled with this layout)
};

struct SheetSpec {
  std::string name;
  std::string help;
  std::vector<ColumnSpec> columns;
  /// The example row of a blank workbook, one value per column (grey italic, row 2).
  /// Read back unchanged it is skipped with workbook.sample-row: it is never data.
  std::vector<std::string> sample{};
  /// The example row as bangfu wrote it before 编号 were codes (示例局 where U001
  /// is now): an older workbook's untouched example row is still skipped, and its
  /// values are still flagged where they were typed over in part.
  std::vector<std::string> legacySample{};
};

// Notice keys (column 项目 of 通知).
inline constexpr const char* kKeyPlugin = "插件";
inline constexpr const char* kKeyName = "名称";
inline constexpr const char* kKeySource = "来源";
inline constexpr const char* kKeyFictional = "虚构数据";
inline constexpr const char* kKeyIssuer = "发文机关";
inline constexpr const char* kKeyDocNumber = "发文字号";
inline constexpr const char* kKeyTitle = "标题";
inline constexpr const char* kKeyDate = "成文日期";
inline constexpr const char* kKeyRecipients = "主送";
inline constexpr const char* kKeyAppendix = "附件";

/// Whether a cell holds one of the examples' own values that name no real unit,
/// person or place (示例局, 示例01, 王某某): a leftover of the example.
bool isExampleValue(const std::string& value);

/// Every sheet of the layout, in workbook order.
const std::vector<SheetSpec>& layout();
const SheetSpec& spec(const char* name);

std::string joinList(const std::vector<std::string>& items);
/// The items quoted and comma-separated ("省", "市"), as an English message lists the workbook's words.
std::string quotedList(const std::vector<std::string>& items);
/// Splits a cell on 、，,；; (what a clerk types between several values).
std::vector<std::string> splitList(const std::string& text);
std::string trim(const std::string& s);

// Column widths in Excel character units (the width of '0' in the default font);
// a CJK character is two units (UAX #11), plus padding for the cell margins.
inline constexpr double kColumnPadding = 2;
inline constexpr double kSettingValueWidth = 16;

/// The layout of a plugin sheet, in the terms the core sheets use, so that one
/// writer and one reader serve both.
SheetSpec layoutOf(const plugin::InputSheetSpec& p);

}  // namespace bangfu::io::workbook
