#pragma once
/// The text checks of core/io's readers, for a caller that parses input itself
/// (`bangfu table`'s JSON data): the same rule as every reader, so a control
/// character or a duplicate key is refused wherever the text comes from.
#include <cstddef>
#include <string>
#include <string_view>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/io/sheet.hpp"

namespace bangfu::io {

/// Duplicate keys (json.duplicate-key) and control characters (io.control-char)
/// in a JSON text that has parsed, each at file:line:column with its JSON path.
void checkJsonText(std::string_view text, const std::string& file, diag::Diagnostics& diags);

/// Control characters (io.control-char) in a plain text a clerk pasted or saved (a
/// list of names for `bangfu names`): the first of each line, at file:line:column
/// (columns in code points), naming the character and the text before it. Tab,
/// line feed and carriage return are allowed. Returns the number reported.
std::size_t checkPlainText(std::string_view text, const std::string& file, diag::Diagnostics& diags);

/// Throws diag::InputError (io.control-char) for the first cell or sheet name of
/// `sheet` that holds a control character.
void rejectControlCharacters(const Sheet& sheet);

}  // namespace bangfu::io
