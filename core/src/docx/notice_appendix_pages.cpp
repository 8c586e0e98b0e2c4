// The appendices' pages (notice_appendix_pages.hpp): the pieces the writer sets,
// placed top to bottom on pages of whole grid rows.
#include "docx/notice_appendix_pages.hpp"

#include <algorithm>
#include <cmath>

#include "docx/layout.hpp"

namespace bangfu::docx {

int filledPageTwips(doc::Orientation orientation) {
  const int height = orientation == doc::Orientation::Landscape ? layout::kLandscapeTextHeightTwips
                                                                : layout::kTextHeightTwips;
  return height / layout::kLinePitchTwips * layout::kLinePitchTwips;
}

std::vector<int> printedRowHeights(const doc::Table& t, std::size_t ncols, const std::vector<int>& widths,
                                   const bangfu::layout::TableMetrics& m,
                                   const bangfu::layout::RowGeometry& g) {
  // n characters of an em e fit a content width c condensed when n (e + s) ≤ c, that
  // is n e ≤ c e / (e + s): the widths (and the padding rowLines takes off them)
  // stretched by e / (e + s) measure the condensed line at the faces' advances.
  const double em = m.halfPoints * 10.0;
  const double stretch = em / (em + layout::kBodyCharSpacingTwips);
  std::vector<int> stretched(widths.size());
  for (std::size_t k = 0; k < widths.size(); ++k)
    stretched[k] = static_cast<int>(std::lround(widths[k] * stretch));
  bangfu::layout::TableMetrics sm = m;
  sm.cellPaddingTwips = static_cast<int>(std::lround(m.cellPaddingTwips * stretch));
  std::vector<int> heights = bangfu::layout::rowLines(t, ncols, stretched, sm);
  for (int& h : heights) h = h * g.lineTwips + g.rowExtraTwips;
  return heights;
}

static_assert(layout::kTextHeightTwips / layout::kLinePitchTwips == layout::kLinesPerPage,
              "22 grid rows on a portrait page (5.2.3)");
static_assert(layout::kLandscapeTextHeightTwips / layout::kLinePitchTwips == 15,
              "15 grid rows on a landscape page (8)");

void AppendixPager::startAppendix(doc::Orientation orientation) {
  orientation_ = orientation;
  newPage();
}

int AppendixPager::textWidthTwips() const {
  return orientation_ == doc::Orientation::Landscape ? layout::kLandscapeTextWidthTwips
                                                     : layout::kTextWidthTwips;
}

void AppendixPager::addGridLines(int lines) {
  const int page = filledPageTwips(orientation_);
  for (int l = 0; l < lines; ++l) {
    if (y_ + layout::kLinePitchTwips > page && y_ > 0) newPage();
    y_ += layout::kLinePitchTwips;
  }
}

void AppendixPager::addTwips(int twips) {
  if (y_ + twips > filledPageTwips(orientation_) && y_ > 0) newPage();
  y_ += twips;
}

void AppendixPager::addTable(const std::vector<int>& heights, std::size_t headerRows,
                             const std::vector<unsigned char>& keepWithNext) {
  const int page = filledPageTwips(orientation_);
  int header = 0;
  for (std::size_t r = 0; r < headerRows && r < heights.size(); ++r) header += heights[r];
  // The header rows open the table where it starts; a body row below them that does
  // not fit takes them to the next page (they never end a page alone).
  std::size_t r = std::min(headerRows, heights.size());
  bool bodyOnPage = false;
  if (y_ > 0 && r < heights.size() && y_ + header + heights[r] > page) newPage();
  y_ += header;
  while (r < heights.size()) {
    std::size_t end = r + 1;
    while (end < heights.size() && keepWithNext[end - 1] != 0) ++end;
    int block = 0;
    for (std::size_t k = r; k < end; ++k) block += heights[k];
    if (y_ + block > page && bodyOnPage) {
      newPage();
      y_ = header;
    }
    y_ += block;
    // A block taller than a page (a row beyond splitting) runs on below the header.
    while (y_ > page && page > header) {
      ++page_;
      y_ = header + (y_ - page);
    }
    bodyOnPage = true;
    r = end;
  }
}

}  // namespace bangfu::docx
