#pragma once
/// The XLSX writer's work on one workbook (internal to core/src/xlsx):
/// xlsx_writer.cpp plans the sheets and writes their text and cells,
/// xlsx_table_rows.cpp writes a table's rows as printed (measured, cut at the
/// page boundaries, merged).
#include <xlsxwriter.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/doc/document.hpp"
#include "bangfu/layout/columns.hpp"
#include "bangfu/layout/fallback_pieces.hpp"
#include "bangfu/layout/row_split.hpp"
#include "bangfu/xlsx/xlsx_writer.hpp"
#include "xlsx/xlsx_cells.hpp"
#include "xlsx/xlsx_pages.hpp"
#include "xlsx/xlsx_print.hpp"
#include "xlsx/xlsx_status.hpp"
#include "xlsx/xlsx_streamed_sheet.hpp"
#include "xlsx/xlsx_styles.hpp"

namespace bangfu::xlsx::detail {

/// spec §2 "Tables": the DOCX's size (4号 by default), so both print alike (issue 16).
inline constexpr double kTableDefaultPt = bangfu::layout::kTableDefaultHalfPoints / 2.0;

/// One worksheet: the appendix label and title, then the blocks of the appendix
/// up to and including one table (or name list) and the notes that follow it.
struct SheetPlan {
  std::size_t appendix = 0;
  std::vector<std::size_t> blocks;
  std::size_t tableBlock = SIZE_MAX;
  const doc::Table* table = nullptr;
  std::shared_ptr<doc::Table> owned;  ///< a name list laid out as a two-column table
  bool borders = true;
  std::string wanted;
  std::string name;
  // Layout, filled by measure():
  std::size_t cols = 1;
  std::size_t rowCount = 0;
  std::size_t tableRow = 0;  ///< sheet row of the table's first row
  double pt = kTableDefaultPt;
  std::vector<double> widths;
  std::vector<int> twips;                ///< the same widths as the DOCX's (layout::solveColumnWidths)
  bangfu::layout::TableMetrics metrics;  ///< the size and padding they were measured at
  std::vector<double> bodySum;           ///< per column: Σ Cell::number over body rows
};

/// A table's rows as printed: a tall row cut at the page boundary
/// (layout::planRowCuts) is its parts, held here; every other row is the model's
/// own, so the table is not copied.
struct PrintedRows {
  std::vector<bangfu::layout::RowCut> cuts;
  std::vector<const doc::Row*> rows;
  std::vector<int> lines;  ///< layout::rowLines of each row as printed
  /// Rows that continue the row above (a cut row's later parts): each starts a page.
  std::vector<std::size_t> continuing;
  PrintedRows() = default;
  PrintedRows(PrintedRows&&) = default;  // `rows` points into `cuts`' parts: moved, never copied
  PrintedRows(const PrintedRows&) = delete;
  PrintedRows& operator=(const PrintedRows&) = delete;
  PrintedRows& operator=(PrintedRows&&) = delete;
  ~PrintedRows() = default;
  [[nodiscard]] std::size_t size() const { return rows.size(); }
  const doc::Row& operator[](std::size_t r) const { return *rows[r]; }
};

/// Row heights as the DOCX counts lines (layout::rowLines), fed a table's rows as
/// printed, in order: a cell spanning rows tops up its last row.
class RowHeights {
 public:
  /// The height (points) of printed row `r`, placed as `placed`, of `lines` lines;
  /// a vertically merged body group it starts goes to `groups` (sheet rows).
  double next(const SheetPlan& s, std::size_t r, const doc::Row& row, const std::vector<Placed>& placed,
              int lines, std::vector<RowGroup>& groups);

 private:
  struct Span {
    std::size_t lastRow;
    double neededPt;
    double accPt;
  };
  std::vector<Span> spans_;
};

/// What writing a table's rows carries from one row to the next.
struct TableCursor {
  struct Covering {  // the cell covering a column from an earlier row
    const doc::Cell* cell = nullptr;
    Style base;
    std::size_t firstCol = 0;
    std::size_t lastCol = 0;
    std::size_t lastRow = 0;  ///< sheet row
  };
  struct Merge {
    lxw_row_t r0;
    lxw_col_t c0;
    lxw_row_t r1;
    lxw_col_t c1;
    lxw_format* fmt;
  };
  TableCursor(std::size_t cols, std::size_t rows)
      : placer(cols, rows), aboveFormat(cols, nullptr), covering(cols) {}

  Placer placer;
  RowHeights rowHeights;                         ///< the heights of rows measured in turn
  const std::vector<double>* heights = nullptr;  ///< or every printed row's, planned beforehand
  std::vector<std::size_t> pageStarts;           ///< sheet rows starting a page, where merges are cut
  int halfPt = 0;
  lxw_format* emptyFormat = nullptr;
  std::vector<lxw_format*> aboveFormat;  ///< format of the cell covering a slot from above
  std::vector<Covering> covering;
  std::vector<Merge> pendingMerges;  ///< constant_memory: registered when their last row is reached
  std::vector<lxw_format*> cellFormat;
  std::vector<Style> cellBase;
};

class WorkbookWriter {
 public:
  /// `path`: the user's file, named in every diagnostic. `file`: where to write
  /// it when the caller staged it already (output::writeAll); empty: stage here.
  WorkbookWriter(const doc::Notice& notice, std::string path, std::string file, diag::Diagnostics& diags,
                 const XlsxOptions& options)
      : notice_(notice), path_(std::move(path)), file_(std::move(file)), diags_(diags), options_(options) {}

  bool run();

 private:
  void plan();
  void measure(SheetPlan& s);
  void checkLength(const SheetPlan& s, std::size_t bytes, const std::string& text, std::size_t row,
                   std::size_t col, const std::string& field);
  void writeSheet(lxw_worksheet* ws, const SheetPlan& s);
  std::size_t writeFullRow(const SheetPlan& s, std::size_t row, const doc::Paragraph& p, Role role,
                           Style base, doc::Align align, double pt);
  std::size_t writeTable(const SheetPlan& s, const PrintSetup& print);
  void writeTableRow(const SheetPlan& s, TableCursor& w, const doc::Row& rowModel, std::size_t r, int lines);
  /// Whether `t`'s rows can be measured, cut and written one at a time: no
  /// vertical merge below its header (no group to keep whole, no merge to cut at a
  /// page), header rows only at the top (the room below them comes first) and
  /// 合计 cells only after the last body row (their SUM names every body row as
  /// printed). The DOCX writer measures in turn under the same conditions.
  static bool writableInTurn(const doc::Table& t);
  void noteBodyRow(std::size_t sheetRow);
  std::vector<double> tableRowHeights(const SheetPlan& s, const PrintedRows& t);
  /// The room for body rows on the table's first page and the later ones, below
  /// header rows `headerPt` high, at the scale the sheet prints at.
  bangfu::layout::PageRoom bodyRoom(const SheetPlan& s, const PrintSetup& print, double headerPt) const;
  PrintedRows printedRows(const SheetPlan& s, const PrintSetup& print);
  static double tablePx(const SheetPlan& s);
  std::vector<RowGroup> sortedGroups() const;
  void setRowHeight(std::size_t row, double pt);
  void writeCell(lxw_row_t row, lxw_col_t col, const doc::Cell& cell, Style base, lxw_format* fmt, int halfPt,
                 const SheetPlan& s, std::size_t tableCol, bool total);

  const doc::Notice& notice_;
  std::string path_;
  std::string file_;
  diag::Diagnostics& diags_;
  const XlsxOptions& options_;
  std::vector<SheetPlan> sheets_;
  bool optimize_ = false;
  lxw_workbook* wb_ = nullptr;
  std::unique_ptr<Formats> formats_;
  LxwStatus status_;
  // Reused buffers (no allocation per row or cell).
  std::vector<Placed> placed_;
  std::vector<long> owner_;
  std::vector<std::string> fragmentText_;
  std::vector<lxw_rich_string_tuple> fragments_;
  std::vector<lxw_rich_string_tuple*> fragmentPtrs_;
  std::vector<bangfu::layout::FallbackPiece> pieces_;
  std::string scratch_;
  FormatKey formatKey_{};
  std::vector<double> rowHeights_;         ///< the sheet being written: every row's height (points)
  std::vector<RowGroup> groups_;           ///< its vertically merged body groups
  std::vector<std::size_t> forcedStarts_;  ///< its rows that start a page: later parts of cut rows
  std::vector<std::pair<std::size_t, std::size_t>> bodyRuns_;  ///< its table's contiguous body rows
  SheetCells cells_;  ///< where the sheet being written puts its cells
  /// Per sheet, its rows when streamed (constant_memory: StreamedSheet), for finishPackage.
  std::vector<std::optional<StreamedSheetData>> streamed_;
};

}  // namespace bangfu::xlsx::detail
