// Pieces of a run by glyph coverage (fallback_pieces.hpp).
#include "bangfu/layout/fallback_pieces.hpp"

#include "bangfu/layout/measure.hpp"

namespace bangfu::layout {

void fallbackPieces(std::string_view utf8, doc::Face face, std::vector<FallbackPiece>& out) {
  out.clear();
  if (face == doc::Face::Inherit) face = doc::Face::Fang;
  const std::size_t n = utf8.size();
  if (!anyNeedsFallback(utf8, face)) {
    out.push_back({0, n, false});
    return;
  }
  std::size_t pieceStart = 0;
  bool pieceLacks = false;
  std::size_t i = 0;
  while (i < n) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    const std::size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    bool lacks = false;
    if (lead >= 0xE2 && i + len <= n) {  // U+2000 and up: decode in place, look the glyph up
      const auto cont = [&](std::size_t k) {
        return static_cast<char32_t>(static_cast<unsigned char>(utf8[i + k]) & 0x3F);
      };
      const char32_t cp = len == 3 ? ((lead & 0x0FU) << 12) | (cont(1) << 6) | cont(2)
                                   : ((lead & 0x07U) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
      lacks = needsFallback(cp, face);
    }
    if (lacks != pieceLacks && i > pieceStart) {
      out.push_back({pieceStart, i, pieceLacks});
      pieceStart = i;
    }
    pieceLacks = lacks;
    i += len;
  }
  out.push_back({pieceStart, n, pieceLacks});
}

}  // namespace bangfu::layout
