#include "notice/heading.hpp"

#include "bangfu/text/numbers.hpp"

namespace bangfu::notice {
namespace {

/// 一 … 九十九 → 1 … 99; 0 when `s` is not such a numeral.
int parseChineseNumeral(const std::string& s) {
  static const std::string kDigits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  auto digitAt = [&](std::size_t pos, std::size_t& len) -> int {
    for (int d = 1; d <= 9; ++d) {
      if (s.compare(pos, kDigits[d].size(), kDigits[d]) == 0) {
        len = kDigits[d].size();
        return d;
      }
    }
    return -1;
  };
  const std::string ten = "十";
  std::size_t pos = 0;
  std::size_t len = 0;
  int tens = 0;
  int ones = 0;
  int d = digitAt(pos, len);
  if (d > 0) {
    pos += len;
    if (s.compare(pos, ten.size(), ten) == 0) {
      tens = d;
      pos += ten.size();
    } else {
      ones = d;
      return pos == s.size() ? ones : 0;
    }
  } else if (s.compare(pos, ten.size(), ten) == 0) {
    tens = 1;
    pos += ten.size();
  } else {
    return 0;
  }
  if (pos == s.size()) return tens * 10;
  d = digitAt(pos, len);
  if (d <= 0 || pos + len != s.size()) return 0;
  return tens * 10 + d;
}

int parseDigits(const std::string& s) {
  if (s.empty() || s.size() > 3) return 0;
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + (c - '0');
  }
  return n;
}

}  // namespace

Heading detectHeading(const std::string& text) {
  Heading h;
  const std::string open = "（";
  const std::string close = "）";
  const std::string dun = "、";
  if (text.compare(0, open.size(), open) == 0) {
    const std::size_t end = text.find(close, open.size());
    if (end == std::string::npos || end - open.size() > 9) return h;
    const std::string inner = text.substr(open.size(), end - open.size());
    if (const int n = parseChineseNumeral(inner); n > 0) {
      h = {2, n, end + close.size(), text.substr(0, end + close.size())};
    } else if (const int m = parseDigits(inner); m > 0) {
      h = {4, m, end + close.size(), text.substr(0, end + close.size())};
    }
    return h;
  }
  const std::size_t d = text.find(dun);
  if (d != std::string::npos && d > 0 && d <= 9) {
    if (const int n = parseChineseNumeral(text.substr(0, d)); n > 0) {
      return {1, n, d + dun.size(), text.substr(0, d + dun.size())};
    }
  }
  std::size_t k = 0;
  while (k < text.size() && k < 3 && text[k] >= '0' && text[k] <= '9') ++k;
  if (k > 0 && k < text.size()) {
    std::size_t markLen = 0;
    if (text[k] == '.')
      markLen = 1;
    else if (text.compare(k, 3, "．") == 0)
      markLen = 3;
    // A year or an amount (2018年, 3.5万元) is no heading: the mark must not be
    // followed by a digit.
    if (markLen > 0 && !(k + markLen < text.size() && text[k + markLen] >= '0' && text[k + markLen] <= '9')) {
      return {3, parseDigits(text.substr(0, k)), k + markLen, text.substr(0, k + markLen)};
    }
  }
  return h;
}

void HeadingSequence::check(const Heading& h, const std::string& text, const diag::Location& where,
                            diag::Diagnostics& diags) {
  (void)text;
  if (h.level == 0) {
    // A plain paragraph may open a new list of 1. or （1） items.
    listBreak_ = true;
    return;
  }
  const int expected = last_[h.level] + 1;
  const bool restartAllowed =
      h.number == 1 && (h.level >= 3 ? (listBreak_ || last_[h.level] == 0) : last_[h.level] == 0);
  if (h.number != expected && !restartAllowed) {
    std::string want;
    switch (h.level) {
      case 1:
        want = text::chineseOrdinal(expected);
        break;
      case 2:
        want = text::chineseOrdinal(expected, true);
        break;
      case 3:
        want = std::to_string(expected) + ".";
        break;
      default:
        want = "（" + std::to_string(expected) + "）";
        break;
    }
    diags.error(
        "notice.heading-sequence", where,
        "标题序号“" + h.label + "”不连续，此处应为“" + want + "”（GB/T 9704-2012 7.3.3）",
        "heading number '" + h.label + "' is out of sequence; expected '" + want + "' (GB/T 9704-2012 7.3.3)",
        "改为“" + want + "”，或补上缺少的一节", "change it to \"" + want + "\", or add the missing section");
  }
  last_[h.level] = h.number;
  for (int l = h.level + 1; l <= 4; ++l) last_[l] = 0;
  listBreak_ = false;
}

diag::Location shifted(diag::Location where, int codePoints) {
  if (where.sheet.empty() && where.row > 0 && where.column > 0) where.column += codePoints;
  return where;
}

}  // namespace bangfu::notice
