#include "bangfu/worker/render_worker.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <memory>
#include <mutex>
#include <utility>

#include "bangfu/io/scheme_io.hpp"
#include "bangfu/plugin/host.hpp"
#include "bangfu/plugin/render.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "worker/spawn.hpp"
#include "worker/wire.hpp"

namespace bangfu::worker {

namespace {

/// Reply frames: one per appendix, in the order asked, until the first failure.
enum Reply : std::uint8_t { kRendered = 1, kFailed = 2 };

std::mutex gExecutableMutex;
std::string gExecutable;  // set once at start-up, read by every rendering thread

std::string executable() {
  const std::lock_guard<std::mutex> lock(gExecutableMutex);
  return gExecutable;
}

/// One worker process and our end of its socket. Closing the socket ends the
/// worker's loop; the destructor reaps it.
struct Worker {
  pid_t pid = -1;
  int fd = -1;
  Worker() = default;
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;
  ~Worker() {
    if (fd >= 0) ::close(fd);
    if (pid > 0) ::waitpid(pid, nullptr, 0);
  }
  /// After the stream broke: reaps the worker and says how it ended, in Chinese
  /// and in English.
  std::pair<std::string, std::string> death() {
    if (fd >= 0) ::close(fd);
    fd = -1;
    int status = 0;
    const pid_t done = pid > 0 ? ::waitpid(pid, &status, 0) : -1;
    pid = -1;
    if (done > 0 && WIFSIGNALED(status)) {
      const int sig = WTERMSIG(status);
      const char* name = ::strsignal(sig);
      const std::string n = std::to_string(sig) + (name ? std::string(" (") + name + ")" : "");
      return {"崩溃，信号 " + n, "crashed with signal " + n};
    }
    if (done > 0 && WIFEXITED(status)) {
      const std::string code = std::to_string(WEXITSTATUS(status));
      return {"渲染进程意外退出，退出码 " + code, "the render worker exited with status " + code};
    }
    return {"渲染进程已不在", "the render worker is gone"};
  }
};

thread_local std::unique_ptr<Worker> tWorker;  // one per rendering thread (batch build jobs)

std::unique_ptr<Worker> spawnWorker(const std::string& exe) {
  auto w = std::make_unique<Worker>();
  try {
    const Spawned spawned = spawnWorkerProcess(exe, {kWorkerCommand}, false);
    w->pid = spawned.pid;
    w->fd = spawned.fd;
  } catch (const util::IoError& e) {
    throw plugin::PluginError(plugin::PluginError::Code::LoadFailed, e.what(), e.english());
  } catch (const std::runtime_error& e) {
    throw plugin::PluginError(plugin::PluginError::Code::LoadFailed, e.what());
  }
  return w;
}

[[noreturn]] void renderFailed(const std::string& pluginId, const model::AppendixRef& ref,
                               const std::pair<std::string, std::string>& why) {
  throw plugin::PluginError(
      plugin::PluginError::Code::RenderFailed,
      "插件 " + pluginId + " 渲染附件“" + ref.id + "”（" + ref.title + "）时失败：" + why.first,
      "plugin " + pluginId + " failed rendering appendix '" + ref.id + "': " + why.second);
}

}  // namespace

void setWorkerExecutable(std::string path) {
  const std::lock_guard<std::mutex> lock(gExecutableMutex);
  gExecutable = std::move(path);
}

bool isolationEnabled() { return !executable().empty(); }

std::string workerExecutable() { return executable(); }

doc::Notice renderNoticeIsolated(const model::Scheme& scheme, const plugin::JurisdictionPlugin& plugin,
                                 const std::string& pluginId, const std::string& modulePath,
                                 const std::vector<model::AppendixRef>& appendices) {
  const std::string exe = executable();
  if (modulePath.empty() || exe.empty()) return plugin::renderNotice(scheme, plugin, pluginId, appendices);
  doc::Notice notice = plugin::renderNotice(scheme, plugin, pluginId, {});  // the notice's own fields
  if (appendices.empty()) return notice;

  wire::Request request{modulePath, pluginId, scheme.file, io::schemeToCompactJson(scheme), appendices};
  const std::string bytes = wire::encodeRequest(request);
  // A worker kept from an earlier render may have gone since; start one afresh once.
  for (int attempt = 0;; ++attempt) {
    if (!tWorker) tWorker = spawnWorker(exe);
    if (wire::writeFrame(tWorker->fd, bytes)) break;
    tWorker.reset();
    if (attempt > 0)
      renderFailed(pluginId, appendices.front(),
                   {"渲染进程不接收请求", "the render worker takes no request"});
  }
  for (const auto& ref : appendices) {
    std::string frame;
    bool got = false;
    try {
      got = wire::readFrame(tWorker->fd, frame);
    } catch (const wire::WireError&) {
      got = false;
    }
    if (!got || frame.empty()) {
      const auto why = tWorker->death();
      tWorker.reset();
      renderFailed(pluginId, ref, why);
    }
    wire::Reader reader(std::string_view(frame).substr(1));
    try {
      if (static_cast<std::uint8_t>(frame[0]) == kFailed) {
        const std::string zh = reader.str();
        throw plugin::PluginError(plugin::PluginError::Code::RenderFailed, zh, reader.str());
      }
      notice.appendices.push_back(wire::readAppendix(reader));
    } catch (const wire::WireError& e) {
      tWorker.reset();  // out of step with us: never reuse it
      renderFailed(pluginId, ref, {e.what(), e.what()});
    }
  }
  return notice;
}

int runRenderWorker() {
  plugin::PluginHost host(std::vector<std::string>{});
  std::string frame;
  try {
    while (wire::readFrame(kWorkerFd, frame)) {
      const wire::Request q = wire::decodeRequest(frame);
      auto fail = [](const std::string& zh, const std::string& en) {  // the parent shows the locale's one
        wire::Writer w;
        w.u8(kFailed);
        w.str(zh);
        w.str(en);
        return wire::writeFrame(kWorkerFd, w.bytes());
      };
      try {
        // host.get checks the module's metadata again before it loads anything.
        const plugin::JurisdictionPlugin& plug = host.get(q.modulePath);
        diag::Diagnostics ignored;  // the parent has validated this scheme already
        model::Scheme scheme = io::parseSchemeJson(q.schemeJson, q.schemeFile, ignored);
        scheme.file = q.schemeFile;
        for (const auto& ref : q.appendices) {
          const doc::Notice one = plugin::renderNotice(scheme, plug, q.pluginId, {ref});
          wire::Writer w;
          w.u8(kRendered);
          wire::writeAppendix(w, one.appendices.at(0));
          if (!wire::writeFrame(kWorkerFd, w.bytes())) return 1;
        }
      } catch (const plugin::PluginError& e) {
        if (!fail(e.what(), e.english())) return 1;
      } catch (const std::exception& e) {
        if (!fail(e.what(), e.what())) return 1;
      }
    }
  } catch (const wire::WireError&) {
    return 1;
  }
  return 0;
}

}  // namespace bangfu::worker
