#include "bangfu/text/xml_escape.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace bangfu::text {

void appendXmlEscaped(std::string& out, std::string_view text) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  const char* s = text.data();
  const std::size_t n = text.size();
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < n) {
    // Eight bytes at a time while none can need a case below: no byte under '?'
    // (the entities' characters, C0 controls) and no 0xEF (U+FFFE, U+FFFF). Every
    // hanzi's bytes pass. Anderson's "Bit Twiddling Hacks": "a byte less than n"
    // and "a byte equal to n", exact for whether any byte is.
    if (i + sizeof(std::uint64_t) <= n) {
      std::uint64_t x = 0;
      std::memcpy(&x, s + i, sizeof x);
      const std::uint64_t ef = x ^ (kOnes * 0xEF);
      const bool mayNeed = ((((x - kOnes * '?') & ~x) | ((ef - kOnes) & ~ef)) & kHighs) != 0;
      if (!mayNeed) {
        i += sizeof x;
        continue;
      }
    }
    const std::size_t blockEnd = std::min(n, i + sizeof(std::uint64_t));
    for (; i < blockEnd; ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c > '>' && c != 0xEF) continue;
      const char* entity = nullptr;
      std::size_t skip = 0;
      switch (c) {
        case '&':
          entity = "&amp;";
          break;
        case '<':
          entity = "&lt;";
          break;
        case '>':
          entity = "&gt;";
          break;
        case '"':
          entity = "&quot;";
          break;
        default:
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            skip = 1;  // XML 1.0 §2.2: not a Char
          } else if (c == 0xEF && i + 2 < n && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
                     (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xBE) {
            skip = 3;  // U+FFFE, U+FFFF
          }
          break;
      }
      if (entity == nullptr && skip == 0) continue;
      out.append(s + start, i - start);
      if (entity != nullptr) {
        out.append(entity);
        start = i + 1;
      } else {
        start = i + skip;
        i += skip - 1;
      }
    }
  }
  out.append(s + start, n - start);
}

}  // namespace bangfu::text
