// Print setup of the XLSX writer (xlsx_print.hpp).
#include "xlsx/xlsx_print.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <memory>
#include <string>

#include "bangfu/text/xml_escape.hpp"
#include "bangfu/util/atomic_file.hpp"
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

struct SourceFree {
  void operator()(zip_source_t* s) const { zip_source_free(s); }
};

struct ZipCloser {
  void operator()(zip_t* z) const {
    if (z != nullptr) zip_discard(z);
  }
};

}  // namespace

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

std::vector<std::size_t> printedPageStarts(const PrintSetup& p, double tableWidthPx,
                                           const std::vector<double>& rowHeightsPt,
                                           const std::vector<RowGroup>& groups) {
  // The scale fit-to-width will print at, in Excel's terms (a table wider than the
  // 版心 shrinks; LibreOffice shrinks its wider columns further, so its rows then
  // take less room than paged here and no automatic break comes first).
  const double areaPx = typeAreaWidthPx(p.landscape);
  double scale = 100;
  if (tableWidthPx > areaPx) scale = std::max(kMinPrintScale, 100 * areaPx / tableWidthPx);
  // The 版心's height down the page: 225 mm portrait, 156 mm landscape (GB/T 9704 5.2.1).
  const double areaMm = p.landscape ? kTypeAreaWidthMm : kTypeAreaHeightMm;
  Pagination pages;
  pages.rowHeightsPt = rowHeightsPt;
  pages.repeatFirst = p.headerRow;
  pages.repeatCount = p.headerRows;
  pages.groups = groups;
  pages.pageHeightPt = areaMm / kMmPerInch * kPointsPerInch * kPageFillShare * 100 / scale;
  std::vector<std::size_t> starts = pageBreaks(pages);
  if (starts.size() > kMaxRowBreaks) starts.resize(kMaxRowBreaks);
  return starts;
}

void setPrintPages(lxw_worksheet* ws, const PrintSetup& p, double tableWidthPx,
                   const std::vector<double>& rowHeightsPt, const std::vector<RowGroup>& groups,
                   LxwStatus& status) {
  const std::vector<std::size_t> starts = printedPageStarts(p, tableWidthPx, rowHeightsPt, groups);
  if (starts.empty()) return;
  std::vector<lxw_row_t> breaks(starts.begin(), starts.end());
  breaks.push_back(0);
  status.check(worksheet_set_h_pagebreaks(ws, breaks.data()), "worksheet_set_h_pagebreaks");
}

bool addEvenPageFooters(const std::string& file, std::size_t sheetCount, bool fictional) {
  // In memory, then written back over the same file: libzip's own zip_close on a
  // path would stage a second file and rename it (one rename per output only).
  std::string bytes;
  try {
    bytes = util::readFile(file);
  } catch (const std::exception&) {
    errno = errno != 0 ? errno : EIO;
    return false;
  }
  zip_error_t zerr;
  zip_error_init(&zerr);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &zerr);
  if (source == nullptr) return false;
  zip_source_keep(source);
  const std::unique_ptr<zip_source_t, SourceFree> keep(source);
  std::unique_ptr<zip_t, ZipCloser> z(zip_open_from_source(source, 0, &zerr));
  zip_error_fini(&zerr);
  if (!z) {
    errno = EIO;
    return false;
  }
  // MS-DOS date 1980-01-01 00:00, libxlsxwriter's stamp: the output stays byte-stable.
  constexpr zip_uint16_t kDosDate1980 = (0 << 9) | (1 << 5) | 1;
  std::vector<std::string> parts(sheetCount);  // must outlive zip_close
  for (std::size_t i = 0; i < sheetCount; ++i) {
    const std::string name = "xl/worksheets/sheet" + std::to_string(i + 1) + ".xml";
    const zip_int64_t idx = zip_name_locate(z.get(), name.c_str(), 0);
    if (idx < 0) continue;
    const auto index = static_cast<zip_uint64_t>(idx);
    zip_stat_t st;
    if (zip_stat_index(z.get(), index, 0, &st) != 0) return false;
    std::string xml(static_cast<std::size_t>(st.size), '\0');
    zip_file_t* f = zip_fopen_index(z.get(), index, 0);
    if (f == nullptr) return false;
    const zip_int64_t got = zip_fread(f, xml.data(), st.size);
    zip_fclose(f);
    if (got != static_cast<zip_int64_t>(st.size)) return false;
    parts[i] = withEvenPages(std::move(xml), fictional);
    zip_source_t* part = zip_source_buffer(z.get(), parts[i].data(), parts[i].size(), 0);
    if (part == nullptr) return false;
    if (zip_file_replace(z.get(), index, part, 0) != 0) {
      zip_source_free(part);
      return false;
    }
    zip_file_set_dostime(z.get(), index, 0, kDosDate1980, 0);
    zip_set_file_compression(z.get(), index, ZIP_CM_DEFLATE, 6);
  }
  if (zip_close(z.get()) != 0) {
    errno = EIO;
    return false;
  }
  (void)z.release();  // zip_close freed it; the source keeps the new archive
  std::string out;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_stat(source, &st) != 0 || zip_source_open(source) != 0) {
    errno = EIO;
    return false;
  }
  out.resize(static_cast<std::size_t>(st.size));
  const zip_int64_t got = zip_source_read(source, out.data(), st.size);
  zip_source_close(source);
  if (got != static_cast<zip_int64_t>(st.size)) {
    errno = EIO;
    return false;
  }
  const int fd = ::open(file.c_str(), O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::write(fd, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int e = n < 0 ? errno : EIO;
      ::close(fd);
      errno = e;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return ::close(fd) == 0;
}

}  // namespace bangfu::xlsx::detail
