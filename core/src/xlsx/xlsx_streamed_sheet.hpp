#pragma once
/// The cells of a large (constant_memory) sheet, written as libxlsxwriter 1.1.4
/// writes them and deflated while the writer works, so the sheet's rows are not
/// written to a temporary file, copied and deflated on one core after the
/// workbook closes (docs/xlsx.md "Large tables"). Each call takes and returns
/// what libxlsxwriter's own call of that name does in constant_memory mode
/// (worksheet.c: one row held at a time, flushed when a later row is written;
/// the dimension kept as _check_dimensions keeps it; inline strings with control
/// characters written _xHHHH_), and the XML is byte for byte what it writes, so
/// finish() hands the packaging step (xlsx_package) the text that replaces the
/// sheet's <sheetData/>, and <mergeCells>, which follows it.
#include <xlsxwriter.h>

#include <string>
#include <utility>
#include <vector>

#include "zip/zip_writer.hpp"

namespace bangfu::xlsx::detail {

/// What replaces the <sheetData/> and goes after it in a streamed sheet.
struct StreamedSheetData {
  bool hasRows = false;      ///< false: the sheet keeps <sheetData/>
  zip::DeflatedPiece rows;   ///< the <row> elements, deflated
  std::string dimensionRef;  ///< <dimension ref="…"/>'s value
  std::string mergeCells;    ///< the <mergeCells> element, or empty
};

class StreamedSheet {
 public:
  StreamedSheet();
  ~StreamedSheet();
  StreamedSheet(const StreamedSheet&) = delete;
  StreamedSheet& operator=(const StreamedSheet&) = delete;

  lxw_error writeString(lxw_row_t row, lxw_col_t col, const char* text, lxw_format* format);
  lxw_error writeNumber(lxw_row_t row, lxw_col_t col, double number, lxw_format* format);
  lxw_error writeFormulaNum(lxw_row_t row, lxw_col_t col, const char* formula, lxw_format* format,
                            double result);
  lxw_error writeBlank(lxw_row_t row, lxw_col_t col, lxw_format* format);
  lxw_error writeRichString(lxw_row_t row, lxw_col_t col, lxw_rich_string_tuple* fragments[],
                            lxw_format* format);
  lxw_error mergeRange(lxw_row_t firstRow, lxw_col_t firstCol, lxw_row_t lastRow, lxw_col_t lastCol,
                       const char* text, lxw_format* format);
  lxw_error setRow(lxw_row_t row, double height);

  /// Flushes the last row and ends the rows' stream; call once.
  StreamedSheetData finish();

 private:
  enum class Kind { None, Number, InlineString, RichString, Formula, Blank };
  struct Cell {
    Kind kind = Kind::None;
    std::string text;   ///< the string (control characters escaped), rich XML or formula
    double number = 0;  ///< the number or the formula's result
    lxw_format* format = nullptr;
  };

  lxw_error checkDimensions(lxw_row_t row, lxw_col_t col);
  Cell& insert(lxw_row_t row, lxw_col_t col, Kind kind, double number, lxw_format* format);
  void advanceTo(lxw_row_t row);
  void flushRow();
  void writeCell(lxw_row_t row, lxw_col_t col, const Cell& cell);
  void appendHeight(double height);
  void appendRef(lxw_row_t row, lxw_col_t col);
  void appendStyle(const Cell& cell);
  void emit();

  // The dimension, as worksheet.c keeps dim_rowmin … dim_colmax.
  lxw_row_t rowMin_ = LXW_ROW_MAX;
  lxw_row_t rowMax_ = 0;
  lxw_col_t colMin_ = LXW_COL_MAX;
  lxw_col_t colMax_ = 0;
  // The row being filled, as worksheet.c's optimize_row.
  lxw_row_t row_ = 0;
  double height_ = LXW_DEF_ROW_HEIGHT;
  bool heightChanged_ = false;  ///< never reset, as in worksheet.c
  bool hidden_ = false;
  bool rowChanged_ = false;
  bool dataChanged_ = false;
  std::vector<Cell> cells_;  ///< by column

  std::string merges_;  ///< <mergeCell/> elements in the order registered
  std::size_t mergeCount_ = 0;
  lxw_format* defaultFormat_ = nullptr;  ///< a rich string fragment's font when it has none
  std::string xml_;                      ///< rows not yet handed to the deflater
  std::vector<std::pair<double, std::string>> heightTexts_;  ///< row heights as printed ("%.16G")
  zip::ZipWriter deflater_;
  bool finished_ = false;
};

}  // namespace bangfu::xlsx::detail

namespace bangfu::xlsx::detail {

/// Where a sheet's cells go: libxlsxwriter's worksheet, or (when `streamed` is
/// set) the streamed rows. The calls are libxlsxwriter's, by the same names.
struct SheetCells {
  lxw_worksheet* ws = nullptr;
  StreamedSheet* streamed = nullptr;

  lxw_error writeString(lxw_row_t r, lxw_col_t c, const char* text, lxw_format* f) const {
    return streamed != nullptr ? streamed->writeString(r, c, text, f)
                               : worksheet_write_string(ws, r, c, text, f);
  }
  lxw_error writeNumber(lxw_row_t r, lxw_col_t c, double v, lxw_format* f) const {
    return streamed != nullptr ? streamed->writeNumber(r, c, v, f) : worksheet_write_number(ws, r, c, v, f);
  }
  lxw_error writeFormulaNum(lxw_row_t r, lxw_col_t c, const char* formula, lxw_format* f, double v) const {
    return streamed != nullptr ? streamed->writeFormulaNum(r, c, formula, f, v)
                               : worksheet_write_formula_num(ws, r, c, formula, f, v);
  }
  lxw_error writeBlank(lxw_row_t r, lxw_col_t c, lxw_format* f) const {
    return streamed != nullptr ? streamed->writeBlank(r, c, f) : worksheet_write_blank(ws, r, c, f);
  }
  lxw_error writeRichString(lxw_row_t r, lxw_col_t c, lxw_rich_string_tuple* fragments[],
                            lxw_format* f) const {
    return streamed != nullptr ? streamed->writeRichString(r, c, fragments, f)
                               : worksheet_write_rich_string(ws, r, c, fragments, f);
  }
  lxw_error mergeRange(lxw_row_t r0, lxw_col_t c0, lxw_row_t r1, lxw_col_t c1, const char* text,
                       lxw_format* f) const {
    return streamed != nullptr ? streamed->mergeRange(r0, c0, r1, c1, text, f)
                               : worksheet_merge_range(ws, r0, c0, r1, c1, text, f);
  }
  lxw_error setRow(lxw_row_t r, double height) const {
    return streamed != nullptr ? streamed->setRow(r, height)
                               : worksheet_set_row_opt(ws, r, height, nullptr, nullptr);
  }
};

}  // namespace bangfu::xlsx::detail
