#pragma once
/// The one XML escaper of the writers (the DOCX parts and the XLSX print setup
/// that is written into the sheet XML directly).
#include <string>
#include <string_view>

namespace bangfu::text {

/// Appends `text` escaped for element content or a double-quoted attribute:
/// & < > " become entities, and characters XML 1.0 cannot hold (C0 controls other
/// than tab/LF/CR, U+FFFE/U+FFFF) are dropped rather than producing an unreadable file.
void appendXmlEscaped(std::string& out, std::string_view text);

}  // namespace bangfu::text
