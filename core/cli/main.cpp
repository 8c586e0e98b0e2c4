// bangfu: the command-line entry point. Dispatches to cmd_*.cpp and maps every
// failure to the exit codes of commands.hpp.
#include <Poco/Exception.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>

#include <clocale>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "bangfu/pdf/convert.hpp"
#include "bangfu/util/output_folder.hpp"
#include "bangfu/version.hpp"
#include "bangfu/worker/render_worker.hpp"
#include "commands.hpp"

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
      // Poco wants the value attached (--out=DIR, -oDIR); accept `--out DIR` and `-o DIR` too.
      const bool isLong = a.rfind("--", 0) == 0;
      const std::string name = isLong ? a.substr(2, a.find('=') == std::string::npos ? std::string::npos : a.find('=') - 2)
                                      : a.substr(1, 1);
      const bool attached = isLong ? a.find('=') != std::string::npos : a.size() > 2;
      const Poco::Util::Option& option = options.getOption(name, !isLong);
      if (option.takesArgument() && !attached) {
        if (i + 1 >= argv.size()) throw UsageError("option --" + option.fullName() + " needs a value");
        a += (isLong ? "=" : "") + argv[++i];
      }
      std::string fullName, value;
      if (processor.process(a, fullName, value) && !fullName.empty()) args.options.emplace_back(fullName, value);
    }
    processor.checkRequired();
  } catch (const Poco::Util::OptionException& e) {
    throw UsageError(e.displayText());
  }
  return args;
}

bool englishLocale() {
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(var);
    if (v && *v) return std::strncmp(v, "zh", 2) != 0 && std::strcmp(v, "C.UTF-8") != 0 && std::strcmp(v, "C") != 0 &&
                        std::strcmp(v, "POSIX") != 0;
  }
  return false;
}

void printDiagnostics(const diag::Diagnostics& diags) {
  const bool en = englishLocale();
  for (const auto& d : diags.items()) std::cerr << d.format(en) << '\n';
  if (!diags.empty()) {
    std::cerr << diags.errorCount() << (en ? " error(s), " : " 个错误，") << diags.warningCount()
              << (en ? " warning(s)\n" : " 个警告\n");
  }
}

}  // namespace bangfu::cli

namespace {

struct CommandEntry {
  const char* name;
  const char* synopsis;
  int (*run)(const std::vector<std::string>&);
};

const CommandEntry kCommands[] = {
    {"render", "render SCHEME [--plugin ID] [--out DIR] [--format docx,xlsx,pdf,png] [--split] [--reference-doc F] [--detached]", bangfu::cli::runRender},
    {"check", "check SCHEME [--plugin ID] [--mark OUT.xlsx]", bangfu::cli::runCheck},
    {"table", "table DATA.{csv,xlsx,json} -o OUT.{docx,xlsx} [--title T] [--label 附件N] [--landscape] [--total COL]...",
     bangfu::cli::runTable},
    {"init", "init -o WORKBOOK.xlsx [--plugin ID] [--from SCHEME]", bangfu::cli::runInit},
    {"names", "names sort [--by stroke|pinyin] [--convention surname|fullname] [--pad] [--format text|docx|xlsx [--per-line N] [-o FILE] [--title T]] [FILE]", bangfu::cli::runNames},
    {"plugins", "plugins", bangfu::cli::runPlugins},
    {"build", "build PROJECT_DIR [--out DIR] [--jobs N] [--watch] [--force] [--quiet]", bangfu::cli::runBuild},
    {"diff", "diff OLD_SCHEME NEW_SCHEME [-o REPORT.{docx,xlsx}]", bangfu::cli::runDiff},
    {"new-plugin", "new-plugin ID [--region R] [--dir DIR]", bangfu::cli::runNewPlugin},
    {"check-region", "check-region ID.region.json...", bangfu::cli::runCheckRegion},
    {"new-region", "new-region ID [--region R] [--dir DIR]", bangfu::cli::runNewRegion},
    {"serve", "serve [PROJECT_DIR] [--port N] [--open]", bangfu::cli::runServe},
};

void usage(std::ostream& out) {
  out << "bangfu " << bangfu::kVersion << ": appendix tables for pairing-assistance notices (GB/T 9704-2012)\n\n"
      << "usage:\n";
  for (const auto& c : kCommands) out << "  bangfu " << c.synopsis << '\n';
  out << "  bangfu --version\n\nexit status: 0 ok, 1 bad input, 2 usage, 3 internal or I/O failure\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::setlocale(LC_ALL, "");
  if (argc < 2) {
    usage(std::cerr);
    return bangfu::cli::kUsage;
  }
  const std::string command = argv[1];
  // Plugin renders run in a copy of this binary (docs/security.md "Plugins").
  if (command == bangfu::worker::kWorkerCommand) return bangfu::worker::runRenderWorker();
  // /proc/self/exe names the running image even if the file was replaced since.
  if (std::error_code ec; std::filesystem::exists("/proc/self/exe", ec))
    bangfu::worker::setWorkerExecutable("/proc/self/exe");
  if (command == "--version" || command == "version") {
    std::cout << "bangfu " << bangfu::kVersion << '\n';
    return bangfu::cli::kOk;
  }
  if (command == "--help" || command == "-h" || command == "help") {
    usage(std::cout);
    return bangfu::cli::kOk;
  }
  const std::vector<std::string> args(argv + 2, argv + argc);
  for (const auto& c : kCommands) {
    if (command != c.name) continue;
    try {
      return c.run(args);
    } catch (const bangfu::cli::UsageError& e) {
      std::cerr << "bangfu " << command << ": " << e.what() << "\nusage: bangfu " << c.synopsis << '\n';
      return bangfu::cli::kUsage;
    } catch (const bangfu::diag::InputError& e) {
      bangfu::diag::Diagnostics d;
      d.add(e.diagnostic());
      bangfu::cli::printDiagnostics(d);
      return bangfu::cli::kBadInput;
    } catch (const bangfu::pdf::PdfUnavailable& e) {
      std::cerr << "bangfu " << command << ": " << (bangfu::cli::englishLocale() ? e.english() : e.what()) << '\n';
      return bangfu::cli::kInternal;
    } catch (const bangfu::pdf::ConvertError& e) {
      std::cerr << "bangfu " << command << ": " << (bangfu::cli::englishLocale() ? e.english() : e.what()) << '\n';
      return bangfu::cli::kInternal;
    } catch (const bangfu::util::IoError& e) {
      std::cerr << "bangfu " << command << ": " << (bangfu::cli::englishLocale() ? e.english() : e.what()) << '\n';
      return bangfu::cli::kInternal;
    } catch (const bangfu::util::PathRefused& e) {
      std::cerr << "bangfu " << command << ": " << (bangfu::cli::englishLocale() ? e.english() : e.what()) << '\n';
      return bangfu::cli::kBadInput;
    } catch (const Poco::Exception& e) {
      std::cerr << "bangfu " << command << ": " << e.displayText() << '\n';
      return bangfu::cli::kInternal;
    } catch (const std::exception& e) {
      std::cerr << "bangfu " << command << ": " << e.what() << '\n';
      return bangfu::cli::kInternal;
    }
  }
  std::cerr << "bangfu: unknown command '" << command << "'\n";
  usage(std::cerr);
  return bangfu::cli::kUsage;
}
