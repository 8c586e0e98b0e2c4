#include "bangfu/batch/manifest.hpp"

#include <Poco/JSON/Handler.h>
#include <Poco/JSON/Parser.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <limits>
#include <stdexcept>

#include "bangfu/util/atomic_file.hpp"
#include "bangfu/util/output_folder.hpp"
#include "io/json_text.hpp"

namespace bangfu::batch {

namespace {

/// The manifest format; a manifest of another format is ignored (full rebuild).
/// 2 added the owner (project, outputDir) and the folders bangfu created.
constexpr int kManifestFormat = 2;
/// bangfu 0.1's format: read for its stamps (a copied or upgraded project does
/// not rebuild), but it names no owner, so nothing is deleted on its strength.
constexpr int kOwnerlessFormat = 1;
/// A manifest is about 300 bytes per output (1108 outputs: 0.3 MB); anything
/// beyond this is not one of ours.
constexpr std::uint64_t kMaxManifestBytes = std::uint64_t{64} << 20;

void appendString(std::string& out, const std::string& s) { io::appendJsonString(out, s); }

}  // namespace

std::string sha256(const std::string& bytes) {
  // OpenSSL's SHA-256 (SHA-NI where the CPU has it), not Poco::SHA2Engine: a
  // build hashes every slice and every output, and Poco's portable code was a
  // tenth of a one-county rebuild. libcrypto is in the process anyway (libxlsxwriter).
  // A content hash needs no openssl.cnf (reading it was 0.3 of the 0.8 ms set-up).
  static EVP_MD* const kSha256 = [] {
    OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr);
    return EVP_MD_fetch(nullptr, "SHA256", nullptr);
  }();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (kSha256 == nullptr || EVP_Digest(bytes.data(), bytes.size(), digest, &length, kSha256, nullptr) != 1)
    throw std::runtime_error("OpenSSL SHA-256 is unavailable");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(std::size_t{2} * length);
  for (std::size_t i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xF];
  }
  return hex;
}

std::string manifestToJson(const Manifest& m) {
  std::string out = "{\n  \"format\": " + std::to_string(kManifestFormat) + ",\n  \"bangfu\": ";
  appendString(out, m.bangfuVersion);
  out += ",\n  \"project\": ";
  appendString(out, m.project);
  out += ",\n  \"outputDir\": ";
  appendString(out, m.outputDir);
  out += ",\n  \"folders\": [";
  bool firstFolder = true;
  for (const auto& f : m.folders) {
    out += firstFolder ? "" : ", ";
    firstFolder = false;
    appendString(out, f);
  }
  out += "]";
  out += ",\n  \"outputs\": {";
  bool first = true;
  for (const auto& [path, e] : m.outputs) {
    out += first ? "\n    " : ",\n    ";
    first = false;
    appendString(out, path);
    out += ": {\"entity\": ";
    appendString(out, e.entity);
    out += ", \"input\": ";
    appendString(out, e.input);
    out += ", \"mtimeNs\": " + std::to_string(e.mtimeNs);
    out += ", \"output\": ";
    appendString(out, e.output);
    out += ", \"scheme\": ";
    appendString(out, e.scheme);
    out += ", \"size\": " + std::to_string(e.size) + "}";
  }
  out += first ? "}" : "\n  }";
  if (!m.sources.empty()) {
    out += ",\n  \"environment\": ";
    appendString(out, m.environment);
    out += ",\n  \"sources\": {";
    first = true;
    for (const auto& [path, st] : m.sources) {
      out += first ? "\n    " : ",\n    ";
      first = false;
      appendString(out, path);
      out += ": {\"mtimeNs\": " + std::to_string(st.mtimeNs) + ", \"sha256\": ";
      appendString(out, st.sha256);
      out += ", \"size\": " + std::to_string(st.size) + "}";
    }
    out += "\n  }";
    if (!m.warnings.empty()) {
      out += ",\n  \"warnings\": [";
      first = true;
      for (const auto& d : m.warnings) {
        out += first ? "\n    {" : ",\n    {";
        first = false;
        const std::pair<const char*, const std::string*> texts[] = {{"code", &d.code},
                                                                    {"field", &d.where.field},
                                                                    {"file", &d.where.file},
                                                                    {"message", &d.message},
                                                                    {"messageEn", &d.messageEn},
                                                                    {"sheet", &d.where.sheet},
                                                                    {"suggestion", &d.suggestion}};
        out += "\"column\": " + std::to_string(d.where.column) + ", \"row\": " + std::to_string(d.where.row);
        for (const auto& [k, v] : texts) {
          out += ", \"";
          out += k;
          out += "\": ";
          appendString(out, *v);
        }
        out += "}";
      }
      out += "\n  ]";
    }
  }
  out += "\n}\n";
  return out;
}

void writeManifest(const std::string& path, const Manifest& manifest) {
  util::writeFileAtomic(path, manifestToJson(manifest));
}

namespace {

/// Fills a Manifest straight from Poco's JSON tokenizer. Building Poco's DOM
/// (an Object of Dynamic::Vars per output) took a fifth of a no-op rebuild of
/// 1108 outputs; this keeps the library's parser and drops the tree.
class ManifestHandler : public Poco::JSON::Handler {
 public:
  explicit ManifestHandler(Manifest& m) : m_(m) {}
  [[nodiscard]] int format() const { return format_; }
  /// Output paths and folders refused by util::checkRelativePath, with the fault.
  [[nodiscard]] const std::vector<std::pair<std::string, util::PathFault>>& refused() const {
    return refused_;
  }

  void reset() override {}
  void startObject() override {
    ++depth_;
    if (depth_ == kEntryDepth - 1) section_ = key_;
    if (depth_ == kEntryDepth) {
      path_ = key_;
      entry_ = ManifestEntry{};
      source_ = SourceStamp{};
      warning_ = diag::Diagnostic{};
      warning_.severity = diag::Severity::Warning;
    }
  }
  void endObject() override {
    if (depth_ == kEntryDepth && section_ == "outputs") {
      const util::PathFault fault = util::checkRelativePath(path_);
      if (fault == util::PathFault::None) {
        m_.outputs[path_] = std::move(entry_);
      } else {
        refused_.emplace_back("outputs[" + path_ + "]", fault);
      }
    }
    if (depth_ == kEntryDepth && section_ == "sources") m_.sources[path_] = std::move(source_);
    if (depth_ == kEntryDepth && section_ == "warnings") m_.warnings.push_back(std::move(warning_));
    --depth_;
  }
  void startArray() override {
    ++depth_;
    if (depth_ == kEntryDepth - 1) section_ = key_;
  }
  void endArray() override { --depth_; }
  void key(const std::string& k) override { key_ = k; }
  void null() override {}
  void value(int v) override { number(v); }
  void value(unsigned v) override { number(static_cast<Poco::Int64>(v)); }
  void value(Poco::Int64 v) override { number(v); }
  void value(Poco::UInt64 v) override {
    // Above INT64_MAX is no size or time of ours: it reads as absent.
    number(v > static_cast<Poco::UInt64>(std::numeric_limits<Poco::Int64>::max())
               ? 0
               : static_cast<Poco::Int64>(v));
  }
  void value(double /*d*/) override {}
  void value(bool /*b*/) override {}
  void value(const std::string& v) override {
    if (depth_ == kRootDepth && key_ == "bangfu") m_.bangfuVersion = v;
    if (depth_ == kRootDepth && key_ == "environment") m_.environment = v;
    if (depth_ == kRootDepth && key_ == "project") m_.project = v;
    if (depth_ == kRootDepth && key_ == "outputDir") m_.outputDir = v;
    if (depth_ == kRootDepth + 1 && section_ == "folders") {
      const util::PathFault fault = util::checkRelativePath(v);
      if (fault == util::PathFault::None) {
        m_.folders.insert(v);
      } else {
        refused_.emplace_back("folders[" + v + "]", fault);
      }
      return;
    }
    if (depth_ != kEntryDepth) return;
    if (section_ == "warnings") {
      warningText(v);
      return;
    }
    if (key_ == "sha256") source_.sha256 = v;
    if (key_ == "input")
      entry_.input = v;
    else if (key_ == "output")
      entry_.output = v;
    else if (key_ == "scheme")
      entry_.scheme = v;
    else if (key_ == "entity")
      entry_.entity = v;
  }

 private:
  /// {"format": 1, "bangfu": "…", "outputs": {"PATH": {"input": …}}, "sources": {"PATH": {…}}}
  static constexpr int kRootDepth = 1;
  static constexpr int kEntryDepth = 3;

  void number(Poco::Int64 v) {
    if (depth_ == kRootDepth && key_ == "format") format_ = static_cast<int>(v);
    if (depth_ != kEntryDepth) return;
    if (key_ == "row") warning_.where.row = static_cast<int>(v);
    if (key_ == "column") warning_.where.column = static_cast<int>(v);
    // A negative size or time is not one a build recorded (and Poco reads large
    // negative integers as doubles): it reads as 0, so the file is re-hashed.
    if (key_ == "size")
      entry_.size = source_.size = static_cast<std::uint64_t>(std::max<Poco::Int64>(v, 0));
    else if (key_ == "mtimeNs")
      entry_.mtimeNs = source_.mtimeNs = std::max<Poco::Int64>(v, 0);
  }

  void warningText(const std::string& v) {
    if (key_ == "code")
      warning_.code = v;
    else if (key_ == "field")
      warning_.where.field = v;
    else if (key_ == "file")
      warning_.where.file = v;
    else if (key_ == "message")
      warning_.message = v;
    else if (key_ == "messageEn")
      warning_.messageEn = v;
    else if (key_ == "sheet")
      warning_.where.sheet = v;
    else if (key_ == "suggestion")
      warning_.suggestion = v;
  }

  Manifest& m_;
  int depth_ = 0;
  int format_ = 0;
  std::string key_;
  std::string section_;  // "outputs", "sources", "warnings" or "folders"
  std::string path_;
  ManifestEntry entry_;
  SourceStamp source_;
  diag::Diagnostic warning_;
  std::vector<std::pair<std::string, util::PathFault>> refused_;
};

void unreadable(diag::Diagnostics& diags, const std::string& path, const std::string& zh,
                const std::string& en) {
  diag::Location where;
  where.file = path;
  diags.warning("manifest.unreadable", where,
                "无法读取构建清单（" + zh + "），本次将重建全部输出，不据此删除任何文件",
                "the build manifest cannot be read (" + en +
                    "); every output is rebuilt and nothing is deleted on its strength",
                "清单由 bangfu 自动生成，无需修改；本次构建后会写出新的清单",
                "bangfu writes the manifest itself, there is nothing to edit; this build writes a new one");
}

}  // namespace

Manifest parseManifest(const std::string& text, const std::string& path, diag::Diagnostics& diags,
                       ManifestState* state) {
  auto set = [&](ManifestState s) {
    if (state != nullptr) *state = s;
  };
  Manifest m;
  Poco::SharedPtr<ManifestHandler> handler = new ManifestHandler(m);
  try {
    Poco::JSON::Parser parser(handler);
    parser.parse(text);
  } catch (const Poco::Exception& e) {
    // Poco quotes the text it choked on: shown escaped, never raw bytes on the terminal.
    const std::string why = util::printable(e.displayText());
    unreadable(diags, path, "不是合法的 JSON：“" + why + "”", "not valid JSON: " + why);
    set(ManifestState::Unreadable);
    return Manifest{};
  }
  if (handler->format() != kManifestFormat && handler->format() != kOwnerlessFormat) {
    unreadable(diags, path, "格式 " + std::to_string(handler->format()) + " 不是本版本的格式",
               "format " + std::to_string(handler->format()) + " is not this version's");
    set(ManifestState::Unreadable);
    return Manifest{};
  }
  if (handler->format() == kOwnerlessFormat) {
    m.project.clear();
    m.outputDir.clear();
    m.folders.clear();
  }
  for (const auto& [field, fault] : handler->refused()) {
    diag::Location where;
    where.file = path;
    where.field = util::printable(field);
    diags.warning(
        "manifest.bad-path", where,
        std::string("构建清单中的路径") + util::describe(fault, false) + "，已忽略（不会删除或写入它）",
        std::string("a path in the build manifest ") + util::describe(fault, true) +
            "; ignored (nothing is written or deleted there)",
        "清单可能被改动过或来自别处；删除该清单即可，bangfu 会重新生成",
        "the manifest may have been edited or come from elsewhere; delete it and bangfu writes a new one");
  }
  set(ManifestState::Read);
  return m;
}

Manifest readManifest(const std::string& path, diag::Diagnostics& diags, ManifestState* state) {
  auto give = [&](ManifestState s, const std::string& zh, const std::string& en) {
    if (state != nullptr) *state = s;
    if (s == ManifestState::Unreadable) unreadable(diags, path, zh, en);
    return Manifest{};
  };
  // Not through a symlink, only a regular file, and within a size: a manifest
  // replaced by a link to /dev/zero or a FIFO must not hang or exhaust the build.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT) return give(ManifestState::Missing, "", "");
    if (err == ELOOP) return give(ManifestState::Unreadable, "它是符号链接", "it is a symbolic link");
    return give(ManifestState::Unreadable, util::errorReason(err, false), util::errorReason(err, true));
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
    return give(ManifestState::Unreadable, "它不是普通文件", "it is not a regular file");
  if (static_cast<std::uint64_t>(st.st_size) > kMaxManifestBytes)
    return give(ManifestState::Unreadable, "文件过大", "it is too large");
  std::string text;
  try {
    text = util::readFd(fd, path);
  } catch (const util::IoError& e) {
    return give(ManifestState::Unreadable, e.reason(false), e.reason(true));
  }
  return parseManifest(text, path, diags, state);
}

Manifest readManifest(const std::string& path) {
  diag::Diagnostics ignored;
  return readManifest(path, ignored);
}

FileStamp stampOf(const std::string& path) {
  FileStamp s;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return s;
  s.exists = true;
  s.size = static_cast<std::uint64_t>(st.st_size);
  s.mtimeNs = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
  return s;
}

bool fileMatches(const std::string& path, std::uint64_t size, std::int64_t mtimeNs,
                 const std::string& sha256Hex) {
  const FileStamp s = stampOf(path);
  if (!s.exists || s.size != size) return false;
  if (s.mtimeNs == mtimeNs) return true;
  try {
    return sha256(util::readFile(path)) == sha256Hex;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace bangfu::batch
