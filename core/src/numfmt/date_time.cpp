// Dates and times of a format section (ECMA-376 Part 1 §18.8.31, §18.17.4.1 date systems).
#include <cmath>
#include <cstdio>

#include "bangfu/util/civil_date.hpp"
#include "numfmt/format_code.hpp"

namespace bangfu::numfmt {

using Kind = Format::Token::Kind;

namespace {

// §18.17.4.1: the 1900 system counts 1900-01-01 as 1 and keeps Lotus's
// fictitious 1900-02-29 as 60; the 1904 system counts from 1904-01-01 as 0.
constexpr long long kUnixDaysOf18991230 = -25569;
constexpr long long kUnixDaysOf19040101 = -24107;
constexpr long long kFictitiousLeapDay = 60;
constexpr long long kSecondsPerDay = 86400;

const char* const kMonthShort[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* const kMonthLong[] = {"January", "February", "March",     "April",   "May",      "June",
                                  "July",    "August",   "September", "October", "November", "December"};
const char* const kDayShort[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
const char* const kDayLong[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
const char* const kChineseDigit[] = {"日", "一", "二", "三", "四", "五", "六"};
const char* const kChineseMonth[] = {"一", "二", "三", "四", "五",   "六",
                                     "七", "八", "九", "十", "十一", "十二"};

struct Moment {
  long long year = 1900;
  int month = 1, day = 0, weekday = 6;  // serial 0: 1900-01-00, a Saturday in Excel
  long long hour = 0, minute = 0, second = 0;
  long long subUnits = 0;  ///< fraction of a second in 10^-subDigits
  long long totalSeconds = 0;
};

void setDate(Moment& m, const util::CivilDate& date) {
  m.year = date.year;
  m.month = static_cast<int>(date.month);
  m.day = static_cast<int>(date.day);
}

Moment split(double serial, DateSystem system, int subDigits, bool showsTime) {
  long long unitsPerSecond = 1;
  for (int k = 0; k < subDigits; ++k) unitsPerSecond *= 10;
  // A time is rounded to the second (or the fraction shown), as Excel shows it; a
  // date alone is the serial's whole day.
  const double scaled = serial * static_cast<double>(kSecondsPerDay * unitsPerSecond);
  const auto units = static_cast<long long>(showsTime ? std::llround(scaled) : std::floor(scaled));
  const long long perDay = kSecondsPerDay * unitsPerSecond;
  const long long day = units / perDay;
  const long long inDay = units % perDay;
  Moment m;
  m.totalSeconds = units / unitsPerSecond;
  m.subUnits = inDay % unitsPerSecond;
  const long long secs = inDay / unitsPerSecond;
  m.hour = secs / 3600;
  m.minute = secs / 60 % 60;
  m.second = secs % 60;
  if (system == DateSystem::Y1904) {
    setDate(m, util::civilFromDays(kUnixDaysOf19040101 + day));
    m.weekday = static_cast<int>(((kUnixDaysOf19040101 + day) % 7 + 11) % 7);  // 1970-01-01 was a Thursday
  } else if (day == kFictitiousLeapDay) {
    m.year = 1900, m.month = 2, m.day = 29, m.weekday = 3;
  } else if (day >= 1) {
    // Before the fictitious day the serials are one day ahead of the calendar.
    const long long shift = day < kFictitiousLeapDay ? 1 : 0;
    setDate(m, util::civilFromDays(kUnixDaysOf18991230 + day + shift));
    // Excel's 1900-01-01 (serial 1) is a Sunday: the fictitious leap day shifts the weekdays before it.
    m.weekday = static_cast<int>(day < kFictitiousLeapDay ? (day + 6) % 7
                                                          : ((kUnixDaysOf18991230 + day) % 7 + 11) % 7);
  }
  return m;
}

std::string padded(long long v, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*lld", width, v);
  return buf;
}

}  // namespace

std::string formatDateTime(const Format::Section& s, double value, DateSystem system) {
  int subDigits = 0;
  bool twelveHour = false;
  bool showsTime = false;
  for (const auto& t : s.tokens) {
    if (t.kind == Kind::SubSecond) subDigits = std::max(subDigits, t.count);
    if (t.kind == Kind::AmPm) twelveHour = true;
    if (t.kind == Kind::Hour || t.kind == Kind::Minute || t.kind == Kind::Second || t.kind == Kind::Elapsed ||
        t.kind == Kind::AmPm || t.kind == Kind::SubSecond)
      showsTime = true;
  }
  const Moment m = split(value, system, subDigits, showsTime);
  // The largest elapsed unit shows the total; smaller units show what is left of it.
  char largest = 0;
  for (const auto& t : s.tokens)
    if (t.kind == Kind::Elapsed)
      largest = largest == 'h' || t.ch == 'h' ? 'h' : largest == 'm' || t.ch == 'm' ? 'm' : 's';
  std::string out;
  for (const auto& t : s.tokens) {
    switch (t.kind) {
      case Kind::Literal:
        out += t.text;
        break;
      case Kind::Year:
        out += t.count <= 2 ? padded(m.year % 100, 2) : padded(m.year, 4);
        break;
      case Kind::Month:
        if (t.count <= 2)
          out += padded(m.month, t.count);
        else if (s.chinese)
          out += t.count == 3   ? std::to_string(m.month) + "月"
                 : t.count == 4 ? std::string(kChineseMonth[m.month - 1]) + "月"
                                : std::string(kChineseMonth[m.month - 1], 3);  // mmmmm: 十 for 十二
        else if (t.count == 3)
          out += kMonthShort[m.month - 1];
        else if (t.count == 4)
          out += kMonthLong[m.month - 1];
        else
          out += kMonthShort[m.month - 1][0];  // mmmmm: the initial
        break;
      case Kind::Day:
        if (t.count <= 2)
          out += padded(m.day, t.count);
        else if (s.chinese)
          out += std::string(t.count == 3 ? "" : "星期") + kChineseDigit[m.weekday];
        else
          out += t.count == 3 ? kDayShort[m.weekday] : kDayLong[m.weekday];
        break;
      case Kind::Weekday:  // aaa 四, aaaa 星期四 (zh-CN Excel)
        out += std::string(t.count == 3 ? "" : "星期") + kChineseDigit[m.weekday];
        break;
      case Kind::Hour: {
        long long h = m.hour;
        if (twelveHour) h = h % 12 == 0 ? 12 : h % 12;
        out += padded(h, std::min(t.count, 2));
        break;
      }
      case Kind::Minute:
        out += padded(m.minute, std::min(t.count, 2));
        break;
      case Kind::Second:
        out += padded(m.second, std::min(t.count, 2));
        break;
      case Kind::SubSecond: {
        long long sub = m.subUnits;
        for (int k = t.count; k < subDigits; ++k) sub /= 10;
        out += "." + padded(sub, t.count);
        break;
      }
      case Kind::Elapsed: {
        const long long v = t.ch == 'h'   ? m.totalSeconds / 3600
                            : t.ch == 'm' ? (largest == 'm' ? m.totalSeconds / 60 : m.totalSeconds / 60 % 60)
                                          : (largest == 's' ? m.totalSeconds : m.totalSeconds % 60);
        out += padded(v, t.count);
        break;
      }
      case Kind::AmPm:
        if (t.ch == 'C' || (t.ch == 'A' && s.chinese))
          out += m.hour < 12 ? "上午" : "下午";
        else if (t.ch == 'A')
          out += m.hour < 12 ? "AM" : "PM";
        else
          out += m.hour < 12 ? "A" : "P";
        break;
      default:
        break;
    }
  }
  return out;
}

}  // namespace bangfu::numfmt
