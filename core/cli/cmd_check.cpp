// bangfu check SCHEME [--plugin ID]: every problem of a scheme, with its place.
#include <iostream>

#include "commands.hpp"
#include "scheme_job.hpp"

namespace bangfu::cli {

int runCheck(const std::vector<std::string>& argv) {
  Poco::Util::OptionSet options;
  options.addOption(Poco::Util::Option("plugin", "p", "plugin id or module path").argument("ID"));
  const Args args = parseArgs(argv, options);
  if (args.positional.size() != 1) throw UsageError("需要且只需要一个方案文件", "needs exactly one SCHEME");
  plugin::PluginHost host;
  SchemeJob job;
  if (const int rc = loadSchemeJob(args.positional[0], args.get("plugin"), host, job); rc != kOk) return rc;
  printDiagnostics(job.diags);
  const bool en = englishLocale();
  if (job.diags.empty()) std::cerr << args.positional[0] << (en ? ": no problems\n" : "：未发现问题\n");
  if (job.pluginId.empty())
    std::cerr << (en ? "note: no plugin named; only the core rules ran\n" : "提示：未指定插件，只检查了通用规则\n");
  return job.diags.hasErrors() ? kBadInput : kOk;
}

}  // namespace bangfu::cli
