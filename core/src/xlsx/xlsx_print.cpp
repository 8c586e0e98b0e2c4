// Print setup of the XLSX writer (xlsx_print.hpp).
#include "xlsx/xlsx_print.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <memory>
#include <string>

#include "bangfu/text/xml_escape.hpp"
#include "xlsx/xlsx_layout.hpp"

namespace bangfu::xlsx::detail {

namespace {
/// ECMA-376 18.3.1.63 pageSetup/@paperSize: 9 = A4 (GB/T 9704 5.1).
constexpr std::uint8_t kPaperA4 = 9;
constexpr int kPageNumberPt = 14;  ///< GB/T 9704 7.5: 4号宋体 page number
/// GB/T 9704 7.5: the number sits 空一字 from the 版心's edge: one U+3000 of the
/// 4号 footer font, the DOCX's kFooterSideIndentTwips (280 tw = 14 pt).
constexpr const char* kOneCharSpace = "\xE3\x80\x80";
/// "— N —": 一字线 (U+2014) either side of the number (GB/T 9704 7.5), &P the page.
constexpr const char* kDashedNumber = "\xE2\x80\x94 &P \xE2\x80\x94";
/// The header of example data, on every page (odd and even).
constexpr const char* kFictionalHeader = "&C&\"宋体,Regular\"&12示例数据（虚构）";
/// Row heights print a little taller than set (Excel rounds each to whole pixels,
/// LibreOffice to its own units): the pagination fills a page to this share so an
/// automatic break never falls before the manual one [D].
constexpr double kPageFillShare = 0.97;
/// Excel's print scale range (ECMA-376 §18.3.1.63 pageSetup/@scale: 10–400).
constexpr double kMinPrintScale = 10;
/// Excel keeps at most 1023 manual row breaks per sheet (§18.3.1.73 rowBreaks);
/// pages after them break automatically.
constexpr std::size_t kMaxRowBreaks = 1023;

std::string footerFont() { return "&\"宋体,Regular\"&" + std::to_string(kPageNumberPt); }

std::string escapeXml(const std::string& s) {
  std::string out;
  text::appendXmlEscaped(out, s);
  return out;
}

}  // namespace

/// The sheet part with differentOddEven and the even pages' header and footer,
/// or the part unchanged when it has no headerFooter (nothing to place).
std::string withEvenPages(std::string xml, bool fictional) {
  const std::string open = "<headerFooter>";
  const auto at = xml.find(open);
  if (at == std::string::npos) return xml;
  const auto end = xml.find("</headerFooter>", at);
  if (end == std::string::npos) return xml;
  // CT_HeaderFooter's sequence: oddHeader, oddFooter, evenHeader, evenFooter.
  std::string even;
  if (fictional) even += "<evenHeader>" + escapeXml(kFictionalHeader) + "</evenHeader>";
  even += "<evenFooter>" + escapeXml(evenFooterText()) + "</evenFooter>";
  xml.insert(end, even);
  xml.replace(at, open.size(), "<headerFooter differentOddEven=\"1\">");
  return xml;
}

std::string oddFooterText() { return "&R" + footerFont() + kDashedNumber + kOneCharSpace; }
std::string evenFooterText() { return "&L" + footerFont() + kOneCharSpace + kDashedNumber; }

void setUpPrint(lxw_worksheet* ws, const PrintSetup& p, LxwStatus& status) {
  worksheet_set_paper(ws, kPaperA4);
  if (p.landscape) {
    worksheet_set_landscape(ws);
  } else {
    worksheet_set_portrait(ws);
  }
  const Margins m = pageMargins(p.landscape);
  worksheet_set_margins(ws, m.left, m.right, m.top, m.bottom);
  const std::string footer = oddFooterText();
  lxw_header_footer_options hf{};
  hf.margin = m.footer;
  status.check(worksheet_set_footer_opt(ws, footer.c_str(), &hf), "worksheet_set_footer_opt");
  if (p.fictional) status.check(worksheet_set_header(ws, kFictionalHeader), "worksheet_set_header");
  worksheet_center_horizontally(ws);
  // One page wide, as many tall as needed: LibreOffice sizes a column by Carlito's
  // exact digit width (7.43 px, where Excel rounds to 7), 6 % wider than Excel, so
  // only fit-to-width keeps every column on the page in both.
  worksheet_fit_to_pages(ws, 1, 0);
  if (p.headerRows > 0) {
    status.check(worksheet_repeat_rows(ws, static_cast<lxw_row_t>(p.headerRow),
                                       static_cast<lxw_row_t>(p.headerRow + p.headerRows - 1)),
                 "worksheet_repeat_rows");
    if (p.freezeBelowHeader)
      worksheet_freeze_panes(ws, static_cast<lxw_row_t>(p.headerRow + p.headerRows), 0);
  }
}

double printedPageHeightPt(const PrintSetup& p, double tableWidthPx) {
  // The scale fit-to-width will print at, in Excel's terms (a table wider than the
  // 版心 shrinks; LibreOffice shrinks its wider columns further, so its rows then
  // take less room than paged here and no automatic break comes first).
  const double areaPx = typeAreaWidthPx(p.landscape);
  double scale = 100;
  if (tableWidthPx > areaPx) scale = std::max(kMinPrintScale, 100 * areaPx / tableWidthPx);
  // The 版心's height down the page: 225 mm portrait, 156 mm landscape (GB/T 9704 5.2.1).
  const double areaMm = p.landscape ? kTypeAreaWidthMm : kTypeAreaHeightMm;
  return areaMm / kMmPerInch * kPointsPerInch * kPageFillShare * 100 / scale;
}

std::vector<std::size_t> printedPageStarts(const PrintSetup& p, double tableWidthPx,
                                           const std::vector<double>& rowHeightsPt,
                                           const std::vector<RowGroup>& groups,
                                           const std::vector<std::size_t>& forcedStarts) {
  Pagination pages;
  pages.rowHeightsPt = rowHeightsPt;
  pages.repeatFirst = p.headerRow;
  pages.repeatCount = p.headerRows;
  pages.groups = groups;
  pages.pageHeightPt = printedPageHeightPt(p, tableWidthPx);
  pages.forcedStarts = forcedStarts;
  std::vector<std::size_t> starts = pageBreaks(pages);
  if (starts.size() > kMaxRowBreaks) starts.resize(kMaxRowBreaks);
  return starts;
}

void setPrintPages(lxw_worksheet* ws, const PrintSetup& p, double tableWidthPx,
                   const std::vector<double>& rowHeightsPt, const std::vector<RowGroup>& groups,
                   const std::vector<std::size_t>& forcedStarts, LxwStatus& status) {
  const std::vector<std::size_t> starts =
      printedPageStarts(p, tableWidthPx, rowHeightsPt, groups, forcedStarts);
  if (starts.empty()) return;
  std::vector<lxw_row_t> breaks(starts.begin(), starts.end());
  breaks.push_back(0);
  status.check(worksheet_set_h_pagebreaks(ws, breaks.data()), "worksheet_set_h_pagebreaks");
}

}  // namespace bangfu::xlsx::detail
