#pragma once
/// The sheets a plugin adds to the input workbook of `bangfu init` (docs/workbook.md
/// "Plugin sheets"). Plain data only: a plugin describes its sheets, the core writes
/// and reads them. A plugin sheet is a friendly view of `scheme.options`, so it adds
/// nothing to the model and the JSON form stays the same.
///
/// Two shapes:
///  - Settings: one row per option (设置项 | 值 | 默认值 | 说明), e.g. a table header
///    the clerk may reword. Row 设置项 = label, 值 = the option `key`'s value.
///  - Records: one row per record, one column per field; row n of the sheet is the
///    options `<prefix>.<n>.<field>` (n from 1), e.g. the duties of a calendar.
///
/// `bangfu init` also writes these specs into a hidden sheet of the workbook, so a
/// workbook is read back without loading the plugin (batch builds, diff, check).
#include <string>
#include <vector>

namespace bangfu::plugin {

/// One value of a fixed list: `value` is stored in the option, `label` is what the
/// drop-down shows (empty: the value itself). Neither may contain 、 or a comma.
struct InputChoice {
  std::string value;
  std::string label{};
  [[nodiscard]] const std::string& shown() const { return label.empty() ? value : label; }
};

/// One row of a settings sheet.
struct InputSetting {
  std::string key;         ///< the option key, e.g. leaders.header.area
  std::string label;       ///< 设置项 (Chinese), unique on its sheet; the reader finds the row by it
  std::string help{};      ///< 说明, also a line of 填表说明
  std::string fallback{};  ///< the value the plugin uses when the option is absent (a choice's value)
  std::vector<InputChoice> choices{};  ///< non-empty: a drop-down; other values are refused
};

/// One column of a records sheet.
struct InputColumn {
  std::string field;                   ///< the last part of the option key; [a-z0-9-]
  std::string header;                  ///< Chinese header; the reader finds the column by it
  std::string help{};                  ///< header comment and a line of 填表说明
  std::vector<InputChoice> choices{};  ///< non-empty: a drop-down; other values are refused
  double width = 0;                    ///< minimum width in Excel character units (0: from the content)
};

struct InputSheetSpec {
  enum class Kind { Settings, Records };
  Kind kind = Kind::Settings;
  std::string name;                    ///< sheet name (Chinese, at most 31 characters, not a core sheet's)
  std::string help;                    ///< one line: what the sheet is for and what an empty value means
  std::vector<InputSetting> settings;  ///< Kind::Settings
  std::string prefix;                  ///< Kind::Records: option key prefix, e.g. calendar.duty
  std::vector<InputColumn> columns;    ///< Kind::Records
  /// Kind::Records: the records the plugin uses while the scheme has none, one
  /// value per column (stored values, not labels). A blank workbook is filled with them.
  std::vector<std::vector<std::string>> defaults;
};

/// The option key of `field` in record `n` (1-based) of a records sheet: <prefix>.<n>.<field>.
inline std::string recordKey(const std::string& prefix, int n, const std::string& field) {
  return prefix + "." + std::to_string(n) + "." + field;
}

}  // namespace bangfu::plugin
