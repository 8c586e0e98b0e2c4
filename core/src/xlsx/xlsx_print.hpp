#pragma once
/// Print setup of a worksheet as issued: A4 in the appendix's orientation, margins
/// of the GB/T 9704 版心, the page number, repeated header rows (print titles).
#include <xlsxwriter.h>

#include <cstddef>
#include <string>
#include <vector>

#include "xlsx/xlsx_pages.hpp"
#include "xlsx/xlsx_status.hpp"

namespace bangfu::xlsx::detail {

struct PrintSetup {
  bool landscape = false;
  bool fictional = false;      ///< example data: a header says so on every page
  std::size_t headerRow = 0;   ///< sheet row of the table's first header row
  std::size_t headerRows = 0;  ///< header rows repeated on every printed page (0: none)
  bool freezeBelowHeader = false;
};

/// Paper, margins, the odd-page footer and header, print titles. libxlsxwriter 1.1
/// writes only oddHeader/oddFooter: addEvenPageFooters() adds the even pages' ones.
void setUpPrint(lxw_worksheet* ws, const PrintSetup& p, LxwStatus& status);

/// The height (points, in the sheet's own row heights) that rows fill on a printed
/// page: the 版心's height at the scale fit-to-width prints a table `tableWidthPx`
/// wide at, filled to kPageFillShare.
double printedPageHeightPt(const PrintSetup& p, double tableWidthPx);

/// The 0-based rows that start a printed page (at most Excel's 1023 breaks), from
/// every row's height in points, the print titles, the merged groups and the rows
/// that must start a page (`forcedStarts`, sorted).
std::vector<std::size_t> printedPageStarts(const PrintSetup& p, double tableWidthPx,
                                           const std::vector<double>& rowHeightsPt,
                                           const std::vector<RowGroup>& groups,
                                           const std::vector<std::size_t>& forcedStarts);

/// The manual row breaks, once every row's height is known: rows are paged by
/// pageBreaks() at the scale fit-to-width prints at, so no merged group that fits
/// on a page is cut and every row of `forcedStarts` starts a page.
void setPrintPages(lxw_worksheet* ws, const PrintSetup& p, double tableWidthPx,
                   const std::vector<double>& rowHeightsPt, const std::vector<RowGroup>& groups,
                   const std::vector<std::size_t>& forcedStarts, LxwStatus& status);

/// `xml`, a sheet part or its end from <headerFooter> on, with
/// differentOddEven="1" and the even pages' footer on the left (ECMA-376
/// §18.3.1.46; and their header for a fictional notice), or unchanged when it
/// has no headerFooter. libxlsxwriter 1.1 writes only oddHeader/oddFooter; the
/// packaging step (xlsx_package) adds these.
std::string withEvenPages(std::string xml, bool fictional);

/// The footer texts (§18.3.1.39 codes), for tests.
std::string oddFooterText();
std::string evenFooterText();

}  // namespace bangfu::xlsx::detail
