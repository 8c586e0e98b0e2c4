#pragma once
/// Atomic, byte-stable output: write to a temporary file in the target folder,
/// fsync, then rename over the target. A failed or killed run leaves the previous
/// file as it was. If the new bytes equal the old, nothing is written (mtime kept).
///
/// Safety (docs/security.md "Temporary files"): a temporary file is created with
/// O_CREAT|O_EXCL|O_NOFOLLOW under a name with 64 random bits (getrandom(2)), so a
/// file or symlink planted at a guessed name is never opened; a symlink at the
/// target is replaced by rename(2), never followed, and is not read to compare.
#include <stdexcept>
#include <string>
#include <string_view>

namespace bangfu::util {

enum class WriteResult { Written, Unchanged };

/// When a written file's bytes reach the disk. Either way the rename is atomic,
/// so a killed process leaves the old file or the new one, never a torn one.
enum class Durability {
  /// fsync before the rename: the new file survives a power cut once written.
  SyncEachFile,
  /// No fsync: the caller calls syncFileSystemOf() before it records the file
  /// anywhere (the batch build's manifest). One flush for a thousand outputs
  /// instead of a thousand: per-file fsyncs serialised a 2-job build on the disk.
  Deferred,
};

/// A failed system call on a user's file. what() is the Chinese sentence,
/// english() the English one; both name path() (the user's file, never a
/// temporary name of ours) and the reason (errno).
class IoError : public std::runtime_error {
 public:
  /// `zh`/`en`: what could not be done, e.g. "无法写入" / "cannot write".
  IoError(std::string zh, std::string en, std::string path, int error);
  [[nodiscard]] const std::string& english() const { return en_; }
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] int error() const { return error_; }
  /// The reason alone, in Chinese or English ("磁盘空间不足" / "No space left on device").
  [[nodiscard]] std::string reason(bool english) const;
  /// What failed and why, without the path (for a diagnostic already located
  /// at it): "无法写入：磁盘空间不足" / "cannot write: No space left on device".
  [[nodiscard]] std::string unlocated(bool english) const;
  /// The same failure reported against another path (a staged file's target).
  [[nodiscard]] IoError about(const std::string& path) const;

 private:
  std::string zh_;
  std::string enAction_;
  std::string en_;
  std::string path_;
  int error_;
};

/// The reason for errno `error` in Chinese (common file-system errors) or English (strerror).
std::string errorReason(int error, bool english);

/// Throws IoError naming `path` on I/O failure.
WriteResult writeFileAtomic(const std::string& path, std::string_view bytes,
                            Durability durability = Durability::SyncEachFile);

/// Flushes everything written to the file system that holds `path` (syncfs(2)),
/// for writes made with Durability::Deferred. Throws IoError on failure.
void syncFileSystemOf(const std::string& path);

/// Reads a whole file; throws IoError naming the path on failure.
std::string readFile(const std::string& path);
/// Reads the rest of an open file; throws IoError naming `shownAs` on failure.
std::string readFd(int fd, const std::string& shownAs);

/// Seconds since the epoch for output timestamps: SOURCE_DATE_EPOCH when set,
/// else the notice date (2019年5月30日 → 2019-05-30T00:00:00Z), else 2000-01-01.
long long outputEpoch(const std::string& noticeDate);

/// `count` bytes from getrandom(2) (else /dev/urandom) as lowercase hex.
std::string randomHex(std::size_t count);

/// True for the names bangfu's temporary files and folders take beside a target
/// (`.NAME.tmp-<16 hex>`, a staging folder `.bangfu-stage-XXXXXX`, and the
/// `.NAME.tmp-PID-N` of bangfu 0.1), so a build can remove what a killed run left.
bool isTemporaryName(std::string_view name);

}  // namespace bangfu::util

namespace bangfu::util {

/// Where TempOutput stages a file.
enum class Staging {
  /// A private folder in /dev/shm (RAM), when it is usable, else beside the
  /// target. The writer's own failures then stay off the output disk: a full
  /// disk is met by commit(), whose IoError names the user's file, instead of by
  /// libxlsxwriter, whose stderr line would name the staged file. No inode on
  /// the output disk is spent on the folder either.
  Memory,
  /// A private folder beside the target (large files: a constant_memory
  /// workbook), renamed into place without a copy.
  BesideTarget,
};

/// A file for writers that need a path (libxlsxwriter, LibreOffice), inside a
/// private folder made with mkdtemp(3) (mode 0700): no other user can plant a
/// link where the writer's own fopen() will look. commit() puts the file at the
/// target through a temporary of writeFileAtomic's kind (or renames it there
/// from beside the target), or drops it when the bytes are unchanged; the
/// destructor removes the folder and what is in it if commit() was never reached.
class TempOutput {
 public:
  explicit TempOutput(std::string target, Durability durability = Durability::SyncEachFile,
                      Staging staging = Staging::Memory);
  ~TempOutput();
  TempOutput(const TempOutput&) = delete;
  TempOutput& operator=(const TempOutput&) = delete;

  /// Where the writer writes: STAGE/<the target's file name>.
  [[nodiscard]] const std::string& path() const { return temp_; }
  [[nodiscard]] const std::string& target() const { return target_; }
  /// Puts the written bytes in a temporary file beside the target (a no-op when
  /// staged there), ready for commit(): a caller committing several files as
  /// one transaction lands them all first, so the renames are all that is left.
  /// Throws IoError naming the target (a full disk is met here).
  void land();
  /// land() if not done, then the rename over the target. Throws IoError naming the target.
  WriteResult commit();

 private:
  void discard() noexcept;

  std::string target_;
  std::string stage_;
  std::string temp_;
  std::string landed_;  ///< beside the target, renamed over it by commit(); empty before land()
  Durability durability_;
  bool beside_ = false;     ///< the folder is beside the target: the staged file is renamed
  bool unchanged_ = false;  ///< land() found the target holding the same bytes
  bool isLanded_ = false;
  bool done_ = false;
};

}  // namespace bangfu::util
