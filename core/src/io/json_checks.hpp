#pragma once
// What Poco's JSON parser accepts in silence, found again in the text once it
// has parsed (private to core/io).
#include <string>
#include <string_view>

#include "bangfu/diag/diagnostic.hpp"

namespace bangfu::io::detail {

/// Walks a JSON text that Poco::JSON::Parser has accepted and reports, each at
/// file:line:column with its JSON path:
///  - a key given twice in one object (json.duplicate-key): Poco keeps the last
///    value, so a second "plugin" would silently win;
///  - a control character in a key or string (io.control-char), raw or written as
///    \u0000: keys allow none, string values allow tab and line breaks.
/// Text that is not valid JSON ends the walk without a report (the parser's
/// syntax error is the one to show).
void checkJsonText(std::string_view text, const std::string& file, diag::Diagnostics& diags);

}  // namespace bangfu::io::detail
