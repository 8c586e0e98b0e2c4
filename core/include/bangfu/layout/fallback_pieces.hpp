#pragma once
/// A run's text cut where its characters pass between those its face has and those
/// it lacks (layout::needsFallback): the DOCX sets the lacking pieces with
/// w:rFonts w:eastAsia (ECMA-376 §17.3.2.26), the XLSX with a rich-string run of
/// its own font (§18.4.7 r/rPr/rFont), both in layout::fallbackFamily. One cut
/// serves both writers, so a character is drawn in the same face in both.
#include <cstddef>
#include <string_view>
#include <vector>

#include "bangfu/doc/document.hpp"

namespace bangfu::layout {

/// A piece of a text: bytes [begin, end); `lacks`: `face` has none of its glyphs.
struct FallbackPiece {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool lacks = false;
};

/// The pieces of `utf8` in `face` (Inherit measures as 仿宋, as the tables do),
/// into `out` (cleared; reused by the writers cell after cell). A text whose
/// characters the face all has is one piece with lacks == false (the common case:
/// one pass over the bytes, anyNeedsFallback). Text below U+2000 is never cut.
void fallbackPieces(std::string_view utf8, doc::Face face, std::vector<FallbackPiece>& out);

}  // namespace bangfu::layout
