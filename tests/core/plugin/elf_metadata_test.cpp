// The host's own ELF reader: real modules read, every truncation and every
// out-of-bounds header field refused with a MetadataError (issue 15 item 6).
#include "bangfu/plugin/elf_metadata.hpp"

#include <elf.h>
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "bangfu/plugin/abi.hpp"

using bangfu::plugin::MetadataError;
using bangfu::plugin::readModuleMetadata;
using Kind = MetadataError::Kind;

namespace {
std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
const std::string kTiny = std::string(BANGFU_SOURCE_DIR) + "/tests/fuzz/corpus/plugin_metadata/tiny.so";
const std::string kLishui = std::string(BANGFU_BINARY_DIR) + "/plugins/bangfu-lishui.so";

Kind kindOf(const std::string& bytes) {
  try {
    (void)readModuleMetadata(bytes);
  } catch (const MetadataError& e) {
    return e.kind();
  }
  ADD_FAILURE() << "accepted";
  return Kind::Malformed;
}

template <class T>
void poke(std::string& bytes, std::size_t offset, T value) {
  std::memcpy(bytes.data() + offset, &value, sizeof value);
}
Elf64_Ehdr header(const std::string& bytes) {
  Elf64_Ehdr h;
  std::memcpy(&h, bytes.data(), sizeof h);
  return h;
}
}  // namespace

TEST(ElfMetadataTest, ReadsARealPluginsRecord) {
  const auto meta = readModuleMetadata(slurp(kLishui));
  EXPECT_EQ(meta.abi, bangfu::plugin::kPluginAbiVersion);
  EXPECT_EQ(meta.id, "lishui");
  EXPECT_EQ(meta.region, "浙江省丽水市");
  EXPECT_EQ(meta.coreVersion, BANGFU_VERSION_STRING);
  const auto tiny = readModuleMetadata(slurp(kTiny));
  EXPECT_EQ(tiny.id, "tiny");
}

TEST(ElfMetadataTest, EveryTruncationIsRefused) {
  const std::string tiny = slurp(kTiny);
  ASSERT_GT(tiny.size(), 1000u);
  for (std::size_t n = 0; n < tiny.size(); ++n) {
    const Kind k = kindOf(tiny.substr(0, n));
    EXPECT_TRUE(k == Kind::NotElf || k == Kind::Truncated) << "cut at " << n;
  }
  const std::string real = slurp(kLishui);
  for (std::size_t n = 0; n < real.size(); n += real.size() / 97 + 1) {
    const Kind k = kindOf(real.substr(0, n));
    EXPECT_TRUE(k == Kind::NotElf || k == Kind::Truncated) << "cut at " << n;
  }
}

TEST(ElfMetadataTest, HeaderFieldsPastTheFileAreRefused) {
  const std::string tiny = slurp(kTiny);
  const Elf64_Ehdr h = header(tiny);
  auto with = [&](auto edit) {
    std::string b = tiny;
    edit(b);
    return kindOf(b);
  };
  EXPECT_EQ(with([&](std::string& b) { poke<Elf64_Off>(b, offsetof(Elf64_Ehdr, e_shoff), ~0ULL - 8); }),
            Kind::Truncated);
  EXPECT_EQ(with([&](std::string& b) { poke<Elf64_Half>(b, offsetof(Elf64_Ehdr, e_shnum), 0xFFFF); }),
            Kind::Truncated);
  EXPECT_EQ(with([&](std::string& b) { poke<Elf64_Off>(b, offsetof(Elf64_Ehdr, e_phoff), ~0ULL); }),
            Kind::Truncated);
  EXPECT_EQ(with([&](std::string& b) { poke<Elf64_Half>(b, offsetof(Elf64_Ehdr, e_shstrndx), h.e_shnum); }),
            Kind::NoMetadata);
  EXPECT_EQ(with([&](std::string& b) { poke<Elf64_Half>(b, offsetof(Elf64_Ehdr, e_shentsize), 12); }),
            Kind::Malformed);
  EXPECT_EQ(with([&](std::string& b) { poke<Elf64_Half>(b, offsetof(Elf64_Ehdr, e_machine), EM_ARM); }),
            Kind::Unsupported);
  EXPECT_EQ(with([&](std::string& b) { b[EI_CLASS] = ELFCLASS32; }), Kind::Unsupported);
  EXPECT_EQ(with([&](std::string& b) { b[0] = 'X'; }), Kind::NotElf);
  // Every section's offset pushed past the end in turn.
  for (Elf64_Half i = 1; i < h.e_shnum; ++i) {
    std::string b = tiny;
    const std::size_t at = h.e_shoff + std::size_t{i} * sizeof(Elf64_Shdr);
    Elf64_Shdr sh;
    std::memcpy(&sh, b.data() + at, sizeof sh);
    if (sh.sh_type == SHT_NOBITS || sh.sh_size == 0) continue;
    sh.sh_offset = b.size();
    std::memcpy(b.data() + at, &sh, sizeof sh);
    EXPECT_EQ(kindOf(b), Kind::Truncated) << "section " << i;
  }
}

TEST(ElfMetadataTest, AModuleWithoutTheSectionOrWithABrokenRecordIsNoPlugin) {
  std::string b = slurp(kTiny);
  const std::size_t magic = b.find("BANGFUP");
  ASSERT_NE(magic, std::string::npos);
  std::string noMagic = b;
  noMagic[magic] = 'X';
  EXPECT_EQ(kindOf(noMagic), Kind::BadMetadata);
  std::string renamed = b;
  const std::size_t name = renamed.find(".bangfu_plugin");
  ASSERT_NE(name, std::string::npos);
  renamed[name + 1] = 'X';
  EXPECT_EQ(kindOf(renamed), Kind::NoMetadata);
  // An id without its terminating NUL.
  std::string open = b;
  std::memset(open.data() + magic + offsetof(bangfu_plugin_metadata, id), 'a',
              sizeof(bangfu_plugin_metadata::id));
  EXPECT_EQ(kindOf(open), Kind::BadMetadata);
  EXPECT_EQ(kindOf(slurp(std::string(BANGFU_BINARY_DIR) + "/test-plugins/notaplugin/bangfu-notaplugin.so")),
            Kind::NoMetadata);
}

TEST(ElfMetadataTest, AnotherAbiComesBackWithItsNumber) {
  const auto meta = readModuleMetadata(
      slurp(std::string(BANGFU_SOURCE_DIR) + "/tests/fuzz/corpus/plugin_metadata/tiny-abi999.so"));
  EXPECT_EQ(meta.abi, 999u);
  EXPECT_EQ(meta.id, "future");
}
