// The per-character table and the fast paths of line breaking (docs/performance-notes.md
// "Width measurement") must give what the rules give, character for character.
#include "layout/char_class.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "bangfu/layout/columns.hpp"
#include "bangfu/layout/line_break.hpp"
#include "bangfu/layout/measure.hpp"

namespace bangfu::layout {
namespace {

constexpr doc::Face kFaces[] = {doc::Face::Inherit, doc::Face::Fang, doc::Face::Hei,
                                doc::Face::Kai,     doc::Face::Song, doc::Face::Title};

TEST(LayoutCharTable, AgreesWithThePredicatesOnEveryBmpCodePoint) {
  for (doc::Face face : kFaces) {
    int mismatches = 0;
    for (char32_t c = 0; c < 0x10000 && mismatches < 5; ++c) {
      const detail::CharInfo table = detail::charInfo(c, face);
      const detail::CharInfo rules = detail::computeCharInfo(c, face);
      const bool glyphDiffers = detail::tableCharInfo(c, face).hasGlyph != (faceHasGlyph(c, face) ? 1 : 0);
      if (table.milliEm != rules.milliEm || table.flags != rules.flags || glyphDiffers) {
        ++mismatches;
        ADD_FAILURE() << "U+" << std::hex << static_cast<unsigned>(c) << " face " << static_cast<int>(face);
      }
      if (table.milliEm != advanceMilliEm(c, face)) {
        ++mismatches;
        ADD_FAILURE() << "advance of U+" << std::hex << static_cast<unsigned>(c);
      }
    }
  }
}

TEST(LayoutCharTable, BreakRuleFromFlagsAgreesWithTheRule) {
  // Every character some flag concerns, a sample of the Latin-word range, hanzi and
  // the marks of Chinese tables; every ordered pair of them.
  std::vector<char32_t> chars;
  for (char32_t c = 0; c < 0x10000; ++c) {
    const detail::CharInfo i = detail::computeCharInfo(c, doc::Face::Fang);
    const bool marked = (i.flags & (detail::kOpeningFlag | detail::kClosingFlag | detail::kSpaceFlag |
                                    detail::kDoubledFlag | detail::kHangsFlag)) != 0;
    if (marked || c < 0x80 || (c >= 0xC0 && c < 0x2000 && c % 97 == 0) || c == U'帮' || c == U'扶' ||
        c == 0x3400 || c == 0x9FFF || c == 0x33FF || c == 0xA000 || c == 0xF900)
      chars.push_back(c);
  }
  for (char32_t a : chars) {
    const std::uint8_t fa = detail::charInfo(a, doc::Face::Fang).flags;
    for (char32_t b : chars) {
      const std::uint8_t fb = detail::charInfo(b, doc::Face::Fang).flags;
      ASSERT_EQ(detail::mayBreakBetweenFlags(a, fa, b, fb), detail::mayBreakBetween(a, b))
          << std::hex << static_cast<unsigned>(a) << " " << static_cast<unsigned>(b);
    }
  }
}

std::string utf8Of(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

TEST(LayoutCharTable, StreamedOrphanTestAgreesWithTheFullBreakingOnRandomLists) {
  // Hanzi runs (filled in closed form by endsInOrphan) between the full-width marks
  // of Chinese tables. Every advance here is 1 em (280 twips at 四号) and the widths
  // are multiples of 7 twips (25/1000 em), so the integer and the floating-point
  // breaking must agree exactly. Not here: hanging marks beside brackets or closing
  // marks (，） 。。 （。) and a digit's autospace at the end, where the two models
  // already differed before the table (docs/performance-notes.md).
  const char32_t marks[] = {U'、', U'）', U'：', U'；', U'\u3000', U'…'};
  const char32_t hanzi[] = {U'帮', U'扶', U'村', U'镇', U'县', U'局', U'会', U'㐀', U'鿿'};
  std::mt19937 rng(16);
  for (int k = 0; k < 400; ++k) {
    std::u32string s;
    const int items = 1 + static_cast<int>(rng() % 12);
    for (int it = 0; it < items; ++it) {
      const int run = static_cast<int>(rng() % 14);
      for (int h = 0; h < run; ++h) s += hanzi[rng() % std::size(hanzi)];
      if (rng() % 3 != 0) s += marks[rng() % std::size(marks)];
    }
    const std::string text = utf8Of(s);
    const BreakableText t = prepareText(text, doc::Face::Fang, 28, false);
    for (int w = 280; w < 280 * 24; w += 7 * (1 + static_cast<int>(rng() % 5))) {
      ASSERT_EQ(endsInOrphan(text, doc::Face::Fang, 28, w), breakLines(t, w).orphan) << text << " at " << w;
    }
  }
}

TEST(LayoutCharTable, StreamedLineCountAgreesWithTheBufferedBreakingOnRandomTexts) {
  // breakText streams the greedy breaking; breakLines over prepareBreaks is the
  // reference. Every kind of character a cell holds: hanzi runs, hanging marks
  // beside brackets and closing marks (，） 。。 （。), autospaced digits and Latin
  // words, spaces, …… and ——, a compatibility ideograph, a plane-2 hanzi, a stray
  // byte; widths from under one character (overflow) to whole lines, fractional
  // and on the quarter em.
  const char* pieces[] = {"帮",   "扶",   "村",     "镇", "、", "，", "。", "．", "（",
                          "）",   "(",    ")",      "：", "；", "2",  "12", "个", "ab",
                          "Word", " ",    "\u3000", "…",  "—",  "“",  "”",  "豈", "\xF0\xA0\x80\x80",
                          "\xFF", "\x80", "%",      "《", "》", "-",  "·"};
  std::mt19937 rng(1616);
  BreakableText reference;
  int agreeing = 0;  // cases where endsInOrphan must give breakText's orphan
  for (int k = 0; k < 3000; ++k) {
    std::string text;
    const int count = static_cast<int>(rng() % 60);
    for (int c = 0; c < count; ++c) {
      if (rng() % 3 == 0) {
        for (int h = static_cast<int>(rng() % (rng() % 2 == 0 ? 8 : 60)); h > 0; --h) text += "扶";
      } else {
        text += pieces[rng() % std::size(pieces)];
      }
    }
    const int halfPoints = rng() % 2 == 0 ? 28 : 24;
    const auto face = static_cast<doc::Face>(rng() % 6);
    prepareBreaks(reference, text, face, halfPoints);
    for (int j = 0; j < 12; ++j) {
      const double w = j % 3 == 0   ? 1 + static_cast<double>(rng() % 400)
                       : j % 3 == 1 ? halfPoints * 2.5 * static_cast<double>(1 + rng() % 40)
                                    : static_cast<double>(rng() % 800000) / 97.0;
      std::vector<std::size_t> wantStarts;
      std::vector<std::size_t> gotStarts;
      const BreakResult want = breakLines(reference, w, &wantStarts);
      const BreakResult got = breakText(text, face, halfPoints, w, j % 2 == 0 ? &gotStarts : nullptr);
      if (j % 2 == 0) {
        ASSERT_EQ(gotStarts, wantStarts) << text << " at " << w;
        // Stopped after some lines: the same first starts.
        const std::size_t some = 1 + rng() % 6;
        std::vector<std::size_t> first;
        breakText(text, face, halfPoints, w, &first, some);
        const std::size_t n = std::min(some, wantStarts.size());
        ASSERT_GE(first.size(), n) << text << " at " << w;
        ASSERT_TRUE(std::equal(wantStarts.begin(), wantStarts.begin() + static_cast<std::ptrdiff_t>(n),
                               first.begin()))
            << text << " at " << w << " first " << some;
      }
      ASSERT_EQ(got.lines, want.lines) << text << " at " << w;
      ASSERT_EQ(got.orphan, want.orphan) << text << " at " << w;
      ASSERT_EQ(got.overflow, want.overflow) << text << " at " << w;
      if (!got.orphanTestMayDiffer) {
        ++agreeing;
        ASSERT_EQ(endsInOrphan(text, face, halfPoints, w), got.orphan) << text << " at " << w;
      }
    }
  }
  EXPECT_GT(agreeing, 3000 * 12 / 3);
}

TEST(LayoutCharTable, CellsMeasuredWithoutNarrowingAreNotNarrowedByTheWriters) {
  // cellLines' noNarrowing lets the DOCX writer skip paragraphNarrowing: it must
  // then be 0 for every paragraph of the cell. Cells of several paragraphs with
  // w:br pieces, of names, brackets and hanging marks, at widths around a few em.
  const char* pieces[] = {"帮扶", "村", "镇人民政府", "、", "，", "。", "（",
                          "）",   "2",  "个",         "\n", "：", "；", "…"};
  std::mt19937 rng(1617);
  int skipped = 0;
  for (int k = 0; k < 2000; ++k) {
    doc::Cell cell;
    const int paragraphs = 1 + static_cast<int>(rng() % 3);
    for (int p = 0; p < paragraphs; ++p) {
      std::string text;
      for (int c = static_cast<int>(rng() % 30); c > 0; --c) text += pieces[rng() % std::size(pieces)];
      cell.lines.push_back(doc::Paragraph::text(text));
    }
    const double w = 28 * 10 * (2 + static_cast<double>(rng() % 40) / 4);
    bool noNarrowing = false;
    cellLines(cell, false, 28, w, nullptr, &noNarrowing);
    if (!noNarrowing) continue;
    ++skipped;
    for (const auto& p : cell.lines)
      ASSERT_EQ(paragraphNarrowing(p, false, 28, w), 0) << p.plainText() << " at " << w;
  }
  EXPECT_GT(skipped, 2000 / 4);
}

}  // namespace
}  // namespace bangfu::layout
