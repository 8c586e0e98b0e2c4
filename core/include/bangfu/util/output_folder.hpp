#pragma once
/// The one owner of the paths a batch build writes and deletes (docs/security.md
/// "Paths"). A path inside an output folder comes from the project (its pattern,
/// a scheme's name, a plugin's file stem) or from the manifest, which is
/// untrusted input that travels with a copied folder. Every such path is checked
/// here as text (checkRelativePath) and then reached one folder at a time with
/// O_NOFOLLOW, so nothing is created, replaced or removed through a symlink or
/// outside the folder. Files are removed only when the caller recognises them as
/// its own, and folders only when this build's manifest says bangfu made them.
#include <sys/stat.h>

#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>

#include "bangfu/util/atomic_file.hpp"

namespace bangfu::util {

/// Why a path relative to an output folder is refused.
enum class PathFault {
  None,
  Empty,             ///< ""
  Absolute,          ///< starts with '/'
  DotComponent,      ///< an empty, "." or ".." component ("a//b", "./a", "../a")
  ControlCharacter,  ///< U+0000–U+001F, U+007F or U+0080–U+009F anywhere
  BadUtf8,           ///< not UTF-8
  TooLong,           ///< a component over 255 bytes or the whole over 4095
  Symlink,           ///< a folder on the way is a symlink (found when reaching it)
  NotFolder,         ///< a component on the way exists and is not a folder
};

/// The text rules: relative, no empty/./.. component, no control character,
/// UTF-8, within NAME_MAX and PATH_MAX.
PathFault checkRelativePath(std::string_view rel);

/// One clause for messages: "含有控制字符" / "contains a control character".
const char* describe(PathFault fault, bool english);

/// `text` with control characters and bytes that are not UTF-8 written as \xNN,
/// so a message never carries them to the terminal.
std::string printable(std::string_view text);

/// A path refused by OutputFolder or batch::outputPath. what() is Chinese, english() English.
class PathRefused : public std::invalid_argument {
 public:
  PathRefused(PathFault fault, std::string rel, const std::string& shownAs);
  [[nodiscard]] PathFault fault() const { return fault_; }
  [[nodiscard]] const std::string& rel() const { return rel_; }
  [[nodiscard]] const std::string& english() const { return en_; }

 private:
  PathFault fault_;
  std::string rel_;
  std::string en_;
};

/// Creates `rel` (checked by checkRelativePath) under the existing folder `base`,
/// one component at a time, refusing any component that is a symlink or not a
/// folder. Returns `base/rel`. Throws PathRefused or IoError.
std::string makeFolderWithin(const std::string& base, const std::string& rel);

/// True when `inner`, once both are resolved (realpath(3)), is `outer` or lies inside it.
bool resolvesWithin(const std::string& inner, const std::string& outer);

/// An output folder, opened once. Thread-safe.
class OutputFolder {
 public:
  /// `root` must exist and be a folder (it may itself be reached through a link
  /// the user chose). Throws IoError.
  explicit OutputFolder(std::string root);
  ~OutputFolder();
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;

  [[nodiscard]] const std::string& root() const { return root_; }
  /// root/rel, for writers and messages (after prepare()).
  [[nodiscard]] std::string pathOf(const std::string& rel) const { return root_ + "/" + rel; }

  /// Checks `rel` and creates its missing parent folders, none through a link.
  /// A symlink at `rel` itself is allowed: writing replaces it. Throws
  /// PathRefused or IoError. Returns pathOf(rel).
  std::string prepare(const std::string& rel);
  /// The folders prepare() created, relative to the root.
  [[nodiscard]] std::set<std::string> created() const;

  /// prepare(), then util::writeFileAtomic.
  WriteResult write(const std::string& rel, std::string_view bytes, Durability durability);

  /// lstat(2) of `rel` reached without links: false when it is missing, a link,
  /// not a regular file, or its path is refused.
  bool statFile(const std::string& rel, struct stat& st);

  enum class Removal { Removed, Missing, Kept };
  /// Removes the regular file at `rel` (reached without links) when
  /// `isOurs(fd, stat)` recognises it (fd open read-only, not following links).
  /// A link, a folder or a file that is not ours is Kept. Throws PathRefused
  /// (bad path, link on the way) or IoError.
  Removal removeFile(const std::string& rel, const std::function<bool(int, const struct stat&)>& isOurs);

  /// Removes the now empty parent folders of `rel`, innermost first, as long as
  /// each is in `removable` (the folders bangfu made); removed ones leave the set.
  void pruneParents(const std::string& rel, std::set<std::string>& removable);

  /// Removes what killed runs left (util::isTemporaryName: temporary files and
  /// staging folders with their regular files), in every folder below the root,
  /// without following links.
  void removeStaleTemps();

 private:
  /// The folder holding `rel`'s last component, opened without following links
  /// (the descriptor belongs to the folder cache: do not close it); -1 with
  /// errno ENOENT when a folder is missing and `create` is false.
  int openParent(const std::string& rel, bool create);
  /// Drops `dir` and the folders below it from the cache (before removing `dir`).
  void forget(const std::string& dir);

  std::string root_;
  int rootFd_ = -1;
  mutable std::mutex mutex_;
  std::set<std::string> created_;
  /// Folders below the root already reached without a link, by relative path:
  /// a thousand outputs in twenty folders cost twenty walks, not a thousand.
  std::map<std::string, int> folders_;
};

}  // namespace bangfu::util
