#pragma once
// Writing the 正文 sheet of the input workbook (bangfu/io/workbook_body.hpp reads it).
#include <xlsxwriter.h>

#include <string>
#include <vector>

namespace bangfu::io {

/// Adds the 正文 sheet to `wb`: the guide rows, then `paragraphs`, one a row in
/// column A, as text. Throws std::runtime_error when libxlsxwriter refuses the sheet.
void writeBodySheet(lxw_workbook* wb, const std::vector<std::string>& paragraphs);

}  // namespace bangfu::io
