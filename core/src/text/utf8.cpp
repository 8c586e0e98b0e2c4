#include "text/utf8.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "bangfu/text/utf8.hpp"

namespace bangfu::text::detail {

std::u32string decode(std::string_view s) {
  std::u32string out;
  decodeInto(s, out);
  return out;
}

void decodeInto(std::string_view s, std::u32string& out) {
  out.clear();
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) out.push_back(nextCodePoint(s, i));
}

char32_t nextCodePoint(std::string_view s, std::size_t& i) {
  auto at = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(s.data(), at, static_cast<int32_t>(s.size()), c);
  i = static_cast<std::size_t>(at);
  return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

}  // namespace bangfu::text::detail

namespace bangfu::text {

void appendUtf8(std::string& out, char32_t c) {
  constexpr char32_t kMaxCodePoint = 0x10FFFF;
  if ((c >= 0xD800 && c <= 0xDFFF) || c > kMaxCodePoint) c = U'\uFFFD';
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

}  // namespace bangfu::text

namespace bangfu::text::detail {

std::string encode(std::u32string_view cps) {
  std::string out;
  out.reserve(cps.size() * 3);
  for (char32_t c : cps) appendUtf8(out, c);
  return out;
}

bool isHan(char32_t c) {
  return c == U'\u3007' || u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_IDEOGRAPHIC) != 0;
}

}  // namespace bangfu::text::detail
