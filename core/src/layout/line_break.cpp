#include "bangfu/layout/line_break.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "bangfu/layout/measure.hpp"

namespace bangfu::layout {
namespace {

/// List separators of Chinese tables (GB/T 15834 4.5 顿号, 4.4 逗号, 4.6 分号) and
/// their ASCII look-alikes; a short name lies between two of them.
bool isSeparator(char32_t c) {
  return c == U'、' || c == U'，' || c == U'；' || c == U',' || c == U';' || c == U'：' || c == U':' ||
         c == U'/' || c == U'／' || c == U' ' || c == U'\u3000';
}

/// Marks LibreOffice 7.4 lets hang past the right edge rather than carry to the
/// next line (docs/typesetting.md "A LibreOffice finding"). Not 、: a 顿号 that does
/// not fit takes the character before it down (measured: 镇岩景/村、仑莲).
bool hangs(char32_t c) { return c == U'，' || c == U'。' || c == U'．'; }

/// A last line of one character, or of two ending in a closing mark, reads as a
/// stray. Our practice: neither GB/T 15834 nor the clreq text read this session
/// says it (docs/typesetting.md "Sources").
bool orphanLine(const std::u32string& t, std::size_t start) {
  const std::size_t n = t.size() - start;
  if (n == 1) return true;
  const char32_t last = t.back();
  return n == 2 && (last == U'）' || last == U'。' || last == U'、');
}

bool isLatinOrDigit(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z');
}

constexpr double kAutoSpaceEm = 0.25;

bool isOpen(char32_t c) { return c == U'（' || c == U'('; }
bool isClose(char32_t c) { return c == U'）' || c == U')'; }

icu::BreakIterator& icuWords() {
  thread_local std::unique_ptr<icu::BreakIterator> words = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU word break iterator unavailable");
    return it;
  }();
  return *words;
}

/// The UAX #14 classes that matter in Chinese tables, as a table per character
/// would be slow to build for every cell: GB/T 15834-2011 5.1.1–5.1.3 and clreq
/// "Prohibition rules for line start and line end" (docs/typesetting.md "Sources").
/// OP: no break after (opening brackets and quotes).
bool isOpening(char32_t c) {
  return c == U'（' || c == U'(' || c == U'[' || c == U'【' || c == U'「' || c == U'『' || c == U'《' ||
         c == U'〈' || c == U'“' || c == U'‘' || c == U'〔' || c == U'［' || c == U'｛';
}
/// CL, NS, EX, IS: no break before (closing marks, pause and stop marks).
bool isClosing(char32_t c) {
  switch (c) {
    case U'）':
    case U')':
    case U']':
    case U'】':
    case U'」':
    case U'』':
    case U'》':
    case U'〉':
    case U'”':
    case U'’':
    case U'〕':
    case U'］':
    case U'｝':
    case U'、':
    case U'，':
    case U'。':
    case U'：':
    case U'；':
    case U'？':
    case U'！':
    case U'．':
    case U',':
    case U'.':
    case U':':
    case U';':
    case U'?':
    case U'!':
    case U'%':
    case U'％':
    case U'‰':
    case U'·':
    case U'•':
    case U'々':
    case U'〜':
    case U'～':
      return true;
    default:
      return false;
  }
}
/// AL, NU and the marks inside a Latin word or number: runs that never break.
bool isWordChar(char32_t c) {
  return (c >= U'!' && c <= U'~' && !isOpening(c) && !isClosing(c)) || (c >= 0xC0 && c < 0x2000);
}

bool mayBreakBetween(char32_t before, char32_t after) {
  if (isOpening(before) || isClosing(after)) return false;
  if (after == U' ' || after == U'\u3000') return false;  // spaces stay at the line end
  if ((before == U'…' && after == U'…') || (before == U'—' && after == U'—')) return false;  // …… ——
  if (isWordChar(before) && isWordChar(after)) return false;
  if (isWordChar(before) && isClosing(after)) return false;
  return true;
}

/// Code-point positions of the boundaries `it` finds in `s` (UTF-16 inside ICU).
std::vector<unsigned char> boundaries(icu::BreakIterator& it, const icu::UnicodeString& s,
                                      const std::vector<std::size_t>& cpOfUnit, std::size_t n) {
  std::vector<unsigned char> at(n + 1, 0);
  it.setText(s);
  for (int32_t b = it.first(); b != icu::BreakIterator::DONE; b = it.next()) {
    const auto u = static_cast<std::size_t>(b);
    if (u < cpOfUnit.size()) at[cpOfUnit[u]] = 1;
  }
  at[n] = 1;
  return at;
}

}  // namespace

BreakableText prepareText(std::string_view utf8, doc::Face face, int halfPoints, bool header) {
  BreakableText t;
  t.text = decodeUtf8(utf8);
  const std::size_t n = t.text.size();
  t.advance.resize(n);
  const double emTwips = halfPoints * 10.0;
  for (std::size_t i = 0; i < n; ++i) {
    t.advance[i] = advanceMilliEm(t.text[i], face) * emTwips / 1000;
    // w:autoSpaceDE / w:autoSpaceDN (ECMA-376 17.3.1.2-3, on by default): a quarter
    // em between a hanzi and a Latin letter or digit. LibreOffice 7.4 sets it even
    // where the paragraph turns it off (measured 0.23 em in （2个）, docs/typesetting.md).
    if (i > 0 && isLatinOrDigit(t.text[i]) != isLatinOrDigit(t.text[i - 1]) &&
        (isIdeograph(t.text[i]) || isIdeograph(t.text[i - 1]))) {
      t.advance[i] += emTwips * kAutoSpaceEm;
    }
  }
  t.kind.assign(n, kNoBreak);
  if (n < 2) return t;

  for (std::size_t i = 1; i < n; ++i) {
    if (mayBreakBetween(t.text[i - 1], t.text[i])) t.kind[i] = kGoodBreak;
  }
  // Short names: every list item (or the whole text) of at most kShortNameChars.
  std::size_t itemStart = 0;
  for (std::size_t i = 0; i <= n; ++i) {
    if (i < n && !isSeparator(t.text[i])) continue;
    if (i - itemStart >= 2 && i - itemStart <= kShortNameChars) {
      for (std::size_t k = itemStart + 1; k < i; ++k) {
        if (t.kind[k] != kNoBreak) t.kind[k] |= kNameBreak;
      }
    }
    itemStart = i + 1;
  }
  // Short brackets: （2个）, （甲、乙）: no break after the opening mark up to the closing one.
  for (std::size_t i = 0; i < n; ++i) {
    if (!isOpen(t.text[i])) continue;
    std::size_t j = i + 1;
    while (j < n && !isClose(t.text[j]) && !isOpen(t.text[j])) ++j;
    if (j < n && isClose(t.text[j]) && j - i - 1 <= kProtectedBracketChars) {
      for (std::size_t k = i + 1; k <= j; ++k) {
        if (t.kind[k] != kNoBreak) t.kind[k] |= kBracketBreak;
      }
    }
  }
  if (header) {
    const icu::UnicodeString s = icu::UnicodeString::fromUTF32(
        reinterpret_cast<const UChar32*>(t.text.data()), static_cast<int32_t>(n));
    std::vector<std::size_t> cpOfUnit(static_cast<std::size_t>(s.length()) + 1, n);
    for (std::size_t i = 0, u = 0; i < n; ++i) {
      cpOfUnit[u] = i;
      u += t.text[i] > 0xFFFF ? 2 : 1;
    }
    const std::vector<unsigned char> word = boundaries(icuWords(), s, cpOfUnit, n);
    for (std::size_t i = 1; i < n; ++i) {
      if (t.kind[i] != kNoBreak && word[i] == 0) t.kind[i] |= kWordBreak;
    }
  }
  return t;
}

BreakResult breakLines(const BreakableText& t, double widthTwips, std::vector<std::size_t>* lineStarts) {
  BreakResult r;
  const std::size_t n = t.text.size();
  if (n == 0) return r;
  std::size_t start = 0;
  while (true) {
    if (lineStarts != nullptr) lineStarts->push_back(start);
    ++r.lines;
    double used = 0;
    std::size_t i = start;
    while (i < n && (i == start || used + t.advance[i] <= widthTwips)) used += t.advance[i++];
    if (i < n && hangs(t.text[i]) && t.kind[i] == kNoBreak) ++i;  // the mark hangs
    if (i >= n) break;
    std::size_t brk = i;
    while (brk > start && t.kind[brk] == kNoBreak) --brk;
    if (brk == start) {  // nothing breakable fits: the renderer cuts where the line is full
      r.overflow = true;
      brk = std::max(i, start + 1);
    } else {
      const unsigned char k = t.kind[brk];
      if ((k & kNameBreak) != 0) ++r.nameBreaks;
      if ((k & kBracketBreak) != 0) ++r.bracketBreaks;
      if ((k & kWordBreak) != 0) ++r.wordBreaks;
    }
    start = brk;
  }
  r.orphan = r.lines >= 2 && orphanLine(t.text, start);
  return r;
}

double minimumWidth(const BreakableText& t, bool whole) {
  double widest = 0;
  double piece = 0;
  for (std::size_t i = 0; i < t.text.size(); ++i) {
    if (i > 0 && (whole ? t.kind[i] == kGoodBreak : t.kind[i] != kNoBreak)) {
      widest = std::max(widest, piece);
      piece = 0;
    }
    piece += t.advance[i];
  }
  return std::max(widest, piece);
}

double naturalWidth(const BreakableText& t) {
  double w = 0;
  for (double a : t.advance) w += a;
  return w;
}

double orphanNarrowing(const std::vector<BreakableText>& segments, double widthTwips, int halfPoints) {
  auto anyOrphan = [&](double w) {
    for (const auto& s : segments) {
      const BreakResult r = breakLines(s, w);
      if (r.orphan || r.overflow) return true;
    }
    return false;
  };
  if (!anyOrphan(widthTwips)) return 0;
  const double em = halfPoints * 10.0;
  const double step = em / kNarrowingStepsPerEm;
  // The chosen width must also hold a little wider: LibreOffice fits up to about a
  // fifth of an em more on a line than these metrics say (it set 结对村：东春, 6 字,
  // in 5.92 em), and then the orphan would come back.
  const double tolerance = kNarrowingToleranceEm * em;
  for (double r = step; r <= kMaxNarrowingEm * em + 1e-9 && widthTwips - r >= kMinNarrowedEm * em;
       r += step) {
    if (!anyOrphan(widthTwips - r) && !anyOrphan(widthTwips - r + tolerance)) return r;
  }
  return 0;
}

namespace {

/// The greedy breaking of breakLines, streamed over the UTF-8 without building a
/// BreakableText, in integer 1/1000 em: only where the last line starts is tracked.
/// Returns whether the last line is an orphan; `lines` gets the number of lines.
bool streamedBreak(std::string_view utf8, doc::Face face, int halfPoints, double widthTwips, int& lines,
                   int maxLines = std::numeric_limits<int>::max()) {
  lines = 1;
  constexpr long long kMilli = 1000;
  const long long width = std::llround(widthTwips * kMilli / (halfPoints * 10.0));
  // No character is wider than 1¼ em with its autospace, and none is shorter than a byte.
  if (static_cast<long long>(utf8.size()) * (kMilli + kMilli / 4) <= width) return false;
  const long long autoSpace = static_cast<long long>(kAutoSpaceEm * kMilli);
  const auto n = static_cast<int32_t>(utf8.size());
  int32_t i = 0;
  char32_t prev = 0;
  bool prevLatin = false;
  bool prevIdeo = false;
  long long used = 0;
  long long sinceBreak = 0;
  std::size_t lineChars = 0;
  std::size_t charsSinceBreak = 0;
  bool wrapped = false;
  const auto* bytes = reinterpret_cast<const unsigned char*>(utf8.data());
  while (i < n) {
    char32_t cp;
    const unsigned char lead = bytes[i];
    if (lead >= 0xE3 && lead <= 0xE9 && i + 2 < n && (bytes[i + 1] & 0xC0) == 0x80 &&
        (bytes[i + 2] & 0xC0) == 0x80) {
      // Three-byte UTF-8 of U+3000..U+9FFF, nearly every character of a Chinese table.
      cp = (static_cast<char32_t>(lead & 0x0F) << 12) | (static_cast<char32_t>(bytes[i + 1] & 0x3F) << 6) |
           static_cast<char32_t>(bytes[i + 2] & 0x3F);
      i += 3;
    } else {
      UChar32 c;
      U8_NEXT(utf8.data(), i, n, c);
      cp = c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
    }
    const bool ideo = cp >= 0x3400 && cp <= 0x9FFF;
    const bool first = lineChars == 0 && !wrapped;
    long long adv = kMilli;
    bool latin = false;
    bool opportunity = !first;
    if (!ideo || !prevIdeo) {
      // Between two hanzi: 1 em, no autospace, a break allowed. Everything else here.
      latin = !ideo && isLatinOrDigit(cp);
      if (!ideo) adv = advanceMilliEm(cp, face);
      if (!first && latin != prevLatin && (ideo || prevIdeo || isIdeograph(cp) || isIdeograph(prev)))
        adv += autoSpace;
      opportunity = !first && mayBreakBetween(prev, cp);
    }
    if (opportunity) {
      sinceBreak = 0;
      charsSinceBreak = 0;
    }
    if (!first && used + adv > width && !(hangs(cp) && !opportunity)) {
      wrapped = true;
      if (++lines > maxLines) return false;
      if (opportunity || charsSinceBreak == lineChars) {
        used = 0;
        lineChars = 0;
        sinceBreak = 0;
        charsSinceBreak = 0;
      } else {
        used = sinceBreak;
        lineChars = charsSinceBreak;
      }
    }
    used += adv;
    sinceBreak += adv;
    ++lineChars;
    ++charsSinceBreak;
    prev = cp;
    prevLatin = latin;
    prevIdeo = ideo;
  }
  if (!wrapped) return false;
  return lineChars == 1 || (lineChars == 2 && (prev == U'）' || prev == U'。' || prev == U'、'));
}

}  // namespace

bool endsInOrphan(std::string_view utf8, doc::Face face, int halfPoints, double widthTwips) {
  int lines = 0;
  return streamedBreak(utf8, face, halfPoints, widthTwips, lines);
}

int streamedLineCount(std::string_view utf8, doc::Face face, int halfPoints, double widthTwips,
                      int maxLines) {
  int lines = 0;
  streamedBreak(utf8, face, halfPoints, widthTwips, lines, maxLines);
  return lines;
}

}  // namespace bangfu::layout
