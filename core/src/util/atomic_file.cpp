#include "bangfu/util/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace bangfu::util {

namespace {
std::runtime_error ioError(const std::string& what, const std::string& path) {
  return std::runtime_error(what + " " + path + ": " + std::strerror(errno));
}

std::string tempNameFor(const std::string& target) {
  // Same folder as the target, so rename(2) is atomic; pid keeps parallel runs apart.
  static std::atomic<unsigned> counter{0};  // builds write outputs from several threads
  const auto slash = target.find_last_of('/');
  const std::string dir = slash == std::string::npos ? "" : target.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? target : target.substr(slash + 1);
  return dir + "." + base + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
}

bool sameBytes(const std::string& path, std::string_view bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  in.seekg(0, std::ios::end);
  if (static_cast<std::size_t>(in.tellg()) != bytes.size()) return false;
  in.seekg(0);
  std::string old(bytes.size(), '\0');
  in.read(old.data(), static_cast<std::streamsize>(old.size()));
  return in && old == bytes;
}

void writeNew(const std::string& path, std::string_view bytes, Durability durability) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw ioError("cannot create", path);
  std::size_t off = 0;
  while (off < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      ::unlink(path.c_str());
      throw ioError("cannot write", path);
    }
    off += static_cast<std::size_t>(n);
  }
  const bool synced = durability == Durability::Deferred || ::fsync(fd) == 0;
  if (::close(fd) != 0 || !synced) {
    ::unlink(path.c_str());
    throw ioError("cannot sync", path);
  }
}
}  // namespace

WriteResult writeFileAtomic(const std::string& path, std::string_view bytes, Durability durability) {
  if (sameBytes(path, bytes)) return WriteResult::Unchanged;
  const std::string temp = tempNameFor(path);
  writeNew(temp, bytes, durability);
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    ::unlink(temp.c_str());
    throw ioError("cannot replace", path);
  }
  return WriteResult::Written;
}

void syncFileSystemOf(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw ioError("cannot open", path);
  const bool ok = ::syncfs(fd) == 0;
  ::close(fd);
  if (!ok) throw ioError("cannot sync the file system of", path);
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ioError("cannot open", path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
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

TempOutput::TempOutput(std::string target, Durability durability)
    : target_(std::move(target)), temp_(tempNameFor(target_)), durability_(durability) {}

TempOutput::~TempOutput() {
  if (!done_) ::unlink(temp_.c_str());
}

WriteResult TempOutput::commit() {
  done_ = true;
  const std::string bytes = readFile(temp_);
  if (sameBytes(target_, bytes)) {
    ::unlink(temp_.c_str());
    return WriteResult::Unchanged;
  }
  if (durability_ == Durability::SyncEachFile) {
    const int fd = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
      ::fsync(fd);
      ::close(fd);
    }
  }
  if (::rename(temp_.c_str(), target_.c_str()) != 0) {
    ::unlink(temp_.c_str());
    throw ioError("cannot replace", target_);
  }
  return WriteResult::Written;
}

}  // namespace bangfu::util
