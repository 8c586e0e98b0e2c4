#pragma once
/// UTF-8 helpers private to the text area: decode to code points and back
/// (one code point: bangfu/text/utf8.hpp).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bangfu::text::detail {

/// Code points of a UTF-8 string; an invalid byte decodes to U+FFFD.
std::u32string decode(std::string_view utf8);
/// decode() into `out`, replacing its contents (a loop reuses one buffer).
void decodeInto(std::string_view utf8, std::u32string& out);
/// The code point at byte `i` of `utf8` (U+FFFD for an invalid sequence), and `i`
/// moved past it: decode() one step at a time, for a scan that keeps byte offsets.
char32_t nextCodePoint(std::string_view utf8, std::size_t& i);
std::string encode(std::u32string_view cps);

/// True for Han ideographs (Unicode property Ideographic, e.g. U+4E00..U+9FFF,
/// the extensions and compatibility ideographs) and U+3007 〇.
bool isHan(char32_t c);

/// U+3000 IDEOGRAPHIC SPACE, the padding the gov.cn name lists use (spec §2 "Name layout").
inline constexpr char32_t kIdeographicSpace = U'\u3000';

}  // namespace bangfu::text::detail
