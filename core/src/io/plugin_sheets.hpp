#pragma once
/// The plugin sheets of the input workbook (docs/workbook.md "Plugin sheets"),
/// without libxlsxwriter: which options a sheet holds, its rows as text, and the
/// hidden definition sheet that lets a workbook be read back without the plugin.
/// Private to core/io; workbook_scheme.cpp writes and reads the cells.
#include <set>
#include <string>
#include <vector>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/io/sheet.hpp"
#include "bangfu/model/scheme.hpp"
#include "bangfu/plugin/input_sheet.hpp"

namespace bangfu::io::plugin_sheets {

/// The hidden sheet holding the plugin sheets' definitions (written last, hidden, protected).
inline constexpr const char* kDefinitionSheet = "插件表定义";

/// The columns of a settings sheet: the first two are read, the others are for the clerk.
inline constexpr const char* kLabelHeader = "设置项";
inline constexpr const char* kValueHeader = "值";
inline constexpr const char* kDefaultHeader = "默认值";
inline constexpr const char* kHelpHeader = "说明";

/// The workbook's trim rule: ASCII white space and U+3000 at both ends.
std::string trimCell(const std::string& s);

/// Throws std::invalid_argument naming the plugin sheet when `specs` cannot be
/// written and read back: a name that is empty, too long, has a character Excel
/// refuses or repeats a core or another plugin sheet (`taken`); a repeated 设置项,
/// header, key or field; a field outside [a-z0-9-]; a choice containing 、 or a
/// comma; a drop-down list longer than Excel's 255 characters. A programming error
/// of the plugin, found when `bangfu init` runs it.
void checkSpecs(const std::vector<plugin::InputSheetSpec>& specs, const std::vector<std::string>& taken);

/// The choice whose label or value is `text`, or nullptr.
const plugin::InputChoice* findChoice(const std::vector<plugin::InputChoice>& choices,
                                      const std::string& text);
/// The label shown for a stored value (the value itself when it is not a choice).
std::string shown(const std::vector<plugin::InputChoice>& choices, const std::string& value);
/// The labels of the choices, in order.
std::vector<std::string> labels(const std::vector<plugin::InputChoice>& choices);

/// One sheet's cells as text, row by row, and the option keys those rows hold
/// (they are not repeated on 选项). `from` null: a blank workbook, filled with the
/// plugin's defaults. Otherwise the scheme's options; an option whose value a cell
/// cannot give back unchanged (empty, edge spaces, not one of the choices) stays
/// on 选项, so a workbook written with --from reads back to the same scheme.
struct SheetRows {
  std::vector<std::vector<std::string>> rows;
  std::set<std::string> owned;
};
SheetRows rowsOf(const plugin::InputSheetSpec& spec, const model::Scheme* from);

/// The definition sheet's header and rows (one per setting or column).
std::vector<std::string> definitionHeader();
std::vector<std::vector<std::string>> definitionRows(const std::vector<plugin::InputSheetSpec>& specs);
/// Reads the definition sheet back. A row that cannot be understood is skipped
/// with a warning (workbook.bad-definition) at its place.
std::vector<plugin::InputSheetSpec> readDefinitions(const Sheet& sheet, diag::Diagnostics& diags);

}  // namespace bangfu::io::plugin_sheets
