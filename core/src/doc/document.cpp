#include "bangfu/doc/document.hpp"

#include <cmath>
#include <cstdio>

namespace bangfu::doc {

Paragraph Paragraph::text(std::string s, ParagraphRole role) {
  Paragraph p;
  p.runs.push_back(Run{std::move(s)});
  p.role = role;
  return p;
}

std::string Paragraph::plainText() const {
  std::string s;
  for (const auto& r : runs) s += r.text;
  return s;
}

Cell Cell::text(std::string s, Align align) {
  Cell c;
  c.lines.push_back(Paragraph::text(std::move(s), ParagraphRole::Plain));
  c.align = align;
  return c;
}

Cell Cell::num(double v) {
  char buf[64];
  if (std::floor(v) == v && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.15g", v);
  }
  Cell c = text(buf, Align::Center);
  c.number = v;
  return c;
}

Cell Cell::runs(std::vector<Run> runs, Align align) {
  Cell c;
  Paragraph p;
  p.runs = std::move(runs);
  p.role = ParagraphRole::Plain;
  c.lines.push_back(std::move(p));
  c.align = align;
  return c;
}

std::string Cell::plainText() const {
  std::string s;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i) s += '\n';
    s += lines[i].plainText();
  }
  return s;
}

std::size_t Table::headerRowCount() const {
  std::size_t n = 0;
  while (n < rows.size() && rows[n].kind == RowKind::Header) ++n;
  return n;
}

}  // namespace bangfu::doc
