// The workbench's project build in its bounded worker (`__build-worker`, the real
// bangfu binary): a build over its budget is stopped with the reason, the lock is
// released, every output is left old or new, and the next build converges.
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>

#include "../core/io/measures_memory.hpp"
#include "bangfu/batch/build.hpp"
#include "bangfu/serve/workbench.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "bangfu/worker/render_worker.hpp"

namespace fs = std::filesystem;
using bangfu::serve::Request;
using bangfu::serve::Workbench;

namespace {

constexpr int kPort = 18081;
const std::string kToken(32, 'b');
/// Copies of each seed scheme in the slow project: 18 schemes, about 2700 outputs,
/// seconds of work on any machine, so a one-second budget always stops it midway.
constexpr int kCopies = 6;

std::string source(const std::string& rel) { return std::string(BANGFU_SOURCE_DIR) + "/" + rel; }

class BuildBudgetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    bangfu::worker::setWorkerExecutable(BANGFU_CLI);
    root_ = fs::temp_directory_path() / ("bangfu-build-budget-" + bangfu::serve::randomToken(6));
    fs::create_directories(root_);
    fs::copy(source("examples/batch-demo"), project(), fs::copy_options::recursive);
  }
  void TearDown() override {
    bangfu::worker::setWorkerExecutable("");
    fs::remove_all(root_);
  }
  [[nodiscard]] std::string project() const { return (root_ / "project").string(); }

  /// One build from the page with this budget: the whole event stream.
  std::string build(int seconds, std::size_t memoryBytes) {
    bangfu::serve::Options o;
    o.port = kPort;
    o.token = kToken;
    o.projectDir = project();
    o.limits.buildSeconds = seconds;
    o.limits.buildMemoryBytes = memoryBytes;
    Workbench bench(o);
    Request r;
    r.method = "GET";
    r.path = "/api/build";
    r.headers = {{"host", "127.0.0.1:" + std::to_string(kPort)}, {"x-bangfu-token", kToken}};
    const auto response = bench.handle(r);
    EXPECT_TRUE(response.stream);
    std::ostringstream out;
    if (response.stream) response.stream(out);
    return out.str();
  }

  /// The data of the stream's last event, with its name.
  static std::pair<std::string, Poco::JSON::Object::Ptr> last(const std::string& stream) {
    const auto at = stream.rfind("event: ");
    if (at == std::string::npos) return {"", nullptr};
    const auto nl = stream.find('\n', at);
    const std::string name = stream.substr(at + 7, nl - at - 7);
    const auto data = stream.find("data: ", nl);
    Poco::JSON::Parser parser;
    return {name, parser.parse(stream.substr(data + 6, stream.find('\n', data) - data - 6))
                      .extract<Poco::JSON::Object::Ptr>()};
  }
  static std::string firstCode(const Poco::JSON::Object::Ptr& o) {
    return o->getObject("diagnostics")
        ->getArray("groups")
        ->getObject(0)
        ->getArray("items")
        ->getObject(0)
        ->getValue<std::string>("code");
  }

  /// Every output of the project, by path under the output folder: its bytes.
  /// Temporary names of killed runs are listed under "temporary".
  std::map<std::string, std::string> outputs(std::vector<std::string>* temporary = nullptr) const {
    std::map<std::string, std::string> out;
    const fs::path dir = root_ / "project" / "out";
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (bangfu::util::isTemporaryName(name)) {
        if (temporary) temporary->push_back(name);
        continue;
      }
      if (!it->is_regular_file() || name.front() == '.') continue;
      out[fs::relative(it->path(), dir).generic_string()] = bangfu::util::readFile(it->path().string());
    }
    return out;
  }

  fs::path root_;
};

TEST_F(BuildBudgetTest, ABuildOverItsMemoryBudgetIsStoppedTheLockReleasedAndTheNextBuildSucceeds) {
  // 1 MB of address space: the worker cannot even read the project. Under ASan
  // there is no cap (worker/bounded.cpp), so only the build that follows is checked.
  if (bangfu::test::kMeasuresMemory) {
    const auto [name, data] = last(build(60, std::size_t{1} << 20));
    ASSERT_EQ(name, "failed");
    EXPECT_EQ(firstCode(data), "serve.build-memory-limit");
    const auto item =
        data->getObject("diagnostics")->getArray("groups")->getObject(0)->getArray("items")->getObject(0);
    EXPECT_EQ(item->getValue<std::string>("file"), "bangfu-project.json");
    EXPECT_NE(item->getValue<std::string>("message").find("1 MB"), std::string::npos);
    EXPECT_NE(item->getValue<std::string>("suggestion").find("BANGFU_SERVE_BUILD_MEMORY_MB"),
              std::string::npos);
    { bangfu::batch::ProjectLock lock(project()); }  // released: this would throw LockHeld
  }

  const std::string again =
      build(bangfu::serve::kDefaultBuildSeconds, bangfu::serve::kDefaultBuildMemoryBytes);
  EXPECT_NE(again.find("event: progress"), std::string::npos);  // streamed from the worker
  const auto [name2, summary] = last(again);
  ASSERT_EQ(name2, "summary") << again.substr(0, 400);
  EXPECT_EQ(summary->getArray("failed")->size(), 0u);
  EXPECT_EQ(summary->getArray("rebuilt")->size(), static_cast<std::size_t>(summary->getValue<int>("total")));
}

TEST_F(BuildBudgetTest, ABuildKilledAtItsDeadlineLeavesEveryOutputOldOrNewAndTheNextBuildConverges) {
  // A project of kCopies copies of each seed scheme, under names of their own.
  std::string schemes;
  for (int k = 0; k < kCopies; ++k)
    for (const auto& [file, plugin] : std::vector<std::pair<std::string, std::string>>{
             {"lishui-2019", "lishui"}, {"suzhou-2022", "suzhou"}, {"dongli-2017", "dongli"}})
      schemes += std::string(schemes.empty() ? "" : ",\n") + "{\"path\": \"schemes/" + file +
                 ".json\", \"plugin\": \"" + plugin + "\", \"name\": \"" + file + "-" + std::to_string(k) +
                 "\"}";
  bangfu::util::writeFileAtomic(project() + "/bangfu-project.json",
                                "{\"bangfu\": 1, \"output\": \"out\", \"formats\": [\"docx\", \"xlsx\"],\n"
                                "\"pattern\": \"{scheme}/{stem}.{ext}\", \"schemes\": [\n" +
                                    schemes + "]}\n");
  const auto [name0, first] =
      last(build(bangfu::serve::kDefaultBuildSeconds, bangfu::serve::kDefaultBuildMemoryBytes));
  ASSERT_EQ(name0, "summary");
  ASSERT_EQ(first->getArray("failed")->size(), 0u);
  const auto before = outputs();
  ASSERT_GT(before.size(), 2000u);

  // A new 成文日期 changes every suzhou and dongli output (their document dates).
  for (const auto& [file, from, to] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"suzhou-2022", "2022年7月18日", "2022年7月19日"},
           {"dongli-2017", "2017年9月18日", "2017年9月19日"}}) {
    const std::string path = project() + "/schemes/" + file + ".json";
    std::string text = bangfu::util::readFile(path);
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos);
    text.replace(at, from.size(), to);
    bangfu::util::writeFileAtomic(path, text);
  }
  const auto [name1, stopped] = last(build(1, bangfu::serve::kDefaultBuildMemoryBytes));
  ASSERT_EQ(name1, "failed");
  EXPECT_EQ(firstCode(stopped), "serve.build-time-limit");
  { bangfu::batch::ProjectLock lock(project()); }
  const auto midway = outputs();

  const auto [name2, rebuilt] =
      last(build(bangfu::serve::kDefaultBuildSeconds, bangfu::serve::kDefaultBuildMemoryBytes));
  ASSERT_EQ(name2, "summary");
  EXPECT_EQ(rebuilt->getArray("failed")->size(), 0u);
  std::vector<std::string> temporary;
  const auto after = outputs(&temporary);
  EXPECT_TRUE(temporary.empty()) << temporary.front();  // what the killed run left is gone
  EXPECT_EQ(after.size(), before.size());
  std::size_t changed = 0, renewed = 0;
  for (const auto& [rel, bytes] : midway) {
    ASSERT_TRUE(before.count(rel) && after.count(rel)) << rel;
    EXPECT_TRUE(bytes == before.at(rel) || bytes == after.at(rel))
        << rel << " is neither the old nor the new file";
    changed += before.at(rel) != after.at(rel) ? 1 : 0;
    renewed += before.at(rel) != after.at(rel) && bytes == after.at(rel) ? 1 : 0;
  }
  EXPECT_GT(changed, 100u);  // the new date reached the outputs (every suzhou and dongli DOCX)
  std::cout << "[ info ] the stopped build had renewed " << renewed << " of " << changed
            << " changed outputs\n";

  const auto [name3, settled] =
      last(build(bangfu::serve::kDefaultBuildSeconds, bangfu::serve::kDefaultBuildMemoryBytes));
  ASSERT_EQ(name3, "summary");
  EXPECT_TRUE(settled->getValue<bool>("upToDate") || settled->getArray("rebuilt")->size() == 0u);
  EXPECT_EQ(outputs(), after);
}

TEST_F(BuildBudgetTest, AReplacementSchemeIsReadWithinTheChecksBudgetAndOverItReplacesNothing) {
  if (!bangfu::test::kMeasuresMemory) GTEST_SKIP() << "no address-space cap under ASan (worker/bounded.cpp)";
  bangfu::serve::Options o;
  o.port = kPort;
  o.token = kToken;
  o.projectDir = project();
  o.limits.checkMemoryBytes = std::size_t{1} << 20;  // the reading worker cannot even start
  Workbench bench(o);
  const std::string path = project() + "/schemes/lishui-2019.json";
  const std::string old = bangfu::util::readFile(path);
  Request r;
  r.method = "POST";
  r.path = "/api/scheme";
  r.query = {{"index", "0"}};
  r.headers = {{"host", "127.0.0.1:" + std::to_string(kPort)}, {"x-bangfu-token", kToken}};
  r.body = old;
  const auto refused = bench.handle(r);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("serve.memory-limit"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("lishui-2019.json"), std::string::npos);  // the project's file, not the probe
  EXPECT_EQ(bangfu::util::readFile(path), old);
  EXPECT_FALSE(fs::exists(project() + "/.bangfu-versions"));
}

TEST_F(BuildBudgetTest, TheChangeReportIsMadeInABoundedWorker) {
  auto bench = [this](std::size_t memory) {
    bangfu::serve::Options o;
    o.port = kPort;
    o.token = kToken;
    o.projectDir = project();
    o.limits.checkMemoryBytes = memory;
    return std::make_unique<Workbench>(o);
  };
  auto request = [](const std::string& method, const std::string& path,
                    std::map<std::string, std::string> query) {
    Request r;
    r.method = method;
    r.path = path;
    r.query = std::move(query);
    r.headers = {{"host", "127.0.0.1:" + std::to_string(kPort)}, {"x-bangfu-token", kToken}};
    return r;
  };
  const std::string path = project() + "/schemes/suzhou-2022.json";
  std::string text = bangfu::util::readFile(path);
  const auto at = text.find("2022年7月18日");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, std::string("2022年7月18日").size(), "2022年7月19日");
  auto normal = bench(bangfu::serve::Limits{}.checkMemoryBytes);
  Request replace = request("POST", "/api/scheme", {{"index", "1"}});
  replace.body = text;
  ASSERT_EQ(normal->handle(replace).status, 200);
  const auto page = normal->handle(request("GET", "/api/diff", {{"index", "1"}}));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("\"changes\":"), std::string::npos);
  EXPECT_NE(page.body.find("<table"), std::string::npos);
  const auto docx = normal->handle(request("GET", "/api/diff", {{"index", "1"}, {"format", "docx"}}));
  ASSERT_EQ(docx.status, 200);
  EXPECT_EQ(docx.body.substr(0, 2), "PK");
  EXPECT_EQ(docx.downloadName, "变更对照表-suzhou-2022.docx");

  if (!bangfu::test::kMeasuresMemory) return;  // no address-space cap under ASan (worker/bounded.cpp)
  const auto refused = bench(std::size_t{1} << 20)->handle(request("GET", "/api/diff", {{"index", "1"}}));
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("serve.memory-limit"), std::string::npos) << refused.body;
}

}  // namespace
