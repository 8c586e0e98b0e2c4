// Chinese numerals, 成文日期, 发文字号 and punctuation (GB/T 9704-2012 7.2.5, 7.3.5;
// GB/T 15834-2011 标点符号用法; GB/T 15835-2011 出版物上数字用法).
#include "bangfu/text/numbers.hpp"

#include <unicode/rbnf.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "text/utf8.hpp"

namespace bangfu::text {

namespace {

using detail::decode;
using detail::encode;
using detail::isHan;

// ---------------------------------------------------------------- numerals

/// ICU's zh %spellout-cardinal gives the official reading form: 十, 十一, 二十,
/// 一百零一, 一千零一十 (%spellout-numbering would write 〇 for the zero).
const icu::RuleBasedNumberFormat& spellout() {
  thread_local std::unique_ptr<icu::RuleBasedNumberFormat> format = [] {
    UErrorCode status = U_ZERO_ERROR;
    auto f = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, icu::Locale("zh"), status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU zh spellout: ") + u_errorName(status));
    return f;
  }();
  return *format;
}

// ---------------------------------------------------------------- digits

/// ０-９ (U+FF10..U+FF19) → 0-9 (GB/T 15835: Arabic numerals are half-width).
char32_t halfWidthDigit(char32_t c) { return (c >= U'０' && c <= U'９') ? U'0' + (c - U'０') : c; }

bool isDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool isAsciiAlnum(char32_t c) { return isDigit(c) || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }
bool isSpace(char32_t c) { return c == U' ' || c == U'\t' || c == U'\u3000' || c == U'\u00A0'; }

/// Value of a Chinese digit 〇一二…九 (also 零 and 两), or -1.
int chineseDigit(char32_t c) {
  static constexpr char32_t kDigits[] = U"〇一二三四五六七八九";
  for (int i = 0; i < 10; ++i) {
    if (kDigits[i] == c) return i;
  }
  if (c == U'零' || c == U'○' || c == U'Ｏ') return 0;
  if (c == U'两') return 2;
  return -1;
}

/// Parses a run of Chinese numerals as used in dates: digit by digit for years
/// (二〇一九) and with 十 for months and days (十二, 三十, 二十一). -1 if invalid.
int parseChineseNumeral(const std::u32string& s) {
  if (s.empty()) return -1;
  const auto ten = s.find(U'十');
  if (ten == std::u32string::npos) {
    int v = 0;
    for (char32_t c : s) {
      const int d = chineseDigit(c);
      if (d < 0) return -1;
      v = v * 10 + d;
    }
    return v;
  }
  if (s.size() > 3) return -1;
  int tens = 1;
  if (ten == 1) {
    tens = chineseDigit(s[0]);
    if (tens < 1) return -1;
  } else if (ten != 0) {
    return -1;
  }
  int units = 0;
  if (ten + 1 < s.size()) {
    if (ten + 2 != s.size()) return -1;
    units = chineseDigit(s[ten + 1]);
    if (units < 0) return -1;
  }
  return tens * 10 + units;
}

bool isLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return (m == 2 && isLeapYear(y)) ? 29 : kDays[m - 1];
}

/// Years a 成文日期 or 发文字号 can plausibly carry.
constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2199;

bool validDate(int y, int m, int d) {
  return y >= kMinYear && y <= kMaxYear && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

void note(std::vector<std::string>* out, std::string zhAndEn) {
  if (out != nullptr && std::find(out->begin(), out->end(), zhAndEn) == out->end()) {
    out->push_back(std::move(zhAndEn));
  }
}

std::u32string trim(std::u32string s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && isSpace(s[b])) ++b;
  while (e > b && isSpace(s[e - 1])) --e;
  return s.substr(b, e - b);
}

/// Full-width digits → half-width, reporting it once.
std::u32string halfWidthDigits(std::u32string s, std::vector<std::string>* repairs) {
  bool changed = false;
  for (auto& c : s) {
    const char32_t h = halfWidthDigit(c);
    changed = changed || h != c;
    c = h;
  }
  if (changed) note(repairs, "全角数字改为半角 (full-width digits made half-width)");
  return s;
}

/// Reads digits at `i`; returns the digit count and the value (saturated).
std::size_t readDigits(const std::u32string& s, std::size_t i, long& value, bool& leadingZero) {
  std::size_t n = 0;
  value = 0;
  leadingZero = i < s.size() && s[i] == U'0';
  while (i + n < s.size() && isDigit(s[i + n])) {
    if (value < 100000000) value = value * 10 + static_cast<long>(s[i + n] - U'0');
    ++n;
  }
  return n;
}

// ---------------------------------------------------------------- 发文字号

constexpr char32_t kDocOpen = U'〔';  // GB/T 9704-2012 7.2.4: 年份用六角括号〔〕括入
constexpr char32_t kDocClose = U'〕';
constexpr char32_t kDocSuffix = U'号';

bool isOpenBracket(char32_t c) {
  return c == kDocOpen || c == U'[' || c == U'［' || c == U'【' || c == U'（' || c == U'(' || c == U'〖' ||
         c == U'{' || c == U'｛' || c == U'〈' || c == U'<';
}
bool isCloseBracket(char32_t c) {
  return c == kDocClose || c == U']' || c == U'］' || c == U'】' || c == U'）' || c == U')' || c == U'〗' ||
         c == U'}' || c == U'｝' || c == U'〉' || c == U'>';
}

}  // namespace

std::string chineseNumber(int n) {
  icu::UnicodeString out;
  icu::FieldPosition pos;
  UErrorCode status = U_ZERO_ERROR;
  spellout().format(static_cast<int32_t>(n), icu::UnicodeString(u"%spellout-cardinal"), out, pos, status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU zh spellout: ") + u_errorName(status));
  std::string s;
  out.toUTF8String(s);
  return s;
}

std::string chineseOrdinal(int n, bool parenthesised) {
  if (n < 1) throw std::out_of_range("chineseOrdinal: ordinals start at 1, got " + std::to_string(n));
  // GB/T 9704-2012 7.3.3: 结构层次序数依次用“一、”“（一）”“1.”“（1）”.
  return parenthesised ? "（" + chineseNumber(n) + "）" : chineseNumber(n) + "、";
}

std::string formatDate(int year, int month, int day) {
  // GB/T 9704-2012 7.3.5.1: 成文日期用阿拉伯数字将年、月、日标全，年份应标全称，月、日不编虚位.
  return std::to_string(year) + "年" + std::to_string(month) + "月" + std::to_string(day) + "日";
}

std::optional<std::string> normalizeDate(std::string_view text, std::vector<std::string>* repairs) {
  std::vector<std::string> local;
  std::u32string s = trim(decode(text));
  if (s.size() != decode(text).size()) note(&local, "去掉首尾空格 (surrounding spaces removed)");
  s = halfWidthDigits(std::move(s), &local);
  // Remove inner spaces: 2019 年 5 月.
  const auto before = s.size();
  s.erase(std::remove_if(s.begin(), s.end(), isSpace), s.end());
  if (s.size() != before) note(&local, "去掉日期中的空格 (spaces inside the date removed)");

  // Split into three numeric fields and the separators between them.
  std::vector<std::u32string> fields(1);
  std::vector<char32_t> seps;
  for (char32_t c : s) {
    if (isDigit(c) || chineseDigit(c) >= 0 || c == U'十') {
      fields.back().push_back(c);
    } else {
      seps.push_back(c);
      fields.emplace_back();
    }
  }
  if (!fields.empty() && fields.back().empty() && !seps.empty() && seps.back() == U'日') fields.pop_back();
  if (fields.size() != 3) return std::nullopt;
  const bool chineseStyle = seps.size() == 3 && seps[0] == U'年' && seps[1] == U'月' && seps[2] == U'日';
  const bool numericStyle = seps.size() == 2 && seps[0] == seps[1] &&
                            (seps[0] == U'-' || seps[0] == U'.' || seps[0] == U'/' || seps[0] == U'．' ||
                             seps[0] == U'－' || seps[0] == U'／');
  if (!chineseStyle && !numericStyle) return std::nullopt;

  int values[3] = {0, 0, 0};
  bool usedChineseNumerals = false;
  bool zeroPadded = false;
  for (int i = 0; i < 3; ++i) {
    const auto& f = fields[static_cast<std::size_t>(i)];
    if (f.empty()) return std::nullopt;
    if (std::all_of(f.begin(), f.end(), isDigit)) {
      if (f.size() > 4) return std::nullopt;
      int v = 0;
      for (char32_t c : f) v = v * 10 + static_cast<int>(c - U'0');
      values[i] = v;
      if (i > 0 && f.size() > 1 && f[0] == U'0') zeroPadded = true;
    } else {
      const int v = parseChineseNumeral(f);
      if (v < 0) return std::nullopt;
      values[i] = v;
      usedChineseNumerals = true;
    }
  }
  if (fields[0].size() != 4) return std::nullopt;  // 年份应标全称
  if (!validDate(values[0], values[1], values[2])) return std::nullopt;
  if (numericStyle) note(&local, "日期改为“年月日”写法 (date written with 年月日)");
  if (usedChineseNumerals) note(&local, "汉字数字改为阿拉伯数字 (Chinese numerals made Arabic)");
  if (zeroPadded) note(&local, "月、日不编虚位，去掉前导零 (leading zeros of month/day removed)");
  if (repairs != nullptr) repairs->insert(repairs->end(), local.begin(), local.end());
  return formatDate(values[0], values[1], values[2]);
}

bool isCanonicalDate(std::string_view text) {
  std::vector<std::string> repairs;
  const auto normal = normalizeDate(text, &repairs);
  return normal && repairs.empty() && *normal == text;
}

std::optional<std::string> normalizeDocNumber(std::string_view text, std::vector<std::string>* repairs) {
  std::vector<std::string> local;
  std::u32string s = halfWidthDigits(decode(text), &local);
  const auto before = s.size();
  s.erase(std::remove_if(s.begin(), s.end(), isSpace), s.end());
  if (s.size() != before) note(&local, "去掉空格 (spaces removed)");

  // Find the year: four digits, normally in brackets.
  std::size_t yearAt = std::u32string::npos;
  for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
    if (!std::all_of(s.begin() + static_cast<long>(i), s.begin() + static_cast<long>(i + 4), isDigit))
      continue;
    if (i > 0 && isDigit(s[i - 1])) continue;
    if (i + 4 < s.size() && isDigit(s[i + 4])) continue;
    const int y = std::stoi(encode(s.substr(i, 4)));
    if (y < kMinYear || y > kMaxYear) continue;
    yearAt = i;
    break;
  }
  if (yearAt == std::u32string::npos) return std::nullopt;
  std::u32string prefix = s.substr(0, yearAt);
  const std::u32string year = s.substr(yearAt, 4);
  std::size_t i = yearAt + 4;

  if (!prefix.empty() && isOpenBracket(prefix.back())) {
    if (prefix.back() != kDocOpen) note(&local, "年份括号改为六角括号〔〕 (year brackets made 〔〕)");
    prefix.pop_back();
    if (i >= s.size() || !isCloseBracket(s[i])) note(&local, "补上右括号〕 (closing bracket added)");
    if (i < s.size() && isCloseBracket(s[i])) {
      if (s[i] != kDocClose) note(&local, "年份括号改为六角括号〔〕 (year brackets made 〔〕)");
      ++i;
    }
  } else {
    note(&local, "年份加六角括号〔〕 (year put in 〔〕)");
    if (i < s.size() && (s[i] == U'年' || isCloseBracket(s[i]))) ++i;
  }
  if (!prefix.empty() && prefix.back() == U'第') {
    prefix.pop_back();
    note(&local, "去掉“第”字 (第 removed)");
  }
  if (prefix.empty()) return std::nullopt;  // no 发文机关代字
  if (i < s.size() && s[i] == U'第') {
    ++i;
    note(&local, "去掉“第”字 (第 removed)");
  }
  long number = 0;
  bool leadingZero = false;
  const std::size_t digits = readDigits(s, i, number, leadingZero);
  if (digits == 0 || number == 0) return std::nullopt;
  if (leadingZero) note(&local, "序号不编虚位，去掉前导零 (leading zeros of the serial removed)");
  i += digits;
  if (i < s.size() && s[i] == kDocSuffix) {
    ++i;
  } else {
    note(&local, "补上“号”字 (号 added)");
  }
  if (i != s.size()) return std::nullopt;

  std::u32string out = prefix;
  out.push_back(kDocOpen);
  out += year;
  out.push_back(kDocClose);
  out += decode(std::to_string(number));
  out.push_back(kDocSuffix);
  if (repairs != nullptr) repairs->insert(repairs->end(), local.begin(), local.end());
  return encode(out);
}

bool isCanonicalDocNumber(std::string_view text) {
  std::vector<std::string> repairs;
  const auto normal = normalizeDocNumber(text, &repairs);
  return normal && repairs.empty() && *normal == text;
}

namespace {

char32_t fullWidthOf(char32_t c) {
  switch (c) {
    case U',':
      return U'，';
    case U';':
      return U'；';
    case U':':
      return U'：';
    case U'(':
      return U'（';
    case U')':
      return U'）';
    default:
      return c;
  }
}

std::string describe(std::size_t position, std::string_view zh, std::string_view en) {
  return "第" + std::to_string(position) + "字：" + std::string(zh) + " (char " + std::to_string(position) +
         ": " + std::string(en) + ")";
}

}  // namespace

std::string normalizePunctuation(std::string_view text, std::vector<std::string>* changes) {
  const std::u32string s = decode(text);
  const std::size_t n = s.size();
  // Neighbours across ASCII spaces: "张三 , 李四" still puts the comma next to Han.
  auto prevNonSpace = [&](std::size_t i) -> char32_t {
    while (i > 0) {
      --i;
      if (s[i] != U' ') return s[i];
    }
    return 0;
  };
  auto nextNonSpace = [&](std::size_t i) -> char32_t {
    for (++i; i < n; ++i) {
      if (s[i] != U' ') return s[i];
    }
    return 0;
  };

  std::vector<bool> convert(n, false);
  // Parentheses convert as a pair when either side or the content touches Han.
  std::vector<std::size_t> open;
  std::vector<bool> paired(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    if (s[i] == U'(') {
      open.push_back(i);
    } else if (s[i] == U')' && !open.empty()) {
      const std::size_t o = open.back();
      open.pop_back();
      paired[o] = paired[i] = true;
      const bool han = isHan(prevNonSpace(o)) || isHan(nextNonSpace(i)) ||
                       std::any_of(s.begin() + static_cast<long>(o), s.begin() + static_cast<long>(i), isHan);
      convert[o] = convert[i] = han;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t c = s[i];
    if ((c == U',' || c == U';' || c == U':' || ((c == U'(' || c == U')') && !paired[i])) &&
        (isHan(prevNonSpace(i)) || isHan(nextNonSpace(i)))) {
      convert[i] = true;
    }
  }

  std::u32string out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t c = s[i];
    const std::size_t pos = i + 1;
    if (convert[i]) {
      const char32_t f = fullWidthOf(c);
      out.push_back(f);
      note(changes, describe(pos,
                             "半角“" + encode(std::u32string(1, c)) + "”改为全角“" +
                                 encode(std::u32string(1, f)) + "”",
                             "half-width '" + encode(std::u32string(1, c)) + "' made full-width"));
      continue;
    }
    if (c == U' ') {
      // A run of ASCII spaces between Han and a digit/Latin letter (either order), or
      // next to full-width punctuation we produced: Word spaces Han and Latin itself
      // (w:autoSpaceDE/DN, spec §3), so the spaces go.
      std::size_t j = i;
      while (j < n && s[j] == U' ') ++j;
      const char32_t left = i > 0 ? s[i - 1] : 0;
      const char32_t right = j < n ? s[j] : 0;
      const bool leftConverted = i > 0 && convert[i - 1];
      const bool rightConverted = j < n && convert[j];
      const bool hanAlnum = (isHan(left) && (isAsciiAlnum(right) || (right >= U'０' && right <= U'９'))) ||
                            ((isAsciiAlnum(left) || (left >= U'０' && left <= U'９')) && isHan(right));
      if (left != 0 && right != 0 && (hanAlnum || leftConverted || rightConverted)) {
        note(changes,
             describe(pos, "去掉汉字与数字或西文之间或全角标点旁的空格",
                      "space between Han and a digit or Latin, or next to full-width punctuation, removed"));
        i = j - 1;
        continue;
      }
      out.append(j - i, U' ');
      i = j - 1;
      continue;
    }
    const char32_t h = halfWidthDigit(c);
    if (h != c) {
      note(changes, describe(pos, "全角数字改为半角", "full-width digit made half-width"));
    }
    out.push_back(h);
  }
  return encode(out);
}

}  // namespace bangfu::text
