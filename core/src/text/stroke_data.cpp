#include "text/stroke_data.hpp"

#include <algorithm>
#include <iterator>

namespace bangfu::text::detail {

namespace {

#include "text/data/stroke_table.inc"

/// Layout of a kStrokeChars entry (see the generated file's comment).
constexpr int kCodePointShift = 32;
constexpr int kRankShift = 8;
constexpr std::uint64_t kRankMask = 0xFFFFFF;
constexpr std::uint64_t kSequenceKnownBit = 1U << 7;
constexpr std::uint64_t kCountMask = 0x7F;

}  // namespace

std::optional<StrokeInfo> strokeInfo(char32_t c) {
  const auto* it =
      std::lower_bound(std::begin(kStrokeChars), std::end(kStrokeChars), c,
                       [](std::uint64_t entry, char32_t v) { return (entry >> kCodePointShift) < v; });
  if (it == std::end(kStrokeChars) || (*it >> kCodePointShift) != c) return std::nullopt;
  StrokeInfo info;
  info.count = static_cast<int>(*it & kCountMask);
  info.sequenceKnown = (*it & kSequenceKnownBit) != 0;
  info.rank = static_cast<std::uint32_t>((*it >> kRankShift) & kRankMask);
  return info;
}

}  // namespace bangfu::text::detail
