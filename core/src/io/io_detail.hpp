#pragma once
/// Helpers shared by the readers of core/io (private to the area).
#include <cstddef>
#include <string>
#include <string_view>

#include "bangfu/diag/diagnostic.hpp"

namespace bangfu::io::detail {

/// Throws diag::InputError carrying one located error diagnostic.
[[noreturn]] void fail(std::string code, diag::Location where, std::string zh, std::string en,
                       std::string suggestion = {});

/// Offset of the first byte that is not well-formed UTF-8 (RFC 3629: no overlong
/// forms, no surrogates, nothing above U+10FFFF), or npos when all of `s` is valid.
std::size_t firstInvalidUtf8(std::string_view s);

/// 1-based line and column (in code points of valid UTF-8; other bytes count one
/// each) of byte `offset` of `text`.
void lineColumn(std::string_view text, std::size_t offset, int& line, int& column);

/// Reads a whole file for a reader: throws InputError (code io.unreadable) naming
/// the file when it cannot be opened, and io.too-large above `maxBytes`.
std::string readInput(const std::string& path, std::size_t maxBytes);

}  // namespace bangfu::io::detail
