#include "pdf/normalize.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/MD5Engine.h>

#include <cctype>
#include <cstdio>
#include <ctime>
#include <vector>

namespace bangfu::pdf::detail {

namespace {

/// D:YYYYMMDDHHmmSS: the 14 digits of a PDF date (ISO 32000-1 7.9.4).
constexpr std::size_t kDateDigits = 14;

bool isHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

std::string utcDigits(long long epoch) {
  const auto t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

/// Sets every date that follows `key` ("/CreationDate(D:") to `digits`, and its
/// zone (Z, +HH'mm', -HH'mm') to a zero offset of the same length.
int fixDates(std::string& pdf, const std::string& key, const std::string& digits) {
  int n = 0;
  for (auto pos = pdf.find(key); pos != std::string::npos; pos = pdf.find(key, pos + 1)) {
    std::size_t p = pos + key.size();
    std::size_t d = 0;
    while (d < kDateDigits && p + d < pdf.size() && std::isdigit(static_cast<unsigned char>(pdf[p + d]))) ++d;
    if (d != kDateDigits) continue;
    pdf.replace(p, kDateDigits, digits);
    for (p += kDateDigits; p < pdf.size() && pdf[p] != ')'; ++p) {
      if (pdf[p] == '-') pdf[p] = '+';
      if (std::isdigit(static_cast<unsigned char>(pdf[p]))) pdf[p] = '0';
    }
    ++n;
  }
  return n;
}

struct Span {
  std::size_t pos;
  std::size_t len;
};

/// The hex digits of `<...>` strings after "/ID" (two of them) and of the name
/// after "/DocChecksum /".
std::vector<Span> idSpans(const std::string& pdf) {
  std::vector<Span> spans;
  const std::string id = "/ID";
  for (auto pos = pdf.find(id); pos != std::string::npos; pos = pdf.find(id, pos + 1)) {
    std::size_t p = pos + id.size();
    while (p < pdf.size() && (pdf[p] == ' ' || pdf[p] == '\r' || pdf[p] == '\n')) ++p;
    if (p >= pdf.size() || pdf[p] != '[') continue;
    ++p;
    for (int k = 0; k < 2; ++k) {
      while (p < pdf.size() && (pdf[p] == ' ' || pdf[p] == '\r' || pdf[p] == '\n')) ++p;
      if (p >= pdf.size() || pdf[p] != '<') break;
      const std::size_t start = ++p;
      while (p < pdf.size() && isHex(pdf[p])) ++p;
      if (p >= pdf.size() || pdf[p] != '>') break;
      spans.push_back({start, p - start});
      ++p;
    }
  }
  const std::string sum = "/DocChecksum /";
  for (auto pos = pdf.find(sum); pos != std::string::npos; pos = pdf.find(sum, pos + 1)) {
    const std::size_t start = pos + sum.size();
    std::size_t p = start;
    while (p < pdf.size() && isHex(pdf[p])) ++p;
    if (p > start) spans.push_back({start, p - start});
  }
  return spans;
}

}  // namespace

int normalizePdf(std::string& pdf, long long epoch) {
  const std::string digits = utcDigits(epoch);
  int n = fixDates(pdf, "/CreationDate(D:", digits) + fixDates(pdf, "/ModDate(D:", digits);
  const auto spans = idSpans(pdf);
  if (spans.empty()) return n;
  for (const auto& s : spans) pdf.replace(s.pos, s.len, s.len, '0');
  Poco::MD5Engine md5;
  md5.update(pdf.data(), pdf.size());
  std::string hex = Poco::DigestEngine::digestToHex(md5.digest());
  for (auto& c : hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const auto& s : spans) {
    for (std::size_t i = 0; i < s.len; ++i) pdf[s.pos + i] = hex[i % hex.size()];
    ++n;
  }
  return n;
}

}  // namespace bangfu::pdf::detail
