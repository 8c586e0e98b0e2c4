#pragma once
/// The 正文 sheet of the input workbook (docs/notice.md "In the workbook"): the
/// notice text, one paragraph a row in column A, or a path to notice.md in A1.
#include <optional>
#include <string>
#include <vector>

#include "bangfu/diag/diagnostic.hpp"

namespace bangfu::io {

inline constexpr const char* kBodySheet = "正文";

struct WorkbookBody {
  struct Row {
    std::string text;
    diag::Location where;  ///< file:正文!A5
  };
  std::vector<Row> rows;  ///< in sheet order, empty rows kept out
  std::string path;       ///< set instead of rows when A1 names a .md file (relative to the workbook)
};

/// The 正文 sheet of `workbookPath`; nullopt when the workbook has none or it is
/// empty. Throws diag::InputError when the workbook cannot be read.
std::optional<WorkbookBody> readWorkbookBody(const std::string& workbookPath);

/// The rows `bangfu init` writes into the 正文 sheet: a short guide to the format.
std::vector<std::string> bodySheetGuide();

}  // namespace bangfu::io
