// The notice's pagination (notice_pagination.hpp): each element of noticeMainXml as
// the lines it takes, then the pages they fill. The heights are the writer's own
// constants (notice_layout.hpp); the line breaks are layout::breakLines' at the body's
// advances.
#include "docx/notice_pagination.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "bangfu/layout/line_break.hpp"
#include "bangfu/text/title_lines.hpp"
#include "bangfu/text/width.hpp"
#include "docx/notice_layout.hpp"
#include "docx/notice_part.hpp"

namespace bangfu::docx {
namespace {

namespace nl = notice_layout;

/// One paragraph (or unsplittable table row) as the page sees it.
struct Item {
  int lines = 1;
  int lineTwips = nl::kLinePitchTwips;
  int beforeTwips = 0;
  bool keepNext = false;   ///< w:keepNext: on the page of the next item's first line
  bool keepLines = false;  ///< w:keepLines (or a table row): never split
  bool pageBreakBefore = false;
  [[nodiscard]] int height() const { return beforeTwips + lines * lineTwips; }
};

/// The 3号 body advance of one character as the writer measures it (notice_part.cpp
/// bodyTwips): a 字 of 320 tw or half of it, less the Normal style's 0.25-pt
/// condensing (5.2.3: 28 a line), plus LibreOffice's space where Han meets digits.
constexpr double kWideAdvance = nl::kBodyCharTwips + layout::kBodyCharSpacingTwips;
constexpr double kNarrowAdvance = nl::kHalfWidthTwips + layout::kBodyCharSpacingTwips;
/// From here up a code point is taken as a full 字 (Hangul Jamo on: the CJK marks, “”,
/// —— and the ideographs), as the Chinese body face sets them; with it the computed
/// pages equal LibreOffice's on the five examples, whose texts have “” and ——.
constexpr char32_t kFirstWideCodePoint = 0x1100;

}  // namespace

/// 7.3.3: 每个自然段左空二字 is the first line's indent; ，。 hang (w:overflowPunct).
int bodyLineCount(const std::string& utf8, int widthTwips, int firstIndentTwips) {
  if (utf8.empty()) return 1;
  const int indentChars = (firstIndentTwips + nl::kBodyCharTwips - 1) / nl::kBodyCharTwips;
  std::string padded;
  for (int i = 0; i < indentChars; ++i) padded += "\u3000";
  padded += utf8;
  bangfu::layout::BreakableText t =
      bangfu::layout::prepareText(padded, doc::Face::Fang, layout::kBodyHalfPoints, false);
  int previousWide = -1;
  for (std::size_t i = 0; i < t.text.size(); ++i) {
    if (static_cast<int>(i) < indentChars) {
      t.advance[i] = static_cast<double>(firstIndentTwips) / indentChars;
      continue;
    }
    const char32_t cp = t.text[i];
    const int wide = cp >= kFirstWideCodePoint ? 1 : 0;
    t.advance[i] = wide != 0 ? kWideAdvance : kNarrowAdvance;
    if (previousWide >= 0 && wide != previousWide) t.advance[i] += nl::kAutoSpaceTwips;
    previousWide = wide;
  }
  return std::max(1, bangfu::layout::breakLines(t, widthTwips).lines);
}

namespace {

/// 7.2: the 版头 as one unsplittable block, from the 版心's top to the red rule.
int headTwips(const doc::NoticeText& text) {
  const doc::NoticeHead& head = text.head;
  const int marks = static_cast<int>(!head.copyNumber.empty()) + static_cast<int>(!head.secrecy.empty()) +
                    static_cast<int>(!head.urgency.empty());
  const int em = markSizeHalfPoints(head) * 10;
  int h = marks * nl::kHeadMarkLineTwips;
  if (!head.issuerLines.empty()) {
    // 7.2.4: the spacer to 35 mm, then the mark's line(s) with their gaps.
    h += std::max(
        20, nl::kMarkTopTwips - em * nl::kMarkGlyphInsetPerMille / 1000 - marks * nl::kHeadMarkLineTwips);
    const int n = static_cast<int>(head.issuerLines.size());
    h += n * em + (n - 1) * (em * nl::kMarkLineGapPerMille / 1000);
  }
  // 7.2.5, 7.2.6: two lines down, the 发文字号 (with the 签发人's rows); 7.2.7 the rule
  // under it, its distance and width added to the line.
  const int signerRows = std::max<int>(
      1, static_cast<int>((head.signers.size() + nl::kSignersPerLine - 1) / nl::kSignersPerLine));
  h += nl::kDocNumberGapLines * nl::kLinePitchTwips + signerRows * nl::kLinePitchTwips;
  h += nl::kSeparatorSpacePoints * 20 + nl::kSeparatorEighths * 20 / 8;
  return h;
}

std::vector<Item> items(const doc::NoticeText& text) {
  std::vector<Item> out;
  out.push_back({1, headTwips(text), 0, false, true, false});
  auto title = [&](const std::string& t, int before, bool pageBreak) {
    const auto lines = text::balanceTitleLines(t, nl::kTitleCharsPerLine);
    const int n = std::max<int>(1, static_cast<int>(lines.size()));
    for (int i = 0; i < n; ++i)
      out.push_back({1, nl::kLinePitchTwips, i == 0 ? before : 0, true, true, i == 0 && pageBreak});
  };
  title(text.title, nl::kTitleGapLines * nl::kLinePitchTwips, false);
  if (!text.recipients.empty()) {
    out.push_back({bodyLineCount(text.recipients + "：", nl::kTextWidthTwips, 0), nl::kLinePitchTwips,
                   nl::kRecipientsGapLines * nl::kLinePitchTwips, false, false, false});
  }
  const auto& blocks = text.blocks;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const bool beforeSignature =
        i + 1 < blocks.size() && std::holds_alternative<doc::SignatureBlock>(blocks[i + 1]);
    if (const auto* p = std::get_if<doc::Paragraph>(&blocks[i])) {
      // Heading1/Heading2 carry keepNext in their styles; the paragraph above the
      // 署名 keeps with it (notice_part.cpp).
      const bool heading = p->role == doc::ParagraphRole::Heading1 || p->role == doc::ParagraphRole::Heading2;
      out.push_back({bodyLineCount(p->plainText(), nl::kTextWidthTwips, layout::kFirstLineIndentTwips),
                     nl::kLinePitchTwips, 0, heading || beforeSignature, beforeSignature, false});
    } else if (const auto* a = std::get_if<doc::AttachmentNote>(&blocks[i])) {
      // 7.3.4: one empty line, then each name from its column.
      for (int k = 0; k < nl::kAttachmentGapLines; ++k) out.push_back({});
      const int numberChars = a->titles.size() == 1 ? 0 : a->titles.size() >= 10 ? 2 : 1;
      const int nameAt =
          (nl::kAttachmentIndentChars + nl::kAttachmentLabelChars + numberChars) * nl::kBodyCharTwips;
      for (const auto& t : a->titles)
        out.push_back({bodyLineCount(t, nl::kTextWidthTwips - nameAt, 0), nl::kLinePitchTwips, 0,
                       beforeSignature, beforeSignature, false});
    } else if (const auto* s = std::get_if<doc::SignatureBlock>(&blocks[i])) {
      const bool annotated = i + 1 < blocks.size() && std::holds_alternative<doc::Annotation>(blocks[i + 1]);
      const Item kept{1, nl::kLinePitchTwips, 0, true, true, false};
      const int n = static_cast<int>(s->issuers.size());
      if (s->sealed && n > 1) {
        // 7.3.5.1 joint: rows of up to three 署名, four empty lines between rows.
        for (int k = 0; k < nl::kSealedGapLines; ++k) out.push_back(kept);
        for (int first = 0; first < n; first += nl::kSealsPerRow) {
          if (first > 0)
            for (int k = 0; k < nl::kSealRowGapLines; ++k) out.push_back(kept);
          out.push_back(kept);
        }
      } else {
        // 7.3.5.1 / 7.3.5.2: the empty lines, one line per 署名.
        const int gap = s->sealed ? nl::kSealedGapLines : nl::kUnsealedGapLines;
        for (int k = 0; k < gap; ++k) out.push_back(kept);
        for (int k = 0; k < n; ++k) out.push_back(kept);
      }
      out.push_back({1, nl::kLinePitchTwips, 0, annotated, annotated, false});  // 成文日期
    } else if (const auto* n = std::get_if<doc::Annotation>(&blocks[i])) {
      out.push_back({bodyLineCount(n->text, nl::kTextWidthTwips, nl::kAnnotationIndentTwips),
                     nl::kLinePitchTwips, 0, false, false, false});
    } else if (const auto* t = std::get_if<doc::IssuedTitle>(&blocks[i])) {
      // The 印发 wrapper: a new page, the title, one empty line (notice_part.cpp).
      title(t->title, 0, true);
      out.push_back({});
    }
  }
  return out;
}

}  // namespace

NoticePagination paginateNotice(const doc::NoticeText& text) {
  const std::vector<Item> all = items(text);
  // 5.2.3: 22 lines of 579 tw a page. The 版心 (5.2.1, 12756 tw) is 18 tw taller, but
  // LibreOffice 7.4 sets no line that ends past the 22nd row: on zhejiang-2014's page 1
  // a line that would end 8 tw above the 版心's foot went to page 2.
  constexpr int kPage = layout::kLinesPerPage * nl::kLinePitchTwips;
  int page = 1;
  int y = 0;  // twips used on the page
  for (std::size_t i = 0; i < all.size(); ++i) {
    const Item& it = all[i];
    if (it.pageBreakBefore && y > 0) {
      ++page;
      y = 0;
    }
    // A keepNext chain (ECMA-376 17.3.1.14/15) that does not fit the rest of the page
    // but fits a page moves whole to the next one: every kept item, and the first
    // line of the item after the chain. Judged once, at the chain's first item, so a
    // text of nothing but headings costs one pass.
    const bool chainStart = i == 0 || !all[i - 1].keepNext;
    if (y > 0 && chainStart && (it.keepNext || it.keepLines)) {
      int chain = 0;
      std::size_t j = i;
      while (j < all.size() && all[j].keepNext) chain += all[j++].height();
      if (j < all.size())
        chain += all[j].keepLines || j == i ? all[j].height() : all[j].beforeTwips + all[j].lineTwips;
      if (y + chain > kPage && chain <= kPage) {
        ++page;
        y = 0;
      }
    }
    y += it.beforeTwips;
    for (int l = 0; l < it.lines; ++l) {
      if (y + it.lineTwips > kPage && y > 0) {
        ++page;
        y = 0;
      }
      y += it.lineTwips;
    }
  }
  NoticePagination p;
  p.pages = page;
  p.linesOnLastPage = (y + nl::kLinePitchTwips - 1) / nl::kLinePitchTwips;
  return p;
}

ImprintPlacement placeImprint(const doc::NoticeText* text, bool appendicesBoundIn, int firstPageNumber) {
  ImprintPlacement placement;
  if (text == nullptr) return placement;
  placement.textPages = paginateNotice(*text).pages;
  placement.hasImprint = !text->imprint.printer.empty();
  const int lastTextPage = firstPageNumber + placement.textPages - 1;
  placement.unnumbered = placement.hasImprint && !appendicesBoundIn && blankPageBeforeImprint(lastTextPage);
  placement.decidedAfterAppendices = placement.hasImprint && appendicesBoundIn;
  return placement;
}

}  // namespace bangfu::docx
