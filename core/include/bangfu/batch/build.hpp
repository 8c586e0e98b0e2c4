#pragma once
/// `bangfu build`: an incremental, parallel build of a project folder. Every
/// output is written atomically; a manifest records what each came from, so a
/// rebuild regenerates only the outputs whose inputs changed.
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "bangfu/batch/project.hpp"
#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/plugin/host.hpp"

namespace bangfu::batch {

enum class Progress {
  None,
  Lines,     ///< one plain line per output (logs, pipes)
  Terminal,  ///< a single line updated in place (stderr is a terminal)
};

struct BuildOptions {
  unsigned jobs = 0;   ///< worker threads; 0 = std::thread::hardware_concurrency()
  bool force = false;  ///< rebuild every output
  Progress progress = Progress::None;
  bool english = false;  ///< progress words in English (the CLI's locale rule)
  /// The output folder from the command line (--out), used instead of the
  /// project's "output" and allowed outside the project; empty: the project's.
  std::string outputDir;
  /// Called after each output, one call at a time (from the worker threads): how
  /// many are done of how many, the output's path and what happened (重建, 未变,
  /// 失败; English words when `english`). `bangfu serve` streams these to the page.
  std::function<void(std::size_t done, std::size_t total, const std::string& rel, const std::string& state)>
      onOutput;
};

struct BuildReport {
  std::vector<std::string> rebuilt;    ///< output paths relative to the output folder, sorted
  std::vector<std::string> unchanged;  ///< regenerated (inputs changed) but the bytes were equal: untouched
  std::size_t skipped = 0;             ///< inputs unchanged and file verified: not regenerated
  std::vector<std::string> removed;    ///< outputs whose entity disappeared, deleted
  std::vector<std::string> failed;     ///< outputs that could not be rendered or written (old file kept)
  std::size_t total = 0;               ///< outputs the project declares
  diag::Diagnostics diags;             ///< input problems (a scheme with errors keeps its old outputs)
  /// How many of the errors in diags are failures of the build itself (a full
  /// disk, a folder without permission, a plugin that threw), not of the input.
  std::size_t internalErrors = 0;
  double seconds = 0;
  /// Nothing changed since the last build, which finished with no diagnostic:
  /// known from file stamps alone, without loading a scheme (everything skipped).
  bool upToDate = false;

  [[nodiscard]] bool ok() const { return failed.empty() && !diags.hasErrors(); }
  /// Errors in the input (the project, a scheme, a name that cannot be a file),
  /// besides the build's own failures.
  [[nodiscard]] bool inputErrors() const { return diags.errorCount() > internalErrors; }
};

/// Thrown when another process holds the project's lock.
class LockHeld : public std::runtime_error {
 public:
  /// what() is the Chinese message, english() the English one (one language a line).
  LockHeld(const std::string& zh, std::string en, long pid)
      : std::runtime_error(zh), en_(std::move(en)), pid_(pid) {}
  [[nodiscard]] long pid() const { return pid_; }
  [[nodiscard]] const std::string& english() const { return en_; }

 private:
  std::string en_;
  long pid_;
};

/// An exclusive, non-blocking flock(2) on PROJECT_DIR/.bangfu.lock holding the
/// owner's pid. The kernel drops it when the process dies, so a killed build never
/// leaves a stale lock. Throws LockHeld naming the holder's pid.
class ProjectLock {
 public:
  explicit ProjectLock(const std::string& projectDir);
  ~ProjectLock();
  ProjectLock(const ProjectLock&) = delete;
  ProjectLock& operator=(const ProjectLock&) = delete;

 private:
  int fd_ = -1;
};

/// Checks that the tools the project's formats need are installed (LibreOffice
/// for "pdf"); throws pdf::PdfUnavailable, saying how to install it, otherwise.
/// build() calls it before it touches anything; the CLI calls it before taking
/// the lock, so a missing LibreOffice leaves no file behind.
void requireTools(const Project& project);

/// Builds the project (the caller holds the ProjectLock). Input problems are in
/// the report's diags; a scheme with errors renders nothing and keeps its previous
/// outputs. An output that cannot be written is reported in `failed` with the
/// reason in diags (the report is returned, so the summary is printed). Throws
/// diag::InputError for an unreadable project file, util::IoError when the
/// output folder itself cannot be made.
BuildReport build(const std::string& projectDir, plugin::PluginHost& host, const BuildOptions& options);

/// Input files of the project (project file, schemes, reference docs), for --watch.
std::vector<std::string> projectInputs(const std::string& projectDir, const std::string& outputOverride = {});

struct WatchOptions {
  int debounceMs = 300;   ///< saves closer together than this make one rebuild
  int maxRebuilds = -1;   ///< stop after this many rebuilds (tests); -1 = forever
  std::string outputDir;  ///< BuildOptions::outputDir of the builds (the project is re-read with it)
  /// Called once the inputs are first watched: a save from then on is seen.
  std::function<void()> onWatching;
};

/// Where watch() learns of saves: inotify on the inputs' folders in bangfu, a
/// scripted clock and saves in the debounce tests (tests/core/batch/watch_test.cpp).
class ChangeSource {
 public:
  virtual ~ChangeSource() = default;
  /// Watches `files` from now on, in place of the files watched before.
  virtual void watchFiles(const std::vector<std::string>& files) = 0;
  /// Waits up to `timeoutMs` (-1 = forever); true when a watched file changed.
  virtual bool waitForChange(int timeoutMs) = 0;
};

/// Waits for saves of the project's inputs (inotify on their folders, so editors
/// that save by rename are seen too), lets quick successive saves settle for
/// `debounceMs`, then calls `rebuild` once. The input list is re-read after each
/// rebuild (the project file may name new schemes). Returns after `maxRebuilds`.
void watch(const std::string& projectDir, const WatchOptions& options, const std::function<void()>& rebuild);
/// The same with the saves from `changes`.
void watch(const std::string& projectDir, const WatchOptions& options, ChangeSource& changes,
           const std::function<void()>& rebuild);

}  // namespace bangfu::batch
