#pragma once
// The notice rules that are not heading numbers (docs/notice.md "Checks").
#include <string>
#include <vector>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/doc/notice_text.hpp"
#include "bangfu/model/scheme.hpp"
#include "bangfu/notice/source.hpp"

namespace bangfu::notice {

/// GB/T 9704-2012 7.3.4: the source's 附件说明 must name the scheme's appendices, in order.
void checkAttachments(const std::vector<std::string>& written, const std::vector<std::string>& appendices,
                      const diag::Location& where, diag::Diagnostics& diags);

/// Quoted 文号 with other brackets than 〔〕 (7.2.5) and dates with padded or
/// two-digit parts (7.3.5.4, GB/T 15835) inside a paragraph, located by column.
void checkBodyText(const std::string& text, const diag::Location& where, diag::Diagnostics& diags);

/// A date setting (印发日期) in the 2019年5月30日 form (7.4.3).
void checkDateSetting(const std::string& value, const diag::Location& where, const std::string& key,
                      const std::string& clause, diag::Diagnostics& diags);

/// An explicit printed title must still carry the scheme's title (7.3.1: 发文机关名称、事由和文种).
void checkTitleCarriesScheme(const std::string& printed, const std::string& schemeTitle,
                             const diag::Location& where, diag::Diagnostics& diags);

/// 主送 where the notice needs one (7.3.2), a 版头 with 发文机关标志 (7.2.4).
void checkHead(const model::Scheme& scheme, const doc::NoticeText& text, diag::Diagnostics& diags);

/// Characters the body face (仿宋_GB2312) cannot set: outside GB 2312, by ICU's converter.
void checkGlyphs(const Source& source, diag::Diagnostics& diags);

}  // namespace bangfu::notice
