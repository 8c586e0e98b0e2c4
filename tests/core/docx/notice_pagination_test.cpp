// The notice's computed pagination (core/src/docx/notice_pagination.cpp), which decides
// whether the 版记 page carries a number (GB/T 9704-2012 7.5). Its agreement with
// LibreOffice is measured on every example by tests/render/test_notice_render.py; these
// tests pin the model's rules: 22 lines a page, 28 字 a line less the two-字 indent, ，。
// hanging, keepNext chains moved whole, and the parity of the last page.
#include "docx/notice_pagination.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace bangfu;

namespace {

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

doc::NoticeText notice(int paragraphs, const std::string& paragraph, bool signature = false) {
  doc::NoticeText t;
  t.head.issuerLines = {"中共浙江省委办公厅"};
  t.head.docNumber = "浙委办发〔2014〕8号";
  t.title = "关于做好扶贫工作的通知";
  t.recipients = "各市委";
  for (int i = 0; i < paragraphs; ++i) t.blocks.emplace_back(doc::Paragraph::text(paragraph));
  if (signature) {
    doc::SignatureBlock s;
    s.issuers = {"中共浙江省委办公厅", "浙江省人民政府办公厅"};
    s.date = "2014年1月24日";
    t.blocks.emplace_back(s);
  }
  t.imprint.printer = "中共浙江省委办公厅";
  t.imprint.printDate = "2014年1月27日";
  return t;
}

/// Paragraphs of `paragraph` that fit page 1 under the 版头.
int firstPageCapacity(const std::string& paragraph) {
  for (int n = 1; n < 40; ++n)
    if (docx::paginateNotice(notice(n, paragraph)).pages > 1) return n - 1;
  return -1;
}

}  // namespace

// 版头 2005 + 720 + 1737 + 180 tw, title 2 × 579 + 579, 主送 579 + 579: 7537 tw, so 8 of
// the 22 lines are left on page 1; every later page takes 22 (5.2.3).
TEST(NoticePaginationTest, TwentyTwoLinesAPageBelowTheHead) {
  const std::string line = repeat("一", 20) + "。";
  EXPECT_EQ(firstPageCapacity(line), 8);
  EXPECT_EQ(docx::paginateNotice(notice(8 + 22, line)).pages, 2);
  EXPECT_EQ(docx::paginateNotice(notice(8 + 22 + 1, line)).pages, 3);
  EXPECT_EQ(docx::paginateNotice(notice(8 + 22 + 1, line)).linesOnLastPage, 1);
}

// 7.3.3: 左空二字, so 26 字 on the first line; a 27th goes down, a 。 after the 26th hangs.
TEST(NoticePaginationTest, TwentySixCharactersOnTheIndentedFirstLine) {
  EXPECT_EQ(firstPageCapacity(repeat("一", 26)), 8);
  EXPECT_EQ(firstPageCapacity(repeat("一", 26) + "。"), 8);
  EXPECT_EQ(firstPageCapacity(repeat("一", 27)), 4);
  EXPECT_EQ(firstPageCapacity(repeat("一", 26 + 28)), 4);
  EXPECT_EQ(firstPageCapacity(repeat("一", 26 + 29)), 2);
}

// 7.3.5: the 署名 (one empty line, two names, the date) stays with the paragraph above
// it: five lines that move to page 2 together when they do not fit page 1's rest.
TEST(NoticePaginationTest, TheSignatureMovesWithTheLastParagraph) {
  const std::string line = repeat("一", 20);
  EXPECT_EQ(docx::paginateNotice(notice(4, line, true)).pages, 1);
  const auto moved = docx::paginateNotice(notice(5, line, true));
  EXPECT_EQ(moved.pages, 2);
  EXPECT_EQ(moved.linesOnLastPage, 5);
}

// 7.5: only a text ending on an even page gets the blank page and the unnumbered 版记
// page; with appendices bound in between the writer decides it after them
// (notice_appendix_pages_test.cpp).
TEST(NoticePaginationTest, TheImprintIsUnnumberedAfterAnEvenLastPage) {
  const std::string line = repeat("一", 20);
  const auto onPage2 = notice(8 + 5, line);
  ASSERT_EQ(docx::paginateNotice(onPage2).pages, 2);
  EXPECT_TRUE(docx::placeImprint(&onPage2, false, 1).unnumbered);
  EXPECT_FALSE(docx::placeImprint(&onPage2, true, 1).unnumbered);
  EXPECT_TRUE(docx::placeImprint(&onPage2, true, 1).decidedAfterAppendices);
  EXPECT_FALSE(docx::placeImprint(&onPage2, false, 1).decidedAfterAppendices);
  EXPECT_FALSE(docx::placeImprint(&onPage2, false, 2).unnumbered);  // numbered from 2: ends on 3
  const auto onPage1 = notice(3, line);
  EXPECT_FALSE(docx::placeImprint(&onPage1, false, 1).unnumbered);
  EXPECT_EQ(docx::placeImprint(&onPage1, false, 1).textPages, 1);
  auto noImprint = onPage2;
  noImprint.imprint = {};
  EXPECT_FALSE(docx::placeImprint(&noImprint, false, 1).unnumbered);
  EXPECT_EQ(docx::placeImprint(nullptr, false, 1).textPages, 0);
}

// A chain longer than a page is not moved (LibreOffice and Word let it flow): a text of
// nothing but 一、 headings, each keeping with the next, fills every page.
TEST(NoticePaginationTest, AChainLongerThanAPageFlows) {
  doc::NoticeText t = notice(0, "");
  for (int i = 0; i < 8 + 22 * 3; ++i)
    t.blocks.emplace_back(doc::Paragraph::text("一、标题", doc::ParagraphRole::Heading1));
  const auto p = docx::paginateNotice(t);
  EXPECT_EQ(p.pages, 4);
  EXPECT_EQ(p.linesOnLastPage, 22);
}
