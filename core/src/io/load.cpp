#include <algorithm>
#include <cctype>

#include "bangfu/io/scheme_io.hpp"
#include "io/io_detail.hpp"

namespace bangfu::io {

namespace {

/// A scheme with no record at all renders appendices with empty tables (附件-.docx):
/// that is a mistake, said once with what to fill in, not a success.
void checkNotEmpty(const model::Scheme& s, const std::string& path, bool workbook, diag::Diagnostics& diags) {
  if (!s.areas.empty() || !s.units.empty() || !s.people.empty() || !s.teams.empty() || !s.pairings.empty() ||
      !s.committees.empty())
    return;
  if (workbook) {
    diags.error(
        "scheme.empty", {path, "", 0, 0, ""},
        "工作簿里没有可生成附件的数据：区划、单位、人员、团组、结对、领导小组各表都没有数据行（示例不算数据"
        "）",
        "the workbook holds nothing to render: the sheets \"区划\", \"单位\", \"人员\", \"团组\", \"结对\" "
        "and \"领导小组\" have no "
        "data rows (examples are not data)",
        "从各表第二行起填写实际内容（格式见“示例”表），或用 bangfu init --from 方案.json -o 新工作簿.xlsx "
        "生成已填好的工作簿",
        "fill in the sheets from row 2 (the \"示例\" sheet shows how), or write a filled workbook with "
        "bangfu init --from scheme.json -o new.xlsx");
  } else {
    diags.error(
        "scheme.empty", {path, "", 0, 0, ""},
        "方案里没有可生成附件的数据：areas、units、people、teams、pairings、committees 都是空的",
        "the scheme holds nothing to render: areas, units, people, teams, pairings and committees are all "
        "empty",
        "填写这些数组，格式见 examples/ 中的方案", "fill in these arrays; see the schemes in examples/");
  }
}

}  // namespace

model::Scheme loadScheme(const std::string& path, diag::Diagnostics& diags) {
  model::Scheme s = loadSchemeUnchecked(path, diags);
  const auto dot = path.find_last_of('.');
  const bool workbook =
      dot != std::string::npos && path.substr(dot) != ".json" && path.substr(dot) != ".JSON";
  // A blank or untouched workbook is the clerk's trap; a JSON scheme is written by hand
  // or by a program (test fixtures with no records among them) and is left as it is.
  if (workbook) checkNotEmpty(s, path, workbook, diags);
  return s;
}

model::Scheme loadSchemeUnchecked(const std::string& path, diag::Diagnostics& diags) {
  const auto dot = path.find_last_of('.');
  std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == "json") return loadSchemeJson(path, diags);
  if (ext == "xlsx" || ext == "xlsm") return loadSchemeWorkbook(path, diags);
  detail::fail("io.unknown-format", {path, "", 0, 0, ""}, "无法识别的方案文件类型“." + ext + "”",
               "unknown scheme file type \"." + ext + "\"",
               "方案文件应为 .json 或 .xlsx（bangfu init 生成的工作簿）",
               "a scheme is a .json file or an .xlsx workbook (as bangfu init writes it)");
}

}  // namespace bangfu::io
