#include "bangfu/text/width.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace bangfu::text {

std::size_t displayWidth(std::string_view s) {
  std::size_t width = 0;
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) {
      ++width;
      continue;
    }
    const auto eaw = static_cast<UEastAsianWidth>(u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH));
    width += (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH) ? 2 : 1;
  }
  return width;
}

std::size_t codePointCount(std::string_view s) {
  std::size_t count = 0;
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    ++count;
  }
  return count;
}

}  // namespace bangfu::text
