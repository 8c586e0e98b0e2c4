#pragma once
/// Lookup in the generated PRC stroke table (core/src/text/data/stroke_table.inc,
/// built by tools/gen_stroke_table.py; sources and licences in docs/text.md).
#include <cstdint>
#include <optional>

namespace bangfu::text::detail {

struct StrokeInfo {
  int count = 0;               ///< PRC stroke count (Unihan kTotalStrokes, first value)
  bool sequenceKnown = false;  ///< the stroke sequence (横竖撇点折) went into the rank
  /// Place in the PRC stroke order, from 1: (count, known sequence first, the stroke
  /// classes stroke by stroke, code point). Comparing ranks is comparing characters.
  std::uint32_t rank = 0;
};

/// Stroke data of one code point; empty when the table has no count for it.
std::optional<StrokeInfo> strokeInfo(char32_t c);

}  // namespace bangfu::text::detail
