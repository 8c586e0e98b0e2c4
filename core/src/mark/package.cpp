// The in-memory OPC package of mark (ECMA-376 Part 2): read with Poco::Zip, parts
// parsed with pugixml, written back with the byte-stable zip writer of docx.
#include "mark/package.hpp"

#include <Poco/Exception.h>
#include <Poco/String.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <sstream>

#include "bangfu/diag/diagnostic.hpp"
#include "zip/zip_writer.hpp"

namespace bangfu::mark::detail {

namespace {

/// A clerk's workbook is a few MB; the same caps as the workbook reader
/// (io::ReadLimits) keep a zip bomb from taking the memory.
constexpr std::size_t kMaxPartBytes = 64u << 20;
constexpr std::size_t kMaxTotalBytes = 256u << 20;
constexpr std::size_t kInflateChunk = 64u << 10;
constexpr const char* kRelsNs = "http://schemas.openxmlformats.org/package/2006/relationships";

[[noreturn]] void fail(const std::string& file, const std::string& part, const std::string& zh,
                       const std::string& en) {
  diag::Diagnostic d;
  d.code = "mark.bad-workbook";
  d.where.file = file;
  d.where.field = part;
  d.message = zh;
  d.messageEn = en;
  d.suggestion = "用 Excel 或 WPS 打开后重新保存";
  d.suggestionEn = "open the file in Excel or WPS and save it again";
  throw diag::InputError(d);
}

std::string relsNameOf(const std::string& source) {
  const auto slash = source.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : source.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? source : source.substr(slash + 1);
  return dir + "_rels/" + base + ".rels";
}

std::string folderOf(const std::string& part) {
  const auto slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

struct StringWriter : pugi::xml_writer {
  std::string out;
  void write(const void* data, std::size_t size) override {
    out.append(static_cast<const char*>(data), size);
  }
};

}  // namespace

std::string resolveTarget(const std::string& source, const std::string& target) {
  std::string path = !target.empty() && target[0] == '/' ? target.substr(1) : folderOf(source) + target;
  std::vector<std::string> segments;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    const auto next = path.find('/', pos);
    const std::string seg = path.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segments.push_back(seg);
    }
    if (next == std::string::npos) break;
    pos = next + 1;
  }
  std::string out;
  for (const auto& s : segments) out += (out.empty() ? "" : "/") + s;
  return out;
}

std::string relativeTarget(const std::string& source, const std::string& part) {
  // Written as absolute part names: valid everywhere (ECMA-376 Part 2 §9.3.2.2) and never ambiguous.
  (void)source;
  return "/" + part;
}

void addDeclaration(pugi::xml_document& doc) {
  auto decl = doc.prepend_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  decl.append_attribute("standalone") = "yes";
}

std::string serialize(const pugi::xml_document& doc) {
  StringWriter w;
  doc.save(w, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return w.out;
}

Package::Package(const std::string& bytes, std::string file) : file_(std::move(file)) {
  std::istringstream in(bytes);
  std::size_t total = 0;
  try {
    const Poco::Zip::ZipArchive archive(in);
    for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
      const auto& header = it->second;
      if (header.isDirectory()) continue;
      if (header.isEncrypted() || !header.hasSupportedCompressionMethod())
        fail(file_, it->first, "部件已加密或压缩方式不受支持",
             "the part is encrypted or uses an unsupported compression");
      in.clear();
      Poco::Zip::ZipInputStream zin(in, header, true);
      zin.exceptions(std::ios::badbit);
      std::string out;
      std::string chunk(kInflateChunk, '\0');
      while (zin) {
        zin.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const auto got = static_cast<std::size_t>(zin.gcount());
        if (got == 0) break;
        if (out.size() + got > kMaxPartBytes || total + out.size() + got > kMaxTotalBytes)
          fail(file_, it->first, "部件解压后超过上限，可能是压缩炸弹",
               "the part inflates beyond the limit (zip bomb?)");
        out.append(chunk.data(), got);
      }
      total += out.size();
      parts_[it->first] = std::move(out);
    }
  } catch (const diag::InputError&) {
    throw;
  } catch (const Poco::Exception& e) {
    fail(file_, "", "ZIP 结构损坏或文件不完整：" + e.displayText(),
         "broken or truncated zip: " + e.displayText());
  } catch (const std::exception& e) {
    fail(file_, "", std::string("ZIP 结构损坏或文件不完整：") + e.what(),
         std::string("broken or truncated zip: ") + e.what());
  }
  if (!has("[Content_Types].xml"))
    fail(file_, "[Content_Types].xml", "工作簿缺少内容类型部件", "the workbook lacks [Content_Types].xml");
}

const std::string& Package::part(const std::string& name) const {
  const auto it = parts_.find(name);
  if (it == parts_.end()) fail(file_, name, "工作簿缺少部件 " + name, "the workbook lacks the part " + name);
  return it->second;
}

void Package::parse(pugi::xml_document& doc, const std::string& name) const {
  const std::string& text = part(name);
  // Declarations and whitespace-only text are kept, so untouched content is written back as it was.
  const auto result = doc.load_buffer(text.data(), text.size(),
                                      pugi::parse_default | pugi::parse_declaration | pugi::parse_ws_pcdata,
                                      pugi::encoding_utf8);
  if (!result)
    fail(file_, name, std::string("部件不是合法的 XML：") + result.description(),
         std::string("the part is not well-formed XML: ") + result.description());
}

std::vector<Relationship> Package::relationships(const std::string& source) const {
  std::vector<Relationship> out;
  const std::string rels = relsNameOf(source);
  if (!has(rels)) return out;
  pugi::xml_document doc;
  parse(doc, rels);
  for (auto r : doc.child("Relationships").children("Relationship")) {
    if (std::string(r.attribute("TargetMode").value()) == "External") continue;
    out.push_back({r.attribute("Id").value(), r.attribute("Type").value(),
                   resolveTarget(source, r.attribute("Target").value())});
  }
  return out;
}

std::string Package::addRelationship(const std::string& source, const std::string& type,
                                     const std::string& target) {
  const std::string rels = relsNameOf(source);
  pugi::xml_document doc;
  if (has(rels)) {
    parse(doc, rels);
  } else {
    addDeclaration(doc);
    doc.append_child("Relationships").append_attribute("xmlns") = kRelsNs;
  }
  auto root = doc.child("Relationships");
  std::string id;
  for (int n = 1;; ++n) {
    id = "rId" + std::to_string(n);
    if (!root.find_child_by_attribute("Relationship", "Id", id.c_str())) break;
  }
  auto r = root.append_child("Relationship");
  r.append_attribute("Id") = id.c_str();
  r.append_attribute("Type") = type.c_str();
  r.append_attribute("Target") = relativeTarget(source, target).c_str();
  setPart(rels, serialize(doc));
  return id;
}

void Package::addOverride(const std::string& part, const std::string& contentType) {
  pugi::xml_document doc;
  parse(doc, "[Content_Types].xml");
  auto types = doc.child("Types");
  const std::string name = "/" + part;
  if (types.find_child_by_attribute("Override", "PartName", name.c_str())) return;
  auto o = types.append_child("Override");
  o.append_attribute("PartName") = name.c_str();
  o.append_attribute("ContentType") = contentType.c_str();
  setPart("[Content_Types].xml", serialize(doc));
}

void Package::addDefault(const std::string& extension, const std::string& contentType) {
  pugi::xml_document doc;
  parse(doc, "[Content_Types].xml");
  auto types = doc.child("Types");
  for (auto d : types.children("Default"))
    if (Poco::icompare(std::string(d.attribute("Extension").value()), extension) == 0) return;
  // Defaults come before Overrides in the examples of ECMA-376 Part 2; readers accept either order.
  auto d = types.prepend_child("Default");
  d.append_attribute("Extension") = extension.c_str();
  d.append_attribute("ContentType") = contentType.c_str();
  setPart("[Content_Types].xml", serialize(doc));
}

std::string Package::freshName(const std::string& prefix, const std::string& suffix) const {
  for (int n = 1;; ++n) {
    std::string name = prefix + std::to_string(n) + suffix;
    if (!has(name)) return name;
  }
}

std::string Package::write() const {
  zip::ZipWriter zip(0);
  zip.addPart("[Content_Types].xml", part("[Content_Types].xml"));
  for (const auto& [name, bytes] : parts_)
    if (name != "[Content_Types].xml") zip.addPart(name, bytes);
  return zip.finish();
}

}  // namespace bangfu::mark::detail
