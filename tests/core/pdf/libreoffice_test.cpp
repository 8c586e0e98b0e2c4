// The real pipeline: a notice written by docx::writeDocx and xlsx::writeXlsx,
// converted by LibreOffice in one start, read back with poppler (pdfinfo,
// pdftotext, pdffonts). Skipped where LibreOffice or poppler-utils is missing;
// CI installs both (docs/pdf.md).
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "../../must_run.hpp"
#include "bangfu/docx/docx_writer.hpp"
#include "bangfu/pdf/convert.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "bangfu/xlsx/xlsx_writer.hpp"

namespace fs = std::filesystem;
using namespace bangfu;

namespace {

/// Body rows of 附件2: enough for the landscape table to run over several pages,
/// so the repeated header row (w:tblHeader) shows on each of them.
constexpr int kLongTableRows = 60;

std::string capture(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  ::pclose(p);
  return out;
}

/// Text with ASCII whitespace and U+3000 removed: pdftotext puts spaces between
/// Han and digits set in different fonts (第 56 号) and drops the spaces around
/// the page number, so comparisons are on the characters alone.
std::string compact(const std::string& s) {
  static const std::string kIdeographicSpace = "\u3000";
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, kIdeographicSpace.size(), kIdeographicSpace) == 0) {
      i += kIdeographicSpace.size() - 1;
      continue;
    }
    if (s[i] != ' ' && s[i] != '\n' && s[i] != '\f' && s[i] != '\t' && s[i] != '\r') out += s[i];
  }
  return out;
}

bool haveTool(const std::string& name) { return !capture("command -v " + name + " 2>/dev/null").empty(); }

std::string rowUnit(int i) { return "帮扶单位第" + std::to_string(i) + "号"; }

doc::Notice sampleNotice() {
  doc::Notice n;
  n.title = "关于印发结对帮扶方案的通知";
  n.date = "2019年5月30日";

  doc::Appendix a1;
  a1.id = "leaders";
  a1.label = "附件1";
  a1.title = "市级领导结对帮扶方案";
  a1.blocks.emplace_back(doc::Paragraph::text("各县（市、区）结对帮扶工作由市级领导牵头负责。"));
  doc::Table t1;
  t1.name = "领导";
  t1.columns = {{"county", 1, doc::Align::Center, false}, {"leaders", 3, doc::Align::Left, false}};
  t1.rows.push_back(
      {{doc::Cell::runs({{"县（市、区）", doc::Face::Hei}}), doc::Cell::runs({{"市级领导", doc::Face::Hei}})},
       doc::RowKind::Header});
  t1.rows.push_back({{doc::Cell::text("莲都区"), doc::Cell::text("张三　李四")}, doc::RowKind::Body});
  t1.rows.push_back({{doc::Cell::text("龙泉市"), doc::Cell::text("王五　赵六")}, doc::RowKind::Body});
  a1.blocks.emplace_back(std::move(t1));
  n.appendices.push_back(std::move(a1));

  doc::Appendix a2;
  a2.id = "groups";
  a2.label = "附件2";
  a2.title = "市级结对帮扶团组安排方案";
  a2.orientation = doc::Orientation::Landscape;
  doc::Table t2;
  t2.name = "团组";
  t2.columns = {{"seq", 1, doc::Align::Center, true},
                {"unit", 4, doc::Align::Left, false},
                {"groups", 1, doc::Align::Center, true}};
  t2.rows.push_back(
      {{doc::Cell::runs({{"序号", doc::Face::Hei}}), doc::Cell::runs({{"团组单位", doc::Face::Hei}}),
        doc::Cell::runs({{"工作组数", doc::Face::Hei}})},
       doc::RowKind::Header});
  for (int i = 1; i <= kLongTableRows; ++i) {
    t2.rows.push_back(
        {{doc::Cell::num(i), doc::Cell::text(rowUnit(i)), doc::Cell::num(1)}, doc::RowKind::Body});
  }
  a2.blocks.emplace_back(std::move(t2));
  n.appendices.push_back(std::move(a2));
  return n;
}

/// The face fontconfig gives `name` under fonts/fonts.conf, as pdffonts prints
/// PostScript names: "FandolFang-Regular", "NotoSerifCJKjp-Bold-VKana" → compared
/// without spaces against the family ("FandolFang", "NotoSerifCJK").
std::string mappedFamily(const std::string& conf, const std::string& name) {
  std::string fam = capture("FONTCONFIG_FILE='" + conf + "' fc-match -f '%{family[0]}' '" + name + "'");
  std::string out;
  for (char c : fam) {
    if (c != ' ') out += c;
  }
  // Noto CJK's PostScript names carry the region in lower case (NotoSerifCJKjp).
  if (out.rfind("NotoSerifCJK", 0) == 0) return "NotoSerifCJK";
  if (out.rfind("NotoSansCJK", 0) == 0) return "NotoSansCJK";
  return out;
}

class LibreOfficePdf : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (pdf::findSoffice().empty() || !haveTool("pdftotext") || !haveTool("pdffonts") ||
        !haveTool("pdfinfo") || !haveTool("fc-match")) {
      skip_ = "LibreOffice or poppler-utils not installed";
      return;
    }
    std::string templ = (fs::temp_directory_path() / "bangfu-lo-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(templ.data()), nullptr);
    dir_ = templ;
    const doc::Notice notice = sampleNotice();
    docx::DocxOptions dopt;
    dopt.epoch = util::outputEpoch(notice.date);
    util::writeFileAtomic((dir_ / "notice.docx").string(), docx::writeDocx(notice, dopt));
    diag::Diagnostics diags;
    ASSERT_TRUE(xlsx::writeXlsx(notice, (dir_ / "notice-tables.xlsx").string(), diags));

    pdf::ConvertOptions opts;
    opts.epoch = dopt.epoch;
    const auto t0 = std::chrono::steady_clock::now();
    result_ = pdf::convertToPdf({(dir_ / "notice.docx").string(), (dir_ / "notice-tables.xlsx").string()},
                                (dir_ / "out").string(), opts);
    seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    docPdf_ = (dir_ / "out" / "notice.pdf").string();
    xlsxPdf_ = (dir_ / "out" / "notice-tables.pdf").string();
  }
  static void TearDownTestSuite() {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  void SetUp() override {
    if (!skip_.empty()) BANGFU_SKIP_UNLESS_REQUIRED(skip_);
  }

  /// The value after "key:" on the line of `info` that starts with `key`
  /// (pdfinfo's "Pages:", "Page    2 size:"), whitespace-trimmed.
  static std::string infoField(const std::string& info, const std::string& key) {
    std::istringstream lines(info);
    std::string line;
    while (std::getline(lines, line)) {
      if (compact(line).rfind(compact(key) + ":", 0) != 0) continue;
      const auto value = line.substr(line.find(':') + 1);
      const auto first = value.find_first_not_of(' ');
      return first == std::string::npos ? std::string() : value.substr(first);
    }
    return {};
  }
  static int pageCount(const std::string& pdf) {
    const std::string pages = infoField(capture("pdfinfo '" + pdf + "'"), "Pages");
    return pages.empty() ? -1 : std::stoi(pages);
  }
  /// One page's text in reading order by line (-layout keeps a table row on one
  /// line), compacted (see compact()).
  static std::string pageText(const std::string& pdf, int page) {
    const std::string p = std::to_string(page);
    return compact(capture("pdftotext -layout -f " + p + " -l " + p + " '" + pdf + "' -"));
  }

  static inline std::string skip_;
  static inline fs::path dir_;
  static inline pdf::ConvertResult result_;
  static inline double seconds_ = 0;
  static inline std::string docPdf_;
  static inline std::string xlsxPdf_;
};

TEST_F(LibreOfficePdf, OneStartConvertsDocxAndXlsx) {
  ASSERT_EQ(result_.outputs.size(), 2U);
  EXPECT_TRUE(fs::is_regular_file(docPdf_));
  EXPECT_TRUE(fs::is_regular_file(xlsxPdf_));
  EXPECT_FALSE(result_.fontsConf.empty());
  RecordProperty("convert_seconds", std::to_string(seconds_));
  std::printf("converted 1 DOCX + 1 XLSX in %.2f s\n", seconds_);
}

TEST_F(LibreOfficePdf, PagesAndTextFollowTheDocx) {
  const int pages = pageCount(docPdf_);
  // 附件1 fits on one portrait page; 附件2 (section break, landscape) runs over
  // at least two pages with 60 rows.
  ASSERT_GE(pages, 3) << capture("pdfinfo '" + docPdf_ + "'");
  const std::string info = capture("pdfinfo -f 1 -l " + std::to_string(pages) + " '" + docPdf_ + "'");
  // A4 (GB/T 9704 5.1): 附件1 portrait, 附件2 in its landscape section.
  // pdfinfo prints "595.304 x 841.89 pts (A4)": the point sizes are LibreOffice's
  // rounding of 210 × 297 mm, so only the integer part and the name are compared.
  EXPECT_EQ(infoField(info, "Page 1 size").substr(0, 4), "595.") << info;
  EXPECT_NE(infoField(info, "Page 1 size").find(" x 841."), std::string::npos) << info;
  for (int page = 1; page <= pages; ++page) {
    const std::string size = infoField(info, "Page " + std::to_string(page) + " size");
    EXPECT_NE(size.find("pts (A4)"), std::string::npos) << "page " << page << ": " << size;
    if (page >= 2) {
      EXPECT_EQ(size.substr(0, 4), "841.") << "page " << page << " not landscape: " << size;
    }
  }

  const std::string p1 = pageText(docPdf_, 1);
  EXPECT_EQ(p1.rfind("附件1市级领导结对帮扶方案", 0), 0U) << "page 1 must open with its label and title:\n"
                                                          << p1;
  for (const char* s : {"各县（市、区）结对帮扶工作由市级领导牵头负责。", "县（市、区）市级领导",
                        "莲都区张三李四", "龙泉市王五赵六", "—1—"}) {
    EXPECT_NE(p1.find(s), std::string::npos) << s << " missing on page 1:\n" << p1;
  }
  EXPECT_EQ(p1.find("附件2"), std::string::npos);

  // Every row of 附件2 exactly once, in order, over pages 2..N; the header row
  // repeats on each of those pages; each page carries its own "— N —".
  int nextRow = 1;
  for (int page = 2; page <= pages; ++page) {
    const std::string printed = pageText(docPdf_, page);
    const std::string number = "—" + std::to_string(page) + "—";
    const auto numberAt = printed.find(number);
    EXPECT_NE(numberAt, std::string::npos) << "page number on " << page << ":\n" << printed;
    // The rest of the page without its number: on landscape pages the number stands
    // turned in the left margin (GB/T 9704-2012 8, docs/typesetting.md), at the top
    // on even pages, so pdftotext may read it inside the first line.
    std::string text = printed;
    if (numberAt != std::string::npos) text.erase(numberAt, number.size());
    if (page == 2) {
      EXPECT_EQ(text.rfind("附件2市级结对帮扶团组安排方案", 0), 0U) << printed;
    }
    EXPECT_NE(text.find("序号团组单位工作组数"), std::string::npos)
        << "header row not repeated on page " << page << ":\n"
        << printed;
    // Rows read "<seq><unit><groups>": 7帮扶单位第7号1.
    std::size_t at = 0;
    while (nextRow <= kLongTableRows) {
      const auto found = text.find(std::to_string(nextRow) + rowUnit(nextRow) + "1", at);
      if (found == std::string::npos) break;
      at = found + 1;
      ++nextRow;
    }
  }
  EXPECT_EQ(nextRow, kLongTableRows + 1) << "row " << nextRow << " missing or out of page order";
}

TEST_F(LibreOfficePdf, EmbeddedFacesAreTheMappedOnes) {
  const std::string fonts = capture("pdffonts '" + docPdf_ + "'");
  const std::string conf = result_.fontsConf;
  const std::string fang = mappedFamily(conf, "仿宋_GB2312");
  const std::string hei = mappedFamily(conf, "黑体");
  const std::string song = mappedFamily(conf, "宋体");
  const std::string title = mappedFamily(conf, "方正小标宋简体");
  // The point of fonts.conf: distinct faces for distinct roles, not one fallback.
  EXPECT_NE(fang, hei);
  EXPECT_NE(fang, "DejaVuSans");
  for (const auto& fam : {fang, hei, song, title}) {
    EXPECT_NE(fonts.find("+" + fam), std::string::npos) << fam << " not embedded:\n" << fonts;
  }
  // Every font is embedded (the "emb" column), so the PDF prints as seen.
  std::istringstream lines(fonts);
  std::string line;
  int listed = 0;
  while (std::getline(lines, line)) {
    if (line.find('+') == std::string::npos) continue;
    ++listed;
    EXPECT_NE(line.find(" yes "), std::string::npos) << line;
  }
  EXPECT_GE(listed, 4);
}

TEST_F(LibreOfficePdf, XlsxPdfCarriesTheTables) {
  std::string all;
  for (int page = 1, n = pageCount(xlsxPdf_); page <= n; ++page) all += pageText(xlsxPdf_, page);
  for (const char* s : {"市级领导", "莲都区", "团组单位"}) {
    EXPECT_NE(all.find(s), std::string::npos) << s << " missing from the XLSX PDF:\n" << all.substr(0, 2000);
  }
  EXPECT_NE(all.find(rowUnit(kLongTableRows)), std::string::npos);
}

TEST_F(LibreOfficePdf, ReconvertingUnchangedInputWritesNothing) {
  pdf::ConvertOptions opts;
  opts.epoch = util::outputEpoch("2019年5月30日");
  const auto before = util::readFile(docPdf_);
  const auto again = pdf::convertToPdf({(dir_ / "notice.docx").string()}, (dir_ / "out").string(), opts);
  ASSERT_EQ(again.results.size(), 1U);
  EXPECT_EQ(again.results[0], util::WriteResult::Unchanged);
  EXPECT_EQ(util::readFile(docPdf_), before);
  EXPECT_NE(before.find("/CreationDate(D:20190530000000"), std::string::npos);
}

TEST_F(LibreOfficePdf, PngPreviewHasOnePagePerPdfPage) {
  if (!haveTool("pdftoppm")) BANGFU_SKIP_UNLESS_REQUIRED("pdftoppm not installed");
  const std::string prefix = (dir_ / "png" / "notice").string();
  fs::create_directories(dir_ / "png");
  // A stale page 9 from an earlier, longer preview must go.
  util::writeFileAtomic((dir_ / "png" / "notice-9.png").string(), "stale");
  const auto pngs = pdf::renderPng(docPdf_, prefix, 36);
  ASSERT_EQ(static_cast<int>(pngs.size()), pageCount(docPdf_));
  EXPECT_EQ(pngs[0], prefix + "-1.png");
  EXPECT_FALSE(fs::exists(dir_ / "png" / "notice-9.png"));
  for (const auto& p : pngs) {
    const std::string bytes = util::readFile(p);
    ASSERT_GT(bytes.size(), 24U);
    EXPECT_EQ(bytes.substr(1, 3), "PNG");
  }
  // IHDR width and height (big-endian at 16 and 20): A4 portrait, then landscape, at 36 dpi.
  auto dims = [](const std::string& b) {
    auto be = [&](std::size_t o) {
      return (static_cast<unsigned char>(b[o]) << 24U) | (static_cast<unsigned char>(b[o + 1]) << 16U) |
             (static_cast<unsigned char>(b[o + 2]) << 8U) | static_cast<unsigned char>(b[o + 3]);
    };
    return std::make_pair(be(16), be(20));
  };
  const auto first = dims(util::readFile(pngs[0]));
  const auto second = dims(util::readFile(pngs[1]));
  EXPECT_EQ(first.first, 298U);   // 210 mm at 36 dpi
  EXPECT_EQ(first.second, 421U);  // 297 mm
  EXPECT_EQ(second.first, 421U);
  EXPECT_EQ(second.second, 298U);
}

}  // namespace
