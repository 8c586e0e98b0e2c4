#pragma once
/// Where the cells of a table go on the sheet and how wide their lines are: the
/// model lists cells HTML-style (a row lists only the cells that start in it), a
/// sheet needs every slot, so occupancy is tracked per column.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bangfu/doc/document.hpp"

namespace bangfu::xlsx::detail {

struct Placed {
  std::size_t cell;  ///< index in the row's cells
  std::size_t col;
  std::size_t rowSpan;
  std::size_t colSpan;
};

inline constexpr long kAbove = -1;  ///< slot covered by a cell from an earlier row
inline constexpr long kEmpty = -2;  ///< slot no cell covers

class Placer {
 public:
  Placer(std::size_t cols, std::size_t rows) : busyUntil_(cols, -1), rows_(rows) {}

  /// Places row `r`. `owner[c]` becomes the index in `out` of the cell covering
  /// column c, kAbove or kEmpty. Cells that do not fit are counted in dropped().
  void place(std::size_t r, const doc::Row& row, std::vector<Placed>& out, std::vector<long>& owner);
  /// The table grew by `n` rows (a row cut into parts as it is written): spans are
  /// clamped to the rows known so far.
  void addRows(std::size_t n) { rows_ += n; }

  [[nodiscard]] std::size_t dropped() const { return dropped_; }
  [[nodiscard]] std::size_t clamped() const { return clamped_; }

 private:
  std::vector<long> busyUntil_;
  std::size_t rows_;
  std::size_t dropped_ = 0;
  std::size_t clamped_ = 0;
};

/// Display widths of the lines of a cell, a '\n' inside a run also breaking the line.
/// Returns the total byte length (an upper bound of the code points).
std::size_t measureLines(const std::vector<doc::Paragraph>& lines, std::vector<std::uint32_t>& out);

/// Bytes of joinedText(lines), without building it (measureLines' return value).
std::size_t textBytes(const std::vector<doc::Paragraph>& lines);

/// The cell's text, its lines joined by '\n'.
std::string joinedText(const std::vector<doc::Paragraph>& lines);

/// `s` without its line breaks (sheet names, document properties).
std::string oneLine(const std::string& s);

}  // namespace bangfu::xlsx::detail
