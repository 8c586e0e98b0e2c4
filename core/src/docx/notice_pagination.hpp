#pragma once
// Where the notice's text ends, computed before LibreOffice or Word lays it out, so
// the 版记's page can be numbered or not as GB/T 9704-2012 7.5 asks: 公文的版记页前有
// 空白页的，空白页和版记页均不编排页码. The model is the one the writer sets: every line
// on the 579-tw grid (5.2.3), 28 字 a line with hanging punctuation, no widow control,
// keepNext chains moved whole (docs/notice.md "Pagination").
#include <string>

#include "bangfu/doc/notice_text.hpp"

namespace bangfu::docx {

struct NoticePagination {
  int pages = 0;            ///< pages the text takes, 版头 to 附注 (1 = page 1 only)
  int linesOnLastPage = 0;  ///< grid lines used on the last of them
};

/// The pagination of noticeMainXml(text) on portrait A4 pages of 22 lines.
NoticePagination paginateNotice(const doc::NoticeText& text);

/// Lines of a 3号 body paragraph `utf8` in a line `widthTwips` wide whose first line
/// starts `firstIndentTwips` further in, broken as layout::breakLines breaks it (避头尾,
/// ，。 hanging) at the body's advances. Serves the text and the appendices' 说明 and
/// paragraphs (notice_appendix_pages.hpp).
int bodyLineCount(const std::string& utf8, int widthTwips, int firstIndentTwips);

/// 7.5: the 版记 goes on an even page (7.4); when the page before it, numbered
/// `lastNumber`, is even, a blank page comes in between and neither carries a number.
constexpr bool blankPageBeforeImprint(int lastNumber) { return lastNumber % 2 == 0; }

/// How the 版记's page is numbered (7.4, 7.5).
struct ImprintPlacement {
  bool hasImprint = false;
  /// The text ends on an even page: a blank odd page comes before the even 版记 page,
  /// and neither carries a number (7.5). Decided here when no appendix is bound in
  /// between; with appendices the document part decides it after them
  /// (notice_appendix_pages.hpp) and this stays false.
  bool unnumbered = false;
  /// A 版记 after bound appendices: whether its page is numbered is known only when
  /// the appendices are written, so the empty footer is written in any case.
  bool decidedAfterAppendices = false;
  int textPages = 0;  ///< paginateNotice(text).pages; 0 without a text
};

/// `appendicesBoundIn`: appendices follow the text in the same document (7.3.7).
ImprintPlacement placeImprint(const doc::NoticeText* text, bool appendicesBoundIn, int firstPageNumber);

}  // namespace bangfu::docx
