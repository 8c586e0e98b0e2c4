#pragma once
// How `bangfu table` reads the layout of a sheet (issue 22, issue 18 item 9): the
// visible rows and columns, title rows merged across the table, the header block
// of 1–3 rows with its merges, and the 合计/总计/小计 rows in the data.
#include <map>
#include <string>
#include <vector>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/io/sheet.hpp"

namespace bangfu::cli {

/// The sheet with its hidden rows and columns left out (unless kept), indexed
/// 0-based; places name the sheet's own rows and columns.
class Grid {
 public:
  Grid(const io::Sheet& sheet, bool includeHidden);
  [[nodiscard]] std::size_t rowCount() const { return rows_.size(); }
  [[nodiscard]] std::size_t columnCount() const { return cols_.size(); }
  [[nodiscard]] const io::SheetCell& at(std::size_t r, std::size_t c) const;
  /// The text of cell (r, c), moved out of `sheet` (the sheet this grid shows,
  /// passed again by its owner): the cell's text is empty afterwards.
  [[nodiscard]] std::string takeText(std::size_t r, std::size_t c, io::Sheet& sheet) const;
  [[nodiscard]] diag::Location place(std::size_t r, std::size_t c) const;
  [[nodiscard]] bool blank(std::size_t r) const;
  /// For CSV: the number of fields row r had; -1 for worksheets.
  [[nodiscard]] int fieldCount(std::size_t r) const;
  [[nodiscard]] bool csv() const { return !sheet_.widths.empty(); }
  [[nodiscard]] const io::Sheet& sheet() const { return sheet_; }
  /// The visible part of a merge in grid indices; false when none of it is visible.
  struct Span {
    std::size_t firstRow, firstCol, lastRow, lastCol;
  };
  [[nodiscard]] const std::vector<Span>& spans() const { return spans_; }
  /// The span that covers (r, c), or nullptr. Each row asked about is indexed once
  /// (a hostile sheet may list millions of merges; only the top rows are asked).
  [[nodiscard]] const Span* spanAt(std::size_t r, std::size_t c) const;
  /// Sheet row numbers and column letters that were left out, for the warning.
  std::vector<int> hiddenRows, hiddenColumns;

 private:
  const io::Sheet& sheet_;
  std::vector<std::size_t> rows_, cols_;  // sheet indices (0-based) of the visible ones
  std::vector<Span> spans_;
  mutable std::map<std::size_t, std::vector<const Span*>> spanRows_;  // row → span of each column
};

struct TableLayout {
  std::vector<std::size_t> titleRows;  ///< grid rows above the header
  std::string title;                   ///< their text, lines joined by '\n'
  std::size_t headerFirst = 0;         ///< first grid row of the header
  std::size_t headerCount = 1;         ///< 1–3 rows
  std::size_t width = 0;               ///< columns of the table (the header's extent)
};

/// Finds the title rows, the header block and the table's width. `headerRow`
/// (1-based sheet row, 0 = detect) and `headerRows` (0 = detect) override. When
/// the detected header names none of the `wanted` columns (--total) but a row
/// among the first ones names them all, the header starts there (issue 18 item 9).
/// Problems (an override outside the sheet) go to `diags`.
TableLayout detectLayout(const Grid& grid, int headerRow, int headerRows,
                         const std::vector<std::string>& wanted, diag::Diagnostics& diags);

enum class TotalKind { None, Total, Subtotal };
/// 合计 / 总计 (Total) or 小计 (Subtotal) in the row's first two non-empty cells,
/// spaces (合　计) ignored.
TotalKind totalKindOf(const Grid& grid, std::size_t row, std::size_t width);

}  // namespace bangfu::cli
