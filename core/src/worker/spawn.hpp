#pragma once
// Starting a worker (private to core/worker): bangfu's own binary with its end of
// a socket pair on kWorkerFd and its stdout sent to stderr.
#include <sys/types.h>

#include <string>
#include <vector>

namespace bangfu::worker {

struct Spawned {
  pid_t pid = -1;
  int fd = -1;  ///< our end of the socket pair (close-on-exec)
};

/// posix_spawn of `exe` with `args` (argv[0] is "bangfu"). ownGroup: the worker
/// leads a new process group (so a deadline kills it with whatever it started) and
/// starts with no signal blocked (the server blocks SIGINT/SIGTERM for sigwait).
/// Throws std::runtime_error ("中文 / English") when it cannot start.
Spawned spawnWorkerProcess(const std::string& exe, const std::vector<std::string>& args, bool ownGroup);

}  // namespace bangfu::worker
