#pragma once
/// Text measurement with the metrics of the faces the tables print in: the first
/// families fonts/fonts.conf maps the GB/T 9704 names to (FandolFang for 仿宋_GB2312,
/// FandolHei for 黑体 …), read once from the font files by tools/gen_face_metrics.py.
/// The numbers are compiled in, so layout gives the same bytes on every machine.
#include <string>
#include <string_view>

#include "bangfu/doc/document.hpp"

namespace bangfu::layout {

/// Advance of one code point in 1/1000 em in `face` (Inherit measures as 仿宋). A
/// character the face lacks is measured as the fallback draws it: 1 em if East
/// Asian Wide/Fullwidth (UAX #11), else half an em.
int advanceMilliEm(char32_t cp, doc::Face face);

/// Whether the mapped font of `face` has a glyph for `cp`.
bool faceHasGlyph(char32_t cp, doc::Face face);

/// Whether a hanzi is one of the 6763 of GB 2312-1980; true for anything that is
/// not a CJK ideograph (GB 2312's symbols are not checked here).
bool inGb2312Hanzi(char32_t cp);

/// True for U+3400..U+9FFF and the compatibility and extension planes.
bool isIdeograph(char32_t cp);

/// Width in twips of `utf8` set at `halfPoints` (w:sz) in `face`.
double textTwips(std::string_view utf8, doc::Face face, int halfPoints);

/// The font file whose metrics measure `face` (for messages and docs).
const char* faceFile(doc::Face face);

/// UTF-8 → code points; invalid bytes become U+FFFD.
std::u32string decodeUtf8(std::string_view utf8);

}  // namespace bangfu::layout
