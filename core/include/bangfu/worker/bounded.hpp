#pragma once
/// One job in a fresh worker process with a budget (docs/serve.md "Limits"): a
/// wall-clock deadline, after which the worker's whole process group is killed, and
/// an address-space cap (RLIMIT_AS) the worker sets on itself before it reads its
/// input, so a hostile upload that would take too long or too much memory stops
/// that job and nothing else. The worker is bangfu's own binary started afresh
/// (posix_spawn), as for plugin renders (bangfu/worker/render_worker.hpp).
#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace bangfu::worker {

struct Budget {
  int seconds = 60;                          ///< wall clock, from the start of the worker
  std::size_t addressSpaceBytes = 1u << 30;  ///< RLIMIT_AS of the worker; 0: none
};

/// The job did not finish within its budget, or its worker died.
class BudgetExceeded : public std::runtime_error {
 public:
  enum class Kind { Time, Memory, Crashed };
  BudgetExceeded(Kind kind, const std::string& zh, std::string en)
      : std::runtime_error(zh), kind_(kind), english_(std::move(en)) {}
  [[nodiscard]] Kind kind() const { return kind_; }
  [[nodiscard]] const std::string& english() const { return english_; }

 private:
  Kind kind_;
  std::string english_;
};

/// Receives one message a job posts while it works (progress).
using MessageSink = std::function<void(const std::string&)>;

/// Runs `bangfu COMMAND ARGS… --seconds S --address-space N` (the executable set by
/// setWorkerExecutable), sends `input`, and returns the worker's reply. Messages
/// the job posts meanwhile are given to `onMessage`, in order, on this thread; if
/// it throws, the worker is killed and the exception goes on. Throws
/// BudgetExceeded past the deadline (the worker's process group killed), when the
/// worker ran out of its address space, or when it died otherwise;
/// std::runtime_error (with the worker's message) when the job itself threw.
std::string runBounded(const std::string& command, const std::vector<std::string>& args,
                       const std::string& input, const Budget& budget,
                       const MessageSink& onMessage = nullptr);

/// A job: its input, and where to post messages (safe from any thread); returns the answer.
using BoundedWork = std::function<std::string(const std::string& input, const MessageSink& post)>;

/// The worker's side (the hidden subcommand): reads --seconds and --address-space
/// from `args`, sets the limits, reads the input on kWorkerFd, answers with
/// `work(input, post)` and returns the exit status. An allocation beyond the cap
/// ends the process with kOutOfMemoryExit.
int serveBounded(const std::vector<std::string>& args, const BoundedWork& work);

/// The worker's exit status when an allocation failed under its cap.
inline constexpr int kOutOfMemoryExit = 86;

}  // namespace bangfu::worker
