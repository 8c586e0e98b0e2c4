#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

#include "../docx/docx_samples.hpp"
#include "bangfu/docx/docx_writer.hpp"

namespace bangfu {
namespace {

doc::Appendix tableAppendix(const char* label, doc::Orientation o, int rows) {
  doc::Appendix a = testkit::tableSampleNotice(rows).appendices.front();
  a.label = label;
  a.id = label;
  a.orientation = o;
  return a;
}

doc::Notice withAppendices(std::initializer_list<std::pair<doc::Orientation, int>> parts) {
  doc::Notice n = testkit::tableSampleNotice(1);
  n.appendices.clear();
  int i = 0;
  static const char* const labels[] = {"附件1", "附件2", "附件3", "附件4"};
  for (const auto& [o, rows] : parts) n.appendices.push_back(tableAppendix(labels[i++], o, rows));
  return n;
}

/// Writes the section-order samples of tests/render/test_table_render.py (issue
/// 16: the landscape page number on every order of sections) into the folder
/// BANGFU_SECTION_SAMPLES names, or into a scratch folder of the build; each is a
/// DOCX package with one section per appendix.
TEST(LayoutSectionSamples, WritesEverySectionOrder) {
  const char* env = std::getenv("BANGFU_SECTION_SAMPLES");
  const std::string dir = env != nullptr && *env != '\0'
                              ? std::string(env)
                              : std::string(BANGFU_BINARY_DIR) + "/section-order-samples";
  std::filesystem::create_directories(dir);
  constexpr auto P = doc::Orientation::Portrait;
  constexpr auto L = doc::Orientation::Landscape;
  const std::pair<const char*, doc::Notice> samples[] = {
      {"order-portrait-landscape-portrait.docx", withAppendices({{P, 20}, {L, 30}, {P, 20}})},
      {"order-landscape-first.docx", withAppendices({{L, 30}, {P, 20}})},
      {"order-landscape-last.docx", withAppendices({{P, 20}, {L, 30}})},
      {"order-landscape-landscape-portrait.docx", withAppendices({{L, 15}, {L, 30}, {P, 10}})},
  };
  for (const auto& [name, notice] : samples) {
    const std::string bytes = docx::writeDocx(notice);
    std::ofstream out(dir + "/" + name, std::ios::binary);
    out << bytes;
    ASSERT_TRUE(out.good()) << name;
    EXPECT_EQ(bytes.compare(0, 2, "PK"), 0) << name << " is a zip package";
  }
}

}  // namespace
}  // namespace bangfu
