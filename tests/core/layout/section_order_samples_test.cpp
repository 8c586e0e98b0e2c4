#include <gtest/gtest.h>

#include <cstdlib>
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
/// 16: the landscape page number on every order of sections) when
/// BANGFU_SECTION_SAMPLES names a folder; skipped otherwise.
TEST(LayoutSectionSamples, WritesEverySectionOrder) {
  const char* dir = std::getenv("BANGFU_SECTION_SAMPLES");
  if (dir == nullptr || *dir == '\0') GTEST_SKIP() << "BANGFU_SECTION_SAMPLES not set";
  constexpr auto P = doc::Orientation::Portrait;
  constexpr auto L = doc::Orientation::Landscape;
  const std::pair<const char*, doc::Notice> samples[] = {
      {"order-portrait-landscape-portrait.docx", withAppendices({{P, 20}, {L, 30}, {P, 20}})},
      {"order-landscape-first.docx", withAppendices({{L, 30}, {P, 20}})},
      {"order-landscape-last.docx", withAppendices({{P, 20}, {L, 30}})},
      {"order-landscape-landscape-portrait.docx", withAppendices({{L, 15}, {L, 30}, {P, 10}})},
  };
  for (const auto& [name, notice] : samples) {
    std::ofstream out(std::string(dir) + "/" + name, std::ios::binary);
    out << docx::writeDocx(notice);
    ASSERT_TRUE(out.good()) << name;
  }
}

}  // namespace
}  // namespace bangfu
