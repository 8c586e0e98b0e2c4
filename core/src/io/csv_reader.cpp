// CSV reading: RFC 4180 records in UTF-8 (with or without BOM) or GB18030/GBK,
// the encoding Chinese Excel and WPS use for "CSV" (ICU ucnv does the decoding).
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <future>
#include <memory>
#include <system_error>

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
  line = 1 + static_cast<int>(
                 std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
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
    if (s[i] >= '0' && s[i] <= '9')
      digits = true;
    else if (s[i] == '.' && !dot)
      dot = true;
    else
      return false;
  }
  if (!digits || s.back() == '.') return false;
  value = std::strtod(s.c_str(), nullptr);
  return true;
}

}  // namespace

std::string_view decodeText(std::string_view bytes, const std::string& name, const TextDecoding& how,
                            std::string& storage, std::string& encoding) {
  // Strict UTF-8 first (a BOM says so outright), then GB18030, a superset of GBK.
  std::string_view raw(bytes);
  const bool bom = raw.substr(0, kUtf8Bom.size()) == kUtf8Bom;
  if (bom) raw.remove_prefix(kUtf8Bom.size());
  const std::size_t badUtf8 = detail::firstInvalidUtf8(raw);
  if (badUtf8 == std::string_view::npos) {
    encoding = "UTF-8";
    return raw;
  }
  const std::size_t badGb = bom ? 0 : fromGb18030(raw, storage);
  if (!bom && badGb == std::string_view::npos) {
    encoding = kGb18030;
    return storage;
  }
  // Neither decodes: point at the bad byte of the encoding that got further.
  const bool gb = !bom && badGb > badUtf8;
  const std::size_t at = gb ? badGb : badUtf8;
  int line = 0, column = 0;
  locate(raw, at, gb, line, column);
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(raw[at]));
  fail(how.code, {name, "", line, column, ""},
       std::string("文件既不是 UTF-8 也不是 GB18030/GBK 编码（字节 ") + hex + "）",
       std::string("the file is neither UTF-8 nor GB18030/GBK (byte ") + hex + ")", how.suggestion,
       how.suggestionEn);
}

namespace {

/// The records of UTF-8 `text` into `sheet` (rows padded to the widest). Stops,
/// leaving `sheet` partly filled, as soon as `abandon` is set (the speculative
/// parse of readCsvBytes: the text turned out not to be UTF-8).
void parseRecords(std::string_view text, const std::string& name, const ReadLimits& limits, Sheet& sheet,
                  const std::atomic<bool>* abandon) {
  // RFC 4180 §2: fields separated by commas, records by CRLF (LF and CR alone are
  // accepted too); a quoted field may hold commas, quotes ("") and line breaks.
  // The parser works a field at a time and copies whole spans, not characters: a
  // 20000-row table is read in a few milliseconds (issue 4 "Speed").
  const std::size_t n = text.size();
  const char* const s = text.data();
  std::vector<SheetCell> record;
  std::string field;
  std::size_t widest = 0;
  int line = 1;               // the text line at the parse position
  std::size_t lineStart = 0;  // where that line starts
  auto columnOf = [&](std::size_t from, std::size_t at) {
    int l = 0, c = 0;
    detail::lineColumn(text.substr(from), at - from, l, c);
    return c;
  };
  auto tooManyCells = [&](int where) {
    fail("csv.too-many-cells", {name, "", where, 0, ""},
         "CSV 单元格过多（上限 " + std::to_string(limits.maxCells) + " 个）",
         "too many cells (limit " + std::to_string(limits.maxCells) + ")", "拆分为多个文件",
         "split it into several files");
  };
  std::size_t i = 0;
  bool more = n > 0;  // is there a field to read at i?
  while (more) {
    if (abandon != nullptr && abandon->load(std::memory_order_relaxed)) return;
    const int recordLine = line;
    bool lastQuoted = false;
    for (;;) {  // the fields of one record
      const int fieldLine = line;
      const std::size_t fieldLineStart = lineStart, fieldStart = i;
      field.clear();
      bool wasQuoted = false;
      if (i < n && s[i] == '"') {
        wasQuoted = true;
        ++i;
        for (;;) {
          const char* q = static_cast<const char*>(std::memchr(s + i, '"', n - i));
          if (q == nullptr) {
            fail("csv.unclosed-quote", {name, "", fieldLine, columnOf(fieldLineStart, fieldStart), ""},
                 "引号没有闭合", "unclosed quote", "在字段末尾补上 \"，或把字段内的 \" 写成 \"\"",
                 "close the field with \", or write a \" inside the field as \"\"");
          }
          const auto end = static_cast<std::size_t>(q - s);
          for (const char* nl = s + i;
               (nl = static_cast<const char*>(std::memchr(nl, '\n', static_cast<std::size_t>(q - nl)))) !=
               nullptr;
               ++nl) {
            ++line;
            lineStart = static_cast<std::size_t>(nl - s) + 1;
          }
          field.append(s + i, end - i);
          i = end + 1;
          if (i < n && s[i] == '"') {  // "" is one quote
            field += '"';
            ++i;
            continue;
          }
          break;
        }
      }
      // Unquoted text, or what follows a closing quote: up to the next separator.
      // A stray quote inside it is kept as text.
      const std::size_t from = i;
      while (i < n && s[i] != ',' && s[i] != '\n' && s[i] != '\r') ++i;
      field.append(s + from, i - from);
      if (field.size() > limits.maxCellChars && text::codePointCount(field) > limits.maxCellChars) {
        fail("csv.cell-too-long", {name, "", fieldLine, columnOf(fieldLineStart, fieldStart), ""},
             "字段超过 " + std::to_string(limits.maxCellChars) + " 个字符",
             "a field holds more than " + std::to_string(limits.maxCellChars) + " characters",
             "检查引号是否配对", "check that the quotes match");
      }
      // The cell cap holds within one record too: a line of commas must not build
      // millions of empty fields before the record ends.
      if (record.size() + 1 > limits.maxCells) tooManyCells(fieldLine);
      SheetCell& cell = record.emplace_back();
      if (!field.empty()) {
        cell.type = plainNumber(field, cell.number) ? SheetCell::Type::Number : SheetCell::Type::String;
        cell.text = field;
      }
      lastQuoted = wasQuoted;
      if (i < n && s[i] == ',') {
        ++i;
        continue;
      }
      break;
    }
    // The record ends at a line break or at the end of the text.
    if (i < n) {
      i += s[i] == '\r' && i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
      ++line;
      lineStart = i;
    }
    more = i < n;
    // A blank line is no record (it would only add an empty row); "" is one.
    if (record.size() == 1 && record[0].text.empty() && !lastQuoted) {
      record.clear();
      continue;
    }
    widest = std::max(widest, record.size());
    if (sheet.rows.size() + 1 > limits.maxCells || widest * (sheet.rows.size() + 1) > limits.maxCells) {
      tooManyCells(recordLine);
    }
    sheet.widths.push_back(static_cast<int>(record.size()));
    sheet.lines.push_back(recordLine);
    sheet.rows.push_back(std::move(record));
    record = std::vector<SheetCell>();
    record.reserve(widest);
  }
  for (auto& row : sheet.rows) row.resize(widest);
}

/// UTF-8 input at least this large is checked (encoding, control characters) on a
/// second thread while its records are parsed: before any deflating starts, the
/// second core is idle (issue 16, `bangfu table` at 20000 rows).
constexpr std::size_t kParallelCheckBytes = 256u << 10;

struct Utf8Checks {
  std::size_t badUtf8 = std::string_view::npos;
  std::size_t control = std::string_view::npos;  ///< only looked for in valid UTF-8
};

Utf8Checks checkUtf8(std::string_view raw, std::atomic<bool>& notUtf8) {
  Utf8Checks checks;
  checks.badUtf8 = detail::firstInvalidUtf8(raw);
  if (checks.badUtf8 != std::string_view::npos) {
    notUtf8.store(true, std::memory_order_relaxed);
    return checks;
  }
  // Every byte of the text lies in a field, or is a comma, quote or line break,
  // none of them a control character; so a text without one has no cell with one.
  checks.control = detail::firstControlCharacter(raw);
  return checks;
}

}  // namespace

Sheet readCsvBytes(const std::string& bytes, const std::string& name, const ReadLimits& limits) {
  return detail::readCsvBytes(bytes, name, limits, detail::CsvChecks::Auto);
}

namespace detail {

Sheet readCsvBytes(const std::string& bytes, const std::string& name, const ReadLimits& limits,
                   CsvChecks how) {
  Sheet sheet;
  sheet.file = name;
  // A CSV is not compressed, so no bomb: its cap is the whole read budget.
  if (bytes.size() > limits.maxTotalBytes) {
    fail("csv.too-large", {name, "", 0, 0, ""},
         "CSV 文件过大（上限 " + std::to_string(limits.maxTotalBytes) + " 字节）",
         "the CSV file is too large (limit " + std::to_string(limits.maxTotalBytes) + " bytes)",
         "拆分为多个文件", "split it into several files");
  }
  detail::faultPoint("csv.parse");
  const bool parallel =
      how == CsvChecks::Parallel || (how == CsvChecks::Auto && bytes.size() >= kParallelCheckBytes);
  if (parallel) {
    // Parsed as UTF-8 while another thread checks that it is. The result is the
    // serial path's: a text that is UTF-8 gives the same records and errors (a
    // parse error first, then the first control character, as below); any other
    // text is read again by the serial path, from the start.
    std::string_view raw(bytes);
    if (raw.substr(0, kUtf8Bom.size()) == kUtf8Bom) raw.remove_prefix(kUtf8Bom.size());
    std::atomic<bool> notUtf8{false};
    std::future<Utf8Checks> checks;
    try {
      checks = std::async(std::launch::async, checkUtf8, raw, std::ref(notUtf8));
    } catch (const std::system_error&) {
      // No thread to be had: the serial path below.
    }
    if (checks.valid()) {
      std::exception_ptr parseError;
      try {
        parseRecords(raw, name, limits, sheet, &notUtf8);
      } catch (const diag::InputError&) {
        parseError = std::current_exception();
      }
      const Utf8Checks found = checks.get();
      if (found.badUtf8 == std::string_view::npos) {
        if (parseError) std::rethrow_exception(parseError);
        sheet.encoding = "UTF-8";
        if (found.control != std::string_view::npos)
          detail::rejectControlCharacters(sheet);  // issue 15 item 4
        return sheet;
      }
      sheet = Sheet{};
      sheet.file = name;
    }
  }
  std::string decoded;  // only GB18030 input is converted; UTF-8 is parsed in place
  const std::string_view text =
      decodeText(bytes, name,
                 {"csv.bad-encoding", "在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”",
                  "save it as \"CSV UTF-8 (Comma delimited)\" in Excel or WPS"},
                 decoded, sheet.encoding);
  parseRecords(text, name, limits, sheet, nullptr);
  detail::rejectControlCharacters(sheet);  // issue 15 item 4
  return sheet;
}

}  // namespace detail

Sheet readCsv(const std::string& path, const ReadLimits& limits) {
  return readCsvBytes(detail::readInput(path, limits.maxTotalBytes), path, limits);
}

}  // namespace bangfu::io
