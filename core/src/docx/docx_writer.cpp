#include "bangfu/docx/docx_writer.hpp"

#include <algorithm>

#include "docx/notice_pagination.hpp"
#include "docx/parts.hpp"
#include "zip/zip_writer.hpp"

namespace bangfu::docx {

// The packager (libxlsxwriter packager.c pattern): every part in one fixed order,
// so the same notice and options give the same bytes.
std::string writeDocx(const doc::Notice& notice, const DocxOptions& options) {
  StyleUse use;
  // Rule 25: landscape sections get their own footers (the rotated page number).
  const bool landscape =
      std::any_of(notice.appendices.begin(), notice.appendices.end(),
                  [](const doc::Appendix& a) { return a.orientation == doc::Orientation::Landscape; });
  // GB/T 9704-2012 7.5: a blank page before the 版记 → both pages without a number.
  // After bound appendices that is known only once they are written (after the
  // content types), so the empty footer is packed whenever it may be needed.
  const ImprintPlacement imprint =
      placeImprint(options.text, !notice.appendices.empty(), options.firstPageNumber);
  const bool blankFooter = imprint.unnumbered || imprint.decidedAfterAppendices;
  ZipWriter zip(options.epoch);
  zip.addPart(part::kContentTypes, contentTypesPart(landscape, blankFooter));
  zip.addPart(part::kRootRels, rootRelsPart());
  zip.addPart(part::kCore, corePropsPart(notice, options.epoch));
  zip.addPart(part::kApp, appPropsPart());
  const DocumentPagination pagination = writeDocumentPart(notice, options, zip, use);
  zip.addPart(part::kDocumentRels, documentRelsPart(landscape, blankFooter));
  const std::string ours = stylesPart(use);
  zip.addPart(part::kStyles,
              options.referenceDoc.empty() ? ours : referenceStylesPart(options.referenceDoc, ours));
  zip.addPart(part::kSettings, settingsPart(imprint.textPages, pagination.bodyPages));
  zip.addPart(part::kFontTable, fontTablePart());
  zip.addPart(part::kFooterOdd, footerPart(FooterSide::Odd));
  zip.addPart(part::kFooterEven, footerPart(FooterSide::Even));
  if (landscape) {
    zip.addPart(part::kFooterLandscapeOdd, landscapeFooterPart(FooterSide::Odd));
    zip.addPart(part::kFooterLandscapeEven, landscapeFooterPart(FooterSide::Even));
  }
  if (blankFooter) zip.addPart(part::kFooterBlank, blankFooterPart());
  return zip.finish();
}

}  // namespace bangfu::docx
