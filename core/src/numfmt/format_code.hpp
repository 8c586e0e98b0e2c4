#pragma once
/// The parsed form of a format code, shared by the parser and the two renderers
/// (numbers in numfmt.cpp, dates and times in date_time.cpp). Private to the room.
#include <string>
#include <vector>

#include "bangfu/numfmt/numfmt.hpp"

namespace bangfu::numfmt {

struct Format::Token {
  enum class Kind {
    Literal,    ///< text printed as is ("…", \x, _x, [$SYM], unreserved characters)
    Digit,      ///< 0 # ?  (ch says which)
    Point,      ///< the decimal point
    Percent,    ///< %: the value is multiplied by 100
    Exponent,   ///< E+ or E- (ch is the sign character)
    Text,       ///< @
    General,    ///< General inside a section
    Year,       ///< y yy yyyy (count)
    Month,      ///< m mm mmm mmmm mmmmm
    Minute,     ///< m mm after an hour or before a second
    Day,        ///< d dd ddd dddd
    Hour,       ///< h hh
    Second,     ///< s ss
    SubSecond,  ///< .0 .00 .000 after seconds (count digits)
    Elapsed,    ///< [h] [mm] [ss] (ch is h, m or s)
    AmPm,       ///< AM/PM (ch 'A'), A/P (ch 'a'), 上午/下午 (ch 'C')
    Weekday,    ///< aaa aaaa: 周一 / 星期一
  };
  Kind kind = Kind::Literal;
  std::string text;  ///< Literal
  char ch = 0;
  int count = 0;
};

struct Format::Section {
  std::vector<Token> tokens;
  enum class Op { None, Lt, Le, Gt, Ge, Eq, Ne };
  Op op = Op::None;
  double threshold = 0;
  bool date = false;      ///< holds date or time tokens
  bool text = false;      ///< holds @
  bool general = false;   ///< holds General
  bool grouping = false;  ///< a comma between integer digit placeholders
  int scale = 0;          ///< trailing commas: divide by 1000 this often
  int percent = 0;        ///< % signs
  int intDigits = 0;      ///< placeholders before the point (mantissa's, with an exponent)
  int fracDigits = 0;     ///< placeholders after the point
  bool exponent = false;
  /// Month and day names in Chinese (五月, 星期四, 上午), as zh-CN Excel, WPS and
  /// LibreOffice show them; English only under another language's tag ([$-409]).
  bool chinese = true;
  [[nodiscard]] bool matches(double v) const;
};

/// The date and time part of a section (date_time.cpp).
std::string formatDateTime(const Format::Section& s, double value, DateSystem system);

}  // namespace bangfu::numfmt
