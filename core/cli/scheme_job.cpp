#include "scheme_job.hpp"

#include <filesystem>
#include <iostream>

#include "bangfu/io/scheme_io.hpp"
#include "bangfu/plugin/render.hpp"
#include "bangfu/validate/validate.hpp"

namespace bangfu::cli {

int loadSchemeJob(const std::string& path, const std::string& pluginOption, plugin::PluginHost& host, SchemeJob& job) {
  job.scheme = io::loadScheme(path, job.diags);  // unreadable input throws InputError → exit 1
  if (job.scheme.file.empty()) job.scheme.file = path;
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
    std::cerr << "bangfu: " << e.what() << '\n';
    if (e.code() == plugin::PluginError::Code::NotFound) return pluginOption.empty() ? kBadInput : kUsage;
    return kInternal;
  }
  plugin::validateWith(job.scheme, *job.plugin, job.diags);
  return kOk;
}

}  // namespace bangfu::cli
