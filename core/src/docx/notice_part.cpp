// The notice itself in word/document.xml: 版头, 主体 and 版记 (GB/T 9704-2012 ch. 7),
// as complete w:p / w:tbl elements that document_part.cpp places before the
// appendices and at the end. Every distance is a notice_layout.hpp constant.
#include "docx/notice_part.hpp"

#include <algorithm>

#include "bangfu/text/title_lines.hpp"
#include "bangfu/text/width.hpp"
#include "docx/notice_layout.hpp"
#include "docx/paragraph_props.hpp"
#include "docx/parts.hpp"
#include "docx/xml_out.hpp"

namespace bangfu::docx {
namespace {

namespace nl = notice_layout;
using std::string_view;

/// Word's default for Chinese (允许标点溢出边界): a 、，。 that falls after the 28th
/// character hangs in the margin. Without it LibreOffice 7.4 drops such a mark from
/// the line altogether (the render test compares the text), where the Normal style
/// turns hanging off for the appendix tables.
constexpr const char* kHangPunctuation = "<w:overflowPunct w:val=\"1\"/>";
/// 7.3.5: the 署名 and 成文日期 stay together and with the text above them, never
/// alone at the top of a page (7.3.5.5 adjusts the text instead).
constexpr const char* kKeepTogether = "<w:keepNext/><w:keepLines/>";

std::string num(long long v) {
  std::string s;
  xml::appendInt(s, v);
  return s;
}

/// Text of a run: '\t' as w:tab, '\n' as w:br (ECMA-376 17.3.3).
std::string runText(string_view text) {
  std::string out;
  std::size_t start = 0;
  auto segment = [&](std::size_t end) {
    if (end == start) return;
    out += "<w:t xml:space=\"preserve\">";
    xml::appendEscaped(out, text.substr(start, end - start));
    out += "</w:t>";
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\t' && text[i] != '\n') continue;
    segment(i);
    out += text[i] == '\t' ? "<w:tab/>" : "<w:br/>";
    start = i + 1;
  }
  segment(text.size());
  return out;
}

std::string run(string_view text, string_view rPr = {}) {
  if (text.empty()) return {};
  std::string out = "<w:r>";
  if (!rPr.empty()) out += "<w:rPr>" + std::string(rPr) + "</w:rPr>";
  out += runText(text);
  out += "</w:r>";
  return out;
}

std::string para(string_view pPr, string_view runs) {
  std::string out = "<w:p>";
  if (!pPr.empty()) out += "<w:pPr>" + std::string(pPr) + "</w:pPr>";
  out += runs;
  out += "</w:p>";
  return out;
}

std::string exactSpacing(int before, int line) {
  return "<w:spacing w:before=\"" + num(before) + "\" w:after=\"0\" w:line=\"" + num(line) +
         "\" w:lineRule=\"exact\"/>";
}

std::string indent(int left, int hanging = 0, int right = 0) {
  std::string s;
  appendIndent(s, {left, hanging, right, true});
  return s;
}

std::string tabs(const std::vector<TabStop>& stops) {
  std::string s;
  appendTabs(s, stops);
  return s;
}

std::string fontsAll(string_view face) {
  const std::string f(face);
  return "<w:rFonts w:ascii=\"" + f + "\" w:eastAsia=\"" + f + "\" w:hAnsi=\"" + f + "\" w:cs=\"" + f +
         "\"/>";
}

std::string size(int halfPoints) {
  return "<w:sz w:val=\"" + num(halfPoints) + "\"/><w:szCs w:val=\"" + num(halfPoints) + "\"/>";
}

/// An empty line of the given height, off the grid (a distance, not a text line).
std::string spacer(int twips) {
  return para("<w:snapToGrid w:val=\"0\"/>" + exactSpacing(0, std::max(twips, 20)) + indent(0) +
                  "<w:rPr><w:sz w:val=\"2\"/><w:szCs w:val=\"2\"/></w:rPr>",
              "");
}

/// An empty body line (空一行); `keep` ties it to the next paragraph.
std::string emptyLine(bool keep = false) {
  return para(std::string(keep ? kKeepTogether : "") + indent(0), "");
}

/// Width in 字 units of two (display width) and the Normal style's twips (3号
/// characters less 0.25 pt each; half-width digits at half a 字).
int units(string_view s) { return static_cast<int>(text::displayWidth(s)); }
/// The places where a wide character meets a narrow one (年8, 8月): LibreOffice and
/// Word space them apart (autoSpaceDN/autoSpaceDE, ECMA-376 17.3.1.2–3).
int scriptChanges(string_view s) {
  int changes = 0;
  int previous = -1;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0xF0) {
      len = 4;
    } else if (c >= 0xE0) {
      len = 3;
    } else if (c >= 0xC0) {
      len = 2;
    }
    const int wide = text::displayWidth(s.substr(i, len)) > 1 ? 1 : 0;
    if (previous >= 0 && wide != previous) ++changes;
    previous = wide;
    i += len;
  }
  return changes;
}
int bodyTwips(string_view s) {
  return units(s) * nl::kHalfWidthTwips +
         static_cast<int>(text::codePointCount(s)) * layout::kBodyCharSpacingTwips +
         scriptChanges(s) * nl::kAutoSpaceTwips;
}

std::string markRPr(int hp) {
  std::string r = fontsAll(layout::kFontTitle);
  r += "<w:color w:val=\"" + std::string(nl::kRed) + "\"/><w:spacing w:val=\"0\"/>" + size(hp);
  return r;
}

int headMarkLines(const doc::NoticeHead& head) {
  return static_cast<int>(!head.copyNumber.empty()) + static_cast<int>(!head.secrecy.empty()) +
         static_cast<int>(!head.urgency.empty());
}

/// 7.2.1–7.2.3: 份号, 密级和保密期限, 紧急程度 顶格 on the first lines of the 版心.
std::string headMarksXml(const doc::NoticeHead& head) {
  const std::string pPr = "<w:snapToGrid w:val=\"0\"/>" + exactSpacing(0, nl::kHeadMarkLineTwips) +
                          indent(nl::kHeadMarkIndentTwips) + "<w:jc w:val=\"left\"/>";
  const std::string hei = "<w:rStyle w:val=\"" + std::string(style::kFaceHei) + "\"/>";
  std::string out;
  if (!head.copyNumber.empty()) out += para(pPr, run(head.copyNumber));
  if (!head.secrecy.empty()) out += para(pPr, run(head.secrecy, hei));
  if (!head.urgency.empty()) out += para(pPr, run(head.urgency, hei));
  return out;
}

/// A borderless table of fixed columns, no cell margins, indented `indentTw` from the
/// 版心's left edge (or centred when `indentTw` < 0).
std::string borderlessTable(const std::vector<int>& widths, int indentTw) {
  int total = 0;
  for (int w : widths) total += w;
  std::string out = "<w:tbl><w:tblPr><w:tblW w:w=\"" + num(total) + "\" w:type=\"dxa\"/>";
  out += indentTw < 0 ? std::string("<w:jc w:val=\"center\"/>")
                      : "<w:tblInd w:w=\"" + num(indentTw) + "\" w:type=\"dxa\"/>";
  out += "<w:tblBorders>";
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"})
    out += "<w:" + std::string(side) + " w:val=\"nil\"/>";
  out +=
      "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
      "<w:left w:w=\"0\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" "
      "w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>";
  for (int w : widths) out += "<w:gridCol w:w=\"" + num(w) + "\"/>";
  return out + "</w:tblGrid>";
}

}  // namespace

int markSizeHalfPoints(const doc::NoticeHead& head) {
  int longest = 0;
  for (const auto& l : head.issuerLines) longest = std::max(longest, (units(l) + 1) / 2);
  const bool single = head.issuerLines.size() == 1;
  const int chars =
      longest + (head.withWenjian ? (single ? 2 : 2 + nl::kWenjianGapChars) : 0) + (single ? 0 : 1);
  return std::min(nl::kMarkMaxHalfPoints, nl::kTextWidthTwips / (10 * std::max(1, chars)));
}

/// 7.2.4 发文机关标志: one centred red line, or the stacked names with 文件 to their
/// right, centred on them (a borderless two-column table).
static std::string markXml(const doc::NoticeHead& head) {
  std::vector<std::string> lines = head.issuerLines;
  if (lines.empty()) return {};
  int longest = 0;
  for (const auto& l : lines) longest = std::max(longest, (units(l) + 1) / 2);
  const bool single = lines.size() == 1;
  const int hp = markSizeHalfPoints(head);
  const int em = hp * 10;
  std::string out = headMarksXml(head);
  out += spacer(nl::kMarkTopTwips - em * nl::kMarkGlyphInsetPerMille / 1000 -
                headMarkLines(head) * nl::kHeadMarkLineTwips);
  const std::string pLine = "<w:snapToGrid w:val=\"0\"/>";
  if (single) {
    const std::string text = lines[0] + (head.withWenjian ? "文件" : "");
    out += para(pLine + exactSpacing(0, em) + indent(0) + "<w:jc w:val=\"center\"/>", run(text, markRPr(hp)));
    return out;
  }
  // Half a 字 of slack: LibreOffice wraps a line of exactly the cell's width.
  const int namesWidth = longest * em + em / 2;
  const int wenjianWidth = head.withWenjian ? (2 + nl::kWenjianGapChars) * em : 0;
  std::vector<int> widths = {namesWidth};
  if (head.withWenjian) widths.push_back(wenjianWidth);
  out += borderlessTable(widths, -1);
  out += "<w:tr><w:tc><w:tcPr><w:tcW w:w=\"" + num(namesWidth) +
         "\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>";
  const int gap = em * nl::kMarkLineGapPerMille / 1000;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    // Equal width for names of unequal length: 分散对齐.
    const std::string sp = "<w:spacing w:before=\"0\" w:after=\"" + num(i + 1 < lines.size() ? gap : 0) +
                           "\" w:line=\"" + num(em) + "\" w:lineRule=\"exact\"/>";
    out += para(pLine + sp + indent(0) + "<w:jc w:val=\"distribute\"/>", run(lines[i], markRPr(hp)));
  }
  out += "</w:tc>";
  if (head.withWenjian) {
    out += "<w:tc><w:tcPr><w:tcW w:w=\"" + num(wenjianWidth) +
           "\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>";
    out +=
        para(pLine + exactSpacing(0, em) + indent(0) + "<w:jc w:val=\"right\"/>", run("文件", markRPr(hp)));
    out += "</w:tc>";
  }
  out += "</w:tr></w:tbl>";
  return out;
}

/// 7.2.5 发文字号 (centred, or left with 签发人 right: 7.2.6) and 7.2.7 the red line.
static std::string docNumberXml(const doc::NoticeHead& head) {
  const std::string border = "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"" + num(nl::kSeparatorEighths) +
                             "\" w:space=\"" + num(nl::kSeparatorSpacePoints) + "\" w:color=\"" + nl::kRed +
                             "\"/></w:pBdr>";
  const int before = nl::kDocNumberGapLines * nl::kLinePitchTwips;
  const std::string line = "<w:snapToGrid w:val=\"0\"/>";
  if (head.signers.empty()) {
    return para(border + line + exactSpacing(before, nl::kDocNumberLineTwips) + indent(0) +
                    "<w:jc w:val=\"center\"/>",
                run(head.docNumber));
  }
  // 7.2.6: 签发人：姓名 right 空一字, two names a line, continuation under the first
  // name; the 发文字号 on the line of the last name.
  std::vector<std::string> rows;
  for (std::size_t i = 0; i < head.signers.size(); i += nl::kSignersPerLine) {
    std::string r;
    for (std::size_t k = i; k < std::min(head.signers.size(), i + nl::kSignersPerLine); ++k)
      r += (k > i ? "\u3000" : "") + head.signers[k];
    rows.push_back(r);
  }
  int widest = 0;
  for (const auto& r : rows) widest = std::max(widest, bodyTwips(r));
  const int label = bodyTwips("签发人：");
  const int namesAt = nl::kTextWidthTwips - nl::kSignerSideTwips - widest;
  const int labelAt = namesAt - label;
  const std::string kai = "<w:rStyle w:val=\"" + std::string(style::kFaceKai) + "\"/>";
  std::string out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const bool last = i + 1 == rows.size();
    std::string pPr = last ? border : std::string();
    // No left indent: the red rule under this paragraph spans the whole 版心 (spec
    // §1a); the 发文字号 starts at a tab one 字 in instead.
    pPr += tabs({{"left", nl::kSignerSideTwips}, {"left", labelAt}, {"left", namesAt}}) + line +
           exactSpacing(i == 0 ? before : 0, last ? nl::kDocNumberLineTwips : nl::kLinePitchTwips) +
           indent(0) + "<w:jc w:val=\"left\"/>";
    std::string runs = run(last ? "\t" + head.docNumber : "\t");
    runs += run(i == 0 ? "\t签发人：" : "\t\t");
    runs += run(rows[i], kai);
    out += para(pPr, runs);
  }
  return out;
}

static std::string titleXml(const std::string& title, int beforeTwips, bool pageBreak) {
  std::string out;
  const auto lines = text::balanceTitleLines(title, nl::kTitleCharsPerLine);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string pPr = "<w:pStyle w:val=\"" + std::string(style::kTitle) + "\"/>";
    if (i == 0 && pageBreak) pPr += "<w:pageBreakBefore/>";
    pPr += "<w:snapToGrid w:val=\"0\"/>" + exactSpacing(i == 0 ? beforeTwips : 0, nl::kLinePitchTwips);
    out += para(pPr, run(lines[i]));
  }
  return out;
}

static std::string bodyParagraphXml(const doc::Paragraph& p, bool keepWithNext) {
  const char* st = style::kBody;
  if (p.role == doc::ParagraphRole::Heading1) st = style::kHeading1;
  if (p.role == doc::ParagraphRole::Heading2) st = style::kHeading2;
  std::string runs;
  for (const auto& r : p.runs) {
    const char* face = faceStyleId(r.face);
    runs += run(r.text, face != nullptr ? "<w:rStyle w:val=\"" + std::string(face) + "\"/>" : std::string());
  }
  return para("<w:pStyle w:val=\"" + std::string(st) + "\"/>" +
                  (keepWithNext ? "<w:keepNext/><w:keepLines/>" : "") + kHangPunctuation,
              runs);
}

/// 7.3.4: 附件：1.XXX, later items under the first number, wrapped lines under the
/// name's first character (spec rule 13); tabs make the alignment exact.
std::string attachmentXml(const doc::AttachmentNote& note, bool keepWithNext) {
  std::string out;
  for (int k = 0; k < nl::kAttachmentGapLines; ++k) out += emptyLine();
  const std::size_t n = note.titles.size();
  const int indentTw = nl::kAttachmentIndentChars * nl::kBodyCharTwips;
  const int labelTw = nl::kAttachmentLabelChars * nl::kBodyCharTwips;
  if (n == 1) {
    const int nameAt = indentTw + labelTw;
    out += para(
        std::string(keepWithNext ? kKeepTogether : "") + tabs({{"left", nameAt}}) + indent(nameAt, labelTw),
        run("附件：\t" + note.titles[0]));
    return out;
  }
  const int numberChars = n >= 10 ? 2 : 1;
  const int nameAt = indentTw + labelTw + numberChars * nl::kBodyCharTwips;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string number = std::to_string(i + 1) + ".";
    if (i == 0) {
      out +=
          para(std::string(keepWithNext ? kKeepTogether : "") +
                   tabs({{"left", indentTw + labelTw}, {"left", nameAt}}) + indent(nameAt, nameAt - indentTw),
               run("附件：\t" + number + "\t" + note.titles[i]));
    } else {
      out += para(std::string(keepWithNext ? kKeepTogether : "") + tabs({{"left", nameAt}}) +
                      indent(nameAt, nameAt - indentTw - labelTw),
                  run(number + "\t" + note.titles[i]));
    }
  }
  return out;
}

/// 7.3.5.1 联合行文 加盖印章: the 署名 side by side, up to three a row, each centred in a
/// cell as wide as the seals' pitch, whose centre is its seal's; the last cell of every
/// row right above the date's centre, so the columns line up from row to row and the
/// last seal presses the last 署名 and the date (右空四字 as for one issuer).
static std::string jointSealedXml(const doc::SignatureBlock& s, bool keepWithNext) {
  const int dateW = bodyTwips(s.date);
  const int dateAt = nl::kTextWidthTwips - nl::kSealedDateRightChars * nl::kBodyCharTwips - dateW;
  const int dateCentre = dateAt + dateW / 2;
  const int n = static_cast<int>(s.issuers.size());
  const int columns = std::min(n, nl::kSealsPerRow);
  // Wide enough for the longest 署名 on one line and one 字 between names, at least a
  // seal and its gap apart; never so wide that the first cell leaves the 版心 on the left.
  int widest = 0;
  for (const auto& name : s.issuers) widest = std::max(widest, bodyTwips(name));
  const int fit = dateCentre * 2 / (2 * columns - 1);
  const int pitch =
      std::min(fit, std::max(nl::kSealDiameterTwips + nl::kSealGapTwips, widest + nl::kBodyCharTwips));
  const int firstCentre = dateCentre - (columns - 1) * pitch;
  const std::vector<int> widths(static_cast<std::size_t>(columns), pitch);
  const std::string keep = kKeepTogether;
  std::string out;
  for (int k = 0; k < nl::kSealedGapLines; ++k) out += emptyLine(true);
  // Rows of three from the first issuer; a short last row sits at the right, over the date.
  for (int first = 0; first < n; first += columns) {
    if (first > 0)
      for (int k = 0; k < nl::kSealRowGapLines; ++k) out += emptyLine(true);
    const int inRow = std::min(columns, n - first);
    out += borderlessTable(widths, firstCentre - pitch / 2);
    out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    for (int c = 0; c < columns; ++c) {
      const int issuer = first + c - (columns - inRow);
      out += "<w:tc><w:tcPr><w:tcW w:w=\"" + num(pitch) + "\" w:type=\"dxa\"/></w:tcPr>";
      out += para(keep + indent(0) + "<w:jc w:val=\"center\"/>",
                  issuer >= first ? run(s.issuers[static_cast<std::size_t>(issuer)]) : std::string());
      out += "</w:tc>";
    }
    out += "</w:tr></w:tbl>";
  }
  out += para((keepWithNext ? keep : std::string()) + indent(std::max(0, dateAt)) + "<w:jc w:val=\"left\"/>",
              run(s.date));
  return out;
}

/// 7.3.5.1 (sealed) and 7.3.5.2 (no seal): 署名 and 成文日期 placed by left indents
/// computed from the text widths.
std::string signatureXml(const doc::SignatureBlock& s, bool keepWithNext) {
  std::string out;
  const int dateW = bodyTwips(s.date);
  int nameW = 0;
  for (const auto& n : s.issuers) nameW = std::max(nameW, bodyTwips(n));
  const std::string left = "<w:jc w:val=\"left\"/>";
  const std::string keep = kKeepTogether;
  if (s.sealed && s.issuers.size() > 1) return jointSealedXml(s, keepWithNext);
  if (s.sealed) {
    for (int k = 0; k < nl::kSealedGapLines; ++k) out += emptyLine(true);
    const int dateAt = nl::kTextWidthTwips - nl::kSealedDateRightChars * nl::kBodyCharTwips - dateW;
    for (const auto& n : s.issuers)
      out += para(keep + indent(std::max(0, dateAt + (dateW - bodyTwips(n)) / 2)) + left, run(n));
    out += para((keepWithNext ? keep : std::string()) + indent(std::max(0, dateAt)) + left, run(s.date));
    return out;
  }
  for (int k = 0; k < nl::kUnsealedGapLines; ++k) out += emptyLine(true);
  const int side = nl::kUnsealedNameRightChars * nl::kBodyCharTwips;
  const int shift = nl::kUnsealedDateShiftChars * nl::kBodyCharTwips;
  int nameAt = nl::kTextWidthTwips - side - nameW;
  int dateAt = nameAt + shift;
  if (dateAt + dateW > nl::kTextWidthTwips - side) {
    dateAt = nl::kTextWidthTwips - side - dateW;
    nameAt = dateAt - shift;
  }
  const int rightEdge = nameAt + nameW;
  for (const auto& n : s.issuers)
    out += para(keep + indent(std::max(0, rightEdge - bodyTwips(n))) + left, run(n));
  out += para((keepWithNext ? keep : std::string()) + indent(std::max(0, dateAt)) + left, run(s.date));
  return out;
}

std::string headXml(const doc::NoticeHead& head) { return markXml(head) + docNumberXml(head); }

std::string noticeMainXml(const doc::NoticeText& text) {
  std::string out = headXml(text.head);
  out += titleXml(text.title, nl::kTitleGapLines * nl::kLinePitchTwips, false);
  if (!text.recipients.empty()) {
    // 7.3.2: 居左顶格, the last name followed by a full-width colon.
    out +=
        para("<w:snapToGrid w:val=\"0\"/>" +
                 exactSpacing(nl::kRecipientsGapLines * nl::kLinePitchTwips, nl::kLinePitchTwips) + indent(0),
             run(text.recipients + "："));
  }
  for (std::size_t i = 0; i < text.blocks.size(); ++i) {
    const auto& block = text.blocks[i];
    const bool beforeSignature =
        i + 1 < text.blocks.size() && std::holds_alternative<doc::SignatureBlock>(text.blocks[i + 1]);
    if (const auto* p = std::get_if<doc::Paragraph>(&block)) {
      out += bodyParagraphXml(*p, beforeSignature);
    } else if (const auto* a = std::get_if<doc::AttachmentNote>(&block)) {
      out += attachmentXml(*a, beforeSignature);
    } else if (const auto* s = std::get_if<doc::SignatureBlock>(&block)) {
      // 7.3.6: the 附注 stays on the line after the date.
      const bool annotated =
          i + 1 < text.blocks.size() && std::holds_alternative<doc::Annotation>(text.blocks[i + 1]);
      out += signatureXml(*s, annotated);
    } else if (const auto* n = std::get_if<doc::Annotation>(&block)) {
      out +=
          para("<w:ind w:left=\"0\" w:firstLine=\"" + num(nl::kAnnotationIndentTwips) + "\"/>", run(n->text));
    } else if (const auto* t = std::get_if<doc::IssuedTitle>(&block)) {
      // The 印发 wrapper: the issued document on a new page under its own title,
      // one empty line before its text [P].
      out += titleXml(t->title, 0, true);
      out += emptyLine();
    }
  }
  return out;
}

int imprintLineCount(const doc::Imprint& imprint) {
  int lines = 1;  // 印发机关 and 印发日期
  if (!imprint.copyTo.empty()) {
    const int width =
        nl::kTextWidthTwips - 2 * nl::kImprintSideTwips - nl::kCopyToLabelChars * nl::kImprintCharTwips;
    const int perLine = std::max(1, width / nl::kImprintCharTwips);
    const int chars = (units(imprint.copyTo + "。") + 1) / 2;
    lines += (chars + perLine - 1) / perLine;
  }
  return lines;
}

std::string imprintXml(const doc::Imprint& imprint) {
  const int lines = imprintLineCount(imprint);
  std::string out =
      spacer(nl::kTextHeightTwips - lines * nl::kImprintLineTwips - nl::kImprintRuleAllowanceTwips);
  const std::string rPr = size(nl::kImprintHalfPoints);
  const std::string pLine = "<w:snapToGrid w:val=\"0\"/>" + exactSpacing(0, nl::kImprintLineTwips);
  out += "<w:tbl><w:tblPr><w:tblW w:w=\"" + num(nl::kTextWidthTwips) +
         "\" w:type=\"dxa\"/><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblBorders>";
  // 7.4.1: thick first and last rules, thin ones between the elements.
  out += "<w:top w:val=\"single\" w:sz=\"" + num(nl::kImprintThickEighths) +
         "\" w:space=\"0\" w:color=\"000000\"/>";
  out += "<w:left w:val=\"nil\"/>";
  out += "<w:bottom w:val=\"single\" w:sz=\"" + num(nl::kImprintThickEighths) +
         "\" w:space=\"0\" w:color=\"000000\"/>";
  out += "<w:right w:val=\"nil\"/>";
  out += "<w:insideH w:val=\"single\" w:sz=\"" + num(nl::kImprintThinEighths) +
         "\" w:space=\"0\" w:color=\"000000\"/>";
  out += "<w:insideV w:val=\"nil\"/>";
  out +=
      "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
      "<w:left w:w=\"0\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" "
      "w:type=\"dxa\"/>"
      "</w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w=\"" +
      num(nl::kTextWidthTwips) + "\"/></w:tblGrid>";
  auto row = [&](const std::string& paragraph) {
    return "<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w=\"" + num(nl::kTextWidthTwips) +
           "\" w:type=\"dxa\"/></w:tcPr>" + paragraph + "</w:tc></w:tr>";
  };
  if (!imprint.copyTo.empty()) {
    // 7.4.2: 抄送：… 左右各空一字, wrapped lines after the colon, a full stop at the end.
    const int textAt = nl::kImprintSideTwips + nl::kCopyToLabelChars * nl::kImprintCharTwips;
    out += row(para(pLine +
                        indent(textAt, nl::kCopyToLabelChars * nl::kImprintCharTwips, nl::kImprintSideTwips) +
                        "<w:jc w:val=\"left\"/>",
                    run("抄送：" + imprint.copyTo + "。", rPr)));
  }
  // 7.4.3: 印发机关 左空一字, 印发日期 右空一字 followed by 印发.
  out += row(para(tabs({{"right", nl::kTextWidthTwips - nl::kImprintSideTwips}}) + pLine +
                      indent(nl::kImprintSideTwips, 0, nl::kImprintSideTwips) + "<w:jc w:val=\"left\"/>",
                  run(imprint.printer + "\t" + imprint.printDate + "印发", rPr)));
  out += "</w:tbl>";
  return out;
}

}  // namespace bangfu::docx
