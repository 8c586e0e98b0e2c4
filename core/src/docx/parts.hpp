#pragma once
/// One function per OOXML part of the package (style-anchors §2, libxlsxwriter's
/// one-writer-per-part layout); packager.cpp writes them in a fixed order.
#include <set>
#include <string>

#include "bangfu/doc/document.hpp"
#include "bangfu/docx/docx_writer.hpp"

namespace bangfu::zip {
class ZipWriter;
}  // namespace bangfu::zip

namespace bangfu::docx {

using zip::ZipWriter;

namespace part {
inline constexpr const char* kContentTypes = "[Content_Types].xml";
inline constexpr const char* kRootRels = "_rels/.rels";
inline constexpr const char* kCore = "docProps/core.xml";
inline constexpr const char* kApp = "docProps/app.xml";
inline constexpr const char* kDocument = "word/document.xml";
inline constexpr const char* kDocumentRels = "word/_rels/document.xml.rels";
inline constexpr const char* kStyles = "word/styles.xml";
inline constexpr const char* kSettings = "word/settings.xml";
inline constexpr const char* kFontTable = "word/fontTable.xml";
inline constexpr const char* kFooterOdd = "word/footer1.xml";
inline constexpr const char* kFooterEven = "word/footer2.xml";
/// Rule 25: the landscape sections' own odd and even footers (only written when
/// the notice has a landscape appendix).
inline constexpr const char* kFooterLandscapeOdd = "word/footer3.xml";
inline constexpr const char* kFooterLandscapeEven = "word/footer4.xml";
/// GB/T 9704-2012 7.5: the footer without a page number of the blank page before the
/// 版记 and of the 版记 page (only written when the notice needs it).
inline constexpr const char* kFooterBlank = "word/footer5.xml";

/// Relationship ids of word/_rels/document.xml.rels, fixed so the document part
/// can be written before the rels part.
inline constexpr const char* kRelStyles = "rId1";
inline constexpr const char* kRelSettings = "rId2";
inline constexpr const char* kRelFontTable = "rId3";
inline constexpr const char* kRelFooterOdd = "rId4";
inline constexpr const char* kRelFooterEven = "rId5";
inline constexpr const char* kRelFooterLandscapeOdd = "rId6";
inline constexpr const char* kRelFooterLandscapeEven = "rId7";
inline constexpr const char* kRelFooterBlank = "rId8";
}  // namespace part

/// Style ids the document part refers to; styles.xml defines each of them.
namespace style {
inline constexpr const char* kBody = "BodyText";              // ParagraphRole::Body
inline constexpr const char* kHeading1 = "Heading1";          // 一、 黑体
inline constexpr const char* kHeading2 = "Heading2";          // （一） 楷体
inline constexpr const char* kLabel = "AppendixLabel";        // 附件N
inline constexpr const char* kTitle = "AppendixTitle";        // the appendix title
inline constexpr const char* kFiction = "FictionNote";        // 示例数据，纯属虚构
inline constexpr const char* kNotes = "Notes";                // 说明：1.…
inline constexpr const char* kNameList = "NameList";          // 组　长：白凤祥
inline constexpr const char* kTableText = "TableText";        // table body, 4号仿宋
inline constexpr const char* kTableHeading = "TableHeading";  // header rows, 4号黑体
inline constexpr const char* kFooter = "Footer";
inline constexpr const char* kFaceFang = "FaceFang";  // character styles for doc::Face
inline constexpr const char* kFaceHei = "FaceHei";
inline constexpr const char* kFaceKai = "FaceKai";
inline constexpr const char* kFaceSong = "FaceSong";
inline constexpr const char* kFaceTitle = "FaceTitle";
}  // namespace style

/// Which sized table styles the document used (TableText24 …), filled by
/// writeDocumentPart and read by stylesPart.
struct StyleUse {
  std::set<int> tableHalfPoints;
};

/// `landscape`: the package holds the landscape footers (a landscape appendix);
/// `blankFooter`: the footer without a number (kFooterBlank).
std::string contentTypesPart(bool landscape, bool blankFooter = false);
std::string rootRelsPart();
std::string corePropsPart(const doc::Notice& notice, long long epoch);
std::string appPropsPart();
/// `landscape`: relate the landscape footers too (rId6, rId7); `blankFooter`: rId8.
std::string documentRelsPart(bool landscape, bool blankFooter = false);
/// `noticeTextPages` > 0: the pages bangfu computed for the notice's text, kept as the
/// document variable bangfu.noticeTextPages (ECMA-376 17.15.1.32) for the render test;
/// `noticeBodyPages` > 0: the page it computed the last bound appendix to end on
/// (bangfu.noticeBodyPages), after which the 版记 follows.
std::string settingsPart(int noticeTextPages = 0, int noticeBodyPages = 0);
std::string fontTablePart();

enum class FooterSide { Odd, Even };
/// GB/T 9704-2012 7.5: "— N —" in 4号宋体, odd pages right and even pages left, 空一字.
std::string footerPart(FooterSide side);
/// GB/T 9704-2012 7.5: a footer with one empty paragraph, no page number (ECMA-376 17.10.5).
std::string blankFooterPart();
/// GB/T 9704-2012 8 (spec rule 25): the footer of a landscape section. Its only
/// paragraph is empty and anchors a text box in the left margin, placed relative
/// to the page, whose text is rotated 90° clockwise and holds footerPart's
/// paragraph: turned back to portrait, the number sits where rule 18 puts it
/// (odd: bottom-left of the landscape page, even: top-left). The box is written
/// as Word writes one: DrawingML (wps, bodyPr vert="vert") in mc:Choice and the
/// same box in VML (layout-flow:vertical) in mc:Fallback (ECMA-376 Part 3).
std::string landscapeFooterPart(FooterSide side);

/// Our styles.xml: docDefaults, Normal (3号仿宋 on the 579 grid, condensed for 28
/// per line) and the named styles the document part refers to.
std::string stylesPart(const StyleUse& use);

/// pandoc --reference-doc: the reference DOCX's styles.xml, plus those of our
/// styles (by styleId) it does not define. Throws std::runtime_error naming the
/// file when it cannot be read or holds no parsable word/styles.xml.
std::string referenceStylesPart(const std::string& referenceDoc, const std::string& ours);

/// What writeDocumentPart computed of the whole notice's pages (GB/T 9704-2012 7.5).
struct DocumentPagination {
  /// The page the last appendix bound after the text ends on (notice_appendix_pages.hpp);
  /// 0 without a text or without appendices.
  int bodyPages = 0;
};

/// Streams word/document.xml into `zip` (which has no open part on entry).
/// Throws std::invalid_argument when a table lists more cells than its columns hold.
DocumentPagination writeDocumentPart(const doc::Notice& notice, const DocxOptions& options, ZipWriter& zip,
                                     StyleUse& use);

/// ISO 8601 UTC (W3CDTF) of a Unix time: 2019-05-30T00:00:00Z.
std::string w3cdtf(long long epoch);

}  // namespace bangfu::docx
