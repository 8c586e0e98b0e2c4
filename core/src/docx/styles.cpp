#include <stdexcept>
#include <string_view>
#include <vector>

#include "bangfu/layout/columns.hpp"
#include "docx/layout.hpp"
#include "docx/parts.hpp"
#include "docx/xml_out.hpp"

namespace bangfu::docx {
namespace {

using std::string_view;

std::string fonts(string_view eastAsia, string_view latin = layout::kFontLatin) {
  std::string out = "<w:rFonts w:ascii=\"";
  out += latin;
  out += "\" w:eastAsia=\"";
  out += eastAsia;
  out += "\" w:hAnsi=\"";
  out += latin;
  out += "\" w:cs=\"";
  out += latin;
  out += "\"/>";
  return out;
}

std::string eastAsiaOnly(string_view eastAsia) {
  std::string out = "<w:rFonts w:eastAsia=\"";
  out += eastAsia;
  out += "\"/>";
  return out;
}

std::string size(int halfPoints) {
  std::string out;
  xml::appendValElement(out, "w:sz", halfPoints);
  xml::appendValElement(out, "w:szCs", halfPoints);
  return out;
}

std::string exactLine(int twips) {
  std::string out = "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"";
  xml::appendInt(out, twips);
  out += "\" w:lineRule=\"exact\"/>";
  return out;
}

std::string indent(int left, int firstLine) {
  std::string out = "<w:ind w:left=\"";
  xml::appendInt(out, left);
  out += "\" w:firstLine=\"";
  xml::appendInt(out, firstLine);
  out += "\"/>";
  return out;
}

struct StyleDef {
  string_view type;  // paragraph | character | table
  string_view id;
  string_view name;
  string_view basedOn;
  string_view next;
  std::string pPr;  // inner elements, ECMA-376 CT_PPrBase order
  std::string rPr;  // inner elements, CT_RPr order
  bool isDefault = false;
};

void appendStyle(std::string& out, const StyleDef& s) {
  out += "<w:style w:type=\"";
  out += s.type;
  out += '"';
  if (s.isDefault) out += " w:default=\"1\"";
  out += " w:styleId=\"";
  out += s.id;
  out += "\">";
  xml::appendValElement(out, "w:name", s.name);
  if (!s.basedOn.empty()) xml::appendValElement(out, "w:basedOn", s.basedOn);
  if (!s.next.empty()) xml::appendValElement(out, "w:next", s.next);
  out += "<w:qFormat/>";
  if (!s.pPr.empty()) out += "<w:pPr>" + s.pPr + "</w:pPr>";
  if (!s.rPr.empty()) out += "<w:rPr>" + s.rPr + "</w:rPr>";
  out += "</w:style>";
}

std::string sizedId(string_view base, int halfPoints) {
  std::string id(base);
  if (halfPoints != layout::kTableDefaultHalfPoints) xml::appendInt(id, halfPoints);
  return id;
}

}  // namespace

std::string stylesPart(const StyleUse& use) {
  using namespace layout;
  std::string out(xml::kDeclaration);
  out += "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">";

  // docDefaults: the body face and size, and zh-CN for the East Asian runs
  // (spec §4 "Fonts", §6 check 20).
  out += "<w:docDefaults><w:rPrDefault><w:rPr>";
  out += fonts(kFontFang);
  out += size(kBodyHalfPoints);
  out += "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>";
  out += "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>";
  out += exactLine(kLinePitchTwips);
  out += "</w:pPr></w:pPrDefault></w:docDefaults>";

  std::vector<StyleDef> defs;
  // Normal carries the body size itself (rule 6: LibreOffice needs it there), the
  // 579-tw exact line (rule 5) and the 0.25-pt condensing for 28 per line (rule 6b).
  // widowControl off: moving a line to keep a widow would leave 21 lines on a page.
  // overflowPunct off: hanging punctuation would put a 29th mark past the 版心.
  {
    StyleDef s{"paragraph", "Normal", "Normal", "", "", "", "", true};
    s.pPr = "<w:widowControl w:val=\"0\"/><w:overflowPunct w:val=\"0\"/>" + exactLine(kLinePitchTwips) +
            "<w:jc w:val=\"both\"/>";
    s.rPr = fonts(kFontFang) + "<w:color w:val=\"000000\"/>";
    xml::appendValElement(s.rPr, "w:spacing", kBodyCharSpacingTwips);
    s.rPr += size(kBodyHalfPoints);
    defs.push_back(std::move(s));
  }
  {
    // GB/T 9704-2012 7.3.3: two 字 in, continuation lines flush left (spec §1a).
    StyleDef s{"paragraph", style::kBody, "Body Text", "Normal", "", "", ""};
    s.pPr = indent(0, kFirstLineIndentTwips);
    defs.push_back(std::move(s));
  }
  {
    // GB/T 9704-2012 7.3.3: 一、 in 黑体, （一） in 楷体, both 3号 and indented like body.
    StyleDef h1{"paragraph", style::kHeading1, "heading 1", style::kBody, style::kBody, "", ""};
    h1.pPr = "<w:keepNext/><w:outlineLvl w:val=\"0\"/>";
    h1.rPr = eastAsiaOnly(kFontHei);
    defs.push_back(std::move(h1));
    StyleDef h2{"paragraph", style::kHeading2, "heading 2", style::kBody, style::kBody, "", ""};
    h2.pPr = "<w:keepNext/><w:outlineLvl w:val=\"1\"/>";
    h2.rPr = eastAsiaOnly(kFontKai);
    defs.push_back(std::move(h2));
  }
  {
    // GB/T 9704-2012 7.3.7: 附件N in 3号黑体, flush left on line 1.
    StyleDef s{"paragraph", style::kLabel, "Appendix Label", "Normal", "Normal", "", ""};
    s.pPr = "<w:keepNext/>" + indent(0, 0) + "<w:jc w:val=\"left\"/>";
    s.rPr = eastAsiaOnly(kFontHei);
    defs.push_back(std::move(s));
  }
  {
    // GB/T 9704-2012 7.3.1/7.3.7: 2号小标宋, centred, on line 3. snapToGrid 0 keeps
    // the 22-pt line to one grid line in LibreOffice (spec §1a).
    StyleDef s{"paragraph", style::kTitle, "Appendix Title", "Normal", "Normal", "", ""};
    s.pPr = "<w:keepNext/><w:snapToGrid w:val=\"0\"/>" + exactLine(kLinePitchTwips) + indent(0, 0) +
            "<w:jc w:val=\"center\"/>";
    s.rPr = eastAsiaOnly(kFontTitle) + "<w:spacing w:val=\"0\"/>" + size(kTitleHalfPoints);
    defs.push_back(std::move(s));
  }
  {
    StyleDef s{"paragraph", style::kFiction, "Fiction Note", "Normal", "Normal", "", ""};
    s.pPr = "<w:keepNext/>" + indent(0, 0) + "<w:jc w:val=\"center\"/>";
    s.rPr = eastAsiaOnly(kFontKai);
    defs.push_back(std::move(s));
  }
  defs.push_back(StyleDef{"paragraph", style::kNotes, "Notes", "Normal", "", "", ""});
  {
    // Flush left, not justified: a line ending in w:br is justified otherwise, and
    // LibreOffice spread the last name of each line over the free space.
    StyleDef s{"paragraph", style::kNameList, "Name List", "Normal", "", "", ""};
    s.pPr = "<w:jc w:val=\"left\"/>";
    defs.push_back(std::move(s));
  }
  // The table styles keep Normal's condensing, which layout measures them at.
  static_assert(bangfu::layout::kCharSpacingTwips == kBodyCharSpacingTwips, "one table line model");
  auto tableStyles = [&](int hp) {
    // Off the grid at 10/7 of the size (layout.hpp kTableLine*), centred by default
    // (Column::align defaults to Center); the writer adds jc only for other alignments.
    StyleDef t{"paragraph", "", "", "Normal", "", "", ""};
    const std::string textId = sizedId(style::kTableText, hp);
    const std::string headId = sizedId(style::kTableHeading, hp);
    t.id = textId;
    const std::string textName =
        hp == kTableDefaultHalfPoints ? "Table Text" : "Table Text " + std::to_string(hp);
    const std::string headName =
        hp == kTableDefaultHalfPoints ? "Table Heading" : "Table Heading " + std::to_string(hp);
    t.name = textName;
    t.basedOn = hp == kTableDefaultHalfPoints ? string_view("Normal") : string_view(style::kTableText);
    t.pPr = "<w:snapToGrid w:val=\"0\"/>" + exactLine(tableLineTwips(hp)) + indent(0, 0) +
            "<w:jc w:val=\"center\"/>";
    t.rPr = size(hp);
    appendStyle(out, t);
    StyleDef h{"paragraph", headId, headName, "", "", "", ""};
    h.basedOn = hp == kTableDefaultHalfPoints ? string_view(textId) : string_view(style::kTableHeading);
    if (hp != kTableDefaultHalfPoints) {
      h.pPr = t.pPr;
      h.rPr = size(hp);
    } else {
      h.rPr = eastAsiaOnly(kFontHei);
    }
    appendStyle(out, h);
  };
  for (const auto& s : defs) appendStyle(out, s);
  tableStyles(kTableDefaultHalfPoints);
  for (int hp : use.tableHalfPoints) {
    if (hp != kTableDefaultHalfPoints) tableStyles(hp);
  }
  {
    StyleDef s{"paragraph", style::kFooter, "footer", "Normal", "", "", ""};
    s.pPr = "<w:snapToGrid w:val=\"0\"/>" + exactLine(kFooterLineTwips) + indent(0, 0);
    s.rPr = fonts(kFontSong, kFontSong) + "<w:spacing w:val=\"0\"/>" + size(kFooterHalfPoints);
    appendStyle(out, s);
  }
  struct Face {
    const char* id;
    const char* name;
    const char* font;
  };
  static constexpr Face kFaces[] = {
      {style::kFaceFang, "Face Fang", kFontFang},    {style::kFaceHei, "Face Hei", kFontHei},
      {style::kFaceKai, "Face Kai", kFontKai},       {style::kFaceSong, "Face Song", kFontSong},
      {style::kFaceTitle, "Face Title", kFontTitle},
  };
  out +=
      "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
      "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/>"
      "<w:unhideWhenUsed/></w:style>";
  for (const auto& f : kFaces) {
    StyleDef s{"character", f.id, f.name, "DefaultParagraphFont", "", "", ""};
    s.rPr = eastAsiaOnly(f.font);
    appendStyle(out, s);
  }
  out +=
      "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
      "<w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/>"
      "<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>"
      "<w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
      "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
      "</w:tblCellMar></w:tblPr></w:style>";
  out += "</w:styles>";
  return out;
}

}  // namespace bangfu::docx
