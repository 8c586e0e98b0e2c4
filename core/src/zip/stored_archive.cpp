// Reading a stored ZIP archive (bangfu/zip/stored_archive.hpp).
#include "bangfu/zip/stored_archive.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>

namespace bangfu::zip {

namespace {

// PKWARE APPNOTE 6.3.x: the record signatures and the fixed parts' sizes.
constexpr std::uint32_t kLocalHeaderSignature = 0x04034b50;    // 4.3.7
constexpr std::uint32_t kCentralHeaderSignature = 0x02014b50;  // 4.3.12
constexpr std::uint32_t kEndRecordSignature = 0x06054b50;      // 4.3.16
constexpr std::size_t kLocalHeaderSize = 30;
constexpr std::size_t kCentralHeaderSize = 46;
constexpr std::size_t kEndRecordSize = 22;
constexpr std::size_t kMaxCommentSize = 0xFFFF;
constexpr std::uint16_t kMethodStore = 0;
constexpr std::uint16_t kMethodDeflate = 8;
/// General purpose bits 0 (encrypted) and 3 (sizes in a data descriptor).
constexpr std::uint16_t kFlagsNotHandled = 0x0001 | 0x0008;
/// A 32-bit field set to this means the value is in a ZIP64 extra field (4.4.8).
constexpr std::uint32_t kZip64Escape = 0xFFFFFFFF;
/// RFC 1951 2: deflate refers back at most 32 KiB; the new blocks' dictionary.
constexpr std::size_t kDeflateWindow = 32768;
/// zlib's defaults, as minizip (and so libxlsxwriter) deflates a part.
constexpr int kDeflateMemLevel = 8;
/// Inflated bytes kept beyond the window before the buffer is trimmed: trimming
/// moves the window, so it is done once per this many bytes, not per block.
constexpr std::size_t kTrimSlack = 1 << 20;

std::uint16_t read16(std::string_view s, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(s[at]) |
                                    (static_cast<unsigned char>(s[at + 1]) << 8));
}

std::uint32_t read32(std::string_view s, std::size_t at) {
  return static_cast<std::uint32_t>(read16(s, at)) | (static_cast<std::uint32_t>(read16(s, at + 2)) << 16);
}

[[noreturn]] void fail(const std::string& part, const std::string& why) {
  throw ArchiveError(part.empty() ? why : part + ": " + why);
}

}  // namespace

std::vector<StoredEntry> readEntries(std::string_view zip) {
  if (zip.size() < kEndRecordSize) fail("", "not a ZIP archive (too short)");
  // The end record is the last thing in the file but for its comment (4.3.16).
  const std::size_t lowest =
      zip.size() > kEndRecordSize + kMaxCommentSize ? zip.size() - kEndRecordSize - kMaxCommentSize : 0;
  std::size_t end = zip.size() - kEndRecordSize;
  while (read32(zip, end) != kEndRecordSignature ||
         end + kEndRecordSize + read16(zip, end + 20) != zip.size()) {
    if (end == lowest) fail("", "not a ZIP archive (no end of central directory record)");
    --end;
  }
  const std::size_t count = read16(zip, end + 10);
  const std::uint32_t centralSize = read32(zip, end + 12);
  const std::uint32_t centralAt = read32(zip, end + 16);
  if (read16(zip, end + 4) != 0 || read16(zip, end + 6) != 0 || read16(zip, end + 8) != count)
    fail("", "multi-disk ZIP archives are not handled");
  if (centralAt == kZip64Escape || centralSize == kZip64Escape || count == 0xFFFF)
    fail("", "ZIP64 archives are not handled");
  if (static_cast<std::size_t>(centralAt) + centralSize > end) fail("", "central directory out of range");
  std::vector<StoredEntry> entries;
  std::size_t at = centralAt;
  for (std::size_t i = 0; i < count; ++i) {
    if (at + kCentralHeaderSize > end || read32(zip, at) != kCentralHeaderSignature)
      fail("", "damaged central directory record " + std::to_string(i));
    const std::size_t nameSize = read16(zip, at + 28);
    const std::size_t recordSize =
        kCentralHeaderSize + nameSize + read16(zip, at + 30) + read16(zip, at + 32);
    if (at + recordSize > end) fail("", "damaged central directory record " + std::to_string(i));
    StoredEntry e;
    e.name = std::string(zip.substr(at + kCentralHeaderSize, nameSize));
    const std::uint16_t flags = read16(zip, at + 8);
    e.method = read16(zip, at + 10);
    e.crc = read32(zip, at + 16);
    const std::uint32_t compressedSize = read32(zip, at + 20);
    e.size = read32(zip, at + 24);
    const std::size_t localAt = read32(zip, at + 42);
    if ((flags & kFlagsNotHandled) != 0) fail(e.name, "encrypted or with a data descriptor");
    if (e.method != kMethodDeflate && e.method != kMethodStore) fail(e.name, "neither deflated nor stored");
    if (e.size == kZip64Escape || compressedSize == kZip64Escape) fail(e.name, "ZIP64 entry");
    if (localAt + kLocalHeaderSize > centralAt || read32(zip, localAt) != kLocalHeaderSignature)
      fail(e.name, "local header out of range");
    const std::size_t dataAt =
        localAt + kLocalHeaderSize + read16(zip, localAt + 26) + read16(zip, localAt + 28);
    if (dataAt + compressedSize > centralAt) fail(e.name, "data out of range");
    e.data = zip.substr(dataAt, compressedSize);
    entries.push_back(std::move(e));
    at += recordSize;
  }
  return entries;
}

namespace {

/// Where a deflate block ends: the bits before it, the bytes it has inflated to,
/// and their CRC-32.
struct BlockEnd {
  std::size_t bytesIn = 0;  ///< input bytes taken, the last one maybe in part
  int unusedBits = 0;       ///< high bits of that last byte not yet the stream's
  std::size_t bytesOut = 0;
  uLong crc = 0;
};

struct Inflated {
  BlockEnd from;           ///< the block boundary the tail starts at
  std::string dictionary;  ///< the (up to) 32 KiB before it
  std::string tail;        ///< everything after it
};

/// Inflates `data` whole, keeping only the last block boundary at or before the
/// first `marker`, the window before it and the bytes after it; nullopt when the
/// part has no marker. `crc` and `size` are the directory's, checked.
std::optional<Inflated> inflateToMarker(const std::string& part, std::string_view data,
                                        const std::string& marker, std::uint32_t crcExpected,
                                        std::uint32_t sizeExpected) {
  z_stream zs{};
  if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) fail(part, "inflateInit2 failed");
  const std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&zs, inflateEnd);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());

  std::string kept;  // inflated bytes from keptFrom on
  std::size_t keptFrom = 0;
  BlockEnd last;        // the newest block boundary,
  BlockEnd beforeLast;  // and the one before (the marker may straddle `last`)
  std::size_t markerAt = marker.empty() ? 0 : std::string::npos;  // empty: all of it is the tail
  uLong crc = crc32(0L, Z_NULL, 0);
  std::array<char, 1 << 16> buffer{};
  for (;;) {
    zs.next_out = reinterpret_cast<Bytef*>(buffer.data());
    zs.avail_out = static_cast<uInt>(buffer.size());
    // Z_BLOCK: return at each block's end, with data_type telling the bit (zlib manual).
    const int rc = inflate(&zs, Z_BLOCK);
    if (rc != Z_OK && rc != Z_STREAM_END)
      fail(part, std::string("damaged deflate stream: ") + (zs.msg ? zs.msg : "no progress"));
    const std::size_t got = buffer.size() - zs.avail_out;
    crc = crc32(crc, reinterpret_cast<const Bytef*>(buffer.data()), static_cast<uInt>(got));
    if (markerAt == std::string::npos) {
      const std::size_t searchFrom = kept.size() >= marker.size() ? kept.size() - marker.size() + 1 : 0;
      kept.append(buffer.data(), got);
      const std::size_t hit = kept.find(marker, searchFrom);
      if (hit != std::string::npos) markerAt = keptFrom + hit;
    } else {
      kept.append(buffer.data(), got);
    }
    if (rc == Z_STREAM_END) break;
    if ((zs.data_type & 128) != 0 && markerAt == std::string::npos) {
      beforeLast = last;
      last = {data.size() - zs.avail_in, zs.data_type & 7, keptFrom + kept.size(), crc};
      const std::size_t keepFrom =
          beforeLast.bytesOut > kDeflateWindow ? beforeLast.bytesOut - kDeflateWindow : 0;
      if (keepFrom > keptFrom + kTrimSlack) {
        kept.erase(0, keepFrom - keptFrom);
        keptFrom = keepFrom;
      }
    }
  }
  if (zs.avail_in != 0) fail(part, "bytes after the deflate stream");
  if (zs.total_out != sizeExpected || keptFrom + kept.size() != sizeExpected)
    fail(part, "inflated size differs from the directory's");
  if (crc != crcExpected) fail(part, "CRC-32 differs from the directory's");
  if (markerAt == std::string::npos) return std::nullopt;
  const BlockEnd& from = last.bytesOut <= markerAt ? last : beforeLast;
  if (from.bytesOut > markerAt) fail(part, "marker straddles two block boundaries");
  Inflated result;
  result.from = from;
  const std::size_t windowFrom = from.bytesOut > kDeflateWindow ? from.bytesOut - kDeflateWindow : 0;
  result.dictionary = kept.substr(windowFrom - keptFrom, from.bytesOut - windowFrom);
  result.tail = kept.substr(from.bytesOut - keptFrom);
  return result;
}

/// The part's new compressed bytes: the blocks before `in.from` as they were,
/// then `tail` deflated, continuing from the very bit where they end.
std::string spliceDeflate(const std::string& part, std::string_view data, const Inflated& in,
                          const std::string& tail) {
  std::string out;
  out.reserve(in.from.bytesIn + tail.size() / 4 + 64);
  z_stream zs{};
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, kDeflateMemLevel,
                   Z_DEFAULT_STRATEGY) != Z_OK)
    fail(part, "deflateInit2 failed");
  const std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&zs, deflateEnd);
  if (in.from.unusedBits == 0) {
    out.append(data.substr(0, in.from.bytesIn));
  } else {
    // The last byte's low bits end the earlier blocks; the new stream's first bits
    // go into its high bits (RFC 1951 3.1.1: bits are packed from the low end).
    out.append(data.substr(0, in.from.bytesIn - 1));
    const int used = 8 - in.from.unusedBits;
    const int lastByte = static_cast<unsigned char>(data[in.from.bytesIn - 1]) & ((1 << used) - 1);
    if (deflatePrime(&zs, used, lastByte) != Z_OK) fail(part, "deflatePrime failed");
  }
  if (!in.dictionary.empty() &&
      deflateSetDictionary(&zs, reinterpret_cast<const Bytef*>(in.dictionary.data()),
                           static_cast<uInt>(in.dictionary.size())) != Z_OK)
    fail(part, "deflateSetDictionary failed");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(tail.data()));
  zs.avail_in = static_cast<uInt>(tail.size());
  std::array<char, 1 << 16> buffer{};
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(buffer.data());
    zs.avail_out = static_cast<uInt>(buffer.size());
    rc = deflate(&zs, Z_FINISH);
    if (rc != Z_OK && rc != Z_STREAM_END) fail(part, "deflate failed");
    out.append(buffer.data(), buffer.size() - zs.avail_out);
  }
  return out;
}

}  // namespace

std::string inflateEntry(const StoredEntry& e) {
  if (e.method == kMethodStore) {
    if (e.data.size() != e.size) fail(e.name, "stored size differs from the directory's");
    if (crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(e.data.data()),
              static_cast<uInt>(e.size)) != e.crc)
      fail(e.name, "CRC-32 differs from the directory's");
    return std::string(e.data);
  }
  // No marker can be found in the empty string's place: the whole text is the tail.
  std::optional<Inflated> in = inflateToMarker(e.name, e.data, "", e.crc, e.size);
  return std::move(in->tail);
}

std::optional<DeflatedPart> editTail(const StoredEntry& e, const std::string& marker,
                                     const std::function<std::string(std::string tail)>& rewrite) {
  if (e.method != kMethodDeflate) fail(e.name, "not deflated");
  if (marker.empty()) fail(e.name, "empty marker");
  std::optional<Inflated> found = inflateToMarker(e.name, e.data, marker, e.crc, e.size);
  if (!found) return std::nullopt;
  Inflated& in = *found;
  const std::string tail = rewrite(std::move(in.tail));
  DeflatedPart p;
  p.deflated = spliceDeflate(e.name, e.data, in, tail);
  const uLong tailCrc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(tail.data()),
                              static_cast<uInt>(tail.size()));
  p.crc = static_cast<std::uint32_t>(crc32_combine(in.from.crc, tailCrc, static_cast<z_off_t>(tail.size())));
  p.size = in.from.bytesOut + tail.size();
  return p;
}

}  // namespace bangfu::zip
