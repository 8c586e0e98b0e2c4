// bangfu build PROJECT_DIR [--out DIR] [--jobs N] [--watch] [--force]: the
// incremental, parallel batch build of docs/batch.md.
#include <unistd.h>

#include <cstdlib>
#include <iomanip>
#include <iostream>

#include "bangfu/batch/build.hpp"
#include "commands.hpp"

namespace bangfu::cli {

namespace {

Poco::Util::OptionSet buildOptions() {
  using Poco::Util::Option;
  Poco::Util::OptionSet options;
  options.addOption(
      Option("jobs", "j", "worker threads (default: every core)").required(false).argument("N"));
  options.addOption(Option("force", "f", "rebuild every output").required(false));
  options.addOption(Option("watch", "w", "rebuild whenever an input is saved").required(false));
  options.addOption(
      Option("watch-cycles", "", "stop watching after N rebuilds (tests; also BANGFU_WATCH_MAX_REBUILDS)")
          .required(false)
          .argument("N"));
  options.addOption(Option("debounce", "", "milliseconds a burst of saves must settle (default 300)")
                        .required(false)
                        .argument("MS"));
  options.addOption(Option("quiet", "q", "no progress, only the summary").required(false));
  options.addOption(
      Option("out", "o", "output folder instead of the project's \"output\" (may be outside the project)")
          .required(false)
          .argument("DIR"));
  return options;
}

int number(const std::string& text, const std::string& what, int min) {
  char* end = nullptr;
  const long v = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v < min || v > 1 << 20)
    throw UsageError(what + " 应为不小于 " + std::to_string(min) + " 的整数，而不是“" + text + "”",
                     what + " must be an integer ≥ " + std::to_string(min) + ", not '" + text + "'");
  return static_cast<int>(v);
}

void printReport(const batch::BuildReport& r, bool english) {
  for (const auto& p : r.removed) std::cout << (english ? "removed " : "删除 ") << p << '\n';
  for (const auto& p : r.failed) std::cout << (english ? "failed  " : "失败 ") << p << '\n';
  std::cout << std::fixed << std::setprecision(2);
  if (english) {
    std::cout << "rebuilt " << r.rebuilt.size() << ", unchanged " << r.unchanged.size() << ", skipped "
              << r.skipped << ", removed " << r.removed.size() << ", failed " << r.failed.size() << " (of "
              << r.total << " outputs, " << r.seconds << " s)\n";
  } else {
    std::cout << "重建 " << r.rebuilt.size() << "，内容未变 " << r.unchanged.size() << "，跳过 " << r.skipped
              << "，删除 " << r.removed.size() << "，失败 " << r.failed.size() << "（共 " << r.total
              << " 个输出，用时 " << r.seconds << " 秒）\n";
  }
  std::cout.unsetf(std::ios::fixed);
  std::cout << std::flush;
}

/// A failure of the build itself (a full disk, a plugin that threw) outranks bad
/// input: the user must learn that outputs could not be written.
int exitCode(const batch::BuildReport& r) {
  if (r.internalErrors > 0) return kInternal;
  if (r.inputErrors()) return kBadInput;
  if (!r.failed.empty()) return kInternal;
  return kOk;
}

}  // namespace

int runBuild(const std::vector<std::string>& argv) {
  const Args args = parseArgs(argv, buildOptions());
  if (args.positional.size() > 1) throw UsageError("只能给一个项目文件夹", "one project folder expected");
  const std::string dir = args.positional.empty() ? "." : args.positional.front();
  const bool english = englishLocale();
  batch::BuildOptions options;
  if (args.has("jobs")) options.jobs = static_cast<unsigned>(number(args.get("jobs"), "--jobs", 1));
  options.force = args.has("force");
  options.english = english;
  if (args.has("out")) {
    options.outputDir = args.get("out");
    if (options.outputDir.empty()) throw UsageError("--out 需要一个文件夹", "--out needs a folder");
  }
  options.progress = args.has("quiet")         ? batch::Progress::None
                     : ::isatty(STDERR_FILENO) ? batch::Progress::Terminal
                                               : batch::Progress::Lines;

  const batch::Project project =
      batch::loadProject(dir, options.outputDir);  // unreadable project: exit 1 before locking
  batch::requireTools(project);  // no LibreOffice for "pdf": exit 3 before anything is written
  std::unique_ptr<batch::ProjectLock> lock;
  try {
    lock = std::make_unique<batch::ProjectLock>(project.dir);
  } catch (const batch::LockHeld& e) {
    std::cerr << "bangfu build" << (englishLocale() ? ": " + e.english() : "：" + std::string(e.what()))
              << '\n';
    return kInternal;
  }
  plugin::PluginHost host;
  host.discover();

  auto once = [&](bool force) {
    batch::BuildOptions o = options;
    o.force = force;
    const batch::BuildReport r = batch::build(project.dir, host, o);
    printDiagnostics(r.diags);
    printReport(r, english);
    return exitCode(r);
  };
  if (!args.has("watch")) return once(options.force);

  batch::WatchOptions watchOptions;
  watchOptions.outputDir = options.outputDir;
  const char* envCycles = std::getenv("BANGFU_WATCH_MAX_REBUILDS");
  if (args.has("watch-cycles")) {
    watchOptions.maxRebuilds = number(args.get("watch-cycles"), "--watch-cycles", 0);
  } else if (envCycles && *envCycles) {
    watchOptions.maxRebuilds = number(envCycles, "BANGFU_WATCH_MAX_REBUILDS", 0);
  }
  if (args.has("debounce")) watchOptions.debounceMs = number(args.get("debounce"), "--debounce", 0);
  int last = kOk;
  auto guarded = [&](bool force) {
    // While watching, bad input is reported and the last good outputs stay.
    try {
      last = once(force);
    } catch (const diag::InputError& e) {
      diag::Diagnostics d;
      d.add(e.diagnostic());
      printDiagnostics(d);
      last = kBadInput;
    } catch (const std::exception& e) {
      std::cerr << "bangfu build: " << e.what() << '\n';
      last = kInternal;
    }
  };
  guarded(options.force);
  // Said once the inputs are watched: a save after this line is seen.
  watchOptions.onWatching = [&] {
    std::cout << (english ? "watching " : "正在监视 ") << project.file
              << (english ? " (Ctrl-C to stop)\n" : "（Ctrl-C 结束）\n") << std::flush;
  };
  batch::watch(project.dir, watchOptions, [&] { guarded(false); });
  return last;
}

}  // namespace bangfu::cli
