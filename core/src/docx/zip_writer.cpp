#include "docx/zip_writer.hpp"

#include <algorithm>
#include <stdexcept>

namespace bangfu::docx {
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

// Howard Hinnant's civil_from_days: proleptic Gregorian date of a day count.
void civilFromDays(long long z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(static_cast<long long>(yoe) + era * 400 + (m <= 2 ? 1 : 0));
}

}  // namespace

void dosDateTime(long long epoch, std::uint16_t& date, std::uint16_t& time) {
  constexpr long long kDosEpoch = 315532800;   // 1980-01-01T00:00:00Z
  constexpr long long kDosLast = 4354819198;   // 2107-12-31T23:59:58Z
  epoch = std::clamp(epoch, kDosEpoch, kDosLast);
  const long long days = epoch / 86400;
  const long long secs = epoch % 86400;
  int y = 0;
  unsigned m = 0, d = 0;
  civilFromDays(days, y, m, d);
  date = static_cast<std::uint16_t>(((y - 1980) << 9) | (m << 5) | d);
  const auto hh = static_cast<unsigned>(secs / 3600);
  const auto mm = static_cast<unsigned>(secs % 3600 / 60);
  const auto ss = static_cast<unsigned>(secs % 60);
  time = static_cast<std::uint16_t>((hh << 11) | (mm << 5) | (ss / 2));
}

ZipWriter::ZipWriter(long long epoch) {
  dosDateTime(epoch, dosDate_, dosTime_);
  if (deflateInit2(&zs_, kDeflateLevel, Z_DEFLATED, kWindowBits, kMemLevel, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    throw std::runtime_error("zlib: deflateInit2 failed");
  }
}

ZipWriter::~ZipWriter() {
  if (worker_.joinable()) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
      queue_.clear();
    }
    changed_.notify_all();
    worker_.join();
  }
  deflateEnd(&zs_);
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
  if (deflateReset(&zs_) != Z_OK) throw std::runtime_error("zlib: deflateReset failed");
}

void ZipWriter::write(std::string_view chunk) {
  if (!open_) throw std::logic_error("ZipWriter: no open part");
  if (chunk.empty()) return;
  if (worker_.joinable()) {
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
}

void ZipWriter::writeAsync(std::string chunk) {
  if (!open_) throw std::logic_error("ZipWriter: no open part");
  if (chunk.empty()) return;
  if (!worker_.joinable()) {
    stopping_ = false;
    workerError_ = nullptr;
    worker_ = std::thread(&ZipWriter::workerLoop, this);
  }
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return queue_.size() < kMaxQueued || workerError_; });
  if (workerError_) return;  // reported by endPart()
  queue_.push_back(std::move(chunk));
  lock.unlock();
  changed_.notify_all();
}

void ZipWriter::workerLoop() {
  for (;;) {
    std::string chunk;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [&] { return !queue_.empty() || stopping_; });
      if (queue_.empty()) return;  // stopping, all done
      chunk = std::move(queue_.front());
      queue_.pop_front();
    }
    changed_.notify_all();
    try {
      consume(chunk);  // only this thread touches out_ and zs_ until joinWorker()
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex_);
      workerError_ = std::current_exception();
      queue_.clear();
      changed_.notify_all();
      return;
    }
  }
}

void ZipWriter::joinWorker() {
  if (!worker_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  worker_.join();
  if (workerError_) std::rethrow_exception(workerError_);
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

void ZipWriter::endPart() {
  if (!open_) throw std::logic_error("ZipWriter: no open part");
  joinWorker();
  deflateChunk({}, Z_FINISH);
  open_ = false;
  const std::size_t dataStart = current_.offset + kLocalHeaderSize + current_.name.size();
  current_.compressed = out_.size() - dataStart;
  if (current_.size > kMax32 || current_.compressed > kMax32 || current_.offset > kMax32) {
    throw std::runtime_error("zip: part " + current_.name + " exceeds 4 GiB (no ZIP64)");
  }
  patch32(out_, current_.offset + 14, current_.crc);
  patch32(out_, current_.offset + 18, static_cast<std::uint32_t>(current_.compressed));
  patch32(out_, current_.offset + 22, static_cast<std::uint32_t>(current_.size));

  put32(entries_, 0x02014b50);  // central directory header signature
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

}  // namespace bangfu::docx
