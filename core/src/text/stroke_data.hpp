#pragma once
/// Lookup in the generated PRC stroke table (core/src/text/data/stroke_table.inc,
/// built by tools/gen_stroke_table.py; sources and licences in docs/text.md).
#include <cstdint>
#include <optional>
#include <string>

namespace bangfu::text::detail {

struct StrokeInfo {
  int count = 0;          ///< PRC stroke count (Unihan kTotalStrokes, first value)
  std::string sequence;   ///< classes '1'..'5' (横竖撇点折); empty when unknown
};

/// Stroke data of one code point; empty when the table has no count for it.
std::optional<StrokeInfo> strokeInfo(char32_t c);

}  // namespace bangfu::text::detail
