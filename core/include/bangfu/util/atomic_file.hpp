#pragma once
/// Atomic, byte-stable output: write to a temporary file in the target folder,
/// fsync, then rename over the target. A failed or killed run leaves the previous
/// file as it was. If the new bytes equal the old, nothing is written (mtime kept).
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

/// Throws std::runtime_error naming the path on I/O failure.
WriteResult writeFileAtomic(const std::string& path, std::string_view bytes,
                            Durability durability = Durability::SyncEachFile);

/// Flushes everything written to the file system that holds `path` (syncfs(2)),
/// for writes made with Durability::Deferred. Throws std::runtime_error on failure.
void syncFileSystemOf(const std::string& path);

/// Reads a whole file; throws std::runtime_error naming the path on failure.
std::string readFile(const std::string& path);

/// Seconds since the epoch for output timestamps: SOURCE_DATE_EPOCH when set,
/// else the notice date (2019年5月30日 → 2019-05-30T00:00:00Z), else 2000-01-01.
long long outputEpoch(const std::string& noticeDate);

}  // namespace bangfu::util

namespace bangfu::util {

/// A temporary file beside `target` for writers that need a path (libxlsxwriter,
/// LibreOffice). commit() renames it over the target (or drops it when the bytes
/// are unchanged); the destructor removes it if commit() was never reached.
class TempOutput {
 public:
  explicit TempOutput(std::string target, Durability durability = Durability::SyncEachFile);
  ~TempOutput();
  TempOutput(const TempOutput&) = delete;
  TempOutput& operator=(const TempOutput&) = delete;

  [[nodiscard]] const std::string& path() const { return temp_; }
  [[nodiscard]] const std::string& target() const { return target_; }
  WriteResult commit();

 private:
  std::string target_;
  std::string temp_;
  Durability durability_;
  bool done_ = false;
};

}  // namespace bangfu::util
