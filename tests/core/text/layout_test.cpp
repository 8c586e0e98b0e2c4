#include <gtest/gtest.h>

#include "bangfu/text/names.hpp"

using bangfu::text::equalizeLabels;
using bangfu::text::padName;

TEST(PadNameTest, TwoCharacterNamesGetOneIdeographicSpace) {
  EXPECT_EQ(padName("王峰"), "王\u3000峰");
  EXPECT_EQ(padName("马凯"), "马\u3000凯");
}

TEST(PadNameTest, OtherLengthsUnchanged) {
  EXPECT_EQ(padName("张小明"), "张小明");
  EXPECT_EQ(padName("欧阳小明"), "欧阳小明");
  EXPECT_EQ(padName("王"), "王");
  EXPECT_EQ(padName(""), "");
  // Already padded: three code points.
  EXPECT_EQ(padName("王\u3000峰"), "王\u3000峰");
}

TEST(PadNameTest, NamesWithMiddleDotUnchanged) {
  EXPECT_EQ(padName("阿·木"), "阿·木");
  EXPECT_EQ(padName("买买提·艾力"), "买买提·艾力");
}

TEST(PadNameTest, NonHanUnchangedAndNoteKept) {
  EXPECT_EQ(padName("AB"), "AB");
  EXPECT_EQ(padName("王峰（女）"), "王\u3000峰（女）");
  EXPECT_EQ(padName("张小明（女）"), "张小明（女）");
}

TEST(EqualizeLabelsTest, PadsToWidestLabel) {
  EXPECT_EQ(equalizeLabels({"组长", "副组长", "成员"}),
            (std::vector<std::string>{"组\u3000长", "副组长", "成\u3000员"}));
}

TEST(EqualizeLabelsTest, WidthFourSpreadsBetweenCharacters) {
  EXPECT_EQ(equalizeLabels({"组长", "联络员长"}), (std::vector<std::string>{"组\u3000\u3000长", "联络员长"}));
  EXPECT_EQ(equalizeLabels({"副组长", "办公室主任"}),
            (std::vector<std::string>{"副\u3000组\u3000长", "办公室主任"}));
  // Five wide: four spaces into one gap; six wide for a three-character label: one
  // extra space goes to the gap nearest the centre.
  EXPECT_EQ(equalizeLabels({"组长", "办公室副主任"})[0], "组\u3000\u3000\u3000\u3000长");
  EXPECT_EQ(equalizeLabels({"副组长", "办公室副主任"})[0], "副\u3000\u3000组\u3000长");
}

TEST(EqualizeLabelsTest, EdgeCases) {
  EXPECT_TRUE(equalizeLabels({}).empty());
  EXPECT_EQ(equalizeLabels({"长", "组长"}), (std::vector<std::string>{"长\u3000", "组长"}));
  EXPECT_EQ(equalizeLabels({"组长", "组长"}), (std::vector<std::string>{"组长", "组长"}));
  // Non-Han labels are left for the caller.
  EXPECT_EQ(equalizeLabels({"PM", "副组长"}), (std::vector<std::string>{"PM", "副组长"}));
}
