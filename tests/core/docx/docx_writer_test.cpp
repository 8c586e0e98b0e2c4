#include "bangfu/docx/docx_writer.hpp"

#include <Poco/Zip/ZipArchive.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "docx/parts.hpp"
#include "docx_samples.hpp"
#include "gbt9704_checks.hpp"
#include "zip/zip_writer.hpp"

using namespace bangfu;
using bangfu::testkit::checkGbt9704;
using bangfu::testkit::unzipAll;

namespace {

std::string documentXml(const doc::Notice& n, const docx::DocxOptions& o = {}) {
  return unzipAll(docx::writeDocx(n, o)).at("word/document.xml");
}

/// The text between the first `open` and the matching `close` tag (first occurrence).
std::string between(const std::string& s, const std::string& open, const std::string& close) {
  const auto a = s.find(open);
  const auto b = s.find(close, a);
  if (a == std::string::npos || b == std::string::npos) return {};
  return s.substr(a, b + close.size() - a);
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + what.size())) ++n;
  return n;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

doc::Notice oneParagraph() {
  doc::Notice n;
  doc::Appendix a;
  a.label = "附件1";
  a.title = "标题";
  a.blocks.emplace_back(doc::Paragraph::text("正文<&>"));
  n.appendices.push_back(a);
  return n;
}

/// Rewrites one part of a package (for the checker's negative tests).
std::string withPart(const std::string& docx, const std::string& name, const std::string& bytes) {
  auto parts = unzipAll(docx);
  parts[name] = bytes;
  zip::ZipWriter zip(946684800);
  for (const auto& [k, v] : parts) zip.addPart(k, v);
  return zip.finish();
}

std::string replaced(std::string s, const std::string& from, const std::string& to) {
  const auto p = s.find(from);
  if (p != std::string::npos) s.replace(p, from.size(), to);
  return s;
}

}  // namespace

TEST(DocxZipTest, RoundTripsThroughPocoZip) {
  zip::ZipWriter zip(946684800);
  zip.addPart("a.xml", "<a/>");
  zip.beginPart("b/c.xml");
  zip.write("<b>");
  zip.write(std::string(100000, 'x'));
  zip.write("</b>");
  zip.endPart();
  zip.addPart("empty.xml", "");
  const auto parts = unzipAll(zip.finish());
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts.at("a.xml"), "<a/>");
  EXPECT_EQ(parts.at("b/c.xml"), "<b>" + std::string(100000, 'x') + "</b>");
  EXPECT_EQ(parts.at("empty.xml"), "");
}

TEST(DocxZipTest, ParallelChunksJoinIntoOneStream) {
  // Chunks deflated on worker threads (writeAsync) after and before serial
  // writes: one valid deflate stream whose CRC and size cover all of it, and the
  // same bytes on every run whatever the threads' timing.
  std::string text;
  std::uint32_t seed = 12345;
  auto chunk = [&](std::size_t n) {
    std::string c;
    while (c.size() < n) {
      seed = seed * 1103515245u + 12345u;
      c += "<w:tc><w:p><w:r><w:t>单位" + std::to_string(seed % 997) + "</w:t></w:r></w:p></w:tc>";
    }
    text += c;
    return c;
  };
  auto build = [&] {
    text.clear();
    seed = 12345;
    zip::ZipWriter zip(946684800);
    zip.addPart("a.xml", "<a/>");
    zip.beginPart("word/document.xml");
    zip.write(chunk(1000));  // serial first: must be byte-aligned before the chunks
    for (int i = 0; i < 23; ++i) zip.writeAsync(chunk(70000 + 1000 * static_cast<std::size_t>(i)));
    zip.write(chunk(500));  // after the chunks: joins their queue
    zip.endPart();
    zip.addPart("b.xml", "<b/>");
    return zip.finish();
  };
  const std::string first = build();
  const auto parts = unzipAll(first);
  EXPECT_EQ(parts.at("word/document.xml"), text);
  std::istringstream in(first);
  const Poco::Zip::ZipArchive archive(in);
  const auto& header = archive.findHeader("word/document.xml")->second;
  EXPECT_EQ(header.getCRC(),
            crc32(0L, reinterpret_cast<const Bytef*>(text.data()), static_cast<uInt>(text.size())));
  EXPECT_EQ(header.getUncompressedSize(), text.size());
  EXPECT_EQ(parts.at("a.xml"), "<a/>");
  EXPECT_EQ(parts.at("b.xml"), "<b/>");
  EXPECT_LT(first.size(), text.size() / 3);  // the dictionaries keep the ratio of one stream
  for (int run = 0; run < 3; ++run) EXPECT_EQ(build(), first);
}

TEST(DocxZipTest, DosTimeFromEpoch) {
  std::uint16_t date = 0, time = 0;
  zip::dosDateTime(1559174400 + 13 * 3600 + 5 * 60 + 7, date, time);  // 2019-05-30T13:05:07Z
  EXPECT_EQ(date, ((2019 - 1980) << 9) | (5 << 5) | 30);
  EXPECT_EQ(time, (13 << 11) | (5 << 5) | 3);
  zip::dosDateTime(0, date, time);  // before the DOS epoch: clamped to 1980-01-01
  EXPECT_EQ(date, (0 << 9) | (1 << 5) | 1);
  EXPECT_EQ(time, 0);
}

/// The page-number paragraph of the odd footer (rule 18), portrait and landscape.
const std::string kOddPageNumberParagraph =
    "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:ind w:right=\"280\"/><w:jc w:val=\"right\"/></w:pPr>"
    "<w:r><w:rPr><w:rFonts w:ascii=\"宋体\" w:eastAsia=\"宋体\" w:hAnsi=\"宋体\" w:hint=\"eastAsia\"/>"
    "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">— </w:t></w:r>"
    "<w:r><w:rPr><w:rFonts w:ascii=\"宋体\" w:eastAsia=\"宋体\" w:hAnsi=\"宋体\" w:hint=\"eastAsia\"/>"
    "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:fldChar w:fldCharType=\"begin\"/></w:r>"
    "<w:r><w:rPr><w:rFonts w:ascii=\"宋体\" w:eastAsia=\"宋体\" w:hAnsi=\"宋体\" w:hint=\"eastAsia\"/>"
    "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:instrText xml:space=\"preserve\"> PAGE "
    "</w:instrText></w:r>"
    "<w:r><w:rPr><w:rFonts w:ascii=\"宋体\" w:eastAsia=\"宋体\" w:hAnsi=\"宋体\" w:hint=\"eastAsia\"/>"
    "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:fldChar w:fldCharType=\"separate\"/></w:r>"
    "<w:r><w:rPr><w:rFonts w:ascii=\"宋体\" w:eastAsia=\"宋体\" w:hAnsi=\"宋体\" w:hint=\"eastAsia\"/>"
    "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:t>1</w:t></w:r>"
    "<w:r><w:rPr><w:rFonts w:ascii=\"宋体\" w:eastAsia=\"宋体\" w:hAnsi=\"宋体\" w:hint=\"eastAsia\"/>"
    "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:fldChar w:fldCharType=\"end\"/></w:r>"
    "<w:r><w:rPr><w:rFonts w:ascii=\"宋体\" w:eastAsia=\"宋体\" w:hAnsi=\"宋体\" w:hint=\"eastAsia\"/>"
    "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\"> —</w:t></w:r>"
    "</w:p>";

TEST(DocxPartsTest, OddFooterExactXml) {
  EXPECT_EQ(docx::footerPart(docx::FooterSide::Odd),
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
            "<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
            "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" +
                kOddPageNumberParagraph + "</w:ftr>");
}

/// Rule 25: the landscape odd footer. Its paragraph (in the bottom margin) holds no
/// text; the page number is the portrait paragraph in a page-relative text box in
/// the left margin, turned 90° clockwise: x 1446 tw (635 EMU each), 280 wide;
/// y 1587, 8845 long (the 版心's height); VML repeats it in points.
TEST(DocxPartsTest, LandscapeOddFooterExactXml) {
  // VML only: LibreOffice 7.4 placed the DrawingML twin at the paper's edge on the
  // first page of a landscape section (issue 16, tests/render/test_table_render.py).
  EXPECT_EQ(
      docx::landscapeFooterPart(docx::FooterSide::Odd),
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
      "<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
      "xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\">"
      "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr><w:r>"
      "<w:pict><v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" "
      "path=\"m,l,21600r21600,l21600,xe\"><v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" "
      "o:connecttype=\"rect\"/></v:shapetype><v:shape id=\"PageNumberOdd\" type=\"#_x0000_t202\" "
      "style=\"position:absolute;margin-left:72.3pt;margin-top:79.35pt;width:14pt;height:442.25pt;z-"
      "index:1;"
      "mso-position-horizontal-relative:page;mso-position-vertical-relative:page;v-text-anchor:middle\" "
      "filled=\"f\" stroked=\"f\"><v:textbox style=\"layout-flow:vertical\" "
      "inset=\"0,0,0,0\"><w:txbxContent>" +
          kOddPageNumberParagraph + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p></w:ftr>");
}

TEST(DocxPartsTest, LandscapeEvenFooterStartsAtTheTop) {
  const std::string even = docx::landscapeFooterPart(docx::FooterSide::Even);
  // Same box; the paragraph starts 空一字 below the 版心's top (the portrait left edge).
  EXPECT_EQ(
      count(even, "<w:pPr><w:pStyle w:val=\"Footer\"/><w:ind w:left=\"280\"/><w:jc w:val=\"left\"/></w:pPr>"),
      1u);
  EXPECT_NE(even.find("<v:shape id=\"PageNumberEven\""), std::string::npos);
  EXPECT_NE(even.find("margin-left:72.3pt;margin-top:79.35pt"), std::string::npos);
  EXPECT_EQ(count(even, "w:jc w:val=\"right\""), 0u);
}

TEST(DocxPartsTest, EvenFooterIsLeftWithIndent) {
  const std::string even = docx::footerPart(docx::FooterSide::Even);
  EXPECT_NE(
      even.find("<w:pPr><w:pStyle w:val=\"Footer\"/><w:ind w:left=\"280\"/><w:jc w:val=\"left\"/></w:pPr>"),
      std::string::npos);
}

TEST(DocxPartsTest, DocumentRelsExactXml) {
  EXPECT_EQ(docx::documentRelsPart(false),
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            "<Relationship Id=\"rId1\" "
            "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
            "Target=\"styles.xml\"/>"
            "<Relationship Id=\"rId2\" "
            "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" "
            "Target=\"settings.xml\"/>"
            "<Relationship Id=\"rId3\" "
            "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" "
            "Target=\"fontTable.xml\"/>"
            "<Relationship Id=\"rId4\" "
            "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" "
            "Target=\"footer1.xml\"/>"
            "<Relationship Id=\"rId5\" "
            "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" "
            "Target=\"footer2.xml\"/>"
            "</Relationships>");
}

TEST(DocxPartsTest, LandscapeFootersOnlyWithALandscapeSection) {
  const auto portrait = unzipAll(docx::writeDocx(oneParagraph()));
  EXPECT_EQ(portrait.count("word/footer3.xml"), 0u);
  EXPECT_EQ(portrait.at("word/_rels/document.xml.rels").find("footer3.xml"), std::string::npos);
  EXPECT_EQ(portrait.at("[Content_Types].xml").find("footer3.xml"), std::string::npos);
  const auto mixed = unzipAll(docx::writeDocx(testkit::mixedSampleNotice()));
  EXPECT_EQ(mixed.at("word/footer3.xml"), docx::landscapeFooterPart(docx::FooterSide::Odd));
  EXPECT_EQ(mixed.at("word/footer4.xml"), docx::landscapeFooterPart(docx::FooterSide::Even));
  EXPECT_NE(
      mixed.at("word/_rels/document.xml.rels")
          .find("<Relationship Id=\"rId6\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                "relationships/footer\" Target=\"footer3.xml\"/><Relationship Id=\"rId7\" "
                "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" "
                "Target=\"footer4.xml\"/></Relationships>"),
      std::string::npos);
  EXPECT_NE(
      mixed.at("[Content_Types].xml")
          .find(
              "<Override PartName=\"/word/footer4.xml\" "
              "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"),
      std::string::npos);
}

TEST(DocxPartsTest, SettingsExactXml) {
  EXPECT_EQ(docx::settingsPart(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
            "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            "<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"640\"/><w:evenAndOddHeaders/>"
            "<w:characterSpacingControl w:val=\"doNotCompress\"/>"
            "<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name=\"compatibilityMode\" "
            "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
            "<w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>"
            "<w:decimalSymbol w:val=\".\"/><w:listSeparator w:val=\",\"/></w:settings>");
}

TEST(DocxPartsTest, CorePropsDatesFromEpoch) {
  doc::Notice n;
  n.title = "关于<印发>的通知";
  const std::string core = docx::corePropsPart(n, 1559174400);
  EXPECT_NE(core.find("<dc:title>关于&lt;印发&gt;的通知</dc:title>"), std::string::npos);
  EXPECT_NE(core.find("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2019-05-30T00:00:00Z</dcterms:created>"),
            std::string::npos);
}

TEST(DocxPartsTest, StylesCarryTheBodyGrid) {
  const std::string styles = docx::stylesPart({});
  EXPECT_NE(
      styles.find(
          "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
          "<w:qFormat/><w:pPr><w:widowControl w:val=\"0\"/><w:overflowPunct w:val=\"0\"/>"
          "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"579\" w:lineRule=\"exact\"/><w:jc "
          "w:val=\"both\"/></w:pPr>"
          "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"仿宋_GB2312\" w:hAnsi=\"Times New "
          "Roman\" "
          "w:cs=\"Times New Roman\"/><w:color w:val=\"000000\"/><w:spacing w:val=\"-5\"/>"
          "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>"),
      std::string::npos);
  EXPECT_NE(styles.find("<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>"),
            std::string::npos);
  EXPECT_EQ(styles.find("TableText24"), std::string::npos);
  docx::StyleUse use;
  use.tableHalfPoints = {24, 28};
  EXPECT_NE(docx::stylesPart(use).find("w:styleId=\"TableText24\""), std::string::npos);
}

TEST(DocxDocumentTest, SmallAppendixExactBody) {
  const std::string xml = documentXml(oneParagraph());
  EXPECT_EQ(between(xml, "<w:body>", "</w:body>"),
            "<w:body>"
            "<w:p><w:pPr><w:pStyle w:val=\"AppendixLabel\"/></w:pPr><w:r><w:t>附件1</w:t></w:r></w:p>"
            "<w:p></w:p>"
            "<w:p><w:pPr><w:pStyle w:val=\"AppendixTitle\"/></w:pPr><w:r><w:t>标题</w:t></w:r></w:p>"
            "<w:p><w:pPr><w:pStyle w:val=\"BodyText\"/></w:pPr><w:r><w:t>正文&lt;&amp;&gt;</w:t></w:r></w:p>"
            "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId4\"/><w:footerReference "
            "w:type=\"even\" r:id=\"rId5\"/>"
            "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
            "<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\" w:header=\"851\" "
            "w:footer=\"1446\" w:gutter=\"0\"/>"
            "<w:pgNumType w:start=\"1\"/><w:cols w:space=\"425\"/><w:docGrid w:type=\"lines\" "
            "w:linePitch=\"579\"/></w:sectPr>"
            "</w:body>");
}

TEST(DocxDocumentTest, TableMergesAndHeaderExactXml) {
  doc::Notice n;
  doc::Appendix a;
  a.label = "附件";
  a.title = "表";
  doc::Table t;
  t.columns = {{"a", 1, doc::Align::Center, false}, {"b", 3, doc::Align::Left, false}};
  doc::Row h;
  h.kind = doc::RowKind::Header;
  h.cells = {doc::Cell::text("县"), doc::Cell::text("单位")};
  doc::Row r1;
  doc::Cell county = doc::Cell::text("莲都区");
  county.rowSpan = 2;
  r1.cells = {county, doc::Cell::runs({{"甲", doc::Face::Hei, false}, {"、乙", doc::Face::Inherit, false}})};
  doc::Row r2;
  r2.cells = {doc::Cell::text("丙")};
  t.rows = {h, r1, r2};
  a.blocks.emplace_back(t);
  n.appendices.push_back(a);
  const std::string tbl = between(documentXml(n), "<w:tbl>", "</w:tbl>");
  const std::string cellPr = "<w:vAlign w:val=\"center\"/></w:tcPr>";
  EXPECT_EQ(
      tbl,
      "<w:tbl><w:tblPr><w:tblW w:w=\"8845\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblInd w:w=\"0\" "
      "w:type=\"dxa\"/>"
      "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/></w:tblBorders>"
      "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"28\" w:type=\"dxa\"/><w:left w:w=\"85\" "
      "w:type=\"dxa\"/>"
      "<w:bottom w:w=\"28\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
      "<w:tblGrid><w:gridCol w:w=\"2211\"/><w:gridCol w:w=\"6634\"/></w:tblGrid>"
      "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
      "<w:tc><w:tcPr><w:tcW w:w=\"2211\" w:type=\"dxa\"/>" +
          cellPr +
          "<w:p><w:pPr><w:pStyle w:val=\"TableHeading\"/></w:pPr><w:r><w:t>县</w:t></w:r></w:p></w:tc>"
          "<w:tc><w:tcPr><w:tcW w:w=\"6634\" w:type=\"dxa\"/>" +
          cellPr +
          "<w:p><w:pPr><w:pStyle w:val=\"TableHeading\"/><w:jc "
          "w:val=\"left\"/></w:pPr><w:r><w:t>单位</w:t></w:r></w:p></w:tc></w:tr>"
          "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
          "<w:tc><w:tcPr><w:tcW w:w=\"2211\" w:type=\"dxa\"/><w:vMerge w:val=\"restart\"/>" +
          cellPr +
          "<w:p><w:pPr><w:pStyle "
          "w:val=\"TableText\"/><w:keepNext/></w:pPr><w:r><w:t>莲都区</w:t></w:r></w:p></w:tc>"
          "<w:tc><w:tcPr><w:tcW w:w=\"6634\" w:type=\"dxa\"/>" +
          cellPr +
          "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/><w:keepNext/><w:jc w:val=\"left\"/></w:pPr>"
          "<w:r><w:rPr><w:rStyle "
          "w:val=\"FaceHei\"/></w:rPr><w:t>甲</w:t></w:r><w:r><w:t>、乙</w:t></w:r></w:p></w:tc></w:tr>"
          "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
          "<w:tc><w:tcPr><w:tcW w:w=\"2211\" w:type=\"dxa\"/><w:vMerge/>" +
          cellPr +
          "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr></w:p></w:tc>"
          "<w:tc><w:tcPr><w:tcW w:w=\"6634\" w:type=\"dxa\"/>" +
          cellPr +
          "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/><w:jc "
          "w:val=\"left\"/></w:pPr><w:r><w:t>丙</w:t></w:r></w:p></w:tc></w:tr>"
          "</w:tbl>");
}

TEST(DocxDocumentTest, ColSpanAndTooManyCells) {
  doc::Notice n = testkit::tableSampleNotice(4);
  const std::string xml = documentXml(n);
  EXPECT_EQ(count(xml, "<w:gridSpan w:val=\"3\"/>"), 1u);      // the 合计 label
  EXPECT_EQ(count(xml, "<w:vMerge w:val=\"restart\"/>"), 1u);  // rows 1–3; row 4's county spans 1
  EXPECT_EQ(count(xml, "<w:vMerge/>"), 2u);
  auto& t = std::get<doc::Table>(n.appendices[0].blocks[0]);
  t.rows[1].cells.push_back(doc::Cell::text("多余"));
  EXPECT_THROW(docx::writeDocx(n), std::invalid_argument);
}

TEST(DocxDocumentTest, NameListLayout) {
  const std::string xml = documentXml(testkit::bodySampleNotice());
  // Labels equalised, two-character names padded, names on tab stops, at most
  // as many per line as fit in 28 字 (4 + 3 + 5 × k).
  EXPECT_NE(xml.find("<w:t>组　长：</w:t><w:tab/><w:t>白凤祥</w:t>"), std::string::npos);
  EXPECT_NE(xml.find("<w:t>副组长：</w:t><w:tab/><w:t>王　峰</w:t><w:tab/><w:t>李明华</w:t>"),
            std::string::npos);
  EXPECT_NE(xml.find("<w:tabs><w:tab w:val=\"left\" w:pos=\"1280\"/><w:tab w:val=\"left\" w:pos=\"2880\"/>"
                     "<w:tab w:val=\"left\" w:pos=\"4480\"/><w:tab w:val=\"left\" w:pos=\"6080\"/></w:tabs>"
                     "<w:ind w:left=\"1280\" w:hanging=\"1280\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("<w:t>赵一鸣</w:t><w:br/><w:t>孙　丽</w:t>"), std::string::npos);
}

TEST(DocxDocumentTest, NotesHangUnderTheHeading) {
  const std::string xml = documentXml(testkit::bodySampleNotice());
  EXPECT_NE(
      xml.find(
          "<w:pPr><w:pStyle w:val=\"Notes\"/><w:tabs><w:tab w:val=\"left\" w:pos=\"960\"/></w:tabs>"
          "<w:ind w:left=\"960\" w:hanging=\"960\"/></w:pPr><w:r><w:t>说明：</w:t><w:tab/><w:t>1.原则上"),
      std::string::npos);
  EXPECT_NE(xml.find("<w:pPr><w:pStyle w:val=\"Notes\"/><w:ind w:left=\"960\"/></w:pPr><w:r><w:t>2.市委常委"),
            std::string::npos);
  EXPECT_EQ(xml.find("firstLine=\"0\" w:hanging"), std::string::npos);
}

TEST(DocxDocumentTest, SectionsForLandscapeAndContinuousNumbering) {
  const std::string xml = documentXml(testkit::mixedSampleNotice());
  EXPECT_EQ(count(xml, "<w:sectPr>"), 3u);
  EXPECT_EQ(count(xml, "<w:pgNumType"), 1u);
  EXPECT_EQ(count(xml, "<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"), 1u);
  EXPECT_NE(xml.find("<w:pgMar w:top=\"1587\" w:right=\"2098\" w:bottom=\"1474\" w:left=\"1984\""),
            std::string::npos);
  EXPECT_EQ(count(xml, "<w:tblW w:w=\"12756\""), 1u);
  EXPECT_EQ(count(xml, "<w:pageBreakBefore/>"), 0u);  // every appendix here opens a section
  // Rule 25: the landscape section has its own odd/even footers, the others keep theirs.
  EXPECT_EQ(count(xml,
                  "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId4\"/>"
                  "<w:footerReference w:type=\"even\" r:id=\"rId5\"/><w:pgSz w:w=\"11906\""),
            2u);
  EXPECT_EQ(count(xml,
                  "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId6\"/>"
                  "<w:footerReference w:type=\"even\" r:id=\"rId7\"/><w:pgSz w:w=\"16838\""),
            1u);
  doc::Notice two = testkit::bodySampleNotice();
  two.appendices.push_back(testkit::tableSampleNotice(3).appendices.front());
  EXPECT_EQ(count(documentXml(two), "<w:pageBreakBefore/>"), 1u);
}

TEST(DocxDocumentTest, DetachedAndFictional) {
  doc::Notice n = testkit::tableSampleNotice(3);
  n.fictional = true;
  docx::DocxOptions o;
  o.detached = true;
  const std::string xml = documentXml(n, o);
  EXPECT_NE(xml.find("<w:t>丽委办发〔2019〕36号附件2</w:t>"), std::string::npos);
  EXPECT_NE(xml.find("<w:pStyle w:val=\"FictionNote\"/></w:pPr><w:r><w:t>（示例数据，纯属虚构）</w:t>"),
            std::string::npos);
  EXPECT_NE(xml.find("<w:t>市级结对帮扶团组</w:t><w:br/><w:t>安排方案</w:t>"), std::string::npos);
  const auto v = checkGbt9704(docx::writeDocx(n, o), {"仿宋_GB2312", true});
  EXPECT_TRUE(v.empty()) << joined(v);
}

TEST(DocxDocumentTest, HintOnCurlyQuotes) {
  const std::string xml = documentXml(testkit::tableSampleNotice(1));
  EXPECT_NE(xml.find("<w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr><w:t>、市人力社保局、“百企结百村”"),
            std::string::npos);
}

TEST(DocxWriterTest, ByteStableAndEpochDriven) {
  const doc::Notice n = testkit::mixedSampleNotice();
  docx::DocxOptions o;
  o.epoch = 1559174400;
  const std::string a = docx::writeDocx(n, o);
  const std::string b = docx::writeDocx(n, o);
  EXPECT_EQ(a, b);
  o.epoch = 1700000000;
  const std::string c = docx::writeDocx(n, o);
  EXPECT_NE(a, c);
  EXPECT_EQ(a.size(), c.size());
  EXPECT_NE(unzipAll(c).at("docProps/core.xml").find("2023-11-14T22:13:20Z"), std::string::npos);
  // The local header of the first entry carries the DOS date of the epoch.
  std::uint16_t date = 0, time = 0;
  zip::dosDateTime(1559174400, date, time);
  EXPECT_EQ(static_cast<unsigned char>(a[12]), date & 0xFF);
  EXPECT_EQ(static_cast<unsigned char>(a[13]), date >> 8);
}

TEST(DocxWriterTest, PartsInFixedOrder) {
  const std::string bytes = docx::writeDocx(oneParagraph());
  std::vector<std::size_t> at;
  for (const char* name :
       {"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "word/document.xml",
        "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml", "word/fontTable.xml",
        "word/footer1.xml", "word/footer2.xml"}) {
    at.push_back(bytes.find(name));
    ASSERT_NE(at.back(), std::string::npos) << name;
  }
  EXPECT_TRUE(std::is_sorted(at.begin(), at.end()));
}

TEST(DocxGbt9704Test, SamplesPassEveryCheck) {
  for (const auto& n :
       {testkit::bodySampleNotice(), testkit::tableSampleNotice(40), testkit::mixedSampleNotice()}) {
    const auto v = checkGbt9704(docx::writeDocx(n));
    EXPECT_TRUE(v.empty()) << joined(v);
  }
}

TEST(DocxGbt9704Test, CheckerCatchesViolations) {
  const std::string good = docx::writeDocx(testkit::mixedSampleNotice());
  const auto parts = unzipAll(good);
  auto expectCheck = [&](const std::string& part, const std::string& from, const std::string& to,
                         const std::string& check) {
    ASSERT_NE(parts.at(part).find(from), std::string::npos) << from;
    const auto v = checkGbt9704(withPart(good, part, replaced(parts.at(part), from, to)));
    EXPECT_NE(joined(v).find(check), std::string::npos) << from << " → " << to << "\n" << joined(v);
  };
  expectCheck("word/document.xml", "w:w=\"11906\" w:h=\"16838\"", "w:w=\"12240\" w:h=\"15840\"", "check 1:");
  expectCheck("word/document.xml", "w:top=\"2098\"", "w:top=\"1440\"", "check 2:");
  expectCheck("word/document.xml", "w:linePitch=\"579\"", "w:linePitch=\"580\"", "check 3:");
  expectCheck("word/styles.xml", "<w:spacing w:val=\"-5\"/>", "", "check 4:");
  expectCheck("word/styles.xml", "<w:color w:val=\"000000\"/>", "<w:color w:val=\"FF0000\"/>", "check 5:");
  expectCheck("word/styles.xml", "<w:pPr><w:ind w:left=\"0\" w:firstLine=\"640\"/></w:pPr>", "", "check 7:");
  expectCheck("word/settings.xml", "<w:evenAndOddHeaders/>", "", "check 8:");
  expectCheck("word/footer2.xml", "w:val=\"left\"", "w:val=\"center\"", "check 8:");
  expectCheck("word/footer1.xml", "<w:t xml:space=\"preserve\">— </w:t>", "<w:t>- </w:t>", "check 9:");
  // Rule 25 / check 18: text in the landscape bottom margin, a box that is not
  // turned, not in the left margin, or at the wrong end; parity (check 8) and the
  // runs (check 9) inside the box.
  expectCheck("word/footer3.xml", "<w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr><w:r>",
              "<w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr><w:r><w:t>— 7 —</w:t></w:r><w:r>", "check 18:");
  expectCheck("word/footer3.xml", "layout-flow:vertical", "layout-flow:horizontal", "check 18:");
  expectCheck("word/footer4.xml", "layout-flow:vertical", "layout-flow:horizontal", "check 18:");
  expectCheck("word/footer3.xml", "margin-left:72.3pt", "margin-left:472pt", "check 18:");
  expectCheck("word/footer4.xml", "margin-left:72.3pt", "margin-left:720pt", "check 18:");
  expectCheck("word/footer4.xml", "margin-top:79.35pt", "margin-top:0pt", "check 18:");
  expectCheck("word/footer4.xml", "w:val=\"left\"", "w:val=\"center\"", "check 8:");
  expectCheck("word/footer3.xml", "<w:t xml:space=\"preserve\">— </w:t>", "<w:t>- </w:t>", "check 9:");
  expectCheck("word/document.xml", "<w:t>附件2</w:t>", "<w:t>附件２</w:t>", "check 10:");
  expectCheck("word/document.xml", "<w:tblHeader/>", "", "check 15:");
  expectCheck("word/document.xml", "<w:cantSplit/></w:trPr><w:tc>", "</w:trPr><w:tc>", "check 15:");
  expectCheck("word/document.xml", "<w:t>王　峰</w:t>", "<w:t>王峰</w:t>", "check 16:");
  expectCheck("word/styles.xml", "w:eastAsia=\"zh-CN\" w:bidi", "w:eastAsia=\"en-US\" w:bidi", "check 20:");
  expectCheck("word/document.xml", "<w:t>1.明确责任分工。", "<w:t>1.明确责任分工 2019年05月30日 [2019]5号。",
              "check 12:");
  expectCheck("word/document.xml", "<w:t>1.明确责任分工。", "<w:t>1.明确责任分工2019年05月30日。",
              "check 13:");
  expectCheck("word/document.xml", "<w:t>1.明确责任分工。", "<w:t>1.明确责任分工 2019。", "check 14:");
  expectCheck("word/document.xml", "<w:t>一、总体要求</w:t>",
              "<w:rPr><w:rStyle w:val=\"FaceKai\"/></w:rPr><w:t>一、总体要求</w:t>", "check 6:");
}

TEST(DocxReferenceDocTest, UserStylesWinAndOursFillTheGaps) {
  // A reference DOCX whose Normal uses FangSong and which lacks our other styles.
  const std::string ours = docx::stylesPart({});
  std::string theirs =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
      "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:docDefaults><w:rPrDefault><w:rPr><w:lang "
      "w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault></w:docDefaults>"
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"a\"><w:name w:val=\"Normal\"/><w:rPr>"
      "<w:rFonts w:eastAsia=\"FangSong\"/><w:sz w:val=\"32\"/></w:rPr></w:style></w:styles>";
  const std::string path = ::testing::TempDir() + "/bangfu-reference.docx";
  {
    zip::ZipWriter zip(0);
    zip.addPart("word/styles.xml", theirs);
    std::ofstream(path, std::ios::binary) << zip.finish();
  }
  docx::DocxOptions o;
  o.referenceDoc = path;
  const std::string styles = unzipAll(docx::writeDocx(oneParagraph(), o)).at("word/styles.xml");
  EXPECT_NE(styles.find("w:eastAsia=\"FangSong\""), std::string::npos);
  EXPECT_EQ(styles.find("w:styleId=\"Normal\""), std::string::npos);  // theirs is the default ("a")
  EXPECT_NE(styles.find("w:styleId=\"BodyText\"><w:name w:val=\"Body Text\"/><w:basedOn w:val=\"a\"/>"),
            std::string::npos);
  o.referenceDoc = ::testing::TempDir() + "/no-such-reference.docx";
  try {
    docx::writeDocx(oneParagraph(), o);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("no-such-reference.docx"), std::string::npos);
  }
  const std::string notZip = ::testing::TempDir() + "/not-a-zip.docx";
  std::ofstream(notZip) << "plain text";
  o.referenceDoc = notZip;
  EXPECT_THROW(docx::writeDocx(oneParagraph(), o), std::runtime_error);
}

/// Issue 4 "Done": every §6 check except 17 holds on `bangfu table` output.
TEST(DocxGbt9704Test, BangfuTableOutputPassesEveryCheck) {
  const std::string dir = ::testing::TempDir();
  const std::string csvPath = dir + "/bangfu-docx-check.csv";
  {
    std::ofstream csv(csvPath, std::ios::binary);
    csv << "序号,县（市、区）,结对单位,工作组数\n";
    for (int i = 1; i <= 60; ++i) {
      csv << i << "," << (i % 2 ? "莲都区" : "景宁畲族自治县") << ",市发展改革委、市财政局（2个）,"
          << (1 + i % 4) << "\n";
    }
  }
  for (const char* extra : {"", " --landscape"}) {
    const std::string out = dir + "/bangfu-docx-check.docx";
    std::remove(out.c_str());
    const std::string cmd = std::string("\"") + BANGFU_CLI + "\" table \"" + csvPath + "\" -o \"" + out +
                            "\" --title 结对帮扶安排表 --label 附件1 --total 工作组数" + extra +
                            " > /dev/null 2>&1";
    const int rc = std::system(cmd.c_str());
    ASSERT_EQ(rc, 0) << cmd;
    std::ifstream in(out, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto v = checkGbt9704(bytes);
    EXPECT_TRUE(v.empty()) << extra << "\n" << joined(v);
  }
}

/// Issue 4 "Done": the §6 checks on the example schemes' appendices as the plugins
/// render them (`bangfu render examples/<id>/scheme.json --format docx`).
TEST(DocxGbt9704Test, ExampleAppendicesPassEveryCheck) {
  const std::string examples = std::string(BANGFU_SOURCE_DIR) + "/examples";
  int checked = 0;
  for (const char* id : {"lishui-2019", "dongli-2017", "suzhou-2022"}) {
    const std::string scheme = examples + "/" + id + "/scheme.json";
    ASSERT_TRUE(std::ifstream(scheme)) << scheme << " is missing";
    const std::string out = ::testing::TempDir() + "/bangfu-docx-examples-" + id;
    const std::string cmd = std::string("rm -rf \"") + out + "\" && \"" + BANGFU_CLI + "\" render \"" +
                            scheme + "\" --out \"" + out + "\" --format docx --split > /dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    for (const auto& entry : std::filesystem::directory_iterator(out)) {
      if (entry.path().extension() != ".docx") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      const auto v = checkGbt9704(bytes);
      EXPECT_TRUE(v.empty()) << entry.path() << "\n" << joined(v);
      ++checked;
    }
  }
  EXPECT_GE(checked, 3) << "one DOCX at least per example";
}
