// Print pagination of the XLSX writer (xlsx_pages.hpp): manual row breaks that
// keep a merged group on one page where it fits (issue 16).
#include "xlsx/xlsx_pages.hpp"

#include <gtest/gtest.h>

namespace {

using namespace bangfu::xlsx::detail;

Pagination rows(std::size_t n, double pt, double page) {
  Pagination p;
  p.rowHeightsPt.assign(n, pt);
  p.pageHeightPt = page;
  return p;
}

TEST(XlsxPagesTest, BreaksWhereThePageIsFull) {
  // 10 rows of 10 pt on 35 pt pages: rows 0–2, 3–5, 6–8, 9.
  EXPECT_EQ(pageBreaks(rows(10, 10, 35)), (std::vector<std::size_t>{3, 6, 9}));
  EXPECT_TRUE(pageBreaks(rows(3, 10, 35)).empty());
}

TEST(XlsxPagesTest, RepeatedHeaderTakesRoomOnLaterPages) {
  // Rows 0–1 repeat (20 pt): page 1 holds rows 0–4, later pages 2 header + 3 body rows.
  Pagination p = rows(12, 10, 50);
  p.repeatFirst = 0;
  p.repeatCount = 2;
  EXPECT_EQ(pageBreaks(p), (std::vector<std::size_t>{5, 8, 11}));
}

TEST(XlsxPagesTest, GroupThatFitsMovesWholeToTheNextPage) {
  // Rows 2–4 merge: the page would end after row 3, so it ends before row 2.
  Pagination p = rows(8, 10, 40);
  p.groups = {RowGroup{2, 4}};
  EXPECT_EQ(pageBreaks(p), (std::vector<std::size_t>{2, 6}));
}

TEST(XlsxPagesTest, GroupTallerThanAPageIsCutWhereThePageIsFull) {
  Pagination p = rows(10, 10, 40);
  p.groups = {RowGroup{1, 8}};
  EXPECT_EQ(pageBreaks(p), (std::vector<std::size_t>{4, 8}));
}

TEST(XlsxPagesTest, GroupAtThePageTopIsNotMovedAgain) {
  // The group starts the page; it does not fit on what is left of it, so it is cut.
  Pagination p = rows(6, 10, 30);
  p.groups = {RowGroup{0, 3}};
  EXPECT_EQ(pageBreaks(p), (std::vector<std::size_t>{3}));
}

TEST(XlsxPagesTest, RowTallerThanAPageGetsAPageOfItsOwn) {
  Pagination p = rows(3, 10, 30);
  p.rowHeightsPt[1] = 100;
  EXPECT_EQ(pageBreaks(p), (std::vector<std::size_t>{1, 2}));
}

}  // namespace

namespace {

TEST(XlsxPagesForcedTest, ForcedStartBreaksWhateverRoomIsLeft) {
  // Row 2 continues a cut row: it starts a page though rows 0–3 would fit.
  Pagination p = rows(8, 10, 40);
  p.forcedStarts = {2};
  EXPECT_EQ(pageBreaks(p), (std::vector<std::size_t>{2, 6}));
}

}  // namespace
