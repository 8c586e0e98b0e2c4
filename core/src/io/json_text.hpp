#pragma once
// The one JSON string writer of the core: scheme JSON (io/json_scheme.cpp) and the
// batch manifest (batch/manifest.cpp) both emit through it.
#include <string>
#include <string_view>

namespace bangfu::io {

/// Appends `s` as a JSON string literal: quotes, backslashes and control
/// characters escaped, UTF-8 written as is (RFC 8259 §7 allows it unescaped).
void appendJsonString(std::string& out, std::string_view s);

}  // namespace bangfu::io
