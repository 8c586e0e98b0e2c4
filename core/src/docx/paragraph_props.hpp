#pragma once
/// The paragraph- and run-property pieces both document parts write (the appendices
/// in document_part.cpp, the notice in notice_part.cpp): one writer of w:ind, w:tabs
/// and the doc::Face character styles, so the two cannot drift apart.
#include <string>
#include <vector>

#include "bangfu/doc/document.hpp"

namespace bangfu::docx {

/// ECMA-376 17.3.1.12 w:ind, in twips. spec §1a: never firstLine next to hanging
/// (LibreOffice and ECMA-376 disagree on their sum); `zeroFirstLine` writes
/// w:firstLine="0" when there is no hanging, to cancel a style's first-line indent.
struct Indent {
  int left = 0;
  int hanging = 0;
  int right = 0;
  bool zeroFirstLine = false;
};
void appendIndent(std::string& out, const Indent& indent);

/// ECMA-376 17.3.1.37 w:tab: `kind` is its w:val (left, right, center).
struct TabStop {
  const char* kind;
  int pos;
};
void appendTabs(std::string& out, const std::vector<TabStop>& stops);

/// The character style of a doc::Face (parts.hpp style::kFace*); null for Inherit.
const char* faceStyleId(doc::Face face);

}  // namespace bangfu::docx
