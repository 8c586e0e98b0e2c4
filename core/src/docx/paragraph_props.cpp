#include "docx/paragraph_props.hpp"

#include "docx/parts.hpp"
#include "docx/xml_out.hpp"

namespace bangfu::docx {

void appendIndent(std::string& out, const Indent& indent) {
  out += "<w:ind w:left=\"";
  xml::appendInt(out, indent.left);
  out += '"';
  if (indent.right != 0) {
    out += " w:right=\"";
    xml::appendInt(out, indent.right);
    out += '"';
  }
  if (indent.hanging != 0) {
    out += " w:hanging=\"";
    xml::appendInt(out, indent.hanging);
    out += '"';
  } else if (indent.zeroFirstLine) {
    out += " w:firstLine=\"0\"";
  }
  out += "/>";
}

void appendTabs(std::string& out, const std::vector<TabStop>& stops) {
  if (stops.empty()) return;
  out += "<w:tabs>";
  for (const auto& stop : stops) {
    out += "<w:tab w:val=\"";
    out += stop.kind;
    out += "\" w:pos=\"";
    xml::appendInt(out, stop.pos);
    out += "\"/>";
  }
  out += "</w:tabs>";
}

const char* faceStyleId(doc::Face face) {
  switch (face) {
    case doc::Face::Fang:
      return style::kFaceFang;
    case doc::Face::Hei:
      return style::kFaceHei;
    case doc::Face::Kai:
      return style::kFaceKai;
    case doc::Face::Song:
      return style::kFaceSong;
    case doc::Face::Title:
      return style::kFaceTitle;
    case doc::Face::Inherit:
      break;
  }
  return nullptr;
}

}  // namespace bangfu::docx
