// bangfu_docx_samples FOLDER: writes the render test's sample notices
// (tests/render/test_docx_render.py) as FOLDER/body.docx, table.docx and
// mixed.docx. A tool the test runs, not a test: it checks nothing itself.
#include "../tests/core/docx/docx_samples.hpp"

#include <fstream>
#include <iostream>
#include <string>
#include <utility>

#include "bangfu/docx/docx_writer.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: bangfu_docx_samples FOLDER\n";
    return 2;
  }
  using namespace bangfu;
  const std::pair<const char*, doc::Notice> samples[] = {
      {"body.docx", testkit::bodySampleNotice()},
      {"table.docx", testkit::tableSampleNotice(80)},
      {"mixed.docx", testkit::mixedSampleNotice()},
  };
  for (const auto& [name, notice] : samples) {
    const std::string path = std::string(argv[1]) + "/" + name;
    std::ofstream out(path, std::ios::binary);
    out << docx::writeDocx(notice);
    out.close();
    if (!out) {
      std::cerr << "bangfu_docx_samples: cannot write " << path << "\n";
      return 3;
    }
  }
  return 0;
}
