#pragma once
/// Child processes for the PDF tools: a process group, a deadline, a log file,
/// and a temporary folder that cleans up after itself. Internal to core/src/pdf.
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace bangfu::pdf::detail {

struct ProcessResult {
  bool timedOut = false;
  bool signaled = false;  ///< ended by a signal (other than our own timeout kill)
  int exitCode = 0;       ///< valid when !signaled && !timedOut
  int signal = 0;         ///< valid when signaled
};

/// Thrown when the program cannot be started at all (missing, not executable,
/// not a valid executable): errno-style code and the path.
struct SpawnError : std::runtime_error {
  SpawnError(const std::string& path, int code);
  int code;
};

/// Runs argv (argv[0] is a path to the program) with stdin from /dev/null and
/// stdout + stderr appended to logPath, the current environment plus `setEnv`
/// (which overrides), in a new process group. Waits at most timeoutSeconds; on
/// expiry the whole group gets SIGTERM, then SIGKILL 2 s later, and is reaped
/// before returning. After a normal exit any stragglers left in the group are
/// killed too, so nothing outlives the call.
ProcessResult runProcess(const std::vector<std::string>& argv,
                         const std::vector<std::pair<std::string, std::string>>& setEnv, int timeoutSeconds,
                         const std::string& logPath);

/// The first executable `name` on PATH, or `name` itself when it contains a '/'
/// and is executable. Empty when not found.
std::string findExecutable(const std::string& name);

/// The last `maxBytes` of a log file, trimmed, cut at a UTF-8 boundary; empty if
/// the file is missing or blank.
std::string logTail(const std::string& path, std::size_t maxBytes = 600);

/// A fresh folder (mode 0700) under `parent`, else $TMPDIR (or /tmp), named
/// <prefix>XXXXXX, removed with everything in it by the destructor.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix, const std::string& parent = {});
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace bangfu::pdf::detail
