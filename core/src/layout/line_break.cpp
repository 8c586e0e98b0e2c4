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
#include "layout/char_class.hpp"

namespace bangfu::layout {
namespace {

using detail::CharInfo;
using detail::charInfo;
using detail::hangs;
using detail::mayBreakBetweenFlags;

/// List separators of Chinese tables (GB/T 15834 4.5 顿号, 4.4 逗号, 4.6 分号) and
/// their ASCII look-alikes; a short name lies between two of them.
/// The code point at `i` of `utf8`, advancing `i` past it (U+FFFD for a bad
/// sequence). ASCII and the three-byte forms of U+1000..U+CFFF, nearly every
/// character of a Chinese table, are decoded inline; the rest goes through ICU.
inline char32_t nextCodePoint(std::string_view utf8, int32_t& i) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(utf8.data());
  const auto n = static_cast<int32_t>(utf8.size());
  const unsigned char lead = bytes[i];
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  if (lead >= 0xE1 && lead <= 0xEC && i + 2 < n && (bytes[i + 1] & 0xC0) == 0x80 &&
      (bytes[i + 2] & 0xC0) == 0x80) {
    const char32_t cp = (static_cast<char32_t>(lead & 0x0F) << 12) |
                        (static_cast<char32_t>(bytes[i + 1] & 0x3F) << 6) |
                        static_cast<char32_t>(bytes[i + 2] & 0x3F);
    i += 3;
    return cp;
  }
  UChar32 c;
  U8_NEXT(utf8.data(), i, n, c);
  return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

/// Whether the three bytes at `b` are the UTF-8 of a hanzi of U+3400..U+9FFF.
bool isUroHanzi(const unsigned char* b) {
  const unsigned lead = b[0] - 0xE3U;  // E3..E9: U+3000..U+9FFF
  if (lead > 6 || ((b[1] & 0xC0U) | ((b[2] & 0xC0U) << 8)) != 0x8080U) return false;
  return lead != 0 || b[1] >= 0x90;
}

bool isSeparator(char32_t c) {
  return c == U'、' || c == U'，' || c == U'；' || c == U',' || c == U';' || c == U'：' || c == U':' ||
         c == U'/' || c == U'／' || c == U' ' || c == U'\u3000';
}

/// A last line of one character, or of two ending in a closing mark, reads as a
/// stray. Our practice: neither GB/T 15834 nor the clreq text read this session
/// says it (docs/typesetting.md "Sources").
bool orphanLine(const std::u32string& t, std::size_t start) {
  const std::size_t n = t.size() - start;
  if (n == 1) return true;
  const char32_t last = t.back();
  return n == 2 && (last == U'）' || last == U'。' || last == U'、');
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

void prepareBreaks(BreakableText& t, std::string_view utf8, doc::Face face, int halfPoints) {
  // Decoded as decodeUtf8 does, in the same pass, written through pointers into
  // buffers sized by the lead bytes (valid UTF-8 has one per character; resizing
  // them to the byte count filled three times what is used, most of the cost of
  // measuring a long table: docs/performance-notes.md). A stray continuation byte
  // decodes to its own U+FFFD: then they grow.
  std::size_t size = 0;
  for (const char c : utf8) size += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  t.text.resize(size);
  t.advance.resize(size);
  t.kind.resize(size);
  char32_t* text = t.text.data();
  double* advance = t.advance.data();
  unsigned char* kind = t.kind.data();
  const double emTwips = halfPoints * 10.0;
  const double hanziTwips = detail::kUroHanziInfo.milliEm * emTwips / 1000;
  const auto n = static_cast<int32_t>(utf8.size());
  std::size_t k = 0;
  std::uint8_t prevFlags = 0;
  int32_t i = 0;
  while (i < n) {
    const char32_t cp = nextCodePoint(utf8, i);
    if (k == size) {
      size = utf8.size();  // at most one character per byte
      t.text.resize(size);
      t.advance.resize(size);
      t.kind.resize(size);
      text = t.text.data();
      advance = t.advance.data();
      kind = t.kind.data();
    }
    text[k] = cp;
    CharInfo ci = detail::kUroHanziInfo;
    double adv = hanziTwips;
    if (cp < 0x3400 || cp > 0x9FFF) {
      ci = detail::tableCharInfo(cp, face);
      adv = ci.milliEm * emTwips / 1000;
    }
    kind[k] = kNoBreak;
    if (k > 0) {
      // w:autoSpaceDE / w:autoSpaceDN (ECMA-376 17.3.1.2-3, on by default): a quarter
      // em between a hanzi and a Latin letter or digit. LibreOffice 7.4 sets it even
      // where the paragraph turns it off (measured 0.23 em in （2个）, docs/typesetting.md).
      if (((ci.flags ^ prevFlags) & detail::kLatinOrDigitFlag) != 0 &&
          ((ci.flags | prevFlags) & detail::kIdeographFlag) != 0) {
        adv += emTwips * kAutoSpaceEm;
      }
      if (mayBreakBetweenFlags(text[k - 1], prevFlags, cp, ci.flags)) kind[k] = kGoodBreak;
    }
    advance[k] = adv;
    prevFlags = ci.flags;
    ++k;
  }
  t.text.resize(k);
  t.advance.resize(k);
  t.kind.resize(k);
}

BreakableText prepareText(std::string_view utf8, doc::Face face, int halfPoints, bool header) {
  BreakableText t;
  prepareBreaks(t, utf8, face, halfPoints);
  const std::size_t n = t.text.size();
  if (n < 2) return t;

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

namespace {

/// breakLines' greedy filling, fed one character at a time (its advance in twips,
/// whether a break may fall before it, whether it may hang), in the same floating
/// point sums: a line restarted at its last break opportunity holds the advances
/// from there on, added in the order breakLines adds them when it scans the line
/// again, so every comparison with the width is the one breakLines makes.
class GreedyLines {
 public:
  /// `lineStarts`, if given, gets where each line starts, as breakLines gives them;
  /// `nearTwips`: how close to the width a fill counts as near it (BreakResult::orphanTestMayDiffer).
  /// `maxStarts`: stop (done()) once lineStarts holds that many.
  GreedyLines(double widthTwips, double nearTwips, std::vector<std::size_t>* lineStarts,
              std::size_t maxStarts)
      : width_(widthTwips),
        nearBelow_(widthTwips - nearTwips),
        nearAbove_(widthTwips + nearTwips),
        starts_(lineStarts),
        maxStarts_(maxStarts) {}

  bool done() const { return done_; }

  void add(char32_t cp, double adv, bool opportunity, bool mayHang) {
    place(cp, adv, opportunity, mayHang);
    ++pos_;
  }

  /// `count` hanzi of U+3400..U+9FFF after a hanzi, the last `cp`: each `adv`
  /// wide, an opportunity before each, none of them hangs: place() for each, in
  /// a loop over locals.
  void addHanziRunAfterHanzi(std::size_t count, char32_t cp, double adv) {
    if (pending_) {
      place(cp, adv, true, false);
      ++pos_;
      --count;
    }
    if (count == 0) return;
    last_ = cp;
    double used = used_;
    std::size_t chars = lineChars_;
    bool started = false;  // the last hanzi starts a line
    bool near = false;
    for (std::size_t j = 0; j < count; ++j) {
      const double fill = used + adv;
      started = false;
      if (fill > nearBelow_) {
        near = near || fill < nearAbove_;
        started = !(fill <= width_);
      }
      if (started) {
        ++result_.lines;
        if (starts_ != nullptr) {
          starts_->push_back(pos_ + j);
          if (starts_->size() >= maxStarts_) {
            done_ = true;
            return;
          }
        }
        used = adv;
        chars = 1;
      } else {
        used += adv;
        ++chars;
      }
    }
    if (near) result_.orphanTestMayDiffer = true;
    pos_ += count;
    used_ = used;
    lineChars_ = chars;
    haveBreak_ = !started;
    breakPos_ = pos_ - 1;
    sinceBreak_ = adv;
    charsSinceBreak_ = 1;
  }

  BreakResult finish() {
    if (result_.overflow) result_.orphanTestMayDiffer = true;
    if (result_.lines >= 2) {
      const std::size_t n = lineChars_ + (pending_ ? 1 : 0);
      result_.orphan = n == 1 || (n == 2 && (last_ == U'）' || last_ == U'。' || last_ == U'、'));
    }
    return result_;
  }

 private:
  void place(char32_t cp, double adv, bool opportunity, bool mayHang) {
    if (result_.lines == 0) {
      startLine(adv);
      last_ = cp;
      return;
    }
    if (pending_) {
      // The mark before this character hung past the edge; the line ends at the
      // last opportunity up to and including this character.
      pending_ = false;
      if (!opportunity) result_.orphanTestMayDiffer = true;
      if (opportunity || !haveBreak_) {
        result_.overflow = result_.overflow || !opportunity;
        startLine(adv);
        last_ = cp;
        return;
      }
      // Again from the last opportunity: what followed it fitted, the mark is tried
      // again, then this character as any other.
      startLineAtBreak();
      if (!fits(markSinceBreak_ + markAdv_)) {
        // The mark hangs again and nothing breakable lies after the opportunity.
        result_.overflow = true;
        startLine(adv);
        last_ = cp;
        return;
      }
      used_ = markSinceBreak_ + markAdv_;
      lineChars_ = markCharsSinceBreak_ + 1;
    }
    last_ = cp;
    while (true) {
      if (fits(used_ + adv)) {
        used_ += adv;
        ++lineChars_;
        if (opportunity) {
          haveBreak_ = true;
          breakPos_ = pos_;
          sinceBreak_ = adv;
          charsSinceBreak_ = 1;
        } else if (haveBreak_) {
          sinceBreak_ += adv;
          ++charsSinceBreak_;
        }
        return;
      }
      if (mayHang && !opportunity) {  // the mark hangs; where the line ends waits for the next character
        pending_ = true;
        markAdv_ = adv;
        markSinceBreak_ = sinceBreak_;
        markCharsSinceBreak_ = charsSinceBreak_;
        return;
      }
      if (opportunity || !haveBreak_) {
        result_.overflow = result_.overflow || !opportunity;
        startLine(adv);
        return;
      }
      // The line ends at its last opportunity; this character is tried on the next.
      startLineAtBreak();
      used_ = sinceBreak_;
      lineChars_ = charsSinceBreak_;
    }
  }

  /// Whether a line filled to `twips` fits, as breakLines compares; nearly
  /// every fill is well below the width, and one comparison says so.
  bool fits(double twips) {
    if (twips <= nearBelow_) return true;
    if (twips < nearAbove_) result_.orphanTestMayDiffer = true;
    return twips <= width_;
  }

  /// A line starting with the character at pos_.
  void startLine(double adv) {
    ++result_.lines;
    pushStart(pos_);
    used_ = adv;
    lineChars_ = 1;
    haveBreak_ = false;
  }

  /// A line starting at the last opportunity.
  void startLineAtBreak() {
    ++result_.lines;
    pushStart(breakPos_);
    haveBreak_ = false;
  }

  void pushStart(std::size_t at) {
    if (starts_ == nullptr) return;
    starts_->push_back(at);
    done_ = done_ || starts_->size() >= maxStarts_;
  }

  double width_;
  double nearBelow_;  ///< fills up to here fit, and are not near the width
  double nearAbove_;
  std::vector<std::size_t>* starts_;
  std::size_t maxStarts_;
  bool done_ = false;
  std::size_t pos_ = 0;       ///< code points added before the one being placed
  std::size_t breakPos_ = 0;  ///< where the last opportunity lies
  BreakResult result_;
  double used_ = 0;
  std::size_t lineChars_ = 0;
  bool haveBreak_ = false;  ///< an opportunity after the line's first character
  double sinceBreak_ = 0;   ///< advances from the last opportunity on
  std::size_t charsSinceBreak_ = 0;
  bool pending_ = false;  ///< a mark hangs past the edge
  double markAdv_ = 0;
  double markSinceBreak_ = 0;
  std::size_t markCharsSinceBreak_ = 0;
  char32_t last_ = 0;
};

}  // namespace

BreakResult breakText(std::string_view utf8, doc::Face face, int halfPoints, double widthTwips,
                      std::vector<std::size_t>* lineStarts, std::size_t maxLineStarts) {
  // prepareBreaks' characters, advances and opportunities, computed as it does
  // (the same expressions), streamed into breakLines' filling: no buffer is
  // written (measuring every cell of a long table: docs/performance-notes.md).
  const double emTwips = halfPoints * 10.0;
  GreedyLines lines(widthTwips, emTwips / 1000, lineStarts, maxLineStarts);
  const double hanziTwips = detail::kUroHanziInfo.milliEm * emTwips / 1000;
  const auto n = static_cast<int32_t>(utf8.size());
  const auto* bytes = reinterpret_cast<const unsigned char*>(utf8.data());
  bool first = true;
  char32_t prev = 0;
  std::uint8_t prevFlags = 0;
  int32_t i = 0;
  while (i < n) {
    if (prevFlags == detail::kUroHanziInfo.flags && !first) {
      // Hanzi after a hanzi: 1 em, no autospace, a break allowed before each.
      std::size_t run = 0;
      while (i + 2 < n && isUroHanzi(bytes + i)) {
        i += 3;
        ++run;
      }
      if (run > 0) {
        prev = (static_cast<char32_t>(bytes[i - 3] & 0x0F) << 12) |
               (static_cast<char32_t>(bytes[i - 2] & 0x3F) << 6) | static_cast<char32_t>(bytes[i - 1] & 0x3F);
        lines.addHanziRunAfterHanzi(run, prev, hanziTwips);
      }
      if (i >= n || lines.done()) break;
    }
    const char32_t cp = nextCodePoint(utf8, i);
    CharInfo ci = detail::kUroHanziInfo;
    double adv = hanziTwips;
    if (cp < 0x3400 || cp > 0x9FFF) {
      ci = detail::tableCharInfo(cp, face);
      adv = ci.milliEm * emTwips / 1000;
    }
    bool opportunity = false;
    if (!first) {
      if (((ci.flags ^ prevFlags) & detail::kLatinOrDigitFlag) != 0 &&
          ((ci.flags | prevFlags) & detail::kIdeographFlag) != 0) {
        adv += emTwips * kAutoSpaceEm;
      }
      opportunity = mayBreakBetweenFlags(prev, prevFlags, cp, ci.flags);
    }
    lines.add(cp, adv, opportunity, (ci.flags & detail::kHangsFlag) != 0);
    if (lines.done()) break;
    first = false;
    prev = cp;
    prevFlags = ci.flags;
  }
  return lines.finish();
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

bool fitsOnOneLine(std::string_view utf8, doc::Face face, int halfPoints, double widthTwips) {
  constexpr long long kMilli = 1000;
  // breakLines adds advances in twips as doubles; a hundredth of a twip covers
  // their rounding, and endsInOrphan's rounding of the width to 1/1000 em.
  constexpr double kRoundingTwips = 0.01;
  const double limit = (widthTwips - kRoundingTwips) * kMilli / (halfPoints * 10.0);
  if (limit < 0) return false;
  // Autospace falls between a Latin letter or digit and a hanzi: at most twice per letter.
  const auto autoSpaceBoth = static_cast<long long>(2 * kAutoSpaceEm * kMilli);
  long long bound = 0;
  const auto n = static_cast<int32_t>(utf8.size());
  const auto* bytes = reinterpret_cast<const unsigned char*>(utf8.data());
  int32_t i = 0;
  while (i < n) {
    if (i + 2 < n && isUroHanzi(bytes + i)) {
      bound += kMilli;
      i += 3;
    } else {
      UChar32 c;
      U8_NEXT(utf8.data(), i, n, c);
      const CharInfo ci = charInfo(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c), face);
      bound += ci.milliEm;
      if ((ci.flags & detail::kLatinOrDigitFlag) != 0) bound += autoSpaceBoth;
    }
    if (static_cast<double>(bound) > limit) return false;
  }
  return true;
}

bool endsInOrphan(std::string_view utf8, doc::Face face, int halfPoints, double widthTwips) {
  // The greedy breaking of breakLines, streamed over the UTF-8 without building a
  // BreakableText, in integer 1/1000 em: only where the last line starts is tracked.
  constexpr long long kMilli = 1000;
  const long long width = std::llround(widthTwips * kMilli / (halfPoints * 10.0));
  // No character is wider than 1¼ em with its autospace, and none is shorter than a byte.
  if (static_cast<long long>(utf8.size()) * (kMilli + kMilli / 4) <= width) return false;
  const long long autoSpace = static_cast<long long>(kAutoSpaceEm * kMilli);
  const auto n = static_cast<int32_t>(utf8.size());
  int32_t i = 0;
  char32_t prev = 0;
  std::uint8_t prevFlags = 0;
  bool prevIdeo = false;
  long long used = 0;
  long long sinceBreak = 0;
  std::size_t lineChars = 0;
  std::size_t charsSinceBreak = 0;
  bool wrapped = false;
  const auto* bytes = reinterpret_cast<const unsigned char*>(utf8.data());
  while (i < n) {
    if (prevIdeo) {
      // A run of hanzi after a hanzi: each 1 em, no autospace, a break allowed
      // before each, so the lines fill in closed form (the loop below, one at a time,
      // gives the same state).
      long long run = 0;
      int32_t j = i;
      while (j + 2 < n && isUroHanzi(bytes + j)) {
        j += 3;
        ++run;
      }
      if (run > 0) {
        prev = (static_cast<char32_t>(bytes[j - 3] & 0x0F) << 12) |
               (static_cast<char32_t>(bytes[j - 2] & 0x3F) << 6) | static_cast<char32_t>(bytes[j - 1] & 0x3F);
        i = j;
        const long long room = used <= width ? (width - used) / kMilli : 0;
        if (run <= room) {
          used += run * kMilli;
          lineChars += static_cast<std::size_t>(run);
        } else {  // full lines of hanzi, then the last one
          const long long perLine = std::max<long long>(1, width / kMilli);
          const long long last = (run - room - 1) % perLine + 1;
          wrapped = true;
          used = last * kMilli;
          lineChars = static_cast<std::size_t>(last);
        }
        sinceBreak = kMilli;
        charsSinceBreak = 1;
        continue;
      }
    }
    const char32_t cp = nextCodePoint(utf8, i);
    const bool ideo = cp >= 0x3400 && cp <= 0x9FFF;
    const bool first = lineChars == 0 && !wrapped;
    long long adv = kMilli;
    std::uint8_t flags = detail::kIdeographFlag;
    bool opportunity = !first;
    if (!ideo || !prevIdeo) {
      // Between two hanzi: 1 em, no autospace, a break allowed. Everything else here.
      if (!ideo) {
        const CharInfo ci = charInfo(cp, face);
        flags = ci.flags;
        adv = ci.milliEm;
      }
      if (!first && ((flags ^ prevFlags) & detail::kLatinOrDigitFlag) != 0 &&
          ((flags | prevFlags) & detail::kIdeographFlag) != 0)
        adv += autoSpace;
      opportunity = !first && mayBreakBetweenFlags(prev, prevFlags, cp, flags);
    }
    if (opportunity) {
      sinceBreak = 0;
      charsSinceBreak = 0;
    }
    if (!first && used + adv > width && !((flags & detail::kHangsFlag) != 0 && !opportunity)) {
      wrapped = true;
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
    prevFlags = flags;
    prevIdeo = ideo;
  }
  if (!wrapped) return false;
  return lineChars == 1 || (lineChars == 2 && (prev == U'）' || prev == U'。' || prev == U'、'));
}

}  // namespace bangfu::layout
