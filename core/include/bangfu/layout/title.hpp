#pragma once
/// The appendix title as both writers set it: 2号 across the 版心, broken into
/// balanced lines (GB/T 9704-2012 7.3.1: 回行时，要做到词意完整，排列对称，长短适宜，
/// 间距恰当，标题排列应当使用梯形或菱形), a scheme's own break (｜ or a newline) kept.
#include <string>
#include <string_view>

#include "bangfu/doc/document.hpp"

namespace bangfu::layout {

/// GB/T 9704 7.3.1: the title is set in 2号 (22 pt), 440 twips a character.
inline constexpr int kTitleCharTwips = 440;
/// GB/T 9704 5.2.1: 版心 156 mm across a portrait page (8845 twips) …
inline constexpr int kPortraitTextWidthTwips = 8845;
/// … and 225 mm across a landscape one (the 版心 turned, spec rule 25).
inline constexpr int kLandscapeTextWidthTwips = 12756;

/// Whole 2号 characters a title line holds: 20 portrait, 28 landscape.
constexpr int titleCharsPerLine(doc::Orientation o) {
  return (o == doc::Orientation::Landscape ? kLandscapeTextWidthTwips : kPortraitTextWidthTwips) /
         kTitleCharTwips;
}
static_assert(titleCharsPerLine(doc::Orientation::Portrait) == 20, "20 2号 characters across 156 mm");
static_assert(titleCharsPerLine(doc::Orientation::Landscape) == 28, "28 2号 characters across 225 mm");

/// The title's lines joined by '\n' (w:br in DOCX, a line break in a wrapped XLSX
/// cell): text::balanceTitleLines at titleCharsPerLine(o).
std::string titleText(std::string_view title, doc::Orientation o);

}  // namespace bangfu::layout
