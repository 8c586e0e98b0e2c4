// Print setup of the XLSX writer (xlsx_print.hpp).
#include "xlsx/xlsx_print.hpp"

#include <string>

#include "xlsx/xlsx_layout.hpp"

namespace bangfu::xlsx::detail {

namespace {
/// ECMA-376 18.3.1.63 pageSetup/@paperSize: 9 = A4 (GB/T 9704 5.1).
constexpr std::uint8_t kPaperA4 = 9;
constexpr int kPageNumberPt = 14;  ///< GB/T 9704 7.5: 4号宋体 page number
}  // namespace

void setUpPrint(lxw_worksheet* ws, const PrintSetup& p, LxwStatus& status) {
  worksheet_set_paper(ws, kPaperA4);
  if (p.landscape) {
    worksheet_set_landscape(ws);
  } else {
    worksheet_set_portrait(ws);
  }
  const Margins m = pageMargins(p.landscape);
  worksheet_set_margins(ws, m.left, m.right, m.top, m.bottom);
  // GB/T 9704 7.5: "— N —" in 4号宋体. Excel has no odd/even placement in
  // libxlsxwriter 1.1 (spec §1a), so the number is centred on every page.
  const std::string footer = "&C&\"宋体,Regular\"&" + std::to_string(kPageNumberPt) + "— &P —";
  lxw_header_footer_options hf{};
  hf.margin = m.footer;
  status.check(worksheet_set_footer_opt(ws, footer.c_str(), &hf), "worksheet_set_footer_opt");
  if (p.fictional) {
    status.check(worksheet_set_header(ws, "&C&\"宋体,Regular\"&12示例数据（虚构）"), "worksheet_set_header");
  }
  worksheet_center_horizontally(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  if (p.headerRows > 0) {
    status.check(worksheet_repeat_rows(ws, static_cast<lxw_row_t>(p.headerRow),
                                       static_cast<lxw_row_t>(p.headerRow + p.headerRows - 1)),
                 "worksheet_repeat_rows");
    if (p.freezeBelowHeader)
      worksheet_freeze_panes(ws, static_cast<lxw_row_t>(p.headerRow + p.headerRows), 0);
  }
}

}  // namespace bangfu::xlsx::detail
