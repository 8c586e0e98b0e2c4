// Region files join the plugin host as a kind of plugin file: found on the
// search path as ID.region.json, read and checked here, refused whole (with the
// first problems named) when they have errors. `bangfu check-region` prints all.
#include "bangfu/plugin/host.hpp"
#include "bangfu/region/region.hpp"
#include "bangfu/version.hpp"

namespace bangfu::region {

namespace {

std::unique_ptr<plugin::JurisdictionPlugin> loadForHost(const std::string& path, plugin::PluginInfo& info) {
  diag::Diagnostics diags;
  LoadedRegion r = loadRegionFile(path, diags);
  if (!r.plugin) {
    constexpr std::size_t kShown = 3;
    std::string zh, en;
    std::size_t shown = 0;
    for (const auto& d : diags.items()) {
      if (d.severity != diag::Severity::Error) continue;
      if (shown++ == kShown) break;
      zh += "\n  " + d.format(false);
      en += "\n  " + d.format(true);
    }
    const std::string errors = std::to_string(diags.errorCount());
    throw plugin::PluginError(
        plugin::PluginError::Code::NotAPlugin,
        "区域文件有 " + errors + " 个错误，未加载（bangfu check-region " + path + " 列出全部）：" + path + zh,
        "region file not loaded, " + errors + " error(s) (bangfu check-region " + path +
            " lists them all): " + path + en);
  }
  info.id = r.info.id;
  info.region = r.info.region;
  info.version = r.info.version;
  info.coreVersion = kVersion;
  info.abi = plugin::kPluginAbiVersion;
  info.path = path;
  return std::move(r.plugin);
}

[[maybe_unused]] const bool kRegistered = plugin::PluginHost::registerFileKind({kRegionSuffix, &loadForHost});

}  // namespace

}  // namespace bangfu::region
