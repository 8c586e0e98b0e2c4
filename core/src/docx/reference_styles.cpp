#include <Poco/Exception.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <fstream>
#include <map>
#include <pugixml.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

#include "docx/parts.hpp"

namespace bangfu::docx {
namespace {

std::string readStylesEntry(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("reference DOCX " + path + ": cannot open the file");
  try {
    const Poco::Zip::ZipArchive archive(in);
    const auto it = archive.findHeader(part::kStyles);
    if (it == archive.headerEnd()) {
      throw std::runtime_error("reference DOCX " + path + ": no " + part::kStyles + " inside");
    }
    in.clear();
    Poco::Zip::ZipInputStream zis(in, it->second);
    std::ostringstream body;
    body << zis.rdbuf();
    return body.str();
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("reference DOCX " + path + ": not a readable ZIP (" + e.displayText() + ")");
  }
}

}  // namespace

std::string referenceStylesPart(const std::string& referenceDoc, const std::string& ours) {
  const std::string theirs = readStylesEntry(referenceDoc);
  // Keep whitespace-only text and the declaration as they are (style-anchors §1: pugixml's
  // defaults drop whitespace nodes), so the user's part survives byte for byte where we add nothing.
  constexpr unsigned kParse = pugi::parse_default | pugi::parse_declaration | pugi::parse_ws_pcdata_single;
  pugi::xml_document ref;
  if (!ref.load_buffer(theirs.data(), theirs.size(), kParse)) {
    throw std::runtime_error("reference DOCX " + referenceDoc + ": " + part::kStyles + " is not XML");
  }
  pugi::xml_node refRoot = ref.child("w:styles");
  if (!refRoot) {
    throw std::runtime_error("reference DOCX " + referenceDoc + ": " + part::kStyles +
                             " has no w:styles element");
  }
  pugi::xml_document own;
  if (!own.load_buffer(ours.data(), ours.size(), kParse)) {
    throw std::logic_error("docx: our own styles.xml does not parse");
  }
  std::set<std::string> defined;
  std::map<std::string, std::string> defaultByType;  // a localised Word names Normal "a"
  for (pugi::xml_node s : refRoot.children("w:style")) {
    defined.insert(s.attribute("w:styleId").value());
    if (s.attribute("w:default").as_bool()) {
      defaultByType.emplace(s.attribute("w:type").value(), s.attribute("w:styleId").value());
    }
  }
  // The user's styles win (pandoc --reference-doc); ours fill the ids they lack so
  // every pStyle/rStyle in the document still resolves.
  if (!refRoot.child("w:docDefaults")) {
    refRoot.prepend_copy(own.child("w:styles").child("w:docDefaults"));
  }
  std::map<std::string, std::string> renamed;  // our default style id → theirs
  for (pugi::xml_node s : own.child("w:styles").children("w:style")) {
    if (!s.attribute("w:default").as_bool()) continue;
    const auto it = defaultByType.find(s.attribute("w:type").value());
    if (it != defaultByType.end()) renamed.emplace(s.attribute("w:styleId").value(), it->second);
  }
  for (pugi::xml_node s : own.child("w:styles").children("w:style")) {
    const std::string id = s.attribute("w:styleId").value();
    if (defined.count(id) != 0 || renamed.count(id) != 0) continue;
    pugi::xml_node copy = refRoot.append_copy(s);
    for (const char* link : {"w:basedOn", "w:next"}) {
      pugi::xml_attribute val = copy.child(link).attribute("w:val");
      const auto r = renamed.find(val.value());
      if (val && r != renamed.end()) val.set_value(r->second.c_str());
    }
  }
  std::ostringstream out;
  ref.save(out, "", pugi::format_raw, pugi::encoding_utf8);
  return out.str();
}

}  // namespace bangfu::docx
