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
#include "bangfu/util/atomic_file.hpp"
#include "bangfu/worker/bounded.hpp"
#include "bangfu/worker/render_worker.hpp"
#include "serve/build_job.hpp"
#include "serve/diff_job.hpp"
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
  return sseEvent(name, out.str());
}

/// A build stopped at its budget, as the page shows a failed build: one located
/// diagnostic at the project file, what the limit was and what to do.
std::string overBudget(const Workbench::State& s, const batch::Project& project,
                       const worker::BudgetExceeded& e) {
  using Kind = worker::BudgetExceeded::Kind;
  const char* code = e.kind() == Kind::Time     ? "serve.build-time-limit"
                     : e.kind() == Kind::Memory ? "serve.build-memory-limit"
                                                : "serve.build-crashed";
  std::string fixZh = "重试；若仍失败，请把这条信息交给维护人员",
              fixEn = "retry; if it fails again, send this message to the maintainers";
  if (e.kind() != Kind::Crashed) {
    fixZh =
        "已写好的文件不受影响，再点一次“生成”会接着生成其余的；若仍超过上限，请在命令行运行 bangfu build，"
        "或由管理员调高 " +
        std::string(e.kind() == Kind::Time ? "BANGFU_SERVE_BUILD_SECONDS" : "BANGFU_SERVE_BUILD_MEMORY_MB");
    fixEn =
        "the files already written are kept, and building again goes on with the rest; if it is still over "
        "the "
        "limit, run bangfu build on the command line, or have the administrator raise " +
        std::string(e.kind() == Kind::Time ? "BANGFU_SERVE_BUILD_SECONDS" : "BANGFU_SERVE_BUILD_MEMORY_MB");
  }
  diag::Diagnostics d;
  d.error(code, {fs::path(project.file).filename().string(), "", 0, 0, ""},
          std::string("生成项目时") + e.what(), "building the project: " + e.english(), fixZh, fixEn);
  Object::Ptr o = new Object;
  o->set("diagnostics", diagnosticsJson(d, s.options.english));
  return event("failed", o);
}

/// The build as server-sent events: progress per output, then the summary. A
/// build already running (this server, another tab, or `bangfu build`) gets the
/// lock's message and nothing runs. The build itself runs in a worker process with
/// the build's budget (Limits::buildSeconds, buildMemoryBytes); past it the worker's
/// process group is killed and the page gets the reason. The lock is this
/// process's, so it is released whatever happens to the worker, and the outputs
/// are each written atomically: a stopped build leaves every file old or new, and
/// the next build goes on from the manifest (docs/batch.md "Crash safety").
Response build(Workbench::State& s, const batch::Project& project) {
  Response r;
  r.contentType = "text/event-stream; charset=utf-8";
  Workbench::State* state = &s;
  r.stream = [state, project](std::ostream& out) {
    const bool en = state->options.english;
    const std::string& dir = project.dir;
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
    Object::Ptr start = new Object;
    start->set("started", true);
    send(event("start", start));
    try {
      if (worker::isolationEnabled()) {
        const worker::Budget budget{state->options.limits.buildSeconds,
                                    state->options.limits.buildMemoryBytes};
        send(worker::runBounded(kBuildWorkerCommand, {}, encodeBuildInput(dir, en), budget, send));
      } else {
        std::lock_guard<std::mutex> hostLock(state->hostMutex);
        if (!state->discovered) {
          state->host.discover();
          state->discovered = true;
        }
        send(buildEvents(dir, en, state->host, send));
      }
    } catch (const worker::BudgetExceeded& e) {
      send(overBudget(*state, project, e));
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
  // Read it first from the private folder, in a worker with the check's budget: a
  // file that is not a scheme (or too big to read) replaces nothing.
  const std::string probe = s.uploadDir + "/scheme-" + randomToken(8) + ext;
  util::writeFileAtomic(probe, req.body, util::Durability::Deferred);
  const std::string shown = fs::path(e.path).filename().string();
  std::optional<diag::Diagnostic> refused;
  try {
    const CheckOutcome read = runChecked(s, {probe, ext == ".xlsx", s.options.limits.maxInflatedBytes, true});
    if (!read.readable) refused = read.diags.items().empty() ? diag::Diagnostic{} : read.diags.items().back();
  } catch (const worker::BudgetExceeded& budget) {
    refused = overCheckBudget(budget, probe, shown);
  }
  std::error_code ec;
  fs::remove(probe, ec);
  if (refused) {
    refused->where.file = shown;
    return problemFrom(422, *refused, en);
  }
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
  const std::string format = queryValue(req, "format");
  const bool file = format == "docx" || format == "xlsx";
  const DiffInput input{vs.back(),     versionLabel(vs.back()), e.path,
                        schemeName(e), file ? format : "",      s.uploadDir};
  DiffResult result;
  try {
    if (worker::isolationEnabled()) {
      const worker::Budget budget{s.options.limits.checkSeconds, s.options.limits.checkMemoryBytes};
      result = decodeDiffResult(worker::runBounded(kDiffWorkerCommand, {}, encodeDiffInput(input), budget));
    } else {
      result = decodeDiffResult(runDiff(input));
    }
  } catch (const worker::BudgetExceeded& budget) {
    return problemFrom(422, overCheckBudget(budget, e.path, fs::path(e.path).filename().string()), en);
  }
  if (!result.ok) {
    diag::Diagnostic d = result.diagnostics.items().front();
    d.where.file = fs::path(d.where.file).filename().string();
    return problemFrom(422, d, en);
  }
  Response r;
  r.body = std::move(result.body);
  if (file) {
    r.contentType = "application/octet-stream";
    r.downloadName = safeFileName("变更对照表-" + schemeName(e)) + "." + format;
  }
  return r;
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
