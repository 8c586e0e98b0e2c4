#pragma once
/// Reading a plugin's metadata from its file, before anything loads it: a small
/// ELF64 reader of our own (the headers are checked against the file size, the
/// section table and the section holding the record against their bounds), so a
/// truncated or hostile module is refused without dlopen. Fuzzed by
/// tests/fuzz/plugin_metadata_fuzz.cpp.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace bangfu::plugin {

/// What a module says about itself (bangfu_plugin_metadata, bangfu/plugin/abi.hpp).
struct ModuleMetadata {
  std::uint32_t abi = 0;
  std::string id;  ///< empty when the record is of another ABI and its layout unknown
  std::string version;
  std::string coreVersion;
  std::string region;
};

class MetadataError : public std::runtime_error {
 public:
  enum class Kind {
    NotElf,       ///< no ELF magic: not a shared module at all
    Unsupported,  ///< ELF, but not a 64-bit little-endian shared object for this machine
    Truncated,    ///< a header, segment or section reaches past the end of the file
    Malformed,    ///< header fields that contradict each other
    NoMetadata,   ///< a module without the .bangfu_plugin section: not a bangfu plugin
    BadMetadata,  ///< the section is there but its record is not readable
  };
  MetadataError(Kind kind, std::string zh, const std::string& en)
      : std::runtime_error(en), kind_(kind), zh_(std::move(zh)) {}
  [[nodiscard]] Kind kind() const { return kind_; }
  [[nodiscard]] const std::string& chinese() const { return zh_; }

 private:
  Kind kind_;
  std::string zh_;
};

/// Reads the metadata record from the bytes of a whole module file. Throws
/// MetadataError; never reads outside `file`. A record of another ABI comes back
/// with its `abi` (the host refuses it), and with its texts when their layout is
/// this ABI's.
ModuleMetadata readModuleMetadata(std::string_view file);

}  // namespace bangfu::plugin
