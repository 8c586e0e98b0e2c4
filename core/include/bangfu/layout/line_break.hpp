#pragma once
/// Line breaking of table cells as LibreOffice and Word set them: break
/// opportunities from the UAX #14 classes that occur in Chinese tables (ID, OP, CL,
/// NS, AL, NU: the 避头尾 of GB/T 15834-2011 5.1.1–5.1.3 and of the W3C "Requirements
/// for Chinese Text Layout", "Prohibition rules for line start and line end" (basic
/// level; docs/typesetting.md "Sources") — no line starts with ）、，。：；, none ends
/// with （), lines filled
/// greedily at the measured advances, with ，。 allowed to hang past the edge as
/// LibreOffice does.
///
/// On top of that model each break is judged, so the column-width solver can
/// choose widths whose greedy breaks are good ones (docs/typesetting.md
/// "Column widths"):
///  - an orphan: the last line holds one character, or two ending in ）。、;
///  - a broken short name: a break inside a 、/，/；-list item (or the whole text)
///    of at most kShortNameChars characters;
///  - a split multiplicity or bracket: a break inside （2个） or any （…） of at most
///    kProtectedBracketChars characters;
///  - in a header, a break that is not between two words (ICU's dictionary words).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bangfu/doc/document.hpp"

namespace bangfu::layout {

/// Names and list items up to this length are short names (村, 镇, units, people).
inline constexpr std::size_t kShortNameChars = 8;
/// A bracket of at most this many characters inside (（2个）, （甲、乙）) is kept whole.
inline constexpr std::size_t kProtectedBracketChars = 6;

/// One paragraph prepared for breaking at any width.
struct BreakableText {
  std::u32string text;
  std::vector<double> advance;      ///< twips of each character
  std::vector<unsigned char> kind;  ///< before character i: see BreakKind
};

enum BreakKind : unsigned char {
  kNoBreak = 0,       ///< ICU forbids a break here (or i = 0)
  kGoodBreak = 1,     ///< an opportunity that splits nothing
  kNameBreak = 2,     ///< splits a short name
  kBracketBreak = 4,  ///< splits a short bracket
  kWordBreak = 8,     ///< (headers) splits a word
};

/// `header`: the text heads a column and may break only between words.
BreakableText prepareText(std::string_view utf8, doc::Face face, int halfPoints, bool header);

struct BreakResult {
  int lines = 0;
  bool orphan = false;
  int nameBreaks = 0;
  int bracketBreaks = 0;
  int wordBreaks = 0;
  bool overflow = false;  ///< a piece wider than the line had to be cut anywhere
  /// (breakText) endsInOrphan's model may set the text otherwise: some line
  /// filled to within 1/1000 em of the width (its integer sums may fit what these
  /// do not), a hanging mark was followed by a character no break may precede (it
  /// lets both hang), or overflow. When false endsInOrphan gives `orphan` (the
  /// layout tests check this on random texts).
  bool orphanTestMayDiffer = false;
};

/// The greedy breaking of `t` in a line `widthTwips` wide.
BreakResult breakLines(const BreakableText& t, double widthTwips,
                       std::vector<std::size_t>* lineStarts = nullptr);

/// The part of prepareText that breakLines' line starts, lines, orphan and overflow
/// depend on, into `t`, reusing its storage: text, advances and kGoodBreak where a
/// break may fall. The flaw marks prepareText adds only ever mark a kGoodBreak, so
/// they move no break; breakLines counts no flaws on this text.
void prepareBreaks(BreakableText& t, std::string_view utf8, doc::Face face, int halfPoints);

/// breakLines(prepareText(utf8, face, halfPoints, any), widthTwips, lineStarts)'s
/// lines, orphan, overflow and line starts (code points), counted in one pass over
/// the UTF-8 without building a BreakableText; its flaw counts (nameBreaks,
/// bracketBreaks, wordBreaks) are not counted: 0. With `maxLineStarts` it stops
/// once `lineStarts` holds that many: those are breakLines' first ones (one more
/// may follow), and the counts are then of the text read so far.
BreakResult breakText(std::string_view utf8, doc::Face face, int halfPoints, double widthTwips,
                      std::vector<std::size_t>* lineStarts = nullptr,
                      std::size_t maxLineStarts = static_cast<std::size_t>(-1));

/// The width below which some piece no longer fits a line: with `whole`, the
/// pieces between good breaks (short names, short brackets and header words
/// whole); without, the pieces ICU cannot break.
double minimumWidth(const BreakableText& t, bool whole);

/// breakLines(prepareText(utf8 …), width).orphan without building the text: the
/// quick test the writers run on every cell paragraph.
bool endsInOrphan(std::string_view utf8, doc::Face face, int halfPoints, double widthTwips);

/// Whether `utf8` provably fits on one line `widthTwips` wide, from an upper
/// bound of its width read without breaking (every advance, and a quarter em of
/// autospace either side of each Latin letter or digit). When true, breakLines
/// sets it on 1 line (no orphan, no overflow) and endsInOrphan is false; a false
/// says nothing. It stops reading once the bound passes the width.
bool fitsOnOneLine(std::string_view utf8, doc::Face face, int halfPoints, double widthTwips);

/// The width of the whole text on one line.
double naturalWidth(const BreakableText& t);

/// How a typesetter removes an orphan without touching the text: the paragraph is
/// set a little narrower (w:ind on both sides), so one more character goes down to
/// the last line. Tried in quarter-em steps up to kMaxNarrowingEm; the line never
/// gets narrower than kMinNarrowedEm.
inline constexpr int kNarrowingStepsPerEm = 4;
inline constexpr double kMaxNarrowingEm = 3;
inline constexpr double kMinNarrowedEm = 2;
inline constexpr double kNarrowingToleranceEm = 0.2;

/// The narrowing in twips (both sides together) after which none of `segments`
/// (the pieces of one paragraph between w:br) ends in an orphan at `widthTwips`;
/// 0 when none is needed or none helps.
double orphanNarrowing(const std::vector<BreakableText>& segments, double widthTwips, int halfPoints);

}  // namespace bangfu::layout
