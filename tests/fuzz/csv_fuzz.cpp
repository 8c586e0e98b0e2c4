// libFuzzer target for the CSV reader: any bytes give a Sheet or an InputError.
#include <cstddef>
#include <cstdint>
#include <string>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/io/sheet.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bangfu::io::ReadLimits limits;
  limits.maxCells = 1u << 18;
  try {
    const auto sheet =
        bangfu::io::readCsvBytes(std::string(reinterpret_cast<const char*>(data), size), "fuzz.csv", limits);
    // Every row is padded to one width and has its line and original width.
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
      if (sheet.rows[r].size() != sheet.rows.front().size() || sheet.lines.size() != sheet.rows.size() ||
          sheet.widths.size() != sheet.rows.size())
        __builtin_trap();
    }
  } catch (const bangfu::diag::InputError&) {
  }
  return 0;
}
