#pragma once
// Proleptic Gregorian calendar arithmetic on day counts since 1970-01-01: the one
// copy used by the XLSX reader (serial dates), the number formats and the ZIP
// writer's DOS timestamps. Algorithms: H. Hinnant, "chrono-Compatible Low-Level
// Date Algorithms" (civil_from_days, days_from_civil).

namespace bangfu::util {

struct CivilDate {
  long long year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
};

constexpr CivilDate civilFromDays(long long days) {
  days += 719468;
  const long long era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  CivilDate date;
  date.day = doy - (153 * mp + 2) / 5 + 1;
  date.month = mp < 10 ? mp + 3 : mp - 9;
  date.year = static_cast<long long>(yoe) + era * 400 + (date.month <= 2 ? 1 : 0);
  return date;
}

constexpr long long daysFromCivil(long long year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const long long era = (year >= 0 ? year : year - 399) / 400;
  const auto yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

static_assert(civilFromDays(0).year == 1970 && civilFromDays(0).month == 1 && civilFromDays(0).day == 1);
static_assert(daysFromCivil(2000, 2, 29) == 11016 && civilFromDays(11016).day == 29);
static_assert(civilFromDays(-25569).year == 1899 && civilFromDays(-25569).day == 30);

}  // namespace bangfu::util
