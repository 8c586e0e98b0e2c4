// layout::anyNeedsFallback reads the common three-byte characters straight from the
// face's bitmap; here it is compared with needsFallback asked of every code point
// (ICU's U8_NEXT decoding), on random texts over U+2000–U+9FFF, CJK compatibility
// ideographs, supplementary characters, ASCII and broken UTF-8, in every face.
#include <gtest/gtest.h>
#include <unicode/utf8.h>

#include <random>
#include <string>

#include "bangfu/layout/measure.hpp"

namespace {

using bangfu::doc::Face;

bool anyByRule(std::string_view s, Face face) {
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c >= 0 && bangfu::layout::needsFallback(static_cast<char32_t>(c), face)) return true;
  }
  return false;
}

void appendUtf8(std::string& out, char32_t cp) {
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(buf, len, 4, static_cast<UChar32>(cp), error);
  ASSERT_FALSE(error);
  out.append(buf, static_cast<std::size_t>(len));
}

TEST(FallbackScan, FindsWhatNeedsFallbackFinds) {
  std::mt19937 rng(2012);
  std::uniform_int_distribution<int> kind(0, 9), length(0, 12);
  std::uniform_int_distribution<char32_t> hanzi(0x4E00, 0x9FFF), extA(0x3400, 0x4DBF), marks(0x2000, 0x33FF),
      compat(0xF900, 0xFAFF), wide(0xFF00, 0xFFEF), supplementary(0x20000, 0x2A6DF);
  const char* const broken[] = {"\xE4\xB8", "\xE4", "\x80", "\xED\xA0\x80", "\xF0\x9F", "\xC3", "\xE9\xBF"};
  int found = 0, none = 0;
  for (int round = 0; round < 30000; ++round) {
    std::string text;
    for (int k = length(rng); k > 0; --k) {
      switch (kind(rng)) {
        case 0:
          appendUtf8(text, extA(rng));
          break;
        case 1:
          appendUtf8(text, marks(rng));
          break;
        case 2:
          appendUtf8(text, compat(rng));
          break;
        case 3:
          appendUtf8(text, wide(rng));
          break;
        case 4:
          appendUtf8(text, supplementary(rng));
          break;
        case 5:
          text += broken[rng() % std::size(broken)];
          break;
        case 6:
          text += "a1 ";
          break;
        default:
          // Mostly common hanzi, which every face has: the scan must read to the end.
          appendUtf8(text, round % 4 == 0 ? hanzi(rng) : char32_t{0x5E2E});
          break;
      }
    }
    for (const Face face : {Face::Inherit, Face::Fang, Face::Hei, Face::Kai, Face::Song, Face::Title}) {
      const bool expected = anyByRule(text, face);
      ASSERT_EQ(bangfu::layout::anyNeedsFallback(text, face), expected)
          << text << " face " << static_cast<int>(face);
      ++(expected ? found : none);
    }
  }
  EXPECT_GT(found, 1000);
  EXPECT_GT(none, 1000);
}

}  // namespace
