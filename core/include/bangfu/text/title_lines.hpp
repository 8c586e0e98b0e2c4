#pragma once
/// Breaking a title into balanced lines (GB/T 9704-2012 7.3.1: 回行时词意完整，排列对称，
/// 长短适宜；梯形或菱形).
#include <string>
#include <string_view>
#include <vector>

namespace bangfu::text {

/// Splits `title` into as few lines as hold at most `maxChars` 字 each (display width,
/// two units a 字), breaking only at word boundaries (ICU's dictionary word breaker
/// for Chinese) and never before closing or after opening punctuation, with lines as
/// even as the boundaries allow; a title that already holds '\n' keeps the caller's
/// breaks, and so does one that holds the scheme's break mark kSchemeBreak (the mark
/// itself is not printed). A word longer than a line is broken where it must.
std::vector<std::string> balanceTitleLines(std::string_view title, int maxChars);

/// The mark a scheme writes where its title must break (市级领导｜结对帮扶方案): a
/// full-width vertical line, never part of a published title.
inline constexpr std::string_view kSchemeBreak = "\xEF\xBD\x9C";  // U+FF5C ｜

/// The title with every kSchemeBreak turned into '\n'.
std::string titleBreaksAsNewlines(std::string_view title);

/// The title as one line (for a sheet name, a document property, the 附件 list of
/// the notice): the scheme's breaks and newlines removed.
std::string titleOnOneLine(std::string_view title);

}  // namespace bangfu::text
