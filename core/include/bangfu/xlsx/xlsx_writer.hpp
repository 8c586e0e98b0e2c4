#pragma once
/// The XLSX writer (libxlsxwriter): one worksheet per appendix table, printable as
/// issued (A4, orientation, margins near the 版心, repeated headers, "— &P —").
#include <string>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/doc/document.hpp"
#include "bangfu/util/atomic_file.hpp"

namespace bangfu::xlsx {

struct XlsxOptions {
  long long epoch = 946684800;  ///< document properties' creation time
  /// Rows at or above which libxlsxwriter's constant_memory mode is used.
  std::size_t constantMemoryRows = 5000;
  /// Deferred: no fsync of the file; the caller syncs (util::Durability).
  util::Durability durability = util::Durability::SyncEachFile;
};

/// Writes `path` (atomically, via util::TempOutput). Sheet names that had to be
/// shortened or deduplicated are reported in `diags` as warnings; a cell over
/// 32767 characters is an error in `diags` and nothing is written.
/// Returns false when nothing was written because of errors. An I/O failure
/// (cannot create or replace the file) throws util::IoError naming the path.
/// Layout, print setup and limits: docs/xlsx.md.
bool writeXlsx(const doc::Notice& notice, const std::string& path, diag::Diagnostics& diags,
               const XlsxOptions& options = {});

/// The same, written straight to `file`, a file the caller staged in a private
/// folder (util::TempOutput::path()) and renames into place itself; diagnostics
/// and I/O errors name `shownAs`, the user's file, never the staged name.
bool writeXlsxStaged(const doc::Notice& notice, const std::string& file, const std::string& shownAs,
                     diag::Diagnostics& diags, const XlsxOptions& options = {});

}  // namespace bangfu::xlsx
