#include "text/stroke_data.hpp"

#include <algorithm>
#include <iterator>

namespace bangfu::text::detail {

namespace {

struct StrokeSequence {
  std::uint32_t cp;
  std::uint64_t hi;
  std::uint64_t lo;
};

#include "text/data/stroke_table.inc"

/// Layout of the generated table: 7 bits of count under the code point, and
/// 21 strokes of 3 bits in each 64-bit word of a sequence.
constexpr int kCountBits = 7;
constexpr std::uint32_t kCountMask = (1U << kCountBits) - 1;
constexpr int kStrokesPerWord = 21;
constexpr int kBitsPerStroke = 3;

}  // namespace

std::optional<StrokeInfo> strokeInfo(char32_t c) {
  const std::uint32_t probe = static_cast<std::uint32_t>(c) << kCountBits;
  const auto* it = std::lower_bound(std::begin(kStrokeCounts), std::end(kStrokeCounts), probe);
  if (it == std::end(kStrokeCounts) || (*it >> kCountBits) != static_cast<std::uint32_t>(c)) return std::nullopt;
  StrokeInfo info;
  info.count = static_cast<int>(*it & kCountMask);
  const auto* seq = std::lower_bound(std::begin(kStrokeSequences), std::end(kStrokeSequences), c,
                                     [](const StrokeSequence& s, char32_t v) { return s.cp < static_cast<std::uint32_t>(v); });
  if (seq != std::end(kStrokeSequences) && seq->cp == static_cast<std::uint32_t>(c)) {
    info.sequence.reserve(static_cast<std::size_t>(info.count));
    for (int i = 0; i < info.count; ++i) {
      const std::uint64_t word = i < kStrokesPerWord ? seq->hi : seq->lo;
      const int shift = kBitsPerStroke * (kStrokesPerWord - 1 - (i % kStrokesPerWord));
      info.sequence.push_back(static_cast<char>('0' + ((word >> shift) & 0x7U)));
    }
  }
  return info;
}

}  // namespace bangfu::text::detail
