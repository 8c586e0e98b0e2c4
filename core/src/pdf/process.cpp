#include "pdf/process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <thread>

extern char** environ;

namespace bangfu::pdf::detail {

namespace {

/// How often the parent looks at the child. Short enough not to add visible
/// latency to a 2 s conversion, long enough to cost nothing.
constexpr auto kPollInterval = std::chrono::milliseconds(20);
/// Grace between SIGTERM and SIGKILL: lets LibreOffice drop its profile lock.
constexpr auto kTermGrace = std::chrono::seconds(2);

/// True once the child has exited, without reaping it: while it is a zombie
/// its pid (= the group id) cannot be reused, so killing the group stays safe.
bool exitedNoReap(pid_t pid) {
  siginfo_t info{};
  for (;;) {
    const int rc = ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT);
    if (rc == 0) return info.si_pid == pid;
    if (errno != EINTR) return true;  // ECHILD: already gone
  }
}

int reap(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return 0;
  }
  return status;
}

bool waitUntil(pid_t pid, std::chrono::steady_clock::time_point deadline) {
  while (!exitedNoReap(pid)) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(kPollInterval);
  }
  return true;
}

class SpawnAttrs {
 public:
  SpawnAttrs() {
    ::posix_spawnattr_init(&attr_);
    ::posix_spawn_file_actions_init(&actions_);
  }
  ~SpawnAttrs() {
    ::posix_spawnattr_destroy(&attr_);
    ::posix_spawn_file_actions_destroy(&actions_);
  }
  SpawnAttrs(const SpawnAttrs&) = delete;
  SpawnAttrs& operator=(const SpawnAttrs&) = delete;
  posix_spawnattr_t attr_{};
  posix_spawn_file_actions_t actions_{};
};

}  // namespace

SpawnError::SpawnError(const std::string& path, int c)
    : std::runtime_error(path + ": " + std::strerror(c)), code(c) {}

ProcessResult runProcess(const std::vector<std::string>& argv,
                         const std::vector<std::pair<std::string, std::string>>& setEnv, int timeoutSeconds,
                         const std::string& logPath) {
  std::vector<std::string> envStrings;
  for (char** e = environ; e && *e; ++e) {
    const std::string entry(*e);
    const auto eq = entry.find('=');
    const std::string key = entry.substr(0, eq);
    bool overridden = false;
    for (const auto& kv : setEnv) overridden = overridden || kv.first == key;
    if (!overridden) envStrings.push_back(entry);
  }
  for (const auto& kv : setEnv) envStrings.push_back(kv.first + "=" + kv.second);

  std::vector<char*> argvPtrs;
  argvPtrs.reserve(argv.size() + 1);
  for (const auto& a : argv) argvPtrs.push_back(const_cast<char*>(a.c_str()));
  argvPtrs.push_back(nullptr);
  std::vector<char*> envPtrs;
  envPtrs.reserve(envStrings.size() + 1);
  for (const auto& e : envStrings) envPtrs.push_back(const_cast<char*>(e.c_str()));
  envPtrs.push_back(nullptr);

  SpawnAttrs sa;
  // A group of its own, so a timeout can kill LibreOffice's whole tree
  // (soffice script → oosplash → soffice.bin), with default signal handling.
  sigset_t none;
  sigset_t defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGTERM);
  sigaddset(&defaults, SIGINT);
  ::posix_spawnattr_setflags(&sa.attr_,
                             POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  ::posix_spawnattr_setpgroup(&sa.attr_, 0);
  ::posix_spawnattr_setsigmask(&sa.attr_, &none);
  ::posix_spawnattr_setsigdefault(&sa.attr_, &defaults);
  ::posix_spawn_file_actions_addopen(&sa.actions_, 0, "/dev/null", O_RDONLY, 0);
  ::posix_spawn_file_actions_addopen(&sa.actions_, 1, logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  ::posix_spawn_file_actions_adddup2(&sa.actions_, 1, 2);

  pid_t pid = 0;
  const int rc =
      ::posix_spawn(&pid, argv.at(0).c_str(), &sa.actions_, &sa.attr_, argvPtrs.data(), envPtrs.data());
  if (rc != 0) throw SpawnError(argv.at(0), rc);

  ProcessResult result;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeoutSeconds);
  if (!waitUntil(pid, deadline)) {
    result.timedOut = true;
    ::kill(-pid, SIGTERM);
    if (!waitUntil(pid, std::chrono::steady_clock::now() + kTermGrace)) ::kill(-pid, SIGKILL);
  }
  // The leader is a zombie (or gone) here; clear anything it left in its group.
  ::kill(-pid, SIGKILL);
  const int status = reap(pid);
  if (result.timedOut) return result;
  if (WIFSIGNALED(status)) {
    result.signaled = true;
    result.signal = WTERMSIG(status);
  } else {
    result.exitCode = WEXITSTATUS(status);
  }
  return result;
}

std::string findExecutable(const std::string& name) {
  if (name.empty()) return {};
  if (name.find('/') != std::string::npos) return ::access(name.c_str(), X_OK) == 0 ? name : std::string();
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const auto colon = dirs.find(':', start);
    std::string dir = dirs.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    if (dir.empty()) dir = ".";
    std::string candidate = dir + "/" + name;
    struct stat st {};
    if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return {};
}

std::string logTail(const std::string& path, std::size_t maxBytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t start = all.size() > maxBytes ? all.size() - maxBytes : 0;
  // Do not start inside a UTF-8 sequence (continuation bytes are 10xxxxxx).
  while (start < all.size() && (static_cast<unsigned char>(all[start]) & 0xC0U) == 0x80U) ++start;
  std::string tail = all.substr(start);
  const auto first = tail.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = tail.find_last_not_of(" \t\r\n");
  return tail.substr(first, last - first + 1);
}

TempDir::TempDir(const std::string& prefix, const std::string& parent) {
  const char* tmp = std::getenv("TMPDIR");
  std::string base = !parent.empty() ? parent : (tmp && *tmp) ? tmp : "/tmp";
  std::string templ = base + "/" + prefix + "XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) == nullptr) {
    throw std::system_error(errno, std::generic_category(), "cannot create a temporary folder in " + base);
  }
  path_ = buf.data();
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace bangfu::pdf::detail
