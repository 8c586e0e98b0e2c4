// Format codes (ECMA-376 Part 1 §18.8.31): parsing, choosing the section, and
// numbers. Dates and times are in date_time.cpp.
#include "bangfu/numfmt/numfmt.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "numfmt/format_code.hpp"

namespace bangfu::numfmt {

using Token = Format::Token;
using Kind = Format::Token::Kind;
using Section = Format::Section;

namespace {

// §18.17.4.1: the last serial of either date system's range, 9999-12-31.
constexpr double kMaxDateSerial = 2958465.9999999;
// Excel keeps 15 significant decimal digits of a double; rounding happens on those.
constexpr int kSignificantDigits = 15;
// More sections than four are not a valid code; Excel refuses it, we keep four.
constexpr std::size_t kMaxSections = 4;
constexpr std::size_t kMaxCodeBytes = std::size_t{255} * 4;  // 255 characters of UTF-8

bool iequal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::size_t codePointLength(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return std::min(n, s.size() - i);
}

void addLiteral(Section& s, std::string_view text) {
  // A comma (count -1 until resolved) stays its own token.
  if (!s.tokens.empty() && s.tokens.back().kind == Kind::Literal && s.tokens.back().count != -1) {
    s.tokens.back().text += text;
  } else {
    Token t;
    t.text = std::string(text);
    s.tokens.push_back(std::move(t));
  }
}

void add(Section& s, Kind kind, char ch = 0, int count = 0) {
  Token t;
  t.kind = kind;
  t.ch = ch;
  t.count = count;
  s.tokens.push_back(std::move(t));
}

/// [...] contents: a condition, an elapsed unit, a currency or locale tag, or a
/// colour and other switches that change nothing in the text.
void bracket(Section& s, std::string_view in) {
  if (in.empty()) return;
  if (in[0] == '<' || in[0] == '>' || in[0] == '=') {
    std::size_t k = 1;
    if (in[0] == '<' && in.size() > 1 && in[1] == '=')
      s.op = Section::Op::Le, k = 2;
    else if (in[0] == '<' && in.size() > 1 && in[1] == '>')
      s.op = Section::Op::Ne, k = 2;
    else if (in[0] == '>' && in.size() > 1 && in[1] == '=')
      s.op = Section::Op::Ge, k = 2;
    else if (in[0] == '<')
      s.op = Section::Op::Lt;
    else if (in[0] == '>')
      s.op = Section::Op::Gt;
    else
      s.op = Section::Op::Eq;
    s.threshold = std::strtod(std::string(in.substr(k)).c_str(), nullptr);
    return;
  }
  if (in[0] == '$') {
    const auto dash = in.find('-');
    addLiteral(s, in.substr(1, dash == std::string_view::npos ? std::string_view::npos : dash - 1));
    if (dash != std::string_view::npos) {
      // LCID in hex (MS-LCID): the low 10 bits 0x04 are Chinese (804 zh-CN, 404 zh-TW …).
      const long lcid = std::strtol(std::string(in.substr(dash + 1)).c_str(), nullptr, 16);
      // Names are Chinese unless the tag names another language ([$-409] English).
      s.chinese = lcid == 0 || (lcid & 0x3FF) == 0x04;
    }
    return;
  }
  const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(in[0])));
  if ((c == 'h' || c == 'm' || c == 's') && std::all_of(in.begin(), in.end(), [&](char x) {
        return std::tolower(static_cast<unsigned char>(x)) == c;
      })) {
    add(s, Kind::Elapsed, c, static_cast<int>(in.size()));
    s.date = true;
  }
  // Colours ([Red], [Color10]), [DBNum1], [NatNum1], [~…]: no effect on the text here.
}

Section parseSection(std::string_view code) {
  Section s;
  bool afterPoint = false;
  bool afterExponent = false;
  for (std::size_t i = 0; i < code.size();) {
    const char c = code[i];
    const char lc = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (c == '"') {
      const auto end = code.find('"', i + 1);
      addLiteral(s, code.substr(i + 1, end == std::string_view::npos ? std::string_view::npos : end - i - 1));
      i = end == std::string_view::npos ? code.size() : end + 1;
    } else if (c == '\\' || c == '!') {
      if (i + 1 < code.size()) addLiteral(s, code.substr(i + 1, codePointLength(code, i + 1)));
      i += 1 + (i + 1 < code.size() ? codePointLength(code, i + 1) : 0);
    } else if (c == '_') {
      addLiteral(s, " ");  // the width of the next character: one space in text
      i += 1 + (i + 1 < code.size() ? codePointLength(code, i + 1) : 0);
    } else if (c == '*') {
      i += 1 + (i + 1 < code.size() ? codePointLength(code, i + 1)
                                    : 0);  // fill to the column width: no width here
    } else if (c == '[') {
      const auto end = code.find(']', i);
      bracket(s, code.substr(i + 1, end == std::string_view::npos ? std::string_view::npos : end - i - 1));
      i = end == std::string_view::npos ? code.size() : end + 1;
    } else if (c == '0' || c == '#' || c == '?') {
      add(s, Kind::Digit, c);
      if (afterExponent) {
      } else if (afterPoint) {
        ++s.fracDigits;
      } else {
        ++s.intDigits;
      }
      ++i;
    } else if (c == '.') {
      // .0 after seconds is a fraction of a second; elsewhere the decimal point.
      const bool subSecond =
          !s.tokens.empty() && (s.tokens.back().kind == Kind::Second ||
                                (s.tokens.back().kind == Kind::Elapsed && s.tokens.back().ch == 's'));
      if (subSecond && i + 1 < code.size() && code[i + 1] == '0') {
        std::size_t n = 0;
        while (i + 1 + n < code.size() && code[i + 1 + n] == '0') ++n;
        add(s, Kind::SubSecond, 0, static_cast<int>(std::min<std::size_t>(n, 3)));
        i += 1 + n;
      } else if (!afterPoint && !afterExponent) {
        add(s, Kind::Point);
        afterPoint = true;
        ++i;
      } else {
        addLiteral(s, ".");
        ++i;
      }
    } else if (c == ',') {
      add(s, Kind::Literal, ',');  // resolved below: grouping, scaling, or a literal comma
      s.tokens.back().text = ",";
      s.tokens.back().count = -1;
      ++i;
    } else if (c == '%') {
      add(s, Kind::Percent);
      ++s.percent;
      ++i;
    } else if (lc == 'e' && i + 1 < code.size() && (code[i + 1] == '+' || code[i + 1] == '-')) {
      add(s, Kind::Exponent, code[i + 1]);
      s.exponent = true;
      afterExponent = true;
      i += 2;
    } else if (c == '@') {
      add(s, Kind::Text);
      s.text = true;
      ++i;
    } else if (iequal(code.substr(i, 7), "General")) {
      add(s, Kind::General);
      s.general = true;
      i += 7;
    } else if (iequal(code.substr(i, 5), "AM/PM")) {
      add(s, Kind::AmPm, 'A');
      s.date = true;
      i += 5;
    } else if (iequal(code.substr(i, 3), "A/P")) {
      add(s, Kind::AmPm, 'a');
      s.date = true;
      i += 3;
    } else if (code.substr(i, std::strlen("上午/下午")) == "上午/下午") {
      add(s, Kind::AmPm, 'C');
      s.date = true;
      i += std::strlen("上午/下午");
    } else if (lc == 'y' || lc == 'm' || lc == 'd' || lc == 'h' || lc == 's' ||
               (lc == 'a' && code.substr(i, 3) == "aaa")) {
      std::size_t n = 0;
      while (i + n < code.size() && std::tolower(static_cast<unsigned char>(code[i + n])) == lc) ++n;
      const Kind k = lc == 'y'   ? Kind::Year
                     : lc == 'm' ? Kind::Month
                     : lc == 'd' ? Kind::Day
                     : lc == 'h' ? Kind::Hour
                     : lc == 's' ? Kind::Second
                                 : Kind::Weekday;
      add(s, k, lc, static_cast<int>(n));
      s.date = true;
      i += n;
    } else {
      const std::size_t n = codePointLength(code, i);
      addLiteral(s, code.substr(i, n));
      i += n;
    }
  }
  // m after an hour or before a second is a minute (§18.8.31).
  auto timeNeighbour = [&](std::size_t from, int step) -> const Token* {
    for (auto j = static_cast<std::ptrdiff_t>(from) + step;
         j >= 0 && j < static_cast<std::ptrdiff_t>(s.tokens.size()); j += step) {
      const Token& t = s.tokens[static_cast<std::size_t>(j)];
      if (t.kind == Kind::Literal || t.kind == Kind::AmPm) continue;
      return &t;
    }
    return nullptr;
  };
  for (std::size_t j = 0; j < s.tokens.size(); ++j) {
    Token& t = s.tokens[j];
    if (t.kind != Kind::Month || t.count > 2) continue;
    const Token* before = timeNeighbour(j, -1);
    const Token* after = timeNeighbour(j, +1);
    if ((before && (before->kind == Kind::Hour || (before->kind == Kind::Elapsed && before->ch == 'h'))) ||
        (after && (after->kind == Kind::Second || (after->kind == Kind::Elapsed && after->ch == 's'))))
      t.kind = Kind::Minute;
  }
  // Commas: after the last integer placeholder (before the point or the end of the
  // digits) each divides by 1000; between placeholders they switch on grouping.
  if (!s.date) {
    std::ptrdiff_t lastIntDigit = -1, firstDigit = -1, point = -1, lastDigit = -1;
    for (std::size_t j = 0; j < s.tokens.size(); ++j) {
      const Token& t = s.tokens[j];
      if (t.kind == Kind::Point && point < 0) point = static_cast<std::ptrdiff_t>(j);
      if (t.kind == Kind::Exponent) break;
      if (t.kind == Kind::Digit) lastDigit = static_cast<std::ptrdiff_t>(j);
      if (t.kind == Kind::Digit && point < 0) {
        lastIntDigit = static_cast<std::ptrdiff_t>(j);
        if (firstDigit < 0) firstDigit = lastIntDigit;
      }
    }
    for (std::size_t j = 0; j < s.tokens.size(); ++j) {
      Token& t = s.tokens[j];
      if (t.kind != Kind::Literal || t.count != -1) continue;
      t.count = 0;
      const auto pos = static_cast<std::ptrdiff_t>(j);
      if (firstDigit >= 0 && pos > firstDigit && pos < lastIntDigit) {
        s.grouping = true;
        t.text.clear();
      } else if (lastDigit >= 0 && pos > lastDigit) {
        // Commas right after the last digit placeholder (0.0,, #,##0,) divide by 1000 each.
        bool onlyCommas = true;
        for (auto k = lastDigit + 1; k < pos; ++k)
          if (!(s.tokens[static_cast<std::size_t>(k)].kind == Kind::Literal &&
                s.tokens[static_cast<std::size_t>(k)].text.empty()))
            onlyCommas = false;
        if (onlyCommas) {
          ++s.scale;
          t.text.clear();
        }
      }
    }
  } else {
    for (Token& t : s.tokens)
      if (t.kind == Kind::Literal && t.count == -1) t.count = 0;
  }
  return s;
}

std::vector<std::string_view> splitSections(std::string_view code) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  bool quoted = false;
  bool bracketed = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (quoted) {
      if (c == '"') quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == '[') {
      bracketed = true;
    } else if (c == ']') {
      bracketed = false;
    } else if ((c == '\\' || c == '_' || c == '*') && i + 1 < code.size()) {
      ++i;
    } else if (c == ';' && !bracketed) {
      parts.push_back(code.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(code.substr(start));
  return parts;
}

/// The decimal digits of |v| rounded to `frac` places, as Excel rounds: on the 15
/// significant digits a double carries, half away from zero.
void roundedDigits(double v, int frac, std::string& whole, std::string& fraction) {
  whole.clear();
  fraction.assign(static_cast<std::size_t>(std::max(frac, 0)), '0');
  v = std::fabs(v);
  if (v == 0 || !std::isfinite(v)) return;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*e", kSignificantDigits - 1, v);
  std::string digits;
  for (const char* p = buf; *p && *p != 'e'; ++p)
    if (std::isdigit(static_cast<unsigned char>(*p))) digits += *p;
  const int exp10 = std::atoi(std::strchr(buf, 'e') + 1);
  // digits d0 d1 … with the point after d(exp10).
  int intLen = exp10 + 1;
  const int keep = intLen + frac;  // digits kept
  if (keep < 0) return;
  if (keep < static_cast<int>(digits.size())) {
    const bool up = digits[static_cast<std::size_t>(keep)] >= '5';
    digits.resize(static_cast<std::size_t>(keep));
    if (up) {
      int k = keep - 1;
      while (k >= 0 && digits[static_cast<std::size_t>(k)] == '9')
        digits[static_cast<std::size_t>(k--)] = '0';
      if (k >= 0) {
        ++digits[static_cast<std::size_t>(k)];
      } else {
        digits.insert(digits.begin(), '1');
        ++intLen;
      }
    }
  } else {
    digits.resize(static_cast<std::size_t>(keep), '0');
  }
  // Split at the point, with leading zeros for a value below 1.
  std::string all = intLen < 0 ? std::string(static_cast<std::size_t>(-intLen), '0') + digits : digits;
  const auto point = static_cast<std::size_t>(std::max(intLen, 0));
  all.resize(point + static_cast<std::size_t>(std::max(frac, 0)), '0');
  whole = all.substr(0, point);
  fraction = all.substr(point);
  const auto nz = whole.find_first_not_of('0');
  whole = nz == std::string::npos ? "" : whole.substr(nz);
}

/// Digits for a run of placeholders, right-aligned: the first placeholder takes
/// what does not fit; a placeholder without a digit shows 0, nothing or a space.
std::vector<std::string> fillPlaceholders(const std::string& digits, const std::vector<char>& holders,
                                          bool grouping) {
  std::vector<std::string> out(holders.size());
  const int n = static_cast<int>(digits.size());
  const int p = static_cast<int>(holders.size());
  if (p == 0) return out;
  // Positions from the right of every digit that is shown, for grouping.
  const int shownWidth = std::max(n, p);
  int posFromRight = shownWidth - 1;
  // The count of leading positions that actually print (a '#' with no digit prints nothing).
  for (int i = 0; i < p; ++i) {
    const int slot = p - 1 - i;  // slot from the right
    std::string& s = out[static_cast<std::size_t>(i)];
    auto emit = [&](char d, bool isDigit) {
      s += d;
      if (grouping && isDigit && posFromRight > 0 && posFromRight % 3 == 0) s += ',';
    };
    if (i == 0 && n > p) {
      for (int k = 0; k <= n - p; ++k, --posFromRight) emit(digits[static_cast<std::size_t>(k)], true);
      continue;
    }
    if (slot < n) {
      emit(digits[static_cast<std::size_t>(n - 1 - slot)], true);
    } else if (holders[static_cast<std::size_t>(i)] == '0') {
      emit('0', true);
    } else if (holders[static_cast<std::size_t>(i)] == '?') {
      s += ' ';
    }
    --posFromRight;
  }
  return out;
}

std::string formatNumberSection(const Section& s, double v, bool minus) {
  for (int k = 0; k < s.percent; ++k) v *= 100;
  for (int k = 0; k < s.scale; ++k) v /= 1000;
  std::vector<char> intHolders, fracHolders, expHolders;
  {
    int part = 0;  // 0 integer, 1 fraction, 2 exponent
    for (const Token& t : s.tokens) {
      if (t.kind == Kind::Point && part == 0) part = 1;
      if (t.kind == Kind::Exponent) part = 2;
      if (t.kind != Kind::Digit) continue;
      (part == 0 ? intHolders : part == 1 ? fracHolders : expHolders).push_back(t.ch);
    }
  }
  int exponent = 0;
  if (s.exponent && v != 0) {
    exponent = static_cast<int>(std::floor(std::log10(std::fabs(v))));
    // ##0.0E+0: the exponent is a multiple of the integer placeholders (engineering notation).
    const int step =
        intHolders.size() > 1 && intHolders.front() == '#' ? static_cast<int>(intHolders.size()) : 1;
    if (step > 1)
      exponent = static_cast<int>(std::floor(static_cast<double>(exponent) / step)) * step;
    else
      exponent -= std::max(0, static_cast<int>(intHolders.size()) - 1);
    double mantissa = v / std::pow(10.0, exponent);
    std::string w, f;
    roundedDigits(mantissa, s.fracDigits, w, f);
    if (step == 1 && static_cast<int>(w.size()) > std::max<int>(1, static_cast<int>(intHolders.size()))) {
      ++exponent;
      mantissa = v / std::pow(10.0, exponent);
    }
    v = mantissa;
  }
  std::string whole, fraction;
  roundedDigits(v, s.fracDigits, whole, fraction);
  if (minus && whole.empty() && fraction.find_first_not_of('0') == std::string::npos) minus = false;
  const std::vector<std::string> intText = fillPlaceholders(whole, intHolders, s.grouping);
  // Fraction placeholders: digits left to right; trailing zeros of # vanish, of ? become spaces.
  std::vector<std::string> fracText(fracHolders.size());
  {
    bool trailing = true;
    for (int j = static_cast<int>(fracHolders.size()) - 1; j >= 0; --j) {
      const char d = fraction[static_cast<std::size_t>(j)];
      const char h = fracHolders[static_cast<std::size_t>(j)];
      if (trailing && d == '0' && h != '0') {
        fracText[static_cast<std::size_t>(j)] = h == '?' ? " " : "";
      } else {
        trailing = false;
        fracText[static_cast<std::size_t>(j)] = std::string(1, d);
      }
    }
  }
  std::string expDigits = std::to_string(std::abs(exponent));
  const std::vector<std::string> expText = fillPlaceholders(expDigits, expHolders, false);

  std::string out;
  if (minus) out += '-';
  std::size_t ii = 0, fi = 0, ei = 0;
  int part = 0;
  const bool noIntHolders = intHolders.empty();
  for (const Token& t : s.tokens) {
    switch (t.kind) {
      case Kind::Digit:
        if (part == 0)
          out += intText[ii++];
        else if (part == 1)
          out += fracText[fi++];
        else
          out += expText[ei++];
        break;
      case Kind::Point:
        if (part == 0) {
          if (noIntHolders) out += whole;  // .00 still shows the integer digits
          part = 1;
        }
        out += '.';
        break;
      case Kind::Exponent:
        part = 2;
        out += 'E';
        if (exponent < 0)
          out += '-';
        else if (t.ch == '+')
          out += '+';
        break;
      case Kind::Percent:
        out += '%';
        break;
      case Kind::General:
        out += general(v);
        break;
      case Kind::Literal:
        out += t.text;
        break;
      default:
        break;
    }
  }
  return out;
}

}  // namespace

bool Section::matches(double v) const {
  switch (op) {
    case Op::None:
      return true;
    case Op::Lt:
      return v < threshold;
    case Op::Le:
      return v <= threshold;
    case Op::Gt:
      return v > threshold;
    case Op::Ge:
      return v >= threshold;
    case Op::Eq:
      return v == threshold;
    case Op::Ne:
      return v != threshold;
  }
  return true;
}

Format::Format() = default;
Format::~Format() = default;
Format::Format(const Format&) = default;
Format::Format(Format&&) noexcept = default;
Format& Format::operator=(const Format&) = default;
Format& Format::operator=(Format&&) noexcept = default;

Format Format::parse(std::string_view code) {
  Format f;
  // Excel refuses codes over 255 characters; a longer one is hostile (every cell
  // would walk it) and shows as General.
  if (code.empty() || iequal(code, "General") || code.size() > kMaxCodeBytes) return f;
  for (std::string_view part : splitSections(code)) {
    if (f.sections_.size() == kMaxSections) break;
    f.sections_.push_back(parseSection(part));
  }
  return f;
}

Format Format::builtin(int id) { return parse(builtinCode(id)); }

bool Format::isGeneral() const { return sections_.empty(); }

bool Format::isDate() const {
  return std::any_of(sections_.begin(), sections_.end(), [](const Section& s) { return s.date; });
}

const Section* Format::pick(double value, bool& negate) const {
  negate = false;
  std::vector<const Section*> numeric;
  for (std::size_t i = 0; i < sections_.size() && i < 3; ++i)
    if (!sections_[i].text || i == 0) numeric.push_back(&sections_[i]);
  if (numeric.empty()) return nullptr;
  const bool conditional = std::any_of(numeric.begin(), numeric.end(),
                                       [](const Section* s) { return s->op != Section::Op::None; });
  if (!conditional) {
    if (numeric.size() == 1 || value > 0 || (value == 0 && numeric.size() == 2)) return numeric[0];
    if (value < 0) {
      negate = true;  // the negative section carries its own sign, if any
      return numeric[1];
    }
    return numeric.size() > 2 ? numeric[2] : numeric[0];
  }
  // [cond1]a;[cond2]b;c — the first section whose condition holds; the rest get
  // the first section without one (Excel gives a plain second section "<0" when
  // only the first has a condition, like LibreOffice).
  for (const Section* s : numeric) {
    if (s->op == Section::Op::None) continue;
    if (s->matches(value)) {
      negate = value < 0 && (s->op == Section::Op::Lt || s->op == Section::Op::Le) && s->threshold <= 0;
      return s;
    }
  }
  // The first section without a condition takes the rest; as the second section it
  // is the negative one and shows no sign of its own (LibreOffice; [>100]0.0;0.00).
  for (std::size_t i = 0; i < numeric.size(); ++i) {
    if (numeric[i]->op != Section::Op::None) continue;
    negate = value < 0 && i == 1;
    return numeric[i];
  }
  return numeric.back();
}

bool Format::showsDate(double value) const {
  bool negate = false;
  const Section* s = pick(value, negate);
  return s != nullptr && s->date;
}

std::string Format::format(double value, DateSystem system) const {
  if (sections_.empty()) return general(value);
  bool negate = false;
  const Section* s = pick(value, negate);
  if (s == nullptr || (s->text && !s->date && s->intDigits == 0)) return general(value);
  const double shown = negate ? -value : value;
  if (s->date) {
    if (!(shown >= 0 && shown <= kMaxDateSerial)) {
      // Elapsed time may be negative in LibreOffice; Excel and a date show ####.
      return std::string(11, '#');
    }
    return formatDateTime(*s, shown, system);
  }
  if (s->general && s->intDigits == 0 && s->fracDigits == 0) {
    std::string out = shown < 0 ? "-" : "";
    for (const Token& t : s->tokens)
      out += t.kind == Kind::General   ? general(std::fabs(shown))
             : t.kind == Kind::Literal ? t.text
                                       : std::string();
    return out;
  }
  return formatNumberSection(*s, shown, shown < 0);
}

std::string Format::formatText(const std::string& text) const {
  const Section* s = nullptr;
  if (sections_.size() == 4)
    s = &sections_[3];
  else
    for (const Section& c : sections_)
      if (c.text) s = &c;
  if (s == nullptr) return text;
  std::string out;
  for (const Token& t : s->tokens) {
    if (t.kind == Kind::Text)
      out += text;
    else if (t.kind == Kind::Literal)
      out += t.text;
  }
  return out;
}

std::string general(double value) {
  if (std::isnan(value)) return "#NUM!";
  if (std::isinf(value)) return "#NUM!";
  if (value == 0) return "0";
  // Integers print exactly below 1e15; beyond, and below 1e-9, scientific like Excel.
  const double a = std::fabs(value);
  char buf[64];
  if (a >= 1e15 || a < 1e-9) {
    std::snprintf(buf, sizeof buf, "%.14E", value);
    std::string s = buf;
    const auto e = s.find('E');
    std::string mant = s.substr(0, e), ex = s.substr(e + 1);
    if (mant.find('.') != std::string::npos) {
      while (mant.back() == '0') mant.pop_back();
      if (mant.back() == '.') mant.pop_back();
    }
    const char sign = ex[0];
    std::string digits = ex.substr(1);
    while (digits.size() > 2 && digits[0] == '0') digits.erase(0, 1);
    return mant + "E" + sign + digits;
  }
  // Fixed notation with up to 15 significant digits, no trailing zeros (0.00001, not 1e-05).
  std::string whole, fraction;
  roundedDigits(value, kSignificantDigits - 1 - static_cast<int>(std::floor(std::log10(a))), whole, fraction);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  std::string out = value < 0 ? "-" : "";
  out += whole.empty() ? "0" : whole;
  if (!fraction.empty()) out += "." + fraction;
  return out;
}

std::string builtinCode(int id) {
  switch (id) {
    case 0:
      return "General";
    case 1:
      return "0";
    case 2:
      return "0.00";
    case 3:
      return "#,##0";
    case 4:
      return "#,##0.00";
    case 5:
      return "\"¥\"#,##0;\"¥\"-#,##0";
    case 6:
      return "\"¥\"#,##0;[Red]\"¥\"-#,##0";
    case 7:
      return "\"¥\"#,##0.00;\"¥\"-#,##0.00";
    case 8:
      return "\"¥\"#,##0.00;[Red]\"¥\"-#,##0.00";
    case 9:
      return "0%";
    case 10:
      return "0.00%";
    case 11:
      return "0.00E+00";
    case 12:
      return "# ?/?";
    case 13:
      return "# ?\?/?\?";
    case 14:
      return "yyyy/m/d";  // the locale's short date: zh-CN
    case 15:
      return "d-mmm-yy";
    case 16:
      return "d-mmm";
    case 17:
      return "mmm-yy";
    case 18:
      return "h:mm AM/PM";
    case 19:
      return "h:mm:ss AM/PM";
    case 20:
      return "h:mm";
    case 21:
      return "h:mm:ss";
    case 22:
      return "yyyy/m/d h:mm";
    case 27:
    case 36:
    case 50:
    case 52:
    case 57:
      return "yyyy\"年\"m\"月\"";
    case 28:
    case 29:
    case 51:
    case 53:
    case 54:
    case 58:
      return "m\"月\"d\"日\"";
    case 30:
      return "m-d-yy";
    case 31:
      return "yyyy\"年\"m\"月\"d\"日\"";
    case 32:
      return "h\"时\"mm\"分\"";
    case 33:
      return "h\"时\"mm\"分\"ss\"秒\"";
    case 34:
    case 55:
      return "上午/下午h\"时\"mm\"分\"";
    case 35:
    case 56:
      return "上午/下午h\"时\"mm\"分\"ss\"秒\"";
    // 37–44 as zh-CN Excel and WPS define them (ECMA-376's en-US list puts negatives in brackets).
    case 37:
      return "#,##0;-#,##0";
    case 38:
      return "#,##0;[Red]-#,##0";
    case 39:
      return "#,##0.00;-#,##0.00";
    case 40:
      return "#,##0.00;[Red]-#,##0.00";
    case 41:
      return "_ * #,##0_ ;_ * -#,##0_ ;_ * \"-\"_ ;_ @_ ";
    case 42:
      return "_ \"¥\"* #,##0_ ;_ \"¥\"* -#,##0_ ;_ \"¥\"* \"-\"_ ;_ @_ ";
    case 43:
      return "_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * \"-\"??_ ;_ @_ ";
    case 44:
      return "_ \"¥\"* #,##0.00_ ;_ \"¥\"* -#,##0.00_ ;_ \"¥\"* \"-\"??_ ;_ @_ ";
    case 45:
      return "mm:ss";
    case 46:
      return "[h]:mm:ss";
    case 47:
      return "mmss.0";
    case 48:
      return "##0.0E+0";
    case 49:
      return "@";
    default:
      return {};
  }
}

}  // namespace bangfu::numfmt
