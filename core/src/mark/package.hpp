#pragma once
// An OPC package held in memory for editing (ECMA-376 Part 2): every part's bytes
// by name, the relationships of a part, and the content types. Private to mark.
#include <map>
#include <pugixml.hpp>
#include <string>
#include <vector>

namespace bangfu::mark::detail {

struct Relationship {
  std::string id;
  std::string type;    ///< full type URI
  std::string target;  ///< resolved part name, no leading '/'
};

class Package {
 public:
  /// Reads every part; throws diag::InputError naming `file` for a broken zip or a
  /// part that inflates beyond the caps.
  Package(const std::string& bytes, std::string file);

  [[nodiscard]] bool has(const std::string& part) const { return parts_.count(part) != 0; }
  [[nodiscard]] const std::string& part(const std::string& name) const;
  void setPart(const std::string& name, std::string bytes) { parts_[name] = std::move(bytes); }

  /// The relationships of `source` (its _rels/NAME.rels), resolved to part names.
  [[nodiscard]] std::vector<Relationship> relationships(const std::string& source) const;
  /// Adds a relationship to `source` and returns its new id (rIdN, unused so far).
  std::string addRelationship(const std::string& source, const std::string& type, const std::string& target);
  /// Registers an Override (part) or Default (extension) content type unless present.
  void addOverride(const std::string& part, const std::string& contentType);
  void addDefault(const std::string& extension, const std::string& contentType);
  /// A part name not used yet: prefix + N + suffix, N counting from 1.
  [[nodiscard]] std::string freshName(const std::string& prefix, const std::string& suffix) const;

  /// Parses a part; malformed XML is an InputError naming the part.
  void parse(pugi::xml_document& doc, const std::string& name) const;
  /// The zip with every part, [Content_Types].xml first.
  [[nodiscard]] std::string write() const;

  [[nodiscard]] const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::map<std::string, std::string> parts_;
};

/// "xl/worksheets/sheet1.xml" for Target "worksheets/sheet1.xml" of "xl/workbook.xml";
/// absolute targets ("/xl/…") and ".." are resolved (ECMA-376 Part 2 §9.3.2).
std::string resolveTarget(const std::string& source, const std::string& target);
/// "worksheets/sheet1.xml" relative to the folder of `source`.
std::string relativeTarget(const std::string& source, const std::string& part);

/// Gives a new part the XML declaration OOXML parts carry.
void addDeclaration(pugi::xml_document& doc);
/// Serialises a pugixml document as the part's new bytes (UTF-8, no indentation).
std::string serialize(const pugi::xml_document& doc);

}  // namespace bangfu::mark::detail
