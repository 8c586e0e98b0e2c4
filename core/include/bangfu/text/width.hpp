#pragma once
/// Display width by East Asian Width (UAX #11, via ICU): W and F count 2 units,
/// everything else 1. One 字 = 2 units. Used by the DOCX and XLSX layouts.
#include <cstddef>
#include <string_view>

namespace bangfu::text {

/// Width in half-width units of a UTF-8 string. Invalid bytes count 1 each.
std::size_t displayWidth(std::string_view utf8);

/// Number of Unicode code points in a UTF-8 string (limits are in code points).
std::size_t codePointCount(std::string_view utf8);

}  // namespace bangfu::text
