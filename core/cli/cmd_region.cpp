// bangfu check-region FILE: every problem of a region file, with its place.
// bangfu new-region ID [--region R] [--dir DIR]: a commented region file and an
// example scheme it renders (docs/region-files.md).
#include <filesystem>
#include <iostream>
#include <regex>

#include "bangfu/region/region.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "commands.hpp"
#include "help.hpp"

namespace bangfu::cli {

int runCheckRegion(const std::vector<std::string>& argv) {
  Poco::Util::OptionSet options;
  const Args args = parseArgs(argv, options);
  if (args.positional.empty())
    throw UsageError("需要至少一个地区文件（ID.region.json）",
                     "needs one or more region files (ID.region.json)");
  const bool en = englishLocale();
  bool errors = false;
  for (const auto& file : args.positional) {
    diag::Diagnostics diags;
    const region::LoadedRegion r = region::loadRegionFile(file, diags);
    printDiagnostics(diags);
    errors = errors || diags.hasErrors();
    if (r.plugin) {
      const auto appendices = r.plugin->appendices();
      std::cerr << file << (en ? ": region " : "：地区 ") << r.info.id << " (" << r.info.region << "), "
                << appendices.size() << (en ? " appendices" : " 个附件")
                << (diags.empty() ? (en ? ", no problems\n" : "，未发现问题\n") : "\n");
    }
  }
  return errors ? kBadInput : kOk;
}

int runNewRegion(const std::vector<std::string>& argv) {
  Poco::Util::OptionSet options;
  options.addOption(Poco::Util::Option("region", "r", "region name, e.g. 衢州市").argument("REGION"));
  options.addOption(Poco::Util::Option("dir", "d", "folder to write into (default .)").argument("DIR"));
  const Args args = parseArgs(argv, options);
  if (args.positional.size() != 1)
    throw UsageError("需要且只需要一个地区编号", "needs exactly one region ID");
  const std::string id = args.positional[0];
  if (!std::regex_match(id, std::regex("[a-z][a-z0-9_]{1,31}")))
    throw UsageError("地区编号“" + id + "”只能用小写字母、数字和 _（如 quzhou）",
                     "region id '" + id + "' must be lower case letters, digits and _ (e.g. quzhou)");
  const std::string name = args.get("region", id);
  const std::filesystem::path dir = args.get("dir", ".");
  const auto regionFile = dir / (id + region::kRegionSuffix);
  const auto scheme = dir / (id + "-example.json");
  const bool en = englishLocale();
  for (const auto& p : {regionFile, scheme}) {
    if (std::filesystem::exists(p)) {
      std::cerr << "bangfu new-region: " << p.string()
                << (en ? " already exists; nothing written\n" : " 已存在；未写入任何文件\n");
      return kBadInput;
    }
  }
  std::filesystem::create_directories(dir);
  util::writeFileAtomic(regionFile.string(), region::scaffoldRegionFile(id, name));
  util::writeFileAtomic(scheme.string(), region::scaffoldExampleScheme(id, name));
  std::cout << writtenLine(regionFile.string(), true, en) << '\n'
            << writtenLine(scheme.string(), true, en) << '\n'
            << (en ? "next: " : "下一步：") << "bangfu check-region " << regionFile.string()
            << " && BANGFU_PLUGIN_PATH=" << dir.string() << " bangfu render " << scheme.string()
            << " --out out\n";
  return kOk;
}

}  // namespace bangfu::cli
