// bangfu_line_probe DOCUMENT.xml STYLES.xml: the lines layout measures for every
// cell of the tables of a DOCX bangfu wrote (its word/document.xml and
// word/styles.xml, unzipped), one line per cell:
//
//   table  row  col  lines  plain
//
// (0-based: the table in body order, its w:tr, the cell's first grid column).
// `lines` is layout::cellLines at layout::cellContentTwips (the cell's w:gridCol
// widths less its w:tblCellMar sides, at the table styles' 0.25-pt condensing), in the
// size of its paragraph style and 黑体 in a w:tblHeader row: the measure the writers
// paginate and cut rows by. `plain` is the same at the faces' plain advances (no
// condensing). tests/render/test_line_model_render.py compares both with the lines
// LibreOffice prints (docs/typesetting.md "The line model"). A tool the test runs,
// not a test: it checks nothing itself.
#include <cmath>
#include <cstring>
#include <iostream>
#include <map>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "bangfu/doc/document.hpp"
#include "bangfu/layout/columns.hpp"

namespace {

using namespace bangfu;

/// The w:sz of each paragraph style, following w:basedOn.
std::map<std::string, int> styleSizes(const pugi::xml_document& styles) {
  std::map<std::string, int> own;
  std::map<std::string, std::string> base;
  for (auto s : styles.child("w:styles").children("w:style")) {
    const std::string id = s.attribute("w:styleId").as_string();
    if (auto sz = s.child("w:rPr").child("w:sz")) own[id] = sz.attribute("w:val").as_int();
    if (auto b = s.child("w:basedOn")) base[id] = b.attribute("w:val").as_string();
  }
  std::map<std::string, int> out;
  for (const auto& [id, b] : base) {
    std::string at = id;
    for (int depth = 0; depth < 16 && !at.empty(); ++depth) {
      if (auto it = own.find(at); it != own.end()) {
        out[id] = it->second;
        break;
      }
      auto next = base.find(at);
      at = next == base.end() ? std::string() : next->second;
    }
  }
  for (const auto& [id, sz] : own) out.emplace(id, sz);
  return out;
}

doc::Face faceOf(const char* rStyle) {
  static const std::pair<const char*, doc::Face> kFaces[] = {{"FaceFang", doc::Face::Fang},
                                                             {"FaceHei", doc::Face::Hei},
                                                             {"FaceKai", doc::Face::Kai},
                                                             {"FaceSong", doc::Face::Song},
                                                             {"FaceTitle", doc::Face::Title}};
  for (const auto& [id, face] : kFaces) {
    if (std::strcmp(id, rStyle) == 0) return face;
  }
  return doc::Face::Inherit;
}

/// A w:tc's paragraphs as the model holds them: runs with their faces, w:br as '\n'.
doc::Cell cellOf(pugi::xml_node tc, const std::map<std::string, int>& sizes, int& halfPoints) {
  doc::Cell c;
  for (auto p : tc.children("w:p")) {
    doc::Paragraph para;
    const std::string style = p.child("w:pPr").child("w:pStyle").attribute("w:val").as_string();
    if (auto it = sizes.find(style); it != sizes.end()) halfPoints = it->second;
    for (auto r : p.children("w:r")) {
      doc::Run run;
      run.face = faceOf(r.child("w:rPr").child("w:rStyle").attribute("w:val").as_string());
      for (auto x : r.children()) {
        if (std::strcmp(x.name(), "w:t") == 0) run.text += x.text().get();
        if (std::strcmp(x.name(), "w:br") == 0) run.text += '\n';
      }
      if (!run.text.empty()) para.runs.push_back(std::move(run));
    }
    if (!para.runs.empty()) c.lines.push_back(std::move(para));
  }
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: bangfu_line_probe DOCUMENT.xml STYLES.xml\n";
    return 2;
  }
  pugi::xml_document document;
  pugi::xml_document styles;
  if (!document.load_file(argv[1]) || !styles.load_file(argv[2])) {
    std::cerr << "bangfu_line_probe: cannot read " << argv[1] << " or " << argv[2] << "\n";
    return 1;
  }
  const std::map<std::string, int> sizes = styleSizes(styles);
  int table = 0;
  for (auto tbl : document.child("w:document").child("w:body").children("w:tbl")) {
    std::vector<int> grid;
    for (auto g : tbl.child("w:tblGrid").children("w:gridCol")) grid.push_back(g.attribute("w:w").as_int());
    const auto mar = tbl.child("w:tblPr").child("w:tblCellMar");
    const int padding =
        mar.child("w:left").attribute("w:w").as_int() + mar.child("w:right").attribute("w:w").as_int();
    int row = 0;
    for (auto tr : tbl.children("w:tr")) {
      const bool header = static_cast<bool>(tr.child("w:trPr").child("w:tblHeader"));
      std::size_t col = 0;
      for (auto tc : tr.children("w:tc")) {
        const auto pr = tc.child("w:tcPr");
        const std::size_t span = std::max(1, pr.child("w:gridSpan").attribute("w:val").as_int(1));
        int width = 0;
        for (std::size_t k = col; k < col + span && k < grid.size(); ++k) width += grid[k];
        const bool continued =
            pr.child("w:vMerge") &&
            std::strcmp(pr.child("w:vMerge").attribute("w:val").as_string(), "restart") != 0;
        int halfPoints = layout::kTableDefaultHalfPoints;
        const doc::Cell cell = cellOf(tc, sizes, halfPoints);
        if (!continued && !cell.lines.empty()) {
          const layout::TableMetrics m{0, halfPoints, padding};
          const int content = layout::cellContentTwips(grid, col, span, m);
          const int plainWidth = std::max(1, width - padding);
          std::cout << table << '\t' << row << '\t' << col << '\t'
                    << layout::cellLines(cell, header, halfPoints, content) << '\t'
                    << layout::cellLines(cell, header, halfPoints, plainWidth) << '\n';
        }
        col += span;
      }
      ++row;
    }
    ++table;
  }
  return 0;
}
