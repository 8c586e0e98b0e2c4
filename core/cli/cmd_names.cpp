// bangfu names sort: sorts the names a clerk pastes in (one a line, or separated
// by 、，,； or spaces; UTF-8 or GB18030) in PRC stroke order (按姓氏笔画, spec §2)
// or pinyin order, marks repeats, and prints them one a line or typeset as a name
// list (--format text|docx|xlsx, --per-line N) the way published lists print.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "bangfu/io/sheet.hpp"
#include "bangfu/io/text_checks.hpp"
#include "bangfu/output/outputs.hpp"
#include "bangfu/text/name_input.hpp"
#include "bangfu/text/names.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "commands.hpp"

namespace bangfu::cli {

namespace {

/// A pasted list is a few KB; a roster of a whole province a few hundred KB.
constexpr std::size_t kMaxInputBytes = 16u << 20;

Poco::Util::OptionSet namesOptions() {
  using Poco::Util::Option;
  Poco::Util::OptionSet options;
  options.addOption(
      Option("by", "b", "stroke (default) or pinyin").required(false).repeatable(false).argument("ORDER"));
  options.addOption(Option("convention", "c", "surname (姓氏笔画, default) or fullname (姓名笔画)")
                        .required(false)
                        .repeatable(false)
                        .argument("CONVENTION"));
  options.addOption(
      Option("pad", "p", "pad two-character names with U+3000").required(false).repeatable(false));
  options.addOption(
      Option("format", "f", "text, docx or xlsx: a typeset name list").required(false).argument("FORMAT"));
  options.addOption(
      Option("per-line", "n", "names per line of the name list (default 4)").required(false).argument("N"));
  options.addOption(
      Option("out", "o", "output file (docx, xlsx; text: default stdout)").required(false).argument("FILE"));
  options.addOption(Option("title", "t", "a title above the name list").required(false).argument("TITLE"));
  return options;
}

std::string readInput(const Args& args, std::string& file) {
  if (args.positional.size() == 2 && args.positional[1] != "-") {
    file = args.positional[1];
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      diag::Diagnostic d;
      d.code = "io.unreadable";
      d.where.file = file;
      d.message = "无法打开文件";
      d.messageEn = "cannot open the file";
      d.suggestion = "检查路径和读取权限";
      d.suggestionEn = "check the path and the read permission";
      throw diag::InputError(d);
    }
    std::string bytes;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
      bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
      if (bytes.size() > kMaxInputBytes) {
        diag::Diagnostic d;
        d.code = "io.too-large";
        d.where.file = file;
        d.message = "文件过大（上限 " + std::to_string(kMaxInputBytes) + " 字节），不像是名单";
        d.messageEn = "the file is too large for a list of names";
        throw diag::InputError(d);
      }
    }
    return bytes;
  }
  file = "<stdin>";
  std::ios::sync_with_stdio(false);
  return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
}

int perLineOf(const Args& args) {
  const std::string v = args.get("per-line", "4");
  try {
    std::size_t used = 0;
    const int n = std::stoi(v, &used);
    if (used == v.size() && n >= 1 && n <= 20) return n;
  } catch (const std::exception&) {
  }
  throw UsageError("--per-line 应为 1 到 20 的数，而不是“" + v + "”",
                   "--per-line must be a number from 1 to 20, not '" + v + "'");
}

/// The sorted names as a notice of one name list, for the DOCX and XLSX writers.
doc::Notice nameListNotice(const std::vector<std::string>& names, int perLine, const std::string& title) {
  doc::Appendix a;
  a.id = "names";
  a.title = title;
  doc::NameList list;
  list.entries.push_back({"", names});
  list.namesPerLine = perLine;
  a.blocks.emplace_back(std::move(list));
  a.fileStem = title.empty() ? "名单" : title;
  doc::Notice notice;
  notice.title = title;
  notice.appendices.push_back(std::move(a));
  return notice;
}

}  // namespace

int runNames(const std::vector<std::string>& argv) {
  const Args args = parseArgs(argv, namesOptions());
  if (args.positional.empty() || args.positional[0] != "sort")
    throw UsageError("子命令只有 sort", "the only subcommand is 'sort'");
  if (args.positional.size() > 2) throw UsageError("最多一个名单文件（FILE）", "at most one FILE");
  const std::string by = args.get("by", "stroke");
  if (by != "stroke" && by != "pinyin")
    throw UsageError("--by 应为 stroke（笔画）或 pinyin（拼音），而不是“" + by + "”",
                     "--by must be stroke or pinyin, not '" + by + "'");
  const std::string convention = args.get("convention", "surname");
  if (convention != "surname" && convention != "fullname") {
    throw UsageError("--convention 应为 surname 或 fullname，而不是“" + convention + "”",
                     "--convention must be surname or fullname, not '" + convention + "'");
  }
  if (by == "pinyin" && args.has("convention"))
    throw UsageError("--convention 只用于 --by stroke", "--convention applies to --by stroke only");
  const std::string format = args.get("format");
  if (!format.empty() && format != "text" && format != "docx" && format != "xlsx")
    throw UsageError("--format 应为 text、docx 或 xlsx，而不是“" + format + "”",
                     "--format must be text, docx or xlsx, not '" + format + "'");
  const std::string out = args.get("out");
  if ((format == "docx" || format == "xlsx") && out.empty())
    throw UsageError("--format " + format + " 需要 -o 指定输出文件", "--format " + format + " needs -o FILE");
  if (!out.empty() && format.empty())
    throw UsageError("-o 需要同时用 --format 指定 text、docx 或 xlsx",
                     "-o needs --format text, docx or xlsx");
  const int perLine = perLineOf(args);

  std::string file;
  const std::string bytes = readInput(args, file);
  std::string storage, encoding;
  const std::string_view text =
      io::decodeText(bytes, file,
                     {"names.bad-encoding", "将文件另存为 UTF-8 编码（记事本：“另存为”时编码选 UTF-8）",
                      "save the file as UTF-8 (Notepad: choose UTF-8 as the encoding in \"Save As\")"},
                     storage, encoding);

  diag::Diagnostics diags;
  // Control characters are refused at the reader, as in every input (issue 15).
  if (io::checkPlainText(text, file, diags) > 0) {
    printDiagnostics(diags);
    return kBadInput;
  }
  const auto order = by == "pinyin"             ? text::NameOrder::Pinyin
                     : convention == "fullname" ? text::NameOrder::StrokeFullName
                                                : text::NameOrder::Stroke;
  const auto sorted = text::sortPastedNames(text::splitPastedNames(text), order, file, diags);
  std::vector<std::string> names;
  names.reserve(sorted.size());
  for (const auto& s : sorted) names.push_back(s.name);

  const bool en = englishLocale();
  if (format.empty()) {
    std::string lines;
    for (const auto& n : names) lines += (args.has("pad") ? text::padName(n) : n) + '\n';
    std::cout << lines << std::flush;
  } else if (format == "text") {
    std::string lines;
    if (!args.get("title").empty()) lines += args.get("title") + "\n\n";
    for (const auto& l : text::nameListLines(names, perLine)) lines += l + '\n';
    if (out.empty())
      std::cout << lines << std::flush;
    else
      util::writeFileAtomic(out, lines);
  } else {
    if (names.empty()) {
      printDiagnostics(diags);
      std::cerr << (en ? "no names in the input; nothing written\n" : "输入中没有名字，未写出文件\n");
      return kBadInput;
    }
    // A worksheet needs a name: the title, 名单 when none was given.
    const std::string title = format == "xlsx" && args.get("title").empty() ? "名单" : args.get("title");
    const doc::Notice notice = nameListNotice(names, perLine, title);
    output::Options options;
    options.docx.epoch = options.xlsx.epoch = util::outputEpoch("");
    diag::Diagnostics writeDiags;
    const auto written =
        output::writeAll({{out, format == "docx" ? output::Format::Docx : output::Format::Xlsx, &notice}},
                         options, writeDiags);
    diags.append(writeDiags);
    if (writeDiags.hasErrors()) {
      printDiagnostics(diags);
      return kBadInput;
    }
    for (const auto& w : written) std::cerr << (en ? "wrote " : "已写出 ") << w.path << '\n';
  }
  printDiagnostics(diags);
  return std::cout ? kOk : kInternal;
}

}  // namespace bangfu::cli
