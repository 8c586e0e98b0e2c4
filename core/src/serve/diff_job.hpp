#pragma once
// The 变更对照表 between two versions of a project's scheme (private to serve):
// both read, compared, and answered as the page's JSON or as a DOCX/XLSX file.
// The server runs it in a worker process with the check's budget, as it reads
// two files a clerk uploaded (bangfu/worker/bounded.hpp); without a worker
// executable (unit tests, library use) in-process.
#include <string>

#include "bangfu/diag/diagnostic.hpp"

namespace bangfu::serve::detail {

struct DiffInput {
  std::string before;       ///< the kept version's path
  std::string beforeLabel;  ///< its time, as the page shows it (2026-12-02 21:30:00 UTC)
  std::string after;        ///< the current scheme's path
  std::string scheme;       ///< the scheme's name in the project
  std::string format;       ///< "docx", "xlsx", or empty for the page's JSON
  std::string scratchDir;   ///< where the file is written before it is read back (the upload folder)
};

/// The answer's body, or, when a version cannot be read, the encoded diagnostic:
/// the encoded result either way (decodeDiffResult).
std::string runDiff(const DiffInput& input);

std::string encodeDiffInput(const DiffInput& input);
DiffInput decodeDiffInput(const std::string& bytes);

struct DiffResult {
  bool ok = false;
  std::string body;               ///< JSON or file bytes
  diag::Diagnostics diagnostics;  ///< when !ok: why a version could not be read
};
DiffResult decodeDiffResult(const std::string& bytes);

}  // namespace bangfu::serve::detail
