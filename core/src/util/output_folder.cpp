#include "bangfu/util/output_folder.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <memory>
#include <vector>

namespace bangfu::util {

namespace {

/// NAME_MAX and PATH_MAX of Linux file systems (limits.h).
constexpr std::size_t kMaxComponentBytes = 255;
constexpr std::size_t kMaxPathBytes = 4095;
/// Folders below the output root that removeStaleTemps() descends into.
constexpr int kMaxStaleDepth = 16;

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

/// Closes a descriptor on scope exit.
struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int release() {
    const int f = fd;
    fd = -1;
    return f;
  }
};

std::vector<std::string> componentsOf(const std::string& rel) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const auto slash = rel.find('/', start);
    parts.push_back(rel.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return parts;
}

/// Length of the UTF-8 sequence starting at s[i], or 0 when it is not one.
std::size_t utf8Length(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  if (b < 0x80U) return 1;
  if (b >= 0xC2U && b <= 0xDFU)
    n = 2;
  else if (b >= 0xE0U && b <= 0xEFU)
    n = 3;
  else if (b >= 0xF0U && b <= 0xF4U)
    n = 4;
  else
    return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0U) != 0x80U) return 0;
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  if (b == 0xE0U && b1 < 0xA0U) return 0;   // overlong
  if (b == 0xEDU && b1 >= 0xA0U) return 0;  // surrogate
  if (b == 0xF0U && b1 < 0x90U) return 0;   // overlong
  if (b == 0xF4U && b1 >= 0x90U) return 0;  // above U+10FFFF
  return n;
}

bool isControl(std::string_view s, std::size_t i, std::size_t len) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (len == 1) return b < 0x20U || b == 0x7FU;
  // U+0080–U+009F (C1 controls) are C2 80 – C2 9F.
  return len == 2 && b == 0xC2U && static_cast<unsigned char>(s[i + 1]) <= 0x9FU;
}

/// Why openat(parent, name, O_DIRECTORY|O_NOFOLLOW) failed, thrown: a link
/// (ELOOP, or ENOTDIR for a link to a folder on some kernels), a file that is
/// not a folder, or an I/O error.
[[noreturn]] void refuseOrThrow(int parent, const std::string& name, const std::string& rel,
                                const std::string& shown) {
  const int err = errno;
  struct stat st {};
  if (::fstatat(parent, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
    if (S_ISLNK(st.st_mode)) throw PathRefused(PathFault::Symlink, rel, shown);
    if (!S_ISDIR(st.st_mode)) throw PathRefused(PathFault::NotFolder, rel, shown);
  }
  throw IoError("无法打开文件夹", "cannot open the folder", shown, err);
}

}  // namespace

PathFault checkRelativePath(std::string_view rel) {
  if (rel.empty()) return PathFault::Empty;
  if (rel.front() == '/') return PathFault::Absolute;
  for (std::size_t i = 0; i < rel.size();) {
    const std::size_t len = utf8Length(rel, i);
    if (len == 0) return PathFault::BadUtf8;
    if (isControl(rel, i, len)) return PathFault::ControlCharacter;
    i += len;
  }
  if (rel.size() > kMaxPathBytes) return PathFault::TooLong;
  std::size_t start = 0;
  for (;;) {
    const auto slash = rel.find('/', start);
    const std::string_view part =
        rel.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (part.empty() || part == "." || part == "..") return PathFault::DotComponent;
    if (part.size() > kMaxComponentBytes) return PathFault::TooLong;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return PathFault::None;
}

const char* describe(PathFault fault, bool english) {
  switch (fault) {
    case PathFault::None:
      return english ? "is acceptable" : "可以使用";
    case PathFault::Empty:
      return english ? "is empty" : "为空";
    case PathFault::Absolute:
      return english ? "is absolute (starts with '/')" : "是绝对路径（以 / 开头）";
    case PathFault::DotComponent:
      return english ? "has an empty, '.' or '..' part" : "含有空的、“.”或“..”的一段";
    case PathFault::ControlCharacter:
      return english ? "contains a control character" : "含有控制字符";
    case PathFault::BadUtf8:
      return english ? "is not UTF-8 text" : "不是 UTF-8 文本";
    case PathFault::TooLong:
      return english ? "is too long" : "过长";
    case PathFault::Symlink:
      return english ? "passes through a symbolic link" : "经过符号链接";
    case PathFault::NotFolder:
      return english ? "passes through a file that is not a folder" : "经过一个不是文件夹的文件";
  }
  return "";
}

std::string printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t len = utf8Length(text, i);
    if (len == 0 || isControl(text, i, len)) {
      const std::size_t n = len == 0 ? 1 : len;
      for (std::size_t k = 0; k < n; ++k) {
        const auto b = static_cast<unsigned char>(text[i + k]);
        out += "\\x";
        out += kHex[b >> 4];
        out += kHex[b & 0xFU];
      }
      i += n;
      continue;
    }
    out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

PathRefused::PathRefused(PathFault fault, std::string rel, const std::string& shownAs)
    : std::invalid_argument("输出路径“" + printable(shownAs) + "”" + describe(fault, false)),
      fault_(fault),
      rel_(std::move(rel)),
      en_("output path '" + printable(shownAs) + "' " + describe(fault, true)) {}

std::string makeFolderWithin(const std::string& base, const std::string& rel) {
  if (const PathFault f = checkRelativePath(rel); f != PathFault::None) throw PathRefused(f, rel, rel);
  Fd fd(::open(base.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.fd < 0) {
    const int err = errno;
    throw IoError("无法打开文件夹", "cannot open the folder", base, err);
  }
  std::string done;
  for (const auto& part : componentsOf(rel)) {
    done += (done.empty() ? "" : "/") + part;
    int next = ::openat(fd.fd, part.c_str(), kDirFlags);
    if (next < 0 && errno == ENOENT) {
      if (::mkdirat(fd.fd, part.c_str(), 0755) != 0 && errno != EEXIST) {
        const int err = errno;
        throw IoError("无法建立文件夹", "cannot create the folder", base + "/" + done, err);
      }
      next = ::openat(fd.fd, part.c_str(), kDirFlags);
    }
    if (next < 0) refuseOrThrow(fd.fd, part, rel, base + "/" + done);
    ::close(fd.release());
    fd.fd = next;
  }
  return base + "/" + rel;
}

bool resolvesWithin(const std::string& inner, const std::string& outer) {
  std::unique_ptr<char, decltype(&std::free)> a(::realpath(inner.c_str(), nullptr), &std::free);
  std::unique_ptr<char, decltype(&std::free)> b(::realpath(outer.c_str(), nullptr), &std::free);
  if (!a || !b) return false;
  const std::string in = a.get();
  std::string out = b.get();
  if (in == out) return true;
  if (out.back() != '/') out += '/';
  return in.rfind(out, 0) == 0;
}

OutputFolder::OutputFolder(std::string root) : root_(std::move(root)) {
  while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
  rootFd_ = ::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (rootFd_ < 0) {
    const int err = errno;
    throw IoError("无法打开输出文件夹", "cannot open the output folder", root_, err);
  }
}

OutputFolder::~OutputFolder() {
  for (const auto& [rel, fd] : folders_) ::close(fd);
  if (rootFd_ >= 0) ::close(rootFd_);
}

int OutputFolder::openParent(const std::string& rel, bool create) {
  const auto parts = componentsOf(rel);
  int fd = rootFd_;
  std::string done;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    done += (done.empty() ? "" : "/") + parts[i];
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (const auto it = folders_.find(done); it != folders_.end()) {
        fd = it->second;
        continue;
      }
    }
    int next = ::openat(fd, parts[i].c_str(), kDirFlags);
    if (next < 0 && errno == ENOENT) {
      if (!create) return -1;  // errno is ENOENT
      if (::mkdirat(fd, parts[i].c_str(), 0755) == 0) {
        std::lock_guard<std::mutex> lock(mutex_);
        created_.insert(done);
      } else if (errno != EEXIST) {
        const int err = errno;
        throw IoError("无法建立文件夹", "cannot create the folder", pathOf(done), err);
      }
      next = ::openat(fd, parts[i].c_str(), kDirFlags);
    }
    if (next < 0) refuseOrThrow(fd, parts[i], rel, pathOf(done));
    std::lock_guard<std::mutex> lock(mutex_);
    const auto [it, inserted] = folders_.emplace(done, next);
    if (!inserted) ::close(next);  // another thread opened it meanwhile
    fd = it->second;
  }
  return fd;
}

void OutputFolder::forget(const std::string& dir) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = folders_.begin(); it != folders_.end();) {
    if (it->first == dir || it->first.rfind(dir + "/", 0) == 0) {
      ::close(it->second);
      it = folders_.erase(it);
    } else {
      ++it;
    }
  }
}

std::string OutputFolder::prepare(const std::string& rel) {
  if (const PathFault f = checkRelativePath(rel); f != PathFault::None) throw PathRefused(f, rel, rel);
  (void)openParent(rel, true);
  return pathOf(rel);
}

std::set<std::string> OutputFolder::created() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return created_;
}

WriteResult OutputFolder::write(const std::string& rel, std::string_view bytes, Durability durability) {
  return writeFileAtomic(prepare(rel), bytes, durability);
}

bool OutputFolder::statFile(const std::string& rel, struct stat& st) {
  if (checkRelativePath(rel) != PathFault::None) return false;
  int parent = -1;
  try {
    parent = openParent(rel, false);
  } catch (const std::exception&) {
    return false;
  }
  if (parent < 0) return false;
  const std::string leaf = componentsOf(rel).back();
  return ::fstatat(parent, leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode);
}

OutputFolder::Removal OutputFolder::removeFile(const std::string& rel,
                                               const std::function<bool(int, const struct stat&)>& isOurs) {
  if (const PathFault f = checkRelativePath(rel); f != PathFault::None) throw PathRefused(f, rel, rel);
  const int dir = openParent(rel, false);
  if (dir < 0) return Removal::Missing;
  const std::string leaf = componentsOf(rel).back();
  Fd file(::openat(dir, leaf.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
  if (file.fd < 0) {
    const int err = errno;
    if (err == ENOENT) return Removal::Missing;
    if (err == ELOOP) return Removal::Kept;  // a symlink: not a file we wrote
    throw IoError("无法打开", "cannot open", pathOf(rel), err);
  }
  struct stat st {};
  if (::fstat(file.fd, &st) != 0 || !S_ISREG(st.st_mode) || !isOurs(file.fd, st)) return Removal::Kept;
  if (::unlinkat(dir, leaf.c_str(), 0) != 0) {
    const int err = errno;
    if (err == ENOENT) return Removal::Missing;
    throw IoError("无法删除", "cannot remove", pathOf(rel), err);
  }
  return Removal::Removed;
}

void OutputFolder::pruneParents(const std::string& rel, std::set<std::string>& removable) {
  std::string dir = rel;
  for (auto slash = dir.find_last_of('/'); slash != std::string::npos; slash = dir.find_last_of('/')) {
    dir.resize(slash);
    if (removable.count(dir) == 0) return;
    int parent = -1;
    try {
      parent = openParent(dir, false);
    } catch (const std::exception&) {
      return;
    }
    if (parent < 0) {
      removable.erase(dir);  // already gone
      continue;
    }
    const std::string leaf = componentsOf(dir).back();
    forget(dir);
    if (::unlinkat(parent, leaf.c_str(), AT_REMOVEDIR) != 0) {
      if (errno == ENOENT) {
        removable.erase(dir);
        continue;
      }
      return;  // not empty (or not ours to remove): the folders above are not empty either
    }
    removable.erase(dir);
  }
}

namespace {

/// Removes the regular files in the staging folder `name` of `parent`, then the folder.
void removeStage(int parent, const char* name) {
  Fd fd(::openat(parent, name, kDirFlags));
  if (fd.fd < 0) return;
  DIR* d = ::fdopendir(fd.fd);
  if (d == nullptr) return;
  fd.release();
  while (const dirent* e = ::readdir(d)) {
    const std::string_view n = e->d_name;
    if (n == "." || n == "..") continue;
    struct stat st {};
    if (::fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(st.st_mode))
      ::unlinkat(::dirfd(d), e->d_name, 0);
  }
  ::closedir(d);
  ::unlinkat(parent, name, AT_REMOVEDIR);
}

void removeStaleIn(int dirFd, int depth) {
  DIR* d = ::fdopendir(dirFd);
  if (d == nullptr) {
    ::close(dirFd);
    return;
  }
  std::vector<std::string> subdirs;
  while (const dirent* e = ::readdir(d)) {
    const std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    const bool temp = isTemporaryName(name);
    unsigned char type = e->d_type;
    if (type == DT_UNKNOWN) {  // file systems that do not fill d_type
      struct stat st {};
      if (::fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
      type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_LNK;
    }
    if (temp && type == DT_REG) {
      ::unlinkat(::dirfd(d), e->d_name, 0);
    } else if (temp && type == DT_DIR && name.rfind(".bangfu-stage-", 0) == 0) {
      removeStage(::dirfd(d), e->d_name);
    } else if (type == DT_DIR && depth < kMaxStaleDepth) {
      subdirs.emplace_back(name);
    }
  }
  for (const auto& s : subdirs) {
    const int sub = ::openat(::dirfd(d), s.c_str(), kDirFlags);
    if (sub >= 0) removeStaleIn(sub, depth + 1);
  }
  ::closedir(d);
}

}  // namespace

void OutputFolder::removeStaleTemps() {
  // A new open file description: a dup() would share the directory offset.
  const int fd = ::openat(rootFd_, ".", kDirFlags);
  if (fd >= 0) removeStaleIn(fd, 0);
}

}  // namespace bangfu::util
