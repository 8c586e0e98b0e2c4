// libFuzzer target for the scheme JSON loader: any bytes give a Scheme (with
// diagnostics) or an InputError; a scheme read cleanly must survive a round trip
// through schemeToJson as the same model (model::operator==). Only InputError is
// caught: any other exception is a bug the fuzzer must see.
#include <cstddef>
#include <cstdint>
#include <string>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/io/scheme_io.hpp"
#include "bangfu/model/scheme.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    bangfu::diag::Diagnostics diags;
    const auto scheme = bangfu::io::parseSchemeJson(std::string(reinterpret_cast<const char*>(data), size),
                                                    "fuzz.json", diags);
    if (!diags.hasErrors()) {
      bangfu::diag::Diagnostics again;
      const auto back =
          bangfu::io::parseSchemeJson(bangfu::io::schemeToJson(scheme), "canonical.json", again);
      if (again.hasErrors() || back != scheme) __builtin_trap();
    }
  } catch (const bangfu::diag::InputError&) {
  }
  return 0;
}
