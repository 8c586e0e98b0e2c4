#include "bangfu/plugin/host.hpp"

#include <Poco/ClassLoader.h>
#include <Poco/Exception.h>
#include <Poco/Manifest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <filesystem>

#include "bangfu/plugin/elf_metadata.hpp"
#include "plugin/host_testing.hpp"

namespace fs = std::filesystem;

namespace bangfu::plugin {

JurisdictionPlugin::~JurisdictionPlugin() = default;

void JurisdictionPlugin::validate(const model::Scheme& /*scheme*/, diag::Diagnostics& /*diags*/) const {}

std::vector<EntityDocument> JurisdictionPlugin::entityDocuments(const model::Scheme& /*scheme*/) const {
  return {};
}

std::vector<InputSheetSpec> JurisdictionPlugin::inputSheets() const { return {}; }

struct PluginHost::Entry {
  PluginInfo info;
  std::unique_ptr<JurisdictionPlugin> object;  // created on first use
};

struct PluginHost::Loader {
  Poco::ClassLoader<JurisdictionPlugin> classes;
};

namespace detail {
namespace {
std::atomic<LoadHook> loadHook{nullptr};
}  // namespace
void setLoadHookForTesting(LoadHook hook) { loadHook.store(hook); }
}  // namespace detail

namespace {

std::string executableDir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

std::vector<PluginFileKind>& fileKinds() {
  static std::vector<PluginFileKind> kinds;
  return kinds;
}

const PluginFileKind* fileKindOf(const std::string& path) {
  for (const auto& k : fileKinds())
    if (path.size() > k.suffix.size() &&
        path.compare(path.size() - k.suffix.size(), k.suffix.size(), k.suffix) == 0)
      return &k;
  return nullptr;
}

bool looksLikePath(const std::string& s) {
  return s.find('/') != std::string::npos || (s.size() > 3 && s.compare(s.size() - 3, 3, ".so") == 0) ||
         fileKindOf(s) != nullptr;
}

bool isPluginFileName(const fs::path& p) {
  const std::string name = p.filename().string();
  return name.rfind("bangfu-", 0) == 0 && p.extension() == ".so";
}

}  // namespace

std::vector<std::string> PluginHost::defaultSearchPath() {
  std::vector<std::string> path;
  const std::string exeDir = executableDir();
  if (!exeDir.empty()) {
    path.push_back(exeDir + "/plugins");
#ifdef BANGFU_PLUGIN_RELATIVE_DIR
    // An installed bangfu, wherever its prefix: <prefix>/bin/../lib/bangfu/plugins
    // (/usr/lib/bangfu/plugins for the Debian package). Found relative to the binary,
    // not by a compiled-in absolute path, so a build-tree binary never picks up the
    // plugins of an installed package.
    path.push_back(exeDir + "/../" BANGFU_PLUGIN_RELATIVE_DIR);
#endif
  }
  // A user's own plugins, built outside the tree and installed with
  // `cmake --install build --prefix ~/.local` (docs/plugin-guide.md).
  if (const char* home = std::getenv("HOME"); home && *home)
    path.push_back(std::string(home) + "/.local/lib/bangfu/plugins");
  if (const char* env = std::getenv("BANGFU_PLUGIN_PATH")) {
    std::string all = env;
    std::size_t pos = 0;
    while (pos <= all.size()) {
      const std::size_t next = all.find(':', pos);
      const std::string part = all.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
      if (!part.empty()) path.push_back(part);
      if (next == std::string::npos) break;
      pos = next + 1;
    }
  }
  return path;
}

PluginHost::PluginHost() : PluginHost(defaultSearchPath()) {}

PluginHost::PluginHost(std::vector<std::string> searchPath)
    : searchPath_(std::move(searchPath)), loader_(std::make_unique<Loader>()) {}

PluginHost::~PluginHost() {
  // Plugin objects first: their code lives in the libraries the loader unloads.
  entries_.clear();
  loader_.reset();
}

namespace {

/// A module file opened once: its metadata is read from this descriptor and the
/// same descriptor is what dlopen maps (through /proc/self/fd), so the file that
/// was checked is the file that runs, even if its path is replaced in between.
class ModuleFile {
 public:
  explicit ModuleFile(const std::string& path) : path_(path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);  // O_NONBLOCK: a FIFO must not hang us
    if (fd_ < 0) {
      if (errno == ENOENT)
        throw PluginError(PluginError::Code::NotFound, "插件文件不存在：" + path,
                          "plugin file not found: " + path);
      throw PluginError(PluginError::Code::NotAPlugin, "无法打开插件文件：" + path,
                        "cannot open the plugin file: " + path);
    }
    if (::fstat(fd_, &st_) != 0 || !S_ISREG(st_.st_mode))
      throw PluginError(PluginError::Code::NotAPlugin, "不是普通文件，不能作为插件：" + path,
                        "not a regular file: " + path);
  }
  ~ModuleFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  ModuleFile(const ModuleFile&) = delete;
  ModuleFile& operator=(const ModuleFile&) = delete;

  /// The whole file, read from the descriptor. A plugin is a few MB; the cap keeps
  /// a stray huge file named bangfu-*.so from being read whole.
  [[nodiscard]] std::string bytes() const {
    constexpr off_t kMaxModuleBytes = 256 << 20;
    if (st_.st_size > kMaxModuleBytes)
      throw PluginError(PluginError::Code::NotAPlugin, "插件文件过大：" + path_,
                        "plugin file too large: " + path_);
    std::string bytes(static_cast<std::size_t>(st_.st_size), '\0');
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::pread(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // shrunk since fstat: the reader sees a truncated module
      done += static_cast<std::size_t>(n);
    }
    bytes.resize(done);
    return bytes;
  }

  /// The name dlopen is given: /proc/self/fd/N when it leads to this very file
  /// (same device and inode); else, where /proc is not mounted, the path itself if
  /// it still names the file that was checked (same device, inode, size and mtime):
  /// the two-open window of before, stated in docs/security.md. Empty: the path
  /// now names another file.
  [[nodiscard]] std::string loadName() const {
    std::string viaFd = "/proc/self/fd/" + std::to_string(fd_);
    struct stat now {};
    if (::stat(viaFd.c_str(), &now) == 0 && now.st_dev == st_.st_dev && now.st_ino == st_.st_ino)
      return viaFd;
    return pathStillNamesIt() ? path_ : std::string();
  }

  /// Whether the path names the file opened, unchanged (device, inode, size, mtime).
  [[nodiscard]] bool pathStillNamesIt() const {
    struct stat now {};
    return ::stat(path_.c_str(), &now) == 0 && now.st_dev == st_.st_dev && now.st_ino == st_.st_ino &&
           now.st_size == st_.st_size && now.st_mtim.tv_sec == st_.st_mtim.tv_sec &&
           now.st_mtim.tv_nsec == st_.st_mtim.tv_nsec;
  }

  /// Leaves the descriptor open for the rest of the process once dlopen has mapped
  /// it: glibc knows a loaded library by the name it was opened with and may keep
  /// it loaded after dlclose (a C++ module with unique symbols stays), so a later
  /// dlopen of the same /proc/self/fd/N would get this library if N were reused
  /// for another file. One descriptor per module loaded, a handful a process.
  void keepOpen() { fd_ = -1; }

 private:
  std::string path_;
  int fd_ = -1;
  struct stat st_ {};
};

PluginInfo checkModule(const ModuleFile& file, const std::string& path) {
  // Read from the file by our own ELF reader: nothing is mapped or run before the
  // module has proved to be a bangfu plugin of this ABI.
  ModuleMetadata meta;
  try {
    meta = readModuleMetadata(file.bytes());
  } catch (const MetadataError& e) {
    throw PluginError(PluginError::Code::NotAPlugin, "不是 bangfu 插件：" + e.chinese() + "：" + path,
                      std::string("not a bangfu plugin: ") + e.what() + ": " + path);
  }
  PluginInfo info;
  info.abi = meta.abi;
  info.id = meta.id;
  info.version = meta.version;
  info.region = meta.region;
  info.coreVersion = meta.coreVersion;
  info.path = path;
  if (info.abi != kPluginAbiVersion) {
    const std::string who = info.id.empty() ? std::string("插件") : "插件 " + info.id;
    const std::string built = info.coreVersion.empty() ? "" : "（用 bangfu " + info.coreVersion + " 构建）";
    const std::string builtEn =
        info.coreVersion.empty() ? "" : " (built with bangfu " + info.coreVersion + ")";
    throw PluginError(
        PluginError::Code::AbiMismatch,
        who + " " + path + " 的 ABI 版本为 " + std::to_string(info.abi) + built + "，本程序的 ABI 版本为 " +
            std::to_string(kPluginAbiVersion) + "（bangfu " + kVersion + "）；未加载，请用本版本重新构建插件",
        "plugin " + (info.id.empty() ? "" : info.id + " ") + "has ABI " + std::to_string(info.abi) + builtEn +
            ", this bangfu " + kVersion + " needs ABI " + std::to_string(kPluginAbiVersion) +
            "; not loaded (rebuild the plugin with this version): " + path);
  }
  return info;
}

}  // namespace

PluginInfo PluginHost::probe(const std::string& path) {
  const ModuleFile file(path);
  return checkModule(file, path);
}

void PluginHost::discover() {
  std::vector<fs::path> files;
  for (const auto& entry : searchPath_) {
    std::error_code ec;
    if (fs::is_regular_file(entry, ec)) {
      files.emplace_back(entry);
      continue;
    }
    if (!fs::is_directory(entry, ec)) continue;
    std::vector<fs::path> inDir;
    for (const auto& f : fs::directory_iterator(entry, ec))
      if (isPluginFileName(f.path()) || fileKindOf(f.path().filename().string())) inDir.push_back(f.path());
    std::sort(inDir.begin(), inDir.end());  // deterministic order within a folder
    files.insert(files.end(), inDir.begin(), inDir.end());
  }
  std::vector<std::string> seenFiles;
  for (const auto& f : files) {
    std::error_code ec;
    const std::string canonical = fs::weakly_canonical(f, ec).string();
    if (std::find(seenFiles.begin(), seenFiles.end(), canonical) != seenFiles.end()) continue;
    seenFiles.push_back(canonical);
    PluginInfo info;
    std::unique_ptr<JurisdictionPlugin> object;
    try {
      if (const PluginFileKind* kind = fileKindOf(f.string()))
        object = kind->load(f.string(), info);
      else
        info = probe(f.string());
    } catch (const PluginError& e) {
      problems_.push_back(e);
      continue;
    }
    for (const auto& e : entries_) {
      if (e->info.id == info.id)
        throw PluginError(PluginError::Code::DuplicateId,
                          "两个插件使用同一标识“" + info.id + "”：" +
                              (e->info.path.empty() ? "（内置）" : e->info.path) + " 和 " + info.path,
                          "two plugins claim the id '" + info.id + "': " +
                              (e->info.path.empty() ? "(built in)" : e->info.path) + " and " + info.path);
    }
    auto entry = std::make_unique<Entry>();
    entry->info = info;
    entry->object = std::move(object);
    entries_.push_back(std::move(entry));
  }
}

void PluginHost::addSchemeFolder(const std::string& dir) {
  if (std::find(schemeFolders_.begin(), schemeFolders_.end(), dir) == schemeFolders_.end())
    schemeFolders_.push_back(dir);
}

bool PluginHost::registerFileKind(PluginFileKind kind) {
  fileKinds().push_back(std::move(kind));
  return true;
}

void PluginHost::addStatic(PluginInfo info, std::unique_ptr<JurisdictionPlugin> plugin) {
  for (const auto& e : entries_)
    if (e->info.id == info.id)
      throw PluginError(PluginError::Code::DuplicateId, "两个插件使用同一标识“" + info.id + "”",
                        "duplicate plugin id '" + info.id + "'");
  auto entry = std::make_unique<Entry>();
  entry->info = std::move(info);
  entry->object = std::move(plugin);
  entries_.push_back(std::move(entry));
}

std::vector<PluginInfo> PluginHost::list() const {
  std::vector<PluginInfo> out;
  for (const auto& e : entries_) out.push_back(e->info);
  std::sort(out.begin(), out.end(), [](const PluginInfo& a, const PluginInfo& b) { return a.id < b.id; });
  return out;
}

PluginHost::Entry& PluginHost::find(const std::string& idOrPath) {
  if (looksLikePath(idOrPath)) {
    PluginInfo info;
    std::unique_ptr<JurisdictionPlugin> object;
    if (const PluginFileKind* kind = fileKindOf(idOrPath)) {
      std::error_code ec;
      if (!fs::exists(idOrPath, ec))
        throw PluginError(PluginError::Code::NotFound, "插件文件不存在：" + idOrPath,
                          "plugin file not found: " + idOrPath);
      object = kind->load(idOrPath, info);
    } else {
      info = probe(idOrPath);  // throws NotFound / NotAPlugin / AbiMismatch
    }
    for (auto& e : entries_)
      if (e->info.path == info.path) return *e;
    for (const auto& e : entries_)
      if (e->info.id == info.id)
        throw PluginError(
            PluginError::Code::DuplicateId,
            "插件标识“" + info.id + "”已被 " + (e->info.path.empty() ? "内置插件" : e->info.path) + " 使用",
            "plugin id '" + info.id + "' is already provided by " +
                (e->info.path.empty() ? "a built-in plugin" : e->info.path));
    auto entry = std::make_unique<Entry>();
    entry->info = std::move(info);
    entry->object = std::move(object);
    entries_.push_back(std::move(entry));
    return *entries_.back();
  }
  for (auto& e : entries_)
    if (e->info.id == idOrPath) return *e;
  for (const auto& dir : schemeFolders_)
    for (const auto& kind : fileKinds()) {
      const fs::path beside = fs::path(dir) / (idOrPath + kind.suffix);
      std::error_code ec;
      if (fs::is_regular_file(beside, ec)) return find(beside.string());
    }
  std::vector<std::string> ids;
  for (const auto& e : entries_) ids.push_back(e->info.id);
  std::sort(ids.begin(), ids.end());
  std::string known;
  for (const auto& id : ids) known += (known.empty() ? "" : ", ") + id;
  const std::string near = diag::nearest(idOrPath, ids);
  std::string zh = "找不到插件“" + idOrPath + "”；已有：" + (known.empty() ? "（无）" : known);
  std::string en = "plugin '" + idOrPath + "' not found; known: " + (known.empty() ? "(none)" : known);
  if (!near.empty()) {
    zh += "；是否为“" + near + "”？";
    en += "; did you mean '" + near + "'?";
  }
  std::string where;
  for (const auto& p : searchPath_) where += "\n  " + p;
  zh += "\n搜索路径：" + where;
  en += "\nsearch path:" + where;
  for (const auto& p : problems_) {
    zh += "\n已跳过：" + std::string(p.what());
    en += "\nskipped: " + p.english();
  }
  throw PluginError(PluginError::Code::NotFound, zh, en);
}

PluginHost::Entry& PluginHost::load(Entry& e) {
  if (e.object) return e;
  // Opened once: checked again here (the file may have been replaced since
  // discover()), then this same open file is what dlopen maps.
  ModuleFile file(e.info.path);
  const PluginInfo now = checkModule(file, e.info.path);
  if (now.id != e.info.id)
    throw PluginError(PluginError::Code::LoadFailed, "插件文件在检查后被替换：" + e.info.path,
                      "the plugin file changed since it was checked: " + e.info.path);
  if (const detail::LoadHook hook = detail::loadHook.load()) hook(e.info.path);
  const std::string name = file.loadName();
  if (name.empty())
    throw PluginError(PluginError::Code::LoadFailed, "插件文件在检查后被替换：" + e.info.path,
                      "the plugin file changed since it was checked: " + e.info.path);
  std::string loaded = name;
  try {
    try {
      loader_->classes.loadLibrary(name);
    } catch (const Poco::LibraryLoadException&) {
      // Through /proc/self/fd a module's $ORIGIN is /proc/self/fd, so libraries it
      // keeps beside itself (RUNPATH $ORIGIN/…) are not found: then by its path,
      // if that still names the file checked (docs/security.md "Plugins").
      if (name == e.info.path || !file.pathStillNamesIt()) throw;
      loaded = e.info.path;
      loader_->classes.loadLibrary(loaded);
    }
    file.keepOpen();
    const auto* manifest = loader_->classes.findManifest(loaded);
    if (!manifest || manifest->begin() == manifest->end())
      throw PluginError(PluginError::Code::NotAPlugin, "插件 " + e.info.id + " 未导出插件类：" + e.info.path,
                        "plugin " + e.info.id + " exports no plugin class: " + e.info.path);
    e.object.reset(manifest->begin()->create());
  } catch (const Poco::Exception& ex) {
    throw PluginError(PluginError::Code::LoadFailed,
                      "无法加载插件 " + e.info.id + "（" + e.info.path + "）：" + ex.displayText(),
                      "cannot load plugin " + e.info.path + ": " + ex.displayText());
  }
  return e;
}

const JurisdictionPlugin& PluginHost::get(const std::string& idOrPath) {
  return *load(find(idOrPath)).object;
}

PluginInfo PluginHost::info(const std::string& idOrPath) { return find(idOrPath).info; }

}  // namespace bangfu::plugin
