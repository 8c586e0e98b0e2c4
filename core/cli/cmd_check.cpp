// bangfu check SCHEME [--plugin ID] [--mark OUT.xlsx]: every problem of a scheme,
// with its place; --mark writes a copy of the workbook with the problem cells marked.
#include <filesystem>
#include <iostream>

#include "bangfu/mark/mark.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "commands.hpp"
#include "scheme_job.hpp"

namespace bangfu::cli {

namespace {

bool hasXlsxExtension(const std::string& path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  return ext == ".xlsx" || ext == ".XLSX" || ext == ".xlsm";
}

/// Writes the marked copy; refuses to write over the workbook it reads.
void writeMarked(const std::string& workbook, const std::string& out, const diag::Diagnostics& diags,
                 bool en) {
  std::error_code ec;
  if (std::filesystem::equivalent(workbook, out, ec))
    throw UsageError(en ? "--mark must name a new file, not the workbook being checked"
                        : "--mark 须指定另一个文件，不能覆盖正在检查的工作簿");
  const auto marked = mark::markWorkbook(util::readFile(workbook), workbook, diags, en);
  util::writeFileAtomic(out, marked.bytes);
  std::cerr << (en ? "marked " : "已标记 ") << marked.cells << (en ? " cell(s): " : " 个单元格：") << out
            << '\n';
}

}  // namespace

int runCheck(const std::vector<std::string>& argv) {
  Poco::Util::OptionSet options;
  options.addOption(Poco::Util::Option("plugin", "p", "plugin id or module path").argument("ID"));
  options.addOption(Poco::Util::Option("mark", "m", "copy of the workbook with the problem cells marked")
                        .argument("OUT.xlsx"));
  const Args args = parseArgs(argv, options);
  if (args.positional.size() != 1) throw UsageError("needs exactly one SCHEME");
  const bool en = englishLocale();
  if (args.has("mark") && !hasXlsxExtension(args.positional[0]))
    throw UsageError(en ? "--mark needs a workbook (.xlsx) to check" : "--mark 只适用于工作簿（.xlsx）");
  if (args.has("mark") && !hasXlsxExtension(args.get("mark")))
    throw UsageError(en ? "--mark needs an .xlsx file name" : "--mark 的文件名须以 .xlsx 结尾");
  plugin::PluginHost host;
  SchemeJob job;
  if (const int rc = loadSchemeJob(args.positional[0], args.get("plugin"), host, job); rc != kOk) return rc;
  printDiagnostics(job.diags);
  if (job.diags.empty()) std::cerr << args.positional[0] << (en ? ": no problems\n" : "：未发现问题\n");
  if (job.pluginId.empty())
    std::cerr << (en ? "note: no plugin named; only the core rules ran\n"
                     : "提示：未指定插件，只检查了通用规则\n");
  if (args.has("mark")) writeMarked(args.positional[0], args.get("mark"), job.diags, en);
  return job.diags.hasErrors() ? kBadInput : kOk;
}

}  // namespace bangfu::cli
