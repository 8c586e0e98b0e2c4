#pragma once
/// The zip container of an OOXML package (ECMA-376 Part 2), read with libzip from
/// the central directory, as unzip and Excel do: bytes after the end record and
/// data descriptors without their optional signature are accepted; duplicate
/// entry names are refused. Private to core/io.
#include <cstddef>
#include <map>
#include <memory>
#include <string>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/io/sheet.hpp"

struct zip;

namespace bangfu::io::detail {

class ZipPackage {
 public:
  /// Opens `bytes` (kept by reference: they must outlive the package). Throws
  /// InputError xlsx.not-zip (a legacy .xls, an encrypted workbook, not a zip),
  /// xlsx.bad-zip (truncated, inconsistent, no parts) or xlsx.duplicate-part.
  ZipPackage(const std::string& bytes, std::string file, const ReadLimits& limits);
  ZipPackage(const ZipPackage&) = delete;
  ZipPackage& operator=(const ZipPackage&) = delete;

  /// The file, with `part` as the field: where a problem of the container lies.
  [[nodiscard]] diag::Location where(const std::string& part = {}) const { return {file_, "", 0, 0, part}; }
  /// Whether the part exists; OPC part names compare case-insensitively (Part 2 §9.1.1.1).
  [[nodiscard]] bool has(const std::string& name) const;
  /// Inflates one part, stopping at ReadLimits::maxPartBytes and maxTotalBytes
  /// (xlsx.too-large) rather than trusting the sizes in the headers. A missing part
  /// is xlsx.missing-part at `missingWhere`; a corrupt one xlsx.bad-zip.
  std::string read(const std::string& name, const diag::Location& missingWhere);

 private:
  [[noreturn]] void tooLarge(const std::string& name) const;

  std::string file_;
  ReadLimits limits_;
  struct Discard {
    void operator()(zip* z) const;
  };
  // Owned from the moment libzip opens it: a constructor that refuses the file
  // (a duplicated entry) must not leak it.
  std::unique_ptr<zip, Discard> archive_;
  std::map<std::string, long long> index_;  // lower-case name → entry index
  std::size_t total_ = 0;
};

}  // namespace bangfu::io::detail
