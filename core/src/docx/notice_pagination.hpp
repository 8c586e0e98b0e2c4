#pragma once
// Where the notice's text ends, computed before LibreOffice or Word lays it out, so
// the 版记's page can be numbered or not as GB/T 9704-2012 7.5 asks: 公文的版记页前有
// 空白页的，空白页和版记页均不编排页码. The model is the one the writer sets: every line
// on the 579-tw grid (5.2.3), 28 字 a line with hanging punctuation, no widow control,
// keepNext chains moved whole (docs/notice.md "Pagination").
#include "bangfu/doc/notice_text.hpp"

namespace bangfu::docx {

struct NoticePagination {
  int pages = 0;            ///< pages the text takes, 版头 to 附注 (1 = page 1 only)
  int linesOnLastPage = 0;  ///< grid lines used on the last of them
};

/// The pagination of noticeMainXml(text) on portrait A4 pages of 22 lines.
NoticePagination paginateNotice(const doc::NoticeText& text);

/// How the 版记's page is numbered (7.4, 7.5).
struct ImprintPlacement {
  bool hasImprint = false;
  /// The text ends on an even page: a blank odd page comes before the even 版记 page,
  /// and neither carries a number (7.5). Only decided when no appendix is bound in
  /// between (their tables are paginated by LibreOffice alone); otherwise false and
  /// the 版记 page keeps its number.
  bool unnumbered = false;
  int textPages = 0;  ///< paginateNotice(text).pages; 0 without a text
};

/// `appendicesBoundIn`: appendices follow the text in the same document (7.3.7).
ImprintPlacement placeImprint(const doc::NoticeText* text, bool appendicesBoundIn, int firstPageNumber);

}  // namespace bangfu::docx
