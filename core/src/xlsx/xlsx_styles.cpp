// Cell formats of the XLSX writer (xlsx_styles.hpp).
#include "xlsx/xlsx_styles.hpp"

#include <optional>

#include "bangfu/layout/measure.hpp"

namespace bangfu::xlsx::detail {

using doc::Align;
using doc::Face;
using doc::Paragraph;
using doc::Run;

namespace {

/// GB2312 font charset for the CJK faces (spec §4 "Fonts").
constexpr std::uint8_t kCharsetGb2312 = 134;

/// GB/T 9704 face names (spec §1 rows 7–9, 15, 18).
const char* faceName(Face f) {
  switch (f) {
    case Face::Hei:
      return "黑体";
    case Face::Kai:
      return "楷体_GB2312";
    case Face::Song:
      return "宋体";
    case Face::Title:
      return "方正小标宋简体";
    case Face::Fang:
    case Face::Inherit:
      break;
  }
  return "仿宋_GB2312";
}

std::uint8_t horizontal(Align a) {
  switch (a) {
    case Align::Left:
      return LXW_ALIGN_LEFT;
    case Align::Right:
      return LXW_ALIGN_RIGHT;
    case Align::Justify:
      return LXW_ALIGN_JUSTIFY;
    case Align::Distribute:
      return LXW_ALIGN_DISTRIBUTED;
    case Align::Center:
    case Align::Inherit:
      break;
  }
  return LXW_ALIGN_CENTER;
}

void setFont(lxw_format* f, Style s, int halfPt) {
  format_set_font_name(f, faceName(s.face));
  format_set_font_size(f, halfPt / 2.0);
  format_set_font_charset(f, kCharsetGb2312);
  if (s.bold) format_set_bold(f);
}

}  // namespace

Style effective(const Run& r, Style base) {
  return Style{r.face == Face::Inherit ? base.face : r.face, r.bold || base.bold};
}

Style cellStyle(const std::vector<Paragraph>& lines, Style base) {
  std::optional<Style> uniform;
  for (const Paragraph& para : lines) {
    for (const Run& run : para.runs) {
      if (run.text.empty()) continue;
      const Style st = effective(run, base);
      if (!uniform) {
        uniform = st;
      } else if (st != *uniform) {
        return base;
      }
    }
  }
  return uniform.value_or(base);
}

lxw_format* Formats::cell(const FormatKey& k) {
  auto it = cells_.find(k);
  if (it != cells_.end()) return it->second;
  lxw_format* f = workbook_add_format(wb_);
  setFont(f, k.style, k.halfPt);
  format_set_align(f, horizontal(k.align));
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  // The label keeps to one line, flush left (GB/T 9704 7.3.7); everything else wraps.
  if (k.role != Role::Label) format_set_text_wrap(f);
  if (k.border) format_set_border(f, LXW_BORDER_THIN);
  // numFmt (§18.8.30): the sheet shows the input's text (98.76%), the cell keeps the value.
  if (!k.numFormat.empty()) format_set_num_format(f, k.numFormat.c_str());
  cells_.emplace(k, f);
  return f;
}

lxw_format* Formats::font(Style s, int halfPt) { return fontFormat(s, halfPt, false); }

lxw_format* Formats::fallbackFont(Style s, int halfPt) { return fontFormat(s, halfPt, true); }

lxw_format* Formats::fontFormat(Style s, int halfPt, bool fallback) {
  const auto key = std::make_tuple(s.face, s.bold, halfPt, fallback);
  auto it = fonts_.find(key);
  if (it != fonts_.end()) return it->second;
  lxw_format* f = workbook_add_format(wb_);
  setFont(f, s, halfPt);
  if (fallback)
    format_set_font_name(f, bangfu::layout::fallbackFamily(s.face == Face::Inherit ? Face::Fang : s.face));
  fonts_.emplace(key, f);
  return f;
}

}  // namespace bangfu::xlsx::detail
