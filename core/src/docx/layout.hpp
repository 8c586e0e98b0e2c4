#pragma once
/// GB/T 9704-2012 layout constants for the DOCX writer (shared/spec/gbt9704.md §1).
/// Units: twips (1/20 pt; 1 mm = 56.693 tw), w:sz in half-points, border w:sz in
/// eighths of a point. Every value cites its clause; docs/typesetting.md lists
/// them with how each is verified.

namespace bangfu::docx::layout {

// ---- Page (spec §1 rules 1–4) ------------------------------------------------
constexpr int kPageWidthTwips = 11906;    // GB/T 9704-2012 5.1: A4 210 mm
constexpr int kPageHeightTwips = 16838;   // GB/T 9704-2012 5.1: A4 297 mm
constexpr int kMarginTopTwips = 2098;     // GB/T 9704-2012 5.2.1: 天头 37 mm
constexpr int kMarginLeftTwips = 1587;    // GB/T 9704-2012 5.2.1: 订口 28 mm
constexpr int kMarginRightTwips = 1474;   // 5.2.1: 版心 156 mm wide → 210 − 28 − 156 = 26 mm
constexpr int kMarginBottomTwips = 1984;  // 5.2.1: 版心 225 mm high → 297 − 37 − 225 = 35 mm
constexpr int kTextWidthTwips = kPageWidthTwips - kMarginLeftTwips - kMarginRightTwips;
constexpr int kTextHeightTwips = kPageHeightTwips - kMarginTopTwips - kMarginBottomTwips;
static_assert(kTextWidthTwips == 8845, "版心 156 mm (spec rule 4)");
static_assert(kTextHeightTwips == 12756, "版心 225 mm (spec rule 4)");

/// GB/T 9704-2012 7.5: the page-number dash sits 7 mm below the 版心. With the
/// footer paragraph of FooterStyle this distance renders the dash 6.9 mm below it
/// in LibreOffice 7.4 (spec §1a; measured again by tests/render).
constexpr int kFooterTwips = 1446;
/// No header part is written; Word's default distance keeps the field sane if a
/// user adds one.
constexpr int kHeaderTwips = 851;

// Rule 25 (GB/T 9704-2012 8): a landscape page keeps the 版心 on the same spot of
// the paper, so the margins rotate with it (the portrait top becomes the left …).
constexpr int kLandscapeMarginTopTwips = kMarginLeftTwips;      // 1587
constexpr int kLandscapeMarginRightTwips = kMarginTopTwips;     // 2098
constexpr int kLandscapeMarginBottomTwips = kMarginRightTwips;  // 1474
constexpr int kLandscapeMarginLeftTwips = kMarginBottomTwips;   // 1984
constexpr int kLandscapeTextWidthTwips =
    kPageHeightTwips - kLandscapeMarginLeftTwips - kLandscapeMarginRightTwips;
constexpr int kLandscapeTextHeightTwips =
    kPageWidthTwips - kLandscapeMarginTopTwips - kLandscapeMarginBottomTwips;
static_assert(kLandscapeTextHeightTwips == kTextWidthTwips, "版心 156 mm high, turned (spec rule 25)");
static_assert(kLandscapeTextWidthTwips == 12756, "版心 225 mm across (spec rule 25)");
/// The landscape footers hold only the anchor of the rotated page number below
/// (§6 check 18: no text in the landscape bottom margin). This footer distance
/// keeps that empty anchor paragraph as far below the 版心 as the portrait
/// footer line is: 1474 − (1984 − 1446) = 936.
constexpr int kLandscapeFooterTwips = kLandscapeMarginBottomTwips - (kMarginBottomTwips - kFooterTwips);

// ---- Grid and body text (spec §1 rules 5–7, 10) ------------------------------
/// GB/T 9704-2012 5.2.3: 22 lines fill the 版心; 580 would overflow (rule 5).
constexpr int kLinesPerPage = 22;
constexpr int kLinePitchTwips = 579;
static_assert(kLinesPerPage * kLinePitchTwips <= kTextHeightTwips, "22 lines fit");
static_assert(kLinesPerPage * (kLinePitchTwips + 1) > kTextHeightTwips, "580 overflows");

/// GB/T 9704-2012 5.2.2: 3号 (16 pt) body text.
constexpr int kBodyHalfPoints = 32;
/// GB/T 9704-2012 5.2.3: 28 characters per line. 28 × 16 pt exceeds 442.25 pt, so
/// the Normal style condenses each character by 0.25 pt (rule 6, form (b): Word and
/// LibreOffice both render 28).
constexpr int kCharsPerLine = 28;
constexpr int kBodyCharSpacingTwips = -5;
constexpr int kBodyCharTwips = kBodyHalfPoints * 10;  // one 字 at 3号 = 320 tw
static_assert(kCharsPerLine * (kBodyCharTwips + kBodyCharSpacingTwips) <= kTextWidthTwips,
              "28 condensed characters fit");
static_assert((kCharsPerLine + 1) * (kBodyCharTwips + kBodyCharSpacingTwips) > kTextWidthTwips,
              "and no 29th");

/// GB/T 9704-2012 7.3.3: paragraphs start two 字 in.
constexpr int kFirstLineIndentTwips = 2 * kBodyCharTwips;  // 640

/// GB/T 9704-2012 7.3.1 (practice, spec rule 8): the title is 2号 (22 pt).
constexpr int kTitleHalfPoints = 44;

// ---- Page number (spec rule 18) ------------------------------------------------
/// GB/T 9704-2012 7.5: 4号 (14 pt) 宋体 digits.
constexpr int kFooterHalfPoints = 28;
/// GB/T 9704-2012 7.5: 空一字 from the 版心 edge, one 4号 character.
constexpr int kFooterSideIndentTwips = kFooterHalfPoints * 10;  // 280

/// The footer line is set exactly at the 4号 size: the footer must fit in the
/// 1984 − 1446 = 538 tw under the 版心, or LibreOffice lifts the body's bottom
/// and line 22 no longer fits (a 579 line did that). Renders the dash centre
/// 7.0 mm below the 版心 (tests/render, docs/typesetting.md).
constexpr int kFooterLineTwips = kFooterHalfPoints * 10;  // 280
static_assert(kFooterLineTwips < kMarginBottomTwips - kFooterTwips, "footer fits under the 版心");

// ---- Landscape page number (spec rule 25) ---------------------------------------
// GB/T 9704-2012 8: on an A4 landscape table page the page number keeps the place
// it has on the portrait pages of the bound document. The sheet turns back to
// portrait with its landscape top edge on the 订口 (left) side (spec rule 25), so
// the landscape point (x, y) lands on the portrait point (y, 16838 − x): the
// portrait foot is the landscape left edge and the portrait right edge is the
// landscape bottom edge. The page number is therefore a text box in the left
// margin whose text is rotated 90° clockwise (DrawingML bodyPr vert="vert",
// ECMA-376 20.1.10.83): it holds the portrait footer paragraph (rule 18) unchanged,
// and the box is the portrait footer line turned with the paper.
/// Its left edge: the portrait footer line's bottom lies w:footer = 1446 above the
/// paper's bottom edge, so the box starts 1446 right of the landscape left edge.
constexpr int kLandscapePageNumberLeftTwips = kFooterTwips;  // 1446
/// Its width across the text: one footer line (FooterStyle's exact 280).
constexpr int kLandscapePageNumberWidthTwips = kFooterLineTwips;  // 280
/// Its top and length along the text: the 版心's height on the landscape page,
/// which is the portrait 版心 width the footer paragraph spans (7.5: 空一字 from
/// the 版心 edge is then the paragraph's 280 indent, as on portrait pages).
constexpr int kLandscapePageNumberTopTwips = kLandscapeMarginTopTwips;  // 1587
constexpr int kLandscapePageNumberLengthTwips =
    kPageWidthTwips - kLandscapeMarginTopTwips - kLandscapeMarginBottomTwips;  // 8845
static_assert(kLandscapePageNumberLengthTwips == kTextWidthTwips, "the portrait 版心 width, turned");
static_assert(kLandscapePageNumberLeftTwips + kLandscapePageNumberWidthTwips < kLandscapeMarginLeftTwips,
              "the box lies in the left margin, outside the 版心 (5.2.1: page number outside it)");
/// GB/T 9704-2012 7.5: the centre of the number's line lies 1984 − (1446 + 140) =
/// 398 tw = 7.0 mm outside the 版心, as it lies below the 版心 on portrait pages.
static_assert(kLandscapeMarginLeftTwips -
                      (kLandscapePageNumberLeftTwips + kLandscapePageNumberWidthTwips / 2) ==
                  kMarginBottomTwips - (kFooterTwips + kFooterLineTwips / 2),
              "same distance from the 版心 as the portrait page number");
/// ECMA-376 20.1.2.1 (ST_Coordinate): 914400 EMU per inch, 1440 twips per inch.
constexpr long long kEmuPerTwip = 635;

// ---- Tables (spec §2 "Tables") -------------------------------------------------
/// GB/T 9704 sets no table size; practice runs 3号 to 小四 (spec §2). 4号 (14 pt)
/// holds a 团组单位 list legibly while a portrait row still takes ~30 字 a line.
constexpr int kTableDefaultHalfPoints = 28;
/// Table lines are set exactly at 10/7 of the font size (4号 → 20 pt) and off the
/// document grid (snapToGrid 0): on the 579-tw grid every 14-pt line would take a
/// whole 28.95-pt grid line (docs/typesetting.md "Tables").
constexpr int kTableLineNumerator = 10;
constexpr int kTableLineDenominator = 7;
constexpr int tableLineTwips(int halfPoints) {
  return (halfPoints * 10 * kTableLineNumerator + kTableLineDenominator / 2) / kTableLineDenominator;
}
static_assert(tableLineTwips(28) == 400, "4号 → 20 pt lines");
/// Single 0.5-pt rules (ECMA-376 17.4.38 w:sz in eighths of a point).
constexpr int kTableBorderEighths = 4;
/// The same rule in twips (0.5 pt), for the height a row takes on the page.
constexpr int kTableRuleTwips = kTableBorderEighths * 20 / 8;
/// Cell padding: 1.5 mm either side, 0.5 mm above and below.
/// The sides (1.5 mm, 1 mm in dense tables) come from bangfu::layout::tableMetrics,
/// which the XLSX writer shares.
constexpr int kCellMarginSideTwips = 85;
constexpr int kCellMarginTopBottomTwips = 28;

// ---- Section-end paragraph ---------------------------------------------------------
/// The empty paragraph that carries a section break after a table is set 1 pt
/// high, so it never pushes a blank page after a table that ends a page.
constexpr int kBreakParagraphLineTwips = 20;
constexpr int kBreakParagraphHalfPoints = 2;

// ---- Faces (spec rules 7–9, 15, 18) ------------------------------------------------
constexpr const char* kFontFang = "仿宋_GB2312";       // GB/T 9704-2012 5.2.2: body 仿宋
constexpr const char* kFontHei = "黑体";               // 7.3.3 一、 headings; 7.3.7 附件 label
constexpr const char* kFontKai = "楷体_GB2312";        // 7.3.3 （一） headings
constexpr const char* kFontSong = "宋体";              // 7.5 page numbers
constexpr const char* kFontTitle = "方正小标宋简体";   // 7.3.1 title (practice, rule 8)
constexpr const char* kFontLatin = "Times New Roman";  // ascii/hAnsi by practice (spec §4)

}  // namespace bangfu::docx::layout
