// libFuzzer target for the build manifest reader (out/.bangfu-manifest.json is
// untrusted: it travels with a copied folder). Any bytes give a manifest or a
// warning, never a crash; every output path and folder the reader lets through
// passes util::checkRelativePath (the build deletes only such paths); and a
// manifest read cleanly survives a round trip through its canonical JSON.
#include <cstddef>
#include <cstdint>
#include <string>

#include "bangfu/batch/manifest.hpp"
#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/util/output_folder.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace batch = bangfu::batch;
  namespace util = bangfu::util;
  bangfu::diag::Diagnostics diags;
  batch::ManifestState state = batch::ManifestState::Missing;
  const batch::Manifest m = batch::parseManifest(std::string(reinterpret_cast<const char*>(data), size),
                                                 "fuzz.json", diags, &state);
  if (state == batch::ManifestState::Missing) __builtin_trap();  // bytes in hand are never "missing"
  for (const auto& [rel, entry] : m.outputs)
    if (util::checkRelativePath(rel) != util::PathFault::None) __builtin_trap();
  for (const auto& folder : m.folders)
    if (util::checkRelativePath(folder) != util::PathFault::None) __builtin_trap();
  if (state == batch::ManifestState::Read) {
    const std::string canonical = batch::manifestToJson(m);
    bangfu::diag::Diagnostics again;
    batch::ManifestState backState = batch::ManifestState::Missing;
    const batch::Manifest back = batch::parseManifest(canonical, "canonical.json", again, &backState);
    if (backState != batch::ManifestState::Read || again.hasErrors() ||
        batch::manifestToJson(back) != canonical)
      __builtin_trap();
  }
  return 0;
}
