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

/// The family a character that `face` lacks is set in (w:rFonts on that run,
/// ECMA-376 §17.3.2.26), so LibreOffice does not pick a fallback of its own (it drew
/// 旻 in Noto Serif CJK JP, a Japanese glyph form): a Debian font with the whole
/// URO and Extension A, of the face's class — the Song serif for 仿宋, 楷体, 宋体 and
/// 小标宋, the sans for 黑体. fonts/fonts.conf resolves the name as itself; Word on a
/// machine without it uses the w:altName of fontTable.xml (fallbackAltName).
const char* fallbackFamily(doc::Face face);

/// The Windows face named as w:altName (ECMA-376 §17.8.3.1) of fallbackFamily(face):
/// 宋体 / 黑体, whose GBK repertoire holds the hanzi outside GB 2312.
const char* fallbackAltName(doc::Face face);

/// Whether `cp` is a CJK character that `face` lacks and the fallback family
/// must draw: CJK symbols and ideographs from U+2E80, the full-width forms.
bool needsFallback(char32_t cp, doc::Face face);

/// Whether some character of `utf8` needsFallback: one call per run, so the
/// writers' common case (nothing lacking) costs one pass over the bytes.
bool anyNeedsFallback(std::string_view utf8, doc::Face face);

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
/// decodeUtf8 into `out`, reusing its storage (the measuring loops decode every cell).
void decodeUtf8(std::string_view utf8, std::u32string& out);

}  // namespace bangfu::layout
