// XLSX reading (ECMA-376 Part 1, SpreadsheetML) with libzip (io/zip_package.cpp) and pugixml.
// Every failure becomes a diag::InputError that names the file, the part or the
// sheet and cell; nothing here may crash on hostile input (tests/fuzz/xlsx_fuzz.cpp).
#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <ios>
#include <map>
#include <pugixml.hpp>
#include <sstream>
#include <unordered_map>

#include "bangfu/io/sheet.hpp"
#include "bangfu/numfmt/numfmt.hpp"
#include "bangfu/text/utf8.hpp"
#include "bangfu/text/width.hpp"
#include "bangfu/util/civil_date.hpp"
#include "io/io_detail.hpp"
#include "io/zip_package.hpp"

namespace bangfu::io {

using detail::fail;

const SheetCell& Sheet::at(int row, int col) const {
  static const SheetCell kEmpty{};
  if (row < 1 || col < 1 || row > rowCount()) return kEmpty;
  const auto& r = rows[static_cast<std::size_t>(row - 1)];
  if (col > static_cast<int>(r.size())) return kEmpty;
  return r[static_cast<std::size_t>(col - 1)];
}

const std::string& Sheet::numberFormatOf(const SheetCell& c) const {
  static const std::string kGeneral;
  return c.format == 0 || c.format > numberFormats.size() ? kGeneral : numberFormats[c.format - 1];
}

const Sheet* Workbook::find(const std::string& name) const {
  for (const auto& s : sheets)
    if (s.name == name) return &s;
  return nullptr;
}

namespace {

// ECMA-376 Part 1 §18.3.1.4 (c@r) and Excel's grid: 16384 columns (XFD), 1048576 rows.
constexpr int kMaxColumns = 16384;
constexpr int kMaxRows = 1048576;
using Package = detail::ZipPackage;

/// Local name of an element or attribute: SpreadsheetML may come with a prefix (x:c).
std::string_view localName(const char* name) {
  std::string_view s(name);
  const auto colon = s.find(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

pugi::xml_node child(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && localName(c.name()) == name) return c;
  return {};
}

pugi::xml_attribute attr(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute())
    if (localName(a.name()) == name) return a;
  return {};
}

template <class F>
void forEachChild(pugi::xml_node node, std::string_view name, F&& f) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && localName(c.name()) == name) f(c);
}

/// The character references to U+0000 in a part (`&#0;`, `&#x0000;`): XML 1.0 §4.1
/// allows none (U+0000 is not a Char), and pugixml decodes one into a NUL in the
/// text it decodes in place, so the value's C string would end there and the rest
/// of the cell be lost in silence (issue 15). Found in the raw part before parsing
/// (every spreadsheet program writes its parts in UTF-8), then bound to the cell or
/// string item they lie in; every other control character survives decoding and
/// is reported at its cell with the rest (detail::rejectControlCharacters).
class NulReferences {
 public:
  explicit NulReferences(std::string_view xml) {
    for (std::size_t at = xml.find("&#"); at != std::string_view::npos; at = xml.find("&#", at + 2)) {
      std::size_t i = at + 2;
      if (i < xml.size() && xml[i] == 'x') ++i;
      const std::size_t digits = i;
      while (i < xml.size() && xml[i] == '0') ++i;
      if (i > digits && i < xml.size() && xml[i] == ';') offsets_.push_back(static_cast<std::ptrdiff_t>(at));
    }
  }

  /// After parsing: each reference's owner, the <c> or <si> around the element
  /// last opened before it (offset_debug: where an element's name lies in the
  /// in-place buffer, in document order). One outside any is an error at the part.
  void locate(const pugi::xml_document& doc, const std::string& file, const std::string& part) {
    if (offsets_.empty()) return;
    std::size_t k = 0;
    bool located = true;
    pugi::xml_node last;
    auto bind = [&](pugi::xml_node owner) {
      if (!owner || !located) stray(file, part);
      first_.emplace(owner.internal_object(), offsets_[k++]);  // keeps an item's first reference
    };
    for (pugi::xml_node n = doc.first_child(); n && k < offsets_.size();) {
      if (n.type() == pugi::node_element) {
        const std::ptrdiff_t at = n.offset_debug();
        located = located && at >= 0;  // -1: not the parse buffer's offsets
        while (k < offsets_.size() && (at < 0 || at > offsets_[k])) bind(ownerOf(last));
        last = n;
      }
      if (n.first_child()) {
        n = n.first_child();
        continue;
      }
      while (n && !n.next_sibling()) n = n.parent();
      if (n) n = n.next_sibling();
    }
    while (k < offsets_.size()) bind(ownerOf(last));
  }

  /// Offset of the first reference inside `item` (a <c> or an <si>), or -1.
  [[nodiscard]] std::ptrdiff_t in(pugi::xml_node item) const {
    const auto it = first_.find(item.internal_object());
    return it == first_.end() ? -1 : it->second;
  }
  [[nodiscard]] bool empty() const { return offsets_.empty(); }

 private:
  [[noreturn]] static void stray(const std::string& file, const std::string& part) {
    fail("io.control-char", {file, "", 0, 0, part},
         "XML 中有字符引用 &#0;（不可见的控制字符 U+0000），Excel 和 WPS "
         "都不会写出它，文件可能被其他程序改动过",
         "the XML holds the character reference &#0; (the invisible control character U+0000), which neither "
         "Excel nor WPS writes: another program may have changed the file",
         "用 Excel 或 WPS 打开后重新保存", "open the file in Excel or WPS and save it again");
  }

  static pugi::xml_node ownerOf(pugi::xml_node n) {
    for (; n; n = n.parent()) {
      if (n.type() == pugi::node_element && (localName(n.name()) == "c" || localName(n.name()) == "si"))
        return n;
    }
    return {};
  }

  std::vector<std::ptrdiff_t> offsets_;                    // ascending
  std::unordered_map<const void*, std::ptrdiff_t> first_;  // <c>/<si> → its first reference
};

/// Parses a part in place (`text` becomes the document's storage and must outlive
/// it); malformed XML is reported at the part's line:column. Text is embedded in
/// its element (parse_embed_pcdata): a sheet's DOM is most of the reader's peak
/// memory, and this saves a node per <v>. Returns the part's references to U+0000,
/// each bound to its cell or string item (one elsewhere has thrown).
NulReferences parseXml(pugi::xml_document& doc, std::string& text, const std::string& file,
                       const std::string& part) {
  NulReferences nuls(text);
  const unsigned options = pugi::parse_default | pugi::parse_ws_pcdata_single | pugi::parse_embed_pcdata;
  const pugi::xml_parse_result r =
      doc.load_buffer_inplace(text.data(), text.size(), options, pugi::encoding_auto);
  if (!r) {
    int line = 0, column = 0;
    detail::lineColumn(text, static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, r.offset)), line, column);
    fail("xlsx.bad-xml", {file, "", line, column, part}, std::string("XML 格式错误：") + r.description(),
         std::string("malformed XML: ") + r.description(), "用 Excel 或 WPS 打开后重新保存",
         "open the file in Excel or WPS and save it again");
  }
  nuls.locate(doc, file, part);
  return nuls;
}

/// ReadLimits::maxExpandedBytes across the whole workbook: the cells as held in
/// memory, and while a part is parsed, its DOM. Over it: xlsx.too-large at the
/// place that tipped it.
class ExpandedBudget {
 public:
  ExpandedBudget(std::string file, std::size_t cap) : file_(std::move(file)), cap_(cap) {}

  void charge(std::size_t bytes, const diag::Location& where) {
    if (bytes <= cap_ - used_) {  // used_ never exceeds cap_
      used_ += bytes;
      return;
    }
    const std::string mib = std::to_string(cap_ >> 20);
    const bool cell = where.row > 0;
    fail("xlsx.too-large", where,
         "工作簿展开后的内容超过上限 " + mib +
             " MiB（合并单元格按覆盖的每个单元格计，共享字符串按每次引用计），可能是恶意文件或数据过多",
         "the workbook's cells expand beyond " + mib +
             " MiB (a merged value counts once per covered cell, a shared string once per reference): "
             "a hostile file or too much data",
         cell ? "取消该单元格的大范围合并，或缩短被大量引用的长文本"
              : "删除表格远处的多余内容，或把数据拆分到多个工作簿",
         cell ? "unmerge the cell's large range, or shorten the long text that many cells refer to"
              : "delete stray content far from the table, or split the data into several workbooks");
  }
  void release(std::size_t bytes) { used_ -= std::min(bytes, used_); }

 private:
  std::string file_;
  std::size_t cap_;
  std::size_t used_ = 0;
};

/// Charges the DOM of one part while it lives: pugixml keeps the text in place and
/// allocates a node per element (64 bytes on LP64) and a record per attribute (40);
/// the count of '<' not closing a tag and of '=' bound both from above.
class DomCharge {
 public:
  DomCharge(ExpandedBudget& budget, const std::string& xml, const diag::Location& where) : budget_(budget) {
    constexpr std::size_t kNodeBytes = 64, kAttributeBytes = 40;
    std::size_t elements = 0, attributes = 0;
    for (std::size_t i = 0; i < xml.size(); ++i) {
      const char c = xml[i];
      if (c == '<' && i + 1 < xml.size() && xml[i + 1] != '/')
        ++elements;
      else if (c == '=')
        ++attributes;
    }
    bytes_ = xml.size() + elements * kNodeBytes + attributes * kAttributeBytes;
    budget_.charge(bytes_, where);
  }
  ~DomCharge() { budget_.release(bytes_); }
  DomCharge(const DomCharge&) = delete;
  DomCharge& operator=(const DomCharge&) = delete;

 private:
  ExpandedBudget& budget_;
  std::size_t bytes_ = 0;
};

/// ST_Xstring escapes (ECMA-376 Part 1 §22.9.2.19): _xHHHH_ stands for the UTF-16
/// code unit HHHH (Excel writes _x000D_ for a carriage return, _x005F_ for an
/// underscore that would otherwise start an escape). Surrogate pairs are joined.
std::string decodeXstring(std::string s) {
  if (s.find("_x") == std::string::npos) return s;
  auto hexUnit = [&](std::size_t at, unsigned& unit) {
    if (at + 7 > s.size() || s[at] != '_' || s[at + 1] != 'x' || s[at + 6] != '_') return false;
    unit = 0;
    for (std::size_t k = at + 2; k < at + 6; ++k) {
      const char c = s[k];
      if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
      unit = unit * 16 + static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(c))
                                                   ? c - '0'
                                                   : (std::tolower(c) - 'a' + 10));
    }
    return true;
  };
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    unsigned unit = 0;
    if (!hexUnit(i, unit)) {
      out += s[i++];
      continue;
    }
    i += 7;
    unsigned cp = unit;
    unsigned low = 0;
    if (unit >= 0xD800 && unit <= 0xDBFF && hexUnit(i, low) && low >= 0xDC00 && low <= 0xDFFF) {
      cp = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
      i += 7;
    }  // a lone surrogate has no UTF-8 form: appendUtf8 writes U+FFFD
    text::appendUtf8(out, cp);
  }
  return out;
}

/// Text of a string item (<si>, <is>): plain <t>, or the concatenated runs <r><t>
/// (§18.4.8); phonetic runs <rPh> are not part of the value.
std::string stringItem(pugi::xml_node item) {
  std::string s;
  for (pugi::xml_node c = item.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const auto n = localName(c.name());
    if (n == "t") {
      s += c.child_value();
    } else if (n == "r") {
      if (pugi::xml_node t = child(c, "t")) s += t.child_value();
    }
  }
  return decodeXstring(std::move(s));
}

/// The text of a cell or string item before a reference to U+0000 at `offset`: the
/// values (<t>, <v>) opened before it, the last one as pugixml cut it at the NUL.
std::string textBefore(pugi::xml_node item, std::ptrdiff_t offset) {
  std::string s;
  for (pugi::xml_node n = item.first_child(); n && n != item;) {
    if (n.type() == pugi::node_element) {
      if (n.offset_debug() > offset) break;
      const auto name = localName(n.name());
      if ((name == "t" && localName(n.parent().name()) != "rPh") || name == "v") s += n.child_value();
    }
    if (n.first_child()) {
      n = n.first_child();
      continue;
    }
    while (n != item && !n.next_sibling()) n = n.parent();
    if (n != item) n = n.next_sibling();
  }
  return decodeXstring(std::move(s));
}

/// io.control-char for a cell whose XML holds `&#0;`, naming U+0000 and the text before it.
[[noreturn]] void rejectNul(const diag::Location& where, const std::string& before) {
  throw diag::InputError(detail::controlCharacterError(where, before + '\0', before.size()));
}

/// "B12" → (12, 2). False when the reference is not a cell inside Excel's grid.
bool parseCellRef(std::string_view ref, int& row, int& col) {
  std::size_t i = 0;
  long c = 0;
  while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i]))) {
    c = c * 26 + (std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
    if (++i > 3) return false;
  }
  if (i == 0 || c > kMaxColumns) return false;
  long r = 0;
  const std::size_t digits = i;
  while (i < ref.size() && std::isdigit(static_cast<unsigned char>(ref[i]))) {
    r = r * 10 + (ref[i] - '0');
    if (r > kMaxRows) return false;
    ++i;
  }
  if (i != ref.size() || i == digits || r < 1) return false;
  row = static_cast<int>(r);
  col = static_cast<int>(c);
  return true;
}

// Serial-date epochs (§18.17.4.1): the 1900 system counts 1900-01-01 as 1 and
// keeps Lotus's fictitious 1900-02-29 as 60; the 1904 system counts from 1904-01-01.
constexpr long long kUnixDaysOf18991230 = -25569;
constexpr long long kUnixDaysOf19040101 = -24107;
constexpr double kFictitiousLeapDay = 60;
constexpr double kMaxSerial = 2958465;  // 9999-12-31

/// 2019年5月30日 (the 成文日期 form, GB/T 9704 §7.3.5.4), with the time of day when it has one.
bool dateText(double serial, bool date1904, std::string& out) {
  if (!(serial >= 0 && serial <= kMaxSerial)) return false;
  double whole = std::floor(serial);
  long long seconds = std::llround((serial - whole) * 86400.0);
  if (seconds >= 86400) {
    whole += 1;
    seconds -= 86400;
  }
  long long y = 1900;
  unsigned m = 2, d = 29;
  const auto setDate = [&](const util::CivilDate& date) { y = date.year, m = date.month, d = date.day; };
  if (date1904) {
    setDate(util::civilFromDays(kUnixDaysOf19040101 + static_cast<long long>(whole)));
  } else if (whole >= 1 && whole != kFictitiousLeapDay) {
    // Before the fictitious day the serials are one day ahead of the real calendar.
    const long long shift = whole < kFictitiousLeapDay ? 1 : 0;
    setDate(util::civilFromDays(kUnixDaysOf18991230 + static_cast<long long>(whole) + shift));
  } else if (whole < 1) {
    y = 1900, m = 1, d = 0;  // Excel shows serial 0 as 1900-01-00
  }
  out.clear();
  if (whole >= 1 || date1904)
    out = std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日";
  if (seconds != 0) {
    char buf[64];
    const long long h = seconds / 3600, mi = seconds / 60 % 60, s = seconds % 60;
    if (s != 0)
      std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", h, mi, s);
    else
      std::snprintf(buf, sizeof buf, "%lld:%02lld", h, mi);
    if (!out.empty()) out += ' ';
    out += buf;
  }
  if (out.empty()) out = "1900年1月0日";
  return true;
}

/// A t="d" cell holds an ISO 8601 date (§18.18.11); converted to a serial.
bool isoDateSerial(const std::string& s, bool date1904, double& serial) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
    return false;
  const long long days = util::daysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  serial = static_cast<double>(days - (date1904 ? kUnixDaysOf19040101 : kUnixDaysOf18991230));
  if (!date1904 && serial < kFictitiousLeapDay + 1) serial -= 1;
  int hh = 0, mm = 0, ss = 0;
  const auto t = s.find('T');
  if (t != std::string::npos && std::sscanf(s.c_str() + t + 1, "%2d:%2d:%2d", &hh, &mm, &ss) >= 2)
    serial += (hh * 3600 + mm * 60 + ss) / 86400.0;
  return true;
}

/// Resolves a relationship target against the folder of its source part (OPC, ECMA-376 Part 2 §9.3).
std::string resolveTarget(const std::string& sourcePart, const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  std::vector<std::string> parts;
  const auto slash = sourcePart.find_last_of('/');
  std::string base = slash == std::string::npos ? "" : sourcePart.substr(0, slash);
  std::string joined = base.empty() ? target : base + "/" + target;
  std::stringstream ss(joined);
  std::string seg;
  while (std::getline(ss, seg, '/')) {
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else {
      parts.push_back(seg);
    }
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string relsPartOf(const std::string& part) {
  const auto slash = part.find_last_of('/');
  const std::string dir = slash == std::string::npos ? "" : part.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? part : part.substr(slash + 1);
  return dir + "_rels/" + base + ".rels";
}

struct Relationship {
  std::string type;
  std::string target;  // resolved part name
};

std::map<std::string, Relationship> readRels(Package& pkg, const std::string& file, const std::string& part,
                                             ExpandedBudget& budget) {
  std::map<std::string, Relationship> rels;
  const std::string relsPart = relsPartOf(part);
  if (!pkg.has(relsPart)) return rels;
  std::string text = pkg.read(relsPart, pkg.where(relsPart));
  const DomCharge dom(budget, text, pkg.where(relsPart));
  pugi::xml_document doc;
  parseXml(doc, text, file, relsPart);
  forEachChild(child(doc, "Relationships"), "Relationship", [&](pugi::xml_node r) {
    if (std::string_view(attr(r, "TargetMode").value()) == "External") return;
    rels[attr(r, "Id").value()] = {attr(r, "Type").value(), resolveTarget(part, attr(r, "Target").value())};
  });
  return rels;
}

bool endsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// The number format of each cell style (cellXfs, §18.8.10), parsed once.
struct Styles {
  std::vector<numfmt::Format> formats;  // distinct formats, each parsed once
  std::vector<std::string> codes;       // their codes, in the same order
  std::vector<std::uint32_t> formatOf;  // by cellXfs index: index into formats
  std::vector<bool> general;            // by cellXfs index: General, the fast path
  numfmt::Format fallback;              // General, for an index past the table
  [[nodiscard]] const numfmt::Format& of(std::size_t xf) const {
    return xf < formatOf.size() ? formats[formatOf[xf]] : fallback;
  }
  [[nodiscard]] bool isGeneral(std::size_t xf) const { return xf >= general.size() || general[xf]; }
  /// SheetCell::format of a number shown through style `xf`.
  [[nodiscard]] std::uint32_t formatIndex(std::size_t xf) const {
    return isGeneral(xf) ? 0 : formatOf[xf] + 1;
  }
};

Styles readStyles(Package& pkg, const std::string& file, const std::string& part, ExpandedBudget& budget) {
  Styles st;
  if (part.empty() || !pkg.has(part)) return st;
  std::string text = pkg.read(part, pkg.where(part));
  const DomCharge dom(budget, text, pkg.where(part));
  pugi::xml_document doc;
  parseXml(doc, text, file, part);
  const pugi::xml_node root = child(doc, "styleSheet");
  std::unordered_map<int, std::string_view> custom;
  forEachChild(child(root, "numFmts"), "numFmt", [&](pugi::xml_node n) {
    custom[attr(n, "numFmtId").as_int(-1)] = attr(n, "formatCode").value();
  });
  // A parsed code holds a token per character or so: counted against the budget,
  // as a styles part may list thousands of long codes (§18.8.30 allows any id).
  constexpr std::size_t kParsedBytesPerCodeByte = 64;
  std::unordered_map<int, std::uint32_t> parsed;  // numFmtId → index into formats
  forEachChild(child(root, "cellXfs"), "xf", [&](pugi::xml_node xf) {
    const int id = attr(xf, "numFmtId").as_int(0);
    auto seen = parsed.find(id);
    if (seen == parsed.end()) {
      auto it = custom.find(id);
      const std::string code = it != custom.end() ? std::string(it->second) : numfmt::builtinCode(id);
      budget.charge(sizeof(numfmt::Format) + code.size() * kParsedBytesPerCodeByte, pkg.where(part));
      st.formats.push_back(numfmt::Format::parse(code));
      st.codes.push_back(code);
      seen = parsed.emplace(id, static_cast<std::uint32_t>(st.formats.size() - 1)).first;
    }
    st.formatOf.push_back(seen->second);
    st.general.push_back(st.formats[seen->second].isGeneral());
  });
  return st;
}

struct RawCell {
  int row, col;
  SheetCell cell;
};

class SheetReader {
 public:
  SheetReader(const std::string& file, const std::string& sheetName, const std::string& part,
              const std::vector<std::string>& shared, const std::map<std::size_t, std::string>& sharedNul,
              const Styles& styles, bool date1904, const ReadLimits& limits, ExpandedBudget& budget)
      : file_(file),
        sheet_(sheetName),
        part_(part),
        shared_(shared),
        sharedNul_(sharedNul),
        styles_(styles),
        date1904_(date1904),
        limits_(limits),
        budget_(budget) {}

  Sheet read(std::string& text) {
    const DomCharge dom(budget_, text, {file_, sheet_, 0, 0, part_});
    pugi::xml_document doc;
    const NulReferences nuls = parseXml(doc, text, file_, part_);
    const pugi::xml_node ws = doc.document_element();
    Sheet sheet;
    sheet.file = file_;
    sheet.name = sheet_;
    sheet.date1904 = date1904_;
    sheet.numberFormats = styles_.codes;
    std::vector<RawCell> cells;
    int maxRow = 0, maxCol = 0;
    int rowNo = 0;
    forEachChild(child(ws, "sheetData"), "row", [&](pugi::xml_node row) {
      const int r = attr(row, "r").as_int(rowNo + 1);
      if (r < 1 || r > kMaxRows) badRef(std::string("row ") + attr(row, "r").value());
      rowNo = r;
      if (attr(row, "hidden").as_bool()) sheet.hiddenRows.push_back(r);
      int colNo = 0;
      forEachChild(row, "c", [&](pugi::xml_node c) {
        int cr = rowNo, cc = colNo + 1;
        if (pugi::xml_attribute ref = attr(c, "r")) {
          if (!parseCellRef(ref.value(), cr, cc)) badRef(ref.value());
        }
        if (cc > kMaxColumns) badRef("column " + std::to_string(cc));
        colNo = cc;
        if (const std::ptrdiff_t nul = nuls.empty() ? -1 : nuls.in(c); nul >= 0)
          rejectNul({file_, sheet_, cr, cc, ""}, textBefore(c, nul));
        SheetCell cell = readCell(c, cr, cc);
        if (cell.type == SheetCell::Type::Empty) return;
        charge(cell.text.size() + sizeof(RawCell), cr, cc);
        maxRow = std::max(maxRow, cr);
        maxCol = std::max(maxCol, cc);
        cells.push_back({cr, cc, std::move(cell)});
      });
    });
    // Hidden columns: <cols><col min max hidden> (§18.3.1.13), clipped to the grid.
    std::vector<std::pair<int, int>> hiddenRanges;
    forEachChild(child(ws, "cols"), "col", [&](pugi::xml_node col) {
      if (!attr(col, "hidden").as_bool()) return;
      const int first = std::max(1, attr(col, "min").as_int(0));
      const int last = std::min(kMaxColumns, attr(col, "max").as_int(0));
      if (first <= last) hiddenRanges.emplace_back(first, last);
    });
    // Ranges merged first: a hostile file may repeat <col min="1" max="16384">.
    std::sort(hiddenRanges.begin(), hiddenRanges.end());
    int nextColumn = 1;
    for (const auto& [first, last] : hiddenRanges)
      for (int c = std::max(first, nextColumn); c <= last; ++c, nextColumn = c)
        sheet.hiddenColumns.push_back(c);
    std::sort(sheet.hiddenRows.begin(), sheet.hiddenRows.end());
    sheet.hiddenRows.erase(std::unique(sheet.hiddenRows.begin(), sheet.hiddenRows.end()),
                           sheet.hiddenRows.end());
    forEachChild(child(ws, "mergeCells"), "mergeCell", [&](pugi::xml_node m) {
      const std::string ref = attr(m, "ref").value();
      const auto colon = ref.find(':');
      MergeRange range{};
      if (!parseCellRef(std::string_view(ref).substr(0, colon), range.firstRow, range.firstCol)) badRef(ref);
      if (colon == std::string::npos) {
        range.lastRow = range.firstRow;
        range.lastCol = range.firstCol;
      } else if (!parseCellRef(std::string_view(ref).substr(colon + 1), range.lastRow, range.lastCol)) {
        badRef(ref);
      }
      if (range.lastRow < range.firstRow) std::swap(range.lastRow, range.firstRow);
      if (range.lastCol < range.firstCol) std::swap(range.lastCol, range.firstCol);
      sheet.merges.push_back(range);
    });
    // A merged range counts toward the extent only when its anchor has a value.
    std::unordered_map<long long, std::size_t> occupied;  // cell → index in `cells`
    for (std::size_t i = 0; i < cells.size(); ++i) occupied.emplace(key(cells[i].row, cells[i].col), i);
    std::vector<const MergeRange*> filled;
    std::vector<std::size_t> anchorText;  // text size of each filled range's anchor
    for (const auto& m : sheet.merges) {
      const auto anchor = occupied.find(key(m.firstRow, m.firstCol));
      if (anchor == occupied.end()) continue;
      filled.push_back(&m);
      anchorText.push_back(cells[anchor->second].cell.text.size());
      maxRow = std::max(maxRow, m.lastRow);
      maxCol = std::max(maxCol, m.lastCol);
    }
    const std::size_t gridSlots = static_cast<std::size_t>(maxRow) * static_cast<std::size_t>(maxCol);
    if (gridSlots > limits_.maxCells) {
      fail("xlsx.too-many-cells", {file_, sheet_, 0, 0, ""},
           "工作表范围过大（" + std::to_string(maxRow) + " 行 × " + std::to_string(maxCol) + " 列，上限 " +
               std::to_string(limits_.maxCells) + " 个单元格）",
           "the sheet is too large (" + std::to_string(maxRow) + " rows x " + std::to_string(maxCol) +
               " columns, limit " + std::to_string(limits_.maxCells) + " cells)",
           "删除表格远处的多余内容，或拆分工作表",
           "delete stray content far from the table, or split the sheet");
    }
    // Valid merges do not overlap (§18.3.1.55), so their areas sum to at most the
    // grid; a file claiming more would make the copy below quadratic.
    std::size_t mergedCells = 0;
    for (const MergeRange* m : filled)
      mergedCells += static_cast<std::size_t>(m->lastRow - m->firstRow + 1) *
                     static_cast<std::size_t>(m->lastCol - m->firstCol + 1);
    if (mergedCells > static_cast<std::size_t>(maxRow) * static_cast<std::size_t>(maxCol)) {
      fail("xlsx.bad-merge", {file_, sheet_, 0, 0, part_}, "合并单元格区域相互重叠", "merged ranges overlap",
           "在 Excel 或 WPS 中取消并重新合并单元格", "unmerge and merge the cells again in Excel or WPS");
    }
    charge(gridSlots * sizeof(SheetCell), 0, 0);
    for (std::size_t i = 0; i < filled.size(); ++i) {
      const MergeRange& m = *filled[i];
      const std::size_t covered = static_cast<std::size_t>(m.lastRow - m.firstRow + 1) *
                                      static_cast<std::size_t>(m.lastCol - m.firstCol + 1) -
                                  1;
      charge(covered * anchorText[i], m.firstRow, m.firstCol);
    }
    sheet.rows.assign(static_cast<std::size_t>(maxRow),
                      std::vector<SheetCell>(static_cast<std::size_t>(maxCol)));
    for (auto& rc : cells)
      sheet.rows[static_cast<std::size_t>(rc.row - 1)][static_cast<std::size_t>(rc.col - 1)] =
          std::move(rc.cell);
    for (const MergeRange* m : filled) {
      const SheetCell anchor =
          sheet.rows[static_cast<std::size_t>(m->firstRow - 1)][static_cast<std::size_t>(m->firstCol - 1)];
      for (int r = m->firstRow; r <= m->lastRow; ++r)
        for (int c = m->firstCol; c <= m->lastCol; ++c)
          sheet.rows[static_cast<std::size_t>(r - 1)][static_cast<std::size_t>(c - 1)] = anchor;
    }
    return sheet;
  }

 private:
  static long long key(int r, int c) { return static_cast<long long>(r) * (kMaxColumns + 1) + c; }

  void charge(std::size_t bytes, int row, int col) {
    budget_.charge(bytes, {file_, sheet_, row, col, row == 0 ? part_ : ""});
  }

  [[noreturn]] void badRef(const std::string& ref) const {
    fail("xlsx.bad-cell-ref", {file_, sheet_, 0, 0, part_}, "无效的单元格引用“" + ref + "”",
         "invalid cell reference \"" + ref + "\"", "用 Excel 或 WPS 打开后重新保存",
         "open the file in Excel or WPS and save it again");
  }

  void checkLength(const SheetCell& cell, int r, int c) const {
    if (cell.text.size() > limits_.maxCellChars && text::codePointCount(cell.text) > limits_.maxCellChars) {
      fail("xlsx.cell-too-long", {file_, sheet_, r, c, ""},
           "单元格内容超过 " + std::to_string(limits_.maxCellChars) + " 个字符",
           "the cell holds more than " + std::to_string(limits_.maxCellChars) + " characters",
           "缩短该单元格内容", "shorten the cell's text");
    }
  }

  SheetCell readCell(pugi::xml_node c, int r, int col) const {
    SheetCell cell;
    const std::string_view t = attr(c, "t").value();
    const pugi::xml_node v = child(c, "v");
    const char* value = v.child_value();
    if (t == "inlineStr") {
      cell.type = SheetCell::Type::String;
      cell.text = stringItem(child(c, "is"));
      showText(c, cell);
    } else if (!v || (*value == '\0' && t != "str")) {
      return cell;  // formatting only, or a formula without a cached value
    } else if (t == "s") {
      const long idx = std::strtol(value, nullptr, 10);
      if (idx < 0 || static_cast<std::size_t>(idx) >= shared_.size()) {
        fail("xlsx.bad-shared-string", {file_, sheet_, r, col, ""},
             "共享字符串索引 " + std::string(value) + " 不存在",
             "shared string index " + std::string(value) + " does not exist",
             "用 Excel 或 WPS 打开后重新保存", "open the file in Excel or WPS and save it again");
      }
      if (const auto nul = sharedNul_.find(static_cast<std::size_t>(idx)); nul != sharedNul_.end())
        rejectNul({file_, sheet_, r, col, ""}, nul->second);
      cell.type = SheetCell::Type::String;
      cell.text = shared_[static_cast<std::size_t>(idx)];
      showText(c, cell);
    } else if (t == "str") {
      cell.type = SheetCell::Type::String;
      cell.text = decodeXstring(value);
      showText(c, cell);
    } else if (t == "b") {
      cell.type = SheetCell::Type::Bool;
      cell.number = std::string_view(value) == "1" || std::string_view(value) == "true" ? 1 : 0;
      cell.text = cell.number != 0 ? "TRUE" : "FALSE";
    } else if (t == "e") {
      cell.type = SheetCell::Type::Error;
      cell.text = value;
    } else if (t == "d") {
      double serial = 0;
      if (isoDateSerial(value, date1904_, serial) && dateText(serial, date1904_, cell.text)) {
        cell.type = SheetCell::Type::Date;
        cell.number = serial;
        const auto xf = attr(c, "s").as_uint(0);
        if (!styles_.isGeneral(xf)) cell.text = styles_.of(xf).format(serial, system());
      } else {
        cell.type = SheetCell::Type::String;
        cell.text = value;
      }
    } else {
      char* end = nullptr;
      const double d = std::strtod(value, &end);
      if (end == value || *end != '\0' || !std::isfinite(d)) {
        fail("xlsx.bad-number", {file_, sheet_, r, col, ""},
             "数值单元格的值“" + std::string(value) + "”无法解析",
             "cannot parse the numeric value \"" + std::string(value) + "\"",
             "用 Excel 或 WPS 打开后重新保存", "open the file in Excel or WPS and save it again");
      }
      cell.number = d;
      cell.type = SheetCell::Type::Number;
      // The text as shown: the style's number format (§18.8.30) applied to the value.
      const auto xf = attr(c, "s").as_uint(0);
      if (styles_.isGeneral(xf)) {
        cell.text = numfmt::general(d);
      } else {
        const numfmt::Format& f = styles_.of(xf);
        if (f.showsDate(d)) cell.type = SheetCell::Type::Date;
        cell.text = f.format(d, system());
        cell.format = styles_.formatIndex(xf);
      }
    }
    checkLength(cell, r, col);
    return cell;
  }

  [[nodiscard]] numfmt::DateSystem system() const {
    return date1904_ ? numfmt::DateSystem::Y1904 : numfmt::DateSystem::Y1900;
  }

  /// A text cell under a format with a text section ("前缀"@, the fourth section).
  void showText(pugi::xml_node c, SheetCell& cell) const {
    const auto xf = attr(c, "s").as_uint(0);
    if (!styles_.isGeneral(xf)) cell.text = styles_.of(xf).formatText(cell.text);
  }

  const std::string& file_;
  std::string sheet_;
  std::string part_;
  const std::vector<std::string>& shared_;
  const std::map<std::size_t, std::string>& sharedNul_;  // string item → its text before a &#0;
  const Styles& styles_;
  bool date1904_;
  const ReadLimits& limits_;
  ExpandedBudget& budget_;
};

constexpr std::string_view kOfficeDocumentRel = "/officeDocument";
constexpr std::string_view kWorksheetRel = "/worksheet";
constexpr std::string_view kSharedStringsRel = "/sharedStrings";
constexpr std::string_view kStylesRel = "/styles";

}  // namespace

std::string chineseDateText(double serial, bool date1904) {
  std::string out;
  return dateText(serial, date1904, out) ? out : numfmt::general(serial);
}

Workbook readXlsxBytes(const std::string& bytes, const std::string& name, const ReadLimits& limits) {
  Package pkg(bytes, name, limits);
  Workbook book;
  book.file = name;
  ExpandedBudget budget(name, limits.maxExpandedBytes);

  // The workbook part: the package's officeDocument relationship (ECMA-376 Part 2 §8.3).
  std::string workbookPart = "xl/workbook.xml";
  for (const auto& [id, rel] : readRels(pkg, name, "", budget))
    if (endsWith(rel.type, kOfficeDocumentRel)) workbookPart = rel.target;
  std::string wbText = pkg.read(workbookPart, pkg.where(workbookPart));
  const DomCharge wbDom(budget, wbText, pkg.where(workbookPart));
  pugi::xml_document wb;
  parseXml(wb, wbText, name, workbookPart);
  const pugi::xml_node wbRoot = child(wb, "workbook");
  if (!wbRoot) {
    fail("xlsx.bad-xml", pkg.where(workbookPart), "workbook.xml 不是 SpreadsheetML 工作簿",
         "workbook.xml is not a SpreadsheetML workbook");
  }
  const std::string date1904Attr = attr(child(wbRoot, "workbookPr"), "date1904").value();
  const bool date1904 = date1904Attr == "1" || date1904Attr == "true";

  const auto rels = readRels(pkg, name, workbookPart, budget);
  std::string sharedPart, stylesPart;
  for (const auto& [id, rel] : rels) {
    if (endsWith(rel.type, kSharedStringsRel)) sharedPart = rel.target;
    if (endsWith(rel.type, kStylesRel)) stylesPart = rel.target;
  }

  std::vector<std::string> shared;
  std::map<std::size_t, std::string> sharedNul;  // reported at the cells that show them
  if (!sharedPart.empty() && pkg.has(sharedPart)) {
    std::string text = pkg.read(sharedPart, pkg.where(sharedPart));
    const DomCharge dom(budget, text, pkg.where(sharedPart));
    pugi::xml_document doc;
    const NulReferences nuls = parseXml(doc, text, name, sharedPart);
    forEachChild(child(doc, "sst"), "si", [&](pugi::xml_node si) {
      if (const std::ptrdiff_t nul = nuls.empty() ? -1 : nuls.in(si); nul >= 0)
        sharedNul.emplace(shared.size(), textBefore(si, nul));
      shared.push_back(stringItem(si));
      budget.charge(sizeof(std::string) + shared.back().size(), pkg.where(sharedPart));
    });
  }
  const Styles styles = readStyles(pkg, name, stylesPart, budget);

  forEachChild(child(wbRoot, "sheets"), "sheet", [&](pugi::xml_node s) {
    const std::string sheetName = decodeXstring(attr(s, "name").value());
    const std::string rid = attr(s, "id").value();
    const std::string_view state = attr(s, "state").value();  // ST_SheetState (§18.18.68)
    auto it = rels.find(rid);
    if (it == rels.end() || !endsWith(it->second.type, kWorksheetRel)) {
      if (it != rels.end()) {
        // A chart sheet or dialog sheet holds no cells; it is named when asked for.
        const std::string& type = it->second.type;
        book.otherSheets.push_back(
            {sheetName, endsWith(type, "/chartsheet")                                            ? "chart"
                        : endsWith(type, "/dialogsheet")                                         ? "dialog"
                        : endsWith(type, "/xlMacrosheet") || endsWith(type, "/xlIntlMacrosheet") ? "macro"
                                                                                                 : "other"});
        return;
      }
      fail("xlsx.missing-part", {name, sheetName, 0, 0, workbookPart},
           "工作表“" + sheetName + "”没有对应的部件", "the sheet \"" + sheetName + "\" has no part",
           "用 Excel 或 WPS 打开后重新保存", "open the file in Excel or WPS and save it again");
    }
    const std::string& part = it->second.target;
    std::string text = pkg.read(part, {name, sheetName, 0, 0, part});
    SheetReader reader(name, sheetName, part, shared, sharedNul, styles, date1904, limits, budget);
    book.sheets.push_back(reader.read(text));
    book.sheets.back().hidden = state == "hidden" || state == "veryHidden";
  });
  for (const auto& sheet : book.sheets) detail::rejectControlCharacters(sheet);  // issue 15 item 4
  return book;
}

Workbook readXlsx(const std::string& path, const ReadLimits& limits) {
  return readXlsxBytes(detail::readInput(path, limits.maxTotalBytes), path, limits);
}

}  // namespace bangfu::io
