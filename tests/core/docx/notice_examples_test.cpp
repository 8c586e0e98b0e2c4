// The GB/T 9704 checks (spec §6 and ch. 7) on the whole notice of every example,
// rendered by the real `bangfu render` (issue 17 "Verification").
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gbt9704_checks.hpp"
#include "zip/zip_writer.hpp"

namespace fs = std::filesystem;

namespace {

std::string readAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

}  // namespace

TEST(NoticeExamplesTest, EveryExampleMeetsTheNoticeRules) {
  const fs::path out = fs::temp_directory_path() / "bangfu-notice-examples";
  int checked = 0;
  for (const char* ex :
       {"lishui-2019", "lishui-2018-east-west", "zhejiang-2014", "suzhou-2022", "dongli-2017"}) {
    const fs::path dir = out / ex;
    fs::remove_all(dir);
    const std::string cmd = std::string("\"") + BANGFU_CLI + "\" render \"" + BANGFU_SOURCE_DIR +
                            "/examples/" + ex + "/scheme.json\" --format docx --out \"" + dir.string() +
                            "\" >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << ex;
    std::vector<fs::path> docx;
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().extension() == ".docx") docx.push_back(e.path());
    ASSERT_EQ(docx.size(), 1u) << ex;
    bangfu::testkit::Gbt9704CheckOptions o;
    o.notice = true;
    const auto v = bangfu::testkit::checkGbt9704(readAll(docx[0]), o);
    EXPECT_TRUE(v.empty()) << ex << ":\n" << joined(v);
    ++checked;
  }
  EXPECT_EQ(checked, 5);
  fs::remove_all(out);
}

TEST(NoticeExamplesTest, ChecksCatchEachBrokenRule) {
  const fs::path dir = fs::temp_directory_path() / "bangfu-notice-broken";
  fs::remove_all(dir);
  const std::string cmd = std::string("\"") + BANGFU_CLI + "\" render \"" + BANGFU_SOURCE_DIR +
                          "/examples/zhejiang-2014/scheme.json\" --format docx --out \"" + dir.string() +
                          "\" >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  fs::path path;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".docx") path = e.path();
  const std::string good = readAll(path);
  bangfu::testkit::Gbt9704CheckOptions o;
  o.notice = true;
  ASSERT_TRUE(bangfu::testkit::checkGbt9704(good, o).empty());
  const std::string xml = bangfu::testkit::unzipAll(good).at("word/document.xml");
  auto expectCheck = [&](const std::string& from, const std::string& to, const std::string& clause) {
    std::string broken = xml;
    const auto at = broken.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    broken.replace(at, from.size(), to);
    auto parts = bangfu::testkit::unzipAll(good);
    parts["word/document.xml"] = broken;
    bangfu::zip::ZipWriter zip(946684800);
    for (const auto& [k, v] : parts) zip.addPart(k, v);
    const auto v = bangfu::testkit::checkGbt9704Notice(zip.finish());
    EXPECT_NE(joined(v).find(clause), std::string::npos) << from << " → " << to << "\n" << joined(v);
  };
  expectCheck("w:line=\"2005\"", "w:line=\"600\"", "7.2.4:");
  expectCheck("<w:color w:val=\"FF0000\"/>", "<w:color w:val=\"000000\"/>", "7.2.4:");
  expectCheck("w:space=\"8\"", "w:space=\"20\"", "7.2.7:");
  expectCheck("浙委办发〔2014〕8号", "浙委办发[2014]08号", "7.2.5:");
  expectCheck("省直属各单位：", "省直属各单位", "7.3.2:");
  expectCheck("w:left=\"1600\" w:hanging=\"960\"", "w:left=\"1280\" w:hanging=\"960\"", "7.3.4:");
  expectCheck("<w:top w:val=\"single\" w:sz=\"8\"", "<w:top w:val=\"single\" w:sz=\"4\"", "7.4.1:");
  expectCheck("日印发", "日", "7.4.3:");
  fs::remove_all(dir);
}
