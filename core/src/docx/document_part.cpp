#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include "bangfu/layout/columns.hpp"
#include "bangfu/layout/fallback_pieces.hpp"
#include "bangfu/layout/groups.hpp"
#include "bangfu/layout/measure.hpp"
#include "bangfu/layout/row_split.hpp"
#include "bangfu/layout/title.hpp"
#include "bangfu/text/names.hpp"
#include "bangfu/text/width.hpp"
#include "docx/layout.hpp"
#include "docx/notice_appendix_pages.hpp"
#include "docx/notice_pagination.hpp"
#include "docx/notice_part.hpp"
#include "docx/paragraph_props.hpp"
#include "docx/parts.hpp"
#include "docx/rows_ahead.hpp"
#include "docx/xml_out.hpp"
#include "zip/zip_writer.hpp"

namespace bangfu::docx {
namespace {

using std::string_view;

/// document.xml is handed to the deflater in pieces of about this size, so a
/// 20000-row table never exists as one string (issue 4 "Speed": peak RSS).
constexpr std::size_t kFlushBytes = std::size_t{256} * 1024;
constexpr std::size_t kReserveBytes = kFlushBytes + std::size_t{64} * 1024;

/// spec §3 "Word mapping" and §4: Chinese text is never spaced by inserted U+0020.
/// The room a row cut at a page boundary (layout::planRowCuts) leaves unused.
/// Rows print at exact line heights (w:lineRule exact; measured on lishui-2019
/// 附件2: 20 pt a line, 3.3 pt a row, as estimated), yet LibreOffice 7.4 pushed a
/// part that the estimate fitted with 70 tw to spare; half a 四号 table line is
/// the margin that held on every example (docs/typesetting.md "Rows across pages").
constexpr int kSplitSafetyTwips = 200;

constexpr string_view kFictionText = "（示例数据，纯属虚构）";

const char* jcValue(doc::Align a) {
  switch (a) {
    case doc::Align::Left:
      return "left";
    case doc::Align::Center:
      return "center";
    case doc::Align::Right:
      return "right";
    case doc::Align::Justify:
      return "both";
    case doc::Align::Distribute:
      return "distribute";
    case doc::Align::Inherit:
      break;
  }
  return nullptr;
}

/// spec §4: runs holding “”‘’—…· get w:hint="eastAsia", or Word may draw those
/// marks with the Latin face (MS-OI29500 2.1.88).
bool needsEastAsiaHint(string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c != 0xC2 && c != 0xE2) continue;  // the lead bytes of the marks below
    const auto d = static_cast<unsigned char>(s[i + 1]);
    if (c == 0xC2 && d == 0xB7) return true;  // ·
    if (c == 0xE2 && d == 0x80 && i + 2 < s.size()) {
      const auto e = static_cast<unsigned char>(s[i + 2]);
      if (e == 0x98 || e == 0x99 || e == 0x9C || e == 0x9D || e == 0x94 || e == 0xA6) return true;
    }
  }
  return false;
}

/// What a run's bytes may hold that needs more than w:t and escaping: a control
/// character (below U+0020: '\n', '\t' …) or the lead byte of a mark that gets
/// w:hint (0xC2, 0xE2; needsEastAsiaHint). Eight bytes at a time ("a byte less
/// than n" and "a byte equal to n" word tests), most runs holding neither.
struct RunBytes {
  bool control = false;
  bool hintLead = false;
};

RunBytes scanRunBytes(string_view s) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  RunBytes found;
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t x = 0;
    std::memcpy(&x, s.data() + i, 8);
    const std::uint64_t below = (x - kOnes * 0x20) & ~x & kHighs;      // a byte < 0x20
    const std::uint64_t lead = (x & (kOnes * 0xDF)) ^ (kOnes * 0xC2);  // 0 where 0xC2 or 0xE2
    const std::uint64_t isLead = (lead - kOnes) & ~lead & kHighs;
    found.control = found.control || below != 0;
    found.hintLead = found.hintLead || isLead != 0;
  }
  for (; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    found.control = found.control || c < 0x20;
    found.hintLead = found.hintLead || (c & 0xDF) == 0xC2;
  }
  return found;
}

/// One w:t (ECMA-376 17.3.3.31) of text holding no '\n', '\t' or '\r'.
void appendTextElement(std::string& out, string_view seg) {
  if (seg.empty()) return;
  if (seg.front() == ' ' || seg.back() == ' ') {
    out += "<w:t xml:space=\"preserve\">";
  } else {
    out += "<w:t>";
  }
  xml::appendEscaped(out, seg);
  out += "</w:t>";
}

/// Text with '\n' as w:br and '\t' as w:tab (ECMA-376 17.3.3).
void appendRunText(std::string& out, string_view text) {
  std::size_t start = 0;
  auto segment = [&](std::size_t end) { appendTextElement(out, text.substr(start, end - start)); };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) > '\r') continue;  // one test for most bytes
    if (c != '\n' && c != '\t' && c != '\r') continue;
    segment(i);
    if (c == '\n') out += "<w:br/>";
    if (c == '\t') out += "<w:tab/>";
    start = i + 1;
  }
  segment(text.size());
}

/// One w:r of `text`; `fallback` names the family of characters the run's face
/// lacks (w:rFonts w:eastAsia, ECMA-376 §17.3.2.26), or is null.
void appendRunPiece(std::string& out, const doc::Run& r, string_view text, const char* fallback) {
  out += "<w:r>";
  const char* face = faceStyleId(r.face);
  const RunBytes bytes = scanRunBytes(text);
  const bool hint = fallback != nullptr || (bytes.hintLead && needsEastAsiaHint(text));
  if (face != nullptr || hint || r.bold) {
    out += "<w:rPr>";
    if (face != nullptr) xml::appendValElement(out, "w:rStyle", face);
    if (fallback != nullptr) {
      out += "<w:rFonts w:eastAsia=\"";
      xml::appendEscaped(out, fallback);
      out += "\" w:hint=\"eastAsia\"/>";
    } else if (hint) {
      out += "<w:rFonts w:hint=\"eastAsia\"/>";
    }
    if (r.bold) out += "<w:b/><w:bCs/>";
    out += "</w:rPr>";
  }
  if (bytes.control) {
    appendRunText(out, text);
  } else {
    appendTextElement(out, text);
  }
  out += "</w:r>";
}

/// The run, cut where its characters pass between those its face has and those
/// it lacks (layout::fallbackPieces, as the XLSX cuts it); the lacking pieces are
/// set in layout::fallbackFamily, so the PDF shows them, not tofu or a glyph form
/// of LibreOffice's choosing.
void appendRun(std::string& out, const doc::Run& r) {
  if (r.text.empty()) return;
  const doc::Face face = r.face == doc::Face::Inherit ? doc::Face::Fang : r.face;
  if (!bangfu::layout::anyNeedsFallback(r.text, face)) {
    appendRunPiece(out, r, r.text, nullptr);
    return;
  }
  std::vector<bangfu::layout::FallbackPiece> pieces;
  bangfu::layout::fallbackPieces(r.text, face, pieces);
  for (const auto& piece : pieces) {
    appendRunPiece(out, r, string_view(r.text).substr(piece.begin, piece.end - piece.begin),
                   piece.lacks ? bangfu::layout::fallbackFamily(face) : nullptr);
  }
}

void appendTextRun(std::string& out, string_view text) {
  doc::Run r;
  r.text = std::string(text);
  appendRun(out, r);
}

void appendStyleRef(std::string& out, string_view id) { xml::appendValElement(out, "w:pStyle", id); }

/// Width in whole 3号 字 (two East Asian Width units each, rounded up).
int widthInChars(string_view s) { return static_cast<int>((text::displayWidth(s) + 1) / 2); }

std::string sizedStyle(string_view base, int halfPoints) {
  std::string id(base);
  if (halfPoints != layout::kTableDefaultHalfPoints) xml::appendInt(id, halfPoints);
  return id;
}

class DocumentWriter {
 public:
  DocumentWriter(const DocxOptions& options, ZipWriter& zip, StyleUse& use)
      : options_(options), zip_(zip), use_(use) {
    out_.reserve(kReserveBytes);
  }

  DocumentPagination write(const doc::Notice& notice) {
    zip_.beginPart(part::kDocument);
    out_ += xml::kDeclaration;
    out_ +=
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>";
    const auto& apps = notice.appendices;
    // The notice itself comes first (notice_part.cpp); it is portrait.
    const doc::NoticeText* text = options_.text;
    if (text != nullptr) out_ += noticeMainXml(*text);
    // 7.5 after bound appendices: their pages are counted as they are written.
    if (text != nullptr && !apps.empty()) pager_.emplace(paginateNotice(*text).pages);
    for (std::size_t i = 0; i < apps.size(); ++i) {
      // GB/T 9704-2012 7.3.7 (rule 14): each appendix starts a new page; a change
      // of orientation needs a new section, whose break starts the page itself.
      const bool after = i > 0 || text != nullptr;
      const doc::Orientation before = i > 0 ? apps[i - 1].orientation : doc::Orientation::Portrait;
      const bool newSection = after && apps[i].orientation != before;
      if (newSection) endSection(before, false);
      writeAppendix(notice, apps[i], after && !newSection);
    }
    const doc::Orientation last = apps.empty() ? doc::Orientation::Portrait : apps.back().orientation;
    if (text != nullptr && !text->imprint.printer.empty()) {
      // GB/T 9704-2012 7.4: the 版记 on the last even page, in a section of its own
      // that starts on an even page (ECMA-376 17.6.22 w:type evenPage). 7.5: when the
      // text ends on an even page, the blank page before it and the 版记 page carry
      // no number: the section's footers are the empty one (notice_pagination.hpp).
      endSection(last, false);
      blankFooterSection_ = pager_ ? blankPageBeforeImprint(options_.firstPageNumber + pager_->lastPage() - 1)
                                   : placeImprint(text, false, options_.firstPageNumber).unnumbered;
      out_ += imprintXml(text->imprint);
      lastWasTable_ = true;
      evenPageSection_ = true;
      endSection(doc::Orientation::Portrait, true);
    } else {
      if (apps.empty() && text == nullptr) holdParagraph("", "");
      endSection(last, true);
    }
    out_ += "</w:body></w:document>";
    zip_.write(out_);
    out_.clear();
    zip_.endPart();
    DocumentPagination result;
    if (pager_) result.bodyPages = pager_->lastPage();
    return result;
  }

 private:
  void flushIfLarge() {
    if (out_.size() < kFlushBytes) return;
    // Hand the buffer over and build the next chunk while it is deflated.
    zip_.writeAsync(std::move(out_));
    out_ = std::string();
    out_.reserve(kReserveBytes);
  }

  // The last body paragraph is held back until we know whether it ends a
  // section: ECMA-376 17.6.17 puts a section's w:sectPr in its last paragraph.
  void emitHeld() {
    if (!hasHeld_) return;
    out_ += "<w:p>";
    if (!heldPPr_.empty()) {
      out_ += "<w:pPr>";
      out_ += heldPPr_;
      out_ += "</w:pPr>";
    }
    out_ += heldRuns_;
    out_ += "</w:p>";
    hasHeld_ = false;
  }

  void holdParagraph(string_view pPr, string_view runs) {
    emitHeld();
    heldPPr_.assign(pPr);
    heldRuns_.assign(runs);
    hasHeld_ = true;
    lastWasTable_ = false;
  }

  /// A 1-pt empty paragraph: what follows a table when a paragraph must (a
  /// section break, or the body's end where Word would add a full 579-tw one).
  void breakParagraph(string_view sectPr) {
    out_ += "<w:p><w:pPr><w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"";
    xml::appendInt(out_, layout::kBreakParagraphLineTwips);
    out_ += "\" w:lineRule=\"exact\"/><w:rPr>";
    xml::appendValElement(out_, "w:sz", layout::kBreakParagraphHalfPoints);
    xml::appendValElement(out_, "w:szCs", layout::kBreakParagraphHalfPoints);
    out_ += "</w:rPr>";
    out_ += sectPr;
    out_ += "</w:pPr></w:p>";
  }

  std::string sectPr(doc::Orientation o) {
    using namespace layout;
    const bool land = o == doc::Orientation::Landscape;
    // GB/T 9704-2012 7.5 parity in every section (odd = default, even); landscape
    // sections use their own pair, whose page number is rotated into the left
    // margin (rule 25).
    std::string s = "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"";
    s += blankFooterSection_ ? part::kRelFooterBlank
         : land              ? part::kRelFooterLandscapeOdd
                             : part::kRelFooterOdd;
    s += "\"/><w:footerReference w:type=\"even\" r:id=\"";
    s += blankFooterSection_ ? part::kRelFooterBlank
         : land              ? part::kRelFooterLandscapeEven
                             : part::kRelFooterEven;
    s += "\"/>";
    if (evenPageSection_) s += "<w:type w:val=\"evenPage\"/>";
    s += "<w:pgSz w:w=\"";
    xml::appendInt(s, land ? kPageHeightTwips : kPageWidthTwips);
    s += "\" w:h=\"";
    xml::appendInt(s, land ? kPageWidthTwips : kPageHeightTwips);
    s += land ? "\" w:orient=\"landscape\"/>" : "\"/>";
    s += "<w:pgMar w:top=\"";
    xml::appendInt(s, land ? kLandscapeMarginTopTwips : kMarginTopTwips);
    s += "\" w:right=\"";
    xml::appendInt(s, land ? kLandscapeMarginRightTwips : kMarginRightTwips);
    s += "\" w:bottom=\"";
    xml::appendInt(s, land ? kLandscapeMarginBottomTwips : kMarginBottomTwips);
    s += "\" w:left=\"";
    xml::appendInt(s, land ? kLandscapeMarginLeftTwips : kMarginLeftTwips);
    s += "\" w:header=\"";
    xml::appendInt(s, kHeaderTwips);
    s += "\" w:footer=\"";
    xml::appendInt(s, land ? kLandscapeFooterTwips : kFooterTwips);
    s += "\" w:gutter=\"0\"/>";
    // GB/T 9704-2012 7.5: numbering continues through the appendices, so only the
    // first section restarts it; no fmt="numberInDash" (hyphens, spec rule 18).
    if (!firstSectionDone_) {
      s += "<w:pgNumType w:start=\"";
      xml::appendInt(s, options_.firstPageNumber);
      s += "\"/>";
      firstSectionDone_ = true;
    }
    s += "<w:cols w:space=\"425\"/><w:docGrid w:type=\"lines\" w:linePitch=\"";
    xml::appendInt(s, kLinePitchTwips);
    s += "\"/></w:sectPr>";
    return s;
  }

  void endSection(doc::Orientation o, bool final) {
    const std::string s = sectPr(o);
    if (final) {
      emitHeld();
      if (lastWasTable_) breakParagraph("");
      out_ += s;
    } else if (hasHeld_) {
      heldPPr_ += s;
      emitHeld();
    } else {
      breakParagraph(s);
      if (pager_ && !evenPageSection_) pager_->addTwips(layout::kBreakParagraphLineTwips);
    }
    lastWasTable_ = false;
  }

  void writeAppendix(const doc::Notice& notice, const doc::Appendix& a, bool pageBreak) {
    std::string pPr;
    std::string runs;
    // Line 1: 附件N in 3号黑体 flush left (7.3.7), or 发文字号 + 附件N when detached.
    appendStyleRef(pPr, style::kLabel);
    if (pageBreak) pPr += "<w:pageBreakBefore/>";
    appendTextRun(runs, options_.detached ? notice.docNumber + a.label : a.label);
    holdParagraph(pPr, runs);
    if (pager_) pager_->startAppendix(a.orientation);
    // Line 2: one empty 579-tw line; line 3: the centred title (rule 16).
    holdParagraph("", "");
    pPr.clear();
    runs.clear();
    appendStyleRef(pPr, style::kTitle);
    static_assert(bangfu::layout::kPortraitTextWidthTwips == layout::kTextWidthTwips, "one 版心");
    static_assert(bangfu::layout::kLandscapeTextWidthTwips == layout::kLandscapeTextWidthTwips, "one 版心");
    static_assert(bangfu::layout::kTitleCharTwips == layout::kTitleHalfPoints * 10, "one title size");
    const std::string title = bangfu::layout::titleText(a.title, a.orientation);
    appendTextRun(runs, title);  // lines as w:br
    holdParagraph(pPr, runs);
    // What the page holds above a table that is the appendix's first block: the
    // label, the empty line and the title's lines (all on the 579-tw grid, rule 16),
    // and the fiction note; -1 where other blocks come first (not estimated).
    int aboveTwips =
        (2 + 1 + static_cast<int>(std::count(title.begin(), title.end(), '\n'))) * layout::kLinePitchTwips;
    if (notice.fictional) {
      pPr.clear();
      runs.clear();
      appendStyleRef(pPr, style::kFiction);
      appendTextRun(runs, kFictionText);
      holdParagraph(pPr, runs);
      aboveTwips += layout::kLinePitchTwips;
    }
    if (pager_) pager_->addGridLines(aboveTwips / layout::kLinePitchTwips);
    const int textWidth = a.orientation == doc::Orientation::Landscape ? layout::kLandscapeTextWidthTwips
                                                                       : layout::kTextWidthTwips;
    for (const auto& block : a.blocks) {
      if (const auto* p = std::get_if<doc::Paragraph>(&block)) {
        writeParagraph(*p);
      } else if (const auto* t = std::get_if<doc::Table>(&block)) {
        writeTable(*t, textWidth, &block == &a.blocks.front() ? aboveTwips : -1);
      } else if (const auto* n = std::get_if<doc::NameList>(&block)) {
        writeNameList(*n);
      } else if (const auto* notes = std::get_if<doc::Notes>(&block)) {
        writeNotes(*notes);
      }
    }
  }

  void writeParagraph(const doc::Paragraph& p) {
    std::string pPr;
    switch (p.role) {
      case doc::ParagraphRole::Body:
        appendStyleRef(pPr, style::kBody);
        break;
      case doc::ParagraphRole::Heading1:
        appendStyleRef(pPr, style::kHeading1);
        break;
      case doc::ParagraphRole::Heading2:
        appendStyleRef(pPr, style::kHeading2);
        break;
      case doc::ParagraphRole::Plain:
        break;
    }
    if (const char* jc = jcValue(p.align)) xml::appendValElement(pPr, "w:jc", jc);
    std::string runs;
    for (const auto& r : p.runs) appendRun(runs, r);
    holdParagraph(pPr, runs);
    if (pager_) {
      const bool indented = p.role != doc::ParagraphRole::Plain;
      pager_->addGridLines(bodyLineCount(p.plainText(), pager_->textWidthTwips(),
                                         indented ? layout::kFirstLineIndentTwips : 0));
    }
  }

  /// 组　长：白凤祥　… (spec §2 "Name layout"): labels equalised, two-character
  /// names padded, names on tab stops one slot apart, continuation lines under
  /// the first name by a hanging indent.
  void writeNameList(const doc::NameList& list) {
    std::vector<std::string> roles;
    roles.reserve(list.entries.size());
    for (const auto& e : list.entries) roles.push_back(e.role);
    std::vector<std::string> labels = text::equalizeLabels(roles);
    int labelChars = 0;
    for (auto& l : labels) {
      if (!l.empty()) l += "：";  // a list without roles (names sort) has no label
      labelChars = std::max(labelChars, widthInChars(l));
    }
    std::vector<std::vector<std::string>> names(list.entries.size());
    int nameChars = 3;  // a padded name (王　峰) is three 字
    for (std::size_t i = 0; i < list.entries.size(); ++i) {
      for (const auto& n : list.entries[i].names) {
        names[i].push_back(text::padName(n));
        nameChars = std::max(nameChars, widthInChars(names[i].back()));
      }
    }
    constexpr int kGapChars = 2;  // two 字 between names, as in the gov.cn lists
    const int slot = nameChars + kGapChars;
    const int room = layout::kCharsPerLine - labelChars - nameChars;
    const int fit = room >= 0 ? room / slot + 1 : 1;
    const int perLine = std::max(1, std::min(list.namesPerLine, fit));
    const int left = labelChars * layout::kBodyCharTwips;
    std::vector<TabStop> stops;
    stops.reserve(static_cast<std::size_t>(perLine));
    for (int k = 0; k < perLine; ++k) stops.push_back({"left", left + k * slot * layout::kBodyCharTwips});
    for (std::size_t i = 0; i < list.entries.size(); ++i) {
      std::string pPr;
      appendStyleRef(pPr, style::kNameList);
      appendTabs(pPr, stops);
      appendIndent(pPr, {left, left});
      std::string textRun = labels[i];
      for (std::size_t j = 0; j < names[i].size(); ++j) {
        const bool lineStart = j % static_cast<std::size_t>(perLine) == 0;
        // Without a label the first name starts the line itself, not at a tab stop.
        if (j > 0 || !labels[i].empty()) textRun += (lineStart && j > 0) ? '\n' : '\t';
        textRun += names[i][j];
      }
      std::string runs;
      appendTextRun(runs, textRun);
      holdParagraph(pPr, runs);
      // One line per perLine names (each further line starts at a w:br).
      if (pager_)
        pager_->addGridLines(std::max<int>(1, (static_cast<int>(names[i].size()) + perLine - 1) / perLine));
    }
  }

  /// 说明：1.… with later items under the first (spec §1 rule 13 pattern): the
  /// first item's paragraph hangs the heading, later ones share its left edge.
  void writeNotes(const doc::Notes& notes) {
    const int left = widthInChars(notes.heading) * layout::kBodyCharTwips;
    if (notes.items.empty()) {
      std::string pPr;
      appendStyleRef(pPr, style::kNotes);
      std::string runs;
      appendTextRun(runs, notes.heading);
      holdParagraph(pPr, runs);
      if (pager_) pager_->addGridLines(1);
      return;
    }
    for (std::size_t i = 0; i < notes.items.size(); ++i) {
      std::string pPr;
      appendStyleRef(pPr, style::kNotes);
      std::string body = notes.printedItem(i);
      if (i == 0 && left > 0) {
        appendTabs(pPr, {{"left", left}});
        appendIndent(pPr, {left, left});
        body = notes.heading + "\t" + body;
      } else {
        appendIndent(pPr, {left});
      }
      std::string runs;
      appendTextRun(runs, body);
      holdParagraph(pPr, runs);
      // Every line of the item from the notes' left edge (the heading hangs).
      if (pager_)
        pager_->addGridLines(bodyLineCount(notes.printedItem(i), pager_->textWidthTwips() - left, 0));
    }
  }

  static std::size_t columnCount(const doc::Table& t) {
    if (!t.columns.empty()) return t.columns.size();
    std::size_t n = 0;
    for (const auto& r : t.rows) {
      std::size_t w = 0;
      for (const auto& c : r.cells) w += static_cast<std::size_t>(std::max(1, c.colSpan));
      n = std::max(n, w);
    }
    return std::max<std::size_t>(n, 1);
  }

  /// `aboveTwips`: the 版心 height used above the table on its first page, or -1.
  void writeTable(const doc::Table& input, int textWidth, int aboveTwips) {
    using namespace layout;
    emitHeld();
    const std::size_t ncols = columnCount(input);
    const bangfu::layout::TableMetrics metrics = bangfu::layout::tableMetrics(input, ncols, textWidth);
    const int hp = metrics.halfPoints;
    const int side = metrics.cellPaddingTwips / 2;
    static_assert(bangfu::layout::kTableDefaultHalfPoints == kTableDefaultHalfPoints, "one table size");
    static_assert(bangfu::layout::kCellSideTwips == kCellMarginSideTwips, "one cell padding");
    // Measured widths that fill the 版心 exactly (spec §2; docs/typesetting.md "Column widths").
    const std::vector<int> widths = bangfu::layout::solveColumnWidths(input, ncols, metrics);
    use_.tableHalfPoints.insert(hp);
    const std::string textStyle = sizedStyle(style::kTableText, hp);
    const std::string headStyle = sizedStyle(style::kTableHeading, hp);
    std::string emptyPara = "<w:p><w:pPr>";
    appendStyleRef(emptyPara, textStyle);
    emptyPara += "</w:pPr></w:p>";
    std::string keepPara = "<w:p><w:pPr>";
    appendStyleRef(keepPara, textStyle);
    keepPara += "<w:keepNext/></w:pPr></w:p>";
    // What every cell and paragraph of the table opens with, made once: [header][keep].
    std::string paraOpen[2][2];
    for (int header = 0; header < 2; ++header) {
      for (int keep = 0; keep < 2; ++keep) {
        paraOpen[header][keep] = "<w:p><w:pPr>";
        appendStyleRef(paraOpen[header][keep], header != 0 ? headStyle : textStyle);
        if (keep != 0) paraOpen[header][keep] += "<w:keepNext/>";
      }
    }

    out_ += "<w:tbl><w:tblPr><w:tblW w:w=\"";
    xml::appendInt(out_, textWidth);
    out_ += "\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblBorders>";
    for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"}) {
      out_ += "<w:";
      out_ += side;
      out_ += " w:val=\"single\" w:sz=\"";
      xml::appendInt(out_, kTableBorderEighths);
      out_ += "\" w:space=\"0\" w:color=\"000000\"/>";
    }
    out_ += "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"";
    xml::appendInt(out_, kCellMarginTopBottomTwips);
    out_ += "\" w:type=\"dxa\"/><w:left w:w=\"";
    xml::appendInt(out_, side);
    out_ += "\" w:type=\"dxa\"/><w:bottom w:w=\"";
    xml::appendInt(out_, kCellMarginTopBottomTwips);
    out_ += "\" w:type=\"dxa\"/><w:right w:w=\"";
    xml::appendInt(out_, side);
    out_ += "\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>";
    for (int w : widths) {
      out_ += "<w:gridCol w:w=\"";
      xml::appendInt(out_, w);
      out_ += "\"/>";
    }
    out_ += "</w:tblGrid>";

    // Pagination (docs/typesetting.md "Rows across pages"): tall rows cut at the
    // page boundaries, then the merged groups kept or cut on the rows as printed.
    const int textHeight = textHeightOf(textWidth);
    const doc::Table& t = input;
    const std::size_t headerRows = t.headerRowCount();
    // Without merged groups no row is kept with the next, so each row is measured
    // and cut just before it is written (layout::RowMeasurer, RowCutPlanner): the
    // deflate threads work on the rows written while the next ones are measured.
    // Needs every header row at the top (the room below them comes first) and no
    // page count for a bound notice (AppendixPager wants the whole table).
    const bool inTurn = !pager_ && !hasMergedBody(t) &&
                        std::none_of(t.rows.begin() + static_cast<std::ptrdiff_t>(headerRows), t.rows.end(),
                                     [](const doc::Row& row) { return row.kind == doc::RowKind::Header; });
    bangfu::layout::GroupPlan groups{std::vector<unsigned char>(t.rows.size(), 0), {}};
    std::vector<bangfu::layout::RowCut> cuts;
    if (!inTurn) planTable(input, ncols, widths, metrics, textHeight, aboveTwips, groups, cuts);
    std::vector<std::vector<unsigned char>> restartAt;  // [row][col]: a long group starts again here
    if (!groups.restarts.empty()) {
      restartAt.assign(t.rows.size(), std::vector<unsigned char>(ncols, 0));
      for (const auto& rs : groups.restarts) restartAt[rs.row][rs.col] = 1;
    }
    std::vector<const doc::Cell*> groupCell(ncols, nullptr);
    // openCell of a cell in one column and one row, made once per column.
    std::vector<std::string> plainOpen(ncols);
    for (std::size_t c = 0; c < ncols; ++c) {
      std::swap(out_, plainOpen[c]);
      openCell(widths, c, 1, "");
      std::swap(out_, plainOpen[c]);
    }

    // Occupancy for HTML-style cells: a rowSpan leaves `below[c]` rows to be
    // filled with vMerge continuations of gridSpan `span[c]` (ECMA-376 17.4.84).
    std::vector<int> below(ncols, 0);
    std::vector<int> span(ncols, 1);
    const int rowCount = static_cast<int>(t.rows.size());
    // `known`: the row's cells as measured (layout::RowMeasurer), or null.
    const auto writeRow = [&](const doc::Row& row, int r, const bangfu::layout::CellLineCount* known) {
      // Data rows never split (spec §2); header rows repeat only when contiguous
      // from row 1 (ECMA-376 17.4.49).
      out_ += "<w:tr><w:trPr><w:cantSplit/>";
      if (static_cast<std::size_t>(r) < headerRows) out_ += "<w:tblHeader/>";
      out_ += "</w:trPr>";
      const bool keep = groups.keepWithNext[static_cast<std::size_t>(r)] != 0;
      const std::string& pOpen = paraOpen[row.kind == doc::RowKind::Header ? 1 : 0][keep ? 1 : 0];
      std::size_t next = 0;
      std::size_t col = 0;
      while (col < ncols) {
        if (below[col] > 0) {
          const auto n = static_cast<std::size_t>(span[col]);
          if (!restartAt.empty() && restartAt[static_cast<std::size_t>(r)][col] != 0 &&
              groupCell[col] != nullptr) {
            // A group longer than a page: its label again, so the page does not start blank.
            openCell(widths, col, n, "<w:vMerge w:val=\"restart\"/>");
            writeCellBody(*groupCell[col], t, col, pOpen, emptyPara,
                          cellSetting(widths, col, n, metrics, row));
          } else {
            openCell(widths, col, n, "<w:vMerge/>");
            out_ += keep ? keepPara : emptyPara;
          }
          out_ += "</w:tc>";
          --below[col];
          col += n;
          continue;
        }
        if (next >= row.cells.size()) {  // a short row: pad, so the grid stays whole
          openCell(widths, col, 1, "");
          out_ += emptyPara;
          out_ += "</w:tc>";
          ++col;
          continue;
        }
        const doc::Cell& cell = row.cells[next++];
        std::size_t n = static_cast<std::size_t>(std::max(1, cell.colSpan));
        n = std::min(n, ncols - col);
        for (std::size_t k = 1; k < n; ++k) {
          if (below[col + k] > 0) {  // do not run into a merge from above
            n = k;
            break;
          }
        }
        const int rows = std::min(std::max(1, cell.rowSpan), rowCount - r);
        if (rows > 1) {
          below[col] = rows - 1;
          span[col] = static_cast<int>(n);
          groupCell[col] = &cell;
        }
        if (rows == 1 && n == 1) {
          out_ += plainOpen[col];
        } else {
          openCell(widths, col, n, rows > 1 ? "<w:vMerge w:val=\"restart\"/>" : "");
        }
        CellSetting set = cellSetting(widths, col, n, metrics, row);
        if (known != nullptr) {
          const bangfu::layout::CellLineCount& measured = known[next - 1];
          set.noNarrowing = measured.noNarrowing && measured.widthTwips == set.contentTwips;
        }
        writeCellBody(cell, t, col, pOpen, keep ? keepPara : emptyPara, set);
        out_ += "</w:tc>";
        col += n;
      }
      if (next < row.cells.size()) {
        throw std::invalid_argument("docx: table \"" + t.name + "\" row " + std::to_string(r + 1) +
                                    " lists more cells than its " + std::to_string(ncols) + " columns hold");
      }
      out_ += "</w:tr>";
      flushIfLarge();
    };
    if (inTurn) {
      RowsAhead measured(t, ncols, widths, metrics);  // measured on a second thread, in order
      std::vector<int> headerLines;
      for (std::size_t r = 0; r < headerRows; ++r) headerLines.push_back(measured.row(r).lines);
      const Pages pages = pagesOf(t, std::move(headerLines), metrics, textHeight, aboveTwips);
      bangfu::layout::RowCutPlanner planner(widths, metrics, pages.geometry, pages.room);
      for (int r = 0; r < rowCount; ++r) {
        const doc::Row& row = t.rows[static_cast<std::size_t>(r)];
        if (static_cast<std::size_t>(r) < headerRows) {
          writeRow(row, r, nullptr);
          continue;
        }
        const RowsAhead::Row& lines = measured.row(static_cast<std::size_t>(r));
        const std::optional<bangfu::layout::RowCut> cut =
            planner.placeRow(row, static_cast<std::size_t>(r), lines.lines, lines.cells.data(), lines.merged);
        if (cut) {
          for (std::size_t k = 0; k < cut->parts.size(); ++k)
            writeRow(cut->parts[k], r, cut->partCells[k].data());
          continue;
        }
        writeRow(row, r, lines.cells.data());
      }
    } else {
      std::size_t nextCut = 0;
      for (int r = 0; r < rowCount; ++r) {
        if (nextCut < cuts.size() && cuts[nextCut].row == static_cast<std::size_t>(r)) {
          const bangfu::layout::RowCut& cut = cuts[nextCut];
          for (std::size_t k = 0; k < cut.parts.size(); ++k)
            writeRow(cut.parts[k], r, cut.partCells[k].data());
          ++nextCut;
        } else {
          writeRow(t.rows[static_cast<std::size_t>(r)], r, nullptr);
        }
      }
    }
    out_ += "</w:tbl>";
    lastWasTable_ = true;
  }

  void openCell(const std::vector<int>& widths, std::size_t col, std::size_t n, string_view vMerge) {
    int w = 0;
    for (std::size_t k = col; k < col + n; ++k) w += widths[k];
    out_ += "<w:tc><w:tcPr><w:tcW w:w=\"";
    xml::appendInt(out_, w);
    out_ += "\" w:type=\"dxa\"/>";
    if (n > 1) xml::appendValElement(out_, "w:gridSpan", static_cast<long long>(n));
    out_ += vMerge;
    out_ += "<w:vAlign w:val=\"center\"/></w:tcPr>";
  }

  struct CellSetting {
    int contentTwips;
    int halfPoints;
    bool header;
    bool noNarrowing = false;  ///< measured: no paragraph is narrowed (layout::cellLines)
  };

  static CellSetting cellSetting(const std::vector<int>& widths, std::size_t col, std::size_t n,
                                 const bangfu::layout::TableMetrics& m, const doc::Row& row) {
    // The width measureRows measured the cell at (the condensed line's).
    return CellSetting{bangfu::layout::cellContentTwips(widths, col, n, m), m.halfPoints,
                       row.kind == doc::RowKind::Header};
  }

  static int textHeightOf(int textWidth) {
    return textWidth == layout::kLandscapeTextWidthTwips ? layout::kLandscapeTextHeightTwips
                                                         : layout::kTextHeightTwips;
  }

  /// The rows' lines and heights at these widths (layout::rowLines at the table's
  /// exact line height) and the room body rows have on the table's pages.
  struct Pages {
    std::vector<int> lines;
    std::vector<int> heights;
    bangfu::layout::RowGeometry geometry;
    bangfu::layout::PageRoom room;
    int groupPageTwips = 0;
  };

  static Pages pagesOf(const doc::Table& t, std::vector<int> lines, const bangfu::layout::TableMetrics& m,
                       int textHeight, int aboveTwips) {
    Pages p;
    p.lines = std::move(lines);
    p.geometry = {layout::tableLineTwips(m.halfPoints),
                  2 * layout::kCellMarginTopBottomTwips + layout::kTableRuleTwips};
    p.heights.resize(p.lines.size());
    int headerHeight = 0;
    for (std::size_t r = 0; r < p.lines.size(); ++r) {
      p.heights[r] = p.lines[r] * p.geometry.lineTwips + p.geometry.rowExtraTwips;
      if (t.rows[r].kind == doc::RowKind::Header) headerHeight += p.heights[r];
    }
    // A page holds the 版心 less its repeated header rows, less one line for the
    // estimate's error in a merged group (LibreOffice's line boxes are not exactly
    // the style's), less kSplitSafetyTwips where a row is cut at the page.
    p.groupPageTwips = textHeight - headerHeight - p.geometry.lineTwips;
    p.room.pageTwips = textHeight - headerHeight - kSplitSafetyTwips;
    p.room.firstPageTwips = aboveTwips < 0 ? -1 : std::max(0, p.room.pageTwips - aboveTwips);
    return p;
  }

  /// Whether a cell below the header rows spans rows (a merged group).
  static bool hasMergedBody(const doc::Table& t) {
    for (const auto& row : t.rows) {
      if (row.kind == doc::RowKind::Header) continue;
      for (const auto& c : row.cells) {
        if (c.rowSpan > 1) return true;
      }
    }
    return false;
  }

  /// Keep-with-next and label repeats for merged groups (layout::planGroups).
  static bangfu::layout::GroupPlan planGroups(const doc::Table& t, std::size_t ncols, const Pages& p) {
    if (!hasMergedBody(t)) return bangfu::layout::GroupPlan{std::vector<unsigned char>(t.rows.size(), 0), {}};
    return bangfu::layout::planGroups(t, ncols, p.heights, p.groupPageTwips);
  }

  /// The whole table measured before a row is written: its merged groups and the
  /// rows cut at the page boundaries (layout::planRowCuts), and for a notice with
  /// bound appendices its pages counted (AppendixPager).
  void planTable(const doc::Table& input, std::size_t ncols, const std::vector<int>& widths,
                 const bangfu::layout::TableMetrics& metrics, int textHeight, int aboveTwips,
                 bangfu::layout::GroupPlan& groups, std::vector<bangfu::layout::RowCut>& cuts) {
    const bangfu::layout::TableLines measured = bangfu::layout::measureRows(input, ncols, widths, metrics);
    const Pages pages = pagesOf(input, measured.rows, metrics, textHeight, aboveTwips);
    // No cut row lies in a merged group: the groups of the table as printed are
    // these, with the parts in place of their rows (layout::planRowCuts).
    groups = planGroups(input, ncols, pages);
    cuts = bangfu::layout::planRowCuts(input, ncols, widths, metrics, measured, groups.keepWithNext,
                                       pages.geometry, pages.room);
    if (pager_) {
      // The 版记's page (GB/T 9704 7.5) counts the rows as printed: the table with its
      // cut parts in place, built here only for a notice with bound appendices.
      const std::optional<bangfu::layout::SplitTable> split = bangfu::layout::splitTallRows(
          input, ncols, widths, metrics, measured.rows, groups.keepWithNext, pages.geometry, pages.room);
      const doc::Table& asPrinted = split ? split->table : input;
      const Pages printed = split ? pagesOf(asPrinted, split->lines, metrics, textHeight, aboveTwips) : pages;
      // The rows are measured at the condensing they print at (layout::cellContentTwips),
      // so these heights are the printed ones.
      pager_->addTable(printed.heights, asPrinted.headerRowCount(),
                       planGroups(asPrinted, ncols, printed).keepWithNext);
    }
  }

  /// `paraOpen`: w:p and its w:pPr up to the style and keep-with-next (made once
  /// per table in writeTable).
  void writeCellBody(const doc::Cell& cell, const doc::Table& t, std::size_t col, const std::string& paraOpen,
                     const std::string& emptyPara, const CellSetting& set) {
    if (cell.lines.empty()) {
      out_ += emptyPara;
      return;
    }
    const doc::Align colAlign = col < t.columns.size() ? t.columns[col].align : doc::Align::Inherit;
    for (const auto& line : cell.lines) {
      doc::Align a = line.align;
      if (a == doc::Align::Inherit) a = cell.align;
      if (a == doc::Align::Inherit) a = colAlign;
      out_ += paraOpen;
      // An orphan last line is removed by setting the paragraph a little narrower
      // (bangfu::layout::orphanNarrowing; docs/typesetting.md "Orphan lines").
      const double narrow = set.noNarrowing ? 0
                                            : bangfu::layout::paragraphNarrowing(
                                                  line, set.header, set.halfPoints, set.contentTwips);
      if (narrow > 0) {
        const int side = static_cast<int>(std::ceil(narrow / 2));
        appendIndent(out_, {side, 0, side, true});
      }
      // The table styles centre (Column::align's default); write only the others.
      if (a != doc::Align::Inherit && a != doc::Align::Center)
        xml::appendValElement(out_, "w:jc", jcValue(a));
      out_ += "</w:pPr>";
      for (const auto& r : line.runs) appendRun(out_, r);
      out_ += "</w:p>";
    }
  }

  const DocxOptions& options_;
  ZipWriter& zip_;
  StyleUse& use_;
  std::string out_;
  std::string heldPPr_;
  std::string heldRuns_;
  bool hasHeld_ = false;
  bool lastWasTable_ = false;
  bool firstSectionDone_ = false;
  bool evenPageSection_ = false;        ///< the 版记's section (7.4) starts on an even page
  bool blankFooterSection_ = false;     ///< 7.5: that section's pages carry no number
  std::optional<AppendixPager> pager_;  ///< a text with appendices bound after it (7.3.7)
};

}  // namespace

DocumentPagination writeDocumentPart(const doc::Notice& notice, const DocxOptions& options, ZipWriter& zip,
                                     StyleUse& use) {
  return DocumentWriter(options, zip, use).write(notice);
}

}  // namespace bangfu::docx
