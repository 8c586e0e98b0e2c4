// bangfu: the command-line entry point. Dispatches to cmd_*.cpp and maps every
// failure to the exit codes of commands.hpp.
#include <Poco/Exception.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>
#include <malloc.h>

#include <clocale>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "bangfu/pdf/convert.hpp"
#include "bangfu/plugin/host.hpp"
#include "bangfu/serve/workbench.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "bangfu/util/output_folder.hpp"
#include "bangfu/version.hpp"
#include "bangfu/worker/render_worker.hpp"
#include "commands.hpp"
#include "help.hpp"

namespace bangfu::cli {

bool Args::has(const std::string& name) const {
  for (const auto& [k, v] : options)
    if (k == name) return true;
  return false;
}

std::string Args::get(const std::string& name, const std::string& fallback) const {
  std::string value = fallback;
  for (const auto& [k, v] : options)
    if (k == name) value = v;
  return value;
}

std::vector<std::string> Args::all(const std::string& name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : options)
    if (k == name) out.push_back(v);
  return out;
}

Args parseArgs(const std::vector<std::string>& argv, const Poco::Util::OptionSet& options) {
  Args args;
  Poco::Util::OptionProcessor processor(options);
  processor.setUnixStyle(true);
  try {
    bool rest = false;
    for (std::size_t i = 0; i < argv.size(); ++i) {
      std::string a = argv[i];
      if (rest || a == "-" || a.size() < 2 || a[0] != '-') {
        args.positional.push_back(a);
        continue;
      }
      if (a == "--") {
        rest = true;
        continue;
      }
      if (a == "-h" || a == "--help") throw HelpRequested{options};
      // Poco wants the value attached (--out=DIR, -oDIR); accept `--out DIR` and `-o DIR` too.
      const bool isLong = a.rfind("--", 0) == 0;
      const std::string name =
          isLong ? a.substr(2, a.find('=') == std::string::npos ? std::string::npos : a.find('=') - 2)
                 : a.substr(1, 1);
      const bool attached = isLong ? a.find('=') != std::string::npos : a.size() > 2;
      const Poco::Util::Option& option = options.getOption(name, !isLong);
      if (option.takesArgument() && !attached) {
        if (i + 1 >= argv.size())
          throw UsageError("选项 --" + option.fullName() + " 需要一个值",
                           "option --" + option.fullName() + " needs a value");
        a += (isLong ? "=" : "") + argv[++i];
      }
      std::string fullName, value;
      if (processor.process(a, fullName, value) && !fullName.empty())
        args.options.emplace_back(fullName, value);
    }
    processor.checkRequired();
  } catch (const Poco::Util::UnknownOptionException& e) {
    throw UsageError("没有选项“" + e.message() + "”", "unknown option '" + e.message() + "'");
  } catch (const Poco::Util::AmbiguousOptionException& e) {
    throw UsageError("选项“" + e.message() + "”不明确，请写全名",
                     "ambiguous option '" + e.message() + "': spell it out");
  } catch (const Poco::Util::MissingArgumentException& e) {
    throw UsageError("选项“" + e.message() + "”需要一个值", "option '" + e.message() + "' needs a value");
  } catch (const Poco::Util::UnexpectedArgumentException& e) {
    throw UsageError("选项“" + e.message() + "”不带值", "option '" + e.message() + "' takes no value");
  } catch (const Poco::Util::DuplicateOptionException& e) {
    throw UsageError("选项“" + e.message() + "”只能写一次", "option '" + e.message() + "' may be given once");
  } catch (const Poco::Util::MissingOptionException& e) {
    throw UsageError("缺少必填的选项“" + e.message() + "”",
                     "missing the required option '" + e.message() + "'");
  } catch (const Poco::Util::OptionException& e) {
    throw UsageError("选项有误（“" + e.displayText() + "”）", e.displayText());
  }
  return args;
}

bool englishLocale() {
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(var);
    if (v && *v)
      return std::strncmp(v, "zh", 2) != 0 && std::strcmp(v, "C.UTF-8") != 0 && std::strcmp(v, "C") != 0 &&
             std::strcmp(v, "POSIX") != 0;
  }
  return false;
}

void printDiagnostics(const diag::Diagnostics& diags) {
  if (diags.empty()) return;
  const bool en = englishLocale();
  // std::cerr is unbuffered: one write(2) for the whole report, not two a line
  // (a pasted list with 24698 repeated names made 49396 system calls).
  std::string report;
  for (const auto& d : diags.items()) {
    report += d.format(en);
    report += '\n';
  }
  report += std::to_string(diags.errorCount()) + (en ? " error(s), " : " 个错误，") +
            std::to_string(diags.warningCount()) + (en ? " warning(s)" : " 个警告");
  if (const auto notes = diags.noteCount(); notes > 0)
    report += (en ? ", " : "，") + std::to_string(notes) + (en ? " acknowledged" : " 个已确认的差异");
  report += '\n';
  std::cerr.write(report.data(), static_cast<std::streamsize>(report.size()));
  std::cerr.flush();
}

}  // namespace bangfu::cli

namespace {

/// Blocks this large or larger are mapped on their own (mallopt(3) M_MMAP_THRESHOLD):
/// file buffers and whole-table vectors; the 256 KiB zip chunks stay below it and
/// are reused from the heap (at glibc's default 128 KiB each chunk was mapped anew:
/// +16000 page faults for the 20000-row DOCX).
constexpr int kMmapThresholdBytes = 1024 * 1024;

struct CommandEntry {
  const char* name;
  const char* synopsis;
  int (*run)(const std::vector<std::string>&);
};

const CommandEntry kCommands[] = {
    {"render",
     "render SCHEME [--plugin ID] [--out DIR] [--format docx,xlsx,pdf,png] [--split] [--reference-doc FILE] "
     "[--detached] [--appendices-only]",
     bangfu::cli::runRender},
    {"check", "check SCHEME [--plugin ID] [--mark OUT.xlsx]", bangfu::cli::runCheck},
    {"table",
     "table DATA.{csv,xlsx,xlsm,json} -o OUT.{docx,xlsx,pdf} [--title T] [--label 附件N] [--landscape] "
     "[--total COLUMN]... [--notes FILE] [--sheet NAME] [--header-row R] [--header-rows N] "
     "[--include-hidden] [--date DATE]",
     bangfu::cli::runTable},
    {"init", "init -o WORKBOOK.xlsx [--plugin ID] [--from SCHEME] [--force]", bangfu::cli::runInit},
    {"names",
     "names sort [--by stroke|pinyin] [--convention surname|fullname] [--pad] [--format text|docx|xlsx] "
     "[--per-line N] [-o FILE] [--title T] [FILE]",
     bangfu::cli::runNames},
    {"plugins", "plugins", bangfu::cli::runPlugins},
    {"build", "build PROJECT_DIR [--out DIR] [--jobs N] [--watch] [--force] [--quiet]",
     bangfu::cli::runBuild},
    {"diff", "diff OLD_SCHEME NEW_SCHEME [-o REPORT.{docx,xlsx}] [--old-label L] [--new-label L]",
     bangfu::cli::runDiff},
    {"new-plugin", "new-plugin ID [--region R] [--dir DIR]", bangfu::cli::runNewPlugin},
    {"check-region", "check-region ID.region.json...", bangfu::cli::runCheckRegion},
    {"new-region", "new-region ID [--region R] [--dir DIR]", bangfu::cli::runNewRegion},
    {"serve", "serve [PROJECT_DIR] [--port N] [--open]", bangfu::cli::runServe},
};

/// Every command with its options, as the help and the man page need them: each
/// command's parseArgs hands its OptionSet over when asked for --help.
std::vector<bangfu::cli::CommandRef> commandRefs() {
  std::vector<bangfu::cli::CommandRef> refs;
  for (const auto& c : kCommands) {
    bangfu::cli::CommandRef ref{c.name, c.synopsis, {}};
    try {
      c.run({"--help"});
    } catch (const bangfu::cli::HelpRequested& h) {
      ref.options = h.options;
    }
    refs.push_back(std::move(ref));
  }
  return refs;
}

void usage(std::ostream& out) {
  bangfu::cli::printOverview(out, commandRefs(), bangfu::cli::englishLocale());
}

/// `bangfu help [COMMAND]`, `bangfu --man`.
int help(const std::vector<std::string>& args) {
  const bool en = bangfu::cli::englishLocale();
  if (args.empty()) {
    usage(std::cout);
    return bangfu::cli::kOk;
  }
  for (const auto& ref : commandRefs()) {
    if (ref.name != args.front()) continue;
    bangfu::cli::printCommandHelp(std::cout, ref, en);
    return bangfu::cli::kOk;
  }
  std::cerr << (en ? "bangfu help: no command '" + args.front() + "'\n"
                   : "bangfu help：没有命令“" + args.front() + "”\n");
  return bangfu::cli::kUsage;
}

}  // namespace

int main(int argc, char** argv) {
  std::setlocale(LC_ALL, "");
#ifdef __GLIBC__
  // Large blocks go back to the system when freed. Left to itself, glibc raises the
  // threshold to the largest block freed so far (the 10 MB a CSV is read into), and
  // every later block below that extends the heap for good. A fixed threshold keeps
  // them mapped (issue 16: `bangfu table` at 20000 rows, peak RSS XLSX 82.8 → 79.4 MB,
  // DOCX 80.5 → 77.5 MB).
  mallopt(M_MMAP_THRESHOLD, kMmapThresholdBytes);
#endif
  if (argc < 2) {
    usage(std::cerr);
    return bangfu::cli::kUsage;
  }
  const std::string command = argv[1];
  // Plugin renders run in a copy of this binary (docs/security.md "Plugins").
  if (command == bangfu::worker::kWorkerCommand) return bangfu::worker::runRenderWorker();
  // A workbench check runs in one with its time and memory budget (docs/serve.md "Limits").
  if (command == bangfu::serve::kCheckWorkerCommand)
    return bangfu::serve::runCheckWorker(std::vector<std::string>(argv + 2, argv + argc));
  if (command == bangfu::serve::kDiffWorkerCommand)
    return bangfu::serve::runDiffWorker(std::vector<std::string>(argv + 2, argv + argc));
  // /proc/self/exe names the running image even if the file was replaced since.
  if (std::error_code ec; std::filesystem::exists("/proc/self/exe", ec))
    bangfu::worker::setWorkerExecutable("/proc/self/exe");
  // A build from the workbench runs in one with its budget, its renders in workers of their own.
  if (command == bangfu::serve::kBuildWorkerCommand)
    return bangfu::serve::runBuildWorker(std::vector<std::string>(argv + 2, argv + argc));
  if (command == "--version" || command == "version") {
    std::cout << "bangfu " << bangfu::kVersion << '\n';
    return bangfu::cli::kOk;
  }
  const std::vector<std::string> args(argv + 2, argv + argc);
  if (command == "--help" || command == "-h" || command == "help") return help(args);
  if (command == "--man") {
    // `--man [FILE]`: the build writes bangfu.1 this way (core/cli/CMakeLists.txt).
    std::ostringstream page;
    bangfu::cli::printManPage(page, commandRefs(), bangfu::cli::englishLocale());
    if (args.empty())
      std::cout << page.str();
    else
      bangfu::util::writeFileAtomic(args.front(), page.str());
    return bangfu::cli::kOk;
  }
  const bool en = bangfu::cli::englishLocale();
  for (const auto& c : kCommands) {
    if (command != c.name) continue;
    try {
      return c.run(args);
    } catch (const bangfu::cli::HelpRequested& h) {
      bangfu::cli::printCommandHelp(std::cout, {c.name, c.synopsis, h.options}, en);
      return bangfu::cli::kOk;
    } catch (const bangfu::cli::UsageError& e) {
      std::cerr << "bangfu " << command << (en ? ": " : "：") << e.what()
                << (en ? "\nusage: bangfu " : "\n用法：bangfu ") << c.synopsis
                << (en ? "\n(bangfu " : "\n（“bangfu ") << command
                << (en ? " --help explains every option)\n" : " --help”查看全部选项）\n");
      return bangfu::cli::kUsage;
    } catch (const bangfu::diag::InputError& e) {
      bangfu::diag::Diagnostics d;
      d.add(e.diagnostic());
      bangfu::cli::printDiagnostics(d);
      return bangfu::cli::kBadInput;
    } catch (const bangfu::pdf::PdfUnavailable& e) {
      std::cerr << "bangfu " << command << ": " << (bangfu::cli::englishLocale() ? e.english() : e.what())
                << '\n';
      return bangfu::cli::kInternal;
    } catch (const bangfu::pdf::ConvertError& e) {
      std::cerr << "bangfu " << command << ": " << (bangfu::cli::englishLocale() ? e.english() : e.what())
                << '\n';
      return bangfu::cli::kInternal;
    } catch (const bangfu::util::IoError& e) {
      std::cerr << "bangfu " << command << ": " << (bangfu::cli::englishLocale() ? e.english() : e.what())
                << '\n';
      return bangfu::cli::kInternal;
    } catch (const bangfu::util::PathRefused& e) {
      std::cerr << "bangfu " << command << ": " << (bangfu::cli::englishLocale() ? e.english() : e.what())
                << '\n';
      return bangfu::cli::kBadInput;
    } catch (const bangfu::plugin::PluginError& e) {
      std::cerr << "bangfu " << command << ": " << e.text(bangfu::cli::englishLocale()) << '\n';
      return bangfu::cli::kInternal;
    } catch (const Poco::Exception& e) {
      std::cerr << "bangfu " << command << ": " << e.displayText() << '\n';
      return bangfu::cli::kInternal;
    } catch (const std::exception& e) {
      std::cerr << "bangfu " << command << ": " << e.what() << '\n';
      return bangfu::cli::kInternal;
    }
  }
  std::cerr << (en ? "bangfu: unknown command '" + command + "'\n\n"
                   : "bangfu：没有命令“" + command + "”\n\n");
  usage(std::cerr);
  return bangfu::cli::kUsage;
}
