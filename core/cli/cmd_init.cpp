// bangfu init: writes the input workbook a clerk fills in (docs/workbook.md),
// blank or filled from a scheme, so that `check`/`render` can read it back.
#include <iostream>

#include "bangfu/io/scheme_io.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "commands.hpp"

namespace bangfu::cli {

namespace {

Poco::Util::OptionSet initOptions() {
  using Poco::Util::Option;
  Poco::Util::OptionSet options;
  options.addOption(Option("output", "o", "the workbook to write (.xlsx)").required(false).repeatable(false).argument("WORKBOOK"));
  options.addOption(Option("plugin", "p", "plugin id recorded in the 通知 sheet").required(false).repeatable(false).argument("ID"));
  options.addOption(Option("from", "f", "fill the sheets from this scheme (.json or .xlsx)")
                        .required(false)
                        .repeatable(false)
                        .argument("SCHEME"));
  return options;
}

bool endsWithXlsx(const std::string& path) {
  return path.size() > 5 && path.compare(path.size() - 5, 5, ".xlsx") == 0;
}

}  // namespace

int runInit(const std::vector<std::string>& argv) {
  const Args args = parseArgs(argv, initOptions());
  if (!args.positional.empty()) throw UsageError("unexpected argument '" + args.positional.front() + "'");
  const std::string out = args.get("output");
  if (out.empty()) throw UsageError("-o WORKBOOK.xlsx is required");
  if (!endsWithXlsx(out)) throw UsageError("the workbook must end in .xlsx: '" + out + "'");

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
  }
  options.epoch = util::outputEpoch(scheme.notice.date);
  io::writeInputWorkbook(out, options);
  return kOk;
}

}  // namespace bangfu::cli
