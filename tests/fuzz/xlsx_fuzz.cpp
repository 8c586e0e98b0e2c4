// libFuzzer target for the XLSX reader: any bytes give a Workbook or an InputError.
#include <cstddef>
#include <cstdint>
#include <string>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/io/sheet.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bangfu::io::ReadLimits limits;
  // Small caps keep each run fast; the code paths are those of the default caps.
  limits.maxPartBytes = 8u << 20;
  limits.maxTotalBytes = 16u << 20;
  limits.maxCells = 1u << 18;
  // Merged fills and shared-string references count at their expanded size
  // (issue 15 item 5): under libFuzzer's -rss_limit_mb=2048 with ASan's overhead.
  limits.maxExpandedBytes = 64u << 20;
  try {
    bangfu::io::readXlsxBytes(std::string(reinterpret_cast<const char*>(data), size), "fuzz.xlsx", limits);
  } catch (const bangfu::diag::InputError&) {
  }
  return 0;
}
