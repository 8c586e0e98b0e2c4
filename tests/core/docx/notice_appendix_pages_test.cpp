// The pages of the appendices bound between the text and the 版记
// (core/src/docx/notice_appendix_pages.cpp), which decide whether a blank page and an
// unnumbered 版记 page follow them (GB/T 9704-2012 7.5). Their agreement with
// LibreOffice is measured by tests/render/test_notice_render.py on the bound variants;
// these tests pin the model's rules and the writer's use of them.
#include "docx/notice_appendix_pages.hpp"

#include <gtest/gtest.h>

#include <string>

#include "bangfu/docx/docx_writer.hpp"
#include "docx/layout.hpp"
#include "docx/parts.hpp"
#include "gbt9704_checks.hpp"

using namespace bangfu;
using bangfu::testkit::unzipAll;

namespace {

constexpr int kPortrait = 22 * 579;
constexpr int kLandscape = 15 * 579;

doc::NoticeText shortNotice() {
  doc::NoticeText t;
  t.head.issuerLines = {"中共浙江省委办公厅"};
  t.head.docNumber = "浙委办发〔2014〕8号";
  t.title = "关于做好扶贫工作的通知";
  t.recipients = "各市委";
  t.blocks.emplace_back(doc::Paragraph::text("为进一步深化扶贫开发工作，现通知如下。"));
  t.imprint.printer = "中共浙江省委办公厅";
  t.imprint.printDate = "2014年1月27日";
  return t;
}

doc::Notice withTable(int bodyRows, doc::Orientation orientation = doc::Orientation::Portrait) {
  doc::Table table;
  table.name = "名单";
  table.columns = {{"area", 1}, {"unit", 2}};
  doc::Row head;
  head.kind = doc::RowKind::Header;
  head.cells = {doc::Cell::text("县（市、区）"), doc::Cell::text("单位")};
  table.rows.push_back(head);
  for (int i = 0; i < bodyRows; ++i) {
    doc::Row r;
    r.cells = {doc::Cell::text("莲都区"), doc::Cell::text("市人防办")};
    table.rows.push_back(r);
  }
  doc::Appendix a;
  a.id = "list";
  a.label = "附件";
  a.title = "结对帮扶名单";
  a.orientation = orientation;
  a.blocks.emplace_back(std::move(table));
  doc::Notice n;
  n.appendices.push_back(std::move(a));
  return n;
}

int docVar(const std::string& settings, const std::string& name) {
  const std::string key = "w:name=\"" + name + "\" w:val=\"";
  const auto at = settings.find(key);
  if (at == std::string::npos) return -1;
  return std::stoi(settings.substr(at + key.size()));
}

/// The footer the 版记's section (the document's last w:sectPr) refers to.
std::string imprintFooter(const std::string& document) {
  const auto at = document.rfind("<w:sectPr>");
  const auto ref = document.find("r:id=\"", at);
  return document.substr(ref + 6, document.find('"', ref + 6) - ref - 6);
}

}  // namespace

// 5.2.3, 8: LibreOffice fills whole rows of the 579-tw grid: 22 portrait, 15 landscape.
TEST(AppendixPagesTest, PagesHoldWholeGridRows) {
  EXPECT_EQ(docx::filledPageTwips(doc::Orientation::Portrait), kPortrait);
  EXPECT_EQ(docx::filledPageTwips(doc::Orientation::Landscape), kLandscape);
}

// 7.3.7: every appendix opens a page; grid lines fill 22 (15) a page.
TEST(AppendixPagesTest, EachAppendixStartsAPage) {
  docx::AppendixPager p(3);
  p.startAppendix(doc::Orientation::Portrait);
  p.addGridLines(3);
  EXPECT_EQ(p.lastPage(), 4);
  p.startAppendix(doc::Orientation::Landscape);
  p.addGridLines(15);
  EXPECT_EQ(p.lastPage(), 5);
  p.addGridLines(1);
  EXPECT_EQ(p.lastPage(), 6);
  EXPECT_EQ(p.textWidthTwips(), docx::layout::kLandscapeTextWidthTwips);
}

// w:tblHeader rows repeat on every page; w:cantSplit rows that do not fit go down.
TEST(AppendixPagesTest, RowsBelowTheRepeatedHeader) {
  // Header 500; body rows of 1000: the first page holds (12738 − 1737 − 500) / 1000 =
  // 10 rows under the title, later pages (12738 − 500) / 1000 = 12.
  std::vector<int> heights(1 + 10, 1000);
  heights[0] = 500;
  const std::vector<unsigned char> none(heights.size(), 0);
  docx::AppendixPager fits(0);
  fits.startAppendix(doc::Orientation::Portrait);
  fits.addGridLines(3);
  fits.addTable(heights, 1, none);
  EXPECT_EQ(fits.lastPage(), 1);
  heights.push_back(1000);  // the 11th row
  docx::AppendixPager spills(0);
  spills.startAppendix(doc::Orientation::Portrait);
  spills.addGridLines(3);
  spills.addTable(heights, 1, std::vector<unsigned char>(heights.size(), 0));
  EXPECT_EQ(spills.lastPage(), 2);
  heights.resize(1 + 10 + 12, 1000);  // page 2 full
  docx::AppendixPager two(0);
  two.startAppendix(doc::Orientation::Portrait);
  two.addGridLines(3);
  two.addTable(heights, 1, std::vector<unsigned char>(heights.size(), 0));
  EXPECT_EQ(two.lastPage(), 2);
  // The 说明 after it: 12738 − 12500 = 238 tw left, less than a line.
  two.addGridLines(1);
  EXPECT_EQ(two.lastPage(), 3);
}

// A merged group kept whole (layout::planGroups' keepWithNext) moves to the next page
// and takes the rows after it along: 22 body rows of 1000 fill pages 1 (10) and 2 (12);
// rows 11 and 12 kept together leave row 11's place on page 1 empty, so row 22 goes to 3.
TEST(AppendixPagesTest, AKeptGroupMovesWhole) {
  std::vector<int> heights(1 + 22, 1000);
  heights[0] = 500;
  auto pages = [&](const std::vector<unsigned char>& keep) {
    docx::AppendixPager p(0);
    p.startAppendix(doc::Orientation::Portrait);
    p.addGridLines(3);
    p.addTable(heights, 1, keep);
    return p.lastPage();
  };
  std::vector<unsigned char> keep(heights.size(), 0);
  EXPECT_EQ(pages(keep), 2);
  keep[10] = 1;  // row 10 with row 11
  EXPECT_EQ(pages(keep), 3);
}

// The writer: the computed last page is the document variable bangfu.noticeBodyPages,
// and the 版记's section refers to the empty footer (rId8) exactly when that page is
// even (7.5); growing the table moves the last page one at a time.
TEST(AppendixPagesTest, TheImprintAfterTheAppendicesFollowsTheirLastPage) {
  const doc::NoticeText text = shortNotice();
  docx::DocxOptions o;
  o.text = &text;
  int previous = 0;
  bool sawEven = false;
  bool sawOdd = false;
  for (int rows = 1; rows <= 80; rows += 3) {
    const auto parts = unzipAll(docx::writeDocx(withTable(rows), o));
    ASSERT_TRUE(parts.count("word/footer5.xml")) << rows;  // packed: decided only while writing
    const int body = docVar(parts.at("word/settings.xml"), "bangfu.noticeBodyPages");
    EXPECT_EQ(docVar(parts.at("word/settings.xml"), "bangfu.noticeTextPages"), 1);
    ASSERT_GE(body, 2) << rows;
    EXPECT_TRUE(body == previous || body == previous + 1 || previous == 0) << rows;
    previous = body;
    const bool even = body % 2 == 0;
    (even ? sawEven : sawOdd) = true;
    EXPECT_EQ(imprintFooter(parts.at("word/document.xml")),
              even ? docx::part::kRelFooterBlank : docx::part::kRelFooterOdd)
        << rows << " rows";
  }
  EXPECT_TRUE(sawEven);
  EXPECT_TRUE(sawOdd);
  // Numbered from 2, the same pages end on an odd number: the 版记 keeps its number.
  o.firstPageNumber = 2;
  const auto parts = unzipAll(docx::writeDocx(withTable(1), o));
  EXPECT_EQ(docVar(parts.at("word/settings.xml"), "bangfu.noticeBodyPages"), 2);
  EXPECT_EQ(imprintFooter(parts.at("word/document.xml")), docx::part::kRelFooterOdd);
}
