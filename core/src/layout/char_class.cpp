#include "layout/char_class.hpp"

#include <array>
#include <atomic>
#include <mutex>

#include "bangfu/layout/measure.hpp"

namespace bangfu::layout::detail {

bool isOpening(char32_t c) {
  return c == U'（' || c == U'(' || c == U'[' || c == U'【' || c == U'「' || c == U'『' || c == U'《' ||
         c == U'〈' || c == U'“' || c == U'‘' || c == U'〔' || c == U'［' || c == U'｛';
}

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

bool isWordChar(char32_t c) {
  return (c >= U'!' && c <= U'~' && !isOpening(c) && !isClosing(c)) || (c >= 0xC0 && c < 0x2000);
}

bool isLatinOrDigit(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z');
}

bool hangs(char32_t c) { return c == U'，' || c == U'。' || c == U'．'; }

bool mayBreakBetween(char32_t before, char32_t after) {
  if (isOpening(before) || isClosing(after)) return false;
  if (after == U' ' || after == U'\u3000') return false;  // spaces stay at the line end
  if ((before == U'…' && after == U'…') || (before == U'—' && after == U'—')) return false;  // …… ——
  if (isWordChar(before) && isWordChar(after)) return false;
  if (isWordChar(before) && isClosing(after)) return false;
  return true;
}

CharInfo computeCharInfo(char32_t c, doc::Face face) {
  unsigned flags = 0;
  if (isOpening(c)) flags |= kOpeningFlag;
  if (isClosing(c)) flags |= kClosingFlag;
  if (isWordChar(c)) flags |= kWordCharFlag;
  if (isLatinOrDigit(c)) flags |= kLatinOrDigitFlag;
  if (isIdeograph(c)) flags |= kIdeographFlag;
  if (hangs(c)) flags |= kHangsFlag;
  if (c == U' ' || c == U'\u3000') flags |= kSpaceFlag;
  if (c == U'…' || c == U'—') flags |= kDoubledFlag;
  return CharInfo{static_cast<std::uint16_t>(advanceMilliEm(c, face)), static_cast<std::uint8_t>(flags),
                  static_cast<std::uint8_t>(faceHasGlyph(c, face) ? 1 : 0)};
}

// Zero-initialised static storage (see FaceTable).
std::array<FaceTable, kFaceSlots> gFaceTables;

namespace {
std::mutex gBuilding;
}  // namespace

CharInfo tableCharInfoSlow(char32_t c, doc::Face face) {
  if (c >= 0x10000) return computeCharInfo(c, face);
  const auto slot = static_cast<std::size_t>(face);
  if (slot >= kFaceSlots) return computeCharInfo(c, face);
  FaceTable& table = gFaceTables[slot];
  const std::size_t page = c >> kPageBits;
  if (!table.built[page].load(std::memory_order_acquire)) {
    const std::lock_guard<std::mutex> lock(gBuilding);
    if (!table.built[page].load(std::memory_order_relaxed)) {
      for (std::size_t k = 0; k < kPageSize; ++k)
        table.pages[page][k] = computeCharInfo(static_cast<char32_t>(page * kPageSize + k), face);
      table.built[page].store(true, std::memory_order_release);
    }
  }
  return table.pages[page][c & (kPageSize - 1)];
}

}  // namespace bangfu::layout::detail
