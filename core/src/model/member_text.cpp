#include "bangfu/model/member_text.hpp"

#include <optional>

namespace bangfu::model {

namespace {
constexpr std::string_view kOpen = "（";
constexpr std::string_view kClose = "）";
constexpr std::string_view kComma = "、";

std::string trim(std::string s) {
  const char* ws = " \t\r\n";
  s.erase(0, s.find_first_not_of(ws));
  s.erase(s.find_last_not_of(ws) + 1);
  // U+3000 ideographic space at either end
  while (s.rfind("\u3000", 0) == 0) s.erase(0, 3);
  while (s.size() >= 3 && s.compare(s.size() - 3, 3, "\u3000") == 0) s.erase(s.size() - 3);
  return s;
}

bool startsWith(const std::string& s, std::string_view p) { return s.compare(0, p.size(), p) == 0; }
bool endsWith(const std::string& s, std::string_view p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

/// The value of a run of ASCII digits when it lies in kMinMultiplicity..kMaxMultiplicity;
/// longer runs are rejected before any arithmetic, so nothing can overflow.
std::optional<int> boundedCount(const std::string& digits) {
  std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return std::nullopt;  // all zeros
  constexpr std::size_t kMaxDigits = 3;                 // kMaxMultiplicity has three
  if (digits.size() - first > kMaxDigits) return std::nullopt;
  int n = 0;
  for (std::size_t i = first; i < digits.size(); ++i) n = n * 10 + (digits[i] - '0');
  if (n < kMinMultiplicity || n > kMaxMultiplicity) return std::nullopt;
  return n;
}

/// Bytes of the opening bracket ending at `end` / the closing one at the end of `s`,
/// full-width or half-width (丽水开发区管委会(2) is how one seed writes it); 0 if none.
/// The brackets are matched where they are, so a name keeps the form it was typed in
/// and 中国人民银行(丽水) still finds the unit registered as 中国人民银行(丽水).
std::size_t openBefore(const std::string& s, std::size_t end) {
  if (end >= kOpen.size() && s.compare(end - kOpen.size(), kOpen.size(), kOpen) == 0) return kOpen.size();
  return end >= 1 && s[end - 1] == '(' ? 1 : 0;
}
std::size_t closeAtEnd(const std::string& s) {
  if (endsWith(s, kClose)) return kClose.size();
  return !s.empty() && s.back() == ')' ? 1 : 0;
}
bool startsWithOpen(const std::string& s) { return startsWith(s, kOpen) || startsWith(s, "("); }

/// Byte offsets of a trailing （digits个） or （digits） in `s`.
struct TrailingCount {
  std::size_t open, digitsBegin, digitsEnd;
};
std::optional<TrailingCount> trailingCount(const std::string& s) {
  constexpr std::string_view kPiece = "个";
  const std::size_t close = closeAtEnd(s);
  if (close == 0) return std::nullopt;
  std::size_t end = s.size() - close;
  if (end >= kPiece.size() && s.compare(end - kPiece.size(), kPiece.size(), kPiece) == 0)
    end -= kPiece.size();
  std::size_t begin = end;
  while (begin > 0 && s[begin - 1] >= '0' && s[begin - 1] <= '9') --begin;
  const std::size_t open = begin == end ? 0 : openBefore(s, begin);
  if (open == 0 || begin - open == 0) return std::nullopt;  // （2个） alone has no unit
  return TrailingCount{begin - open, begin, end};
}
}  // namespace

TeamMember parseMemberText(std::string_view text, diag::Diagnostics* diags, const diag::Location& where) {
  TeamMember m;
  std::string s = trim(std::string(text));
  // Trailing multiplicity: （2个） or （2）, after at least one character of name.
  if (const auto count = trailingCount(s)) {
    const std::string digits = s.substr(count->digitsBegin, count->digitsEnd - count->digitsBegin);
    if (const std::optional<int> n = boundedCount(digits)) {
      m.multiplicity = *n;
    } else if (diags) {
      diags->error("member.bad-count", where,
                   "“" + std::string(text) + "”中的组数" + digits + "超出范围（应为 " +
                       std::to_string(kMinMultiplicity) + " 到 " + std::to_string(kMaxMultiplicity) + "）",
                   "the count " + digits + " in \"" + std::string(text) + "\" is out of range (" +
                       std::to_string(kMinMultiplicity) + " to " + std::to_string(kMaxMultiplicity) + ")",
                   "写明该单位派出的工作组数，如“（2个）”；只派 1 个组时不写括号",
                   "give the number of working groups the unit sends, e.g. \"（2个）\"; for one group write "
                   "no brackets");
      m.multiplicity = 1;
    } else {
      m.multiplicity = 0;
    }
    s = trim(s.substr(0, count->open));
  }
  // A whole entry in brackets is a joint group: （市文联、市社科联）.
  if (startsWithOpen(s) && closeAtEnd(s) > 0) {
    const std::size_t open = startsWith(s, kOpen) ? kOpen.size() : 1;
    const std::size_t close = closeAtEnd(s);
    std::string inner = s.substr(open, s.size() - open - close);
    std::size_t pos = 0;
    while (true) {
      std::size_t next = inner.find(kComma, pos);
      std::string part = trim(inner.substr(pos, next == std::string::npos ? std::string::npos : next - pos));
      if (!part.empty()) m.units.push_back(part);
      if (next == std::string::npos) break;
      pos = next + kComma.size();
    }
    if (m.units.size() > 1) return m;
    m.units.clear();
  }
  m.units.push_back(s);
  return m;
}

std::string formatMemberText(const TeamMember& member, const Scheme* scheme) {
  auto nameOf = [&](const std::string& id) {
    if (scheme) {
      if (const Unit* u = scheme->findUnit(id)) return u->name;
    }
    return id;
  };
  std::string s;
  if (member.isJoint()) {
    s += kOpen;
    for (std::size_t i = 0; i < member.units.size(); ++i) {
      if (i) s += kComma;
      s += nameOf(member.units[i]);
    }
    s += kClose;
  } else if (!member.units.empty()) {
    s = nameOf(member.units.front());
  }
  if (member.multiplicity != 1)
    s += std::string(kOpen) + std::to_string(member.multiplicity) + "个" + std::string(kClose);
  return s;
}

}  // namespace bangfu::model
