// Which table rows may split across pages (docs/typesetting.md "Rows across pages").
#include <gtest/gtest.h>

#include <string>

#include "bangfu/docx/docx_writer.hpp"
#include "bangfu/layout/line_break.hpp"
#include "gbt9704_checks.hpp"

namespace bangfu {
namespace {

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + what.size())) ++n;
  return n;
}

/// A header row, a one-line row and a row whose second cell wraps to many lines.
doc::Notice tableWithOneTallRow() {
  doc::Table t;
  t.columns = {doc::Column{"county", 1}, doc::Column{"units", 3}};
  doc::Row head{{doc::Cell::text("县"), doc::Cell::text("团组单位")}, doc::RowKind::Header};
  doc::Row shortRow{{doc::Cell::text("莲都区"), doc::Cell::text("市人防办")}, doc::RowKind::Body};
  std::string many;
  for (int i = 0; i < 60; ++i) many += i == 0 ? "市农业农村局" : "、市农业农村局";
  doc::Row tallRow{{doc::Cell::text("龙泉市"), doc::Cell::text(many)}, doc::RowKind::Body};
  t.rows = {head, shortRow, tallRow};
  doc::Appendix a;
  a.label = "附件1";
  a.title = "标题";
  a.blocks.emplace_back(t);
  doc::Notice n;
  n.appendices.push_back(a);
  return n;
}

TEST(RowSplit, OnlyTheTallBodyRowMaySplit) {
  const std::string xml = testkit::unzipAll(docx::writeDocx(tableWithOneTallRow())).at("word/document.xml");
  EXPECT_EQ(count(xml, "<w:tr>"), 3U);
  EXPECT_EQ(count(xml, "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"), 1U);  // the header
  EXPECT_EQ(count(xml, "<w:trPr><w:cantSplit/></w:trPr>"), 1U);                // the short row
  EXPECT_EQ(count(xml, "<w:trPr></w:trPr>"), 1U);                              // the tall row
  const auto tall = xml.find("龙泉市");
  ASSERT_NE(tall, std::string::npos);
  EXPECT_EQ(xml.rfind("<w:trPr></w:trPr>", tall), xml.rfind("<w:trPr>", tall));
}

}  // namespace
}  // namespace bangfu

namespace bangfu {
namespace {

TEST(RowSplit, StreamedCountAgreesWithBreakLinesOnHanziRuns) {
  std::string hanzi;
  for (int i = 0; i < 100; ++i) hanzi += "农";
  const double width = 10 * 280;  // ten 4号 characters
  EXPECT_EQ(layout::streamedLineCount(hanzi, doc::Face::Fang, 28, width),
            layout::breakLines(layout::prepareText(hanzi, doc::Face::Fang, 28, false), width).lines);
  EXPECT_EQ(layout::streamedLineCount(hanzi, doc::Face::Fang, 28, width), 10);
  EXPECT_GT(layout::streamedLineCount(hanzi, doc::Face::Fang, 28, width, 4), 4);  // stops past the bound
  EXPECT_EQ(layout::streamedLineCount("市农业农村局", doc::Face::Fang, 28, width, 4), 1);
}

}  // namespace
}  // namespace bangfu
