#pragma once
/// `check --mark`: a copy of the clerk's own workbook with every problem cell
/// filled in colour and a comment holding the message and the fix. The package is
/// edited part by part (ECMA-376 Part 1: styles, worksheet, comments, VML), so
/// everything else in it (formatting, other sheets, formulas, defined names)
/// stays exactly as the clerk saved it.
#include <cstddef>
#include <string>

#include "bangfu/diag/diagnostic.hpp"

namespace bangfu::mark {

struct MarkedWorkbook {
  std::string bytes;         ///< the .xlsx to write
  std::size_t cells = 0;     ///< cells filled and commented
  std::size_t unplaced = 0;  ///< diagnostics with no sheet (or an unknown one): not marked
};

/// Marks `workbookBytes` (an .xlsx) with the diagnostics that name a sheet and a
/// row; a row without a column marks its column A. Errors are filled light red,
/// warnings light yellow; a cell with both is red. A comment the cell already has
/// is kept and the message is added below it. Throws diag::InputError (naming
/// `fileName`) when the package cannot be read or a part it needs is malformed.
MarkedWorkbook markWorkbook(const std::string& workbookBytes, const std::string& fileName,
                            const diag::Diagnostics& diags, bool english = false);

}  // namespace bangfu::mark
