#pragma once
/// Spreadsheet number formats (ECMA-376 Part 1 §18.8.30 numFmt, §18.8.31 format
/// codes): what a cell shows for its value, as Excel, WPS and LibreOffice show it.
/// The reader keeps the value; this gives the text the office sees.
///
///   numfmt::Format f = numfmt::Format::parse("#,##0.00;[Red](#,##0.00)");
///   f.format(-1234.5) == "(1,234.50)"
///
/// Supported: General, @, up to four sections (positive; negative; zero; text) and
/// [>=N]-style conditions; 0 # ? . , (grouping, and scaling by trailing commas) %
/// E+ E-; "literals", \x escapes, _x spacing (one space) and *x fill (dropped);
/// [$SYM-LCID] currency and locale tags; colours ignored; dates and times with
/// y m d h s, AM/PM, A/P, 上午/下午, elapsed [h] [m] [s], fractional seconds;
/// 1900 and 1904 date systems. Fractions (# ?/?) print as decimals.
#include <string>
#include <string_view>
#include <vector>

namespace bangfu::numfmt {

/// workbookPr@date1904 (§18.2.28): serial 0 is 1899-12-31 (with Lotus's 1900-02-29)
/// or 1904-01-01.
enum class DateSystem { Y1900, Y1904 };

/// A parsed format code. Parsing never fails: what is not understood is printed
/// as a literal, as Excel does with characters it does not reserve.
class Format {
 public:
  struct Token;
  struct Section;

  static Format parse(std::string_view code);
  /// The format of a built-in numFmtId (§18.8.30, with the zh-CN ids 27–36 and 50–58);
  /// General for an unknown id.
  static Format builtin(int id);

  /// The text shown for a number. A date or time outside 0 … 2958465.99999
  /// (9999-12-31) shows as Excel does: a row of '#'.
  [[nodiscard]] std::string format(double value, DateSystem system = DateSystem::Y1900) const;
  /// The text shown for a text cell: the fourth section (or the only section when
  /// it holds @), else the text unchanged.
  [[nodiscard]] std::string formatText(const std::string& text) const;
  /// Whether the section that shows `value` is a date or time.
  [[nodiscard]] bool showsDate(double value) const;
  /// Whether any section is a date or time.
  [[nodiscard]] bool isDate() const;
  [[nodiscard]] bool isGeneral() const;

  Format();
  ~Format();
  Format(const Format&);
  Format(Format&&) noexcept;
  Format& operator=(const Format&);
  Format& operator=(Format&&) noexcept;

 private:
  std::vector<Section> sections_;
  [[nodiscard]] const Section* pick(double value, bool& negate) const;
};

/// The code of a built-in numFmtId as written in §18.8.30 (zh-CN for 27–36, 50–58;
/// 14 and 22 as zh-CN shows them: yyyy/m/d), or empty for an unknown id.
std::string builtinCode(int id);

/// Excel's General: up to 11 significant characters for large or small values
/// switching to scientific notation (1.23457E+11), integers exact, no trailing zeros.
std::string general(double value);

}  // namespace bangfu::numfmt
