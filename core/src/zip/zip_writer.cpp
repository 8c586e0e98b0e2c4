#include "zip/zip_writer.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "bangfu/util/civil_date.hpp"

namespace bangfu::zip {
namespace {

/// APPNOTE 4.4.5 compression method 8 and 4.4.3 version 2.0 (deflate).
constexpr std::uint16_t kMethodDeflate = 8;
constexpr std::uint16_t kVersionNeeded = 20;
/// Same as floor_deflate (shared/bench-peers): level 6, raw deflate, 32 KiB window.
constexpr int kDeflateLevel = 6;
constexpr int kWindowBits = -15;
constexpr int kMemLevel = 8;
constexpr std::size_t kLocalHeaderSize = 30;
constexpr std::size_t kOutputStep = std::size_t{64} * 1024;
constexpr std::uint64_t kMax32 = 0xFFFFFFFFu;
/// RFC 1951 §3.2.2: back-references reach 32 KiB, so that much of the text
/// before a chunk primes its stream (deflateSetDictionary).
constexpr std::size_t kDictionaryBytes = std::size_t{32} * 1024;
/// The empty stored block a sync flush ends with (00 00 FF FF) plus header bits.
constexpr std::size_t kSyncFlushMarker = 8;
/// More deflate threads than this gain nothing on a part of a few dozen MB.
constexpr unsigned kMaxWorkers = 4;

void put16(std::string& s, std::uint16_t v) {
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>(v >> 8);
}
void put32(std::string& s, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s += static_cast<char>((v >> (8 * i)) & 0xFF);
}
void patch32(std::string& s, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

}  // namespace

void dosDateTime(long long epoch, std::uint16_t& date, std::uint16_t& time) {
  constexpr long long kDosEpoch = 315532800;  // 1980-01-01T00:00:00Z
  constexpr long long kDosLast = 4354819198;  // 2107-12-31T23:59:58Z
  epoch = std::clamp(epoch, kDosEpoch, kDosLast);
  const long long days = epoch / 86400;
  const long long secs = epoch % 86400;
  const util::CivilDate civil = util::civilFromDays(days);
  date = static_cast<std::uint16_t>(((civil.year - 1980) << 9) | (civil.month << 5) | civil.day);
  const auto hh = static_cast<unsigned>(secs / 3600);
  const auto mm = static_cast<unsigned>(secs % 3600 / 60);
  const auto ss = static_cast<unsigned>(secs % 60);
  time = static_cast<std::uint16_t>((hh << 11) | (mm << 5) | (ss / 2));
}

ZipWriter::ZipWriter(long long epoch) {
  dosDateTime(epoch, dosDate_, dosTime_);
  if (deflateInit2(&zs_, kDeflateLevel, Z_DEFLATED, kWindowBits, kMemLevel, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("zlib: deflateInit2 failed");
  }
}

ZipWriter::~ZipWriter() {
  stopWorkers();
  deflateEnd(&zs_);
}

void ZipWriter::stopWorkers() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    todo_.clear();
  }
  changed_.notify_all();
  for (auto& w : workers_) w.join();
  workers_.clear();
  stopping_ = false;
}

void ZipWriter::addPart(std::string_view name, std::string_view bytes) {
  beginPart(name);
  write(bytes);
  endPart();
}

void ZipWriter::beginPart(std::string_view name) {
  if (open_) throw std::logic_error("ZipWriter: part already open");
  open_ = true;
  current_ = Entry{};
  current_.name = std::string(name);
  current_.offset = out_.size();
  current_.crc = static_cast<std::uint32_t>(crc32(0L, Z_NULL, 0));
  put32(out_, 0x04034b50);  // local file header signature
  put16(out_, kVersionNeeded);
  put16(out_, 0);  // flags: no data descriptor, names are ASCII
  put16(out_, kMethodDeflate);
  put16(out_, dosTime_);
  put16(out_, dosDate_);
  put32(out_, 0);  // crc, patched in endPart
  put32(out_, 0);  // compressed size, patched
  put32(out_, 0);  // size, patched
  put16(out_, static_cast<std::uint16_t>(name.size()));
  put16(out_, 0);  // no extra field
  out_.append(name);
  parallel_ = false;
  tail_.clear();
  if (deflateReset(&zs_) != Z_OK) throw std::runtime_error("zlib: deflateReset failed");
}

void ZipWriter::write(std::string_view chunk) {
  if (!open_) throw std::logic_error("ZipWriter: no open part");
  if (chunk.empty()) return;
  if (parallel_) {
    writeAsync(std::string(chunk));  // keep the order of what is already queued
    return;
  }
  consume(chunk);
}

void ZipWriter::consume(std::string_view chunk) {
  current_.crc = static_cast<std::uint32_t>(
      crc32(current_.crc, reinterpret_cast<const Bytef*>(chunk.data()), static_cast<uInt>(chunk.size())));
  current_.size += chunk.size();
  deflateChunk(chunk, Z_NO_FLUSH);
  rememberTail(chunk);
}

void ZipWriter::rememberTail(std::string_view chunk) {
  if (chunk.size() >= kDictionaryBytes) {
    tail_.assign(chunk.substr(chunk.size() - kDictionaryBytes));
    return;
  }
  tail_.append(chunk);
  if (tail_.size() > kDictionaryBytes) tail_.erase(0, tail_.size() - kDictionaryBytes);
}

void ZipWriter::writeAsync(std::string chunk) {
  if (!open_) throw std::logic_error("ZipWriter: no open part");
  if (chunk.empty()) return;
  if (!parallel_) {
    parallel_ = true;
    // What the serial stream already took must end on a byte boundary (a sync
    // flush) before the chunks' streams follow it.
    if (current_.size > 0) deflateChunk({}, Z_SYNC_FLUSH);
    if (workers_.empty()) {
      const unsigned cores = std::clamp(std::thread::hardware_concurrency(), 1u, kMaxWorkers);
      maxInFlight_ = 2 * static_cast<std::size_t>(cores) + 1;
      for (unsigned i = 0; i < cores; ++i) workers_.emplace_back(&ZipWriter::workerLoop, this);
    }
  }
  auto job = std::make_shared<Job>();
  job->dictionary = tail_;
  rememberTail(chunk);
  job->size = chunk.size();
  job->data = std::move(chunk);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (workerError_) return;  // reported by endPart()
    todo_.push_back(job);
  }
  inFlight_.push_back(std::move(job));
  changed_.notify_all();
  appendDone(inFlight_.size() > maxInFlight_);
}

void ZipWriter::appendDone(bool wait) {
  while (!inFlight_.empty()) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      if (wait) changed_.wait(lock, [&] { return inFlight_.front()->done || workerError_; });
      if (workerError_) return;  // reported by endPart()
      if (!inFlight_.front()->done) return;
    }
    wait = false;
    const std::shared_ptr<Job> job = std::move(inFlight_.front());
    inFlight_.pop_front();
    if (piece_) {
      takePieceBytes();
      // Kept until the piece is placed: at its size, not the deflateBound it was made in.
      job->deflated.shrink_to_fit();
      pieceChunks_.push_back(std::move(job->deflated));
    } else {
      out_.append(job->deflated);
    }
    current_.crc =
        static_cast<std::uint32_t>(crc32_combine(current_.crc, job->crc, static_cast<z_off_t>(job->size)));
    current_.size += job->size;
  }
}

void ZipWriter::workerLoop() {
  z_stream zs{};
  bool ready =
      deflateInit2(&zs, kDeflateLevel, Z_DEFLATED, kWindowBits, kMemLevel, Z_DEFAULT_STRATEGY) == Z_OK;
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [&] { return !todo_.empty() || stopping_; });
      if (todo_.empty()) break;  // stopping
      job = std::move(todo_.front());
      todo_.pop_front();
    }
    const auto* in = reinterpret_cast<const Bytef*>(job->data.data());
    job->crc = static_cast<std::uint32_t>(crc32(0L, in, static_cast<uInt>(job->data.size())));
    ready = ready && deflateReset(&zs) == Z_OK;
    if (ready && !job->dictionary.empty()) {
      ready = deflateSetDictionary(&zs, reinterpret_cast<const Bytef*>(job->dictionary.data()),
                                   static_cast<uInt>(job->dictionary.size())) == Z_OK;
    }
    zs.next_in = const_cast<Bytef*>(in);
    zs.avail_in = static_cast<uInt>(job->data.size());
    // Z_SYNC_FLUSH: the chunk's blocks end on a byte boundary and none is final.
    std::string& out = job->deflated;
    std::size_t used = 0;
    out.resize(deflateBound(&zs, zs.avail_in) + kSyncFlushMarker);
    while (ready) {
      zs.next_out = reinterpret_cast<Bytef*>(&out[used]);
      zs.avail_out = static_cast<uInt>(out.size() - used);
      ready = deflate(&zs, Z_SYNC_FLUSH) == Z_OK;
      used = out.size() - zs.avail_out;
      if (zs.avail_out > 0) break;  // all input taken and flushed
      out.resize(out.size() * 2);
    }
    out.resize(used);
    std::string().swap(job->data);
    std::string().swap(job->dictionary);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!ready && !workerError_) {
        workerError_ = std::make_exception_ptr(std::runtime_error("zlib: deflate of a chunk failed"));
      }
      job->done = true;
    }
    changed_.notify_all();
  }
  deflateEnd(&zs);
}

void ZipWriter::deflateChunk(std::string_view chunk, int flush) {
  zs_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(chunk.data()));
  zs_.avail_in = static_cast<uInt>(chunk.size());
  int rc = Z_OK;
  do {
    const std::size_t old = out_.size();
    const std::size_t room = std::max(kOutputStep, chunk.size() / 4);
    out_.resize(old + room);
    zs_.next_out = reinterpret_cast<Bytef*>(&out_[old]);
    zs_.avail_out = static_cast<uInt>(room);
    rc = deflate(&zs_, flush);
    out_.resize(old + room - zs_.avail_out);
    if (rc == Z_STREAM_ERROR) throw std::runtime_error("zlib: deflate failed");
  } while (zs_.avail_out == 0 || zs_.avail_in != 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
}

void ZipWriter::drainChunks() {
  while (!inFlight_.empty()) {
    appendDone(true);
    std::lock_guard<std::mutex> lock(mutex_);
    if (workerError_) {
      inFlight_.clear();
      std::rethrow_exception(std::exchange(workerError_, nullptr));
    }
  }
}

void ZipWriter::endPart() {
  if (!open_ || piece_) throw std::logic_error("ZipWriter: no open part");
  if (parallel_) {
    drainChunks();
    // RFC 1951 §3.2.3/§3.2.6: a final (BFINAL=1) fixed-Huffman block holding only
    // end-of-block, 10 bits: what deflate(Z_FINISH) of no input writes.
    out_.append("\x03\x00", 2);
    parallel_ = false;
  } else {
    deflateChunk({}, Z_FINISH);
  }
  closeEntry();
}

void ZipWriter::beginPiece() {
  if (open_) throw std::logic_error("ZipWriter: part already open");
  open_ = true;
  piece_ = true;
  pieceChunks_.clear();
  current_ = Entry{};
  current_.offset = out_.size();
  current_.crc = static_cast<std::uint32_t>(crc32(0L, Z_NULL, 0));
  parallel_ = false;
  tail_.clear();
  if (deflateReset(&zs_) != Z_OK) throw std::runtime_error("zlib: deflateReset failed");
}

DeflatedPiece ZipWriter::endPiece() {
  if (!open_ || !piece_) throw std::logic_error("ZipWriter: no open piece");
  if (parallel_) {
    drainChunks();  // each chunk ends in a sync flush already
    parallel_ = false;
  } else {
    deflateChunk({}, Z_SYNC_FLUSH);
  }
  open_ = false;
  piece_ = false;
  takePieceBytes();
  DeflatedPiece piece;
  piece.deflated = std::move(pieceChunks_);
  pieceChunks_.clear();
  piece.crc = current_.crc;
  piece.size = current_.size;
  piece.window = std::move(tail_);
  tail_.clear();
  return piece;
}

void ZipWriter::takePieceBytes() {
  if (out_.size() <= current_.offset) return;
  pieceChunks_.push_back(out_.substr(current_.offset));
  out_.resize(current_.offset);
}

void ZipWriter::addSplicedPart(std::string_view name, std::string_view head, const DeflatedPiece& middle,
                               std::string_view tail) {
  beginPart(name);
  write(head);
  // The head's stream ends on a byte boundary, not final, so the middle's blocks follow it.
  if (current_.size > 0) deflateChunk({}, Z_SYNC_FLUSH);
  for (const std::string& chunk : middle.deflated) out_.append(chunk);
  current_.crc =
      static_cast<std::uint32_t>(crc32_combine(current_.crc, middle.crc, static_cast<z_off_t>(middle.size)));
  current_.size += middle.size;
  rememberTail(middle.window);
  // A new stream for the tail, whose back-references may reach into the middle.
  if (deflateReset(&zs_) != Z_OK) throw std::runtime_error("zlib: deflateReset failed");
  if (!tail_.empty() && deflateSetDictionary(&zs_, reinterpret_cast<const Bytef*>(tail_.data()),
                                             static_cast<uInt>(tail_.size())) != Z_OK)
    throw std::runtime_error("zlib: deflateSetDictionary failed");
  write(tail);
  endPart();
}

void ZipWriter::addDeflatedPart(std::string_view name, std::string_view deflated, std::uint32_t crc,
                                std::uint64_t size) {
  beginPart(name);
  out_.append(deflated);
  current_.crc = crc;
  current_.size = size;
  closeEntry();
}

void ZipWriter::closeEntry() {
  open_ = false;
  const std::size_t dataStart = current_.offset + kLocalHeaderSize + current_.name.size();
  current_.compressed = out_.size() - dataStart;
  if (current_.size > kMax32 || current_.compressed > kMax32 || current_.offset > kMax32) {
    throw std::runtime_error("zip: part " + current_.name + " exceeds 4 GiB (no ZIP64)");
  }
  patch32(out_, current_.offset + 14, current_.crc);
  patch32(out_, current_.offset + 18, static_cast<std::uint32_t>(current_.compressed));
  patch32(out_, current_.offset + 22, static_cast<std::uint32_t>(current_.size));

  put32(entries_, 0x02014b50);      // central directory header signature
  put16(entries_, kVersionNeeded);  // made by: MS-DOS, 2.0 (no external attributes)
  put16(entries_, kVersionNeeded);
  put16(entries_, 0);
  put16(entries_, kMethodDeflate);
  put16(entries_, dosTime_);
  put16(entries_, dosDate_);
  put32(entries_, current_.crc);
  put32(entries_, static_cast<std::uint32_t>(current_.compressed));
  put32(entries_, static_cast<std::uint32_t>(current_.size));
  put16(entries_, static_cast<std::uint16_t>(current_.name.size()));
  put16(entries_, 0);  // extra
  put16(entries_, 0);  // comment
  put16(entries_, 0);  // disk
  put16(entries_, 0);  // internal attributes
  put32(entries_, 0);  // external attributes
  put32(entries_, static_cast<std::uint32_t>(current_.offset));
  entries_.append(current_.name);
  ++count_;
}

std::string ZipWriter::finish() {
  if (open_) throw std::logic_error("ZipWriter: part still open");
  const std::size_t cdOffset = out_.size();
  out_.append(entries_);
  put32(out_, 0x06054b50);  // end of central directory
  put16(out_, 0);
  put16(out_, 0);
  put16(out_, static_cast<std::uint16_t>(count_));
  put16(out_, static_cast<std::uint16_t>(count_));
  put32(out_, static_cast<std::uint32_t>(entries_.size()));
  put32(out_, static_cast<std::uint32_t>(cdOffset));
  put16(out_, 0);  // comment length
  return std::move(out_);
}

}  // namespace bangfu::zip
