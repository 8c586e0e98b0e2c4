#include "notice/head_marks.hpp"

#include <regex>
#include <vector>

namespace bangfu::notice {
namespace {

/// Full-width digits (０–９, U+FF10–FF19) as ASCII: the likely fix of a pasted value.
std::string asciiDigits(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC) {
      const auto d = static_cast<unsigned char>(s[i + 2]);
      if (d >= 0x90 && d <= 0x99) {
        out += static_cast<char>('0' + (d - 0x90));
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

/// 7.2.1: 一般用6位3号阿拉伯数字.
constexpr std::size_t kCopyNumberDigits = 6;
/// 7.2.2, 7.2.3: the levels of 《中华人民共和国保守国家秘密法》 and of 紧急程度.
const std::vector<std::string> kSecrecyLevels = {"绝密", "机密", "秘密"};
const std::vector<std::string> kUrgencies = {"特急", "加急"};
/// 7.2.2: 密级 and 保密期限 are joined by ★ (U+2605), as in 机密★1年.
constexpr const char* kStar = "★";

bool isTerm(const std::string& s) {
  static const std::regex form("^[1-9][0-9]*(年|个月)$");
  return s == "长期" || std::regex_match(s, form);
}

bool oneOf(const std::string& s, const std::vector<std::string>& options) {
  for (const auto& o : options)
    if (s == o) return true;
  return false;
}

std::string copyNumberOf(const std::string& value, const diag::Location& where, diag::Diagnostics& diags) {
  const std::string digits = asciiDigits(value);
  const bool allDigits = !digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos;
  if (allDigits && digits.size() <= kCopyNumberDigits && digits.find_first_not_of('0') != std::string::npos) {
    if (digits != value) {
      diags.error("notice.copy-number", where,
                  "份号“" + value + "”应使用半角阿拉伯数字（GB/T 9704-2012 7.2.1）",
                  "份号 '" + value + "' should be written in ASCII digits (GB/T 9704-2012 7.2.1)",
                  "份号：" + digits, "write \"份号：" + digits + "\"");
      return {};
    }
    return std::string(kCopyNumberDigits - digits.size(), '0') + digits;
  }
  diags.error(
      "notice.copy-number", where,
      "份号“" + value + "”应为不超过6位的阿拉伯数字，如 000001（GB/T 9704-2012 7.2.1）",
      "份号 '" + value + "' should be at most six Arabic digits, such as 000001 (GB/T 9704-2012 7.2.1)",
      "份号：000001", "write \"份号：000001\"");
  return {};
}

}  // namespace

void readHeadMarks(SettingValue copyNumber, SettingValue secrecy, SettingValue term, SettingValue urgency,
                   doc::NoticeHead& head, diag::Diagnostics& diags) {
  if (copyNumber != nullptr) head.copyNumber = copyNumberOf(copyNumber->first, copyNumber->second, diags);

  std::string level;
  std::string period;
  diag::Location periodWhere;
  if (secrecy != nullptr) {
    level = secrecy->first;
    const std::size_t star = level.find(kStar);
    if (star != std::string::npos) {
      period = level.substr(star + std::string(kStar).size());
      periodWhere = secrecy->second;
      level.erase(star);
    }
    if (!oneOf(level, kSecrecyLevels)) {
      const std::string near = diag::nearest(level, kSecrecyLevels);
      diags.error("notice.secrecy", secrecy->second,
                  "密级“" + level + "”应为绝密、机密或秘密（GB/T 9704-2012 7.2.2）",
                  "密级 '" + level + "' should be 绝密, 机密 or 秘密 (GB/T 9704-2012 7.2.2)",
                  "密级：" + (near.empty() ? std::string("秘密") : near),
                  "write \"密级：" + (near.empty() ? std::string("秘密") : near) + "\"");
      level.clear();
    }
  }
  if (term != nullptr) {
    if (!period.empty()) {
      diags.error("notice.secrecy-term", term->second,
                  "保密期限写了两次：密级“" + secrecy->first + "”已含期限",
                  "the \"保密期限\" is given twice: \"密级\" '" + secrecy->first + "' already carries one",
                  "删去“保密期限”一行", "delete the \"保密期限\" line");
    } else {
      period = term->first;
      periodWhere = term->second;
    }
    if (secrecy == nullptr) {
      diags.error("notice.secrecy-term", term->second, "有保密期限而没有密级（GB/T 9704-2012 7.2.2）",
                  "a 保密期限 without a 密级 (GB/T 9704-2012 7.2.2)", "密级：秘密", "write \"密级：秘密\"");
    }
  }
  if (!period.empty() && !isTerm(period)) {
    const std::string fixed = asciiDigits(period);
    diags.error(
        "notice.secrecy-term", periodWhere,
        "保密期限“" + period + "”应写作“1年”“6个月”或“长期”，数字用阿拉伯数字（GB/T 9704-2012 7.2.2）",
        "保密期限 '" + period +
            "' should read like \"1年\", \"6个月\" or \"长期\", in Arabic digits (GB/T 9704-2012 7.2.2)",
        isTerm(fixed) ? fixed : std::string("1年"),
        "write \"" + (isTerm(fixed) ? fixed : std::string("1年")) + "\"");
    period.clear();
  }
  if (!level.empty()) head.secrecy = period.empty() ? level : level + kStar + period;

  if (urgency != nullptr) {
    if (oneOf(urgency->first, kUrgencies)) {
      head.urgency = urgency->first;
    } else {
      const std::string near = diag::nearest(urgency->first, kUrgencies);
      diags.error("notice.urgency", urgency->second,
                  "紧急程度“" + urgency->first + "”应为特急或加急（GB/T 9704-2012 7.2.3）",
                  "紧急程度 '" + urgency->first + "' should be 特急 or 加急 (GB/T 9704-2012 7.2.3)",
                  "紧急程度：" + (near.empty() ? std::string("加急") : near),
                  "write \"紧急程度：" + (near.empty() ? std::string("加急") : near) + "\"");
    }
  }
}

}  // namespace bangfu::notice
