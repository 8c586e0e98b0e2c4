#include "bangfu/batch/manifest.hpp"

#include <sys/stat.h>

#include <Poco/JSON/Handler.h>
#include <Poco/JSON/Parser.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "bangfu/util/atomic_file.hpp"
#include "io/json_text.hpp"

namespace bangfu::batch {

namespace {

/// The manifest format; a manifest of another format is ignored (full rebuild).
constexpr int kManifestFormat = 1;

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
        const std::pair<const char*, const std::string*> texts[] = {
            {"code", &d.code},       {"field", &d.where.field},     {"file", &d.where.file},
            {"message", &d.message}, {"messageEn", &d.messageEn}, {"sheet", &d.where.sheet},
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
    if (depth_ == kEntryDepth && section_ == "outputs") m_.outputs[path_] = std::move(entry_);
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
  void value(Poco::UInt64 v) override { number(static_cast<Poco::Int64>(v)); }
  void value(double /*d*/) override {}
  void value(bool /*b*/) override {}
  void value(const std::string& v) override {
    if (depth_ == kRootDepth && key_ == "bangfu") m_.bangfuVersion = v;
    if (depth_ == kRootDepth && key_ == "environment") m_.environment = v;
    if (depth_ != kEntryDepth) return;
    if (section_ == "warnings") {
      warningText(v);
      return;
    }
    if (key_ == "sha256") source_.sha256 = v;
    if (key_ == "input") entry_.input = v;
    else if (key_ == "output") entry_.output = v;
    else if (key_ == "scheme") entry_.scheme = v;
    else if (key_ == "entity") entry_.entity = v;
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
    if (key_ == "size") entry_.size = source_.size = static_cast<std::uint64_t>(v);
    else if (key_ == "mtimeNs") entry_.mtimeNs = source_.mtimeNs = v;
  }

  void warningText(const std::string& v) {
    if (key_ == "code") warning_.code = v;
    else if (key_ == "field") warning_.where.field = v;
    else if (key_ == "file") warning_.where.file = v;
    else if (key_ == "message") warning_.message = v;
    else if (key_ == "messageEn") warning_.messageEn = v;
    else if (key_ == "sheet") warning_.where.sheet = v;
    else if (key_ == "suggestion") warning_.suggestion = v;
  }

  Manifest& m_;
  int depth_ = 0;
  int format_ = 0;
  std::string key_;
  std::string section_;  // "outputs" or "sources"
  std::string path_;
  ManifestEntry entry_;
  SourceStamp source_;
  diag::Diagnostic warning_;
};

}  // namespace

Manifest readManifest(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream ss;
  ss << in.rdbuf();
  Manifest m;
  Poco::SharedPtr<ManifestHandler> handler = new ManifestHandler(m);
  try {
    Poco::JSON::Parser parser(handler);
    parser.parse(ss.str());
  } catch (const Poco::Exception&) {
    return Manifest{};  // torn or edited by hand: rebuilding everything is always safe
  }
  if (handler->format() != kManifestFormat) return Manifest{};
  return m;
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

bool fileMatches(const std::string& path, std::uint64_t size, std::int64_t mtimeNs, const std::string& sha256Hex) {
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
