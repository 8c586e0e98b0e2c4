// libFuzzer target for the plugin-metadata ELF reader (bangfu/plugin/elf_metadata.hpp):
// any bytes give metadata or a MetadataError, never a read outside the input.
// Seeds (tests/fuzz/corpus/plugin_metadata): tiny.so and tiny-abi999.so, modules that
// hold only a metadata record, built with
//   g++ -std=c++17 -Icore/include -shared -fPIC -Os -nostdlib -Wl,-z,noseparate-code
//       -Wl,--build-id=none -o tiny.so tiny.cpp && strip tiny.so
// from a tiny.cpp of one line: BANGFU_PLUGIN_METADATA(BANGFU_PLUGIN_ABI_VERSION, "tiny", "1.0.0", "测试");
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bangfu/plugin/abi.hpp"
#include "bangfu/plugin/elf_metadata.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto meta =
        bangfu::plugin::readModuleMetadata(std::string_view(reinterpret_cast<const char*>(data), size));
    // A record of this ABI always names its plugin.
    if (meta.abi == bangfu::plugin::kPluginAbiVersion && meta.id.empty()) __builtin_trap();
  } catch (const bangfu::plugin::MetadataError&) {
  }
  return 0;
}
