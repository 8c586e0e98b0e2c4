// GB/T 9704-2012 ch. 7 on the whole notice's word/document.xml (docs/notice.md "Checks").
#include <pugixml.hpp>
#include <regex>
#include <stdexcept>

#include "gbt9704_checks.hpp"

namespace bangfu::testkit {
namespace {

constexpr int kPitch = 579;       // 5.2.3
constexpr int kTextWidth = 8845;  // 5.2.1
constexpr int kChar = 320;        // one 3号 字

std::string textOf(const pugi::xml_node& p) {
  std::string out;
  auto nodes = p.select_nodes(".//w:t|.//w:tab");
  nodes.sort();
  for (auto n : nodes) {
    if (std::string(n.node().name()) == "w:t")
      out += n.node().text().get();
    else if (std::string(n.node().parent().name()) == "w:r")
      out += '\t';
  }
  return out;
}

int attr(const pugi::xml_node& p, const char* path, const char* name) {
  return p.select_node(path) ? p.select_node(path).node().attribute(name).as_int() : 0;
}

std::string styleOf(const pugi::xml_node& p) {
  return p.child("w:pPr").child("w:pStyle").attribute("w:val").value();
}

}  // namespace

std::vector<std::string> checkGbt9704Notice(const std::string& docxBytes) {
  std::vector<std::string> v;
  auto fail = [&](const std::string& clause, const std::string& what) { v.push_back(clause + ": " + what); };
  const auto parts = unzipAll(docxBytes);
  pugi::xml_document doc;
  if (!parts.count("word/document.xml") || !doc.load_string(parts.at("word/document.xml").c_str())) {
    throw std::runtime_error("no parsable word/document.xml");
  }
  const auto body = doc.child("w:document").child("w:body");
  std::vector<pugi::xml_node> top;
  for (auto n : body.children()) top.push_back(n);
  if (top.size() < 4) {
    fail("7.2", "the document is too short for a notice");
    return v;
  }
  static const std::regex kDocNumber("^.+〔\\d{4}〕[1-9]\\d*号$");
  static const std::regex kDate("^\\d{4}年[1-9]\\d?月[1-9]\\d?日$");

  // 7.2.4: a spacer of 35 mm (±1 mm, less the glyph inset), then the red mark.
  const int spacer = attr(top[0], "w:pPr/w:spacing", "w:line");
  if (std::string(top[0].name()) != "w:p" || !textOf(top[0]).empty() || spacer < 1984 - 57 - 80 ||
      spacer > 1984 + 57 + 80) {
    fail("7.2.4", "no 35-mm space above the 发文机关标志 (spacer " + std::to_string(spacer) + " tw)");
  }
  std::size_t i = 1;
  int markRuns = 0;
  for (auto r : top[i].select_nodes(".//w:r")) {
    ++markRuns;
    const auto rPr = r.node().child("w:rPr");
    if (std::string(rPr.child("w:color").attribute("w:val").value()) != "FF0000")
      fail("7.2.4", "发文机关标志 run not red: " + textOf(r.node()));
    if (std::string(rPr.child("w:rFonts").attribute("w:eastAsia").value()) != "方正小标宋简体")
      fail("7.2.4", "发文机关标志 run not in 小标宋: " + textOf(r.node()));
  }
  if (markRuns == 0) fail("7.2.4", "no 发文机关标志");
  if (std::string(top[i].name()) == "w:tbl" &&
      std::string(top[i].child("w:tblPr").child("w:jc").attribute("w:val").value()) != "center") {
    fail("7.2.4", "stacked 发文机关标志 not centred");
  }
  ++i;
  // 7.2.5, 7.2.6, 7.2.7: 发文字号 two lines below, the red rule 4 mm below it.
  std::size_t numberAt = i;
  while (numberAt < top.size() && !top[numberAt].child("w:pPr").child("w:pBdr")) ++numberAt;
  if (numberAt >= top.size()) {
    fail("7.2.7", "no red separator");
    return v;
  }
  const auto rule = top[numberAt].child("w:pPr").child("w:pBdr").child("w:bottom");
  if (std::string(rule.attribute("w:color").value()) != "FF0000") fail("7.2.7", "separator not red");
  const int space = rule.attribute("w:space").as_int();
  if (space < 7 || space > 12)
    fail("7.2.7", "separator " + std::to_string(space) + " pt below the 发文字号, not 4 mm");
  if (attr(top[numberAt], "w:pPr/w:ind", "w:left") != 0 || attr(top[numberAt], "w:pPr/w:ind", "w:right") != 0)
    fail("7.2.7", "separator narrower than the 版心 (indented paragraph)");
  if (attr(top[i], "w:pPr/w:spacing", "w:before") != 2 * kPitch)
    fail("7.2.5", "发文字号 not two lines below the mark");
  std::string number = textOf(top[numberAt]);
  if (const auto tab = number.find('\t', 1); tab != std::string::npos) number = number.substr(0, tab);
  while (!number.empty() && number.front() == '\t') number.erase(0, 1);
  if (!number.empty() && !std::regex_match(number, kDocNumber)) fail("7.2.5", "发文字号 " + number);
  if (numberAt > i && textOf(top[i]).find("签发人：") == std::string::npos)
    fail("7.2.6", "a line before the 发文字号 that is not 签发人");

  // 7.3.1: the title two lines below the rule, in the 2号 title style; 7.3.2 主送.
  i = numberAt + 1;
  if (i >= top.size() || styleOf(top[i]) != "AppendixTitle") {
    fail("7.3.1", "no title after the 版头");
    return v;
  }
  if (attr(top[i], "w:pPr/w:spacing", "w:before") != 2 * kPitch)
    fail("7.3.1", "title not two lines below the separator");
  while (i < top.size() && styleOf(top[i]) == "AppendixTitle") ++i;
  if (i < top.size()) {
    const std::string to = textOf(top[i]);
    if (to.size() < 3 || to.compare(to.size() - 3, 3, "：") != 0) {
      fail("7.3.2", "no 主送机关 ending in ： under the title: " + to.substr(0, 30));
    } else {
      if (attr(top[i], "w:pPr/w:spacing", "w:before") != kPitch)
        fail("7.3.2", "主送 not one line below the title");
      if (attr(top[i], "w:pPr/w:ind", "w:left") != 0 || attr(top[i], "w:pPr/w:ind", "w:firstLine") != 0)
        fail("7.3.2", "主送 not flush left");
    }
  }

  // 7.3.4 附件说明 (rule 13), 7.3.5 署名 and 成文日期, 7.3.6 附注.
  std::size_t dateAt = 0;
  for (std::size_t k = i; k < top.size(); ++k) {
    const auto& p = top[k];
    if (std::string(p.name()) != "w:p") continue;
    const std::string t = textOf(p);
    if (t == "附件" || std::regex_match(t, std::regex("^附件\\d+$"))) break;  // the appendices
    if (t.rfind("附件：", 0) == 0) {
      const bool numbered = t.find("\t1.\t") != std::string::npos;
      const int left = attr(p, "w:pPr/w:ind", "w:left");
      const int hanging = attr(p, "w:pPr/w:ind", "w:hanging");
      const int wantLeft = numbered ? 6 * kChar : 5 * kChar;
      if (left != wantLeft || left - hanging != 2 * kChar)
        fail("7.3.4", "附件说明 not 空二字 with its name aligned (left " + std::to_string(left) +
                          ", hanging " + std::to_string(hanging) + ")");
      if (k == 0 || !textOf(top[k - 1]).empty()) fail("7.3.4", "附件说明 not one line below the text");
      if (t.back() == '\xE3' || t.find("。", t.size() - 3) != std::string::npos)
        fail("7.3.4", "附件说明 ends in punctuation");
    }
    if (std::regex_match(t, kDate)) {
      dateAt = k;
      const int left = attr(p, "w:pPr/w:ind", "w:left");
      if (left <= 0 || left >= kTextWidth) fail("7.3.5", "成文日期 not placed by its indent");
      if (k == 0 || !p.previous_sibling().child("w:pPr").child("w:keepNext"))
        fail("7.3.5", "署名 not kept with its 成文日期");
    }
    if (dateAt > 0 && k == dateAt + 1 && t.rfind("（", 0) == 0 &&
        attr(p, "w:pPr/w:ind", "w:firstLine") != 2 * kChar) {
      fail("7.3.6", "附注 not 空二字: " + t);
    }
  }

  // 7.4: the 版记 in an even-page section, thick first and last rules, thin between.
  const auto finalSect = body.child("w:sectPr");
  const bool imprint = std::string(finalSect.child("w:type").attribute("w:val").value()) == "evenPage";
  if (imprint) {
    pugi::xml_node table;
    for (auto n : body.children("w:tbl")) table = n;
    const auto b = table.child("w:tblPr").child("w:tblBorders");
    if (b.child("w:top").attribute("w:sz").as_int() != 8 ||
        b.child("w:bottom").attribute("w:sz").as_int() != 8)
      fail("7.4.1", "版记 first and last rules not 0.35 mm");
    int rows = 0;
    for (auto r : table.children("w:tr")) (void)r, ++rows;
    if (rows > 1 && b.child("w:insideH").attribute("w:sz").as_int() != 6)
      fail("7.4.1", "版记 middle rule not 0.25 mm");
    if (attr(table, "w:tblPr/w:tblW", "w:w") != kTextWidth)
      fail("7.4.1", "版记 rules not as wide as the 版心");
    const std::string last = textOf(table.last_child());
    static const std::regex kPrinted("^.+\\t\\d{4}年[1-9]\\d?月[1-9]\\d?日印发$");
    if (!std::regex_match(last, kPrinted)) fail("7.4.3", "印发机关和印发日期 line reads " + last);
    for (auto sz : table.select_nodes(".//w:r/w:rPr/w:sz"))
      if (sz.node().attribute("w:val").as_int() != 28) fail("7.4.2", "版记 text not 4号");
    const std::string first = textOf(table.first_child());
    if (rows > 1 &&
        (first.rfind("抄送：", 0) != 0 || first.find("。", first.size() - 3) == std::string::npos))
      fail("7.4.2", "抄送 line reads " + first);
  }
  return v;
}

}  // namespace bangfu::testkit
