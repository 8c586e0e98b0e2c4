// The zip container on libzip. Poco::Zip reads the local headers from the front, so
// it refused what unzip and Excel open (padding after the end record: "Garbage
// after directory header"; a data descriptor without its signature) and asserted on
// a duplicate name; libzip reads the central directory (APPNOTE.TXT 4.3.12) and
// leaves the policy to us.
#include "io/zip_package.hpp"

#include <zip.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "io/io_detail.hpp"

namespace bangfu::io::detail {

namespace {

constexpr std::size_t kInflateChunk = 64u << 10;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

ZipPackage::ZipPackage(const std::string& bytes, std::string file, const ReadLimits& limits)
    : file_(std::move(file)), limits_(limits) {
  static constexpr std::array<char, 4> kZipMagic{'P', 'K', '\x03', '\x04'};
  static constexpr std::array<unsigned char, 4> kOleMagic{0xD0, 0xCF, 0x11, 0xE0};
  if (bytes.size() >= 4 &&
      std::equal(kOleMagic.begin(), kOleMagic.end(), reinterpret_cast<const unsigned char*>(bytes.data()))) {
    fail("xlsx.not-zip", where(), "文件是旧版 Excel（.xls）或加密的工作簿，不是 XLSX",
         "the file is a legacy .xls or an encrypted workbook, not XLSX",
         "在 Excel 或 WPS 中另存为 .xlsx（不加密）", "save it as .xlsx (without a password) in Excel or WPS");
  }
  if (bytes.size() < 4 || !std::equal(kZipMagic.begin(), kZipMagic.end(), bytes.data())) {
    fail("xlsx.not-zip", where(), "文件不是 XLSX（ZIP）格式", "the file is not an XLSX (zip) file",
         "在 Excel 或 WPS 中另存为 .xlsx", "save it as .xlsx in Excel or WPS");
  }
  zip_error_t error;
  zip_error_init(&error);
  // libzip reports bad input by return codes, never by exceptions: anything thrown
  // here is a bug and escapes (tests/core/io/reader_errors_test.cpp).
  faultPoint("xlsx.zip");
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source != nullptr) {
    // No ZIP_CHECKCONS: like unzip, tolerate what does not change the parts' bytes.
    archive_.reset(zip_open_from_source(source, ZIP_RDONLY, &error));
    if (archive_ == nullptr) zip_source_free(source);
  }
  const int code = zip_error_code_zip(&error);
  zip_error_fini(&error);
  if (archive_ == nullptr) {
    if (code == ZIP_ER_NOZIP) {
      fail("xlsx.bad-zip", where(), "ZIP 文件不完整（找不到中央目录）",
           "truncated zip (no central directory)", "重新保存或重新下载该文件",
           "save or download the file again");
    }
    fail("xlsx.bad-zip", where(), "ZIP 结构损坏或文件不完整（libzip 错误 " + std::to_string(code) + "）",
         "broken or truncated zip (libzip error " + std::to_string(code) + ")", "重新保存或重新下载该文件",
         "save or download the file again");
  }
  const zip_int64_t n = zip_get_num_entries(archive_.get(), 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* name = zip_get_name(archive_.get(), static_cast<zip_uint64_t>(i), 0);
    if (name == nullptr) continue;
    // Two entries of one name: readers disagree on which one counts (Poco took the
    // first, Excel refuses the file), so neither is guessed.
    const auto [it, fresh] = index_.emplace(lower(name), i);
    if (!fresh) {
      const char* earlier = zip_get_name(archive_.get(), static_cast<zip_uint64_t>(it->second), 0);
      fail("xlsx.duplicate-part", where(name),
           "ZIP 中有两个同名部件“" + std::string(earlier ? earlier : name) + "”与“" + name + "”（第 " +
               std::to_string(it->second + 1) + " 和第 " + std::to_string(i + 1) + " 项），无法确定用哪一个",
           "the zip holds two parts named \"" + std::string(name) + "\" (entries " +
               std::to_string(it->second + 1) + " and " + std::to_string(i + 1) +
               "): which one counts is undefined",
           "用 Excel 或 WPS 打开后重新保存；若打不开，向发文件的人要原始文件",
           "open the file in Excel or WPS and save it again; if it does not open, ask the sender for the "
           "original file");
    }
  }
  if (index_.empty()) {
    fail("xlsx.bad-zip", where(), "ZIP 中没有任何文件（文件不完整？）", "the zip holds no parts (truncated?)",
         "重新保存或重新下载该文件", "save or download the file again");
  }
}

void ZipPackage::Discard::operator()(zip* z) const { zip_discard(z); }

bool ZipPackage::has(const std::string& name) const { return index_.count(lower(name)) != 0; }

std::string ZipPackage::read(const std::string& name, const diag::Location& missingWhere) {
  const auto it = index_.find(lower(name));
  if (it == index_.end()) {
    fail("xlsx.missing-part", missingWhere, "工作簿缺少部件 " + name, "the workbook lacks the part " + name,
         "用 Excel 或 WPS 打开后重新保存", "open the file in Excel or WPS and save it again");
  }
  const auto index = static_cast<zip_uint64_t>(it->second);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(archive_.get(), index, 0, &st) != 0) {
    fail("xlsx.bad-zip", where(name), "无法读取部件的目录项", "cannot read the part's directory entry",
         "重新保存或重新下载该文件", "save or download the file again");
  }
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && st.encryption_method != ZIP_EM_NONE) {
    fail("xlsx.bad-zip", where(name), "部件已加密", "the part is encrypted", "取消工作簿密码后另存",
         "remove the workbook's password and save it again");
  }
  if ((st.valid & ZIP_STAT_COMP_METHOD) != 0 && zip_compression_method_supported(st.comp_method, 0) == 0) {
    fail("xlsx.bad-zip", where(name), "不支持的 ZIP 压缩方式", "unsupported zip compression method",
         "用 Excel 或 WPS 打开后重新保存", "open the file in Excel or WPS and save it again");
  }
  if ((st.valid & ZIP_STAT_SIZE) != 0 && st.size > limits_.maxPartBytes) tooLarge(name);
  // Closed on every way out, a throw from inside the loop included.
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> f(zip_fopen_index(archive_.get(), index, 0), zip_fclose);
  if (f == nullptr) {
    fail("xlsx.bad-zip", where(name), "无法打开部件（文件损坏或不完整）",
         "cannot open the part (corrupt or truncated)", "重新保存或重新下载该文件",
         "save or download the file again");
  }
  std::string out;
  std::string chunk(kInflateChunk, '\0');
  for (;;) {
    faultPoint("xlsx.inflate");
    const zip_int64_t got = zip_fread(f.get(), chunk.data(), chunk.size());
    if (got < 0) {
      fail("xlsx.bad-zip", where(name), "解压部件失败（文件损坏或不完整）",
           "cannot inflate the part (corrupt or truncated)", "重新保存或重新下载该文件",
           "save or download the file again");
    }
    if (got == 0) break;
    const auto size = static_cast<std::size_t>(got);
    if (out.size() + size > limits_.maxPartBytes || total_ + out.size() + size > limits_.maxTotalBytes)
      tooLarge(name);
    out.append(chunk.data(), size);
  }
  // zip_fclose reports a CRC mismatch found at the end of the data.
  if (zip_fclose(f.release()) != 0) {
    fail("xlsx.bad-zip", where(name), "部件校验失败（CRC 不符，文件损坏）",
         "the part fails its CRC check (corrupt)", "重新保存或重新下载该文件",
         "save or download the file again");
  }
  total_ += out.size();
  return out;
}

void ZipPackage::tooLarge(const std::string& name) const {
  fail("xlsx.too-large", where(name),
       "部件解压后超过上限（单个 " + std::to_string(limits_.maxPartBytes) + " 字节，合计 " +
           std::to_string(limits_.maxTotalBytes) + " 字节），可能是压缩炸弹或数据过多",
       "the part inflates beyond the limit (" + std::to_string(limits_.maxPartBytes) + " bytes per part, " +
           std::to_string(limits_.maxTotalBytes) + " in all): a zip bomb or too much data",
       "把数据拆分到多个工作簿", "split the data into several workbooks");
}

}  // namespace bangfu::io::detail
