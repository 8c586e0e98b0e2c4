#pragma once
// The generic appendix table of `bangfu table`: title rows and a header block of
// 1–3 rows (with their merges) found in the sheet (table_layout.hpp), body rows, and
// one 合计 row: the sheet's own, checked against the values, or one computed over
// named numeric columns.
#include <string>
#include <vector>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/doc/document.hpp"
#include "bangfu/io/sheet.hpp"

namespace bangfu::cli {

struct TableRequest {
  std::string title;
  bool titleGiven = false;  ///< --title: a title found in the sheet is then not used
  int headerRow = 0;        ///< --header-row R (1-based sheet row), 0 = detect
  int headerRows = 0;       ///< --header-rows N, 0 = detect
  bool includeHidden = false;
  std::string label = "附件";
  bool landscape = false;
  std::vector<std::string> totals;  ///< column names, letters (C) or 1-based numbers
  std::vector<std::string> notes;
};

/// Builds the appendix. Problems (an empty sheet, ragged rows, a non-numeric cell
/// in a --total column, an unknown column) go to `diags` with their place. The
/// texts of the body cells are moved out of `sheet` into the table.
doc::Appendix buildTable(io::Sheet& sheet, const TableRequest& request, diag::Diagnostics& diags);

/// Reads DATA.{csv,xlsx,xlsm,json} as a sheet: the first visible worksheet, or
/// `sheetName` (a hidden one with a warning in `diags`; a chart or dialog sheet is
/// named as such). A JSON object may carry a title; it is stored in `title`.
/// Throws InputError (exit 1) for a workbook without worksheets or an unknown sheet.
io::Sheet readTableData(const std::string& path, const std::string& sheetName, diag::Diagnostics& diags,
                        std::string* title = nullptr);

}  // namespace bangfu::cli
