// Appendix titles in balanced lines (GB/T 9704-2012 7.3.1) and a scheme's own breaks.
#include "bangfu/layout/title.hpp"

#include <gtest/gtest.h>

#include "bangfu/text/title_lines.hpp"

namespace bangfu::layout {
namespace {

using doc::Orientation;

TEST(AppendixTitle, ShortTitleStaysOnOneLine) {
  EXPECT_EQ(titleText("市级领导结对帮扶方案", Orientation::Portrait), "市级领导结对帮扶方案");
}

TEST(AppendixTitle, LongTitleBreaksIntoBalancedLinesBetweenWords) {
  // 26 characters: 20 + 6 would leave a short tail; the balanced break is 12 + 14,
  // and neither 工作 nor 领导小组 is cut.
  EXPECT_EQ(titleText("东丽区结对帮扶困难村工作领导小组及办公室组成人员名单", Orientation::Portrait),
            "东丽区结对帮扶困难村工作\n领导小组及办公室组成人员名单");
}

TEST(AppendixTitle, LandscapeLineHoldsMore) {
  // 26 characters fit the 28 of a landscape 版心.
  EXPECT_EQ(titleText("东丽区结对帮扶困难村工作领导小组及办公室组成人员名单", Orientation::Landscape),
            "东丽区结对帮扶困难村工作领导小组及办公室组成人员名单");
}

TEST(AppendixTitle, SchemeBreakMarkIsHonouredAndNotPrinted) {
  EXPECT_EQ(titleText("东丽区结对帮扶困难村工作领导小组及｜办公室组成人员名单", Orientation::Portrait),
            "东丽区结对帮扶困难村工作领导小组及\n办公室组成人员名单");
  EXPECT_EQ(titleText("市级领导｜结对帮扶方案", Orientation::Landscape), "市级领导\n结对帮扶方案");
}

TEST(AppendixTitle, SchemeNewlineIsHonoured) {
  EXPECT_EQ(titleText("市级领导\n结对帮扶方案", Orientation::Portrait), "市级领导\n结对帮扶方案");
}

TEST(AppendixTitle, OneLineFormDropsTheBreaks) {
  EXPECT_EQ(text::titleOnOneLine("市级领导｜结对帮扶\n方案"), "市级领导结对帮扶方案");
}

TEST(AppendixTitle, NoLineStartsWithClosingPunctuation) {
  const std::string t =
      titleText("关于开展新一轮结对帮扶困难村工作（第二批次试点单位）的实施方案", Orientation::Portrait);
  std::size_t at = 0;
  while ((at = t.find('\n', at)) != std::string::npos) {
    ++at;
    EXPECT_NE(t.compare(at, 3, "）"), 0) << t;
    EXPECT_NE(t.compare(at, 3, "的"), 0) << t;
  }
  EXPECT_NE(t.find('\n'), std::string::npos) << t;
}

}  // namespace
}  // namespace bangfu::layout
