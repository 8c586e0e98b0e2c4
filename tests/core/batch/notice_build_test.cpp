// `bangfu build` writes the whole notice (版头 to 版记, docs/notice.md) beside the
// appendices when a scheme has a text: one more DOCX output, in the manifest, rebuilt
// when the text changes and removed when it goes; a broken text fails the scheme.
#include <Poco/File.h>
#include <Poco/TemporaryFile.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "bangfu/batch/build.hpp"
#include "bangfu/batch/manifest.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "lishui/lishui_plugin.hpp"

namespace batch = bangfu::batch;
using bangfu::plugin::PluginHost;

namespace {

const std::string kExamples = std::string(BANGFU_SOURCE_DIR) + "/examples";
const std::string kNotice = "lishui/关于做好新一轮扶贫结对帮扶工作的通知.docx";

class NoticeProject {
 public:
  NoticeProject() : dir_(Poco::TemporaryFile::tempName()) {
    Poco::File(dir_ + "/schemes").createDirectories();
    Poco::File(kExamples + "/lishui-2019/scheme.json").copyTo(dir_ + "/schemes/lishui.json");
    Poco::File(kExamples + "/lishui-2019/notice.md").copyTo(dir_ + "/schemes/notice.md");
    bangfu::util::writeFileAtomic(
        dir_ + "/bangfu-project.json",
        R"({"output": "out", "formats": ["docx", "xlsx"], "pattern": "{scheme}/{stem}.{ext}",
                                      "schemes": [{"path": "schemes/lishui.json", "plugin": "lishui",
                                                   "name": "lishui", "entities": false}]})");
  }
  ~NoticeProject() { Poco::File(dir_).remove(true); }
  [[nodiscard]] const std::string& dir() const { return dir_; }

  [[nodiscard]] batch::BuildReport build() const {
    PluginHost host(std::vector<std::string>{});
    namespace l = bangfu::plugins::lishui;
    host.addStatic({l::kId, l::kVersion, l::kRegion, bangfu::kVersion, bangfu::plugin::kPluginAbiVersion, ""},
                   std::make_unique<l::LishuiPlugin>());
    batch::BuildOptions o;
    o.jobs = 2;
    return batch::build(dir_, host, o);
  }

 private:
  std::string dir_;
};

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST(NoticeBuildTest, TheWholeNoticeIsAnOutputOfTheBuild) {
  NoticeProject p;
  const auto first = p.build();
  EXPECT_FALSE(first.diags.hasErrors());
  // Two appendices in DOCX and XLSX, and the whole notice in DOCX only.
  EXPECT_EQ(first.total, 5u);
  EXPECT_TRUE(has(first.rebuilt, kNotice));
  const auto manifest = batch::readManifest(p.dir() + "/out/" + batch::kManifestFile);
  ASSERT_EQ(manifest.outputs.count(kNotice), 1u);
  EXPECT_EQ(manifest.outputs.at(kNotice).entity, "notice");
  const std::string bytes = bangfu::util::readFile(p.dir() + "/out/" + kNotice);
  EXPECT_EQ(bytes.compare(0, 2, "PK"), 0);

  // Nothing changed: up to date. The text changed: only the notice is rebuilt.
  EXPECT_TRUE(p.build().upToDate);
  std::string text = bangfu::util::readFile(p.dir() + "/schemes/notice.md");
  bangfu::util::writeFileAtomic(p.dir() + "/schemes/notice.md", text + "另补一段。\n");
  const auto edited = p.build();
  EXPECT_EQ(edited.rebuilt, std::vector<std::string>{kNotice});
  EXPECT_EQ(edited.skipped, 4u);

  // A broken text fails the scheme and keeps every earlier output.
  bangfu::util::writeFileAtomic(p.dir() + "/schemes/notice.md", text + "一、甲\n三、乙\n");
  const auto broken = p.build();
  EXPECT_TRUE(broken.diags.has("notice.heading-sequence"));
  EXPECT_TRUE(broken.rebuilt.empty());
  EXPECT_TRUE(Poco::File(p.dir() + "/out/" + kNotice).exists());

  // No text any more: the notice output is removed, the appendices stay.
  Poco::File(p.dir() + "/schemes/notice.md").remove();
  const auto gone = p.build();
  EXPECT_FALSE(gone.diags.hasErrors());
  EXPECT_EQ(gone.removed, std::vector<std::string>{kNotice});
  EXPECT_EQ(gone.total, 4u);
}
