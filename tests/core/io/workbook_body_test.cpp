#include "bangfu/io/workbook_body.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "bangfu/io/scheme_io.hpp"
#include "bangfu/notice/source.hpp"

using namespace bangfu;
namespace fs = std::filesystem;

namespace {

fs::path tempDir(const char* name) {
  const fs::path d = fs::temp_directory_path() / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

}  // namespace

TEST(WorkbookBodyTest, BodySheetRoundTripsWithItsPlaces) {
  const fs::path dir = tempDir("bangfu-workbook-body");
  const std::string path = (dir / "方案.xlsx").string();
  model::Scheme s;
  s.name = "t";
  s.notice.title = "关于做好工作的通知";
  s.notice.issuers = {"某某办公室"};
  s.notice.recipients = "各单位";
  io::InitOptions o;
  o.from = &s;
  o.bodyLines = {"为进一步做好工作，现通知如下：", "一、范围", "1.完善结对关系。", "", "三、要求"};
  io::writeInputWorkbook(path, o);
  const auto body = io::readWorkbookBody(path);
  ASSERT_TRUE(body.has_value());
  ASSERT_EQ(body->rows.size(), 4u);                   // the guide rows and the empty paragraph are left out
  EXPECT_EQ(body->rows[2].text, "1.完善结对关系。");  // a paragraph that looks like a number stays text
  const std::size_t guide = io::bodySheetGuide().size();
  EXPECT_EQ(body->rows[0].where.str(), path + ":正文!A" + std::to_string(guide + 1));

  // The whole path: the scheme read back from the workbook finds its 正文, and a
  // problem in it is placed on its cell.
  diag::Diagnostics d;
  const auto scheme = io::loadScheme(path, d);
  const auto source = notice::findSource(scheme, d);
  ASSERT_TRUE(source.has_value());
  notice::buildNotice(scheme, *source, d);
  bool found = false;
  for (const auto& x : d.items()) {
    if (x.code != "notice.heading-sequence") continue;
    found = true;
    EXPECT_EQ(x.where.str(), path + ":正文!A" + std::to_string(guide + 4));
  }
  EXPECT_TRUE(found);
  fs::remove_all(dir);
}

TEST(WorkbookBodyTest, PathInA1AndNoSheet) {
  const fs::path dir = tempDir("bangfu-workbook-body-path");
  const std::string path = (dir / "b.xlsx").string();
  io::InitOptions o;
  io::writeInputWorkbook(path, o);  // a blank workbook: the guide only
  EXPECT_FALSE(io::readWorkbookBody(path).has_value());
  io::InitOptions withPath;
  withPath.bodyLines = {"notice.md"};
  io::writeInputWorkbook(path, withPath);
  const auto body = io::readWorkbookBody(path);
  ASSERT_TRUE(body.has_value());
  EXPECT_EQ(body->path, "notice.md");
  EXPECT_TRUE(body->rows.empty());
  fs::remove_all(dir);
}
