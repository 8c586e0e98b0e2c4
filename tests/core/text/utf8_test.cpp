#include "bangfu/text/utf8.hpp"

#include <gtest/gtest.h>
#include <unicode/utf8.h>

#include <string>

using bangfu::text::appendUtf8;

// Every scalar value against ICU's encoder (U8_APPEND_UNSAFE): the one encoder
// the JSON and XLSX readers and the text area share must agree with ICU everywhere.
TEST(AppendUtf8Test, AgreesWithIcuOnEveryScalarValue) {
  std::size_t mismatches = 0;
  char32_t firstMismatch = 0;
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string ours;
    appendUtf8(ours, c);
    char icu[4];
    int32_t n = 0;
    U8_APPEND_UNSAFE(icu, n, static_cast<UChar32>(c));
    if (ours != std::string(icu, static_cast<std::size_t>(n)) && mismatches++ == 0) firstMismatch = c;
  }
  EXPECT_EQ(mismatches, 0u) << "first at U+" << std::hex << static_cast<unsigned>(firstMismatch);
}

TEST(AppendUtf8Test, BoundariesOfEachLength) {
  std::string s;
  appendUtf8(s, 0x7F);
  appendUtf8(s, 0x80);
  appendUtf8(s, 0x7FF);
  appendUtf8(s, 0x800);
  appendUtf8(s, 0xFFFF);
  appendUtf8(s, 0x10000);
  appendUtf8(s, 0x10FFFF);
  EXPECT_EQ(s, "\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF");
}

TEST(AppendUtf8Test, NulIsKeptAsOneByte) {
  std::string s = "a";
  appendUtf8(s, 0);
  s += 'b';
  EXPECT_EQ(s, std::string("a\0b", 3));
}

// A lone surrogate (a JSON \uD800 or an XLSX _xD800_ without its pair) or a value
// past U+10FFFF has no UTF-8 form: U+FFFD, so no reader produces invalid UTF-8.
TEST(AppendUtf8Test, SurrogatesAndValuesPastTheRangeBecomeTheReplacementCharacter) {
  for (char32_t c : {char32_t{0xD800}, char32_t{0xDBFF}, char32_t{0xDC00}, char32_t{0xDFFF},
                     char32_t{0x110000}, char32_t{0xFFFFFFFF}}) {
    std::string s;
    appendUtf8(s, c);
    EXPECT_EQ(s, "\xEF\xBF\xBD") << std::hex << static_cast<unsigned>(c);
  }
}
