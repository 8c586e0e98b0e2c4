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
/// breaks. A word longer than a line is broken where it must.
std::vector<std::string> balanceTitleLines(std::string_view title, int maxChars);

}  // namespace bangfu::text
