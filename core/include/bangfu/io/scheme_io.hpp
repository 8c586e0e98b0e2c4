#pragma once
/// Loading schemes: JSON (docs/scheme-json.md) and the input workbook
/// (docs/workbook.md, written by `bangfu init`). Both give the same model.
#include <string>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/model/scheme.hpp"
#include "bangfu/plugin/input_sheet.hpp"

namespace bangfu::io {

/// Dispatches on the extension (.json, .xlsx). Field-level problems go to `diags`
/// with their place; unreadable input throws diag::InputError.
model::Scheme loadScheme(const std::string& path, diag::Diagnostics& diags);

model::Scheme loadSchemeJson(const std::string& path, diag::Diagnostics& diags);
model::Scheme parseSchemeJson(const std::string& text, const std::string& file, diag::Diagnostics& diags);
/// Canonical JSON (stable key order, 2-space indent) that parseSchemeJson reads back.
std::string schemeToJson(const model::Scheme& scheme);
/// The same canonical JSON without line breaks or indentation: cheaper, for
/// hashing (the batch build hashes every entity's slice).
std::string schemeToCompactJson(const model::Scheme& scheme);

/// Reads an input workbook, its plugin sheets included: they are read from the
/// definitions the workbook carries (a hidden sheet), so no plugin is loaded.
model::Scheme loadSchemeWorkbook(const std::string& path, diag::Diagnostics& diags);

struct InitOptions {
  std::string pluginId;                 ///< recorded in the 通知 sheet (else the scheme's)
  const model::Scheme* from = nullptr;  ///< fill the sheets from this scheme; null: blank, with example rows
  long long epoch = 0;                  ///< document timestamps
  /// The plugin's sheets (JurisdictionPlugin::inputSheets), written after 选项:
  /// filled from `from`'s options, or with the plugin's defaults in a blank workbook.
  std::vector<plugin::InputSheetSpec> pluginSheets;
  /// The notice text for the 正文 sheet (one paragraph a row; workbook_body.cpp),
  /// after its guide rows. Empty: the guide only.
  std::vector<std::string> bodyLines;
};
/// Writes the input workbook a clerk fills in (atomically). Throws std::invalid_argument
/// for plugin sheets that cannot be written (see docs/workbook.md), and on I/O failure.
void writeInputWorkbook(const std::string& path, const InitOptions& options);

}  // namespace bangfu::io
