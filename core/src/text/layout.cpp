// Name and label layout for the appendix lists (spec §2 "Name layout"; clreq 均排).
#include <algorithm>

#include "bangfu/text/names.hpp"
#include "text/utf8.hpp"

namespace bangfu::text {

namespace {

/// The width (in characters) a two-character name is padded to, matching the
/// three-character names of the same list (spec §2: 马　凯).
constexpr std::size_t kPaddedNameLength = 3;

/// 间隔号 used in minority and transliterated names (GB/T 15834 4.16); such
/// names are never padded.
constexpr char32_t kMiddleDots[] = {U'\u00B7', U'\u2022', U'\u30FB', U'\u2027', U'\uFF65'};

bool hasMiddleDot(const std::u32string& s) {
  return std::any_of(s.begin(), s.end(), [](char32_t c) {
    return std::find(std::begin(kMiddleDots), std::end(kMiddleDots), c) != std::end(kMiddleDots);
  });
}

/// Index where a trailing parenthetical note （女） or (女) starts, or size().
std::size_t noteStart(const std::u32string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == U'\uFF08' || s[i] == U'(') return i;
  }
  return s.size();
}

/// Spreads `spaces` U+3000 into the gaps between the characters of `base`,
/// the inner gaps getting the larger shares first; a single character is
/// followed by its padding so what comes after it still lines up.
std::u32string spread(const std::u32string& base, std::size_t spaces) {
  if (spaces == 0 || base.empty()) return base;
  std::u32string out;
  if (base.size() == 1) {
    out = base;
    out.append(spaces, detail::kIdeographicSpace);
    return out;
  }
  const std::size_t gaps = base.size() - 1;
  const std::size_t each = spaces / gaps;
  std::size_t extra = spaces % gaps;
  // Give the extra spaces to the gaps nearest the centre so the label stays symmetric.
  std::vector<std::size_t> perGap(gaps, each);
  std::size_t left = (gaps - 1) / 2;
  std::size_t right = gaps / 2;
  while (extra > 0) {
    ++perGap[left];
    --extra;
    if (extra > 0 && right != left) {
      ++perGap[right];
      --extra;
    }
    if (left > 0) --left;
    if (right + 1 < gaps) ++right;
  }
  for (std::size_t i = 0; i < base.size(); ++i) {
    out.push_back(base[i]);
    if (i < gaps) out.append(perGap[i], detail::kIdeographicSpace);
  }
  return out;
}

}  // namespace

std::string padName(std::string_view name) {
  const std::u32string cps = detail::decode(name);
  if (hasMiddleDot(cps)) return std::string(name);
  const std::size_t end = noteStart(cps);
  if (end != 2 || !detail::isHan(cps[0]) || !detail::isHan(cps[1])) return std::string(name);
  std::u32string out{cps[0], detail::kIdeographicSpace, cps[1]};
  static_assert(kPaddedNameLength == 3, "one U+3000 between the two characters");
  out.append(cps.substr(end));
  return detail::encode(out);
}

std::vector<std::string> equalizeLabels(const std::vector<std::string>& labels) {
  std::vector<std::u32string> decoded;
  decoded.reserve(labels.size());
  std::size_t widest = 0;
  for (const auto& label : labels) {
    decoded.push_back(detail::decode(label));
    widest = std::max(widest, decoded.back().size());
  }
  std::vector<std::string> out;
  out.reserve(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const auto& cps = decoded[i];
    const bool allHan = !cps.empty() && std::all_of(cps.begin(), cps.end(), detail::isHan);
    out.push_back(allHan ? detail::encode(spread(cps, widest - cps.size())) : labels[i]);
  }
  return out;
}

}  // namespace bangfu::text
