// The 变更对照表 names its versions by label or date, never by file path
// (issue 18 item 13), and carries a title and a date.
#include <gtest/gtest.h>

#include "bangfu/diff/diff.hpp"
#include "bangfu/io/scheme_io.hpp"

namespace diff = bangfu::diff;
namespace doc = bangfu::doc;
namespace model = bangfu::model;

namespace {

model::Scheme lishui() {
  bangfu::diag::Diagnostics d;
  return bangfu::io::loadScheme(std::string(BANGFU_SOURCE_DIR) + "/examples/lishui-2019/scheme.json", d);
}

std::string notesText(const doc::Appendix& a) {
  std::string all;
  for (const auto& b : a.blocks)
    if (const auto* n = std::get_if<doc::Notes>(&b))
      for (const auto& i : n->items) all += i + "\n";
  return all;
}

const doc::Paragraph* lastParagraph(const doc::Appendix& a) {
  return a.blocks.empty() ? nullptr : std::get_if<doc::Paragraph>(&a.blocks.back());
}

}  // namespace

TEST(DiffLabelsTest, DefaultLabelsAreTheDatesOfBothVersions) {
  auto before = lishui();
  auto after = before;
  before.notice.date = "2025年5月30日";
  after.notice.date = "2026年3月1日";
  after.units[0].name = "新名称单位";
  const auto labels = diff::defaultLabels(before, after);
  EXPECT_EQ(labels.before, "2025年5月30日版");
  EXPECT_EQ(labels.after, "2026年3月1日版");
  EXPECT_EQ(labels.date, "2026年3月1日");
  const auto notice = diff::reportNotice(diff::compare(before, after), before, after);
  const auto& a = notice.appendices.at(0);
  EXPECT_EQ(a.title, "2025年5月30日版与2026年3月1日版变更对照表");
  const std::string notes = notesText(a);
  EXPECT_NE(notes.find("2025年5月30日版与2026年3月1日版，共"), std::string::npos) << notes;
  EXPECT_EQ(notes.find(".json"), std::string::npos) << notes;
  EXPECT_EQ(notes.find(BANGFU_SOURCE_DIR), std::string::npos) << notes;
  const auto* date = lastParagraph(a);
  ASSERT_NE(date, nullptr);
  EXPECT_EQ(date->runs.at(0).text, "2026年3月1日");
  EXPECT_EQ(date->align, doc::Align::Right);
}

TEST(DiffLabelsTest, SameDateOnBothSidesSaysOldAndNew) {
  auto before = lishui();
  before.notice.date = "2026年3月1日";
  const auto labels = diff::defaultLabels(before, before);
  EXPECT_EQ(labels.before, "旧版（2026年3月1日）");
  EXPECT_EQ(labels.after, "新版（2026年3月1日）");
}

TEST(DiffLabelsTest, NoDateFallsBackToTheFileDate) {
  auto before = lishui();
  before.notice.date.clear();
  auto after = before;
  after.file = "/nonexistent/new.json";
  const auto labels = diff::defaultLabels(before, after);
  // The example file exists: its modification day, 20XX年M月D日.
  EXPECT_NE(labels.before.find("年"), std::string::npos) << labels.before;
  EXPECT_EQ(labels.before.rfind("旧版（", 0), 0u) << labels.before;
  EXPECT_EQ(labels.after, "新版");  // no date at all
}

TEST(DiffLabelsTest, GivenLabelsAreUsedVerbatim) {
  const auto before = lishui();
  auto after = before;
  after.units[0].name = "新名称单位";
  const diff::ReportLabels labels{"2025年版", "2026年版", "2026年3月1日"};
  const auto notice = diff::reportNotice(diff::compare(before, after), before, after, labels);
  EXPECT_EQ(notice.appendices.at(0).title, "2025年版与2026年版变更对照表");
  EXPECT_NE(notesText(notice.appendices.at(0)).find("2025年版与2026年版"), std::string::npos);
}
