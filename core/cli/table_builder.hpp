#pragma once
// The generic appendix table of `bangfu table`: a header row from the data's first
// row, body rows, and an optional 合计 row over named numeric columns.
#include <string>
#include <vector>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/doc/document.hpp"
#include "bangfu/io/sheet.hpp"

namespace bangfu::cli {

struct TableRequest {
  std::string title;
  std::string label = "附件";
  bool landscape = false;
  std::vector<std::string> totals;  ///< column names, letters (C) or 1-based numbers
  std::vector<std::string> notes;
};

/// Builds the appendix. Problems (an empty sheet, ragged rows, a non-numeric cell
/// in a --total column, an unknown column) go to `diags` with their place.
doc::Appendix buildTable(io::Sheet sheet, const TableRequest& request, diag::Diagnostics& diags);

/// Reads DATA.{csv,xlsx,json} as a sheet (first sheet, or `sheetName`). A JSON
/// object may carry a title; it is stored in `title` when given.
io::Sheet readTableData(const std::string& path, const std::string& sheetName, std::string* title = nullptr);

}  // namespace bangfu::cli
