#pragma once
/// The CLI's subcommands (design.md "CLI contract"). One file per command:
/// cmd_<name>.cpp defines run<Name>. Exit codes are the contract below.
#include <Poco/Util/OptionSet.h>

#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "bangfu/diag/diagnostic.hpp"

namespace bangfu::cli {

enum Exit : int {
  kOk = 0,        ///< success (warnings allowed)
  kBadInput = 1,  ///< diagnostics printed
  kUsage = 2,     ///< usage error
  kInternal = 3,  ///< internal or I/O failure
};

bool englishLocale();

/// Thrown for a usage error (exit 2); the message says what was wrong, in the
/// locale's language when both are given.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
  UsageError(const std::string& zh, const std::string& en) : std::runtime_error(englishLocale() ? en : zh) {}
};

/// Thrown by parseArgs for -h/--help: main prints the command's help from these
/// options (help.hpp). Not a std::exception, so a command's own catch-all lets it by.
struct HelpRequested {
  Poco::Util::OptionSet options;
};

struct Args {
  std::vector<std::string> positional;
  std::vector<std::pair<std::string, std::string>> options;  ///< (full name, value) in order
  [[nodiscard]] bool has(const std::string& name) const;
  [[nodiscard]] std::string get(const std::string& name, const std::string& fallback = {}) const;
  [[nodiscard]] std::vector<std::string> all(const std::string& name) const;
};

/// Parses with Poco::Util's OptionProcessor (Unix style: --name VALUE, --name=VALUE, -n VALUE).
/// -h or --help anywhere before `--` throws HelpRequested.
Args parseArgs(const std::vector<std::string>& argv, const Poco::Util::OptionSet& options);

/// Prints diagnostics to stderr, in English unless the locale is zh (LANG/LC_ALL).
void printDiagnostics(const diag::Diagnostics& diags);

/// Hands a large model to the end of the process instead of freeing it now, as
/// clang's -disable-free does: the command is about to return and exit, and
/// freeing a 20000-row table one string at a time took ~15% of `bangfu table`
/// (perf, 2026-11-23). Call it only once the command's work is done. The object
/// stays reachable from a static, so leak checkers do not report it.
template <class T>
void keepUntilExit(T&& value) {
  static auto* const kept = new std::vector<std::shared_ptr<void>>();  // never destroyed, on purpose
  kept->push_back(std::make_shared<std::decay_t<T>>(std::forward<T>(value)));
}

int runCheck(const std::vector<std::string>& args);
int runRender(const std::vector<std::string>& args);
int runTable(const std::vector<std::string>& args);
int runInit(const std::vector<std::string>& args);
int runNames(const std::vector<std::string>& args);
int runPlugins(const std::vector<std::string>& args);
int runBuild(const std::vector<std::string>& args);
int runCheckRegion(const std::vector<std::string>& args);
int runNewRegion(const std::vector<std::string>& args);
int runDiff(const std::vector<std::string>& args);
int runNewPlugin(const std::vector<std::string>& args);
int runServe(const std::vector<std::string>& args);

}  // namespace bangfu::cli
