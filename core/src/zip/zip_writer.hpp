#pragma once
/// A minimal, byte-stable ZIP writer for OOXML packages (APPNOTE 6.3.x subset):
/// deflate (zlib level 6, raw) or stored entries, fixed DOS timestamps, no extra
/// fields, no data descriptors, entries in the order they are added.
#include <zlib.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace bangfu::zip {

/// A run of deflate blocks, none of them final, ending on a byte boundary (a sync
/// flush, RFC 1951 3.2.3), with the CRC-32 and length of the text it holds and
/// that text's last 32 KiB. It is the middle of a part whose beginning is known
/// only later (an XLSX sheet's rows, deflated while the writer works, before
/// libxlsxwriter writes the sheet's head): ZipWriter::addSplicedPart joins them.
struct DeflatedPiece {
  /// The deflated bytes in the pieces they were made in, one after the other (a
  /// list, not one string: the piece of a large sheet grows by megabytes, and a
  /// growing string would hold twice its size each time it moves).
  std::vector<std::string> deflated;
  std::uint32_t crc = 0;
  std::uint64_t size = 0;
  std::string window;  ///< the text's last 32 KiB (all of it when shorter)
};

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
  /// As write(), but the chunk is deflated on a worker thread while the caller
  /// builds the next one, and chunks are deflated in parallel on all cores (the
  /// pigz scheme: each chunk is its own raw deflate stream primed with the last
  /// 32 KiB of the chunk before it as dictionary, ended by a sync flush so the
  /// streams join byte-aligned into one valid deflate stream; CRCs are joined
  /// with crc32_combine). The bytes depend only on where the chunks split, not
  /// on the number of threads or their timing. Errors surface in endPart().
  void writeAsync(std::string chunk);
  void endPart();

  /// A piece instead of a part: write() and writeAsync() fill it, endPiece()
  /// returns it, and nothing of it goes into the archive.
  void beginPiece();
  DeflatedPiece endPiece();

  /// A part made of `head`, then `middle` as it was deflated, then `tail`. The
  /// tail's stream starts with the middle's last 32 KiB as its dictionary.
  void addSplicedPart(std::string_view name, std::string_view head, const DeflatedPiece& middle,
                      std::string_view tail);

  /// A part deflated elsewhere (raw deflate with its CRC-32 and length), copied.
  void addDeflatedPart(std::string_view name, std::string_view deflated, std::uint32_t crc,
                       std::uint64_t size);

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
  /// One chunk of a part deflated in parallel.
  struct Job {
    std::string data;
    std::string dictionary;  ///< the last 32 KiB of the part before `data`
    std::string deflated;
    std::size_t size = 0;
    std::uint32_t crc = 0;
    bool done = false;
  };
  void deflateChunk(std::string_view chunk, int flush);
  void consume(std::string_view chunk);  // crc, size, deflate on zs_ (serial parts)
  void rememberTail(std::string_view chunk);
  void workerLoop();
  void appendDone(bool wait);  // moves finished jobs, in order, into out_
  void stopWorkers();
  void drainChunks();  // waits for the chunks in flight, appends them in order
  void closeEntry();   // patches the local header, adds the central directory record

  /// Chunks in flight: enough to keep every core busy, few enough that memory
  /// stays flat however large the table.
  std::size_t maxInFlight_ = 0;
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::shared_ptr<Job>> inFlight_;  // in part order
  std::deque<std::shared_ptr<Job>> todo_;      // not yet taken by a worker
  bool stopping_ = false;
  std::exception_ptr workerError_;
  bool parallel_ = false;  // the open part is being deflated in chunks
  std::string tail_;       // the last 32 KiB written to the open part

  std::string out_;
  std::string entries_;  // central directory records, built as parts end
  std::size_t count_ = 0;
  Entry current_;
  bool open_ = false;
  bool piece_ = false;                    // the open stream is a piece (beginPiece), not a part
  std::vector<std::string> pieceChunks_;  // the open piece's bytes made so far
  void takePieceBytes();                  // moves out_'s bytes of the piece into pieceChunks_
  z_stream zs_{};
  std::uint16_t dosTime_ = 0;
  std::uint16_t dosDate_ = 0;
};

/// DOS date and time (APPNOTE 4.4.6) of a Unix time, UTC, clamped to 1980–2107.
void dosDateTime(long long epoch, std::uint16_t& date, std::uint16_t& time);

}  // namespace bangfu::zip
