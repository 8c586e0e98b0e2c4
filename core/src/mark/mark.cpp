// check --mark: fills and comments the problem cells of the clerk's own workbook.
// Only four kinds of part change (ECMA-376 Part 1): styles.xml gains two fills and
// one cell format per (old format, fill); each marked worksheet gains cells it
// lacked and a legacyDrawing; its comments part (§18.7) and VML drawing (the
// shapes Excel needs to show comments, Part 4 §19) gain one entry per cell.
#include "bangfu/mark/mark.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <regex>
#include <set>

#include "mark/package.hpp"

namespace bangfu::mark {

namespace {

using detail::Package;

constexpr const char* kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kRelComments =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
constexpr const char* kRelVml =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing";
constexpr const char* kRelStyles =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
constexpr const char* kRelOfficeDocument =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
constexpr const char* kCommentsType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";
constexpr const char* kVmlType = "application/vnd.openxmlformats-officedocument.vmlDrawing";
constexpr const char* kAuthor = "bangfu";
/// Fill colours of Excel's own "Bad" and "Neutral" cell styles, which clerks know.
constexpr const char* kErrorFill = "FFFFC7CE";
constexpr const char* kWarningFill = "FFFFEB9C";
/// CT_Worksheet's sequence (§18.3.1.99): legacyDrawing comes before these.
constexpr std::array<const char*, 8> kAfterLegacyDrawing{"legacyDrawingHF", "drawingHF", "picture",
                                                         "oleObjects",      "controls",  "webPublishItems",
                                                         "tableParts",      "extLst"};

std::string_view localName(const char* name) {
  std::string_view s(name);
  const auto colon = s.find(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

std::string prefixOf(pugi::xml_node node) {
  std::string_view s(node.name());
  const auto colon = s.find(':');
  return colon == std::string_view::npos ? std::string() : std::string(s.substr(0, colon + 1));
}

pugi::xml_node childLocal(pugi::xml_node node, std::string_view name) {
  for (auto c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && localName(c.name()) == name) return c;
  return {};
}

/// The r:id of an element, whatever prefix the relationships namespace has.
std::string relId(pugi::xml_node node) {
  for (auto a = node.first_attribute(); a; a = a.next_attribute())
    if (std::strchr(a.name(), ':') && localName(a.name()) == "id") return a.value();
  return {};
}

struct CellRef {
  int row = 0, col = 0;
  bool operator<(const CellRef& o) const { return row != o.row ? row < o.row : col < o.col; }
};

bool parseRef(std::string_view ref, CellRef& out) {
  int col = 0, row = 0;
  std::size_t i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') col = col * 26 + (ref[i++] - 'A' + 1);
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9') row = row * 10 + (ref[i++] - '0');
  if (i != ref.size() || col == 0 || row == 0) return false;
  out = {row, col};
  return true;
}

struct Mark {
  bool error = false;
  std::vector<std::string> lines;  ///< one per diagnostic: 错误：… 建议：…
};

/// Adds the two fills and clones cell formats on demand.
class Styles {
 public:
  Styles(Package& package, std::string part) : package_(package), part_(std::move(part)) {
    package_.parse(doc_, part_);
    auto sheet = doc_.document_element();
    auto fills = childLocal(sheet, "fills");
    xfs_ = childLocal(sheet, "cellXfs");
    if (!fills || !xfs_) {
      diag::Diagnostic d;
      d.code = "mark.bad-workbook";
      d.where = {package_.file(), "", 0, 0, part_};
      d.message = "样式部件缺少 fills 或 cellXfs";
      d.messageEn = "the styles part lacks fills or cellXfs";
      d.suggestion = "用 Excel 或 WPS 打开后重新保存";
      d.suggestionEn = "open the file in Excel or WPS and save it again";
      throw diag::InputError(d);
    }
    const std::string p = prefixOf(sheet);
    for (const char* colour : {kErrorFill, kWarningFill}) {
      auto fill = fills.append_child((p + "fill").c_str());
      auto pattern = fill.append_child((p + "patternFill").c_str());
      pattern.append_attribute("patternType") = "solid";
      pattern.append_child((p + "fgColor").c_str()).append_attribute("rgb") = colour;
      pattern.append_child((p + "bgColor").c_str()).append_attribute("indexed") = "64";
    }
    const auto fillCount = static_cast<int>(std::distance(fills.children().begin(), fills.children().end()));
    errorFill_ = fillCount - 2;
    fills.attribute("count") ? fills.attribute("count").set_value(fillCount)
                             : fills.append_attribute("count").set_value(fillCount);
    for (auto x = xfs_.first_child(); x; x = x.next_sibling())
      if (x.type() == pugi::node_element) xfList_.push_back(x);
  }

  /// The index of a format equal to `original` but filled.
  int filled(int original, bool error) {
    const auto key = std::make_pair(original, error);
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    pugi::xml_node base =
        original >= 0 && original < static_cast<int>(xfList_.size()) ? xfList_[original] : pugi::xml_node();
    pugi::xml_node xf = base ? xfs_.append_copy(base) : xfs_.append_child((prefixOf(xfs_) + "xf").c_str());
    const int fill = error ? errorFill_ : errorFill_ + 1;
    (xf.attribute("fillId") ? xf.attribute("fillId") : xf.append_attribute("fillId")).set_value(fill);
    (xf.attribute("applyFill") ? xf.attribute("applyFill") : xf.append_attribute("applyFill")).set_value("1");
    const int index = static_cast<int>(xfList_.size());
    xfList_.push_back(xf);
    (xfs_.attribute("count") ? xfs_.attribute("count") : xfs_.append_attribute("count"))
        .set_value(static_cast<int>(xfList_.size()));
    memo_[key] = index;
    return index;
  }

  void save() { package_.setPart(part_, detail::serialize(doc_)); }

 private:
  Package& package_;
  std::string part_;
  pugi::xml_document doc_;
  pugi::xml_node xfs_;
  std::vector<pugi::xml_node> xfList_;
  int errorFill_ = 0;
  std::map<std::pair<int, bool>, int> memo_;
};

/// The style a new cell would show with: its row's (customFormat) or its column's.
int inheritedStyle(pugi::xml_node sheet, pugi::xml_node row, int col) {
  if (row && row.attribute("customFormat").as_bool()) return row.attribute("s").as_int();
  if (auto cols = childLocal(sheet, "cols"))
    for (auto c = cols.first_child(); c; c = c.next_sibling())
      if (col >= c.attribute("min").as_int() && col <= c.attribute("max").as_int())
        return c.attribute("style").as_int();
  return 0;
}

/// The <c> of `ref` in sheetData, created in row and column order when missing.
pugi::xml_node cellNode(pugi::xml_node sheet, pugi::xml_node data, const CellRef& ref) {
  const std::string p = prefixOf(data);
  pugi::xml_node row;
  int r = 0;
  for (auto x = data.first_child(); x; x = x.next_sibling()) {
    if (x.type() != pugi::node_element || localName(x.name()) != "row") continue;
    r = x.attribute("r") ? x.attribute("r").as_int() : r + 1;
    if (r == ref.row) {
      row = x;
      break;
    }
    if (r > ref.row) {
      row = data.insert_child_before((p + "row").c_str(), x);
      row.append_attribute("r") = ref.row;
      break;
    }
  }
  if (!row) {
    row = data.append_child((p + "row").c_str());
    row.append_attribute("r") = ref.row;
  }
  const std::string name = diag::cellName(ref.row, ref.col);
  int c = 0;
  for (auto x = row.first_child(); x; x = x.next_sibling()) {
    if (x.type() != pugi::node_element || localName(x.name()) != "c") continue;
    CellRef at{ref.row, c + 1};
    if (x.attribute("r")) parseRef(x.attribute("r").value(), at);
    c = at.col;
    if (c == ref.col) {
      if (!x.attribute("r")) x.prepend_attribute("r") = name.c_str();
      return x;
    }
    if (c > ref.col) {
      auto cell = row.insert_child_before((p + "c").c_str(), x);
      cell.append_attribute("r") = name.c_str();
      cell.append_attribute("s") = inheritedStyle(sheet, row, ref.col);
      return cell;
    }
  }
  auto cell = row.append_child((p + "c").c_str());
  cell.append_attribute("r") = name.c_str();
  cell.append_attribute("s") = inheritedStyle(sheet, row, ref.col);
  return cell;
}

void appendRun(pugi::xml_node text, const std::string& prefix, const std::string& content) {
  auto t = text.append_child((prefix + "r").c_str()).append_child((prefix + "t").c_str());
  t.append_attribute("xml:space") = "preserve";
  t.text().set(content.c_str());
}

/// One comment shape (VML, as Excel writes them): hidden until hovered, beside the cell.
std::string vmlShape(int id, const CellRef& ref) {
  const int r0 = ref.row - 1, c0 = ref.col - 1;
  const std::string anchor = std::to_string(c0 + 1) + ", 15, " + std::to_string(std::max(0, r0 - 1)) +
                             ", 10, " + std::to_string(c0 + 4) + ", 15, " +
                             std::to_string(std::max(0, r0 - 1) + 5) + ", 4";
  return "<v:shape id=\"_x0000_s" + std::to_string(id) +
         "\" type=\"#_x0000_t202\" "
         "style=\"position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:180pt;"
         "height:80pt;z-index:" +
         std::to_string(id) +
         ";visibility:hidden\" fillcolor=\"#ffffe1\" o:insetmode=\"auto\"><v:fill color2=\"#ffffe1\"/>"
         "<v:shadow on=\"t\" color=\"black\" obscured=\"t\"/><v:path o:connecttype=\"none\"/>"
         "<v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox>"
         "<x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>" +
         anchor + "</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>" + std::to_string(r0) +
         "</x:Row><x:Column>" + std::to_string(c0) + "</x:Column></x:ClientData></v:shape>";
}

constexpr const char* kVmlShapeType =
    "<v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" "
    "path=\"m,l,21600r21600,l21600,xe\">"
    "<v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>";

/// The highest number n of any "<prefix>n" in `text`.
int highestNumber(const std::string& text, const std::regex& pattern) {
  int best = 0;
  for (std::sregex_iterator it(text.begin(), text.end(), pattern), end; it != end; ++it)
    best = std::max(best, std::stoi((*it)[1].str()));
  return best;
}

/// Marks one worksheet: fills, comments, and the VML shapes for the new comments.
void markSheet(Package& package, Styles& styles, const std::string& sheetPart,
               const std::map<CellRef, Mark>& marks) {
  pugi::xml_document doc;
  package.parse(doc, sheetPart);
  auto sheet = doc.document_element();
  const std::string p = prefixOf(sheet);
  auto data = childLocal(sheet, "sheetData");
  if (!data) {
    // CT_Worksheet requires sheetData; put it where the sequence wants it, after cols.
    auto after = childLocal(sheet, "cols");
    if (!after) after = childLocal(sheet, "sheetFormatPr");
    if (!after) after = childLocal(sheet, "sheetViews");
    if (!after) after = childLocal(sheet, "dimension");
    if (!after) after = childLocal(sheet, "sheetPr");
    data = after ? sheet.insert_child_after((p + "sheetData").c_str(), after)
                 : sheet.prepend_child((p + "sheetData").c_str());
  }
  for (const auto& [ref, mark] : marks) {
    auto cell = cellNode(sheet, data, ref);
    const int style = styles.filled(cell.attribute("s").as_int(), mark.error);
    (cell.attribute("s") ? cell.attribute("s") : cell.append_attribute("s")).set_value(style);
  }

  // The comments part and the VML drawing of this sheet, existing or new.
  std::string commentsPart, vmlPart;
  for (const auto& rel : package.relationships(sheetPart)) {
    if (rel.type == kRelComments) commentsPart = rel.target;
    if (rel.type == kRelVml) vmlPart = rel.target;
  }
  if (auto legacy = childLocal(sheet, "legacyDrawing"); legacy && vmlPart.empty()) {
    for (const auto& rel : package.relationships(sheetPart))
      if (rel.id == relId(legacy)) vmlPart = rel.target;
  }

  pugi::xml_document comments;
  if (commentsPart.empty()) {
    commentsPart = package.freshName("xl/comments", ".xml");
    detail::addDeclaration(comments);
    auto root = comments.append_child("comments");
    root.append_attribute("xmlns") = kMainNs;
    root.append_child("authors");
    root.append_child("commentList");
    package.addRelationship(sheetPart, kRelComments, commentsPart);
    package.addOverride(commentsPart, kCommentsType);
  } else {
    package.parse(comments, commentsPart);
  }
  auto croot = comments.document_element();
  const std::string cp = prefixOf(croot);
  auto authors = childLocal(croot, "authors");
  if (!authors) authors = croot.prepend_child((cp + "authors").c_str());
  auto list = childLocal(croot, "commentList");
  if (!list) list = croot.insert_child_after((cp + "commentList").c_str(), authors);
  int authorId = 0;
  for (auto a = authors.first_child(); a; a = a.next_sibling()) ++authorId;
  authors.append_child((cp + "author").c_str()).text().set(kAuthor);

  std::vector<CellRef> newShapes;
  for (const auto& [ref, mark] : marks) {
    std::string body;
    for (const auto& line : mark.lines) body += (body.empty() ? "" : "\n") + line;
    const std::string name = diag::cellName(ref.row, ref.col);
    pugi::xml_node existing;
    for (auto c = list.first_child(); c; c = c.next_sibling())
      if (std::string(c.attribute("ref").value()) == name) existing = c;
    if (existing) {
      auto text = childLocal(existing, "text");
      if (!text) text = existing.append_child((cp + "text").c_str());
      appendRun(text, cp, "\n" + body);
      continue;
    }
    auto c = list.append_child((cp + "comment").c_str());
    c.append_attribute("ref") = name.c_str();
    c.append_attribute("authorId") = authorId;
    appendRun(c.append_child((cp + "text").c_str()), cp, body);
    newShapes.push_back(ref);
  }
  package.setPart(commentsPart, detail::serialize(comments));

  // VML is not always well-formed XML (Excel writes <br> in it): edit it as text.
  static const std::regex kShapeId("_x0000_s(\\d+)");
  static const std::regex kIdMap("data=\"(\\d+)");
  std::string vml;
  int nextId = 0;
  if (vmlPart.empty()) {
    vmlPart = package.freshName("xl/drawings/vmlDrawing", ".vml");
    int block = 0;
    for (int n = 1;; ++n) {  // an o:idmap block (1024 shape ids) no other drawing uses
      const std::string other = "xl/drawings/vmlDrawing" + std::to_string(n) + ".vml";
      if (!package.has(other)) break;
      block = std::max(block, highestNumber(package.part(other), kIdMap));
    }
    ++block;
    vml =
        "<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
        "xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><o:shapelayout v:ext=\"edit\"><o:idmap "
        "v:ext=\"edit\" "
        "data=\"" +
        std::to_string(block) + "\"/></o:shapelayout>" + kVmlShapeType + "</xml>";
    nextId = block * 1024 + 1;
    const std::string id = package.addRelationship(sheetPart, kRelVml, vmlPart);
    package.addDefault("vml", kVmlType);
    pugi::xml_node before;
    for (const char* name : kAfterLegacyDrawing)
      if (!before) before = childLocal(sheet, name);
    auto legacy = before ? sheet.insert_child_before((p + "legacyDrawing").c_str(), before)
                         : sheet.append_child((p + "legacyDrawing").c_str());
    if (std::string(sheet.attribute("xmlns:r").value()) != kRelNs)
      legacy.append_attribute("xmlns:r") = kRelNs;
    legacy.append_attribute("r:id") = id.c_str();
  } else {
    vml = package.part(vmlPart);
    nextId = std::max(1025, highestNumber(vml, kShapeId) + 1);
    if (vml.find("_x0000_t202") == std::string::npos && !newShapes.empty()) {
      const auto at = vml.rfind("</xml>");
      vml.insert(at == std::string::npos ? vml.size() : at, kVmlShapeType);
    }
  }
  std::string shapes;
  for (const auto& ref : newShapes) shapes += vmlShape(nextId++, ref);
  const auto end = vml.rfind("</xml>");
  vml.insert(end == std::string::npos ? vml.size() : end, shapes);
  package.setPart(vmlPart, vml);
  package.setPart(sheetPart, detail::serialize(doc));
}

}  // namespace

MarkedWorkbook markWorkbook(const std::string& workbookBytes, const std::string& fileName,
                            const diag::Diagnostics& diags, bool english) {
  Package package(workbookBytes, fileName);
  std::string workbookPart = "xl/workbook.xml";
  for (const auto& rel : package.relationships(""))
    if (rel.type == kRelOfficeDocument) workbookPart = rel.target;
  pugi::xml_document workbook;
  package.parse(workbook, workbookPart);
  const auto rels = package.relationships(workbookPart);
  std::map<std::string, std::string> sheetParts;  // visible name → part
  if (auto sheets = childLocal(workbook.document_element(), "sheets")) {
    for (auto s = sheets.first_child(); s; s = s.next_sibling()) {
      const std::string id = relId(s);
      for (const auto& rel : rels)
        if (rel.id == id) sheetParts[s.attribute("name").value()] = rel.target;
    }
  }
  std::string stylesPart;
  for (const auto& rel : rels)
    if (rel.type == kRelStyles) stylesPart = rel.target;

  MarkedWorkbook result;
  std::map<std::string, std::map<CellRef, Mark>> bySheet;
  for (const auto& d : diags.items()) {
    const auto part = sheetParts.find(d.where.sheet);
    if (d.where.sheet.empty() || d.where.row <= 0 || part == sheetParts.end()) {
      ++result.unplaced;
      continue;
    }
    Mark& m = bySheet[part->second][{d.where.row, std::max(1, d.where.column)}];
    const bool error = d.severity == diag::Severity::Error;
    m.error = m.error || error;
    std::string line = english ? (error ? "Error: " : "Warning: ") : (error ? "错误：" : "警告：");
    line += english && !d.messageEn.empty() ? d.messageEn : d.message;
    if (!d.suggestion.empty()) line += english ? " Fix: " + d.suggestion : "。建议：" + d.suggestion;
    m.lines.push_back(line);
  }
  if (bySheet.empty()) {
    result.bytes = workbookBytes;  // nothing to mark: the clerk's own bytes
    return result;
  }
  if (stylesPart.empty() || !package.has(stylesPart)) {
    diag::Diagnostic d;
    d.code = "mark.bad-workbook";
    d.where = {fileName, "", 0, 0, workbookPart};
    d.message = "工作簿没有样式部件，无法标记单元格";
    d.messageEn = "the workbook has no styles part; cells cannot be marked";
    d.suggestion = "用 Excel 或 WPS 打开后重新保存";
    d.suggestionEn = "open the file in Excel or WPS and save it again";
    throw diag::InputError(d);
  }
  Styles styles(package, stylesPart);
  for (const auto& [part, marks] : bySheet) {
    markSheet(package, styles, part, marks);
    result.cells += marks.size();
  }
  styles.save();
  result.bytes = package.write();
  return result;
}

}  // namespace bangfu::mark
