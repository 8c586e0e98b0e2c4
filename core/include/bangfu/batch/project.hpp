#pragma once
/// The batch project file (docs/batch.md): which schemes to build, with which
/// plugin, in which formats, with which reference styles, into which folder and
/// under which file names.
#include <string>
#include <vector>

namespace bangfu::batch {

/// The project file's name inside PROJECT_DIR.
inline constexpr const char* kProjectFile = "bangfu-project.json";
/// The manifest's name inside the output folder.
inline constexpr const char* kManifestFile = ".bangfu-manifest.json";
/// The lock file's name inside PROJECT_DIR.
inline constexpr const char* kLockFile = ".bangfu.lock";
/// The default output pattern: {scheme}/{stem}.{ext}.
inline constexpr const char* kDefaultPattern = "{scheme}/{stem}.{ext}";

struct SchemeEntry {
  std::string path;          ///< absolute path of the scheme (.json or .xlsx)
  std::string name;          ///< {scheme} in the pattern; the scheme's name when empty
  std::string plugin;        ///< plugin id; the scheme's own `plugin` when empty
  std::vector<std::string> formats;  ///< docx, xlsx
  std::string referenceDoc;  ///< absolute path, or empty
  bool summary = true;       ///< the scheme's appendices, each over the whole scheme
  bool entities = true;      ///< the plugin's per-entity documents
  bool detached = false;     ///< GB/T 9704 7.3.7 detached-appendix form
};

struct Project {
  std::string dir;        ///< absolute project folder
  std::string file;       ///< absolute path of the project file
  std::string outputDir;  ///< absolute output folder
  std::string pattern = kDefaultPattern;
  std::vector<SchemeEntry> schemes;
};

/// Reads PROJECT_DIR/bangfu-project.json (or the file itself when `path` names a
/// file). Relative paths are resolved against the project folder. Unreadable or
/// malformed project files throw diag::InputError with the place.
Project loadProject(const std::string& path);

/// The output path (relative to the output folder) for one document: the pattern
/// with {scheme}, {stem} and {ext} replaced. Throws std::invalid_argument when the
/// result would leave the output folder (absolute, or a `..` component).
std::string outputPath(const std::string& pattern, const std::string& scheme, const std::string& stem,
                       const std::string& ext);

}  // namespace bangfu::batch
