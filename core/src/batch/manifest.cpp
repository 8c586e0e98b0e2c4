#include "bangfu/batch/manifest.hpp"

#include <sys/stat.h>

#include <Poco/DigestEngine.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/SHA2Engine.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "bangfu/util/atomic_file.hpp"
#include "io/json_text.hpp"

namespace bangfu::batch {

namespace {

/// The manifest format; a manifest of another format is ignored (full rebuild).
constexpr int kManifestFormat = 1;

void appendString(std::string& out, const std::string& s) { io::appendJsonString(out, s); }

}  // namespace

std::string sha256(const std::string& bytes) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
  return Poco::DigestEngine::digestToHex(engine.digest());
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
  out += first ? "}\n}\n" : "\n  }\n}\n";
  return out;
}

void writeManifest(const std::string& path, const Manifest& manifest) {
  util::writeFileAtomic(path, manifestToJson(manifest));
}

Manifest readManifest(const std::string& path) {
  Manifest m;
  std::ifstream in(path, std::ios::binary);
  if (!in) return m;
  std::ostringstream ss;
  ss << in.rdbuf();
  try {
    auto root = Poco::JSON::Parser().parse(ss.str()).extract<Poco::JSON::Object::Ptr>();
    if (!root || root->optValue<int>("format", 0) != kManifestFormat) return m;
    m.bangfuVersion = root->optValue<std::string>("bangfu", "");
    auto outputs = root->getObject("outputs");
    if (!outputs) return m;
    for (const auto& name : outputs->getNames()) {
      auto o = outputs->getObject(name);
      if (!o) continue;
      ManifestEntry e;
      e.input = o->optValue<std::string>("input", "");
      e.output = o->optValue<std::string>("output", "");
      e.size = o->optValue<std::uint64_t>("size", 0);
      e.mtimeNs = o->optValue<std::int64_t>("mtimeNs", 0);
      e.scheme = o->optValue<std::string>("scheme", "");
      e.entity = o->optValue<std::string>("entity", "");
      m.outputs.emplace(name, std::move(e));
    }
  } catch (const Poco::Exception&) {
    return Manifest{};  // torn or edited by hand: rebuilding everything is always safe
  }
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

bool fileMatches(const std::string& path, const ManifestEntry& entry) {
  const FileStamp s = stampOf(path);
  if (!s.exists || s.size != entry.size) return false;
  if (s.mtimeNs == entry.mtimeNs) return true;
  try {
    return sha256(util::readFile(path)) == entry.output;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace bangfu::batch
