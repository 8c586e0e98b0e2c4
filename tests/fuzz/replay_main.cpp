// Replays files through a libFuzzer target without libFuzzer, in the normal
// build: ctest's fuzz.replay.* run the committed corpus (tests/fuzz/corpus/*)
// through each target, so a bug the fuzzer found once stays found.
//   bangfu_fuzz_replay_<name> [--fault SITE] FILE_OR_FOLDER...
// --fault SITE makes the reader throw std::logic_error at SITE
// (io::detail::faultPoint): the target must not swallow it, so this run must
// die (tests/meta/test_breakage_fails.py).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/io_detail.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::string faultSite;

void throwAtSite(const char* site) {
  if (faultSite == site) throw std::logic_error(std::string("injected at ") + site);
}

int replay(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    std::cerr << "cannot read " << file << "\n";
    return 1;
  }
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--fault") == 0 && i + 1 < argc) {
      faultSite = argv[++i];
      bangfu::io::detail::setFaultHookForTesting(throwAtSite);
    } else if (std::filesystem::is_directory(argv[i])) {
      for (const auto& e : std::filesystem::directory_iterator(argv[i]))
        if (e.is_regular_file()) files.push_back(e.path());
    } else {
      files.emplace_back(argv[i]);
    }
  }
  if (files.empty()) {
    std::cerr << "usage: " << argv[0] << " [--fault SITE] FILE_OR_FOLDER...\n";
    return 2;
  }
  for (const auto& f : files) {
    if (replay(f) != 0) return 1;
  }
  std::cout << files.size() << " passed, 0 failed\n";
  return 0;
}
