// bangfu new-plugin ID [--region R] [--dir DIR]: scaffolds a plugin that builds
// and renders a sample table out of the box (docs/plugin-guide.md).
#include <filesystem>
#include <iostream>
#include <regex>

#include "bangfu/util/atomic_file.hpp"
#include "commands.hpp"
#include "help.hpp"

namespace bangfu::cli {

namespace {

struct Template {
  const char* name;
  const char* text;
};
const Template kTemplates[] = {
#include "plugin_templates.inc"
};

std::string replaceAll(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size())
    s.replace(p, from.size(), to);
  return s;
}

/// lower_snake id → UpperCamel class name: new_region → NewRegionPlugin.
std::string className(const std::string& id) {
  std::string out;
  bool upper = true;
  for (char c : id) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out + "Plugin";
}

/// The file a template becomes: plugin.cpp.in → <id>_plugin.cpp, test.cpp.in →
/// <id>_test.cpp, example.json.in → example.json.
std::string outputName(const std::string& templateName, const std::string& id) {
  std::string name = templateName.substr(0, templateName.size() - 3);  // drop ".in"
  if (name.rfind("plugin.", 0) == 0 || name.rfind("test.", 0) == 0) name = id + "_" + name;
  return name;
}

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// The model level of the example's top area, read from the region's name
/// (浙江省 → province, 衢州市 → city, 开化县 → county), so the example is consistent.
std::string regionLevel(const std::string& region) {
  for (const char* s : {"省", "自治区"})
    if (endsWith(region, s)) return "province";
  for (const char* s : {"县", "区", "旗"})
    if (endsWith(region, s)) return "county";
  return "city";
}

}  // namespace

int runNewPlugin(const std::vector<std::string>& argv) {
  Poco::Util::OptionSet options;
  options.addOption(Poco::Util::Option("region", "r", "region name, e.g. 衢州市").argument("REGION"));
  options.addOption(Poco::Util::Option("dir", "d", "parent folder (default plugins)").argument("DIR"));
  const Args args = parseArgs(argv, options);
  if (args.positional.size() != 1)
    throw UsageError("需要且只需要一个插件编号", "needs exactly one plugin ID");
  const std::string id = args.positional[0];
  // The id names a C++ namespace, a file and a CMake target: keep it to [a-z][a-z0-9_]*.
  if (!std::regex_match(id, std::regex("[a-z][a-z0-9_]{1,31}")))
    throw UsageError("插件编号“" + id + "”只能用小写字母、数字和 _（如 quzhou）",
                     "plugin id '" + id + "' must be lower case letters, digits and _ (e.g. quzhou)");
  const std::string region = args.get("region", id);
  const std::filesystem::path dir = std::filesystem::path(args.get("dir", "plugins")) / id;
  if (std::filesystem::exists(dir)) {
    std::cerr << (englishLocale()
                      ? "bangfu new-plugin: " + dir.string() + " already exists; nothing written\n"
                      : "bangfu new-plugin：" + dir.string() + " 已存在，未写出任何文件\n");
    return kBadInput;
  }
  std::filesystem::create_directories(dir);
  const bool en = englishLocale();
  for (const auto& t : kTemplates) {
    std::string text = t.text;
    text = replaceAll(text, "@ID@", id);
    text = replaceAll(text, "@NS@", id);
    text = replaceAll(text, "@CLASS@", className(id));
    text = replaceAll(text, "@REGION_LEVEL@", regionLevel(region));
    text = replaceAll(text, "@REGION@", region);
    const auto path = dir / outputName(t.name, id);
    util::writeFileAtomic(path.string(), text);
    std::cout << writtenLine(path.string(), true, en) << '\n';
  }
  // Inside a bangfu source tree (…/plugins/<id> beside core/) the next build picks
  // the folder up; anywhere else it is a project of its own against the installed SDK.
  const std::filesystem::path tree = std::filesystem::absolute(dir).parent_path().parent_path();
  const bool inTree = std::filesystem::exists(tree / "core" / "include" / "bangfu" / "plugin" / "plugin.hpp");
  std::cout << (en ? "next: " : "下一步：");
  if (inTree)
    std::cout << "cmake --build build && build/bangfu render " << (dir / "example.json").string()
              << " --out out/" << id << '\n';
  else
    std::cout << "cd " << dir.string()
              << " && cmake -S . -B build && cmake --build build && ctest --test-dir build"
                 " && cmake --install build --prefix ~/.local && bangfu render example.json --out out\n";
  return kOk;
}

}  // namespace bangfu::cli
