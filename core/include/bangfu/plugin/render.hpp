#pragma once
/// Running a plugin over a scheme: validation (core + plugin rules) and rendering
/// of every appendix into one doc::Notice. No file is touched here.
#include <string>
#include <vector>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/doc/document.hpp"
#include "bangfu/model/scheme.hpp"
#include "bangfu/plugin/host.hpp"

namespace bangfu::plugin {

/// Core rules, option values against the choices of the plugin's input sheets
/// (option.bad-value), then the plugin's rules.
void validateWith(const model::Scheme& scheme, const JurisdictionPlugin& plugin, diag::Diagnostics& diags);

/// The appendices to render: the scheme's list, each filled with the plugin's
/// default label/title where empty; the plugin's own list when the scheme has none.
/// An appendix id the plugin does not know is an error in `diags`.
std::vector<model::AppendixRef> appendicesToRender(const model::Scheme& scheme,
                                                   const JurisdictionPlugin& plugin,
                                                   diag::Diagnostics& diags);

/// The notice with the scheme's own fields (发文字号, 成文日期, title, issuer,
/// fictional) and no appendix: what renderNotice starts from, and the notice
/// alone where none is bound in (detached appendices, GB/T 9704 7.3.7).
doc::Notice noticeOf(const model::Scheme& scheme);

/// The notice alone where no plugin renders the appendices (`bangfu render` and
/// the workbench's check of a scheme with a text and no plugin): noticeOf(scheme),
/// and a warning (notice.appendix-not-rendered) for each appendix its 附件说明
/// still names.
doc::Notice noticeWithoutPlugin(const model::Scheme& scheme, diag::Diagnostics& diags);

/// Renders every appendix. A plugin exception becomes PluginError(RenderFailed)
/// naming the plugin and the appendix.
doc::Notice renderNotice(const model::Scheme& scheme, const JurisdictionPlugin& plugin,
                         const std::string& pluginId, const std::vector<model::AppendixRef>& appendices);

}  // namespace bangfu::plugin
