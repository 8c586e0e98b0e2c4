#include "bangfu/layout/title.hpp"

#include "bangfu/text/title_lines.hpp"

namespace bangfu::layout {

std::string titleText(std::string_view title, doc::Orientation o) {
  std::string out;
  for (const std::string& line : text::balanceTitleLines(title, titleCharsPerLine(o))) {
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

}  // namespace bangfu::layout
