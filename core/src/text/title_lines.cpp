#include "bangfu/text/title_lines.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <limits>
#include <memory>

#include "bangfu/text/width.hpp"

namespace bangfu::text {
namespace {

/// GB/T 15834-2011 5.1.1–5.1.3 and clreq "Prohibition rules for line start and line
/// end", basic level (docs/typesetting.md "Sources"): these may not start a line …
constexpr std::u16string_view kNoLineStart = u"、，。：；！？）》」』”’〕】";
/// … and these may not end one.
constexpr std::u16string_view kNoLineEnd = u"（《「『“‘〔【";

std::vector<std::string> splitLines(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t nl = s.find('\n', start);
    out.emplace_back(s.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

std::string toUtf8(const icu::UnicodeString& u, int32_t from, int32_t to) {
  std::string out;
  u.tempSubStringBetween(from, to).toUTF8String(out);
  return out;
}

}  // namespace

std::string titleBreaksAsNewlines(std::string_view title) {
  std::string out;
  out.reserve(title.size());
  std::size_t start = 0;
  for (std::size_t at = title.find(kSchemeBreak); at != std::string_view::npos;
       at = title.find(kSchemeBreak, start)) {
    out.append(title.substr(start, at - start));
    out += '\n';
    start = at + kSchemeBreak.size();
  }
  out.append(title.substr(start));
  return out;
}

std::string titleOnOneLine(std::string_view title) {
  std::string out = titleBreaksAsNewlines(title);
  out.erase(std::remove(out.begin(), out.end(), '\n'), out.end());
  return out;
}

std::vector<std::string> balanceTitleLines(std::string_view titleIn, int maxChars) {
  const std::string own = titleBreaksAsNewlines(titleIn);
  const std::string_view title = own;
  if (title.find('\n') != std::string_view::npos) return splitLines(title);
  const int maxUnits = std::max(2, maxChars * 2);
  const int total = static_cast<int>(displayWidth(title));
  if (total <= maxUnits) return {std::string(title)};

  const icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(title.data(), static_cast<int32_t>(title.size())));
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), status));
  // Candidate breaks: word boundaries allowed by the punctuation rules; the width
  // before each (display units), so line widths are differences.
  std::vector<int32_t> pos{0};
  if (U_SUCCESS(status)) {
    words->setText(u);
    for (int32_t b = words->next(); b != icu::BreakIterator::DONE; b = words->next()) pos.push_back(b);
  } else {
    for (int32_t i = 1; i <= u.length(); ++i) pos.push_back(i);
  }
  std::vector<int32_t> cand;
  for (int32_t p : pos) {
    if (p > 0 && p < u.length()) {
      if (kNoLineStart.find(u.charAt(p)) != std::u16string_view::npos) continue;
      if (kNoLineEnd.find(u.charAt(p - 1)) != std::u16string_view::npos) continue;
    }
    cand.push_back(p);
  }
  if (cand.back() != u.length()) cand.push_back(u.length());
  std::vector<int> width(cand.size());
  for (std::size_t i = 0; i < cand.size(); ++i)
    width[i] = static_cast<int>(displayWidth(toUtf8(u, 0, cand[i])));

  // Fewest lines first; among those, the smallest sum of squared differences from
  // the even width (a dynamic programme over the candidate breaks).
  const int lines = (total + maxUnits - 1) / maxUnits;
  for (int n = lines; n <= lines + 3; ++n) {
    const double even = static_cast<double>(total) / n;
    const std::size_t m = cand.size();
    constexpr double kInf = std::numeric_limits<double>::infinity();
    std::vector<std::vector<double>> cost(static_cast<std::size_t>(n) + 1, std::vector<double>(m, kInf));
    std::vector<std::vector<std::size_t>> from(static_cast<std::size_t>(n) + 1,
                                               std::vector<std::size_t>(m, 0));
    cost[0][0] = 0;
    for (int k = 1; k <= n; ++k) {
      for (std::size_t j = 1; j < m; ++j) {
        for (std::size_t i = 0; i < j; ++i) {
          const auto ki = static_cast<std::size_t>(k - 1);
          if (cost[ki][i] == kInf) continue;
          const int w = width[j] - width[i];
          if (w > maxUnits) continue;
          const double c = cost[ki][i] + (w - even) * (w - even);
          if (c < cost[static_cast<std::size_t>(k)][j]) {
            cost[static_cast<std::size_t>(k)][j] = c;
            from[static_cast<std::size_t>(k)][j] = i;
          }
        }
      }
    }
    if (cost[static_cast<std::size_t>(n)][m - 1] == kInf) continue;
    std::vector<std::string> out(static_cast<std::size_t>(n));
    std::size_t j = m - 1;
    for (int k = n; k >= 1; --k) {
      const std::size_t i = from[static_cast<std::size_t>(k)][j];
      out[static_cast<std::size_t>(k - 1)] = toUtf8(u, cand[i], cand[j]);
      j = i;
    }
    return out;
  }
  // No word boundary lets the lines fit: break by width alone.
  std::vector<std::string> out;
  int32_t start = 0;
  for (int32_t i = 1; i <= u.length(); ++i) {
    if (static_cast<int>(displayWidth(toUtf8(u, start, i))) > maxUnits) {
      out.push_back(toUtf8(u, start, i - 1));
      start = i - 1;
    }
  }
  out.push_back(toUtf8(u, start, u.length()));
  return out;
}

}  // namespace bangfu::text
