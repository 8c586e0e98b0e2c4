#include "bangfu/text/name_input.hpp"

#include <gtest/gtest.h>
#include <unicode/utf8.h>

#include <random>
#include <string>
#include <vector>

#include "bangfu/text/utf8.hpp"

using bangfu::text::PastedName;
using bangfu::text::splitPastedNames;

namespace {

std::u32string decodeAll(const std::string& s) {
  std::u32string out;
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
  return out;
}

std::string encodeAll(const std::u32string& cps) {
  std::string out;
  for (const char32_t c : cps) bangfu::text::appendUtf8(out, c);
  return out;
}

/// The rule, stated on code points as splitPastedNames' contract gives it: separators
/// 、，,；; and line breaks, runs of spaces, notes in brackets kept whole, a leading BOM
/// dropped, a single space between two one-character pieces a padded name.
std::vector<PastedName> splitByTheRule(const std::string& utf8) {
  std::u32string text = decodeAll(utf8);
  if (!text.empty() && text.front() == U'\uFEFF') text.erase(0, 1);
  auto separator = [](char32_t c) {
    return c == U'、' || c == U'，' || c == U',' || c == U'；' || c == U';' || c == U'\n' || c == U'\r';
  };
  auto space = [](char32_t c) { return c == U' ' || c == U'\t' || c == U'\u3000' || c == U'\u00A0'; };
  struct Piece {
    std::u32string text;
    int line, column, spacesAfter;
  };
  std::vector<Piece> pieces;
  int line = 1, column = 1, depth = 0;
  bool gap = true;
  for (const char32_t c : text) {
    if (c == U'（' || c == U'(') ++depth;
    if ((c == U'）' || c == U')') && depth > 0) --depth;
    if (c == U'\n') depth = 0;
    if (depth == 0 && (separator(c) || space(c))) {
      if (!pieces.empty() && pieces.back().spacesAfter >= 0) {
        if (separator(c))
          pieces.back().spacesAfter = -1;
        else
          ++pieces.back().spacesAfter;
      }
      gap = true;
      if (c == U'\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
      continue;
    }
    if (gap) pieces.push_back({{}, line, column, 0});
    gap = false;
    pieces.back().text += c;
    ++column;
  }
  std::vector<PastedName> out;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    std::u32string name = pieces[i].text;
    if (name.size() == 1 && pieces[i].spacesAfter == 1 && i + 1 < pieces.size() &&
        pieces[i + 1].text.size() == 1) {
      name += pieces[i + 1].text;
      out.push_back({encodeAll(name), pieces[i].line, pieces[i].column});
      ++i;
      continue;
    }
    out.push_back({encodeAll(name), pieces[i].line, pieces[i].column});
  }
  return out;
}

void expectSame(const std::string& input) {
  const auto got = splitPastedNames(input);
  const auto want = splitByTheRule(input);
  ASSERT_EQ(got.size(), want.size()) << input;
  for (std::size_t k = 0; k < got.size(); ++k) {
    EXPECT_EQ(got[k].name, want[k].name) << input;
    EXPECT_EQ(got[k].line, want[k].line) << input;
    EXPECT_EQ(got[k].column, want[k].column) << input;
  }
}

}  // namespace

TEST(PastedNames, SplitsAsPublishedListsArePasted) {
  const auto names = splitPastedNames("\xEF\xBB\xBF王　峰、李四，张三（女，蒙古族） 赵六\n钱七;孙八");
  ASSERT_EQ(names.size(), 6U);
  EXPECT_EQ(names[0].name, "王峰");
  EXPECT_EQ(names[2].name, "张三（女，蒙古族）");
  EXPECT_EQ(names[2].column, 8);
  EXPECT_EQ(names[4].name, "钱七");
  EXPECT_EQ(names[4].line, 2);
  EXPECT_EQ(names[4].column, 1);
}

TEST(PastedNames, InvalidBytesBecomeReplacementCharacters) {
  const auto names = splitPastedNames("王\xFF峰、\xE5\x8C李");
  ASSERT_EQ(names.size(), 2U);
  EXPECT_EQ(names[0].name, "王\xEF\xBF\xBD峰");
  EXPECT_EQ(names[1].column, 5);
}

TEST(PastedNames, RandomTextSplitsAsTheRuleSays) {
  // Pieces a pasted list is made of, and bytes no list should hold.
  const std::vector<std::string> parts = {"王",
                                          "峰",
                                          "李",
                                          "欧阳",
                                          "A",
                                          "、",
                                          "，",
                                          ",",
                                          "；",
                                          ";",
                                          "\n",
                                          "\r",
                                          " ",
                                          "\t",
                                          "\u3000",
                                          "\u00A0",
                                          "（",
                                          "）",
                                          "(",
                                          ")",
                                          "\xEF\xBB\xBF",
                                          "\xFF",
                                          "\xE5\x8C",
                                          "\xED\xA0\x80",
                                          "\xF0\x9F\x98\x80",
                                          "·"};
  std::mt19937 rng(16);
  for (int round = 0; round < 3000; ++round) {
    std::string input;
    const int n = static_cast<int>(rng() % 24);
    for (int k = 0; k < n; ++k) input += parts[rng() % parts.size()];
    expectSame(input);
  }
}
