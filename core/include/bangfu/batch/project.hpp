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
  std::string path;                  ///< absolute path of the scheme (.json or .xlsx)
  std::string name;                  ///< {scheme} in the pattern; the scheme's name when empty
  std::string plugin;                ///< plugin id; the scheme's own `plugin` when empty
  std::vector<std::string> formats;  ///< docx, xlsx
  std::string referenceDoc;          ///< absolute path, or empty
  bool summary = true;               ///< the scheme's appendices, each over the whole scheme
  bool entities = true;              ///< the plugin's per-entity documents
  bool detached = false;             ///< GB/T 9704 7.3.7 detached-appendix form
};

struct Project {
  std::string dir;        ///< absolute project folder
  std::string file;       ///< absolute path of the project file
  std::string outputDir;  ///< absolute output folder
  /// The project's "output" relative to its folder (checked: inside the project),
  /// or empty when the output folder was given on the command line.
  std::string outputRel;
  std::string pattern = kDefaultPattern;
  std::vector<SchemeEntry> schemes;
};

/// Reads PROJECT_DIR/bangfu-project.json (or the file itself when `path` names a
/// file). Relative paths are resolved against the project folder. Unreadable or
/// malformed project files throw diag::InputError with the place.
///
/// The output folder is the project's "output", which must lie inside the
/// project folder (relative, no "..", not the folder itself: project.output-outside
/// at [output]), unless `outputOverride` (the command line's --out, resolved
/// against the working folder) names it; then "output" is not used.
Project loadProject(const std::string& path, const std::string& outputOverride = {});

/// The output path (relative to the output folder) for one document: the pattern
/// with {scheme}, {stem} and {ext} replaced. Throws util::PathRefused (a
/// std::invalid_argument) when util::checkRelativePath refuses the result
/// (absolute, a `..` component, a control character, …).
std::string outputPath(const std::string& pattern, const std::string& scheme, const std::string& stem,
                       const std::string& ext);

}  // namespace bangfu::batch
