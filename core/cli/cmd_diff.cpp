// bangfu diff OLD NEW [-o REPORT.{docx,xlsx}]: the roster change report.
#include <iostream>

#include "bangfu/diff/diff.hpp"
#include "bangfu/io/scheme_io.hpp"
#include "bangfu/output/outputs.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "commands.hpp"
#include "help.hpp"

namespace bangfu::cli {

int runDiff(const std::vector<std::string>& argv) {
  using Poco::Util::Option;
  Poco::Util::OptionSet options;
  options.addOption(Option("output", "o", "write the 变更对照表 to REPORT.docx or REPORT.xlsx")
                        .required(false)
                        .repeatable(true)
                        .argument("REPORT"));
  options.addOption(
      Option("old-label", "", "the old version's name in the report").required(false).argument("L"));
  options.addOption(
      Option("new-label", "", "the new version's name in the report").required(false).argument("L"));
  const Args args = parseArgs(argv, options);
  if (args.positional.size() != 2)
    throw UsageError("需要两个方案：旧版 新版", "two schemes expected: OLD NEW");
  std::vector<output::Target> targets;
  const auto reports = args.all("output");
  for (const auto& path : reports) {
    const auto format = output::formatOf(path);
    if (!format || *format == output::Format::Pdf)
      throw UsageError("对照表应为 .docx 或 .xlsx，而不是“" + path + "”",
                       "the report must be .docx or .xlsx, not '" + path + "'");
  }
  diag::Diagnostics diags;
  const model::Scheme before = io::loadScheme(args.positional[0], diags);
  const model::Scheme after = io::loadScheme(args.positional[1], diags);
  if (diags.hasErrors()) {
    printDiagnostics(diags);
    return kBadInput;
  }
  const diff::Report report = diff::compare(before, after);
  std::cout << diff::formatText(report, englishLocale()) << std::flush;
  if (reports.empty()) return kOk;
  diff::ReportLabels labels = diff::defaultLabels(before, after);
  if (args.has("old-label")) labels.before = args.get("old-label");
  if (args.has("new-label")) labels.after = args.get("new-label");
  const doc::Notice notice = diff::reportNotice(report, before, after, labels);
  targets.reserve(reports.size());
  for (const auto& path : reports) targets.push_back(output::Target{path, *output::formatOf(path), &notice});
  output::Options outOptions;
  outOptions.docx.epoch = outOptions.xlsx.epoch = util::outputEpoch(after.notice.date);
  diag::Diagnostics writeDiags;
  output::writeAll(targets, outOptions, writeDiags);
  printDiagnostics(writeDiags);
  if (writeDiags.hasErrors()) return kInternal;
  for (const auto& path : reports) std::cerr << writtenLine(path, true, englishLocale()) << '\n';
  return kOk;
}

}  // namespace bangfu::cli
