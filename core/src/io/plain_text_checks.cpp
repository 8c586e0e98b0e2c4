// The control-character rule of every reader (io::detail::firstControlCharacter)
// applied to plain text: a pasted list has no cells, so each line is the place.
#include <algorithm>

#include "bangfu/io/text_checks.hpp"
#include "io/io_detail.hpp"

namespace bangfu::io {

std::size_t checkPlainText(std::string_view text, const std::string& file, diag::Diagnostics& diags) {
  constexpr std::size_t kMaxListed = 20;  // a binary file pasted by mistake would list every line
  std::size_t reported = 0;
  std::size_t lineStart = 0;
  int row = 1;
  for (; lineStart < text.size(); ++row) {
    const std::size_t end = std::min(text.find('\n', lineStart), text.size());
    const std::string_view line = text.substr(lineStart, end - lineStart);
    if (const std::size_t bad = detail::firstControlCharacter(line); bad != std::string_view::npos) {
      int lineNo = 0, column = 0;
      detail::lineColumn(line, bad, lineNo, column);  // lineNo is 1: the line has no '\n'
      if (++reported <= kMaxListed)
        diags.add(detail::controlCharacterError({file, "", row, column, ""}, line, bad));
    }
    lineStart = end + 1;
  }
  if (reported > kMaxListed) {
    const std::string more = std::to_string(reported - kMaxListed);
    diags.error("io.control-char", {file, "", 0, 0, ""}, "另有 " + more + " 行含有不可见的控制字符",
                more + " more lines hold invisible control characters",
                "确认选的是名单文件；删除这些字符后重试",
                "check that this is the list of names; delete the characters and retry");
  }
  return reported;
}

}  // namespace bangfu::io
