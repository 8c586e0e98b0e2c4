#include "bangfu/plugin/render.hpp"

#include <algorithm>

#include "bangfu/plugin/sdk.hpp"
#include "bangfu/validate/validate.hpp"

namespace bangfu::plugin {

namespace {

/// An option value the plugin sheet's drop-down would refuse, from JSON or 选项:
/// the same rule as the workbook reader's, for every way a scheme is written.
void checkChoice(const model::Scheme& scheme, const std::string& key, const std::vector<InputChoice>& choices,
                 diag::Diagnostics& diags) {
  if (choices.empty()) return;
  auto it = scheme.options.find(key);
  if (it == scheme.options.end()) return;
  std::vector<std::string> values;
  for (const auto& c : choices) {
    if (c.value == it->second) return;
    values.push_back(c.value);
  }
  const std::string near = diag::nearest(it->second, values);
  diags.error("option.bad-value", optionLocation(scheme, key),
              "设置项“" + key + "”的值“" + it->second + "”不是可选值",
              "the option '" + key + "' is '" + it->second + "', not one of its choices",
              near.empty() ? "可选：" + joinList(values) : "是否为“" + near + "”？",
              near.empty() ? "choices: " + joinList(values) : "did you mean \"" + near + "\"?");
}

void checkOptionChoices(const model::Scheme& scheme, const std::vector<InputSheetSpec>& sheets,
                        diag::Diagnostics& diags) {
  for (const auto& sheet : sheets) {
    for (const auto& s : sheet.settings) checkChoice(scheme, s.key, s.choices, diags);
    if (sheet.kind != InputSheetSpec::Kind::Records) continue;
    for (const auto& r : optionRecords(scheme, sheet.prefix))
      for (const auto& c : sheet.columns)
        checkChoice(scheme, recordKey(sheet.prefix, r.number, c.field), c.choices, diags);
  }
}

}  // namespace

void validateWith(const model::Scheme& scheme, const JurisdictionPlugin& plugin, diag::Diagnostics& diags) {
  validate::validateScheme(scheme, diags);
  checkOptionChoices(scheme, plugin.inputSheets(), diags);
  plugin.validate(scheme, diags);
}

std::vector<model::AppendixRef> appendicesToRender(const model::Scheme& scheme,
                                                   const JurisdictionPlugin& plugin,
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
      diags.error(
          "notice.unknown-appendix",
          {scheme.file, "", 0, 0, "notice.appendices[" + std::to_string(i) + "].id"},
          "插件不提供附件“" + ref.id + "”（可用：" +
              [&] {
                std::string s;
                for (const auto& id : ids) s += (s.empty() ? "" : "、") + id;
                return s;
              }() +
              "）",
          "the plugin has no appendix '" + ref.id + "'", near.empty() ? "" : "改为“" + near + "”",
          near.empty() ? "" : "change it to \"" + near + "\"");
      continue;
    }
    if (ref.label.empty()) ref.label = it->label;
    if (ref.title.empty()) ref.title = it->title;
    out.push_back(std::move(ref));
  }
  return out;
}

doc::Notice noticeOf(const model::Scheme& scheme) {
  doc::Notice notice;
  notice.docNumber = scheme.notice.docNumber;
  notice.date = scheme.notice.date;
  notice.title = scheme.notice.title;
  notice.issuer = scheme.notice.issuers.empty() ? std::string() : scheme.notice.issuers.front();
  notice.fictional = scheme.fictional;
  return notice;
}

doc::Notice noticeWithoutPlugin(const model::Scheme& scheme, diag::Diagnostics& diags) {
  for (std::size_t i = 0; i < scheme.notice.appendices.size(); ++i) {
    const auto& a = scheme.notice.appendices[i];
    diags.warning("notice.appendix-not-rendered",
                  diag::Location{scheme.file, {}, 0, 0, "notice.appendices[" + std::to_string(i) + "]"},
                  "没有插件排出附件“" + a.title + "”：附件说明列出它，但通知中不含该附件",
                  "no plugin renders appendix '" + a.title +
                      "': the appendix note (\"附件说明\") names it, but the notice leaves it out",
                  "在方案中指定插件（plugin），或单独附上该附件",
                  "name a plugin in the scheme (plugin), or attach the appendix separately");
  }
  return noticeOf(scheme);
}

doc::Notice renderNotice(const model::Scheme& scheme, const JurisdictionPlugin& plugin,
                         const std::string& pluginId, const std::vector<model::AppendixRef>& appendices) {
  doc::Notice notice = noticeOf(scheme);
  for (const auto& ref : appendices) {
    try {
      notice.appendices.push_back(plugin.render(scheme, ref));
    } catch (const std::exception& e) {
      throw PluginError(
          PluginError::Code::RenderFailed,
          "插件 " + pluginId + " 渲染附件“" + ref.id + "”（" + ref.title + "）时出错：“" + e.what() + "”",
          "plugin " + pluginId + " failed to render appendix '" + ref.id + "': \"" + e.what() + "\"");
    }
  }
  return notice;
}

}  // namespace bangfu::plugin
