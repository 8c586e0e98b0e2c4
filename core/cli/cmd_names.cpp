// bangfu names sort: sorts the names a clerk pastes in, one per line, in PRC stroke
// order (按姓氏笔画, spec §2) or pinyin order, optionally laid out (王　峰).
#include <unicode/utf8.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "bangfu/text/names.hpp"
#include "commands.hpp"

namespace bangfu::cli {

namespace {

Poco::Util::OptionSet namesOptions() {
  using Poco::Util::Option;
  Poco::Util::OptionSet options;
  options.addOption(Option("by", "b", "stroke (default) or pinyin").required(false).repeatable(false).argument("ORDER"));
  options.addOption(Option("convention", "c", "surname (姓氏笔画, default) or fullname (姓名笔画)")
                        .required(false)
                        .repeatable(false)
                        .argument("CONVENTION"));
  options.addOption(Option("pad", "p", "pad two-character names with U+3000").required(false).repeatable(false));
  return options;
}

/// One name per line; blank lines skipped, a BOM, CR and surrounding ASCII blanks
/// dropped. Invalid UTF-8 cannot be sorted: it raises InputError at its line.
std::vector<std::string> readNames(std::istream& in, const std::string& file) {
  std::vector<std::string> names;
  std::string line;
  int lineNo = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    if (lineNo == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    const auto b = line.find_first_not_of(" \t\r");
    if (b == std::string::npos) continue;
    const auto e = line.find_last_not_of(" \t\r");
    line = line.substr(b, e - b + 1);
    int32_t i = 0;
    const auto n = static_cast<int32_t>(line.size());
    while (i < n) {
      UChar32 c;
      const int32_t at = i;
      U8_NEXT(line.data(), i, n, c);
      if (c < 0) {
        diag::Diagnostic d;
        d.code = "names.bad-encoding";
        d.where.file = file;
        d.where.row = lineNo;
        d.where.column = static_cast<int>(b) + at + 1;
        d.message = "不是 UTF-8 编码的文本";
        d.messageEn = "not UTF-8 text";
        d.suggestion = "将文件另存为 UTF-8 编码";
        throw diag::InputError(d);
      }
    }
    names.push_back(line);
  }
  return names;
}

}  // namespace

int runNames(const std::vector<std::string>& argv) {
  const Args args = parseArgs(argv, namesOptions());
  if (args.positional.empty() || args.positional[0] != "sort") throw UsageError("唯一的子命令是 sort", "the only subcommand is 'sort'");
  if (args.positional.size() > 2) throw UsageError("最多一个文件", "at most one FILE");
  const std::string by = args.get("by", "stroke");
  if (by != "stroke" && by != "pinyin") throw UsageError("--by 应为 stroke 或 pinyin，而不是“" + by + "”", "--by must be stroke or pinyin, not '" + by + "'");
  const std::string convention = args.get("convention", "surname");
  if (convention != "surname" && convention != "fullname") {
    throw UsageError("--convention 应为 surname 或 fullname，而不是“" + convention + "”",
                     "--convention must be surname or fullname, not '" + convention + "'");
  }
  if (by == "pinyin" && args.has("convention")) throw UsageError("--convention 只用于 --by stroke", "--convention applies to --by stroke only");

  std::vector<std::string> names;
  if (args.positional.size() == 2 && args.positional[1] != "-") {
    const std::string& file = args.positional[1];
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      diag::Diagnostic d;
      d.code = "io.unreadable";
      d.where.file = file;
      d.message = "无法打开文件";
      d.messageEn = "cannot open the file";
      d.suggestion = "检查路径和读取权限";
      throw diag::InputError(d);
    }
    names = readNames(in, file);
  } else {
    std::ios::sync_with_stdio(false);
    names = readNames(std::cin, "<stdin>");
  }

  diag::Diagnostics diags;
  if (by == "pinyin") {
    names = text::sortByPinyin(std::move(names));
  } else {
    names = text::sortByStroke(std::move(names),
                               convention == "fullname" ? text::StrokeConvention::FullName
                                                        : text::StrokeConvention::Surname,
                               &diags);
  }
  std::string out;
  for (const auto& n : names) {
    out += args.has("pad") ? text::padName(n) : n;
    out += '\n';
  }
  std::cout << out << std::flush;
  printDiagnostics(diags);
  return std::cout ? kOk : kInternal;
}

}  // namespace bangfu::cli
