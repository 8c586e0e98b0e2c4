#include "bangfu/plugin/render.hpp"

#include <algorithm>

#include "bangfu/validate/validate.hpp"

namespace bangfu::plugin {

void validateWith(const model::Scheme& scheme, const JurisdictionPlugin& plugin, diag::Diagnostics& diags) {
  validate::validateScheme(scheme, diags);
  plugin.validate(scheme, diags);
}

std::vector<model::AppendixRef> appendicesToRender(const model::Scheme& scheme, const JurisdictionPlugin& plugin,
                                                   diag::Diagnostics& diags) {
  const auto specs = plugin.appendices();
  std::vector<model::AppendixRef> out;
  if (scheme.notice.appendices.empty()) {
    for (const auto& s : specs) out.push_back({s.id, s.label, s.title});
    return out;
  }
  std::vector<std::string> ids;
  ids.reserve(specs.size());
  for (const auto& s : specs) ids.push_back(s.id);
  for (std::size_t i = 0; i < scheme.notice.appendices.size(); ++i) {
    model::AppendixRef ref = scheme.notice.appendices[i];
    auto it = std::find_if(specs.begin(), specs.end(), [&](const AppendixSpec& s) { return s.id == ref.id; });
    if (it == specs.end()) {
      const std::string near = diag::nearest(ref.id, ids);
      diags.error("notice.unknown-appendix",
                  {scheme.file, "", 0, 0, "notice.appendices[" + std::to_string(i) + "].id"},
                  "插件不提供附件“" + ref.id + "”（可用：" + [&] {
                    std::string s;
                    for (const auto& id : ids) s += (s.empty() ? "" : "、") + id;
                    return s;
                  }() + "）",
                  "the plugin has no appendix '" + ref.id + "'", near.empty() ? "" : "改为“" + near + "”");
      continue;
    }
    if (ref.label.empty()) ref.label = it->label;
    if (ref.title.empty()) ref.title = it->title;
    out.push_back(std::move(ref));
  }
  return out;
}

doc::Notice renderNotice(const model::Scheme& scheme, const JurisdictionPlugin& plugin, const std::string& pluginId,
                         const std::vector<model::AppendixRef>& appendices) {
  doc::Notice notice;
  notice.docNumber = scheme.notice.docNumber;
  notice.date = scheme.notice.date;
  notice.title = scheme.notice.title;
  notice.issuer = scheme.notice.issuers.empty() ? std::string() : scheme.notice.issuers.front();
  notice.fictional = scheme.fictional;
  for (const auto& ref : appendices) {
    try {
      notice.appendices.push_back(plugin.render(scheme, ref));
    } catch (const std::exception& e) {
      throw PluginError(PluginError::Code::RenderFailed, "插件 " + pluginId + " 渲染附件“" + ref.id + "”（" + ref.title +
                                                             "）时出错 / plugin " + pluginId + " failed to render appendix '" +
                                                             ref.id + "': " + e.what());
    }
  }
  return notice;
}

}  // namespace bangfu::plugin
