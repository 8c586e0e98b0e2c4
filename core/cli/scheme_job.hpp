#pragma once
// Loading a scheme and its plugin for `check` and `render`: one path for both.
#include <optional>
#include <string>

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
};

/// Loads SCHEME, resolves the plugin (--plugin, else the scheme's), and runs the
/// core and plugin rules. Returns an exit code other than kOk when the job cannot
/// go on (the reason already printed); diagnostics are left for the caller to print.
int loadSchemeJob(const std::string& path, const std::string& pluginOption, plugin::PluginHost& host, SchemeJob& job);

}  // namespace bangfu::cli
