#pragma once
/// The plugin ABI (style-anchors "What to absorb" 5-6). A plugin exports one plain
/// C symbol, `bangfu_plugin_info`, that the host reads with Poco::SharedLibrary
/// *before* it asks Poco::ClassLoader for the manifest or creates any object. The
/// plugin's `abi` must equal kPluginAbiVersion exactly (DuckDB's rule).
#include <cstdint>

/// Bump whenever any type reachable from bangfu::plugin::JurisdictionPlugin changes
/// (the core model, the document model, the plugin interface itself).
/// 3: JurisdictionPlugin::inputSheets (input workbook sheets), Scheme::optionWhere and pluginWhere.
#define BANGFU_PLUGIN_ABI_VERSION 3

extern "C" {
/// Plain data only: readable by any host version.
struct bangfu_plugin_info {  // NOLINT(readability-identifier-naming): a C symbol of the plugin ABI
  std::uint32_t abi;           ///< BANGFU_PLUGIN_ABI_VERSION the plugin was built with
  const char* core_version;    ///< BANGFU_VERSION_STRING the plugin was built with
  const char* id;              ///< lishui, dongli, suzhou …
  const char* plugin_version;  ///< the plugin's own version
  const char* region;          ///< 丽水市 …
};
typedef const bangfu_plugin_info* (*bangfu_plugin_info_fn)();
}

namespace bangfu::plugin {
inline constexpr std::uint32_t kPluginAbiVersion = BANGFU_PLUGIN_ABI_VERSION;
inline constexpr const char* kInfoSymbol = "bangfu_plugin_info";
}  // namespace bangfu::plugin
