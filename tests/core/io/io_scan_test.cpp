// The readers' byte scans (io::detail::firstInvalidUtf8, firstControlCharacter)
// against plain byte-by-byte statements of their rules, on random mixes of
// ASCII, hanzi, line breaks, control characters, C1 sequences and broken UTF-8.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "io/io_detail.hpp"

namespace {

using bangfu::io::detail::firstControlCharacter;
using bangfu::io::detail::firstInvalidUtf8;

std::size_t controlByRule(std::string_view s, bool allowLineBreaks) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 && !(allowLineBreaks && (c == '\t' || c == '\n' || c == '\r'))) return i;
    if (c == 0x7F) return i;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F) return i;
  }
  return std::string_view::npos;
}

/// RFC 3629: the first byte where a well-formed sequence does not start.
std::size_t invalidByRule(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80                 ? 1
                      : c >= 0xC2 && c <= 0xDF ? 2
                      : c >= 0xE0 && c <= 0xEF ? 3
                      : c >= 0xF0 && c <= 0xF4 ? 4
                                               : 0;
    if (len == 0 || i + len > s.size()) return i;
    char32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (b & 0x3F);
    }
    const char32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < least[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::string randomText(std::mt19937& rng, std::size_t pieces) {
  static const char* const kPieces[] = {"a",
                                        "12,",
                                        "县",
                                        "结对村：",
                                        "、",
                                        "\n",
                                        "\t",
                                        "\r",
                                        "\x01",
                                        "\x1F",
                                        "\x7F",
                                        "\xC2\x85",
                                        "\xC2\xA0",
                                        "\xC3\x97",
                                        "\xE0\xA4\x85",
                                        "\xED\x9F\xBF",
                                        "\xED\xA0\x80",
                                        "\xF0\x9F\x98\x80",
                                        "\xF4\x90\x80\x80",
                                        "\xE4\xB8",
                                        "\x80",
                                        "\xC0\xAF",
                                        "\xFF",
                                        "\xE0\x80\x80",
                                        "\xF0\x80\x80\x80"};
  std::string s;
  for (std::size_t i = 0; i < pieces; ++i) {
    // Mostly clean text, so the fast paths run and the odd bytes land anywhere in a word.
    const std::size_t k = rng() % 100 < 85 ? rng() % 5 : rng() % (sizeof kPieces / sizeof *kPieces);
    s += kPieces[k];
  }
  return s;
}

TEST(IoScan, ControlCharactersFoundWhereTheRuleFindsThem) {
  std::mt19937 rng(7);
  for (int t = 0; t < 20000; ++t) {
    const std::string s = randomText(rng, rng() % 40);
    for (bool allow : {false, true}) ASSERT_EQ(firstControlCharacter(s, allow), controlByRule(s, allow)) << t;
  }
}

TEST(IoScan, InvalidUtf8FoundWhereTheRuleFindsIt) {
  std::mt19937 rng(11);
  for (int t = 0; t < 20000; ++t) {
    const std::string s = randomText(rng, rng() % 40);
    ASSERT_EQ(firstInvalidUtf8(s), invalidByRule(s)) << t;
  }
}

}  // namespace
