#pragma once
// Loading a scheme and its plugin for `check` and `render`: one path for both.
#include <optional>
#include <string>
#include <vector>

#include "bangfu/doc/notice_text.hpp"
#include "bangfu/model/scheme.hpp"
#include "bangfu/plugin/host.hpp"
#include "commands.hpp"

namespace bangfu::cli {

struct SchemeJob {
  model::Scheme scheme;
  diag::Diagnostics diags;
  std::string pluginId;                                ///< empty: no plugin (core rules only)
  const plugin::JurisdictionPlugin* plugin = nullptr;  ///< owned by the host
  /// Set before loading: read and check the notice text too (docs/notice.md).
  bool readNotice = true;
  /// The notice itself, when the scheme has a text (notice.md, notice.body, 正文).
  std::optional<doc::NoticeText> noticeText;
  /// What `render` would render, resolved by `check` too, so that check reports
  /// every appendix render would refuse (notice.unknown-appendix).
  std::vector<model::AppendixRef> appendices;
};

/// The exit code for a plugin that cannot be used. A module the user named with
/// --plugin that is missing, not a plugin or of another ABI is a usage error (2);
/// the same named by the scheme is bad input (1); a module that fails to load or
/// render, or two modules claiming one id, is an internal failure (3).
int pluginErrorExit(const plugin::PluginError& e, bool namedByOption);

/// Loads SCHEME, resolves the plugin (--plugin, else the scheme's), runs the core
/// and plugin rules and resolves the appendices to render. Returns an exit code other than kOk when the job
/// cannot go on (the reason already printed); diagnostics are left for the caller to print.
int loadSchemeJob(const std::string& path, const std::string& pluginOption, plugin::PluginHost& host,
                  SchemeJob& job);

}  // namespace bangfu::cli
