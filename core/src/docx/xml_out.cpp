#include "docx/xml_out.hpp"

#include <charconv>

namespace bangfu::docx::xml {

void appendInt(std::string& out, long long v) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

void appendValElement(std::string& out, std::string_view name, std::string_view val) {
  out += '<';
  out += name;
  out += " w:val=\"";
  appendEscaped(out, val);
  out += "\"/>";
}

void appendValElement(std::string& out, std::string_view name, long long val) {
  out += '<';
  out += name;
  out += " w:val=\"";
  appendInt(out, val);
  out += "\"/>";
}

}  // namespace bangfu::docx::xml
