// The appendices' pages (notice_appendix_pages.hpp): the pieces the writer sets,
// placed top to bottom on pages of whole grid rows.
#include "docx/notice_appendix_pages.hpp"

#include <algorithm>

#include "docx/layout.hpp"

namespace bangfu::docx {

int filledPageTwips(doc::Orientation orientation) {
  const int height = orientation == doc::Orientation::Landscape ? layout::kLandscapeTextHeightTwips
                                                                : layout::kTextHeightTwips;
  return height / layout::kLinePitchTwips * layout::kLinePitchTwips;
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
