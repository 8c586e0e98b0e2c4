// Reading the entries of a ZIP archive held in memory, and rewriting the end of
// a deflated entry without compressing the whole entry again.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace bangfu::zip {

/// The archive is not one this module reads: not a ZIP, an entry it cannot reach
/// (ZIP64, encryption, a data descriptor, a method other than deflate or store),
/// a damaged deflate stream or CRC. what() names the entry and the reason. The
/// archives read here are bangfu's own (libxlsxwriter's output), so this is an
/// internal error, not a clerk's.
class ArchiveError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One entry, its data a view into the archive's bytes.
struct StoredEntry {
  std::string name;
  std::uint16_t method = 0;  ///< APPNOTE 4.4.5: 0 stored, 8 deflated
  std::uint32_t crc = 0;
  std::uint32_t size = 0;  ///< uncompressed
  std::string_view data;   ///< as stored (raw deflate when method 8)
};

/// Raw deflate data with the CRC-32 and length of its text.
struct DeflatedPart {
  std::string deflated;
  std::uint32_t crc = 0;
  std::uint64_t size = 0;
};

/// The entries in central directory order. Throws ArchiveError.
std::vector<StoredEntry> readEntries(std::string_view archive);

/// The entry's text, its size and CRC-32 checked. Throws ArchiveError.
std::string inflateEntry(const StoredEntry& entry);

/// The deflated entry with its end rewritten, or nullopt when its text lacks
/// `marker`. `rewrite` gets the text from a point at or before the first
/// `marker` (where a deflate block starts; its exact place is not part of the
/// contract) to the end, and returns what replaces it. The entry is inflated
/// once; the blocks before that point are copied bit for bit and only the rest
/// is deflated again, with the 32 KiB before it as the dictionary (the splice of
/// zlib's examples/gzappend.c; RFC 1951 3.2.3: a block may end at any bit). An
/// edit near the end of a large entry so costs an inflate, not a second deflate.
/// Throws ArchiveError.
std::optional<DeflatedPart> editTail(const StoredEntry& entry, const std::string& marker,
                                     const std::function<std::string(std::string tail)>& rewrite);

}  // namespace bangfu::zip
