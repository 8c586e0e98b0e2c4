// The notice with no appendix rendered (plugin::noticeOf, noticeWithoutPlugin): the
// one source for `bangfu render` and the workbench check without a plugin, and for
// a build's detached notice.
#include <gtest/gtest.h>

#include "bangfu/plugin/render.hpp"

namespace {

bangfu::model::Scheme sample() {
  bangfu::model::Scheme s;
  s.file = "scheme.json";
  s.fictional = true;
  s.notice.docNumber = "丽委办〔2019〕12号";
  s.notice.date = "2019年5月30日";
  s.notice.title = "关于印发结对帮扶方案的通知";
  s.notice.issuers = {"中共丽水市委办公室", "丽水市人民政府办公室"};
  s.notice.appendices = {{"leaders", "附件1", "市级领导结对帮扶方案"}, {"teams", "附件2", "团组安排方案"}};
  return s;
}

TEST(NoticeOf, CarriesTheSchemesOwnFieldsAndNoAppendix) {
  const auto n = bangfu::plugin::noticeOf(sample());
  EXPECT_EQ(n.docNumber, "丽委办〔2019〕12号");
  EXPECT_EQ(n.date, "2019年5月30日");
  EXPECT_EQ(n.title, "关于印发结对帮扶方案的通知");
  EXPECT_EQ(n.issuer, "中共丽水市委办公室");  // the first issuer: the documents' author
  EXPECT_TRUE(n.fictional);
  EXPECT_TRUE(n.appendices.empty());
}

TEST(NoticeOf, WithoutAPluginEveryNamedAppendixIsAWarningAtItsPlace) {
  bangfu::diag::Diagnostics diags;
  const auto n = bangfu::plugin::noticeWithoutPlugin(sample(), diags);
  EXPECT_TRUE(n.appendices.empty());
  EXPECT_EQ(n.docNumber, "丽委办〔2019〕12号");
  ASSERT_EQ(diags.items().size(), 2u);
  EXPECT_FALSE(diags.hasErrors());
  EXPECT_EQ(diags.items()[0].code, "notice.appendix-not-rendered");
  EXPECT_EQ(diags.items()[1].where.field, "notice.appendices[1]");
  EXPECT_EQ(diags.items()[1].where.file, "scheme.json");
  EXPECT_NE(diags.items()[1].message.find("团组安排方案"), std::string::npos);
  EXPECT_FALSE(diags.items()[1].suggestionEn.empty());
}

}  // namespace
