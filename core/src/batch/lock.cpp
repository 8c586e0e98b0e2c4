#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "bangfu/batch/build.hpp"
#include "bangfu/util/atomic_file.hpp"

namespace bangfu::batch {

ProjectLock::ProjectLock(const std::string& projectDir) {
  const std::string path = projectDir + "/" + kLockFile;
  // Not through a link: the lock file is truncated below, and a copied project
  // could carry .bangfu.lock -> some file of the user's.
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    const int err = errno;
    throw util::IoError("无法打开锁文件", "cannot open the lock file", path, err);
  }
  struct stat st {};
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd_);
    fd_ = -1;
    throw util::IoError("无法打开锁文件", "cannot open the lock file", path, EISDIR);
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    char buf[32] = {};
    const ssize_t n = ::pread(fd_, buf, sizeof buf - 1, 0);
    ::close(fd_);
    fd_ = -1;
    if (err != EWOULDBLOCK) throw util::IoError("无法锁定", "cannot lock", path, err);
    const long pid = n > 0 ? std::strtol(buf, nullptr, 10) : 0;
    throw LockHeld(
        "另一个构建正在进行（pid " + std::to_string(pid) + "），锁文件 " + path,
        "another build of this project is running (pid " + std::to_string(pid) + "); lock file " + path, pid);
  }
  // The pid is informational (the flock is the lock), written after locking so a
  // reader that finds the lock held also finds the holder's pid. A failed write only
  // makes the other side's message vaguer, so its result is not checked.
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) == 0) (void)!::pwrite(fd_, pid.data(), pid.size(), 0);
}

ProjectLock::~ProjectLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the descriptor drops the flock
}

}  // namespace bangfu::batch
