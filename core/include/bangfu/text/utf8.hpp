#pragma once
/// UTF-8 encoding of one code point: the one encoder every reader and the text
/// area use (JSON \uXXXX escapes, ST_Xstring _xHHHH_ escapes, code point strings).
#include <string>

namespace bangfu::text {

/// Appends the UTF-8 form of `c` (RFC 3629) to `out`. A surrogate (U+D800–U+DFFF)
/// or a value above U+10FFFF has no UTF-8 form: U+FFFD is appended instead, so the
/// result is always valid UTF-8.
void appendUtf8(std::string& out, char32_t c);

}  // namespace bangfu::text
