// The plugin SDK's naming helpers for per-entity documents.
#include <gtest/gtest.h>

#include "bangfu/plugin/sdk.hpp"

using namespace bangfu;

TEST(PluginSdk, FileNamePartKeepsASlashFromOpeningAFolder) {
  EXPECT_EQ(plugin::fileNamePart("市委办/市府办"), "市委办／市府办");
  EXPECT_EQ(plugin::fileNamePart("a//b/"), "a／／b／");
  EXPECT_EQ(plugin::fileNamePart("莲都区"), "莲都区");
  EXPECT_EQ(plugin::fileNamePart(""), "");
}
