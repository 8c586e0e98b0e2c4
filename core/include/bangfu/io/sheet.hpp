#pragma once
/// Tabular input as read from a workbook or CSV, before it becomes a model.
/// Every cell keeps its place so that diagnostics can say file:sheet!B12.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bangfu::io {

struct SheetCell {
  enum class Type { Empty, String, Number, Bool, Date, Error };
  Type type = Type::Empty;
  /// For numbers: 1 + the index in Sheet::numberFormats of the cell's format code
  /// (ECMA-376 §18.8.31), kept so the XLSX output shows what the input showed;
  /// 0 for General (and for CSV and JSON).
  std::uint32_t format = 0;
  /// The text as shown: a number or date with its cell's number format applied
  /// (bangfu/numfmt), a string with the format's text section; General numbers
  /// without trailing .0. CSV and JSON cells hold their text as written.
  std::string text;
  double number = 0;  ///< numbers, booleans (0/1) and dates (the serial of the sheet's date system)
};

struct MergeRange {
  int firstRow, firstCol, lastRow, lastCol;  ///< 1-based, inclusive
};

struct Sheet {
  std::string file;
  std::string name;  ///< worksheet name; empty for CSV
  /// rows[r][c] is cell (r+1, c+1). Rows are padded to the same width. A merged
  /// range's value is copied to every cell it covers.
  std::vector<std::vector<SheetCell>> rows;
  std::vector<MergeRange> merges;
  /// For worksheets: the workbook's number format codes that SheetCell::format names.
  std::vector<std::string> numberFormats;
  /// The format code of a number cell, or empty for General.
  [[nodiscard]] const std::string& numberFormatOf(const SheetCell& c) const;
  /// For CSV: the 1-based text line each row starts on (rows can span lines).
  std::vector<int> lines;
  /// For CSV: the number of fields each row had before padding, so that a caller
  /// can report ragged rows. Empty for worksheets.
  std::vector<int> widths;
  /// For CSV: the encoding the bytes were decoded from ("UTF-8" or "GB18030").
  std::string encoding;
  /// For worksheets: serials count from 1904-01-01 (workbookPr@date1904).
  bool date1904 = false;
  /// For worksheets: the sheet is hidden or very hidden (sheet@state).
  bool hidden = false;
  /// For worksheets: 1-based numbers of hidden rows (row@hidden) and columns
  /// (col@hidden), ascending; they may lie beyond the cells read.
  std::vector<int> hiddenRows;
  std::vector<int> hiddenColumns;

  [[nodiscard]] int rowCount() const { return static_cast<int>(rows.size()); }
  [[nodiscard]] int columnCount() const { return rows.empty() ? 0 : static_cast<int>(rows.front().size()); }
  /// The cell at 1-based (row, col), or an empty cell outside the sheet.
  [[nodiscard]] const SheetCell& at(int row, int col) const;
};

struct Workbook {
  std::string file;
  std::vector<Sheet> sheets;  ///< worksheets, in workbook order
  struct OtherSheet {
    std::string name;
    std::string kind;  ///< "chart", "dialog", "macro" or "other": no cells to read
  };
  std::vector<OtherSheet> otherSheets;
  [[nodiscard]] const Sheet* find(const std::string& name) const;
};

/// Limits that keep hostile input bounded (zip bombs, 100 MB of cells).
/// A legitimate province-sized workbook is a few MB; these caps stop a 100 MB
/// sheet or a zip bomb with a clear error long before memory runs out.
struct ReadLimits {
  std::size_t maxPartBytes = 64u << 20;    ///< inflated size of one zip part
  std::size_t maxTotalBytes = 256u << 20;  ///< inflated size of all parts read; the size of a CSV file
  std::size_t maxCellChars = 32767;        ///< Excel's own limit, in code points
  std::size_t maxCells = 1u << 20;         ///< cells of one sheet after padding (rows x widest row)
  /// The workbook as held in memory: every padded grid slot, every cell's text at
  /// its expanded size (a shared string once per cell that refers to it, a merged
  /// value once per cell it covers), and while a part is parsed, its XML tree. A
  /// 5 KB file can otherwise ask for gigabytes (issue 15 item 5). About 600,000
  /// filled cells fit. Over it: xlsx.too-large, at the cell that crossed it.
  std::size_t maxExpandedBytes = 256u << 20;
};

/// A date serial as the 成文日期 form (2019年5月30日, with the time of day when it has
/// one), whatever format the cell shows it in.
std::string chineseDateText(double serial, bool date1904);

/// Reads an XLSX workbook (libzip + pugixml). Throws diag::InputError with the
/// place for unreadable input (not a zip, truncated, malformed XML, over limits).
Workbook readXlsx(const std::string& path, const ReadLimits& limits = {});
/// The same from bytes in memory (fuzzing, tests).
Workbook readXlsxBytes(const std::string& bytes, const std::string& name, const ReadLimits& limits = {});

/// Reads a CSV in UTF-8 (with or without BOM) or GB18030/GBK, detected and
/// converted with ICU. RFC 4180 quoting, embedded newlines, CRLF. Throws
/// diag::InputError (file:line:column) for undecodable bytes or a broken quote.
Sheet readCsv(const std::string& path, const ReadLimits& limits = {});
/// Text a clerk saved, in UTF-8 (with or without BOM) or GB18030/GBK: the UTF-8 text,
/// a view of `bytes` or of `storage` (filled for GB18030); `encoding` is set to
/// "UTF-8" or "GB18030". Bytes in neither throw diag::InputError with `how.code` at file:line:column.
struct TextDecoding {
  std::string code;          ///< diagnostic code for undecodable bytes
  std::string suggestion;    ///< how the clerk saves the file right
  std::string suggestionEn;  ///< the same in English
};
std::string_view decodeText(std::string_view bytes, const std::string& name, const TextDecoding& how,
                            std::string& storage, std::string& encoding);
Sheet readCsvBytes(const std::string& bytes, const std::string& name, const ReadLimits& limits = {});

}  // namespace bangfu::io
