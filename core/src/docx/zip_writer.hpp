#pragma once
/// A minimal, byte-stable ZIP writer for OOXML packages (APPNOTE 6.3.x subset):
/// deflate (zlib level 6, raw) or stored entries, fixed DOS timestamps, no extra
/// fields, no data descriptors, entries in the order they are added.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include <zlib.h>

namespace bangfu::docx {

class ZipWriter {
 public:
  /// `epoch` (seconds since 1970, UTC) becomes every entry's DOS time; times
  /// before 1980-01-01 (the DOS epoch) are clamped to it.
  explicit ZipWriter(long long epoch);
  ~ZipWriter();
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  /// Adds a whole part, deflated.
  void addPart(std::string_view name, std::string_view bytes);

  /// Streams one deflated part: begin, write any number of chunks, end.
  /// Throws std::logic_error when entries are nested.
  void beginPart(std::string_view name);
  void write(std::string_view chunk);
  /// As write(), but CRC and deflate run on a worker thread while the caller
  /// builds the next chunk: on two cores the DOCX body's XML and its compression
  /// overlap. The archive bytes are the same as with write() (zlib's output does
  /// not depend on how Z_NO_FLUSH input is split). Errors surface in endPart().
  void writeAsync(std::string chunk);
  void endPart();

  /// Writes the central directory and returns the archive bytes.
  std::string finish();

 private:
  struct Entry {
    std::string name;
    std::uint32_t crc = 0;
    std::uint64_t compressed = 0;
    std::uint64_t size = 0;
    std::uint64_t offset = 0;
  };
  void deflateChunk(std::string_view chunk, int flush);
  void consume(std::string_view chunk);  // crc, size, deflate
  void workerLoop();
  void joinWorker();  // waits until every queued chunk is deflated

  /// Chunks waiting for the worker: enough to keep it busy, few enough that
  /// memory stays flat however large the table.
  static constexpr std::size_t kMaxQueued = 2;
  std::thread worker_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> queue_;
  bool stopping_ = false;
  std::exception_ptr workerError_;

  std::string out_;
  std::string entries_;  // central directory records, built as parts end
  std::size_t count_ = 0;
  Entry current_;
  bool open_ = false;
  z_stream zs_{};
  std::uint16_t dosTime_ = 0;
  std::uint16_t dosDate_ = 0;
};

/// DOS date and time (APPNOTE 4.4.6) of a Unix time, UTC, clamped to 1980–2107.
void dosDateTime(long long epoch, std::uint16_t& date, std::uint16_t& time);

}  // namespace bangfu::docx
