#pragma once
// Loading a scheme and its plugin for `check` and `render`: one path for both.
#include <optional>
#include <string>

#include "bangfu/model/scheme.hpp"
#include "bangfu/plugin/host.hpp"
#include "commands.hpp"

namespace bangfu::cli {

struct SchemeJob {
  model::Scheme scheme;
  diag::Diagnostics diags;
  std::string pluginId;                                ///< empty: no plugin (core rules only)
  const plugin::JurisdictionPlugin* plugin = nullptr;  ///< owned by the host
};

/// Loads SCHEME, resolves the plugin (--plugin, else the scheme's), and runs the
/// core and plugin rules. Returns an exit code other than kOk when the job cannot
/// go on (the reason already printed); diagnostics are left for the caller to print.
int loadSchemeJob(const std::string& path, const std::string& pluginOption, plugin::PluginHost& host, SchemeJob& job);

}  // namespace bangfu::cli
