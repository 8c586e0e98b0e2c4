#include "scheme_job.hpp"

#include <filesystem>
#include <iostream>

#include "bangfu/io/scheme_io.hpp"
#include "bangfu/notice/source.hpp"
#include "bangfu/plugin/render.hpp"
#include "bangfu/validate/validate.hpp"

namespace bangfu::cli {

int pluginErrorExit(const plugin::PluginError& e, bool namedByOption) {
  switch (e.code()) {
    case plugin::PluginError::Code::NotFound:
    case plugin::PluginError::Code::NotAPlugin:
    case plugin::PluginError::Code::AbiMismatch:
      return namedByOption ? kUsage : kBadInput;
    case plugin::PluginError::Code::DuplicateId:
    case plugin::PluginError::Code::LoadFailed:
    case plugin::PluginError::Code::RenderFailed:
      break;
  }
  return kInternal;
}

int loadSchemeJob(const std::string& path, const std::string& pluginOption, plugin::PluginHost& host,
                  SchemeJob& job) {
  job.scheme = io::loadScheme(path, job.diags);  // unreadable input throws InputError → exit 1
  if (job.scheme.file.empty()) job.scheme.file = path;
  validate::checkGlyphCoverage(job.scheme, job.diags);  // warnings: check and render both report them
  if (job.readNotice) {
    // The notice text is checked with the scheme (issue 17): `check` reports its problems.
    if (const auto source = notice::findSource(job.scheme, job.diags))
      job.noticeText = notice::buildNotice(job.scheme, *source, job.diags);
  }
  job.pluginId = pluginOption.empty() ? job.scheme.plugin : pluginOption;
  if (job.pluginId.empty()) {
    validate::validateScheme(job.scheme, job.diags);
    return kOk;
  }
  try {
    host.discover();
    host.addSchemeFolder(std::filesystem::path(path).parent_path().string());
    job.plugin = &host.get(job.pluginId);
  } catch (const plugin::PluginError& e) {
    std::cerr << "bangfu: " << e.text(englishLocale()) << '\n';
    return pluginErrorExit(e, !pluginOption.empty());
  }
  plugin::validateWith(job.scheme, *job.plugin, job.diags);
  job.appendices = plugin::appendicesToRender(job.scheme, *job.plugin, job.diags);
  return kOk;
}

}  // namespace bangfu::cli
