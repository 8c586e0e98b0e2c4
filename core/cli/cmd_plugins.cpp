// bangfu plugins: id, region, version and appendices of every plugin found.
#include <iostream>

#include "bangfu/plugin/host.hpp"
#include "commands.hpp"

namespace bangfu::cli {

int runPlugins(const std::vector<std::string>& argv) {
  Poco::Util::OptionSet options;
  const Args args = parseArgs(argv, options);
  if (!args.positional.empty()) throw UsageError("不带参数", "takes no arguments");
  plugin::PluginHost host;
  host.discover();
  for (const auto& info : host.list()) {
    std::cout << info.id << '\t' << info.region << '\t' << info.version << '\t' << info.path << '\n';
    for (const auto& a : host.get(info.id).appendices()) {
      std::cout << "    " << a.id << '\t' << a.label << ' ' << a.title
                << (a.orientation == doc::Orientation::Landscape ? "\t(landscape)" : "") << '\n';
    }
  }
  for (const auto& p : host.problems())
    std::cerr << (englishLocale() ? "warning: " : "警告：") << p.text(englishLocale()) << '\n';
  if (host.list().empty()) {
    std::cerr << (englishLocale() ? "no plugins found on the search path:\n" : "搜索路径上没有找到插件：\n");
    for (const auto& p : plugin::PluginHost::defaultSearchPath()) std::cerr << "  " << p << '\n';
    return kInternal;
  }
  return kOk;
}

}  // namespace bangfu::cli
