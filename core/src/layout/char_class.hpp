#pragma once
/// What line breaking needs to know of one character, looked up in a table
/// instead of recomputed per character of every cell (docs/performance-notes.md "Width
/// measurement"): its advance in a face and its UAX #14 class as line_break.cpp
/// uses it (GB/T 15834-2011 5.1.1–5.1.3 and clreq "Prohibition rules for line start
/// and line end": docs/typesetting.md "Sources"). The predicates below are the rules;
/// the table is built from them, page by page on first use, and a test checks the
/// two agree on every code point.
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

#include "bangfu/doc/document.hpp"

namespace bangfu::layout::detail {

/// OP: no break after (opening brackets and quotes).
bool isOpening(char32_t c);
/// CL, NS, EX, IS: no break before (closing marks, pause and stop marks).
bool isClosing(char32_t c);
/// AL, NU and the marks inside a Latin word or number: runs that never break.
bool isWordChar(char32_t c);
/// w:autoSpaceDE/DN's Latin side: ASCII letters and digits.
bool isLatinOrDigit(char32_t c);
/// Marks LibreOffice 7.4 lets hang past the right edge rather than carry to the
/// next line (docs/typesetting.md "A LibreOffice finding"). Not 、: a 顿号 that does
/// not fit takes the character before it down (measured: 镇岩景/村、仑莲).
bool hangs(char32_t c);
/// The rule itself: may a line end between `before` and `after`.
bool mayBreakBetween(char32_t before, char32_t after);

enum CharFlag : std::uint8_t {
  kOpeningFlag = 1,
  kClosingFlag = 2,
  kWordCharFlag = 4,
  kLatinOrDigitFlag = 8,
  kIdeographFlag = 16,  ///< layout::isIdeograph (URO, Extension A, compatibility, SIP/TIP)
  kHangsFlag = 32,
  kSpaceFlag = 64,    ///< U+0020, U+3000: stays at the end of a line
  kDoubledFlag = 128  ///< … and —: never broken inside …… or ——
};

struct CharInfo {
  std::uint16_t milliEm;  ///< advanceMilliEm(c, face)
  std::uint8_t flags;
  /// faceHasGlyph(c, face) in tableCharInfo's entries; kUroHanziInfo (what charInfo
  /// gives for a hanzi) does not say: the face's ideograph bitmap does.
  std::uint8_t hasGlyph;
};

/// The table: per face, the BMP in pages of 256 code points, each built on first use.
inline constexpr std::size_t kPageBits = 8;
inline constexpr std::size_t kPageSize = std::size_t{1} << kPageBits;
inline constexpr std::size_t kPages = 0x10000 / kPageSize;  // the BMP; other planes are computed
inline constexpr std::size_t kFaceSlots = 6;                // doc::Face's values

struct FaceTable {
  std::array<std::atomic<bool>, kPages> built;
  std::array<std::array<CharInfo, kPageSize>, kPages> pages;
};

/// Zero-initialised static storage: a page's memory is touched only once it is built.
extern std::array<FaceTable, kFaceSlots> gFaceTables;

/// tableCharInfo where the page is not built yet, or `c` lies outside the table.
CharInfo tableCharInfoSlow(char32_t c, doc::Face face);

/// The table's entry for `c` in `face` (the first call for a 256-code-point page
/// builds that page; safe from several threads). Inline: the measuring loops call
/// it for every character that is not a hanzi.
inline CharInfo tableCharInfo(char32_t c, doc::Face face) {
  const auto slot = static_cast<std::size_t>(face);
  if (c < 0x10000 && slot < kFaceSlots) {
    const FaceTable& table = gFaceTables[slot];
    const std::size_t page = c >> kPageBits;
    if (table.built[page].load(std::memory_order_acquire)) return table.pages[page][c & (kPageSize - 1)];
  }
  return tableCharInfoSlow(c, face);
}

/// charInfo of a hanzi of U+3400..U+9FFF: the generator checked every one is 1 em.
inline constexpr CharInfo kUroHanziInfo{1000, kIdeographFlag, 1};

/// The entry for `c` in `face`; hanzi of the URO and Extension A without a look-up.
inline CharInfo charInfo(char32_t c, doc::Face face) {
  return (c >= 0x3400 && c <= 0x9FFF) ? kUroHanziInfo : tableCharInfo(c, face);
}

/// The entry built straight from the predicates, without the table.
CharInfo computeCharInfo(char32_t c, doc::Face face);

/// mayBreakBetween from the two characters' flags.
inline bool mayBreakBetweenFlags(char32_t before, std::uint8_t beforeFlags, char32_t after,
                                 std::uint8_t afterFlags) {
  if ((beforeFlags & kOpeningFlag) != 0 || (afterFlags & (kClosingFlag | kSpaceFlag)) != 0) return false;
  if (before == after && (afterFlags & kDoubledFlag) != 0) return false;
  return (beforeFlags & afterFlags & kWordCharFlag) == 0;
}

}  // namespace bangfu::layout::detail
