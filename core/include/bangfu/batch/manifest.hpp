#pragma once
/// The build manifest (.bangfu-manifest.json in the output folder): for each
/// output, the hash of everything it came from and the hash of the bytes written.
/// A rebuild skips an output only when its input hash is unchanged and the file on
/// disk is still the one recorded; anything else (missing, torn by hand, left
/// behind by a killed build) is rebuilt.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "bangfu/diag/diagnostic.hpp"

namespace bangfu::batch {

struct ManifestEntry {
  std::string input;   ///< SHA-256 of the inputs (slice JSON, plugin, version, styles, options)
  std::string output;  ///< SHA-256 of the file's bytes
  std::uint64_t size = 0;
  std::int64_t mtimeNs = 0;  ///< the file's mtime when recorded; a match spares re-hashing
  std::string scheme;        ///< scheme name in the project
  std::string entity;        ///< "appendix:leaders" or "team:莲都区团组"
};

/// A file the whole build depends on (the project file, a scheme, a reference
/// DOCX, a plugin module) as the build that wrote the manifest read it.
struct SourceStamp {
  std::uint64_t size = 0;
  std::int64_t mtimeNs = 0;
  std::string sha256;
};

struct Manifest {
  std::string bangfuVersion;
  /// Whose manifest this is: the project file and the output folder, each by
  /// realpath(3) when the manifest was written. Empty in a manifest of bangfu 0.1.
  std::string project;
  std::string outputDir;
  /// Folders below the output folder that bangfu created (relative paths): only
  /// these are removed when a deletion leaves them empty.
  std::set<std::string> folders;
  std::map<std::string, ManifestEntry> outputs;  ///< by path relative to the output folder
  /// Written only by a build that finished with no error and no failure:
  /// its sources (by absolute path) and environment. While they and every
  /// output are unchanged, a rebuild has nothing to do and knows it without
  /// loading a scheme (batch::build's up-to-date check).
  std::map<std::string, SourceStamp> sources;
  std::string environment;
  /// The warnings that build printed, printed again when the check finds it up to date.
  std::vector<diag::Diagnostic> warnings;
};

enum class ManifestState {
  Missing,     ///< no manifest: a first build
  Read,        ///< read; entries with refused paths dropped (with a warning each)
  Unreadable,  ///< torn, edited, another format: treated as empty (with a warning)
};

/// Reads the manifest at `path`. Problems are warnings in `diags` located at
/// `path` (manifest.unreadable, manifest.bad-path); an unreadable manifest gives
/// an empty one, so every output is rebuilt and nothing is deleted.
Manifest readManifest(const std::string& path, diag::Diagnostics& diags, ManifestState* state = nullptr);
/// The same for manifest bytes already in hand (the fuzz target's entry).
Manifest parseManifest(const std::string& text, const std::string& path, diag::Diagnostics& diags,
                       ManifestState* state = nullptr);
/// readManifest() without its warnings.
Manifest readManifest(const std::string& path);
/// Canonical JSON (sorted keys), written atomically.
void writeManifest(const std::string& path, const Manifest& manifest);
std::string manifestToJson(const Manifest& manifest);

/// Hex SHA-256.
std::string sha256(const std::string& bytes);

struct FileStamp {
  bool exists = false;
  std::uint64_t size = 0;
  std::int64_t mtimeNs = 0;
};
FileStamp stampOf(const std::string& path);

/// True when the file on disk is the one recorded: same size and mtime, or (mtime
/// moved) bytes whose SHA-256 is `sha256Hex`.
bool fileMatches(const std::string& path, std::uint64_t size, std::int64_t mtimeNs,
                 const std::string& sha256Hex);

/// fileMatches() against an output's manifest entry.
inline bool fileMatches(const std::string& path, const ManifestEntry& entry) {
  return fileMatches(path, entry.size, entry.mtimeNs, entry.output);
}

}  // namespace bangfu::batch
