#include "bangfu/plugin/host.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "bangfu/plugin/render.hpp"
#include "plugin/host_testing.hpp"

using bangfu::plugin::PluginError;
using bangfu::plugin::PluginHost;

namespace {
const std::string kPlugins = std::string(BANGFU_BINARY_DIR) + "/plugins";
std::string fixture(const std::string& name) {
  return std::string(BANGFU_BINARY_DIR) + "/test-plugins/" + name + "/bangfu-" + name + ".so";
}
/// The plugins the tree builds: every folder under plugins/ with a CMakeLists.txt
/// (as the top-level CMakeLists.txt adds them), so a new region breaks no test.
std::vector<std::string> realPluginIds() {
  std::vector<std::string> ids;
  for (const auto& e : std::filesystem::directory_iterator(std::string(BANGFU_SOURCE_DIR) + "/plugins"))
    if (std::filesystem::exists(e.path() / "CMakeLists.txt")) ids.push_back(e.path().filename().string());
  std::sort(ids.begin(), ids.end());
  return ids;
}
PluginError::Code codeOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const PluginError& e) {
    return e.code();
  }
  ADD_FAILURE() << "no PluginError thrown";
  return PluginError::Code::LoadFailed;
}
}  // namespace

TEST(PluginHostTest, FindsEveryRealPluginAndLoadsThem) {
  PluginHost host({kPlugins});
  host.discover();
  std::vector<std::string> ids;
  for (const auto& i : host.list()) ids.push_back(i.id);
  ASSERT_GE(realPluginIds().size(), 3U);
  EXPECT_EQ(ids, realPluginIds());
  const auto& lishui = host.get("lishui");
  ASSERT_EQ(lishui.appendices().size(), 3u);
  EXPECT_EQ(lishui.appendices()[1].id, "teams");
  EXPECT_EQ(host.info("lishui").abi, bangfu::plugin::kPluginAbiVersion);
}

TEST(PluginHostTest, UnknownIdNamesTheKnownOnesAndTheNearest) {
  PluginHost host({kPlugins});
  host.discover();
  try {
    host.get("lishu");
    FAIL();
  } catch (const PluginError& e) {
    EXPECT_EQ(e.code(), PluginError::Code::NotFound);
    EXPECT_NE(e.english().find("did you mean 'lishui'"), std::string::npos);
  }
}

TEST(PluginHostTest, AFileWithoutMetadataIsNotAPluginAndNoneOfItsCodeRuns) {
  unsetenv("BANGFU_FIXTURE_INIT_RAN");
  PluginHost host(std::vector<std::string>{});
  EXPECT_EQ(codeOf([&] { host.get(fixture("notaplugin")); }), PluginError::Code::NotAPlugin);
  EXPECT_EQ(std::getenv("BANGFU_FIXTURE_INIT_RAN"), nullptr);  // its static initialiser did not run
  EXPECT_EQ(codeOf([&] { host.get("/nonexistent/bangfu-x.so"); }), PluginError::Code::NotFound);
}

TEST(PluginHostTest, AbiMismatchIsRejectedBeforeAnyPluginCodeRuns) {
  unsetenv("BANGFU_FIXTURE_INIT_RAN");
  unsetenv("BANGFU_FIXTURE_CTOR_RAN");
  PluginHost host(std::vector<std::string>{});
  try {
    host.get(fixture("badabi"));
    FAIL();
  } catch (const PluginError& e) {
    EXPECT_EQ(e.code(), PluginError::Code::AbiMismatch);
    const std::string m = e.english();
    EXPECT_NE(m.find("ABI 999"), std::string::npos) << m;
    EXPECT_NE(m.find("needs ABI " + std::to_string(bangfu::plugin::kPluginAbiVersion)), std::string::npos)
        << m;
    EXPECT_NE(m.find(fixture("badabi")), std::string::npos) << m;  // names the file
  }
  EXPECT_EQ(std::getenv("BANGFU_FIXTURE_INIT_RAN"), nullptr);
  EXPECT_EQ(std::getenv("BANGFU_FIXTURE_CTOR_RAN"), nullptr);
}

TEST(PluginHostTest, DiscoverySkipsBadModulesButReportsThem) {
  PluginHost host({kPlugins, fixture("badabi"), fixture("notaplugin")});
  host.discover();
  EXPECT_EQ(host.list().size(), realPluginIds().size());
  EXPECT_EQ(host.problems().size(), 2u);
}

TEST(PluginHostTest, TwoModulesClaimingOneIdAreRefused) {
  PluginHost host({kPlugins, fixture("duplicate")});
  EXPECT_EQ(codeOf([&] { host.discover(); }), PluginError::Code::DuplicateId);
}

TEST(PluginHostTest, ARenderFailureNamesThePluginAndTheAppendix) {
  PluginHost host({fixture("throws")});
  host.discover();
  const auto& plugin = host.get("throws");
  bangfu::model::Scheme scheme;
  try {
    (void)bangfu::plugin::renderNotice(scheme, plugin, "throws", {{"roster", "附件1", "花名册"}});
    FAIL();
  } catch (const PluginError& e) {
    EXPECT_EQ(e.code(), PluginError::Code::RenderFailed);
    const std::string m = e.english();
    EXPECT_NE(m.find("throws"), std::string::npos);
    EXPECT_NE(m.find("roster"), std::string::npos);
    EXPECT_NE(m.find("column 3 has no data"), std::string::npos);
  }
  // The positive control of the marker checks above: a module that is loaded runs
  // its static initialiser, which sets the variable.
  ASSERT_NE(std::getenv("BANGFU_FIXTURE_INIT_RAN"), nullptr);
  EXPECT_STREQ(std::getenv("BANGFU_FIXTURE_INIT_RAN"), "throws");
}

namespace {
std::string gSwapFrom;  // the file the hook renames over the checked module
void swapModule(const std::string& path) { std::filesystem::rename(gSwapFrom, path); }
}  // namespace

// The module file is opened once: checked, then dlopen'ed through /proc/self/fd of
// the same descriptor. A module replaced between the two (here by the hook, with a
// file that is no plugin and has a static initialiser) never runs; the checked one
// does (its own initialiser is the positive control). Opening the path twice, as
// before, loaded the replacement.
TEST(PluginHostTest, TheFileThatRunsIsTheFileThatWasChecked) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("bangfu-swap-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::filesystem::path module = dir / "bangfu-throws.so";
  std::filesystem::copy_file(fixture("throws"), module);
  gSwapFrom = (dir / "replacement.so").string();
  std::filesystem::copy_file(fixture("notaplugin"), gSwapFrom);

  PluginHost host({dir.string()});
  host.discover();
  ASSERT_EQ(host.list().size(), 1u);
  unsetenv("BANGFU_FIXTURE_INIT_RAN");
  bangfu::plugin::detail::setLoadHookForTesting(swapModule);
  const bangfu::plugin::JurisdictionPlugin* loaded = nullptr;
  try {
    loaded = &host.get("throws");
  } catch (const PluginError& e) {
    ADD_FAILURE() << e.english();
  }
  bangfu::plugin::detail::setLoadHookForTesting(nullptr);
  EXPECT_FALSE(std::filesystem::exists(gSwapFrom)) << "the hook ran and replaced the module";
  ASSERT_NE(std::getenv("BANGFU_FIXTURE_INIT_RAN"), nullptr);
  EXPECT_STREQ(std::getenv("BANGFU_FIXTURE_INIT_RAN"), "throws");  // not "notaplugin"
  ASSERT_NE(loaded, nullptr);
  EXPECT_EQ(loaded->appendices().at(0).id, "roster");
  std::filesystem::remove_all(dir);
}

// A file replaced after discovery by another module is refused before dlopen, in
// the locale's language: the Chinese message has no English in it and the other way.
TEST(PluginHostTest, ErrorsComeInOneLanguageEach) {
  PluginHost host(std::vector<std::string>{});
  try {
    host.get(fixture("badabi"));
    FAIL();
  } catch (const PluginError& e) {
    const std::string zh = e.what(), en = e.english();
    EXPECT_NE(zh.find("ABI 版本为 999"), std::string::npos) << zh;
    EXPECT_EQ(zh.find("needs ABI"), std::string::npos) << zh;
    EXPECT_NE(en.find("needs ABI"), std::string::npos) << en;
    EXPECT_EQ(en.find("版本"), std::string::npos) << en;
    EXPECT_EQ(e.text(true), en);
    EXPECT_EQ(e.text(false), zh);
  }
  try {
    host.get("/nonexistent/bangfu-x.so");
    FAIL();
  } catch (const PluginError& e) {
    EXPECT_EQ(std::string(e.what()), "插件文件不存在：/nonexistent/bangfu-x.so");
    EXPECT_EQ(e.english(), "plugin file not found: /nonexistent/bangfu-x.so");
  }
}
