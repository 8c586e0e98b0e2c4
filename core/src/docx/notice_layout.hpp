#pragma once
/// GB/T 9704-2012 ch. 7 layout constants of the notice itself (版头, 主体, 版记), beside
/// layout.hpp's page, grid and appendix constants. Units as there: twips, w:sz in
/// half-points, border w:sz in eighths of a point. docs/notice.md lists every rule
/// with its clause and how the render test measures it.
#include "docx/layout.hpp"

namespace bangfu::docx::notice_layout {

using layout::kBodyCharTwips;
using layout::kLinePitchTwips;
using layout::kTextHeightTwips;
using layout::kTextWidthTwips;

// ---- 版头 (7.2) -------------------------------------------------------------------
/// 7.2.1 份号 (3号 Arabic digits), 7.2.2 密级和保密期限 and 7.2.3 紧急程度 (3号黑体):
/// 顶格 at the 版心's top left, one grid line each, in that order from the first line
/// down (7.2.3: 按照份号、密级和保密期限、紧急程度的顺序自上而下分行排列). The spacer
/// above the 发文机关标志 is shortened by their lines, so the mark stays at 35 mm.
constexpr int kHeadMarkLineTwips = kLinePitchTwips;
constexpr int kHeadMarkIndentTwips = 0;  // 顶格
/// 7.2.4: the 发文机关标志's upper edge lies 35 mm below the 版心's upper edge.
constexpr int kMarkTopMm = 35;
constexpr int kMarkTopTwips = 1984;  // 35 mm × 56.693
/// In an exact line of one em, LibreOffice 7.4 draws Noto Serif CJK's ideographs
/// 3 % of the em above the line's top (measured by tests/render/test_notice_render.py:
/// 33.0 mm with an inset of +12 %), so the spacer above the mark is longer by it.
constexpr int kMarkGlyphInsetPerMille = -30;  // of the mark's em
/// 7.2.4: 推荐使用小标宋体字，颜色为红色. The standard sets no size; practice sets a
/// single-line mark in 小初 (36 pt) at most and shrinks a long name to fit the 版心
/// width, so the size is the largest that fits, capped here [P].
constexpr int kMarkMaxHalfPoints = 72;
/// 7.2.4: stacked joint issuers with 文件 to their right, centred on them: one 字 of
/// the mark's size between the names and 文件 [P].
constexpr int kWenjianGapChars = 1;
/// Between stacked issuer lines: a quarter of the mark's em [P].
constexpr int kMarkLineGapPerMille = 250;
/// 7.2.4, 7.2.7: red (GB/T 9704-2012 5.2.4: 特定情况 red for 版头).
constexpr const char* kRed = "FF0000";

/// 7.2.5: 发文字号 编排在发文机关标志下空二行位置.
constexpr int kDocNumberGapLines = 2;
/// 7.2.5: with 签发人 (上行文) the 发文字号 sits 居左空一字; 7.2.6: 签发人 居右空一字.
constexpr int kSignerSideTwips = kBodyCharTwips;
/// 7.2.6: 一般每行排两个姓名.
constexpr int kSignersPerLine = 2;
/// The 发文字号 takes one line of the grid (5.2.3), as every line of text does.
constexpr int kDocNumberLineTwips = kLinePitchTwips;
/// 7.2.7: 发文字号之下 4 mm 处 … 红色分隔线, as wide as the 版心. w:space is in whole
/// points (ECMA-376 17.3.1.42) below the 579-tw line: 8 pt renders the rule 4.1 mm
/// below the glyphs' bottom in LibreOffice 7.4 (11 pt: 5.1 mm; measured by the
/// render test, which allows ±0.5 mm).
constexpr int kSeparatorSpacePoints = 8;
/// The separator's weight: the standard sets none; 0.35 mm (1 pt) as the 版记's thick
/// rules (7.4.1) [P].
constexpr int kSeparatorEighths = 8;

// ---- 主体 (7.3) ---------------------------------------------------------------------
/// 7.3.1: 标题 … 编排于红色分隔线下空二行位置.
constexpr int kTitleGapLines = 2;
/// 7.3.1: 2号 (22 pt) characters per 版心 line: 8845 / 440 = 20.
constexpr int kTitleCharsPerLine = kTextWidthTwips / (layout::kTitleHalfPoints * 10);
static_assert(kTitleCharsPerLine == 20, "20 2号 characters across the 版心");
/// 7.3.2: 主送机关 编排于标题下空一行位置，居左顶格.
constexpr int kRecipientsGapLines = 1;
/// 7.3.4: 附件说明 在正文下空一行左空二字; names after 附件： (three 字) and the number.
constexpr int kAttachmentGapLines = 1;
constexpr int kAttachmentIndentChars = 2;
constexpr int kAttachmentLabelChars = 3;  // 附件：
/// 7.3.5.1: 加盖印章 — 成文日期一般右空四字; the 署名 centred over the date; the seal's
/// top within one line of the text: two empty lines, then 署名 and date in the seal's
/// lower half (a 42 mm seal spans about four lines) [D].
constexpr int kSealedDateRightChars = 4;
constexpr int kSealedGapLines = 2;
/// 7.3.5.2: 不加盖印章 — 正文（或附件说明）下空一行右空二字编排署名; the date on the next
/// line, its first character two 字 right of the 署名's; a longer date sits 右空二字.
constexpr int kUnsealedGapLines = 1;
constexpr int kUnsealedNameRightChars = 2;
constexpr int kUnsealedDateShiftChars = 2;
/// 7.3.6: 附注 居左空二字加圆括号 on the line after the date (the body's 640 indent).
constexpr int kAnnotationIndentTwips = layout::kFirstLineIndentTwips;

// ---- 版记 (7.4) ---------------------------------------------------------------------
/// 7.4.2, 7.4.3: 4号 (14 pt) 仿宋.
constexpr int kImprintHalfPoints = 28;
constexpr int kImprintCharTwips = kImprintHalfPoints * 10;  // 280
/// 7.4.2: 左右各空一字; wrapped lines align after 抄送：(three 字).
constexpr int kImprintSideTwips = kImprintCharTwips;
constexpr int kCopyToLabelChars = 3;
/// Each 版记 element takes one line of the page's grid.
constexpr int kImprintLineTwips = kLinePitchTwips;
/// 7.4.1: 首条和末条分隔线用粗线（0.35 mm），中间的用细线（0.25 mm）: 1 pt and 0.75 pt.
constexpr int kImprintThickEighths = 8;
constexpr int kImprintThinEighths = 6;
/// 7.4.1: 末条分隔线与公文最后一面的版心下边缘重合: the 版记 sits at the foot of its page,
/// pushed down by a spacer; LibreOffice adds the rules' widths to the rows, so the
/// spacer leaves them room, and room for the 1-pt paragraph Word and LibreOffice need
/// after a final table: the last rule renders 1 pt above the 版心 edge (render test).
constexpr int kImprintRuleAllowanceTwips = 180;

/// Text width in twips of a string at 3号 in the Normal style: 字 320 less the
/// 0.25-pt condensing, half-width digits and Latin 160 (Times New Roman digits).
constexpr int kHalfWidthTwips = layout::kBodyCharTwips / 2;

}  // namespace bangfu::docx::notice_layout
