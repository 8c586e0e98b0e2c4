#pragma once
/// Print setup of a worksheet as issued: A4 in the appendix's orientation, margins
/// of the GB/T 9704 版心, the page number, repeated header rows (print titles).
#include <xlsxwriter.h>

#include <cstddef>

#include "xlsx/xlsx_status.hpp"

namespace bangfu::xlsx::detail {

struct PrintSetup {
  bool landscape = false;
  bool fictional = false;      ///< example data: a header says so on every page
  std::size_t headerRow = 0;   ///< sheet row of the table's first header row
  std::size_t headerRows = 0;  ///< header rows repeated on every printed page (0: none)
  bool freezeBelowHeader = false;
};

void setUpPrint(lxw_worksheet* ws, const PrintSetup& p, LxwStatus& status);

}  // namespace bangfu::xlsx::detail
