#pragma once
/// Cell styles of the XLSX writer: faces, sizes, alignment and borders of each
/// kind of cell, turned into libxlsxwriter formats created once and reused.
#include <xlsxwriter.h>

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "bangfu/doc/document.hpp"

namespace bangfu::xlsx::detail {

/// What a cell or row is, which decides its default face and borders.
enum class Role : std::uint8_t { Label, Title, Header, Body, Text };

struct Style {
  doc::Face face = doc::Face::Fang;
  bool bold = false;
  bool operator==(const Style& o) const { return face == o.face && bold == o.bold; }
  bool operator!=(const Style& o) const { return !(*this == o); }
};

/// A run's style: its own face and bold over the cell's `base`.
Style effective(const doc::Run& r, Style base);

/// The style a cell's format carries: the one style all its non-empty runs share,
/// or `base` when they differ (the runs then go out as a rich string).
Style cellStyle(const std::vector<doc::Paragraph>& lines, Style base);

struct FormatKey {
  Role role;
  Style style;
  doc::Align align;
  bool border;
  int halfPt;
  /// The number format (ECMA-376 §18.8.31 code, doc::Cell::numberFormat); empty: General.
  std::string numFormat;
  bool operator<(const FormatKey& o) const {
    return std::tie(role, style.face, style.bold, align, border, halfPt, numFormat) <
           std::tie(o.role, o.style.face, o.style.bold, o.align, o.border, o.halfPt, o.numFormat);
  }
};

/// Every format is created once, on first use, and reused for every cell
/// (libxlsxwriter keeps each format until the workbook closes).
class Formats {
 public:
  explicit Formats(lxw_workbook* wb) : wb_(wb) {}

  lxw_format* cell(const FormatKey& k);
  /// A font-only format for one fragment of a rich string.
  lxw_format* font(Style s, int halfPt);
  /// The same in layout::fallbackFamily(s.face): a fragment of characters the
  /// face lacks (as the DOCX's w:rFonts w:eastAsia on that run).
  lxw_format* fallbackFont(Style s, int halfPt);

 private:
  lxw_workbook* wb_;
  std::map<FormatKey, lxw_format*> cells_;
  lxw_format* fontFormat(Style s, int halfPt, bool fallback);
  /// Font-only formats by face, bold, size and whether they name the fallback face.
  std::map<std::tuple<doc::Face, bool, int, bool>, lxw_format*> fonts_;
};

}  // namespace bangfu::xlsx::detail
