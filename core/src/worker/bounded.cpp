#include "bangfu/worker/bounded.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <mutex>
#include <new>
#include <thread>

#include "bangfu/worker/render_worker.hpp"
#include "worker/spawn.hpp"
#include "worker/wire.hpp"

// GCC defines __SANITIZE_ADDRESS__, clang (scripts/sanitize.sh) has the feature test.
#if defined(__SANITIZE_ADDRESS__)
#define BANGFU_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BANGFU_UNDER_ASAN 1
#endif
#endif
#ifndef BANGFU_UNDER_ASAN
#define BANGFU_UNDER_ASAN 0
#endif

namespace bangfu::worker {

namespace {

/// Frames from the worker: its answer, the message of what it threw, or a message
/// posted while it works (progress), any number of them before the answer.
enum Reply : std::uint8_t { kDone = 1, kThrew = 2, kPosted = 3 };

/// Extra CPU seconds over the deadline for RLIMIT_CPU: the kernel's own stop for a
/// worker whose parent is gone and cannot kill it any more.
constexpr int kCpuGraceSeconds = 2;

std::string mib(std::size_t bytes) { return std::to_string(bytes >> 20) + " MB"; }

/// Reads the worker's frames until it closes its end, or the deadline passes:
/// each message it posts goes to `onMessage` as it arrives, the last frame (its
/// answer) is kept in `answer`. Returns false at the deadline. A frame over the
/// cap is no frame of ours: reading stops and the answer stays empty (broken).
bool readUntilClosed(int fd, std::chrono::steady_clock::time_point deadline, const MessageSink& onMessage,
                     std::string& answer) {
  std::string pending;
  char chunk[1 << 16];
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now())
            .count();
    if (left <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    const ssize_t k = ::read(fd, chunk, sizeof chunk);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return true;
    pending.append(chunk, static_cast<std::size_t>(k));
    while (pending.size() >= 4) {
      const std::uint32_t n = wire::Reader(std::string_view(pending).substr(0, 4)).u32();
      if (n > wire::kMaxFrameBytes) {
        answer.clear();
        return true;
      }
      if (pending.size() - 4 < n) break;
      std::string frame = pending.substr(4, n);
      pending.erase(0, 4 + std::size_t{n});
      if (!frame.empty() && static_cast<std::uint8_t>(frame[0]) == kPosted) {
        wire::Reader r(frame);
        (void)r.u8();
        if (onMessage) onMessage(r.str());
      } else {
        answer = std::move(frame);
      }
    }
  }
}

[[noreturn]] void outOfMemory() { ::_exit(kOutOfMemoryExit); }

std::string argValue(const std::vector<std::string>& args, const std::string& name) {
  for (std::size_t i = 0; i + 1 < args.size(); ++i)
    if (args[i] == name) return args[i + 1];
  return {};
}

}  // namespace

std::string runBounded(const std::string& command, const std::vector<std::string>& args,
                       const std::string& input, const Budget& budget, const MessageSink& onMessage) {
  const std::string exe = workerExecutable();
  if (exe.empty()) throw std::runtime_error("没有可启动的工作进程 / no worker executable is set");
  std::vector<std::string> all{command};
  all.insert(all.end(), args.begin(), args.end());
  all.insert(all.end(), {"--seconds", std::to_string(budget.seconds), "--address-space",
                         std::to_string(budget.addressSpaceBytes)});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(budget.seconds);
  const Spawned w = spawnWorkerProcess(exe, all, true);
  std::string frame;
  bool inTime = true;
  auto stop = [&w](bool kill) {
    ::close(w.fd);
    if (kill) ::kill(-w.pid, SIGKILL);  // the worker and anything it started in its group
    int status = 0;
    while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
  };
  try {
    if (wire::writeFrame(w.fd, input)) {
      ::shutdown(w.fd, SHUT_WR);
      inTime = readUntilClosed(w.fd, deadline, onMessage, frame);
    }
  } catch (...) {  // the sink threw (its reader is gone): no worker is left behind
    stop(true);
    throw;
  }
  const int status = stop(!inTime);
  if (!inTime)
    throw BudgetExceeded(
        BudgetExceeded::Kind::Time, "处理超过 " + std::to_string(budget.seconds) + " 秒的时限，已停止",
        "the work took longer than its limit of " + std::to_string(budget.seconds) + " s and was stopped");
  if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU)  // RLIMIT_CPU: busy past the deadline
    throw BudgetExceeded(
        BudgetExceeded::Kind::Time, "处理超过 " + std::to_string(budget.seconds) + " 秒的时限，已停止",
        "the work took longer than its limit of " + std::to_string(budget.seconds) + " s and was stopped");
  if (WIFEXITED(status) && WEXITSTATUS(status) == kOutOfMemoryExit)
    throw BudgetExceeded(BudgetExceeded::Kind::Memory,
                         "处理所需内存超过 " + mib(budget.addressSpaceBytes) + " 的上限，已停止",
                         "the work needed more memory than its limit of " + mib(budget.addressSpaceBytes) +
                             " and was stopped");
  if (frame.empty() || !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
    std::string zh = "工作进程意外结束";
    std::string en = "the worker ended unexpectedly";
    if (WIFSIGNALED(status)) {
      const int sig = WTERMSIG(status);
      const char* name = ::strsignal(sig);
      const std::string n = std::to_string(sig) + (name ? std::string(" (") + name + ")" : "");
      zh = "工作进程崩溃，信号 " + n;
      en = "the worker crashed with signal " + n;
    } else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
      zh += "，退出码 " + std::to_string(WEXITSTATUS(status));
      en += " with status " + std::to_string(WEXITSTATUS(status));
    }
    throw BudgetExceeded(BudgetExceeded::Kind::Crashed, zh, en);
  }
  wire::Reader r(frame);
  const std::uint8_t kind = r.u8();
  std::string body = r.str();
  if (kind != kDone) throw std::runtime_error(body);
  return body;
}

int serveBounded(const std::vector<std::string>& args, const BoundedWork& work) {
  // A worker whose server is gone stops with it.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  const int seconds = std::atoi(argValue(args, "--seconds").c_str());
  if (seconds > 0) {
    // CPU time adds up over threads (a build renders on every core): the wall-clock
    // deadline on every core, so this stop never comes before the deadline itself.
    const rlim_t cores = std::max(1u, std::thread::hardware_concurrency());
    const rlimit cpu{static_cast<rlim_t>(seconds + kCpuGraceSeconds) * cores,
                     static_cast<rlim_t>(seconds + 2 * kCpuGraceSeconds) * cores};
    ::setrlimit(RLIMIT_CPU, &cpu);
  }
  const std::size_t bytes = std::strtoull(argValue(args, "--address-space").c_str(), nullptr, 10);
#if BANGFU_UNDER_ASAN
  // AddressSanitizer reserves terabytes of shadow address space: a cap would stop
  // every worker. Under ASan only the deadline bounds a job.
  (void)bytes;
#else
  if (bytes > 0) {
    const rlimit as{static_cast<rlim_t>(bytes), static_cast<rlim_t>(bytes)};
    ::setrlimit(RLIMIT_AS, &as);
  }
#endif
  std::set_new_handler(outOfMemory);
  std::string input;
  try {
    if (!wire::readFrame(kWorkerFd, input)) return 1;
  } catch (const wire::WireError&) {
    return 1;
  }
  std::mutex sending;  // the job may post from several threads
  bool connected = true;
  const MessageSink post = [&](const std::string& message) {
    wire::Writer w;
    w.u8(kPosted);
    w.str(message);
    std::lock_guard<std::mutex> lock(sending);
    if (connected) connected = wire::writeFrame(kWorkerFd, w.bytes());
  };
  wire::Writer reply;
  try {
    const std::string out = work(input, post);
    reply.u8(kDone);
    reply.str(out);
  } catch (const std::bad_alloc&) {
    outOfMemory();
  } catch (const std::exception& e) {
    reply.u8(kThrew);
    reply.str(e.what());
  }
  return wire::writeFrame(kWorkerFd, reply.bytes()) ? 0 : 1;
}

}  // namespace bangfu::worker
