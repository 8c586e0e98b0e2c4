#pragma once
/// The plugin host: finds plugin modules, checks their ABI before running any of
/// their code, loads them with Poco::ClassLoader and keeps every plugin object
/// alive no longer than its library.
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "bangfu/plugin/plugin.hpp"

namespace bangfu::plugin {

struct PluginInfo {
  std::string id;
  std::string version;
  std::string region;
  std::string coreVersion;
  unsigned abi = 0;
  std::string path;  ///< module path; empty for a static plugin
};

class PluginError : public std::runtime_error {
 public:
  enum class Code { NotFound, NotAPlugin, AbiMismatch, DuplicateId, LoadFailed, RenderFailed };
  /// what() is the Chinese message, english() the English one; a caller shows the
  /// one of the locale (one language a line).
  PluginError(Code code, const std::string& zh, std::string en)
      : std::runtime_error(zh), code_(code), en_(std::move(en)) {}
  /// A message that exists in one language only (a library's own text).
  PluginError(Code code, const std::string& message) : PluginError(code, message, message) {}
  [[nodiscard]] Code code() const { return code_; }
  [[nodiscard]] const std::string& english() const { return en_; }
  [[nodiscard]] std::string text(bool english) const { return english ? en_ : std::string(what()); }

 private:
  Code code_;
  std::string en_;
};

/// A kind of plugin that is a file of data, not a compiled module (region files,
/// bangfu/region): files whose name ends in `suffix` are found on the search path
/// like bangfu-*.so and read by `load`, which throws PluginError for a bad file.
/// The host runs no code of such a file; the kind registers itself, so the host
/// depends on no reader of data.
struct PluginFileKind {
  std::string suffix;
  std::function<std::unique_ptr<JurisdictionPlugin>(const std::string& path, PluginInfo& info)> load;
};

class PluginHost {
 public:
  /// Adds a kind of plugin file for every host; returns true (for static registration).
  static bool registerFileKind(PluginFileKind kind);

  /// Search order: <dir of the running binary>/plugins, the installed plugin dir
  /// (<prefix>/lib/bangfu/plugins, relative to the binary), ~/.local/lib/bangfu/plugins,
  /// then each entry of BANGFU_PLUGIN_PATH (':'-separated folders or module files).
  static std::vector<std::string> defaultSearchPath();

  PluginHost();
  explicit PluginHost(std::vector<std::string> searchPath);
  ~PluginHost();
  PluginHost(const PluginHost&) = delete;
  PluginHost& operator=(const PluginHost&) = delete;

  /// Reads the info of every module on the search path (files named bangfu-*.so),
  /// and reads every plugin file of a registered kind (*.region.json). A file that
  /// cannot be used is reported by problems() and stops no other plugin.
  /// Throws PluginError(DuplicateId) when two modules claim one id. Modules that are
  /// not plugins or have another ABI are remembered and reported by problems().
  void discover();

  /// A scheme's own folder: a plugin file of a registered kind named after the id
  /// (`<dir>/<id>.region.json`) is used for that id when no plugin on the search
  /// path has it, so an example folder that carries its region file renders as it is.
  void addSchemeFolder(const std::string& dir);

  /// Registers an in-process plugin (tests, static builds).
  void addStatic(PluginInfo info, std::unique_ptr<JurisdictionPlugin> plugin);

  /// Known plugins, sorted by id.
  [[nodiscard]] std::vector<PluginInfo> list() const;
  /// Modules found on the search path that could not be used, one message each.
  [[nodiscard]] const std::vector<PluginError>& problems() const { return problems_; }

  /// The plugin by id, or by module path (anything containing '/' or ending in .so).
  /// Throws PluginError: NotFound (with the known ids and the nearest), NotAPlugin,
  /// AbiMismatch (naming both versions), LoadFailed.
  const JurisdictionPlugin& get(const std::string& idOrPath);
  [[nodiscard]] PluginInfo info(const std::string& idOrPath);

  /// Reads a module's info without loading its classes. Throws as get().
  static PluginInfo probe(const std::string& path);

 private:
  struct Entry;
  Entry& load(Entry& e);
  Entry& find(const std::string& idOrPath);

  std::vector<std::string> searchPath_;
  std::vector<std::string> schemeFolders_;
  std::vector<PluginError> problems_;
  std::vector<std::unique_ptr<Entry>> entries_;
  struct Loader;
  std::unique_ptr<Loader> loader_;  // destroyed after entries_' plugin objects (see ~PluginHost)
};

}  // namespace bangfu::plugin
