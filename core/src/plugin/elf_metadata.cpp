#include "bangfu/plugin/elf_metadata.hpp"

#include <elf.h>

#include <cstddef>
#include <cstring>
#include <limits>

#include "bangfu/plugin/abi.hpp"

namespace bangfu::plugin {

namespace {

using Kind = MetadataError::Kind;

#if defined(__x86_64__)
constexpr std::uint16_t kHostMachine = EM_X86_64;
#elif defined(__aarch64__)
constexpr std::uint16_t kHostMachine = EM_AARCH64;
#else
#error "bangfu's plugin metadata reader knows x86_64 and aarch64 modules"
#endif
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the reader takes ELF fields in host byte order");

[[noreturn]] void refuse(Kind kind, const std::string& zh, const std::string& en) {
  throw MetadataError(kind, zh, en);
}

/// True when [offset, offset + size) lies inside a file of `fileSize` bytes,
/// computed without overflow.
bool inside(std::uint64_t offset, std::uint64_t size, std::size_t fileSize) {
  return offset <= fileSize && size <= fileSize - offset;
}

/// Reads a T at `offset`, which the caller has bounds-checked (memcpy: the file
/// bytes carry no alignment).
template <class T>
T at(std::string_view file, std::uint64_t offset) {
  T value;
  std::memcpy(&value, file.data() + offset, sizeof value);
  return value;
}

/// A NUL-terminated field of `N` bytes; a field without its NUL is unreadable.
template <std::size_t N>
std::string field(const char (&bytes)[N], const char* name) {
  const void* nul = std::memchr(bytes, '\0', N);
  if (!nul)
    refuse(Kind::BadMetadata, std::string("插件信息中的 ") + name + " 没有结尾",
           std::string("the metadata field ") + name + " is not terminated");
  return {bytes, static_cast<std::size_t>(static_cast<const char*>(nul) - bytes)};
}

Elf64_Ehdr readHeader(std::string_view file) {
  if (file.size() < EI_NIDENT || std::memcmp(file.data(), ELFMAG, SELFMAG) != 0)
    refuse(Kind::NotElf, "不是共享库模块（没有 ELF 文件头）", "not a shared module (no ELF header)");
  if (file.size() < sizeof(Elf64_Ehdr))
    refuse(Kind::Truncated, "文件被截断：ELF 文件头不完整", "truncated: the ELF header is incomplete");
  const auto eh = at<Elf64_Ehdr>(file, 0);
  if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB)
    refuse(Kind::Unsupported, "不是本机可用的 64 位模块", "not a 64-bit little-endian module");
  if (eh.e_machine != kHostMachine)
    refuse(Kind::Unsupported, "模块为其他处理器构建（e_machine " + std::to_string(eh.e_machine) + "）",
           "the module is built for another machine (e_machine " + std::to_string(eh.e_machine) + ")");
  if (eh.e_type != ET_DYN) refuse(Kind::Unsupported, "不是共享库（ET_DYN）", "not a shared object (ET_DYN)");
  if (eh.e_ehsize != sizeof(Elf64_Ehdr) || (eh.e_phnum != 0 && eh.e_phentsize != sizeof(Elf64_Phdr)) ||
      (eh.e_shnum != 0 && eh.e_shentsize != sizeof(Elf64_Shdr)))
    refuse(Kind::Malformed, "ELF 文件头的表项大小不对", "the ELF header gives wrong entry sizes");
  return eh;
}

/// Every loadable segment must lie inside the file: dlopen maps them, and a page
/// past the end of a truncated file is SIGBUS at the first touch.
void checkSegments(std::string_view file, const Elf64_Ehdr& eh) {
  if (!inside(eh.e_phoff, std::uint64_t{eh.e_phnum} * sizeof(Elf64_Phdr), file.size()))
    refuse(Kind::Truncated, "文件被截断：程序头表超出文件末尾",
           "truncated: the program header table ends past the file");
  for (std::uint16_t i = 0; i < eh.e_phnum; ++i) {
    const auto ph = at<Elf64_Phdr>(file, eh.e_phoff + std::uint64_t{i} * sizeof(Elf64_Phdr));
    if (ph.p_type == PT_LOAD && !inside(ph.p_offset, ph.p_filesz, file.size()))
      refuse(Kind::Truncated, "文件被截断：第 " + std::to_string(i) + " 个可加载段超出文件末尾",
             "truncated: loadable segment " + std::to_string(i) + " ends past the file");
  }
}

}  // namespace

ModuleMetadata readModuleMetadata(std::string_view file) {
  const Elf64_Ehdr eh = readHeader(file);
  checkSegments(file, eh);
  if (eh.e_shnum == 0 || eh.e_shstrndx == SHN_UNDEF || eh.e_shstrndx >= eh.e_shnum)
    refuse(Kind::NoMetadata, "模块没有节表，读不到 bangfu 插件信息",
           "the module has no section table, so no bangfu metadata");
  if (!inside(eh.e_shoff, std::uint64_t{eh.e_shnum} * sizeof(Elf64_Shdr), file.size()))
    refuse(Kind::Truncated, "文件被截断：节表超出文件末尾",
           "truncated: the section table ends past the file");
  auto section = [&](std::uint16_t i) {
    return at<Elf64_Shdr>(file, eh.e_shoff + std::uint64_t{i} * sizeof(Elf64_Shdr));
  };

  const Elf64_Shdr names = section(eh.e_shstrndx);
  if (names.sh_type != SHT_STRTAB) refuse(Kind::Malformed, "节名表无效", "the section name table is invalid");
  if (!inside(names.sh_offset, names.sh_size, file.size()))
    refuse(Kind::Truncated, "文件被截断：节名表超出文件末尾",
           "truncated: the section name table ends past the file");
  const std::string_view nameTable = file.substr(names.sh_offset, names.sh_size);

  const std::string_view wanted = kMetadataSection;
  std::uint16_t found = 0;
  for (std::uint16_t i = 1; i < eh.e_shnum; ++i) {
    const Elf64_Shdr sh = section(i);
    if (sh.sh_type != SHT_NOBITS && !inside(sh.sh_offset, sh.sh_size, file.size()))
      refuse(Kind::Truncated, "文件被截断：第 " + std::to_string(i) + " 节超出文件末尾",
             "truncated: section " + std::to_string(i) + " ends past the file");
    if (sh.sh_name >= nameTable.size()) continue;
    const std::string_view rest = nameTable.substr(sh.sh_name);
    const std::size_t nul = rest.find('\0');
    if (nul != std::string_view::npos && rest.substr(0, nul) == wanted) {
      if (found != 0)
        refuse(Kind::BadMetadata, "模块有两个插件信息节", "the module has two metadata sections");
      found = i;
    }
  }
  if (found == 0)
    refuse(Kind::NoMetadata, "模块中没有 bangfu 插件信息（" + std::string(wanted) + " 节）",
           "the module has no bangfu metadata (section " + std::string(wanted) + ")");

  const Elf64_Shdr sh = section(found);
  if (sh.sh_type != SHT_PROGBITS || sh.sh_size < kMetadataFixedBytes)
    refuse(Kind::BadMetadata, "插件信息节过短", "the metadata section is too short");
  const std::string_view record = file.substr(sh.sh_offset, sh.sh_size);
  if (std::memcmp(record.data(), kMetadataMagic, sizeof kMetadataMagic) != 0)
    refuse(Kind::BadMetadata, "插件信息的标记不对", "the metadata record has the wrong magic");
  ModuleMetadata out;
  out.abi = at<std::uint32_t>(record, offsetof(bangfu_plugin_metadata, abi));
  const auto size = at<std::uint32_t>(record, offsetof(bangfu_plugin_metadata, size));
  const bool sameLayout = size == sizeof(bangfu_plugin_metadata) && record.size() >= size;
  if (out.abi != kPluginAbiVersion) {
    // Another ABI may lay out the rest differently: only its number is certain,
    // and its texts are shown only when they read cleanly in this layout.
    if (!sameLayout) return out;
    try {
      const auto m = at<bangfu_plugin_metadata>(record, 0);
      ModuleMetadata texts = out;
      texts.id = field(m.id, "id");
      texts.version = field(m.plugin_version, "plugin_version");
      texts.coreVersion = field(m.core_version, "core_version");
      texts.region = field(m.region, "region");
      return texts;
    } catch (const MetadataError&) {
      return out;
    }
  }
  if (!sameLayout) refuse(Kind::BadMetadata, "插件信息的长度不对", "the metadata record has the wrong size");
  const auto m = at<bangfu_plugin_metadata>(record, 0);
  out.id = field(m.id, "id");
  out.version = field(m.plugin_version, "plugin_version");
  out.coreVersion = field(m.core_version, "core_version");
  out.region = field(m.region, "region");
  if (out.id.empty()) refuse(Kind::BadMetadata, "插件信息中的 id 为空", "the metadata gives an empty id");
  return out;
}

}  // namespace bangfu::plugin
