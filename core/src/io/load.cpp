#include <algorithm>
#include <cctype>

#include "bangfu/io/scheme_io.hpp"
#include "io/io_detail.hpp"

namespace bangfu::io {

model::Scheme loadScheme(const std::string& path, diag::Diagnostics& diags) {
  const auto dot = path.find_last_of('.');
  std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == "json") return loadSchemeJson(path, diags);
  if (ext == "xlsx" || ext == "xlsm") return loadSchemeWorkbook(path, diags);
  detail::fail("io.unknown-format", {path, "", 0, 0, ""}, "无法识别的方案文件类型“." + ext + "”",
               "unknown scheme file type \"." + ext + "\"", "方案文件应为 .json 或 .xlsx（bangfu init 生成的工作簿）");
}

}  // namespace bangfu::io
