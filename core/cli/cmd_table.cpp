// bangfu table DATA -o OUT: the generic appendix table for any data.
#include <cstdlib>
#include <iostream>

#include "bangfu/output/outputs.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "commands.hpp"
#include "help.hpp"
#include "table_builder.hpp"

namespace bangfu::cli {

int runTable(const std::vector<std::string>& argv) {
  Poco::Util::OptionSet options;
  options.addOption(
      Poco::Util::Option("output", "o", "OUT.docx, OUT.xlsx or OUT.pdf").argument("OUT").repeatable(true));
  options.addOption(Poco::Util::Option("title", "t", "table title").argument("T"));
  options.addOption(Poco::Util::Option("label", "l", "appendix label, 附件N").argument("LABEL"));
  options.addOption(Poco::Util::Option("landscape", "L", "landscape page"));
  options.addOption(
      Poco::Util::Option("total", "T", "add a 合计 row summing COLUMN").argument("COLUMN").repeatable(true));
  options.addOption(Poco::Util::Option("notes", "n", "说明 notes, one per line").argument("FILE"));
  options.addOption(Poco::Util::Option("sheet", "S", "worksheet of an XLSX input").argument("NAME"));
  options.addOption(Poco::Util::Option("date", "D", "成文日期 for document dates").argument("DATE"));
  options.addOption(
      Poco::Util::Option("header-row", "H", "the sheet row the header starts in (detected by default)")
          .argument("R"));
  options.addOption(
      Poco::Util::Option("header-rows", "N", "rows of the header, 1-3 (detected by default)").argument("N"));
  options.addOption(Poco::Util::Option("include-hidden", "I", "keep hidden rows and columns"));
  const Args args = parseArgs(argv, options);
  if (args.positional.size() != 1)
    throw UsageError("需要且只需要一个数据文件", "needs exactly one DATA file");
  const auto outputs = args.all("output");
  if (outputs.empty())
    throw UsageError("需要用 -o 指定输出文件（.docx、.xlsx 或 .pdf）",
                     "needs -o OUT.docx, OUT.xlsx or OUT.pdf");
  std::vector<output::Format> formats;
  for (const auto& o : outputs) {
    const auto f = output::formatOf(o);
    if (!f)
      throw UsageError("看不出“" + o + "”的格式（用 .docx、.xlsx 或 .pdf）",
                       "cannot tell the format of '" + o + "' (use .docx, .xlsx or .pdf)");
    formats.push_back(*f);
  }

  const std::string data = args.positional[0];
  TableRequest request;
  request.title = args.get("title");
  request.titleGiven = args.has("title");
  auto count = [&](const std::string& name, int lo, int hi) {
    if (!args.has(name)) return 0;
    const std::string v = args.get(name);
    char* end = nullptr;
    const long n = std::strtol(v.c_str(), &end, 10);
    if (v.empty() || *end != '\0' || n < lo || n > hi)
      throw UsageError("--" + name + " 应为 " + std::to_string(lo) + " 到 " + std::to_string(hi) +
                           " 的数，而不是“" + v + "”",
                       "--" + name + " needs a number from " + std::to_string(lo) + " to " +
                           std::to_string(hi) + ", not '" + v + "'");
    return static_cast<int>(n);
  };
  request.headerRow = count("header-row", 1, 1048576);
  request.headerRows = count("header-rows", 1, 3);
  request.includeHidden = args.has("include-hidden");
  if (request.title.empty()) {
    const auto slash = data.find_last_of('/');
    const std::string base = slash == std::string::npos ? data : data.substr(slash + 1);
    request.title = base.substr(0, base.find_last_of('.'));
  }
  request.label = args.get("label", "附件");
  request.landscape = args.has("landscape");
  request.totals = args.all("total");
  if (args.has("notes")) {
    const std::string text = util::readFile(args.get("notes"));
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t end = text.find('\n', pos);
      if (end == std::string::npos) end = text.size();
      std::string line = text.substr(pos, end - pos);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) request.notes.push_back(line);
      pos = end + 1;
    }
  }

  std::string dataTitle;
  diag::Diagnostics diags;
  io::Sheet sheet = readTableData(data, args.get("sheet"), diags, &dataTitle);
  if (!args.has("title") && !dataTitle.empty()) {
    request.title = dataTitle;
    request.titleGiven = true;
  }
  doc::Notice notice;
  notice.date = args.get("date");
  notice.appendices.push_back(buildTable(sheet, request, diags));
  // The model holds what is printed: the sheet is freed before writing, so the
  // writers' peak memory is not both (issue 16: XLSX peak RSS at 20000 rows).
  sheet = io::Sheet{};
  if (diags.hasErrors()) {
    printDiagnostics(diags);
    std::cerr << (englishLocale() ? "nothing written\n" : "未写出任何文件\n");
    return kBadInput;
  }
  output::Options writeOptions;
  writeOptions.docx.epoch = writeOptions.xlsx.epoch = util::outputEpoch(notice.date);
  std::vector<output::Target> targets;
  for (std::size_t i = 0; i < outputs.size(); ++i) targets.push_back({outputs[i], formats[i], &notice});
  const auto written = output::writeAll(targets, writeOptions, diags);
  keepUntilExit(std::move(notice));
  printDiagnostics(diags);
  if (diags.hasErrors()) return kBadInput;
  for (const auto& w : written) std::cout << writtenLine(w.path, w.changed, englishLocale()) << '\n';
  return kOk;
}

}  // namespace bangfu::cli
