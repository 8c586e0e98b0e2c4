// The project routes of the workbench (PROJECT_DIR given): the schemes and their
// versions, the outputs, the incremental build streamed as server-sent events,
// replacing a scheme (the old one kept as a version) and the 变更对照表 between
// the last two versions. Requests name schemes by index and outputs by a path
// that must resolve inside the output folder; nothing else on disk is reachable.
#include "bangfu/batch/project.hpp"

#include <Poco/JSON/Stringifier.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <sstream>

#include "bangfu/batch/build.hpp"
#include "bangfu/diff/diff.hpp"
#include "bangfu/io/scheme_io.hpp"
#include "bangfu/output/outputs.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "serve/state.hpp"

namespace bangfu::serve::detail {

namespace fs = std::filesystem;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

/// Old versions of PROJECT_DIR's schemes: .bangfu-versions/<scheme>/<UTC stamp>-<file>.
constexpr const char* kVersionsDir = ".bangfu-versions";

std::string schemeName(const batch::SchemeEntry& e) {
  return e.name.empty() ? fs::path(e.path).stem().string() : e.name;
}

std::string versionsOf(const batch::Project& p, const batch::SchemeEntry& e) {
  return p.dir + "/" + kVersionsDir + "/" + safeFileName(schemeName(e));
}

/// The versions of a scheme, oldest first (the stamps sort as text).
std::vector<std::string> versions(const batch::Project& p, const batch::SchemeEntry& e) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& f : fs::directory_iterator(versionsOf(p, e), ec))
    if (f.is_regular_file()) out.push_back(f.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::string utcStamp() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d-%02d%02d%02d-%03d", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

/// "20261202-213000-123-lishui.json" → "2026-12-02 21:30:00 (UTC)".
std::string versionLabel(const std::string& path) {
  std::string f = fs::path(path).filename().string();
  if (f.size() < 15) return f;
  return f.substr(0, 4) + "-" + f.substr(4, 2) + "-" + f.substr(6, 2) + " " + f.substr(9, 2) + ":" +
         f.substr(11, 2) + ":" + f.substr(13, 2) + " UTC";
}

const batch::SchemeEntry* schemeAt(const batch::Project& p, const Request& req) {
  const std::string v = queryValue(req, "index");
  std::size_t used = 0;
  int n = -1;
  try {
    n = std::stoi(v, &used);
  } catch (const std::exception&) {
  }
  if (v.empty() || used != v.size() || n < 0 || n >= static_cast<int>(p.schemes.size())) return nullptr;
  return &p.schemes[static_cast<std::size_t>(n)];
}

Response projectList(Workbench::State& s, const batch::Project& p) {
  std::lock_guard<std::mutex> lock(s.projectMutex);
  Object::Ptr o = new Object;
  o->set("dir", fs::path(p.dir).filename().string());
  Array::Ptr schemes = new Array;
  for (std::size_t i = 0; i < p.schemes.size(); ++i) {
    const auto& e = p.schemes[i];
    Object::Ptr x = new Object;
    x->set("index", static_cast<int>(i));
    x->set("name", schemeName(e));
    x->set("file", fs::path(e.path).filename().string());
    x->set("plugin", e.plugin);
    Array::Ptr vs = new Array;
    for (const auto& v : versions(p, e)) vs->add(versionLabel(v));
    x->set("versions", vs);
    schemes->add(x);
  }
  o->set("schemes", schemes);
  Array::Ptr outputs = new Array;
  std::error_code ec;
  std::vector<std::string> rels;
  for (auto it = fs::recursive_directory_iterator(p.outputDir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file() || it->path().filename().string().front() == '.') continue;
    rels.push_back(fs::relative(it->path(), p.outputDir).generic_string());
  }
  std::sort(rels.begin(), rels.end());
  for (const auto& r : rels) outputs->add(r);
  o->set("outputs", outputs);
  return json(o);
}

/// An output file by its path relative to the output folder: it must stay inside
/// (no .., no absolute path, no symlink out of it) and be a regular file.
Response projectOutput(Workbench::State& s, const batch::Project& p, const Request& req) {
  const bool en = s.options.english;
  const std::string rel = queryValue(req, "path");
  const fs::path relPath(rel);
  bool clean = !rel.empty() && !relPath.is_absolute() && rel.find('\0') == std::string::npos;
  for (const auto& part : relPath) clean = clean && part != ".." && part != ".";
  std::error_code ec;
  const fs::path root = fs::canonical(p.outputDir, ec);
  const fs::path target = clean && !ec ? fs::canonical(root / relPath, ec) : fs::path();
  const std::string rootText = root.string() + "/";
  if (!clean || ec || target.string().compare(0, rootText.size(), rootText) != 0 ||
      !fs::is_regular_file(target))
    return problem(404, "serve.bad-path", "没有这个输出文件（只能下载项目输出文件夹中的文件）",
                   "no such output (only files of the project's output folder)", "", en);
  Response r;
  r.body = util::readFile(target.string());
  r.contentType = "application/octet-stream";
  r.downloadName = target.filename().string();
  return r;
}

std::string event(const std::string& name, const Object::Ptr& data) {
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(data, out);
  return "event: " + name + "\ndata: " + out.str() + "\n\n";
}

/// The build as server-sent events: progress per output, then the summary. A
/// build already running (this server, another tab, or `bangfu build`) gets the
/// lock's message and nothing runs.
Response build(Workbench::State& s, const batch::Project& project) {
  Response r;
  r.contentType = "text/event-stream; charset=utf-8";
  const std::string dir = project.dir;
  Workbench::State* state = &s;
  r.stream = [state, dir](std::ostream& out) {
    const bool en = state->options.english;
    auto send = [&out](const std::string& text) { out << text << std::flush; };
    send("retry: 86400000\n\n");  // an ended stream must not make EventSource start another build
    std::unique_lock<std::mutex> mine(state->buildMutex, std::try_to_lock);
    if (!mine.owns_lock()) {
      Object::Ptr o = new Object;
      o->set("message", say(*state, "另一个生成任务正在进行（本页面或另一个标签页），请等它结束后再试",
                            "another build is running (this page or another tab); try again when it ends"));
      send(event("busy", o));
      return;
    }
    std::unique_ptr<batch::ProjectLock> lock;
    try {
      lock = std::make_unique<batch::ProjectLock>(dir);
    } catch (const batch::LockHeld& e) {
      Object::Ptr o = new Object;
      o->set("message", en ? e.english() : std::string(e.what()));
      send(event("busy", o));
      return;
    }
    batch::BuildOptions options;
    options.english = en;
    options.onOutput = [&send](std::size_t done, std::size_t total, const std::string& rel,
                               const std::string& st) {
      Object::Ptr o = new Object;
      o->set("done", static_cast<int>(done));
      o->set("total", static_cast<int>(total));
      o->set("output", rel);
      o->set("state", st);
      send(event("progress", o));
    };
    Object::Ptr start = new Object;
    start->set("started", true);
    send(event("start", start));
    try {
      const batch::BuildReport report = [&] {
        std::lock_guard<std::mutex> hostLock(state->hostMutex);
        if (!state->discovered) {
          state->host.discover();
          state->discovered = true;
        }
        return batch::build(dir, state->host, options);
      }();
      Object::Ptr o = new Object;
      auto list = [](const std::vector<std::string>& v) {
        Array::Ptr a = new Array;
        for (const auto& x : v) a->add(x);
        return a;
      };
      o->set("rebuilt", list(report.rebuilt));
      o->set("unchanged", list(report.unchanged));
      o->set("skipped", static_cast<int>(report.skipped));
      o->set("removed", list(report.removed));
      o->set("failed", list(report.failed));
      o->set("total", static_cast<int>(report.total));
      o->set("upToDate", report.upToDate);
      o->set("seconds", report.seconds);
      o->set("diagnostics", diagnosticsJson(report.diags, en));
      send(event("summary", o));
    } catch (const diag::InputError& e) {
      diag::Diagnostics d;
      d.add(e.diagnostic());
      Object::Ptr o = new Object;
      o->set("diagnostics", diagnosticsJson(d, en));
      send(event("failed", o));
    } catch (const std::exception& e) {
      Object::Ptr o = new Object;
      o->set("message",
             say(*state, std::string("生成失败：") + e.what(), std::string("build failed: ") + e.what()));
      send(event("failed", o));
    }
  };
  return r;
}

/// Replaces a scheme with an upload that reads as a scheme; the old file becomes a version.
Response replaceScheme(Workbench::State& s, const batch::Project& p, const batch::SchemeEntry& e,
                       const Request& req) {
  const bool en = s.options.english;
  if (req.bodyTooLarge || req.body.size() > s.options.limits.maxUploadBytes)
    return problem(413, "serve.too-large", "文件超过上限", "the file is over the limit", "", en);
  if (req.body.empty()) return problem(400, "serve.empty", "没有收到文件内容", "no file received", "", en);
  const std::string ext = fs::path(e.path).extension().string();
  // Read it first from the private folder: a file that is not a scheme replaces nothing.
  const std::string probe = s.uploadDir + "/scheme-" + randomToken(8) + ext;
  util::writeFileAtomic(probe, req.body, util::Durability::Deferred);
  diag::Diagnostics diags;
  try {
    (void)io::loadScheme(probe, diags);
  } catch (const diag::InputError& err) {
    std::error_code ec;
    fs::remove(probe, ec);
    diag::Diagnostic d = err.diagnostic();
    d.where.file = fs::path(e.path).filename().string();
    return problemFrom(422, d, en);
  }
  std::error_code ec;
  fs::remove(probe, ec);
  std::lock_guard<std::mutex> lock(s.projectMutex);
  const std::string vdir = versionsOf(p, e);
  fs::create_directories(vdir);
  if (fs::exists(e.path))
    util::writeFileAtomic(vdir + "/" + utcStamp() + "-" + fs::path(e.path).filename().string(),
                          util::readFile(e.path));
  util::writeFileAtomic(e.path, req.body);
  Object::Ptr o = new Object;
  o->set("ok", true);
  o->set("scheme", schemeName(e));
  o->set("versions", static_cast<int>(versions(p, e).size()));
  return json(o);
}

/// The 变更对照表 between the newest kept version and the current scheme.
Response schemeDiff(Workbench::State& s, const batch::Project& p, const batch::SchemeEntry& e,
                    const Request& req) {
  const bool en = s.options.english;
  std::vector<std::string> vs;
  {
    std::lock_guard<std::mutex> lock(s.projectMutex);
    vs = versions(p, e);
  }
  if (vs.empty())
    return problem(404, "serve.no-version", "这个方案还没有旧版本：重新上传一次后才有对照",
                   "no earlier version yet", "在“项目”中重新上传该方案", en);
  diag::Diagnostics diags;
  model::Scheme before = io::loadScheme(vs.back(), diags);
  model::Scheme after = io::loadScheme(e.path, diags);
  // The report's 说明 names the versions: by their time, not by paths on this machine.
  before.file = versionLabel(vs.back()) + " 的版本";
  after.file = "当前版本（" + fs::path(e.path).filename().string() + "）";
  const diff::Report report = diff::compare(before, after);
  const doc::Notice notice = diff::reportNotice(report, before, after);
  const std::string format = queryValue(req, "format");
  if (format == "docx" || format == "xlsx") {
    const std::string path = s.uploadDir + "/diff-" + randomToken(8) + "." + format;
    output::Options options;
    diag::Diagnostics writeDiags;
    output::writeAll({{path, format == "docx" ? output::Format::Docx : output::Format::Xlsx, &notice}},
                     options, writeDiags);
    Response r;
    r.body = util::readFile(path);
    std::error_code ec;
    fs::remove(path, ec);
    r.contentType = "application/octet-stream";
    r.downloadName = safeFileName("变更对照表-" + schemeName(e)) + "." + format;
    return r;
  }
  Object::Ptr o = new Object;
  o->set("scheme", schemeName(e));
  o->set("before", versionLabel(vs.back()));
  o->set("changes", static_cast<int>(report.changes.size()));
  o->set("text", diff::formatText(report));
  std::string html;
  for (const auto& a : notice.appendices) html += appendixHtml(a);
  o->set("html", html);
  return json(o);
}

}  // namespace

std::optional<Response> projectRoute(Workbench::State& s, const Request& req) {
  const bool isProject = req.path == "/api/project" || req.path == "/api/project/output" ||
                         req.path == "/api/build" || req.path == "/api/scheme" || req.path == "/api/diff";
  if (!isProject) return std::nullopt;
  const bool en = s.options.english;
  if (s.options.projectDir.empty())
    return problem(404, "serve.no-project", "未打开项目：用 bangfu serve 项目文件夹 启动",
                   "no project folder was given", "bangfu serve PROJECT_DIR", en);
  const batch::Project project = batch::loadProject(s.options.projectDir);
  if (req.method == "GET" && req.path == "/api/project") return projectList(s, project);
  if (req.method == "GET" && req.path == "/api/project/output") return projectOutput(s, project, req);
  if (req.method == "GET" && req.path == "/api/build") return build(s, project);
  const batch::SchemeEntry* e = schemeAt(project, req);
  if (!e)
    return problem(404, "serve.no-scheme", "项目中没有这个方案", "no such scheme in the project", "", en);
  if (req.method == "POST" && req.path == "/api/scheme") return replaceScheme(s, project, *e, req);
  if (req.method == "GET" && req.path == "/api/diff") return schemeDiff(s, project, *e, req);
  return problem(405, "serve.method", "不支持的请求方法", "method not allowed", "", en);
}

}  // namespace bangfu::serve::detail
