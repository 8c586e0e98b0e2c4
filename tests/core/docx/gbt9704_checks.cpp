#include "gbt9704_checks.hpp"

#include <Poco/Exception.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <pugixml.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

namespace bangfu::testkit {
namespace {

// Values of shared/spec/gbt9704.md §1, restated here on purpose: the checker
// must not share constants with the writer it checks.
constexpr int kPortraitW = 11906, kPortraitH = 16838;
constexpr int kTolerance = 57;  // 1 mm (check 2)
constexpr int kPitch = 579;
constexpr int kChars = 28;
constexpr int kBodySz = 32;
constexpr int kFooterSz = 28;
constexpr int kIndent = 640;

std::u32string decode(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < n && i + static_cast<std::size_t>(k) < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    }
    out += cp;
    i += static_cast<std::size_t>(n);
  }
  return out;
}

bool isHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x3134F) ||
         (c >= 0xF900 && c <= 0xFAFF) || c == 0x3007;
}
bool isAsciiAlnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
int width(const std::u32string& s) {  // East Asian Width, roughly: CJK and full-width count 2
  int w = 0;
  for (char32_t c : s)
    w += (c >= 0x1100 && (isHan(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF60))) ? 2 : 1;
  return w;
}

bool falseVal(const pugi::xml_attribute& a) {
  const std::string v = a.value();
  return a && (v == "0" || v == "false" || v == "off");
}
/// An on/off element (w:b, w:pageBreakBefore …) that is present and not switched off.
bool isOn(const pugi::xml_node& n) { return n && !falseVal(n.attribute("w:val")); }

class Styles {
 public:
  explicit Styles(const pugi::xml_document& doc) {
    const auto root = doc.child("w:styles");
    defaults_ = root.child("w:docDefaults");
    for (auto s : root.children("w:style")) {
      const std::string id = s.attribute("w:styleId").value();
      byId_[id] = s;
      if (s.attribute("w:default").as_bool() && std::string(s.attribute("w:type").value()) == "paragraph") {
        defaultPara_ = id;
      }
    }
  }
  const std::string& defaultParagraph() const { return defaultPara_; }

  /// The style chain, most specific first.
  std::vector<pugi::xml_node> chain(std::string id) const {
    std::vector<pugi::xml_node> out;
    std::set<std::string> seen;
    while (!id.empty() && seen.insert(id).second) {
      const auto it = byId_.find(id);
      if (it == byId_.end()) break;
      out.push_back(it->second);
      id = it->second.child("w:basedOn").attribute("w:val").value();
    }
    return out;
  }

  std::string paragraphStyle(const pugi::xml_node& p) const {
    const std::string id = p.child("w:pPr").child("w:pStyle").attribute("w:val").value();
    return id.empty() || byId_.count(id) == 0 ? defaultPara_ : id;
  }

  /// A paragraph property attribute through direct pPr, the style chain and docDefaults.
  std::optional<std::string> para(const pugi::xml_node& p, const char* elem, const char* attr) const {
    if (auto a = p.child("w:pPr").child(elem).attribute(attr)) return std::string(a.value());
    for (const auto& s : chain(paragraphStyle(p))) {
      if (auto a = s.child("w:pPr").child(elem).attribute(attr)) return std::string(a.value());
    }
    if (auto a = defaults_.child("w:pPrDefault").child("w:pPr").child(elem).attribute(attr)) {
      return std::string(a.value());
    }
    return std::nullopt;
  }
  bool paraOn(const pugi::xml_node& p, const char* elem) const {
    if (auto e = p.child("w:pPr").child(elem)) return isOn(e);
    for (const auto& s : chain(paragraphStyle(p))) {
      if (auto e = s.child("w:pPr").child(elem)) return isOn(e);
    }
    return false;
  }

  /// A run property attribute through direct rPr, the character style chain, the
  /// paragraph style chain and docDefaults (ECMA-376 17.7.2).
  std::optional<std::string> run(const pugi::xml_node& p, const pugi::xml_node& r, const char* elem,
                                 const char* attr) const {
    if (auto a = r.child("w:rPr").child(elem).attribute(attr)) return std::string(a.value());
    for (const auto& s : chain(r.child("w:rPr").child("w:rStyle").attribute("w:val").value())) {
      if (auto a = s.child("w:rPr").child(elem).attribute(attr)) return std::string(a.value());
    }
    for (const auto& s : chain(paragraphStyle(p))) {
      if (auto a = s.child("w:rPr").child(elem).attribute(attr)) return std::string(a.value());
    }
    if (auto a = defaults_.child("w:rPrDefault").child("w:rPr").child(elem).attribute(attr)) {
      return std::string(a.value());
    }
    return std::nullopt;
  }
  pugi::xml_node defaults() const { return defaults_; }

 private:
  std::map<std::string, pugi::xml_node> byId_;
  pugi::xml_node defaults_;
  std::string defaultPara_;
};

std::string text(const pugi::xml_node& p) {
  std::string out;
  auto nodes = p.select_nodes(".//w:t|.//w:tab|.//w:br");
  nodes.sort();  // a union is not in document order until sorted
  for (auto n : nodes) {
    const std::string name = n.node().name();
    if (name == "w:t") out += n.node().text().get();
    if (name == "w:tab" && std::string(n.node().parent().name()) == "w:r") out += '\t';
    if (name == "w:br") out += '\n';
  }
  return out;
}

std::vector<pugi::xml_node> textRuns(const pugi::xml_node& p) {
  std::vector<pugi::xml_node> out;
  for (auto n : p.select_nodes(".//w:r[w:t]")) out.push_back(n.node());
  return out;
}

int toInt(const std::optional<std::string>& s, int fallback = 0) {
  if (!s || s->empty()) return fallback;
  try {
    return std::stoi(*s);
  } catch (const std::exception&) {
    return fallback;
  }
}

pugi::xml_document parse(const std::map<std::string, std::string>& parts, const std::string& name,
                         bool required) {
  pugi::xml_document d;
  const auto it = parts.find(name);
  if (it == parts.end()) {
    if (required) throw std::runtime_error("checkGbt9704: no " + name);
    return d;
  }
  if (!d.load_buffer(it->second.data(), it->second.size(), pugi::parse_default | pugi::parse_ws_pcdata)) {
    throw std::runtime_error("checkGbt9704: " + name + " is not XML");
  }
  return d;
}

struct Section {
  pugi::xml_node sectPr;
  int textWidth = 0;
  bool landscape = false;
};

Section sectionOf(const pugi::xml_node& sectPr) {
  Section s;
  s.sectPr = sectPr;
  const auto sz = sectPr.child("w:pgSz");
  const auto mar = sectPr.child("w:pgMar");
  s.landscape = std::string(sz.attribute("w:orient").value()) == "landscape";
  s.textWidth =
      sz.attribute("w:w").as_int() - mar.attribute("w:left").as_int() - mar.attribute("w:right").as_int();
  return s;
}

}  // namespace

std::map<std::string, std::string> unzipAll(const std::string& zipBytes) {
  std::map<std::string, std::string> out;
  try {
    std::istringstream in(zipBytes);
    const Poco::Zip::ZipArchive archive(in);
    for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
      if (it->second.isDirectory()) continue;
      std::istringstream again(zipBytes);
      Poco::Zip::ZipInputStream zis(again, it->second);
      std::ostringstream body;
      body << zis.rdbuf();
      out[it->first] = body.str();
    }
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("unzipAll: " + e.displayText());
  }
  return out;
}

std::vector<std::string> checkGbt9704(const std::string& docxBytes, const Gbt9704CheckOptions& options) {
  std::vector<std::string> v;
  auto fail = [&](int check, const std::string& what) {
    v.push_back("check " + std::to_string(check) + ": " + what);
  };

  const auto parts = unzipAll(docxBytes);
  const auto document = parse(parts, "word/document.xml", true);
  const auto stylesDoc = parse(parts, "word/styles.xml", true);
  const auto settings = parse(parts, "word/settings.xml", true);
  const auto rels = parse(parts, "word/_rels/document.xml.rels", true);
  const Styles styles(stylesDoc);
  const auto body = document.child("w:document").child("w:body");

  // Sections in order; every body element belongs to the next sectPr.
  std::vector<Section> sections;
  for (auto n : document.select_nodes("//w:sectPr")) sections.push_back(sectionOf(n.node()));
  if (sections.empty()) fail(1, "no w:sectPr");

  // ---- 1–4: page, margins, grid, 28 characters ----
  const std::string normal = styles.defaultParagraph();
  std::optional<int> normalSzFound;
  std::optional<int> normalSpacingFound;
  for (const auto& s : styles.chain(normal)) {
    if (auto a = s.child("w:rPr").child("w:sz").attribute("w:val"); a && !normalSzFound)
      normalSzFound = a.as_int();
    if (auto a = s.child("w:rPr").child("w:spacing").attribute("w:val"); a && !normalSpacingFound) {
      normalSpacingFound = a.as_int();
    }
  }
  const int normalSz = normalSzFound.value_or(styles.defaults()
                                                  .child("w:rPrDefault")
                                                  .child("w:rPr")
                                                  .child("w:sz")
                                                  .attribute("w:val")
                                                  .as_int(kBodySz));
  const int normalSpacing = normalSpacingFound.value_or(0);
  for (const auto& sec : sections) {
    const auto sz = sec.sectPr.child("w:pgSz");
    const int w = sz.attribute("w:w").as_int(), h = sz.attribute("w:h").as_int();
    if (!((w == kPortraitW && h == kPortraitH && !sec.landscape) ||
          (w == kPortraitH && h == kPortraitW && sec.landscape))) {
      fail(1, "pgSz " + std::to_string(w) + "x" + std::to_string(h) + (sec.landscape ? " landscape" : ""));
    }
    const auto mar = sec.sectPr.child("w:pgMar");
    const int want[4] = {sec.landscape ? 1587 : 2098, sec.landscape ? 2098 : 1474,
                         sec.landscape ? 1474 : 1984, sec.landscape ? 1984 : 1587};
    const char* names[4] = {"w:top", "w:right", "w:bottom", "w:left"};
    for (int i = 0; i < 4; ++i) {
      const int got = mar.attribute(names[i]).as_int();
      if (std::abs(got - want[i]) > kTolerance) {
        fail(2, std::string("pgMar ") + names[i] + " " + std::to_string(got) + " (want " +
                    std::to_string(want[i]) + ")");
      }
    }
    const auto grid = sec.sectPr.child("w:docGrid");
    if (grid.attribute("w:linePitch").as_int() != kPitch) {
      fail(3, "docGrid linePitch " + std::string(grid.attribute("w:linePitch").value()));
    }
    const std::string type = grid.attribute("w:type").value();
    double pitchTw = normalSz * 10.0;
    if (type == "linesAndChars" || type == "snapToChars") {
      pitchTw += grid.attribute("w:charSpace").as_int() * 20.0 / 4096.0;
    } else {
      pitchTw += normalSpacing;
    }
    if (!sec.landscape && kChars * pitchTw > sec.textWidth) {
      fail(4, "28 characters of " + std::to_string(pitchTw) + " tw exceed the text width " +
                  std::to_string(sec.textWidth));
    }
    // 18: landscape sections keep the odd/even footers (their boxes: below).
    if (sec.landscape) {
      const bool refs = sec.sectPr.select_node("w:footerReference[@w:type='even']") &&
                        sec.sectPr.select_node("w:footerReference[@w:type='default']");
      if (!refs && sec.sectPr.child("w:footerReference"))
        fail(18, "landscape section lacks the odd or even footer");
    }
  }
  for (const auto* d : {&document, &stylesDoc}) {
    for (auto n : d->select_nodes("//w:spacing[@w:line='580']|//w:docGrid[@w:linePitch='580']")) {
      (void)n;
      fail(3, "580-tw line found (22 lines overflow)");
    }
  }

  // Body-level paragraphs, with the section each belongs to.
  struct BodyPara {
    pugi::xml_node p;
    std::string text;
    bool afterBreak = false;  // first paragraph of the document or of a section
  };
  std::vector<BodyPara> paras;
  bool nextStartsSection = true;
  for (auto n : body.children()) {
    const std::string name = n.name();
    if (name == "w:p") {
      paras.push_back({n, text(n), nextStartsSection});
      nextStartsSection = static_cast<bool>(n.child("w:pPr").child("w:sectPr"));
    } else if (name == "w:tbl") {
      nextStartsSection = false;
    }
  }

  static const std::regex kHeading1("^[一二三四五六七八九十]+、.*");
  static const std::regex kHeading2("^（[一二三四五六七八九十]+）.*");
  static const std::regex kNumbered("^(\\d+[.．]|（\\d+）).*");
  auto isFont = [](const std::optional<std::string>& f, std::initializer_list<const char*> ok) {
    return f && std::any_of(ok.begin(), ok.end(), [&](const char* s) { return *f == s; });
  };
  for (const auto& bp : paras) {
    const std::string style = styles.paragraphStyle(bp.p);
    const bool isBody = style == "BodyText" || style == normal;
    // The whole notice: the red 发文机关标志 is set on lines of its own size (7.2.4).
    const bool markLine = options.notice && bp.p.select_node(".//w:rPr/w:color[@w:val='FF0000']");
    if (!bp.text.empty() && !markLine) {
      // 3: every line of text sits on the 579 grid.
      if (toInt(styles.para(bp.p, "w:spacing", "w:line")) != kPitch ||
          styles.para(bp.p, "w:spacing", "w:lineRule").value_or("") != "exact") {
        fail(3, "paragraph \"" + bp.text.substr(0, 30) + "\" is not at 579 exact");
      }
    }
    for (const auto& r : textRuns(bp.p)) {
      // 5: body runs without a face of their own resolve to 3号 body face.
      if (isBody && !r.child("w:rPr").child("w:rStyle") &&
          !r.child("w:rPr").child("w:rFonts").attribute("w:eastAsia")) {
        if (styles.run(bp.p, r, "w:rFonts", "w:eastAsia").value_or("") != options.bodyFont ||
            toInt(styles.run(bp.p, r, "w:sz", "w:val")) != kBodySz) {
          fail(5, "body run \"" + std::string(r.child("w:t").text().get()).substr(0, 30) + "\" is not 3号 " +
                      options.bodyFont);
        }
      }
    }
    // 6: heading levels by their numbering.
    const auto runs = textRuns(bp.p);
    if (!runs.empty() && !bp.text.empty()) {
      const auto font = styles.run(bp.p, runs.front(), "w:rFonts", "w:eastAsia");
      const int sz = toInt(styles.run(bp.p, runs.front(), "w:sz", "w:val"));
      const bool h1 = std::regex_match(bp.text, kHeading1), h2 = std::regex_match(bp.text, kHeading2),
                 num = std::regex_match(bp.text, kNumbered);
      if (h1 && !isFont(font, {"黑体", "SimHei"}))
        fail(6, "一、 paragraph not in 黑体: " + bp.text.substr(0, 30));
      if (h2 && !isFont(font, {"楷体_GB2312", "楷体", "KaiTi"}))
        fail(6, "（一） paragraph not in 楷体: " + bp.text.substr(0, 30));
      if (num && !isFont(font, {options.bodyFont.c_str(), "仿宋", "FangSong"})) {
        fail(6, "numbered paragraph not in 仿宋: " + bp.text.substr(0, 30));
      }
      if ((h1 || h2 || num) && sz != kBodySz) fail(6, "heading not 3号: " + bp.text.substr(0, 30));
    }
    // 7: body paragraphs indent two 字 and carry no leading spaces.
    if (style == "BodyText") {
      if (toInt(styles.para(bp.p, "w:ind", "w:firstLine")) != kIndent ||
          styles.para(bp.p, "w:ind", "w:hanging")) {
        fail(7, "body paragraph without firstLine 640: " + bp.text.substr(0, 30));
      }
      if (!bp.text.empty() && (bp.text[0] == ' ' || bp.text.rfind("\xE3\x80\x80", 0) == 0)) {
        fail(7, "body paragraph starts with a space: " + bp.text.substr(0, 30));
      }
    }
  }

  // ---- 8, 9: footers ----
  if (!settings.select_node("//w:evenAndOddHeaders") ||
      falseVal(settings.select_node("//w:evenAndOddHeaders").node().attribute("w:val"))) {
    fail(8, "settings.xml lacks w:evenAndOddHeaders");
  }
  std::map<std::string, std::string> targets;
  for (auto r : rels.child("Relationships").children("Relationship"))
    targets[r.attribute("Id").value()] = r.attribute("Target").value();
  // 8, 9: one page-number paragraph: parity by jc and indent, "— PAGE —" in 宋体 4号.
  auto checkPageNumber = [&](const pugi::xml_node& p, const std::string& type, const std::string& where) {
    const std::string jc = styles.para(p, "w:jc", "w:val").value_or("");
    if (type == "default" && (jc != "right" || toInt(styles.para(p, "w:ind", "w:right")) <= 0)) {
      fail(8, where + "odd (default) footer is not right-aligned with ind right");
    }
    if (type == "even" && (jc != "left" || toInt(styles.para(p, "w:ind", "w:left")) <= 0)) {
      fail(8, where + "even footer is not left-aligned with ind left");
    }
    std::string seq;
    auto nodes = p.select_nodes(".//w:t|.//w:instrText|.//w:fldSimple");
    nodes.sort();
    for (auto n : nodes) {
      const std::string name = n.node().name();
      if (name == "w:t" && std::string(n.node().parent().parent().name()) != "w:fldSimple")
        seq += n.node().text().get();
      if ((name == "w:instrText" && std::string(n.node().text().get()).find("PAGE") != std::string::npos) ||
          (name == "w:fldSimple" &&
           std::string(n.node().attribute("w:instr").value()).find("PAGE") != std::string::npos)) {
        seq += "{PAGE}";
      }
    }
    static const std::regex kFooterText("^\xE2\x80\x94 ?\\{PAGE\\}[0-9]* ?\xE2\x80\x94$");
    if (!std::regex_match(seq, kFooterText)) fail(9, where + "footer text is \"" + seq + "\", not — PAGE —");
    for (auto r : p.select_nodes(".//w:r")) {
      const auto run = r.node();
      if (!run.child("w:t") && !run.child("w:instrText")) continue;
      const auto ea = styles.run(p, run, "w:rFonts", "w:eastAsia");
      const auto ascii = styles.run(p, run, "w:rFonts", "w:ascii");
      if (!isFont(ea, {"宋体", "SimSun"}) || !isFont(ascii, {"宋体", "SimSun"}) ||
          toInt(styles.run(p, run, "w:sz", "w:val")) != kFooterSz) {
        fail(9, where + "footer run not 4号宋体");
      }
    }
  };
  // 18 (rule 25): a landscape box is page-relative, lies in the left margin and
  // runs along the whole 版心 height, so its paragraph's jc/ind put the number at
  // the foot of the page turned back to portrait (odd: bottom end, even: top end).
  auto checkLandscapeBox = [&](const Section& sec, double x, double y, double w, double h, bool pageRelative,
                               bool turned, const std::string& what) {
    const auto mar = sec.sectPr.child("w:pgMar");
    const int top = mar.attribute("w:top").as_int(), left = mar.attribute("w:left").as_int();
    const int bottomEdge =
        sec.sectPr.child("w:pgSz").attribute("w:h").as_int() - mar.attribute("w:bottom").as_int();
    if (!pageRelative) fail(18, what + " is not positioned relative to the page");
    if (!turned) fail(18, what + " text is not turned 90° clockwise (vert / layout-flow:vertical)");
    // Written so that a missing (NaN) length fails too.
    if (!(x >= 0 && w > 0 && x + w <= left + 1e-6)) fail(18, what + " is not in the left margin");
    if (!(std::abs(y - top) <= kTolerance && std::abs(y + h - bottomEdge) <= kTolerance)) {
      fail(18, what + " does not span the 版心 height (" + std::to_string(y) + "–" + std::to_string(y + h) +
                   " tw)");
    }
  };
  // One property of a VML style attribute ("a:b;c:d"); empty when absent.
  auto vmlStyle = [](const std::string& style, const std::string& key) {
    for (std::size_t from = 0; from < style.size();) {
      std::size_t end = style.find(';', from);
      if (end == std::string::npos) end = style.size();
      const std::string item = style.substr(from, end - from);
      if (item.rfind(key + ":", 0) == 0) return item.substr(key.size() + 1);
      from = end + 1;
    }
    return std::string();
  };
  // VML lengths ("72.3pt") in twips; NaN when absent or not in points.
  auto vmlTwips = [&](const std::string& style, const std::string& key) {
    const std::string v = vmlStyle(style, key);
    if (v.size() < 3 || v.substr(v.size() - 2) != "pt") return std::nan("");
    return std::atof(v.c_str()) * 20.0;
  };
  std::set<std::string> footerTypes;
  for (const auto& sec : sections) {
    for (auto ref : sec.sectPr.children("w:footerReference")) {
      const std::string type = ref.attribute("w:type").value();
      const std::string target = targets[ref.attribute("r:id").value()];
      footerTypes.insert(type);
      const auto part = parse(parts, "word/" + target, true);
      if (!sec.landscape) {
        // 7.5: 版记页前有空白页的，空白页和版记页均不编排页码 — the 版记's own section
        // (the last, of w:type evenPage) may refer to a footer without any text.
        const bool imprintSection =
            &sec == &sections.back() &&
            std::string(sec.sectPr.child("w:type").attribute("w:val").value()) == "evenPage";
        if (imprintSection && !part.child("w:ftr").select_node(".//w:t|.//w:instrText|.//w:fldSimple"))
          continue;
        checkPageNumber(part.child("w:ftr").child("w:p"), type, "");
        continue;
      }
      // 18: nothing but the box anchor in the landscape bottom margin.
      for (auto p : part.child("w:ftr").children("w:p")) {
        for (auto n : p.select_nodes(".//w:t|.//w:instrText|.//w:fldSimple")) {
          bool inBox = false;
          for (auto a = n.node().parent(); a; a = a.parent())
            inBox = inBox || std::string(a.name()) == "w:txbxContent";
          if (!inBox) {
            fail(18, target + ": landscape footer has text in the bottom margin");
            break;
          }
        }
      }
      int boxes = 0;
      for (auto n : part.select_nodes("//wps:wsp[wps:txbx/w:txbxContent]")) {
        const auto wsp = n.node();
        pugi::xml_node anchor = wsp;
        while (anchor && std::string(anchor.name()) != "wp:anchor") anchor = anchor.parent();
        const auto ph = anchor.child("wp:positionH"), pv = anchor.child("wp:positionV");
        const auto ext = anchor.child("wp:extent");
        constexpr double kEmu = 635.0;  // EMU per twip (ECMA-376 20.1.2.1)
        checkLandscapeBox(sec, ph.child("wp:posOffset").text().as_double() / kEmu,
                          pv.child("wp:posOffset").text().as_double() / kEmu,
                          ext.attribute("cx").as_double() / kEmu, ext.attribute("cy").as_double() / kEmu,
                          std::string(ph.attribute("relativeFrom").value()) == "page" &&
                              std::string(pv.attribute("relativeFrom").value()) == "page" &&
                              ph.child("wp:posOffset") && pv.child("wp:posOffset"),
                          std::string(wsp.child("wps:bodyPr").attribute("vert").value()) == "vert",
                          target + " wps box");
        for (auto p : wsp.child("wps:txbx").child("w:txbxContent").children("w:p")) {
          checkPageNumber(p, type, target + " wps box: ");
        }
        ++boxes;
      }
      for (auto n : part.select_nodes("//v:shape[v:textbox/w:txbxContent]")) {
        const auto shape = n.node();
        const std::string style = shape.attribute("style").value();
        const std::string flow = vmlStyle(shape.child("v:textbox").attribute("style").value(), "layout-flow");
        checkLandscapeBox(
            sec, vmlTwips(style, "margin-left"), vmlTwips(style, "margin-top"), vmlTwips(style, "width"),
            vmlTwips(style, "height"),
            vmlStyle(style, "position") == "absolute" &&
                vmlStyle(style, "mso-position-horizontal-relative") == "page" &&
                vmlStyle(style, "mso-position-vertical-relative") == "page",
            flow == "vertical" &&
                vmlStyle(shape.child("v:textbox").attribute("style").value(), "mso-layout-flow-alt").empty(),
            target + " VML box");
        for (auto p : shape.child("v:textbox").child("w:txbxContent").children("w:p")) {
          checkPageNumber(p, type, target + " VML box: ");
        }
        ++boxes;
      }
      if (boxes == 0) fail(18, target + ": landscape footer has no page-number text box in the left margin");
    }
  }
  if (!footerTypes.count("default") || !footerTypes.count("even"))
    fail(8, "no odd and even footers referenced");
  for (auto n : document.select_nodes("//w:pgNumType[@w:fmt='numberInDash']")) {
    (void)n;
    fail(9, "pgNumType fmt=numberInDash");
  }

  // ---- 10, 11: appendix starts ----
  static const std::regex kLabel("^附件\\d*$");
  static const std::regex kDetached("^.+〔\\d{4}〕[1-9]\\d*号附件\\d*$");
  int labels = 0;
  // The whole notice (options.notice): its first page, the 印发 wrapper's document
  // (under its 2号 title) and the 版记's even-page section start pages too.
  std::size_t lastSectionPara = 0;
  for (std::size_t i = 0; i < paras.size(); ++i)
    if (paras[i].p.child("w:pPr").child("w:sectPr")) lastSectionPara = i;
  const bool imprintSection =
      std::string(body.child("w:sectPr").child("w:type").attribute("w:val").value()) == "evenPage";
  auto noticePage = [&](std::size_t i) {
    if (!options.notice) return false;
    const std::string st = paras[i].p.child("w:pPr").child("w:pStyle").attribute("w:val").value();
    return i == 0 || st == "AppendixTitle" || (imprintSection && i > lastSectionPara);
  };
  for (std::size_t i = 0; i < paras.size(); ++i) {
    const auto& bp = paras[i];
    const bool plain = std::regex_match(bp.text, kLabel);
    const bool detached = std::regex_match(bp.text, kDetached);
    if (!plain && !detached) {
      // Every page an appendix opens starts with its label.
      if ((bp.afterBreak || styles.paraOn(bp.p, "w:pageBreakBefore")) && !noticePage(i)) {
        fail(10, "a new page starts with \"" + bp.text.substr(0, 30) + "\", not 附件N");
      }
      continue;
    }
    ++labels;
    if (!bp.afterBreak && !styles.paraOn(bp.p, "w:pageBreakBefore"))
      fail(10, bp.text + " does not start a new page");
    const auto runs = textRuns(bp.p);
    for (const auto& r : runs) {
      if (!isFont(styles.run(bp.p, r, "w:rFonts", "w:eastAsia"), {"黑体", "SimHei"}) ||
          toInt(styles.run(bp.p, r, "w:sz", "w:val")) != kBodySz) {
        fail(10, bp.text + " is not 3号黑体");
      }
    }
    const std::string jc = styles.para(bp.p, "w:jc", "w:val").value_or("left");
    if (jc != "left" && jc != "start" && jc != "both") fail(10, bp.text + " is not flush left");
    if (toInt(styles.para(bp.p, "w:ind", "w:left")) != 0 ||
        toInt(styles.para(bp.p, "w:ind", "w:firstLine")) != 0 ||
        toInt(styles.para(bp.p, "w:ind", "w:hanging")) != 0) {
      fail(10, bp.text + " is indented");
    }
    if (i + 2 >= paras.size() || !paras[i + 1].text.empty() || paras[i + 2].text.empty() ||
        styles.para(paras[i + 2].p, "w:jc", "w:val").value_or("") != "center") {
      fail(10, bp.text + ": line 2 is not empty or line 3 is not a centred title");
    }
  }
  if (labels == 0 && !options.notice) fail(10, "no 附件N label");
  if (options.detached && (paras.empty() || !std::regex_match(paras.front().text, kDetached))) {
    fail(11, "first paragraph is not 发文字号 + 附件N");
  }

  // ---- 12–14: text ----
  static const std::regex kBadYear("(\\[|【|（|\\(|［)\\d{4}(\\]|】|）|\\)|］)\\d+号");
  static const std::regex kDate("\\d{4}年\\d+月\\d+日");
  static const std::regex kGoodDate("\\d{4}年[1-9]\\d?月[1-9]\\d?日");
  for (auto n : body.select_nodes(".//w:p")) {
    const std::string t = text(n.node());
    if (t.empty()) continue;
    if (std::regex_search(t, kBadYear)) fail(12, "发文字号 year not in 〔〕: " + t.substr(0, 40));
    for (auto it = std::sregex_iterator(t.begin(), t.end(), kDate); it != std::sregex_iterator(); ++it) {
      if (!std::regex_match(it->str(), kGoodDate)) fail(13, "date " + it->str());
    }
    const std::u32string cps = decode(t);
    for (std::size_t k = 0; k < cps.size(); ++k) {
      if (cps[k] >= 0xFF10 && cps[k] <= 0xFF19) {
        fail(13, "full-width digit in: " + t.substr(0, 40));
        break;
      }
    }
    for (std::size_t k = 1; k + 1 < cps.size(); ++k) {
      if (cps[k] != U' ') continue;
      if ((isHan(cps[k - 1]) && isAsciiAlnum(cps[k + 1])) ||
          (isAsciiAlnum(cps[k - 1]) && isHan(cps[k + 1]))) {
        fail(14, "ASCII space between Han and Latin/digit: " + t.substr(0, 40));
        break;
      }
    }
  }

  // ---- 15: tables ----
  // The whole notice: the stacked 发文机关标志 (before the first 附件N) and the 版记
  // (its even-page section) are layout tables, checked by checkGbt9704Notice.
  std::set<const void*> layoutTables;
  if (options.notice) {
    bool appendices = false;
    int sectParas = 0;
    int seen = 0;
    for (auto n : body.children("w:p"))
      if (n.child("w:pPr").child("w:sectPr")) ++sectParas;
    for (auto n : body.children()) {
      const std::string name = n.name();
      if (name == "w:p" && std::regex_match(text(n), std::regex("^附件\\d*$"))) appendices = true;
      if (name == "w:p" && n.child("w:pPr").child("w:sectPr")) ++seen;
      const bool inImprint =
          std::string(body.child("w:sectPr").child("w:type").attribute("w:val").value()) == "evenPage" &&
          seen == sectParas;
      if (name == "w:tbl" && (!appendices || inImprint)) layoutTables.insert(n.internal_object());
    }
  }
  std::size_t sectionIndex = 0;
  for (auto n : body.children()) {
    const std::string name = n.name();
    if (name == "w:p" && n.child("w:pPr").child("w:sectPr")) ++sectionIndex;
    if (name != "w:tbl" || layoutTables.count(n.internal_object())) continue;
    const int textWidth = sectionIndex < sections.size() ? sections[sectionIndex].textWidth : 8845;
    const auto tblW = n.child("w:tblPr").child("w:tblW");
    if (std::string(tblW.attribute("w:type").value()) == "dxa" &&
        tblW.attribute("w:w").as_int() > textWidth) {
      fail(15, "tblW " + std::string(tblW.attribute("w:w").value()) + " > text width " +
                   std::to_string(textWidth));
    }
    int grid = 0;
    for (auto g : n.child("w:tblGrid").children("w:gridCol")) grid += g.attribute("w:w").as_int();
    if (grid > textWidth)
      fail(15, "grid " + std::to_string(grid) + " > text width " + std::to_string(textWidth));
    bool inHeader = true;
    int row = 0;
    for (auto tr : n.children("w:tr")) {
      ++row;
      const bool header = isOn(tr.child("w:trPr").child("w:tblHeader"));
      if (header && !inHeader)
        fail(15, "header row " + std::to_string(row) + " is not contiguous from row 1");
      if (!header) {
        inHeader = false;
        if (!isOn(tr.child("w:trPr").child("w:cantSplit")))
          fail(15, "data row " + std::to_string(row) + " lacks cantSplit");
      }
    }
    if (row > 0 && !isOn(n.child("w:tr").child("w:trPr").child("w:tblHeader")))
      fail(15, "table without a header row");
  }

  // ---- 16: name lists ----
  int labelWidth = -1;
  for (const auto& bp : paras) {
    if (styles.paragraphStyle(bp.p) != "NameList") {
      labelWidth = -1;
      continue;
    }
    const std::u32string cps = decode(bp.text);
    const auto colon = cps.find(U'：');
    if (colon == std::u32string::npos) {
      fail(16, "name-list line without ：: " + bp.text);
      continue;
    }
    const int w = width(cps.substr(0, colon + 1));
    if (labelWidth >= 0 && w != labelWidth) fail(16, "role label width differs: " + bp.text.substr(0, 30));
    labelWidth = w;
    std::u32string name;
    auto checkName = [&]() {
      if (name.size() == 2 && isHan(name[0]) && isHan(name[1]))
        fail(16, "two-character name not padded in: " + bp.text.substr(0, 40));
      if (name.size() == 3 && name[1] == U'\u3000' && !(isHan(name[0]) && isHan(name[2])))
        fail(16, "bad padding");
      name.clear();
    };
    for (std::size_t k = colon + 1; k < cps.size(); ++k) {
      if (cps[k] == U'\t' || cps[k] == U'\n') {
        checkName();
      } else {
        name += cps[k];
      }
    }
    checkName();
  }

  // ---- 19: 版记 ---- (of a whole notice: in checkGbt9704Notice, where 印发 in a title is no 版记)
  for (const auto& bp : paras) {
    if (options.notice) break;
    if (bp.text.rfind("抄送", 0) != 0 && bp.text.find("印发") == std::string::npos) continue;
    for (const auto& r : textRuns(bp.p)) {
      if (toInt(styles.run(bp.p, r, "w:sz", "w:val")) != kFooterSz)
        fail(19, "抄送/印发 not 4号: " + bp.text.substr(0, 30));
    }
    for (auto b : bp.p.select_nodes("w:pPr/w:pBdr/*")) {
      const int sz = b.node().attribute("w:sz").as_int();
      if (sz != 6 && sz != 8) fail(19, "版记 rule of w:sz " + std::to_string(sz));
    }
  }

  // ---- 5 (colour), 20 ----
  for (const auto& [name, bytes] : parts) {
    if (name.rfind("word/", 0) != 0 || name.size() < 4 || name.substr(name.size() - 4) != ".xml") continue;
    const auto d = parse(parts, name, true);
    for (auto c : d.select_nodes("//w:color")) {
      const std::string val = c.node().attribute("w:val").value();
      // GB/T 9704-2012 7.2.4: the 发文机关标志 alone is red, in its 小标宋.
      const bool mark = options.notice && val == "FF0000" &&
                        std::string(c.node().parent().child("w:rFonts").attribute("w:eastAsia").value()) ==
                            "方正小标宋简体";
      if (val != "auto" && val != "000000" && !mark) fail(5, name + ": colour " + val);
    }
    for (auto k : d.select_nodes("//w:kinsoku")) {
      if (falseVal(k.node().attribute("w:val"))) fail(20, name + ": kinsoku off");
    }
  }
  const std::string lang =
      styles.defaults().child("w:rPrDefault").child("w:rPr").child("w:lang").attribute("w:eastAsia").value();
  if (lang != "zh-CN") fail(20, "docDefaults lang eastAsia is \"" + lang + "\"");
  if (options.notice)
    for (auto& m : checkGbt9704Notice(docxBytes)) v.push_back(std::move(m));
  return v;
}

}  // namespace bangfu::testkit
