#include "bangfu/plugin/host.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "bangfu/plugin/render.hpp"

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
    EXPECT_NE(std::string(e.what()).find("did you mean 'lishui'"), std::string::npos);
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
    const std::string m = e.what();
    EXPECT_NE(m.find("ABI 999"), std::string::npos) << m;
    EXPECT_NE(m.find("needs ABI " + std::to_string(bangfu::plugin::kPluginAbiVersion)), std::string::npos) << m;
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
    const std::string m = e.what();
    EXPECT_NE(m.find("throws"), std::string::npos);
    EXPECT_NE(m.find("roster"), std::string::npos);
    EXPECT_NE(m.find("column 3 has no data"), std::string::npos);
  }
  // The positive control of the marker checks above: a module that is loaded runs
  // its static initialiser, which sets the variable.
  ASSERT_NE(std::getenv("BANGFU_FIXTURE_INIT_RAN"), nullptr);
  EXPECT_STREQ(std::getenv("BANGFU_FIXTURE_INIT_RAN"), "throws");
}
