#include "bangfu/util/atomic_file.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <regex>
#include <string>
#include <vector>

namespace bangfu::util {

namespace {

/// Tries at new random names before giving up: a collision of 64 random bits
/// means someone planted files at the names we draw, not bad luck.
constexpr int kNameAttempts = 16;
/// Bytes of the target's name kept in a temporary name, so the temporary name
/// stays under NAME_MAX (255) for any target name.
constexpr std::size_t kTempStemBytes = 96;
constexpr const char* kStagePrefix = ".bangfu-stage-";
/// RAM-backed, so a staged file costs no inode on the output disk (Staging::Memory).
constexpr const char* kRamDir = "/dev/shm";

std::string folderOf(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

std::string nameOf(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

/// The first `max` bytes of a UTF-8 string, not cutting a character.
std::string utf8Prefix(const std::string& s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0U) == 0x80U) --n;
  return s.substr(0, n);
}

std::string tempNameFor(const std::string& target) {
  // Same folder as the target, so rename(2) is atomic.
  return folderOf(target) + "." + utf8Prefix(nameOf(target), kTempStemBytes) + ".tmp-" + randomHex(8);
}

/// Opens `path` for reading only if it is a regular file reached without
/// following a symlink at its last component; -1 otherwise.
int openRegularNoFollow(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return -1;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return -1;
  }
  return fd;
}

/// True when `path` is a regular file (not a symlink) holding exactly `bytes`.
bool sameBytes(const std::string& path, std::string_view bytes) {
  const int fd = openRegularNoFollow(path);
  if (fd < 0) return false;
  struct stat st {};
  bool same = ::fstat(fd, &st) == 0 && static_cast<std::size_t>(st.st_size) == bytes.size();
  if (same) {
    try {
      same = readFd(fd, path) == bytes;
    } catch (const IoError&) {
      same = false;
    }
  }
  ::close(fd);
  return same;
}

/// Creates a new file at a fresh random name beside `target` and returns its
/// descriptor; `temp` receives the name.
int createTemp(const std::string& target, std::string& temp) {
  for (int attempt = 0; attempt < kNameAttempts; ++attempt) {
    temp = tempNameFor(target);
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd >= 0) return fd;
    const int err = errno;
    if (err != EEXIST) throw IoError("无法写入", "cannot write", target, err);
  }
  throw IoError("无法写入", "cannot write", target, EEXIST);
}

void writeNew(const std::string& target, std::string_view bytes, Durability durability, std::string& temp) {
  const int fd = createTemp(target, temp);
  std::size_t off = 0;
  while (off < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      throw IoError("无法写入", "cannot write", target, err);
    }
    off += static_cast<std::size_t>(n);
  }
  const int synced = durability == Durability::Deferred || ::fsync(fd) == 0 ? 0 : errno;
  const int closed = ::close(fd) == 0 ? 0 : errno;
  if (synced != 0 || closed != 0) {
    ::unlink(temp.c_str());
    throw IoError("无法写入", "cannot write", target, synced != 0 ? synced : closed);
  }
}

struct Reason {
  int error;
  const char* zh;
};

/// The file-system errors a clerk meets, in Chinese; others fall back to strerror.
constexpr Reason kReasons[] = {
    {ENOSPC, "磁盘空间不足"},
    {EDQUOT, "超出磁盘配额"},
    {EACCES, "没有权限"},
    {EPERM, "不允许此操作"},
    {EROFS, "文件系统是只读的"},
    {ENOENT, "文件或文件夹不存在"},
    {ENOTDIR, "路径中有一部分不是文件夹"},
    {EISDIR, "这是一个文件夹"},
    {ELOOP, "路径经过符号链接"},
    {ENAMETOOLONG, "文件名过长"},
    {EEXIST, "同名文件已存在"},
    {EIO, "磁盘读写错误"},
    {EMFILE, "打开的文件过多"},
    {EXDEV, "不在同一个文件系统上"},
};

}  // namespace

std::string errorReason(int error, bool english) {
  if (!english) {
    for (const auto& r : kReasons)
      if (r.error == error) return r.zh;
  }
  return std::strerror(error);
}

IoError::IoError(std::string zh, std::string en, std::string path, int error)
    : std::runtime_error(zh + " " + path + "：" + errorReason(error, false)),
      zh_(std::move(zh)),
      enAction_(std::move(en)),
      en_(enAction_ + " " + path + ": " + errorReason(error, true)),
      path_(std::move(path)),
      error_(error) {}

std::string IoError::unlocated(bool english) const {
  return english ? enAction_ + ": " + reason(true) : zh_ + "：" + reason(false);
}

std::string IoError::reason(bool english) const { return errorReason(error_, english); }

IoError IoError::about(const std::string& path) const { return IoError(zh_, enAction_, path, error_); }

std::string randomHex(std::size_t count) {
  std::vector<unsigned char> bytes(count);
  std::size_t got = 0;
  while (got < count) {
    const ssize_t n = ::getrandom(bytes.data() + got, count - got, 0);
    if (n > 0) {
      got += static_cast<std::size_t>(n);
    } else if (n < 0 && errno != EINTR) {
      break;
    }
  }
  if (got < count) {
    // A kernel without getrandom(2): the same bytes from /dev/urandom.
    FILE* f = std::fopen("/dev/urandom", "rbe");
    if (f == nullptr || std::fread(bytes.data(), 1, count, f) != count) {
      const int err = errno != 0 ? errno : EIO;
      if (f != nullptr) std::fclose(f);
      throw IoError("无法读取随机数", "cannot read random bytes from", "/dev/urandom", err);
    }
    std::fclose(f);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * count);
  for (unsigned char b : bytes) {
    hex += kHex[b >> 4];
    hex += kHex[b & 0xFU];
  }
  return hex;
}

bool isTemporaryName(std::string_view name) {
  if (name.size() < 2 || name[0] != '.') return false;
  if (name.rfind(kStagePrefix, 0) == 0) return name.size() == std::strlen(kStagePrefix) + 6;
  const auto mark = name.rfind(".tmp-");
  if (mark == std::string_view::npos || mark == 0) return false;
  const std::string_view tail = name.substr(mark + 5);
  auto all = [](std::string_view s, auto pred) {
    if (s.empty()) return false;
    for (char c : s)
      if (!pred(static_cast<unsigned char>(c))) return false;
    return true;
  };
  const auto isHex = [](unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); };
  const auto isDigit = [](unsigned char c) { return c >= '0' && c <= '9'; };
  if (tail.size() == 16 && all(tail, isHex)) return true;
  const auto dash = tail.find('-');  // bangfu 0.1: .NAME.tmp-PID-N
  return dash != std::string_view::npos && all(tail.substr(0, dash), isDigit) &&
         all(tail.substr(dash + 1), isDigit);
}

WriteResult writeFileAtomic(const std::string& path, std::string_view bytes, Durability durability) {
  if (sameBytes(path, bytes)) return WriteResult::Unchanged;
  std::string temp;
  writeNew(path, bytes, durability, temp);
  // rename(2) replaces a symlink at `path` itself; it never writes through it.
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    throw IoError("无法替换", "cannot replace", path, err);
  }
  return WriteResult::Written;
}

void syncFileSystemOf(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    throw IoError("无法打开", "cannot open", path, err);
  }
  const int err = ::syncfs(fd) == 0 ? 0 : errno;
  ::close(fd);
  if (err != 0) throw IoError("无法将数据写入磁盘", "cannot flush to disk the file system of", path, err);
}

std::string readFd(int fd, const std::string& shownAs) {
  std::string out;
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      const int err = errno;
      if (err == EINTR) continue;
      throw IoError("无法读取", "cannot read", shownAs, err);
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

std::string readFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    throw IoError("无法打开", "cannot open", path, err);
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw IoError("无法读取", "cannot read", path, EISDIR);
  }
  try {
    std::string bytes = readFd(fd, path);
    ::close(fd);
    return bytes;
  } catch (...) {
    ::close(fd);
    throw;
  }
}

long long outputEpoch(const std::string& noticeDate) {
  if (const char* sde = std::getenv("SOURCE_DATE_EPOCH")) {
    char* end = nullptr;
    const long long v = std::strtoll(sde, &end, 10);
    if (end && *end == '\0' && v >= 0) return v;
  }
  static const std::regex kDate("([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日");
  std::smatch m;
  if (std::regex_search(noticeDate, m, kDate)) {
    std::tm tm{};
    tm.tm_year = std::stoi(m[1].str()) - 1900;
    tm.tm_mon = std::stoi(m[2].str()) - 1;
    tm.tm_mday = std::stoi(m[3].str());
    return static_cast<long long>(timegm(&tm));
  }
  return 946684800;  // 2000-01-01T00:00:00Z
}

TempOutput::TempOutput(std::string target, Durability durability, Staging staging)
    : target_(std::move(target)), durability_(durability) {
  static const bool ramUsable = ::access(kRamDir, W_OK | X_OK) == 0;
  beside_ = staging == Staging::BesideTarget || !ramUsable;
  std::string pattern = (beside_ ? folderOf(target_) : std::string(kRamDir) + "/") + kStagePrefix + "XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    const int err = errno;
    throw IoError("无法写入", "cannot write", target_, err);
  }
  stage_ = pattern;
  temp_ = stage_ + "/" + nameOf(target_);
}

TempOutput::~TempOutput() {
  if (!done_) discard();
}

void TempOutput::discard() noexcept {
  if (!landed_.empty() && landed_ != temp_) ::unlink(landed_.c_str());
  // The folder is ours (mode 0700): whatever a writer left in it goes, but only
  // its direct entries, and a symlink is removed, not followed.
  if (DIR* d = ::opendir(stage_.c_str())) {
    while (const dirent* e = ::readdir(d)) {
      const std::string_view name = e->d_name;
      if (name != "." && name != "..") ::unlinkat(::dirfd(d), e->d_name, 0);
    }
    ::closedir(d);
  }
  ::rmdir(stage_.c_str());
}

void TempOutput::land() {
  if (isLanded_) return;
  isLanded_ = true;
  const int fd = openRegularNoFollow(temp_);
  if (fd < 0) throw IoError("无法写入", "cannot write", target_, EIO);  // the writer left no file
  std::string bytes;
  try {
    bytes = readFd(fd, target_);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (sameBytes(target_, bytes)) {
    ::close(fd);
    unchanged_ = true;
    return;
  }
  if (beside_) {
    const int synced = durability_ == Durability::Deferred || ::fsync(fd) == 0 ? 0 : errno;
    ::close(fd);
    if (synced != 0) throw IoError("无法写入", "cannot write", target_, synced);
    landed_ = temp_;
    return;
  }
  ::close(fd);
  writeNew(target_, bytes, durability_, landed_);
}

WriteResult TempOutput::commit() {
  struct Cleanup {
    TempOutput* self;
    ~Cleanup() {
      self->done_ = true;
      self->discard();
    }
  } cleanup{this};
  land();
  if (unchanged_) return WriteResult::Unchanged;
  // rename(2) replaces a symlink at the target itself; it never writes through it.
  if (::rename(landed_.c_str(), target_.c_str()) != 0) {
    const int err = errno;
    throw IoError("无法替换", "cannot replace", target_, err);
  }
  landed_.clear();
  return WriteResult::Written;
}

}  // namespace bangfu::util
