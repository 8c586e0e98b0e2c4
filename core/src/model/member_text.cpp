#include "bangfu/model/member_text.hpp"

#include <regex>

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

// Full-width brackets only, so one code path handles both spellings.
std::string fullWidthBrackets(std::string_view text) {
  std::string s;
  for (char c : text) {
    if (c == '(') s += kOpen;
    else if (c == ')') s += kClose;
    else s += c;
  }
  return s;
}

bool startsWith(const std::string& s, std::string_view p) { return s.compare(0, p.size(), p) == 0; }
bool endsWith(const std::string& s, std::string_view p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}
}  // namespace

TeamMember parseMemberText(std::string_view text) {
  TeamMember m;
  std::string s = trim(fullWidthBrackets(text));
  // Trailing multiplicity: （2个） or （2）.
  static const std::regex kMultiplicity("（([0-9]+)(?:个)?）$");  // (?:) because 个 is 3 bytes
  std::smatch match;
  if (std::regex_search(s, match, kMultiplicity) && match.position(0) > 0) {
    m.multiplicity = std::stoi(match[1].str());
    s = trim(s.substr(0, static_cast<std::size_t>(match.position(0))));
  }
  // A whole entry in brackets is a joint group: （市文联、市社科联）.
  if (startsWith(s, kOpen) && endsWith(s, kClose)) {
    std::string inner = s.substr(kOpen.size(), s.size() - kOpen.size() - kClose.size());
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
  if (member.multiplicity != 1) s += std::string(kOpen) + std::to_string(member.multiplicity) + "个" + std::string(kClose);
  return s;
}

}  // namespace bangfu::model
