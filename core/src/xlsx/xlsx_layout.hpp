#pragma once
/// Layout rules of the XLSX writer, apart from libxlsxwriter so tests can check
/// them: page setup from the GB/T 9704 版心, CJK-aware column widths, estimated
/// row heights and Excel sheet names. docs/xlsx.md states the rules in prose.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bangfu::xlsx::detail {

inline constexpr double kMmPerInch = 25.4;
inline constexpr double kPointsPerInch = 72;
/// Excel works at 96 dpi: the pixel sizes below are Excel's screen pixels.
inline constexpr double kPixelsPerInch = 96;

// GB/T 9704-2012 5.2.1 (spec §1 rows 2–4): white edges around the 156×225 mm 版心.
inline constexpr double kTopMm = 37;
inline constexpr double kLeftMm = 28;
inline constexpr double kRightMm = 26;
inline constexpr double kBottomMm = 35;
inline constexpr double kTypeAreaWidthMm = 156;
inline constexpr double kTypeAreaHeightMm = 225;
/// GB/T 9704 7.5: the page number's 一字线 sits 7 mm below the 版心.
inline constexpr double kPageNumberGapMm = 7;
/// The dash is drawn about half a 4号 line above the footer's bottom edge, so the
/// footer margin is the bottom margin − 7 mm − this (spec §1a: 25.5 mm in the DOCX) [D].
inline constexpr double kPageNumberRiseMm = 2.5;

/// Page margins in inches, as worksheet_set_margins takes them.
struct Margins {
  double left = 0;
  double right = 0;
  double top = 0;
  double bottom = 0;
  double footer = 0;  ///< page bottom edge to the footer (the page number)
};

/// Portrait: GB/T 9704 5.2.1. Landscape: the portrait 版心 turned with the paper
/// (spec §1 row 25: top 28, right 37, bottom 26, left 35 mm).
Margins pageMargins(bool landscape);

/// Width of the 版心 across the page in Excel pixels (156 mm portrait, 225 mm landscape).
double typeAreaWidthPx(bool landscape);

// ---- column widths -------------------------------------------------------
// An Excel column width W is in "characters" of the workbook's Normal font
// (libxlsxwriter: Calibri 11, maximum digit width 7 px) and spans 7·W + 5 px
// (MS-OI29500 2.1.598 for W ≥ 1). One display unit (text::displayWidth: East
// Asian W/F = 2) is half an em of the cell font: 2/3 px per point at 96 dpi.

inline constexpr double kDigitWidthPx = 7;     ///< Calibri 11 maximum digit width
inline constexpr double kColumnPaddingPx = 5;  ///< Excel's per-column padding
/// One 字 (2 display units) left free beside the widest line, so text never
/// touches the borders.
inline constexpr std::size_t kWidthPaddingUnits = 2;
/// No column narrower than this (characters): room for a 2-digit number and padding.
inline constexpr double kMinColumnWidth = 4;
/// A sane maximum (characters): long lists wrap instead of making a 255-wide column.
inline constexpr double kMaxColumnWidth = 50;
/// When the natural widths overflow the 版心, wide columns give way down to this
/// (characters) before fit-to-width has to shrink the print.
inline constexpr double kMinWrapWidth = 10;

/// text::displayWidth with a fast path for ASCII and the blocks a Chinese table
/// is made of (CJK Unified Ideographs, CJK punctuation, full-width forms), which
/// UAX #11 classes W/F throughout; anything else goes to ICU. Same results.
std::size_t displayWidth(std::string_view utf8);

/// Pixels of `du` display units at `fontPt`.
double displayUnitsPx(double du, double fontPt);
/// Pixels a column of width `width` (characters) spans.
double columnPx(double width);
/// The natural width (characters) for a widest line of `maxLineDu` display
/// units at `fontPt`: the line plus one 字, clamped to [kMinColumnWidth, kMaxColumnWidth].
double naturalColumnWidth(std::size_t maxLineDu, double fontPt);
/// Final widths: narrower than the 版心 (`targetPx`) → widened in proportion to
/// fill it (the DOCX table fills the text width); wider → the widest columns
/// share what the narrow ones leave (water-filling, not below kMinWrapWidth);
/// whatever still overflows is left to fit-to-width. Rounded to 1/100.
std::vector<double> fitColumnWidths(const std::vector<double>& natural, double targetPx);

// ---- row heights ---------------------------------------------------------
/// Line height in em: Noto Sans CJK, the usual stand-in for 仿宋_GB2312 and 黑体,
/// has ascent + descent = 1.448 em; Windows' CJK fonts need less, so rows err tall.
inline constexpr double kLineHeightEm = 1.45;
/// Space above and below the text in a row (points).
inline constexpr double kRowPaddingPt = 4;
/// Excel's inner cell margin on both sides together (pixels).
inline constexpr double kCellInnerPx = 6;
/// Excel's largest row height (points).
inline constexpr double kMaxRowHeightPt = 409;

/// Lines a text line of `lineDu` display units takes when wrapped in `widthPx`.
int wrappedLines(std::size_t lineDu, double widthPx, double fontPt);
/// Row height (points) for `lines` lines at `fontPt`, capped at Excel's maximum.
double rowHeightPt(int lines, double fontPt);

// ---- sheet names -----------------------------------------------------------
/// Excel's limits: at most 31 characters (code points here), none of []:*?/\,
/// not starting or ending with an apostrophe, unique without regard to case;
/// "History" is reserved.
inline constexpr std::size_t kMaxSheetNameLength = 31;

struct SheetName {
  std::string name;
  std::string why;    ///< empty when the wanted name was kept; else the reasons (Chinese)
  std::string whyEn;  ///< the same in English
};

/// Makes every wanted name a valid, unique sheet name: line breaks and control
/// characters dropped, forbidden characters replaced by their full-width forms
/// (/ → ／), outer apostrophes and spaces trimmed, empty names numbered 表N,
/// cut to 31 code points, and duplicates suffixed （2）, （3）…
std::vector<SheetName> makeSheetNames(const std::vector<std::string>& wanted);

/// Excel's column letters for a 0-based column: 0 → A, 26 → AA.
std::string columnLetters(std::size_t col);

}  // namespace bangfu::xlsx::detail
