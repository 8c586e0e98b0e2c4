// bangfu init: writes the input workbook a clerk fills in (docs/workbook.md),
// blank or filled from a scheme, so that `check`/`render` can read it back. The
// plugin (--plugin, else the scheme's) adds its own sheets after 选项.
#include <filesystem>
#include <iostream>

#include "bangfu/io/scheme_io.hpp"
#include "bangfu/notice/source.hpp"
#include "bangfu/plugin/host.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "commands.hpp"
#include "help.hpp"
#include "scheme_job.hpp"

namespace bangfu::cli {

namespace {

Poco::Util::OptionSet initOptions() {
  using Poco::Util::Option;
  Poco::Util::OptionSet options;
  options.addOption(Option("output", "o", "the workbook to write (.xlsx)")
                        .required(false)
                        .repeatable(false)
                        .argument("WORKBOOK"));
  options.addOption(
      Option("plugin", "p", "plugin id or module path: recorded in the 通知 sheet, adds its sheets")
          .required(false)
          .repeatable(false)
          .argument("ID"));
  options.addOption(Option("from", "f", "fill the sheets from this scheme (.json or .xlsx)")
                        .required(false)
                        .repeatable(false)
                        .argument("SCHEME"));
  options.addOption(
      Option("force", "", "replace an existing file (never the one --from reads)").required(false));
  return options;
}

bool endsWithXlsx(const std::string& path) {
  return path.size() > 5 && path.compare(path.size() - 5, 5, ".xlsx") == 0;
}

/// The plugin's sheets into `options` (and its id, when --plugin named a module
/// file). A plugin named by --plugin that is not found is a usage error; one named
/// by the scheme is bad input, located at the scheme's 插件.
int resolvePlugin(const std::string& pluginOption, const model::Scheme& scheme, io::InitOptions& options) {
  const std::string id = pluginOption.empty() ? scheme.plugin : pluginOption;
  if (id.empty()) return kOk;
  plugin::PluginHost host;
  try {
    host.discover();
    options.pluginSheets = host.get(id).inputSheets();
    if (!pluginOption.empty()) options.pluginId = host.info(id).id;
    return kOk;
  } catch (const plugin::PluginError& e) {
    if (!pluginOption.empty() || e.code() != plugin::PluginError::Code::NotFound) {
      std::cerr << "bangfu init: " << e.text(englishLocale()) << '\n';
      return pluginErrorExit(e, !pluginOption.empty());
    }
  }
  std::vector<std::string> ids;
  for (const auto& info : host.list()) ids.push_back(info.id);
  diag::Location where = scheme.pluginWhere;
  if (where.file.empty()) where = {scheme.file, "", 0, 0, "plugin"};
  const std::string near = diag::nearest(id, ids);
  std::string known;
  for (const auto& i : ids) known += (known.empty() ? "" : "、") + i;
  diag::Diagnostics diags;
  diags.error("init.unknown-plugin", where, "找不到方案指定的插件“" + id + "”",
              "the scheme's plugin '" + id + "' is not installed",
              near.empty()
                  ? "已安装的插件：" + (known.empty() ? std::string("无") : known) + "；或用 --plugin 指定"
                  : "是否为“" + near + "”？",
              near.empty() ? "installed plugins: " + (known.empty() ? std::string("none") : known) +
                                 "; or name one with --plugin"
                           : "did you mean \"" + near + "\"?");
  printDiagnostics(diags);
  return kBadInput;
}

/// A filled workbook is a clerk's work: an existing file is replaced only with
/// --force, and the workbook --from reads never (it would be read and replaced
/// by its own copy, and a half-read source would lose rows).
int refuseOverwrite(const std::string& out, const std::string& from, bool force) {
  std::error_code ec;
  if (!std::filesystem::exists(out, ec)) return kOk;
  const bool en = englishLocale();
  if (!from.empty() && std::filesystem::equivalent(out, from, ec)) {
    std::cerr << (en ? "bangfu init: " + out +
                           " is the workbook --from reads; it is never overwritten. Nothing written.\n"
                           "hint: write the new workbook to another file, e.g. -o new.xlsx\n"
                     : "bangfu init：" + out +
                           " 就是 --from 读取的工作簿，不会被覆盖；未写出任何文件\n"
                           "建议：写到另一个文件，如 -o 新工作簿.xlsx\n");
    return kBadInput;
  }
  if (force) return kOk;
  std::cerr << (en ? "bangfu init: " + out +
                         " already exists; nothing written.\n"
                         "hint: choose another file name, or add --force to replace it\n"
                   : "bangfu init：" + out +
                         " 已存在，未写出任何文件\n建议：换一个文件名，或加 --force 覆盖它\n");
  return kBadInput;
}

}  // namespace

int runInit(const std::vector<std::string>& argv) {
  const Args args = parseArgs(argv, initOptions());
  if (!args.positional.empty())
    throw UsageError("多余的参数“" + args.positional.front() + "”",
                     "unexpected argument '" + args.positional.front() + "'");
  const std::string out = args.get("output");
  if (out.empty()) throw UsageError("必须用 -o 指定要写的工作簿（.xlsx）", "-o WORKBOOK.xlsx is required");
  if (!endsWithXlsx(out))
    throw UsageError("工作簿文件名应以 .xlsx 结尾：“" + out + "”",
                     "the workbook must end in .xlsx: '" + out + "'");

  if (const int rc = refuseOverwrite(out, args.get("from"), args.has("force")); rc != kOk) return rc;

  io::InitOptions options;
  options.pluginId = args.get("plugin");
  model::Scheme scheme;
  if (args.has("from")) {
    diag::Diagnostics diags;
    scheme = io::loadScheme(args.get("from"), diags);
    printDiagnostics(diags);
    // A scheme whose form is broken would be copied into the workbook half-read.
    if (diags.hasErrors()) return kBadInput;
    options.from = &scheme;
    // The notice text travels in the 正文 sheet (docs/notice.md "Where the text lives").
    diag::Diagnostics bodyDiags;
    if (const auto source = notice::findSource(scheme, bodyDiags)) {
      for (const auto& l : source->lines) options.bodyLines.push_back(l.text);
    }
    printDiagnostics(bodyDiags);
    if (bodyDiags.hasErrors()) return kBadInput;
  }
  if (const int rc = resolvePlugin(options.pluginId, scheme, options); rc != kOk) return rc;
  options.epoch = util::outputEpoch(scheme.notice.date);
  io::writeInputWorkbook(out, options);
  std::cout << writtenLine(out, true, englishLocale()) << '\n';
  return kOk;
}

}  // namespace bangfu::cli
