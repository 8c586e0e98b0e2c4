#pragma once
/// The one XML writing helper of the DOCX writer: every part is streamed into a
/// std::string through these functions, so escaping lives in one place and the
/// 20000-row document never becomes a DOM (issue 4 "Speed").
#include <string>
#include <string_view>

#include "bangfu/text/xml_escape.hpp"

namespace bangfu::docx::xml {

/// The XML declaration every part starts with (ECMA-376 Part 2 §8.1 wants UTF-8).
inline constexpr std::string_view kDeclaration =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";

/// Appends `text` escaped for element content or a double-quoted attribute
/// (text::appendXmlEscaped).
inline void appendEscaped(std::string& out, std::string_view text) { text::appendXmlEscaped(out, text); }

/// Appends a decimal integer.
void appendInt(std::string& out, long long v);

/// `<name w:val="v"/>`-style helpers for the common single-attribute elements.
void appendValElement(std::string& out, std::string_view name, std::string_view val);
void appendValElement(std::string& out, std::string_view name, long long val);

}  // namespace bangfu::docx::xml
