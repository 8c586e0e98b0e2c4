#include "bangfu/batch/project.hpp"

#include <Poco/File.h>
#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Path.h>

#include <stdexcept>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/io/text_checks.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "bangfu/util/output_folder.hpp"

namespace bangfu::batch {

namespace {

[[noreturn]] void fail(const std::string& file, const std::string& field, const std::string& zh,
                       const std::string& en, const std::string& suggestion = {},
                       const std::string& suggestionEn = {}) {
  diag::Diagnostic d;
  d.code = "project.invalid";
  d.where.file = file;
  d.where.field = field;
  d.message = zh;
  d.messageEn = en;
  d.suggestion = suggestion;
  d.suggestionEn = suggestionEn;
  throw diag::InputError(std::move(d));
}

std::string resolve(const std::string& dir, const std::string& path) {
  if (path.empty()) return {};
  Poco::Path p(path);
  if (p.isAbsolute()) return p.toString();
  return Poco::Path(Poco::Path::forDirectory(dir), p).makeAbsolute().toString();
}

std::vector<std::string> stringList(const Poco::JSON::Object::Ptr& obj, const std::string& key,
                                    const std::string& file, const std::string& field,
                                    std::vector<std::string> fallback) {
  if (!obj->has(key)) return fallback;
  auto arr = obj->getArray(key);
  if (!arr)
    fail(file, field + key, "“" + key + "”应为字符串数组", "'" + key + "' must be an array of strings");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < arr->size(); ++i)
    out.push_back(arr->getElement<std::string>(static_cast<unsigned>(i)));
  return out;
}

void checkFormats(const std::vector<std::string>& formats, const std::string& file,
                  const std::string& field) {
  if (formats.empty())
    fail(file, field, "未指定输出格式", "no output format given", "\"formats\": [\"docx\", \"xlsx\"]");
  for (const auto& f : formats)
    if (f != "docx" && f != "xlsx" && f != "pdf")
      fail(file, field, "不支持的输出格式“" + f + "”（批量构建支持 docx、xlsx、pdf）",
           "unsupported format '" + f + "' (build writes docx, xlsx and pdf)");
}

}  // namespace

namespace {

/// The project's "output" as a path inside the project folder: "." parts
/// dropped, trailing '/' allowed; absolute, ".." and the folder itself refused.
std::string outputWithinProject(const std::string& output, const std::string& file) {
  std::string rel;
  std::size_t start = 0;
  bool absolute = !output.empty() && output.front() == '/';
  for (;;) {
    const auto slash = output.find('/', start);
    const std::string part =
        output.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (part == "..") absolute = true;  // leaves the project either way
    if (!part.empty() && part != ".") rel += (rel.empty() ? "" : "/") + part;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  const std::string hint = "\"output\": \"out\"；要写到项目之外，请在命令行用 bangfu build --out 文件夹";
  const std::string hintEn =
      "\"output\": \"out\"; to write outside the project, say bangfu build --out FOLDER on the command line";
  auto refuse = [&](const std::string& zh, const std::string& en) {
    diag::Diagnostic d;
    d.code = "project.output-outside";
    d.where.file = file;
    d.where.field = "output";
    d.message = zh;
    d.messageEn = en;
    d.suggestion = hint;
    d.suggestionEn = hintEn;
    throw diag::InputError(std::move(d));
  };
  const std::string shown = util::printable(output);
  if (absolute)
    refuse("输出文件夹“" + shown + "”不在项目文件夹内（不能是绝对路径，也不能含“..”）",
           "the output folder '" + shown + "' is not inside the project folder (no absolute path, no '..')");
  if (rel.empty())
    refuse("输出文件夹不能是项目文件夹本身（“" + shown + "”）",
           "the output folder must not be the project folder itself ('" + shown + "')");
  if (const util::PathFault f = util::checkRelativePath(rel); f != util::PathFault::None)
    refuse("输出文件夹“" + shown + "”" + util::describe(f, false),
           "the output folder '" + shown + "' " + util::describe(f, true));
  return rel;
}

}  // namespace

Project loadProject(const std::string& path, const std::string& outputOverride) {
  Project project;
  Poco::File f(path);
  if (f.exists() && f.isDirectory()) {
    project.dir = Poco::Path(Poco::Path::forDirectory(path)).makeAbsolute().toString();
    project.file = project.dir + kProjectFile;
  } else {
    project.file = Poco::Path(path).makeAbsolute().toString();
    project.dir = Poco::Path(project.file).parent().toString();
  }
  if (!project.dir.empty() && project.dir.back() == '/') project.dir.pop_back();
  std::string text;
  try {
    text = util::readFile(project.file);
  } catch (const std::exception&) {
    fail(project.file, "", "找不到项目文件", "cannot read the project file",
         "在项目文件夹中建立 bangfu-project.json（见 docs/batch.md）",
         "create bangfu-project.json in the project folder (see docs/batch.md)");
  }
  Poco::JSON::Object::Ptr root;
  try {
    root = Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception& e) {
    fail(project.file, "", "项目文件不是合法的 JSON 对象（“" + e.displayText() + "”）",
         "the project file is not a JSON object: " + e.displayText());
  }
  if (!root) fail(project.file, "", "项目文件不是 JSON 对象", "the project file is not a JSON object");
  {
    // The readers' rule: a second "output" or "plugin" must not win in silence.
    diag::Diagnostics textProblems;
    io::checkJsonText(text, project.file, textProblems);
    for (const auto& d : textProblems.items())
      if (d.severity == diag::Severity::Error) throw diag::InputError(d);
  }
  try {
    if (outputOverride.empty()) {
      project.outputRel = outputWithinProject(root->optValue<std::string>("output", "out"), project.file);
      project.outputDir = project.dir + "/" + project.outputRel;
    } else {
      project.outputDir = Poco::Path(outputOverride).makeAbsolute().toString();
      while (project.outputDir.size() > 1 && project.outputDir.back() == '/') project.outputDir.pop_back();
    }
    project.pattern = root->optValue<std::string>("pattern", kDefaultPattern);
    if (project.pattern.find("{stem}") == std::string::npos ||
        project.pattern.find("{ext}") == std::string::npos)
      fail(project.file, "pattern", "文件名模式须包含 {stem} 和 {ext}",
           "the pattern must contain {stem} and {ext}",
           std::string("\"pattern\": \"") + kDefaultPattern + "\"");
    const auto formats = stringList(root, "formats", project.file, "", {"docx", "xlsx"});
    checkFormats(formats, project.file, "formats");
    const std::string referenceDoc = resolve(project.dir, root->optValue<std::string>("referenceDoc", ""));
    const bool detached = root->optValue<bool>("detached", false);
    auto schemes = root->getArray("schemes");
    if (!schemes || schemes->size() == 0)
      fail(project.file, "schemes", "项目未列出任何方案", "the project lists no schemes",
           "\"schemes\": [{\"path\": \"schemes/example.json\"}]");
    for (std::size_t i = 0; i < schemes->size(); ++i) {
      const std::string field = "schemes[" + std::to_string(i) + "]";
      SchemeEntry e;
      Poco::JSON::Object::Ptr s;
      if (schemes->isObject(static_cast<unsigned>(i))) {
        s = schemes->getObject(static_cast<unsigned>(i));
      } else {
        s = new Poco::JSON::Object;
        s->set("path", schemes->getElement<std::string>(static_cast<unsigned>(i)));
      }
      const std::string rel = s->optValue<std::string>("path", "");
      if (rel.empty()) fail(project.file, field + ".path", "方案缺少 path", "scheme entry has no path");
      e.path = resolve(project.dir, rel);
      e.name = s->optValue<std::string>("name", "");
      e.plugin = s->optValue<std::string>("plugin", "");
      e.formats = stringList(s, "formats", project.file, field + ".", formats);
      checkFormats(e.formats, project.file, field + ".formats");
      e.referenceDoc = s->has("referenceDoc") ? resolve(project.dir, s->getValue<std::string>("referenceDoc"))
                                              : referenceDoc;
      e.summary = s->optValue<bool>("summary", true);
      e.entities = s->optValue<bool>("entities", true);
      e.detached = s->optValue<bool>("detached", detached);
      project.schemes.push_back(std::move(e));
    }
  } catch (const Poco::Exception& e) {
    fail(project.file, "", "项目文件格式错误：" + e.displayText(),
         "malformed project file: " + e.displayText());
  }
  return project;
}

std::string outputPath(const std::string& pattern, const std::string& scheme, const std::string& stem,
                       const std::string& ext) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern[i] == '{') {
      const auto close = pattern.find('}', i);
      if (close != std::string::npos) {
        const std::string key = pattern.substr(i + 1, close - i - 1);
        if (key == "scheme" || key == "stem" || key == "ext") {
          out += key == "scheme" ? scheme : key == "stem" ? stem : ext;
          i = close + 1;
          continue;
        }
      }
    }
    out += pattern[i++];
  }
  if (const util::PathFault f = util::checkRelativePath(out); f != util::PathFault::None)
    throw util::PathRefused(f, out, out);
  return out;
}

}  // namespace bangfu::batch
