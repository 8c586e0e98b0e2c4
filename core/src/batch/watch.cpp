#include <Poco/Path.h>
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <set>
#include <stdexcept>

#include "bangfu/batch/build.hpp"

namespace bangfu::batch {

namespace {

/// Watches the folders of a set of files: editors often save by writing a new
/// file and renaming it over the old one, which a watch on the file itself misses.
class FolderWatch : public ChangeSource {
 public:
  FolderWatch() : fd_(::inotify_init1(IN_CLOEXEC | IN_NONBLOCK)) {
    if (fd_ < 0) throw std::runtime_error(std::string("inotify_init1: ") + std::strerror(errno));
  }
  ~FolderWatch() override { ::close(fd_); }
  FolderWatch(const FolderWatch&) = delete;
  FolderWatch& operator=(const FolderWatch&) = delete;

  void watchFiles(const std::vector<std::string>& files) override {
    for (const auto& [wd, dir] : dirs_) ::inotify_rm_watch(fd_, wd);
    dirs_.clear();
    files_.clear();
    std::set<std::string> folders;
    for (const auto& f : files) {
      const Poco::Path p(f);
      folders.insert(p.parent().toString());
      files_.insert(p.toString());
    }
    for (const auto& dir : folders) {
      const int wd =
          ::inotify_add_watch(fd_, dir.c_str(), IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE);
      if (wd >= 0) dirs_[wd] = dir;
    }
  }

  bool waitForChange(int timeoutMs) override {
    pollfd p{fd_, POLLIN, 0};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    for (;;) {
      int left = timeoutMs;
      if (timeoutMs >= 0) {
        left = static_cast<int>(
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now())
                .count());
        if (left < 0) left = 0;
      }
      const int r = ::poll(&p, 1, left);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) return false;
      if (drain()) return true;
      if (timeoutMs >= 0 && left == 0) return false;
    }
  }

 private:
  bool drain() {
    bool hit = false;
    alignas(inotify_event) char buf[16384];
    for (;;) {
      const ssize_t n = ::read(fd_, buf, sizeof buf);
      if (n <= 0) break;
      for (ssize_t off = 0; off < n;) {
        const auto* e = reinterpret_cast<const inotify_event*>(buf + off);
        auto dir = dirs_.find(e->wd);
        if (dir != dirs_.end() && e->len > 0) {
          const std::string path =
              Poco::Path(Poco::Path::forDirectory(dir->second), std::string(e->name)).toString();
          if (files_.count(path)) hit = true;
        }
        off += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
      }
    }
    return hit;
  }

  int fd_;
  std::map<int, std::string> dirs_;
  std::set<std::string> files_;
};

}  // namespace

void watch(const std::string& projectDir, const WatchOptions& options, const std::function<void()>& rebuild) {
  FolderWatch folders;
  watch(projectDir, options, folders, rebuild);
}

void watch(const std::string& projectDir, const WatchOptions& options, ChangeSource& w,
           const std::function<void()>& rebuild) {
  std::vector<std::string> inputs;
  auto refresh = [&] {
    try {
      inputs = projectInputs(projectDir, options.outputDir);
    } catch (const std::exception&) {
      // A broken project file: keep watching what was watched (and the file itself).
      if (inputs.empty())
        inputs.push_back(Poco::Path(projectDir).makeAbsolute().toString() + "/" + kProjectFile);
    }
    w.watchFiles(inputs);
  };
  refresh();
  if (options.onWatching) options.onWatching();
  for (int rebuilds = 0; options.maxRebuilds < 0 || rebuilds < options.maxRebuilds;) {
    if (!w.waitForChange(-1)) continue;
    // Debounce: a burst of saves (an editor's write + rename, a script saving
    // several files) settles before one rebuild.
    while (w.waitForChange(options.debounceMs)) {
    }
    rebuild();
    ++rebuilds;
    refresh();
  }
}

}  // namespace bangfu::batch
