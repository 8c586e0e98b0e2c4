#pragma once
// The notice's own elements of word/document.xml (GB/T 9704-2012 ch. 7); the
// document part writes them before the appendices and in the last section.
#include <string>

#include "bangfu/doc/notice_text.hpp"

namespace bangfu::docx {

/// 版头 (7.2), title, 主送, body, 附件说明, 署名 and 成文日期, 附注 (7.3): complete
/// w:p and w:tbl elements, in order.
std::string noticeMainXml(const doc::NoticeText& text);

/// 7.2.4 [P]: the 发文机关标志's size, the largest at which its longest line (with 文件)
/// fits the 版心, at most kMarkMaxHalfPoints.
int markSizeHalfPoints(const doc::NoticeHead& head);

/// 7.2.4–7.2.7: 发文机关标志 (after its 35-mm spacer), 发文字号 with 签发人, the red rule.
std::string headXml(const doc::NoticeHead& head);

/// 7.3.4 附件说明 after its empty line; `keepWithNext` ties it to the 署名 below.
std::string attachmentXml(const doc::AttachmentNote& note, bool keepWithNext);

/// 7.3.5.1/7.3.5.2 署名 and 成文日期 after their empty lines; `keepWithNext` ties the
/// date to the 附注 below it (7.3.6).
std::string signatureXml(const doc::SignatureBlock& signature, bool keepWithNext = false);

/// The lines the 版记 takes (抄送 wrapped at 4号, then 印发机关和印发日期).
int imprintLineCount(const doc::Imprint& imprint);

/// 7.4 版记 at the foot of its own page: a spacer, then the ruled table.
std::string imprintXml(const doc::Imprint& imprint);

}  // namespace bangfu::docx
