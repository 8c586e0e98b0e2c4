#pragma once
/// The notice source a clerk writes (docs/notice.md): notice.md beside the scheme,
/// `notice.body` in the scheme JSON, or the 正文 sheet of the input workbook. Parsed
/// into doc::NoticeText with the scheme's metadata (issuers, 发文字号, title, 主送,
/// 成文日期, appendices), which the source does not repeat.
#include <optional>
#include <string>
#include <vector>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/doc/notice_text.hpp"
#include "bangfu/model/scheme.hpp"

namespace bangfu::notice {

/// One line of the source with its place (column 1 = the line's first character).
struct SourceLine {
  std::string text;
  diag::Location where;
};

struct Source {
  std::vector<SourceLine> lines;
};

/// The lines of a notice.md text; `file` names them in diagnostics (file:line:col).
Source sourceFromText(const std::string& text, const std::string& file);

/// The scheme's notice source: notice.md in the scheme's folder, else `notice.body`
/// of a JSON scheme (a string of lines, an array of paragraphs, or the path of a
/// .md file beside the scheme), else the 正文 sheet of a workbook scheme. nullopt
/// when there is none (the scheme renders its appendices only). An unreadable
/// source adds an error to `diags` and gives nullopt.
std::optional<Source> findSource(const model::Scheme& scheme, diag::Diagnostics& diags);

/// Parses `source` and checks it against the scheme (heading sequence, 附件说明 against
/// the appendices, 文号 and date forms, 主送, characters outside the body face); every
/// problem goes to `diags`, located in the source. Never throws for bad input.
doc::NoticeText buildNotice(const model::Scheme& scheme, const Source& source, diag::Diagnostics& diags);

/// The 附件说明 titles of the scheme's appendices, in order.
std::vector<std::string> appendixTitles(const model::Scheme& scheme);

}  // namespace bangfu::notice
