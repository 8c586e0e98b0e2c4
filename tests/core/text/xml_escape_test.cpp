// text::appendXmlEscaped skips eight bytes at a time; here it is compared with a
// byte-by-byte statement of its rule on random mixes of hanzi, full-width marks
// (EF BC xx), the entities' characters, controls, U+FFFE/U+FFFF and broken bytes.
#include "bangfu/text/xml_escape.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace {

/// & < > " as entities; C0 controls other than tab, LF, CR and U+FFFE/U+FFFF dropped.
std::string escapedByRule(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '"') {
      out += "&quot;";
    } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      continue;
    } else if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
               (static_cast<unsigned char>(s[i + 2]) == 0xBE ||
                static_cast<unsigned char>(s[i + 2]) == 0xBF)) {
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

TEST(XmlEscape, EscapesWhatTheRuleEscapes) {
  const char* const pieces[] = {"帮扶",
                                "结对村：",
                                "（2个）",
                                "、",
                                "&",
                                "<",
                                ">",
                                "\"",
                                "'",
                                "a",
                                "12",
                                "\n",
                                "\t",
                                "\r",
                                "\x01",
                                "\x1F",
                                "\x7F",
                                "\xEF\xBF\xBE",
                                "\xEF\xBF\xBF",
                                "\xEF\xBF\xBD",
                                "\xEF\xBC",
                                "\xEF",
                                "\xEF\xBF",
                                " ",
                                "?",
                                "="};
  std::mt19937 rng(9704);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(pieces) - 1);
  std::uniform_int_distribution<int> runLength(0, 40), hanzi(0, 3);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (int k = runLength(rng); k > 0; --k) text += hanzi(rng) == 0 ? pieces[pick(rng)] : "帮扶方案";
    std::string out = "<w:t>";
    bangfu::text::appendXmlEscaped(out, text);
    ASSERT_EQ(out, "<w:t>" + escapedByRule(text)) << text;
  }
}

}  // namespace
