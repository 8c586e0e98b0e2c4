#include "worker/spawn.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "bangfu/util/atomic_file.hpp"
#include "bangfu/worker/render_worker.hpp"

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX, for posix_spawn

namespace bangfu::worker {

Spawned spawnWorkerProcess(const std::string& exe, const std::vector<std::string>& args, bool ownGroup) {
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
    throw util::IoError("无法创建工作进程的通道", "cannot create the worker socket", "socketpair", errno);
  // The child's end must not already be kWorkerFd: dup2 onto itself would keep CLOEXEC.
  if (sv[1] == kWorkerFd) {
    const int moved = ::fcntl(sv[1], F_DUPFD_CLOEXEC, kWorkerFd + 1);
    ::close(sv[1]);
    sv[1] = moved;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, sv[1], kWorkerFd);
  posix_spawn_file_actions_adddup2(&actions, STDERR_FILENO, STDOUT_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  if (ownGroup) {
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK);
  }
  std::vector<std::string> storage;
  storage.emplace_back("bangfu");  // argv[0] as ps shows it; the image is `exe`
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  argv.reserve(storage.size() + 1);
  for (auto& a : storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  Spawned w;
  const int rc = ::posix_spawn(&w.pid, exe.c_str(), &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(sv[1]);
  if (rc != 0) {
    ::close(sv[0]);
    throw util::IoError("无法启动工作进程", "cannot start the worker", exe, rc);
  }
  w.fd = sv[0];
  return w;
}

}  // namespace bangfu::worker
