#include "scheme_job.hpp"

#include <iostream>

#include "bangfu/io/scheme_io.hpp"
#include "bangfu/notice/source.hpp"
#include "bangfu/plugin/render.hpp"
#include "bangfu/validate/validate.hpp"

namespace bangfu::cli {

int loadSchemeJob(const std::string& path, const std::string& pluginOption, plugin::PluginHost& host, SchemeJob& job) {
  job.scheme = io::loadScheme(path, job.diags);  // unreadable input throws InputError → exit 1
  if (job.scheme.file.empty()) job.scheme.file = path;
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
    job.plugin = &host.get(job.pluginId);
  } catch (const plugin::PluginError& e) {
    std::cerr << "bangfu: " << e.what() << '\n';
    if (e.code() == plugin::PluginError::Code::NotFound) return pluginOption.empty() ? kBadInput : kUsage;
    return kInternal;
  }
  plugin::validateWith(job.scheme, *job.plugin, job.diags);
  return kOk;
}

}  // namespace bangfu::cli
