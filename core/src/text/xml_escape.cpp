#include "bangfu/text/xml_escape.hpp"

namespace bangfu::text {

void appendXmlEscaped(std::string& out, std::string_view text) {
  const char* s = text.data();
  const std::size_t n = text.size();
  std::size_t start = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
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
  out.append(s + start, n - start);
}

}  // namespace bangfu::text
