#include "docx/parts.hpp"

#include <ctime>
#include <string_view>

#include "bangfu/layout/measure.hpp"
#include "bangfu/text/title_lines.hpp"
#include "bangfu/version.hpp"
#include "docx/layout.hpp"
#include "docx/xml_out.hpp"

namespace bangfu::docx {
namespace {

constexpr std::string_view kNsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kNsR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view kRelType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
constexpr std::string_view kWordType = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

void relationship(std::string& out, std::string_view id, std::string_view type, std::string_view target) {
  out += "<Relationship Id=\"";
  out += id;
  out += "\" Type=\"";
  out += type;
  out += "\" Target=\"";
  out += target;
  out += "\"/>";
}

void override(std::string& out, std::string_view part, std::string_view type) {
  out += "<Override PartName=\"/";
  out += part;
  out += "\" ContentType=\"";
  out += type;
  out += "\"/>";
}

}  // namespace

std::string w3cdtf(long long epoch) {
  const auto t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string contentTypesPart(bool landscape, bool blankFooter) {
  std::string out(xml::kDeclaration);
  out += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">";
  out +=
      "<Default Extension=\"rels\" "
      "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>";
  out += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>";
  const std::string w(kWordType);
  override(out, part::kDocument, w + "document.main+xml");
  override(out, part::kStyles, w + "styles+xml");
  override(out, part::kSettings, w + "settings+xml");
  override(out, part::kFontTable, w + "fontTable+xml");
  override(out, part::kFooterOdd, w + "footer+xml");
  override(out, part::kFooterEven, w + "footer+xml");
  if (landscape) {
    override(out, part::kFooterLandscapeOdd, w + "footer+xml");
    override(out, part::kFooterLandscapeEven, w + "footer+xml");
  }
  if (blankFooter) override(out, part::kFooterBlank, w + "footer+xml");
  override(out, part::kCore, "application/vnd.openxmlformats-package.core-properties+xml");
  override(out, part::kApp, "application/vnd.openxmlformats-officedocument.extended-properties+xml");
  out += "</Types>";
  return out;
}

std::string rootRelsPart() {
  std::string out(xml::kDeclaration);
  out += "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  relationship(out, "rId1", std::string(kRelType) + "officeDocument", part::kDocument);
  relationship(out, "rId2",
               "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
               part::kCore);
  relationship(out, "rId3", std::string(kRelType) + "extended-properties", part::kApp);
  out += "</Relationships>";
  return out;
}

std::string documentRelsPart(bool landscape, bool blankFooter) {
  std::string out(xml::kDeclaration);
  out += "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  const std::string t(kRelType);
  relationship(out, part::kRelStyles, t + "styles", "styles.xml");
  relationship(out, part::kRelSettings, t + "settings", "settings.xml");
  relationship(out, part::kRelFontTable, t + "fontTable", "fontTable.xml");
  relationship(out, part::kRelFooterOdd, t + "footer", "footer1.xml");
  relationship(out, part::kRelFooterEven, t + "footer", "footer2.xml");
  if (landscape) {
    relationship(out, part::kRelFooterLandscapeOdd, t + "footer", "footer3.xml");
    relationship(out, part::kRelFooterLandscapeEven, t + "footer", "footer4.xml");
  }
  if (blankFooter) relationship(out, part::kRelFooterBlank, t + "footer", "footer5.xml");
  out += "</Relationships>";
  return out;
}

std::string corePropsPart(const doc::Notice& notice, long long epoch) {
  std::string title = text::titleOnOneLine(notice.title);
  if (title.empty() && !notice.appendices.empty())
    title = text::titleOnOneLine(notice.appendices.front().title);
  const std::string when = w3cdtf(epoch);
  std::string out(xml::kDeclaration);
  out +=
      "<cp:coreProperties "
      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
      "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
  out += "<dc:title>";
  xml::appendEscaped(out, title);
  out += "</dc:title><dc:creator>";
  xml::appendEscaped(out, notice.issuer.empty() ? std::string("bangfu") : notice.issuer);
  out += "</dc:creator><cp:lastModifiedBy>bangfu</cp:lastModifiedBy>";
  out += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + when + "</dcterms:created>";
  out += "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + when + "</dcterms:modified>";
  out += "</cp:coreProperties>";
  return out;
}

std::string appPropsPart() {
  std::string out(xml::kDeclaration);
  out +=
      "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" "
      "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">";
  out += "<Application>bangfu ";
  out += kVersion;
  out +=
      "</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
      "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
      "<HyperlinksChanged>false</HyperlinksChanged></Properties>";
  return out;
}

std::string settingsPart(int noticeTextPages, int noticeBodyPages) {
  std::string out(xml::kDeclaration);
  out += "<w:settings xmlns:w=\"";
  out += kNsW;
  out += "\">";
  out += "<w:zoom w:percent=\"100\"/>";
  // Default stops every two 3号 字, so a stray tab stays on the 字 grid
  // (ECMA-376 17.15.1.25).
  xml::appendValElement(out, "w:defaultTabStop", layout::kFirstLineIndentTwips);
  // GB/T 9704-2012 7.5: odd pages right, even pages left (ECMA-376 17.10.1).
  out += "<w:evenAndOddHeaders/>";
  // The 28-character grid of 5.2.3 counts every mark as one 字; compressing
  // punctuation would let a 29th character onto a line (spec §3).
  xml::appendValElement(out, "w:characterSpacingControl", "doNotCompress");
  // Word justifies a line ending in w:br unless told not to (name lists, titles).
  out +=
      "<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name=\"compatibilityMode\" "
      "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>";
  if (noticeTextPages > 0) {
    // ECMA-376 17.15.1.32: docVar elements in any order; the render test reads both.
    out += "<w:docVars>";
    if (noticeBodyPages > 0) {
      out += "<w:docVar w:name=\"bangfu.noticeBodyPages\" w:val=\"";
      xml::appendInt(out, noticeBodyPages);
      out += "\"/>";
    }
    out += "<w:docVar w:name=\"bangfu.noticeTextPages\" w:val=\"";
    xml::appendInt(out, noticeTextPages);
    out += "\"/></w:docVars>";
  }
  out += "<w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>";
  out += "<w:decimalSymbol w:val=\".\"/><w:listSeparator w:val=\",\"/>";
  out += "</w:settings>";
  return out;
}

std::string fontTablePart() {
  struct FontDecl {
    const char* name;
    const char* altName;  // the name Word knows when the _GB2312 font is missing
    bool han;
  };
  // Fixed order; charset 86 = GB2312 (spec §4 "Fonts").
  const FontDecl kFonts[] = {
      {layout::kFontLatin, nullptr, false},
      {layout::kFontFang, "仿宋", true},
      {layout::kFontHei, "SimHei", true},
      {layout::kFontKai, "楷体", true},
      {layout::kFontSong, "SimSun", true},
      {layout::kFontTitle, nullptr, true},
      // The families of characters a face lacks (bangfu::layout::fallbackFamily).
      {bangfu::layout::fallbackFamily(doc::Face::Fang), bangfu::layout::fallbackAltName(doc::Face::Fang),
       true},
      {bangfu::layout::fallbackFamily(doc::Face::Hei), bangfu::layout::fallbackAltName(doc::Face::Hei), true},
  };
  std::string out(xml::kDeclaration);
  out += "<w:fonts xmlns:w=\"";
  out += kNsW;
  out += "\">";
  for (const auto& f : kFonts) {
    out += "<w:font w:name=\"";
    xml::appendEscaped(out, f.name);
    out += "\">";
    if (f.altName != nullptr) xml::appendValElement(out, "w:altName", f.altName);
    if (f.han) {
      out += "<w:charset w:val=\"86\"/><w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/>";
    } else {
      out += "<w:charset w:val=\"00\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/>";
    }
    out += "</w:font>";
  }
  out += "</w:fonts>";
  return out;
}

namespace {

/// The page-number paragraph of rule 18: "— " PAGE " —", odd pages right and even
/// pages left, 空一字 from the 版心 edge.
void appendPageNumberParagraph(std::string& out, FooterSide side) {
  out += "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/>";
  if (side == FooterSide::Odd) {
    out += "<w:ind w:right=\"";
    xml::appendInt(out, layout::kFooterSideIndentTwips);
    out += "\"/><w:jc w:val=\"right\"/>";
  } else {
    out += "<w:ind w:left=\"";
    xml::appendInt(out, layout::kFooterSideIndentTwips);
    out += "\"/><w:jc w:val=\"left\"/>";
  }
  out += "</w:pPr>";
  // GB/T 9704-2012 7.5: 4号 半角 宋体 digits with an 一字线 (U+2014) either side.
  // The run properties repeat the Footer style so a reference styles.xml cannot
  // move the page number off 宋体; hint="eastAsia" keeps the dash full width (§4).
  std::string rPr = "<w:rPr><w:rFonts w:ascii=\"";
  rPr += layout::kFontSong;
  rPr += "\" w:eastAsia=\"";
  rPr += layout::kFontSong;
  rPr += "\" w:hAnsi=\"";
  rPr += layout::kFontSong;
  rPr += "\" w:hint=\"eastAsia\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr>";
  static_assert(layout::kFooterHalfPoints == 28, "rPr above writes 4号");
  auto run = [&](std::string_view inner) {
    out += "<w:r>";
    out += rPr;
    out += inner;
    out += "</w:r>";
  };
  run("<w:t xml:space=\"preserve\">\xE2\x80\x94 </w:t>");
  run("<w:fldChar w:fldCharType=\"begin\"/>");
  run("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>");
  run("<w:fldChar w:fldCharType=\"separate\"/>");
  run("<w:t>1</w:t>");
  run("<w:fldChar w:fldCharType=\"end\"/>");
  run("<w:t xml:space=\"preserve\"> \xE2\x80\x94</w:t>");
  out += "</w:p>";
}

/// Twips as a VML length in points ("72.3pt"): exact, since 1 tw = 0.05 pt.
void appendPoints(std::string& out, int twips) {
  xml::appendInt(out, twips / 20);
  int hundredths = (twips % 20) * 5;
  if (hundredths != 0) {
    out += '.';
    out += static_cast<char>('0' + hundredths / 10);
    if (hundredths % 10 != 0) out += static_cast<char>('0' + hundredths % 10);
  }
  out += "pt";
}

}  // namespace

std::string footerPart(FooterSide side) {
  std::string out(xml::kDeclaration);
  out += "<w:ftr xmlns:w=\"";
  out += kNsW;
  out += "\" xmlns:r=\"";
  out += kNsR;
  out += "\">";
  appendPageNumberParagraph(out, side);
  out += "</w:ftr>";
  return out;
}

std::string blankFooterPart() {
  std::string out(xml::kDeclaration);
  out += "<w:ftr xmlns:w=\"";
  out += kNsW;
  // The Footer style and the number's 4号, so the footer is as tall as the numbered
  // one and the body above it keeps its height (an empty Normal line of 579 tw pushed
  // the 版记 onto another page).
  out +=
      "\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:rPr><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>"
      "</w:rPr></w:pPr></w:p></w:ftr>";
  return out;
}

std::string landscapeFooterPart(FooterSide side) {
  using namespace layout;
  const bool odd = side == FooterSide::Odd;
  // Fixed ids and names (byte-stable output): these two shapes are the
  // document's only drawings.
  const char* const name = odd ? "PageNumberOdd" : "PageNumberEven";
  const int id = odd ? 1 : 2;
  std::string paragraph;
  appendPageNumberParagraph(paragraph, side);

  std::string out(xml::kDeclaration);
  out += "<w:ftr xmlns:w=\"";
  out += kNsW;
  out += "\" xmlns:r=\"";
  out += kNsR;
  out += "\" xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\">";
  // §6 check 18: the paragraph in the landscape bottom margin carries no text,
  // only the anchor of the box.
  out += "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr><w:r>";
  // The box in VML (ECMA-376 Part 4 19.1.2.19 v:shape, 19.1.2.22 v:textbox
  // layout-flow), which Word and LibreOffice both place from the page's edges.
  // No DrawingML twin (wps:wsp in mc:Choice): LibreOffice 7.4 put that box at the
  // paper's edge on the first page of a landscape section (dongli p.1, issue 16);
  // the VML box lands 7 mm outside the 版心 on every page (tests/render).
  out +=
      "<w:pict><v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" "
      "path=\"m,l,21600r21600,l21600,xe\"><v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" "
      "o:connecttype=\"rect\"/></v:shapetype><v:shape id=\"";
  out += name;
  out += "\" type=\"#_x0000_t202\" style=\"position:absolute;margin-left:";
  appendPoints(out, kLandscapePageNumberLeftTwips);
  out += ";margin-top:";
  appendPoints(out, kLandscapePageNumberTopTwips);
  out += ";width:";
  appendPoints(out, kLandscapePageNumberWidthTwips);
  out += ";height:";
  appendPoints(out, kLandscapePageNumberLengthTwips);
  out += ";z-index:";
  xml::appendInt(out, id);
  out += ";mso-position-horizontal-relative:page;mso-position-vertical-relative:page;v-text-anchor:middle\"";
  out += " filled=\"f\" stroked=\"f\"><v:textbox style=\"layout-flow:vertical\" inset=\"0,0,0,0\">";
  out += "<w:txbxContent>";
  out += paragraph;
  out += "</w:txbxContent></v:textbox></v:shape></w:pict>";
  out += "</w:r></w:p></w:ftr>";
  return out;
}

}  // namespace bangfu::docx
