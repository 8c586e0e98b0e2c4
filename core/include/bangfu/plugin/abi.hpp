#pragma once
/// The plugin ABI (style-anchors "What to absorb" 5-6). A plugin carries its
/// metadata as plain data in its own ELF section, `.bangfu_plugin`, which the host
/// reads from the file with its own ELF reader (bangfu/plugin/elf_metadata.hpp)
/// *before* dlopen: a module without it, truncated, or of another ABI is refused
/// and none of its code runs, not even its static initialisers (the way DuckDB
/// checks the metadata appended to an extension). The plugin's `abi` must equal
/// kPluginAbiVersion exactly (DuckDB's rule).
#include <cstddef>
#include <cstdint>

#include "bangfu/version.hpp"

/// Bump whenever any type reachable from bangfu::plugin::JurisdictionPlugin changes
/// (the core model, the document model, the plugin interface itself).
/// 3: JurisdictionPlugin::inputSheets (input workbook sheets), Scheme::optionWhere and pluginWhere.
/// 4: metadata in the .bangfu_plugin section instead of the bangfu_plugin_info
///    function; renders run in a worker process; model::kMaxMultiplicity.
/// 5: doc::Cell::numberFormat (the input's number format, written by the XLSX writer).
#define BANGFU_PLUGIN_ABI_VERSION 5

/// The section that holds a plugin's bangfu_plugin_metadata.
#define BANGFU_PLUGIN_SECTION ".bangfu_plugin"

extern "C" {
/// Plain data only, fixed size, no pointers: the host reads it from the file
/// without loading it. The first 16 bytes (magic, abi, size) keep their layout in
/// every ABI, so any host can name the ABI a module was built for.
struct bangfu_plugin_metadata {  // NOLINT(readability-identifier-naming): a C record of the plugin ABI
  char magic[8];                 ///< "BANGFUP" and a NUL
  std::uint32_t abi;             ///< BANGFU_PLUGIN_ABI_VERSION the plugin was built with
  std::uint32_t size;            ///< sizeof(bangfu_plugin_metadata) of that ABI
  char id[64];                   ///< lishui, dongli, suzhou … (NUL-terminated)
  char plugin_version[32];       ///< the plugin's own version
  char core_version[32];         ///< BANGFU_VERSION_STRING the plugin was built with
  char region[96];               ///< 丽水市 … (UTF-8)
};
}

namespace bangfu::plugin {
inline constexpr std::uint32_t kPluginAbiVersion = BANGFU_PLUGIN_ABI_VERSION;
inline constexpr char kMetadataMagic[8] = "BANGFUP";
inline constexpr const char* kMetadataSection = BANGFU_PLUGIN_SECTION;
/// Bytes of the part of the record that every ABI shares (magic, abi, size).
inline constexpr std::uint32_t kMetadataFixedBytes = 16;
static_assert(sizeof(bangfu_plugin_metadata) == 240, "the metadata record is part of the ABI");
}  // namespace bangfu::plugin

namespace bangfu::plugin::detail {
/// Copies a NUL-terminated string into a fixed field at compile time; a string
/// that does not fit is not a constant expression, so the plugin does not build.
template <std::size_t N>
constexpr void copyField(char (&field)[N], const char* text) {
  std::size_t i = 0;
  for (; text[i] != '\0'; ++i) {
    if (i + 1 >= N) throw "bangfu plugin metadata: text too long for its field";  // NOLINT: compile-time only
    field[i] = text[i];
  }
  for (; i < N; ++i) field[i] = '\0';
}

constexpr bangfu_plugin_metadata makeMetadata(std::uint32_t abi, const char* id, const char* version,
                                              const char* region) {
  bangfu_plugin_metadata m{};
  copyField(m.magic, kMetadataMagic);
  m.abi = abi;
  m.size = static_cast<std::uint32_t>(sizeof(bangfu_plugin_metadata));
  copyField(m.id, id);
  copyField(m.plugin_version, version);
  copyField(m.core_version, BANGFU_VERSION_STRING);
  copyField(m.region, region);
  return m;
}
}  // namespace bangfu::plugin::detail

/// Emits the metadata record into the module's .bangfu_plugin section as constant
/// data (no initialiser runs). BANGFU_PLUGIN uses it; the fixtures of the host's
/// tests use it directly to build modules of another ABI.
#define BANGFU_PLUGIN_METADATA(Abi, Id, Version, Region)                                          \
  __attribute__((used, section(BANGFU_PLUGIN_SECTION))) static constexpr ::bangfu_plugin_metadata \
      bangfu_plugin_metadata_record =                                                             \
          ::bangfu::plugin::detail::makeMetadata((Abi), (Id), (Version), (Region))
