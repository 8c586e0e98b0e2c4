// CSV reading: RFC 4180 records in UTF-8 (with or without BOM) or GB18030/GBK,
// the encoding Chinese Excel and WPS use for "CSV" (ICU ucnv does the decoding).
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "bangfu/io/sheet.hpp"
#include "bangfu/text/width.hpp"
#include "io/io_detail.hpp"

namespace bangfu::io {

using detail::fail;

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr const char* kGb18030 = "GB18030";

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

/// Converts GB18030 to UTF-8, stopping at the first illegal or unassigned sequence.
/// Returns npos on success, else the offset of the first bad byte.
std::size_t fromGb18030(std::string_view bytes, std::string& out) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(kGb18030, &status));
  if (U_FAILURE(status)) return 0;
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  if (U_FAILURE(status)) return 0;
  icu::UnicodeString text;
  constexpr std::size_t kChunk = 1u << 15;
  std::u16string buffer(kChunk, u'\0');
  const char* source = bytes.data();
  const char* const sourceLimit = bytes.data() + bytes.size();
  while (true) {
    UChar* target = reinterpret_cast<UChar*>(buffer.data());
    UChar* const targetLimit = target + buffer.size();
    status = U_ZERO_ERROR;
    ucnv_toUnicode(conv.get(), &target, targetLimit, &source, sourceLimit, nullptr, /*flush=*/true, &status);
    text.append(reinterpret_cast<const UChar*>(buffer.data()),
                static_cast<int32_t>(target - reinterpret_cast<UChar*>(buffer.data())));
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(status)) {
      // The source pointer has passed the offending bytes; step back over them.
      char invalid[32];
      int8_t len = sizeof invalid;
      UErrorCode e2 = U_ZERO_ERROR;
      ucnv_getInvalidChars(conv.get(), invalid, &len, &e2);
      const std::size_t consumed = static_cast<std::size_t>(source - bytes.data());
      const auto back = static_cast<std::size_t>(U_SUCCESS(e2) ? len : 0);
      return consumed >= back ? consumed - back : 0;
    }
    break;
  }
  out.clear();
  text.toUTF8String(out);
  return std::string_view::npos;
}

/// Line and column of byte `offset` counted in characters of `encoding`
/// (the prefix before the offset decodes cleanly in it).
void locate(std::string_view bytes, std::size_t offset, bool gb, int& line, int& column) {
  if (!gb) {
    detail::lineColumn(bytes, offset, line, column);
    return;
  }
  line = 1 + static_cast<int>(std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
  const std::size_t nl = bytes.substr(0, offset).rfind('\n');
  const std::size_t start = nl == std::string_view::npos ? 0 : nl + 1;
  std::string prefix;
  if (fromGb18030(bytes.substr(start, offset - start), prefix) == std::string_view::npos)
    column = 1 + static_cast<int>(text::codePointCount(prefix));
  else
    column = 1 + static_cast<int>(offset - start);
}

/// A field "looks like a number" when it is one in plain decimal notation that
/// reads back the same (so 0012 and 1e3 stay text).
bool plainNumber(const std::string& s, double& value) {
  if (s.empty() || s.size() > 32) return false;
  std::size_t i = s[0] == '-' ? 1 : 0;
  if (i >= s.size()) return false;
  if (s[i] == '0' && i + 1 < s.size() && s[i + 1] != '.') return false;
  bool digits = false, dot = false;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') digits = true;
    else if (s[i] == '.' && !dot) dot = true;
    else return false;
  }
  if (!digits || s.back() == '.') return false;
  value = std::strtod(s.c_str(), nullptr);
  return true;
}

}  // namespace

Sheet readCsvBytes(const std::string& bytes, const std::string& name, const ReadLimits& limits) {
  Sheet sheet;
  sheet.file = name;
  // A CSV is not compressed, so no bomb: its cap is the whole read budget.
  if (bytes.size() > limits.maxTotalBytes) {
    fail("csv.too-large", {name, "", 0, 0, ""}, "CSV 文件过大（上限 " + std::to_string(limits.maxTotalBytes) + " 字节）",
         "the CSV file is too large (limit " + std::to_string(limits.maxTotalBytes) + " bytes)", "拆分为多个文件");
  }
  // Decoding: strict UTF-8 first (a BOM says so outright), then GB18030, a superset of GBK.
  std::string_view raw(bytes);
  const bool bom = raw.substr(0, kUtf8Bom.size()) == kUtf8Bom;
  if (bom) raw.remove_prefix(kUtf8Bom.size());
  std::string text;
  const std::size_t badUtf8 = detail::firstInvalidUtf8(raw);
  if (badUtf8 == std::string_view::npos) {
    text.assign(raw);
    sheet.encoding = "UTF-8";
  } else {
    const std::size_t badGb = bom ? 0 : fromGb18030(raw, text);
    if (!bom && badGb == std::string_view::npos) {
      sheet.encoding = kGb18030;
    } else {
      // Neither decodes: point at the bad byte of the encoding that got further.
      const bool gb = !bom && badGb > badUtf8;
      const std::size_t at = gb ? badGb : badUtf8;
      int line = 0, column = 0;
      locate(raw, at, gb, line, column);
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(raw[at]));
      fail("csv.bad-encoding", {name, "", line, column, ""},
           std::string("文件既不是 UTF-8 也不是 GB18030/GBK 编码（字节 ") + hex + "）",
           std::string("the file is neither UTF-8 nor GB18030/GBK (byte ") + hex + ")",
           "在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”");
    }
  }
  // RFC 4180 §2: fields separated by commas, records by CRLF (LF and CR alone are
  // accepted too); a quoted field may hold commas, quotes ("") and line breaks.
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  int line = 1, recordLine = 1;
  std::size_t lineStart = 0;
  bool quoted = false, wasQuoted = false;
  // Where the current field began, for locating errors (columns are computed only then).
  int fieldLine = 1;
  std::size_t fieldLineStart = 0, fieldStart = 0;
  std::size_t widest = 0;
  auto columnOf = [&](std::size_t from, std::size_t at) {
    int l = 0, c = 0;
    detail::lineColumn(std::string_view(text).substr(from), at - from, l, c);
    return c;
  };
  auto startField = [&](std::size_t i) {
    fieldLine = line;
    fieldLineStart = lineStart;
    fieldStart = i;
  };
  auto endField = [&](std::size_t next) {
    if (field.size() > limits.maxCellChars && text::codePointCount(field) > limits.maxCellChars) {
      fail("csv.cell-too-long", {name, "", fieldLine, columnOf(fieldLineStart, fieldStart), ""},
           "字段超过 " + std::to_string(limits.maxCellChars) + " 个字符",
           "a field holds more than " + std::to_string(limits.maxCellChars) + " characters", "检查引号是否配对");
    }
    // The cell cap holds within one record too: a line of commas must not build
    // millions of empty fields before the record ends.
    if (record.size() + 1 > limits.maxCells) {
      fail("csv.too-many-cells", {name, "", fieldLine, 0, ""},
           "CSV 单元格过多（上限 " + std::to_string(limits.maxCells) + " 个）",
           "too many cells (limit " + std::to_string(limits.maxCells) + ")", "拆分为多个文件");
    }
    record.push_back(std::move(field));
    startField(next);
    field.clear();
    wasQuoted = false;
  };
  auto endRecord = [&](std::size_t next) {
    const bool lastQuoted = wasQuoted;
    endField(next);
    // A blank line is no record (it would only add an empty row); "" is one.
    if (!(record.size() == 1 && record[0].empty() && !lastQuoted)) {
      widest = std::max(widest, record.size());
      if (records.size() + 1 > limits.maxCells || widest * (records.size() + 1) > limits.maxCells) {
        fail("csv.too-many-cells", {name, "", recordLine, 0, ""},
             "CSV 单元格过多（上限 " + std::to_string(limits.maxCells) + " 个）",
             "too many cells (limit " + std::to_string(limits.maxCells) + ")", "拆分为多个文件");
      }
      records.push_back(std::move(record));
      sheet.lines.push_back(recordLine);
    }
    record.clear();
  };
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n; ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"') {
        if (i + 1 < n && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (ch == '\n') {
          ++line;
          lineStart = i + 1;
        }
        field += ch;
      }
      continue;
    }
    if (ch == '"' && field.empty() && !wasQuoted) {
      quoted = wasQuoted = true;
    } else if (ch == ',') {
      endField(i + 1);
    } else if (ch == '\r' || ch == '\n') {
      const std::size_t next = ch == '\r' && i + 1 < n && text[i + 1] == '\n' ? i + 2 : i + 1;
      ++line;
      lineStart = next;
      endRecord(next);
      i = next - 1;
      recordLine = line;
    } else {
      field += ch;  // a stray quote inside an unquoted field is kept as text
    }
  }
  if (quoted) {
    fail("csv.unclosed-quote", {name, "", fieldLine, columnOf(fieldLineStart, fieldStart), ""}, "引号没有闭合",
         "unclosed quote",
         "在字段末尾补上 \"，或把字段内的 \" 写成 \"\"");
  }
  if (!field.empty() || !record.empty() || wasQuoted) endRecord(n);

  sheet.rows.reserve(records.size());
  for (auto& rec : records) {
    sheet.widths.push_back(static_cast<int>(rec.size()));
    std::vector<SheetCell> row(widest);
    for (std::size_t c = 0; c < rec.size(); ++c) {
      SheetCell& cell = row[c];
      if (rec[c].empty()) continue;
      double v = 0;
      if (plainNumber(rec[c], v)) {
        cell.type = SheetCell::Type::Number;
        cell.number = v;
      } else {
        cell.type = SheetCell::Type::String;
      }
      cell.text = std::move(rec[c]);
    }
    sheet.rows.push_back(std::move(row));
  }
  return sheet;
}

Sheet readCsv(const std::string& path, const ReadLimits& limits) {
  return readCsvBytes(detail::readInput(path, limits.maxTotalBytes), path, limits);
}

}  // namespace bangfu::io
