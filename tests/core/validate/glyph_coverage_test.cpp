// Glyph coverage (issue 16): the warnings of check/render and the DOCX fallback face.
#include <gtest/gtest.h>

#include "../docx/gbt9704_checks.hpp"
#include "bangfu/docx/docx_writer.hpp"
#include "bangfu/layout/measure.hpp"
#include "bangfu/validate/validate.hpp"

namespace bangfu {
namespace {

model::Scheme schemeWithPerson(const std::string& name) {
  model::Scheme s;
  s.file = "s.json";
  model::Person p;
  p.id = name;
  p.name = name;
  s.people.push_back(p);
  return s;
}

const diag::Diagnostic* find(const diag::Diagnostics& d, const std::string& code) {
  for (const auto& x : d.items())
    if (x.code == code) return &x;
  return nullptr;
}

TEST(GlyphCoverage, HanziOutsideGb2312IsAWarningAtItsField) {
  diag::Diagnostics d;
  validate::checkGlyphCoverage(schemeWithPerson("杜光旻"), d);
  const diag::Diagnostic* w = find(d, "glyph.outside-gb2312");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->severity, diag::Severity::Warning);
  EXPECT_EQ(w->where.file, "s.json");
  EXPECT_EQ(w->where.field, "people[0].name");
  EXPECT_NE(w->message.find("旻"), std::string::npos);
  EXPECT_NE(w->message.find("仿宋_GB2312"), std::string::npos);  // which face lacks it
  EXPECT_NE(w->message.find(layout::fallbackFamily(doc::Face::Fang)), std::string::npos);
  EXPECT_FALSE(w->suggestion.empty());
  EXPECT_FALSE(w->suggestionEn.empty());
  EXPECT_EQ(d.errorCount(), 0U);
}

TEST(GlyphCoverage, Gb2312TextIsQuiet) {
  diag::Diagnostics d;
  validate::checkGlyphCoverage(schemeWithPerson("陈瑞商（莲都区）"), d);
  EXPECT_TRUE(d.empty());
}

TEST(GlyphCoverage, OneWarningPerCharacterWithItsCount) {
  model::Scheme s = schemeWithPerson("杜光旻");
  model::Person q;
  q.id = q.name = "王旻";
  s.people.push_back(q);
  diag::Diagnostics d;
  validate::checkGlyphCoverage(s, d);
  ASSERT_EQ(d.warningCount(), 1U);
  EXPECT_EQ(d.items()[0].where.field, "people[0].name");  // the first place
  EXPECT_NE(d.items()[0].message.find("共 2 处"), std::string::npos);
}

TEST(GlyphCoverage, WorkbookCellIsThePlace) {
  model::Scheme s = schemeWithPerson("杜光旻");
  s.file = "方案.xlsx";
  s.fieldWhere["people[0].name"] = diag::Location{"方案.xlsx", "人员", 11, 2, ""};
  diag::Diagnostics d;
  validate::checkGlyphCoverage(s, d);
  ASSERT_EQ(d.warningCount(), 1U);
  EXPECT_EQ(d.items()[0].where.str().rfind("方案.xlsx:人员!B11", 0), 0U) << d.items()[0].where.str();
}

TEST(GlyphCoverage, ExtensionBHanziIsReported) {
  diag::Diagnostics d;
  validate::checkGlyphCoverage(schemeWithPerson("张\xF0\xA0\x80\x80"), d);  // U+20000
  EXPECT_NE(find(d, "glyph.outside-gb2312"), nullptr);
}

TEST(GlyphCoverage, DocxSetsOnlyTheLackingCharacterInTheFallbackFace) {
  doc::Notice n;
  doc::Appendix a;
  a.label = "附件1";
  a.title = "标题";
  a.blocks.emplace_back(doc::Paragraph::text("杜光旻、杨秀清"));
  n.appendices.push_back(a);
  const std::string xml = testkit::unzipAll(docx::writeDocx(n)).at("word/document.xml");
  const std::string fallback = std::string("<w:rFonts w:eastAsia=\"") +
                               layout::fallbackFamily(doc::Face::Fang) +
                               "\" w:hint=\"eastAsia\"/></w:rPr><w:t>旻</w:t>";
  EXPECT_NE(xml.find(fallback), std::string::npos);
  EXPECT_NE(xml.find("<w:t>杜光</w:t>"), std::string::npos);
  EXPECT_NE(xml.find("<w:t>、杨秀清</w:t>"), std::string::npos);
  const std::string fonts = testkit::unzipAll(docx::writeDocx(n)).at("word/fontTable.xml");
  EXPECT_NE(fonts.find(std::string("<w:font w:name=\"") + layout::fallbackFamily(doc::Face::Fang) +
                       "\"><w:altName w:val=\"宋体\"/>"),
            std::string::npos);
}

TEST(GlyphCoverage, DocxLeavesCoveredTextInOneRun) {
  doc::Notice n;
  doc::Appendix a;
  a.label = "附件1";
  a.title = "标题";
  a.blocks.emplace_back(doc::Paragraph::text("杨秀清（2个）"));
  n.appendices.push_back(a);
  const std::string xml = testkit::unzipAll(docx::writeDocx(n)).at("word/document.xml");
  EXPECT_NE(xml.find("<w:t>杨秀清（2个）</w:t>"), std::string::npos);
  EXPECT_EQ(xml.find(layout::fallbackFamily(doc::Face::Fang)), std::string::npos);
}

}  // namespace
}  // namespace bangfu
