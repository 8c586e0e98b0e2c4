// Finding and reading the notice source of a scheme (docs/notice.md "Where the text lives").
#include "bangfu/notice/source.hpp"

#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "bangfu/io/workbook_body.hpp"

namespace bangfu::notice {
namespace {

namespace fs = std::filesystem;
using diag::Location;

/// The file beside the scheme that holds its notice text.
constexpr const char* kNoticeFile = "notice.md";

bool endsWith(const std::string& s, const std::string& e) {
  return s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
}

/// A notice is a few dozen KB; a file this large is no notice text (and is not read).
constexpr std::uintmax_t kMaxSourceBytes = std::uintmax_t{16} << 20;

std::optional<std::string> readFile(const fs::path& p, const std::string& shown, diag::Diagnostics& diags) {
  std::error_code ec;
  if (const auto size = fs::file_size(p, ec); !ec && size > kMaxSourceBytes) {
    diags.error("notice.too-large", Location{shown, {}, 0, 0, {}}, "通知正文文件超过 16 MB，不是通知正文",
                "the notice text file is over 16 MB: no notice text", "检查是否选错了文件",
                "check that this is the right file");
    return std::nullopt;
  }
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    diags.error("notice.unreadable", Location{shown, {}, 0, 0, {}}, "无法读取通知正文文件",
                "cannot read the notice text file", "检查文件是否存在、是否有读取权限",
                "check that the file exists and may be read");
    return std::nullopt;
  }
  std::ostringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);  // a UTF-8 BOM from Notepad
  return text;
}

/// The whole text must be UTF-8: a GBK file from an old editor is told, not misread.
bool validUtf8(const std::string& s, int& line, int& column) {
  line = 1;
  column = 1;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += n;
  }
  return true;
}

std::optional<Source> fromFile(const fs::path& p, diag::Diagnostics& diags) {
  const std::string shown = p.generic_string();
  auto text = readFile(p, shown, diags);
  if (!text) return std::nullopt;
  int line = 0;
  int column = 0;
  if (!validUtf8(*text, line, column)) {
    diags.error("notice.encoding", Location{shown, {}, line, column, {}}, "通知正文不是 UTF-8 编码",
                "the notice text is not UTF-8", "用记事本或 WPS “另存为” UTF-8 编码",
                "save it as UTF-8 with \"Save As\" in Notepad or WPS");
    return std::nullopt;
  }
  return sourceFromText(*text, shown);
}

std::optional<Source> fromJsonBody(const model::Scheme& scheme, diag::Diagnostics& diags) {
  std::ifstream in(scheme.file, std::ios::binary);
  if (!in) return std::nullopt;
  Poco::Dynamic::Var root;
  try {
    Poco::JSON::Parser parser;
    root = parser.parse(in);
  } catch (const Poco::Exception&) {
    return std::nullopt;  // the scheme reader has reported it
  }
  if (root.type() != typeid(Poco::JSON::Object::Ptr)) return std::nullopt;
  const auto obj = root.extract<Poco::JSON::Object::Ptr>();
  const auto notice = obj->getObject("notice");
  if (!notice || !notice->has("body")) return std::nullopt;
  const Poco::Dynamic::Var body = notice->get("body");
  Source src;
  if (body.isString()) {
    const std::string text = body.toString();
    if (text.find('\n') == std::string::npos && (endsWith(text, ".md") || endsWith(text, ".txt"))) {
      return fromFile(fs::path(scheme.file).parent_path() / text, diags);
    }
    std::size_t start = 0;
    int k = 0;
    while (start <= text.size()) {
      const std::size_t nl = text.find('\n', start);
      src.lines.push_back({text.substr(start, nl == std::string::npos ? std::string::npos : nl - start),
                           Location{scheme.file, {}, 0, 0, "notice.body line " + std::to_string(++k)}});
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
    return src;
  }
  if (body.type() == typeid(Poco::JSON::Array::Ptr)) {
    const auto& arr = body.extract<Poco::JSON::Array::Ptr>();
    for (std::size_t k = 0; k < arr->size(); ++k) {
      const Location where{scheme.file, {}, 0, 0, "notice.body[" + std::to_string(k) + "]"};
      const Poco::Dynamic::Var v = arr->get(static_cast<unsigned>(k));
      if (!v.isString()) {
        diags.error("notice.body-type", where, "notice.body 的每一项应是一段文字（字符串）",
                    "each item of notice.body must be a paragraph (a string)");
        continue;
      }
      src.lines.push_back({v.toString(), where});
    }
    return src;
  }
  diags.error("notice.body-type", Location{scheme.file, {}, 0, 0, "notice.body"},
              "notice.body 应是文字、段落数组或 notice.md 的路径",
              "notice.body must be text, an array of paragraphs or a path to notice.md");
  return std::nullopt;
}

}  // namespace

Source sourceFromText(const std::string& text, const std::string& file) {
  Source src;
  std::size_t start = 0;
  int line = 0;
  while (start < text.size()) {
    const std::size_t nl = text.find('\n', start);
    std::string t = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!t.empty() && t.back() == '\r') t.pop_back();
    src.lines.push_back({t, Location{file, {}, ++line, 1, {}}});
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return src;
}

std::optional<Source> findSource(const model::Scheme& scheme, diag::Diagnostics& diags) {
  if (scheme.file.empty()) return std::nullopt;
  const fs::path beside = fs::path(scheme.file).parent_path() / kNoticeFile;
  std::error_code ec;
  if (fs::is_regular_file(beside, ec)) return fromFile(beside, diags);
  if (endsWith(scheme.file, ".json")) return fromJsonBody(scheme, diags);
  if (endsWith(scheme.file, ".xlsx")) {
    auto body = io::readWorkbookBody(scheme.file);
    if (!body) return std::nullopt;
    if (!body->path.empty()) return fromFile(fs::path(scheme.file).parent_path() / body->path, diags);
    Source src;
    for (auto& r : body->rows) {
      // A cell may hold several paragraphs (Alt+Enter): each is a line.
      std::size_t start = 0;
      while (start <= r.text.size()) {
        const std::size_t nl = r.text.find('\n', start);
        src.lines.push_back(
            {r.text.substr(start, nl == std::string::npos ? std::string::npos : nl - start), r.where});
        if (nl == std::string::npos) break;
        start = nl + 1;
      }
    }
    return src;
  }
  return std::nullopt;
}

}  // namespace bangfu::notice
