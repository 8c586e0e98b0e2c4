// XLSX reading (ECMA-376 Part 1, SpreadsheetML) with Poco::Zip and pugixml.
// Every failure becomes a diag::InputError that names the file, the part or the
// sheet and cell; nothing here may crash on hostile input (tests/fuzz/xlsx_fuzz.cpp).
#include <Poco/Exception.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <ios>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "bangfu/io/sheet.hpp"
#include "bangfu/text/width.hpp"
#include "io/io_detail.hpp"

namespace bangfu::io {

using detail::fail;

const SheetCell& Sheet::at(int row, int col) const {
  static const SheetCell kEmpty{};
  if (row < 1 || col < 1 || row > rowCount()) return kEmpty;
  const auto& r = rows[static_cast<std::size_t>(row - 1)];
  if (col > static_cast<int>(r.size())) return kEmpty;
  return r[static_cast<std::size_t>(col - 1)];
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
constexpr std::size_t kInflateChunk = 64u << 10;

/// The zip container: parts by name, inflated on demand within the limits.
class Package {
 public:
  Package(const std::string& bytes, std::string file, const ReadLimits& limits)
      : file_(std::move(file)), limits_(limits), stream_(bytes) {
    static constexpr std::array<char, 4> kZipMagic{'P', 'K', '\x03', '\x04'};
    static constexpr std::array<unsigned char, 4> kOleMagic{0xD0, 0xCF, 0x11, 0xE0};
    if (bytes.size() >= 4 && std::equal(kOleMagic.begin(), kOleMagic.end(),
                                        reinterpret_cast<const unsigned char*>(bytes.data()))) {
      fail("xlsx.not-zip", where(), "文件是旧版 Excel（.xls）或加密的工作簿，不是 XLSX",
           "the file is a legacy .xls or an encrypted workbook, not XLSX",
           "在 Excel 或 WPS 中另存为 .xlsx（不加密）");
    }
    if (bytes.size() < 4 || !std::equal(kZipMagic.begin(), kZipMagic.end(), bytes.data())) {
      fail("xlsx.not-zip", where(), "文件不是 XLSX（ZIP）格式", "the file is not an XLSX (zip) file",
           "在 Excel 或 WPS 中另存为 .xlsx");
    }
    // Poco reads the local headers from the front, so a file cut inside its
    // central directory would pass: require the end-of-central-directory record
    // (APPNOTE.TXT 4.3.16) within the last 64 KiB + 22 bytes.
    static constexpr std::string_view kEndOfCentralDirectory{"PK\x05\x06", 4};
    constexpr std::size_t kEocdSearch = 65535 + 22;
    const std::size_t from = bytes.size() > kEocdSearch ? bytes.size() - kEocdSearch : 0;
    if (std::string_view(bytes).substr(from).rfind(kEndOfCentralDirectory) == std::string_view::npos) {
      fail("xlsx.bad-zip", where(), "ZIP 文件不完整（缺少中央目录结尾）", "truncated zip (no end of central directory)",
           "重新保存或重新下载该文件");
    }
    try {
      detail::faultPoint("xlsx.zip");
      archive_ = std::make_unique<Poco::Zip::ZipArchive>(stream_);
    } catch (const Poco::Exception& e) {
      // Poco::Zip reports a broken archive as ZipException / DataFormatException;
      // anything else is a bug, and escapes (the fuzzer sees it).
      fail("xlsx.bad-zip", where(), "ZIP 结构损坏或文件不完整：" + e.displayText(),
           "broken or truncated zip: " + e.displayText(), "重新保存或重新下载该文件");
    }
    for (auto it = archive_->headerBegin(); it != archive_->headerEnd(); ++it) {
      std::string lower = it->first;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      names_.emplace(lower, it->first);
    }
    if (names_.empty()) {
      fail("xlsx.bad-zip", where(), "ZIP 中没有任何文件（文件不完整？）", "the zip holds no parts (truncated?)",
           "重新保存或重新下载该文件");
    }
  }

  [[nodiscard]] diag::Location where(const std::string& part = {}) const { return {file_, "", 0, 0, part}; }

  /// The stored name of a part; OPC part names compare case-insensitively (ECMA-376 Part 2 §9.1.1.1).
  [[nodiscard]] const std::string* lookup(const std::string& name) const {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    auto it = names_.find(lower);
    return it == names_.end() ? nullptr : &it->second;
  }

  [[nodiscard]] bool has(const std::string& name) const { return lookup(name) != nullptr; }

  /// Inflates one part, stopping at the caps rather than trusting the sizes in the headers.
  std::string read(const std::string& name, const diag::Location& missingWhere) {
    const std::string* stored = lookup(name);
    if (!stored) {
      fail("xlsx.missing-part", missingWhere, "工作簿缺少部件 " + name, "the workbook lacks the part " + name,
           "用 Excel 或 WPS 打开后重新保存");
    }
    auto header = archive_->findHeader(*stored);
    if (header == archive_->headerEnd()) fail("xlsx.missing-part", missingWhere, "工作簿缺少部件 " + name,
                                              "the workbook lacks the part " + name);
    if (header->second.isEncrypted()) {
      fail("xlsx.bad-zip", where(name), "部件已加密", "the part is encrypted", "取消工作簿密码后另存");
    }
    if (!header->second.hasSupportedCompressionMethod()) {
      fail("xlsx.bad-zip", where(name), "不支持的 ZIP 压缩方式", "unsupported zip compression method");
    }
    if (header->second.getUncompressedSize() > limits_.maxPartBytes) tooLarge(name);
    std::string out;
    try {
      detail::faultPoint("xlsx.inflate");
      stream_.clear();
      Poco::Zip::ZipInputStream zin(stream_, header->second, true);
      // Errors inside the inflating streambuf must surface, not just set badbit.
      zin.exceptions(std::ios::badbit);
      std::string chunk(kInflateChunk, '\0');
      while (zin) {
        zin.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const auto got = static_cast<std::size_t>(zin.gcount());
        if (got == 0) break;
        if (out.size() + got > limits_.maxPartBytes || total_ + out.size() + got > limits_.maxTotalBytes)
          tooLarge(name);
        out.append(chunk.data(), got);
      }
    } catch (const diag::InputError&) {
      throw;
    } catch (const Poco::Exception& e) {
      fail("xlsx.bad-zip", where(name), "解压部件失败（文件损坏或不完整）：" + e.displayText(),
           "cannot inflate the part (corrupt or truncated): " + e.displayText(), "重新保存或重新下载该文件");
    } catch (const std::ios_base::failure& e) {
      // badbit set by the inflating stream (exceptions(badbit) above).
      fail("xlsx.bad-zip", where(name), std::string("解压部件失败（文件损坏或不完整）：") + e.what(),
           std::string("cannot inflate the part (corrupt or truncated): ") + e.what(), "重新保存或重新下载该文件");
    }
    total_ += out.size();
    return out;
  }

 private:
  [[noreturn]] void tooLarge(const std::string& name) const {
    fail("xlsx.too-large", where(name),
         "部件解压后超过上限（单个 " + std::to_string(limits_.maxPartBytes) + " 字节，合计 " +
             std::to_string(limits_.maxTotalBytes) + " 字节），可能是压缩炸弹或数据过多",
         "the part inflates beyond the limit (" + std::to_string(limits_.maxPartBytes) + " bytes per part, " +
             std::to_string(limits_.maxTotalBytes) + " in all): a zip bomb or too much data",
         "把数据拆分到多个工作簿");
  }

  std::string file_;
  ReadLimits limits_;
  std::istringstream stream_;
  std::unique_ptr<Poco::Zip::ZipArchive> archive_;
  std::map<std::string, std::string> names_;  // lower-case name → stored name
  std::size_t total_ = 0;
};

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

/// Parses a part; malformed XML is reported at the part's line:column.
void parseXml(pugi::xml_document& doc, const std::string& text, const std::string& file, const std::string& part) {
  const unsigned options = pugi::parse_default | pugi::parse_ws_pcdata_single;
  const pugi::xml_parse_result r = doc.load_buffer(text.data(), text.size(), options, pugi::encoding_auto);
  if (!r) {
    int line = 0, column = 0;
    detail::lineColumn(text, static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, r.offset)), line, column);
    fail("xlsx.bad-xml", {file, "", line, column, part},
         std::string("XML 格式错误：") + r.description(), std::string("malformed XML: ") + r.description(),
         "用 Excel 或 WPS 打开后重新保存");
  }
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
  return s;
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

/// Number formats that display a date (§18.8.30): built-in ids 14–22 and 45–47,
/// the East Asian built-ins 27–36 and 50–58 (yyyy"年"m"月"d"日" …), and custom
/// codes with a y, m or d outside quotes, brackets and escapes.
bool isDateFormat(int id, const std::string& code) {
  if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
    return true;
  if (code.empty()) return false;
  bool quoted = false;
  int bracket = 0;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char ch = code[i];
    if (quoted) {
      if (ch == '"') quoted = false;
      continue;
    }
    if (ch == '"') quoted = true;
    else if (ch == '[') ++bracket;
    else if (ch == ']') bracket = std::max(0, bracket - 1);
    else if (ch == '\\' || ch == '_' || ch == '*') ++i;  // escaped or padding character
    else if (bracket == 0) {
      const char l = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (l == 'y' || l == 'm' || l == 'd') return true;
    }
  }
  return false;
}

/// Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
void civilFromDays(long long z, long long& y, unsigned& m, unsigned& d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<long long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
}

long long daysFromCivil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
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
  if (date1904) {
    civilFromDays(kUnixDaysOf19040101 + static_cast<long long>(whole), y, m, d);
  } else if (whole >= 1 && whole != kFictitiousLeapDay) {
    // Before the fictitious day the serials are one day ahead of the real calendar.
    const long long shift = whole < kFictitiousLeapDay ? 1 : 0;
    civilFromDays(kUnixDaysOf18991230 + static_cast<long long>(whole) + shift, y, m, d);
  } else if (whole < 1) {
    y = 1900, m = 1, d = 0;  // Excel shows serial 0 as 1900-01-00
  }
  out.clear();
  if (whole >= 1 || date1904) out = std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日";
  if (seconds != 0) {
    char buf[64];
    const long long h = seconds / 3600, mi = seconds / 60 % 60, s = seconds % 60;
    if (s != 0) std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", h, mi, s);
    else std::snprintf(buf, sizeof buf, "%lld:%02lld", h, mi);
    if (!out.empty()) out += ' ';
    out += buf;
  }
  if (out.empty()) out = "1900年1月0日";
  return true;
}

/// A t="d" cell holds an ISO 8601 date (§18.18.11); converted to a serial.
bool isoDateSerial(const std::string& s, bool date1904, double& serial) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  const long long days = daysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
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

std::map<std::string, Relationship> readRels(Package& pkg, const std::string& file, const std::string& part) {
  std::map<std::string, Relationship> rels;
  const std::string relsPart = relsPartOf(part);
  if (!pkg.has(relsPart)) return rels;
  const std::string text = pkg.read(relsPart, pkg.where(relsPart));
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

struct Styles {
  std::vector<bool> dateXf;  // by cellXfs index
};

Styles readStyles(Package& pkg, const std::string& file, const std::string& part) {
  Styles st;
  if (part.empty() || !pkg.has(part)) return st;
  const std::string text = pkg.read(part, pkg.where(part));
  pugi::xml_document doc;
  parseXml(doc, text, file, part);
  const pugi::xml_node root = child(doc, "styleSheet");
  std::unordered_map<int, std::string> custom;
  forEachChild(child(root, "numFmts"), "numFmt", [&](pugi::xml_node n) {
    custom[attr(n, "numFmtId").as_int(-1)] = attr(n, "formatCode").value();
  });
  forEachChild(child(root, "cellXfs"), "xf", [&](pugi::xml_node xf) {
    const int id = attr(xf, "numFmtId").as_int(0);
    auto it = custom.find(id);
    st.dateXf.push_back(it != custom.end() ? isDateFormat(-1, it->second) : isDateFormat(id, {}));
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
              const std::vector<std::string>& shared, const Styles& styles, bool date1904, const ReadLimits& limits)
      : file_(file), sheet_(sheetName), part_(part), shared_(shared), styles_(styles), date1904_(date1904),
        limits_(limits) {}

  Sheet read(const std::string& text) {
    pugi::xml_document doc;
    parseXml(doc, text, file_, part_);
    const pugi::xml_node ws = doc.document_element();
    Sheet sheet;
    sheet.file = file_;
    sheet.name = sheet_;
    std::vector<RawCell> cells;
    int maxRow = 0, maxCol = 0;
    int rowNo = 0;
    forEachChild(child(ws, "sheetData"), "row", [&](pugi::xml_node row) {
      const int r = attr(row, "r").as_int(rowNo + 1);
      if (r < 1 || r > kMaxRows) badRef(std::string("row ") + attr(row, "r").value());
      rowNo = r;
      int colNo = 0;
      forEachChild(row, "c", [&](pugi::xml_node c) {
        int cr = rowNo, cc = colNo + 1;
        if (pugi::xml_attribute ref = attr(c, "r")) {
          if (!parseCellRef(ref.value(), cr, cc)) badRef(ref.value());
        }
        if (cc > kMaxColumns) badRef("column " + std::to_string(cc));
        colNo = cc;
        SheetCell cell = readCell(c, cr, cc);
        if (cell.type == SheetCell::Type::Empty) return;
        maxRow = std::max(maxRow, cr);
        maxCol = std::max(maxCol, cc);
        cells.push_back({cr, cc, std::move(cell)});
      });
    });
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
    std::unordered_set<long long> occupied;
    for (const auto& rc : cells) occupied.insert(key(rc.row, rc.col));
    std::vector<const MergeRange*> filled;
    for (const auto& m : sheet.merges) {
      if (occupied.count(key(m.firstRow, m.firstCol)) == 0) continue;
      filled.push_back(&m);
      maxRow = std::max(maxRow, m.lastRow);
      maxCol = std::max(maxCol, m.lastCol);
    }
    if (static_cast<std::size_t>(maxRow) * static_cast<std::size_t>(maxCol) > limits_.maxCells) {
      fail("xlsx.too-many-cells", {file_, sheet_, 0, 0, ""},
           "工作表范围过大（" + std::to_string(maxRow) + " 行 × " + std::to_string(maxCol) + " 列，上限 " +
               std::to_string(limits_.maxCells) + " 个单元格）",
           "the sheet is too large (" + std::to_string(maxRow) + " rows x " + std::to_string(maxCol) +
               " columns, limit " + std::to_string(limits_.maxCells) + " cells)",
           "删除表格远处的多余内容，或拆分工作表");
    }
    // Valid merges do not overlap (§18.3.1.55), so their areas sum to at most the
    // grid; a file claiming more would make the copy below quadratic.
    std::size_t mergedCells = 0;
    for (const MergeRange* m : filled)
      mergedCells += static_cast<std::size_t>(m->lastRow - m->firstRow + 1) *
                     static_cast<std::size_t>(m->lastCol - m->firstCol + 1);
    if (mergedCells > static_cast<std::size_t>(maxRow) * static_cast<std::size_t>(maxCol)) {
      fail("xlsx.bad-merge", {file_, sheet_, 0, 0, part_}, "合并单元格区域相互重叠",
           "merged ranges overlap", "在 Excel 或 WPS 中取消并重新合并单元格");
    }
    sheet.rows.assign(static_cast<std::size_t>(maxRow), std::vector<SheetCell>(static_cast<std::size_t>(maxCol)));
    for (auto& rc : cells) sheet.rows[static_cast<std::size_t>(rc.row - 1)][static_cast<std::size_t>(rc.col - 1)] =
        std::move(rc.cell);
    for (const MergeRange* m : filled) {
      const SheetCell anchor = sheet.rows[static_cast<std::size_t>(m->firstRow - 1)][static_cast<std::size_t>(m->firstCol - 1)];
      for (int r = m->firstRow; r <= m->lastRow; ++r)
        for (int c = m->firstCol; c <= m->lastCol; ++c)
          sheet.rows[static_cast<std::size_t>(r - 1)][static_cast<std::size_t>(c - 1)] = anchor;
    }
    return sheet;
  }

 private:
  static long long key(int r, int c) { return static_cast<long long>(r) * (kMaxColumns + 1) + c; }

  [[noreturn]] void badRef(const std::string& ref) const {
    fail("xlsx.bad-cell-ref", {file_, sheet_, 0, 0, part_}, "无效的单元格引用“" + ref + "”",
         "invalid cell reference \"" + ref + "\"", "用 Excel 或 WPS 打开后重新保存");
  }

  void checkLength(const SheetCell& cell, int r, int c) const {
    if (cell.text.size() > limits_.maxCellChars && text::codePointCount(cell.text) > limits_.maxCellChars) {
      fail("xlsx.cell-too-long", {file_, sheet_, r, c, ""},
           "单元格内容超过 " + std::to_string(limits_.maxCellChars) + " 个字符",
           "the cell holds more than " + std::to_string(limits_.maxCellChars) + " characters",
           "缩短该单元格内容");
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
    } else if (!v || (*value == '\0' && t != "str")) {
      return cell;  // formatting only, or a formula without a cached value
    } else if (t == "s") {
      const long idx = std::strtol(value, nullptr, 10);
      if (idx < 0 || static_cast<std::size_t>(idx) >= shared_.size()) {
        fail("xlsx.bad-shared-string", {file_, sheet_, r, col, ""},
             "共享字符串索引 " + std::string(value) + " 不存在", "shared string index " + std::string(value) + " does not exist",
             "用 Excel 或 WPS 打开后重新保存");
      }
      cell.type = SheetCell::Type::String;
      cell.text = shared_[static_cast<std::size_t>(idx)];
    } else if (t == "str") {
      cell.type = SheetCell::Type::String;
      cell.text = value;
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
      } else {
        cell.type = SheetCell::Type::String;
        cell.text = value;
      }
    } else {
      char* end = nullptr;
      const double d = std::strtod(value, &end);
      if (end == value || *end != '\0' || !std::isfinite(d)) {
        fail("xlsx.bad-number", {file_, sheet_, r, col, ""}, "数值单元格的值“" + std::string(value) + "”无法解析",
             "cannot parse the numeric value \"" + std::string(value) + "\"", "用 Excel 或 WPS 打开后重新保存");
      }
      cell.number = d;
      const auto xf = attr(c, "s").as_uint(0);
      if (xf < styles_.dateXf.size() && styles_.dateXf[xf] && dateText(d, date1904_, cell.text)) {
        cell.type = SheetCell::Type::Date;
      } else {
        cell.type = SheetCell::Type::Number;
        cell.text = detail::formatNumber(d);
      }
    }
    checkLength(cell, r, col);
    return cell;
  }

  const std::string& file_;
  std::string sheet_;
  std::string part_;
  const std::vector<std::string>& shared_;
  const Styles& styles_;
  bool date1904_;
  const ReadLimits& limits_;
};

constexpr std::string_view kOfficeDocumentRel = "/officeDocument";
constexpr std::string_view kWorksheetRel = "/worksheet";
constexpr std::string_view kSharedStringsRel = "/sharedStrings";
constexpr std::string_view kStylesRel = "/styles";

}  // namespace

Workbook readXlsxBytes(const std::string& bytes, const std::string& name, const ReadLimits& limits) {
  Package pkg(bytes, name, limits);
  Workbook book;
  book.file = name;

  // The workbook part: the package's officeDocument relationship (ECMA-376 Part 2 §8.3).
  std::string workbookPart = "xl/workbook.xml";
  for (const auto& [id, rel] : readRels(pkg, name, ""))
    if (endsWith(rel.type, kOfficeDocumentRel)) workbookPart = rel.target;
  const std::string wbText = pkg.read(workbookPart, pkg.where(workbookPart));
  pugi::xml_document wb;
  parseXml(wb, wbText, name, workbookPart);
  const pugi::xml_node wbRoot = child(wb, "workbook");
  if (!wbRoot) {
    fail("xlsx.bad-xml", pkg.where(workbookPart), "workbook.xml 不是 SpreadsheetML 工作簿",
         "workbook.xml is not a SpreadsheetML workbook");
  }
  const std::string date1904Attr = attr(child(wbRoot, "workbookPr"), "date1904").value();
  const bool date1904 = date1904Attr == "1" || date1904Attr == "true";

  const auto rels = readRels(pkg, name, workbookPart);
  std::string sharedPart, stylesPart;
  for (const auto& [id, rel] : rels) {
    if (endsWith(rel.type, kSharedStringsRel)) sharedPart = rel.target;
    if (endsWith(rel.type, kStylesRel)) stylesPart = rel.target;
  }

  std::vector<std::string> shared;
  if (!sharedPart.empty() && pkg.has(sharedPart)) {
    const std::string text = pkg.read(sharedPart, pkg.where(sharedPart));
    pugi::xml_document doc;
    parseXml(doc, text, name, sharedPart);
    forEachChild(child(doc, "sst"), "si", [&](pugi::xml_node si) { shared.push_back(stringItem(si)); });
  }
  const Styles styles = readStyles(pkg, name, stylesPart);

  forEachChild(child(wbRoot, "sheets"), "sheet", [&](pugi::xml_node s) {
    const std::string sheetName = attr(s, "name").value();
    const std::string rid = attr(s, "id").value();
    auto it = rels.find(rid);
    if (it == rels.end() || !endsWith(it->second.type, kWorksheetRel)) {
      if (it != rels.end()) return;  // a chart sheet or dialog sheet holds no cells
      fail("xlsx.missing-part", {name, sheetName, 0, 0, workbookPart},
           "工作表“" + sheetName + "”没有对应的部件", "the sheet \"" + sheetName + "\" has no part",
           "用 Excel 或 WPS 打开后重新保存");
    }
    const std::string& part = it->second.target;
    const std::string text = pkg.read(part, {name, sheetName, 0, 0, part});
    SheetReader reader(name, sheetName, part, shared, styles, date1904, limits);
    book.sheets.push_back(reader.read(text));
  });
  for (const auto& sheet : book.sheets) detail::rejectControlCharacters(sheet);  // issue 15 item 4
  return book;
}

Workbook readXlsx(const std::string& path, const ReadLimits& limits) {
  return readXlsxBytes(detail::readInput(path, limits.maxTotalBytes), path, limits);
}

}  // namespace bangfu::io
