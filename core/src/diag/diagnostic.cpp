#include "bangfu/diag/diagnostic.hpp"

#include <unicode/unistr.h>

#include <algorithm>

namespace bangfu::diag {

std::string cellName(int row, int column) {
  if (row <= 0 || column <= 0) return {};
  std::string letters;
  for (int c = column; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), char('A' + (c - 1) % 26));
  return letters + std::to_string(row);
}

std::string Location::str() const {
  std::string s = file;
  if (!sheet.empty()) {
    s += ':';
    s += sheet;
    const std::string cell = cellName(row, column);
    if (!cell.empty()) {
      s += '!';
      s += cell;
    } else if (row > 0) {
      const std::string r = std::to_string(row);
      s += '!';
      s += r;
      s += ':';
      s += r;
    }
  } else if (row > 0) {
    s += ':';
    s += std::to_string(row);
    if (column > 0) {
      s += ':';
      s += std::to_string(column);
    }
  }
  if (!field.empty()) {
    s += " [";
    s += field;
    s += ']';
  }
  return s;
}

namespace {

constexpr const char* kOpenQuote = "\xE2\x80\x9C";   // “
constexpr const char* kCloseQuote = "\xE2\x80\x9D";  // ”

/// Whether `s` holds CJK text (U+2E80–U+9FFF, full-width forms) outside “…”.
bool chineseOutsideQuotes(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  bool quoted = false;
  for (int32_t i = 0; i < u.length(); i += U16_LENGTH(u.char32At(i))) {
    const UChar32 c = u.char32At(i);
    if (c == 0x201C)
      quoted = true;
    else if (c == 0x201D)
      quoted = false;
    else if (!quoted && ((c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xFF00 && c <= 0xFFEF)))
      return true;
  }
  return false;
}

/// X when `s` is exactly prefix“X”suffix.
bool quotedForm(const std::string& s, const std::string& prefix, const std::string& suffix, std::string& x) {
  const std::string open = prefix + kOpenQuote, close = std::string(kCloseQuote) + suffix;
  if (s.size() <= open.size() + close.size() || s.compare(0, open.size(), open) != 0 ||
      s.compare(s.size() - close.size(), close.size(), close) != 0)
    return false;
  x = s.substr(open.size(), s.size() - open.size() - close.size());
  return x.find(kOpenQuote) == std::string::npos;
}

}  // namespace

std::string Diagnostic::englishHint() const {
  if (!suggestionEn.empty() || suggestion.empty()) return suggestionEn;
  std::string x;
  if (quotedForm(suggestion, "改为", "", x)) return "change it to \"" + x + "\"";
  if (quotedForm(suggestion, "是否为", "？", x)) return "did you mean \"" + x + "\"?";
  return chineseOutsideQuotes(suggestion) ? std::string() : suggestion;
}

std::string Diagnostic::format(bool english) const {
  std::string s = where.str();
  const std::string& text = english && !messageEn.empty() ? messageEn : message;
  s.reserve(s.size() + code.size() + text.size() + suggestion.size() + 32);
  if (!s.empty()) s += ": ";
  switch (severity) {
    case Severity::Error:
      s += english ? "error" : "错误";
      break;
    case Severity::Warning:
      s += english ? "warning" : "警告";
      break;
    case Severity::Note:
      s += english ? "acknowledged" : "已确认";
      break;
  }
  s += ' ';
  s += code;
  s += ": ";
  s += text;
  if (english) {
    const std::string hint = englishHint();
    if (!hint.empty()) {
      s += " (hint: ";
      s += hint;
      s += ')';
    }
  } else if (!suggestion.empty()) {
    s += "（建议：";
    s += suggestion;
    s += "）";
  }
  return s;
}

void Diagnostics::error(std::string code, Location where, std::string zh, std::string en,
                        std::string suggestion, std::string suggestionEn) {
  items_.push_back({Severity::Error, std::move(code), std::move(where), std::move(zh), std::move(en),
                    std::move(suggestion), std::move(suggestionEn)});
}

void Diagnostics::warning(std::string code, Location where, std::string zh, std::string en,
                          std::string suggestion, std::string suggestionEn) {
  items_.push_back({Severity::Warning, std::move(code), std::move(where), std::move(zh), std::move(en),
                    std::move(suggestion), std::move(suggestionEn)});
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::hasErrors() const { return errorCount() > 0; }

std::size_t Diagnostics::errorCount() const {
  return static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::size_t Diagnostics::warningCount() const {
  return static_cast<std::size_t>(std::count_if(
      items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::Warning; }));
}

std::size_t Diagnostics::noteCount() const { return items_.size() - errorCount() - warningCount(); }

void Diagnostics::note(std::string code, Location where, std::string zh, std::string en,
                       std::string suggestion) {
  items_.push_back({Severity::Note,
                    std::move(code),
                    std::move(where),
                    std::move(zh),
                    std::move(en),
                    std::move(suggestion),
                    {}});
}

bool Diagnostics::has(const std::string& code) const {
  return std::any_of(items_.begin(), items_.end(), [&](const Diagnostic& d) { return d.code == code; });
}

InputError::InputError(Diagnostic d) : std::runtime_error(d.format()), diag_(std::move(d)) {}

namespace {
std::u32string toU32(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  std::u32string out;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    out.push_back(static_cast<char32_t>(c));
    i += U16_LENGTH(c);
  }
  return out;
}
}  // namespace

std::size_t editDistance(const std::string& a, const std::string& b) {
  const std::u32string x = toU32(a), y = toU32(b);
  std::vector<std::size_t> prev(y.size() + 1), cur(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[y.size()];
}

std::string nearest(const std::string& wanted, const std::vector<std::string>& candidates) {
  const std::size_t len = toU32(wanted).size();
  const std::size_t limit = std::max<std::size_t>(1, len / 3);
  std::string best;
  std::size_t bestDistance = limit + 1;
  for (const auto& c : candidates) {
    const std::size_t d = editDistance(wanted, c);
    if (d < bestDistance && d > 0) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

}  // namespace bangfu::diag
