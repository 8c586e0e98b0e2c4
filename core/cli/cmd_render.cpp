// bangfu render SCHEME: validate, render with the region's plugin, and write the
// appendices as DOCX/XLSX (and PDF) in one transaction.
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "bangfu/output/outputs.hpp"
#include "bangfu/pdf/convert.hpp"
#include "bangfu/plugin/render.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "bangfu/util/output_folder.hpp"
#include "bangfu/worker/render_worker.hpp"
#include "commands.hpp"
#include "help.hpp"
#include "scheme_job.hpp"

namespace bangfu::cli {

namespace {

/// Screen resolution: a page is legible and the file small.
constexpr int kPreviewDpi = 96;

/// Formats to write, and whether PNG previews were asked for (they are made from
/// the PDF, so png implies pdf).
std::vector<output::Format> parseFormats(const std::string& list, bool& png) {
  std::vector<output::Format> formats;
  png = false;
  std::size_t pos = 0;
  while (pos <= list.size()) {
    const std::size_t next = list.find(',', pos);
    const std::string f = list.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
    if (f == "docx")
      formats.push_back(output::Format::Docx);
    else if (f == "xlsx")
      formats.push_back(output::Format::Xlsx);
    else if (f == "pdf")
      formats.push_back(output::Format::Pdf);
    else if (f == "png")
      png = true;
    else if (!f.empty())
      throw UsageError("没有格式“" + f + "”（可选 docx、xlsx、pdf、png）",
                       "unknown format '" + f + "' (docx, xlsx, pdf, png)");
    if (next == std::string::npos) break;
    pos = next + 1;
  }
  if (png && std::find(formats.begin(), formats.end(), output::Format::Pdf) == formats.end())
    formats.push_back(output::Format::Pdf);
  if (formats.empty())
    throw UsageError("--format 至少要有 docx、xlsx、pdf、png 之一",
                     "--format needs at least one of docx, xlsx, pdf, png");
  return formats;
}

/// A file name an office would use: no path separators or characters Windows rejects.
std::string safeFileName(std::string name) {
  for (const char* bad : {"/", "\\", ":", "*", "?", "\"", "<", ">", "|", "\n"}) {
    for (std::size_t p; (p = name.find(bad)) != std::string::npos;) name.replace(p, std::strlen(bad), "");
  }
  return name;
}

}  // namespace

int runRender(const std::vector<std::string>& argv) {
  Poco::Util::OptionSet options;
  options.addOption(Poco::Util::Option("plugin", "p", "plugin id or module path").argument("ID"));
  options.addOption(Poco::Util::Option("out", "o", "output folder").argument("DIR"));
  options.addOption(Poco::Util::Option("format", "f", "docx,xlsx,pdf,png").argument("LIST"));
  options.addOption(Poco::Util::Option("split", "s", "one file per appendix"));
  options.addOption(Poco::Util::Option("reference-doc", "r", "reference DOCX for styles").argument("FILE"));
  options.addOption(Poco::Util::Option("detached", "d", "detached appendices (GB/T 9704 7.3.7)"));
  options.addOption(Poco::Util::Option("appendices-only", "a", "only the appendices, not the notice itself"));
  const Args args = parseArgs(argv, options);
  if (args.positional.size() != 1) throw UsageError("需要且只需要一个方案文件", "needs exactly one SCHEME");
  bool png = false;
  const auto formats = parseFormats(args.get("format", "docx,xlsx"), png);

  plugin::PluginHost host;
  SchemeJob job;
  job.readNotice = !args.has("appendices-only");
  if (const int rc = loadSchemeJob(args.positional[0], args.get("plugin"), host, job); rc != kOk) return rc;
  // --split without --detached keeps its meaning: one file per appendix, and nothing else.
  const bool appendicesOnly = args.has("appendices-only") || (args.has("split") && !args.has("detached"));
  const doc::NoticeText* text = job.noticeText && !appendicesOnly ? &*job.noticeText : nullptr;
  if (!job.plugin && text == nullptr) {
    printDiagnostics(job.diags);
    std::cerr << (englishLocale()
                      ? "bangfu render: the scheme names no plugin; pass --plugin ID (see `bangfu plugins`)\n"
                      : "bangfu render：方案没有指定插件；请用 --plugin 指定（见 bangfu plugins）\n");
    return kUsage;
  }
  doc::Notice notice;
  // No plugin renders the appendices: the notice alone, its 附件说明 still naming them.
  if (!job.plugin) notice = plugin::noticeWithoutPlugin(job.scheme, job.diags);
  printDiagnostics(job.diags);
  if (job.diags.hasErrors()) {
    std::cerr << (englishLocale() ? "nothing written\n" : "未写出任何文件\n");
    return kBadInput;
  }
  if (job.plugin) {
    try {
      notice = worker::renderNoticeIsolated(job.scheme, *job.plugin, job.pluginId,
                                            host.info(job.pluginId).path, job.appendices);
    } catch (const plugin::PluginError& e) {
      std::cerr << "bangfu render: " << e.text(englishLocale())
                << (englishLocale() ? "\nnothing written\n" : "\n未写出任何文件\n");
      return kInternal;
    }
  }

  const std::string outDir = args.get("out", "out");
  output::Options writeOptions;
  writeOptions.docx.epoch = writeOptions.xlsx.epoch = util::outputEpoch(notice.date);
  writeOptions.docx.referenceDoc = args.get("reference-doc");
  writeOptions.docx.detached = args.has("detached");

  // One notice per output file. With a text: the whole notice (版头 to 版记) with its
  // appendices bound in (7.3.7), or with --detached the notice alone and the
  // appendices in their own files (each alone with --split). Without a text, or with
  // --appendices-only or --split: the appendices, together or each alone.
  std::vector<doc::Notice> parts;
  std::vector<std::string> stems;
  std::vector<const doc::NoticeText*> texts;
  const bool separate = args.has("detached");
  const std::string title = notice.title.empty() ? job.scheme.name : notice.title;
  if (text != nullptr) {
    doc::Notice whole = notice;
    if (separate) whole.appendices.clear();
    parts.push_back(std::move(whole));
    stems.push_back(safeFileName(title));
    texts.push_back(text);
  }
  if (text == nullptr || separate) {
    if (args.has("split")) {
      for (const auto& a : notice.appendices) {
        doc::Notice one = notice;
        one.appendices = {a};
        parts.push_back(std::move(one));
        stems.push_back(safeFileName(a.fileStem));
        texts.push_back(nullptr);
      }
    } else if (!notice.appendices.empty() || text == nullptr) {
      parts.push_back(notice);
      stems.push_back(safeFileName("附件-" + title));
      texts.push_back(nullptr);
    }
  }
  // A name that cannot be a file (a control character from the title) is
  // refused before anything is written, so no torn or extension-less file is left.
  diag::Diagnostics nameDiags;
  for (std::size_t i = 0; i < stems.size(); ++i) {
    const std::string name = stems[i] + ".docx";
    if (const util::PathFault f = util::checkRelativePath(name); f != util::PathFault::None) {
      diag::Location where;
      where.file = job.scheme.file;
      where.field = args.has("split") ? "appendices[" + std::to_string(i) + "].title" : "notice.title";
      nameDiags.error("output.bad-name", where,
                      "输出文件名“" + util::printable(stems[i]) + "”" + util::describe(f, false),
                      "the output file name '" + util::printable(stems[i]) + "' " + util::describe(f, true),
                      "删除标题中的控制字符", "delete the control character from the title");
    }
  }
  if (nameDiags.hasErrors()) {
    printDiagnostics(nameDiags);
    std::cerr << (englishLocale() ? "nothing written\n" : "未写出任何文件\n");
    return kBadInput;
  }
  std::filesystem::create_directories(outDir);
  std::vector<output::Target> targets;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    for (auto f : formats) {
      if (f == output::Format::Xlsx && texts[i] != nullptr) {
        // XLSX holds the appendix tables only: beside the whole notice, their own workbook.
        if (parts[i].appendices.empty()) continue;
        targets.push_back({outDir + "/" + safeFileName("附件-" + title) + ".xlsx", f, &parts[i]});
        continue;
      }
      targets.push_back({outDir + "/" + stems[i] + output::extensionOf(f), f, &parts[i], texts[i]});
    }
  }
  if (targets.empty()) {
    // --format xlsx for a notice whose appendices no plugin renders: XLSX holds
    // appendix tables only, so there is nothing to write.
    std::cerr << (englishLocale() ? "bangfu render: nothing to write: XLSX holds the appendix tables, and no "
                                    "plugin renders them; "
                                    "use --format docx or pdf for the notice\n"
                                  : "bangfu render：没有可写的文件：XLSX "
                                    "只含附件表格，而没有插件排出附件；通知本身请用 --format docx 或 pdf\n");
    return kUsage;
  }
  diag::Diagnostics writeDiags;
  const auto written = output::writeAll(targets, writeOptions, writeDiags);
  printDiagnostics(writeDiags);
  if (writeDiags.hasErrors()) return kBadInput;
  for (const auto& w : written) std::cout << writtenLine(w.path, w.changed, englishLocale()) << '\n';
  if (png) {
    // A preview of every page: <stem>-<N>.png beside the PDF (pdftoppm at 96 dpi).
    for (const auto& stem : stems)
      for (const auto& page : pdf::renderPng(outDir + "/" + stem + ".pdf", outDir + "/" + stem, kPreviewDpi))
        std::cout << (englishLocale() ? "preview   " : "预览   ") << page << '\n';
  }
  return kOk;
}

}  // namespace bangfu::cli
