// The workbench's routes: the page, security checks, and the single-workbook job
// (blank workbook, check, marked copy, preview, outputs, page images, names).
// The project routes are in project.cpp.
#include "bangfu/serve/workbench.hpp"

#include <Poco/JSON/Stringifier.h>
#include <Poco/URI.h>
#include <Poco/Zip/ZipArchive.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "bangfu/io/scheme_io.hpp"
#include "bangfu/io/sheet.hpp"
#include "bangfu/mark/mark.hpp"
#include "bangfu/output/outputs.hpp"
#include "bangfu/pdf/convert.hpp"
#include "bangfu/plugin/render.hpp"
#include "bangfu/text/name_input.hpp"
#include "bangfu/text/names.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "bangfu/validate/validate.hpp"
#include "bangfu/worker/bounded.hpp"
#include "bangfu/worker/render_worker.hpp"
#include "serve/check_job.hpp"
#include "serve/state.hpp"
#include "zip/zip_writer.hpp"

namespace bangfu::serve {

namespace fs = std::filesystem;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

struct WebFile {
  const char* name;
  const char* text;
};
const WebFile kWebFiles[] = {
#include "serve_web.inc"
};

/// Screen resolution for page images: legible, and a page is ~100 KB.
constexpr int kPageDpi = 96;

bool sameToken(const std::string& given, const std::string& token) {
  return given.size() == token.size() && CRYPTO_memcmp(given.data(), token.data(), token.size()) == 0;
}

std::string header(const Request& r, const std::string& name) {
  const auto it = r.headers.find(name);
  return it == r.headers.end() ? std::string() : it->second;
}

/// The stored name of an upload: the clerk's base name, cleaned, or upload.EXT.
std::string storedName(const std::string& fileName, const std::string& ext) {
  std::string base = detail::safeFileName(fs::path(fileName).filename().string());
  if (base.empty() || base[0] == '.' || base.size() > 200) base = "upload" + ext;
  return base;
}

}  // namespace

namespace detail {

CheckOutcome runChecked(Workbench::State& s, const CheckInput& input) {
  if (!worker::isolationEnabled()) {
    std::lock_guard<std::mutex> lock(s.hostMutex);
    if (!s.discovered) {
      s.host.discover();
      s.discovered = true;
    }
    return runCheck(s.host, input);
  }
  const worker::Budget budget{s.options.limits.checkSeconds, s.options.limits.checkMemoryBytes};
  return decodeCheckOutcome(worker::runBounded(kCheckWorkerCommand, {}, encodeCheckInput(input), budget));
}

diag::Diagnostic overCheckBudget(const worker::BudgetExceeded& e, const std::string& path,
                                 const std::string& fileName) {
  using Kind = worker::BudgetExceeded::Kind;
  const char* code = e.kind() == Kind::Time     ? "serve.time-limit"
                     : e.kind() == Kind::Memory ? "serve.memory-limit"
                                                : "serve.check-crashed";
  const std::string fix = e.kind() == Kind::Crashed
                              ? "重试；若仍失败，请把这条信息和文件交给维护人员"
                              : "检查文件是否混入了大量无关数据（整列公式、上万空行、图片），"
                                "删去后另存；或拆分为多个工作簿";
  diag::Diagnostics d;
  d.error(code, {path, "", 0, 0, ""}, std::string("检查“") + fileName + "”时" + e.what(),
          "checking \"" + fileName + "\": " + e.english(), fix,
          e.kind() == Kind::Crashed
              ? "retry; if it fails again, send this message and the file to the maintainers"
              : "look for masses of unrelated data (whole-column formulas, "
                "thousands of empty rows, pictures), delete them and save again; or "
                "split the workbook");
  return d.items().front();
}

Response json(const Object::Ptr& object, int status) {
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(object, out);
  Response r;
  r.status = status;
  r.body = out.str();
  return r;
}

Object::Ptr diagnosticJson(const diag::Diagnostic& d, bool english) {
  Object::Ptr o = new Object;
  std::string place = d.where.sheet;
  const std::string cell = diag::cellName(d.where.row, d.where.column);
  if (!place.empty() && !cell.empty())
    place += "!" + cell;
  else if (!place.empty() && d.where.row > 0)
    place += "!" + std::to_string(d.where.row) + ":" + std::to_string(d.where.row);
  else if (place.empty() && d.where.row > 0)
    place = std::to_string(d.where.row) + (d.where.column > 0 ? ":" + std::to_string(d.where.column) : "");
  // A workbook place is the cell the clerk opens; the model path only helps for JSON.
  if (!d.where.field.empty() && d.where.sheet.empty())
    place += (place.empty() ? "" : " ") + std::string("[") + d.where.field + "]";
  o->set("place", place);
  o->set("file", fs::path(d.where.file).filename().string());  // never the folder it lives in
  o->set("sheet", d.where.sheet);
  o->set("severity", d.severity == diag::Severity::Error ? "error" : "warning");
  o->set("code", d.code);
  o->set("message", english && !d.messageEn.empty() ? d.messageEn : d.message);
  o->set("suggestion", d.suggestion);
  return o;
}

Object::Ptr diagnosticsJson(const diag::Diagnostics& diags, bool english) {
  Object::Ptr o = new Object;
  o->set("errors", static_cast<int>(diags.errorCount()));
  o->set("warnings", static_cast<int>(diags.warningCount()));
  std::vector<std::string> sheets;
  std::map<std::string, Array::Ptr> groups;
  for (const auto& d : diags.items()) {
    if (!groups.count(d.where.sheet)) {
      sheets.push_back(d.where.sheet);
      groups[d.where.sheet] = new Array;
    }
    groups[d.where.sheet]->add(diagnosticJson(d, english));
  }
  Array::Ptr list = new Array;
  for (const auto& s : sheets) {
    Object::Ptr g = new Object;
    g->set("sheet", s);
    g->set("items", groups[s]);
    int errors = 0;
    for (std::size_t i = 0; i < groups[s]->size(); ++i)
      errors += groups[s]->getObject(static_cast<unsigned>(i))->getValue<std::string>("severity") == "error";
    g->set("errors", errors);
    g->set("warnings", static_cast<int>(groups[s]->size()) - errors);
    list->add(g);
  }
  o->set("groups", list);
  return o;
}

Response problem(int status, const std::string& code, const std::string& zh, const std::string& en,
                 const std::string& suggestion, bool english) {
  diag::Diagnostic d;
  d.code = code;
  d.message = zh;
  d.messageEn = en;
  d.suggestion = suggestion;
  return problemFrom(status, d, english);
}

Response problemFrom(int status, const diag::Diagnostic& d, bool english) {
  Object::Ptr o = new Object;
  o->set("ok", false);
  diag::Diagnostics one;
  one.add(d);
  o->set("diagnostics", diagnosticsJson(one, english));
  o->set("message", diagnosticJson(d, english)->getValue<std::string>("message"));
  return json(o, status);
}

std::string safeFileName(std::string name) {
  for (const char* bad : {"/", "\\", ":", "*", "?", "\"", "<", ">", "|", "\n", "\r", "\t"}) {
    for (std::size_t p; (p = name.find(bad)) != std::string::npos;)
      name.erase(p, std::char_traits<char>::length(bad));
  }
  name.erase(
      std::remove_if(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }),
      name.end());
  return name;
}

std::string readFile(const std::string& path) { return util::readFile(path); }

std::string queryValue(const Request& r, const std::string& key) {
  const auto it = r.query.find(key);
  return it == r.query.end() ? std::string() : it->second;
}

bool isHexId(const std::string& id) {
  return id.size() == 32 && std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace detail

using detail::json;
using detail::problem;

std::string randomToken(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1)
    throw std::runtime_error("no random bytes (RAND_bytes)");
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

const plugin::JurisdictionPlugin& Workbench::State::plugin(const std::string& id) {
  std::lock_guard<std::mutex> lock(hostMutex);
  if (!discovered) {
    host.discover();
    discovered = true;
  }
  return host.get(id);
}

std::vector<plugin::PluginInfo> Workbench::State::plugins() {
  std::lock_guard<std::mutex> lock(hostMutex);
  if (!discovered) {
    host.discover();
    discovered = true;
  }
  return host.list();
}

std::shared_ptr<Upload> Workbench::State::upload(const std::string& id) {
  if (!detail::isHexId(id)) return nullptr;
  std::lock_guard<std::mutex> lock(uploadsMutex);
  const auto it = uploads.find(id);
  return it == uploads.end() ? nullptr : it->second;
}

Workbench::Workbench(Options options) : state_(std::make_unique<State>()) {
  state_->options = std::move(options);
  if (state_->options.token.empty()) state_->options.token = randomToken();
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/bangfu-serve-XXXXXX";
  if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create the upload folder in " + pattern);
  ::chmod(pattern.c_str(), 0700);  // mkdtemp makes it 0700 already; said again for the contract
  state_->uploadDir = pattern;
}

Workbench::~Workbench() {
  std::error_code ec;
  fs::remove_all(state_->uploadDir, ec);
}

const std::string& Workbench::token() const { return state_->options.token; }
const std::string& Workbench::uploadDir() const { return state_->uploadDir; }
std::string Workbench::url() const {
  return "http://127.0.0.1:" + std::to_string(state_->options.port) + "/?token=" + state_->options.token;
}

namespace {

/// Host must be this server by a loopback name (DNS rebinding defence).
bool hostAllowed(const Workbench::State& s, const std::string& host) {
  const std::string port = std::to_string(s.options.port);
  return host == "127.0.0.1:" + port || host == "localhost:" + port || host == "[::1]:" + port;
}

bool originAllowed(const Workbench::State& s, const std::string& origin) {
  if (origin.empty()) return true;
  const std::string port = std::to_string(s.options.port);
  return origin == "http://127.0.0.1:" + port || origin == "http://localhost:" + port ||
         origin == "http://[::1]:" + port;
}

Response page(const Workbench::State& s) {
  Response r;
  r.contentType = "text/html; charset=utf-8";
  for (const auto& f : kWebFiles)
    if (std::string(f.name) == "index.html") r.body = f.text;
  // The token goes into the page, so its scripts can send it; the page itself
  // came with the token in the URL.
  const std::string mark = "__BANGFU_TOKEN__";
  for (std::size_t p; (p = r.body.find(mark)) != std::string::npos;)
    r.body.replace(p, mark.size(), s.options.token);
  for (const auto& [mark, value] :
       {std::pair<std::string, std::string>{"__BANGFU_LANG__", s.options.english ? "en" : "zh"},
        {"__BANGFU_HTML_LANG__", s.options.english ? "en" : "zh-CN"}})
    for (std::size_t p; (p = r.body.find(mark)) != std::string::npos;) r.body.replace(p, mark.size(), value);
  const std::string projectMark = "__BANGFU_PROJECT__";
  const std::string project = s.options.projectDir.empty() ? "" : "1";
  for (std::size_t p; (p = r.body.find(projectMark)) != std::string::npos;)
    r.body.replace(p, projectMark.size(), project);
  return r;
}

Response forbidden(const Workbench::State& s, const std::string& zh, const std::string& en) {
  Response r = problem(403, "serve.forbidden", zh, en, "", s.options.english);
  return r;
}

Response plugins(Workbench::State& s) {
  Array::Ptr list = new Array;
  for (const auto& info : s.plugins()) {
    Object::Ptr o = new Object;
    o->set("id", info.id);
    o->set("region", info.region);
    list->add(o);
  }
  Object::Ptr o = new Object;
  o->set("plugins", list);
  return json(o);
}

Response blankWorkbook(Workbench::State& s, const Request& req) {
  const std::string id = detail::queryValue(req, "plugin");
  io::InitOptions options;
  std::string region = id;
  try {
    const auto& p = s.plugin(id);
    options.pluginSheets = p.inputSheets();
    for (const auto& info : s.plugins())
      if (info.id == id) region = info.region.empty() ? id : info.region;
  } catch (const plugin::PluginError& e) {
    return problem(404, "serve.unknown-plugin", std::string("找不到插件：") + e.what(), e.english(),
                   "从列表中选择一个地区", s.options.english);
  }
  options.pluginId = id;
  options.epoch = util::outputEpoch("");
  const std::string path = s.uploadDir + "/blank-" + randomToken(8) + ".xlsx";
  io::writeInputWorkbook(path, options);
  Response r;
  r.body = util::readFile(path);
  std::error_code ec;
  fs::remove(path, ec);
  r.contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.downloadName = "帮扶方案输入表-" + detail::safeFileName(region) + ".xlsx";
  return r;
}

/// Keeps the upload, dropping the oldest beyond the cap (their files too).
void remember(Workbench::State& s, const std::shared_ptr<Upload>& upload) {
  std::vector<std::string> dropped;
  {
    std::lock_guard<std::mutex> lock(s.uploadsMutex);
    s.uploads[upload->id] = upload;
    s.order.push_back(upload->id);
    while (s.order.size() > s.options.limits.keptUploads) {
      dropped.push_back(s.uploads[s.order.front()]->dir);
      s.uploads.erase(s.order.front());
      s.order.pop_front();
    }
  }
  for (const auto& dir : dropped) {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
}

/// Checks one upload (detail::runChecked), its problems and model kept; a check
/// over its budget is one located error.
void checkUpload(Workbench::State& s, Upload& u) {
  const detail::CheckInput input{u.path, u.workbook, s.options.limits.maxInflatedBytes};
  detail::CheckOutcome outcome;
  try {
    outcome = detail::runChecked(s, input);
  } catch (const worker::BudgetExceeded& e) {
    u.diags.add(detail::overCheckBudget(e, u.path, u.fileName));
    u.overBudget = e.kind() != worker::BudgetExceeded::Kind::Crashed;
    return;
  }
  u.diags = std::move(outcome.diags);
  u.notice = std::move(outcome.notice);
  u.text = std::move(outcome.text);
}

Object::Ptr checkJson(const Workbench::State& s, const Upload& u) {
  Object::Ptr o = new Object;
  o->set("ok", !u.diags.hasErrors());
  o->set("id", u.id);
  o->set("file", u.fileName);
  o->set("workbook", u.workbook);
  o->set("diagnostics", detail::diagnosticsJson(u.diags, s.options.english));
  Array::Ptr appendices = new Array;
  if (u.notice) {
    for (std::size_t i = 0; i < u.notice->appendices.size(); ++i) {
      const auto& a = u.notice->appendices[i];
      Object::Ptr x = new Object;
      x->set("index", static_cast<int>(i));
      x->set("label", a.label);
      x->set("title", a.title);
      x->set("stem", detail::safeFileName(a.fileStem));
      x->set("html", detail::appendixHtml(a));
      appendices->add(x);
    }
    o->set("title", u.notice->title);
    if (u.text) {  // the whole notice, shown before the appendices and downloadable as one DOCX
      Object::Ptr n = new Object;
      n->set("html", detail::noticeHtml(*u.text));
      n->set("stem", detail::safeFileName(u.notice->title.empty() ? u.text->title : u.notice->title));
      o->set("notice", n);
    }
  }
  o->set("appendices", appendices);
  return o;
}

Response check(Workbench::State& s, const Request& req) {
  const bool en = s.options.english;
  if (req.bodyTooLarge || req.body.size() > s.options.limits.maxUploadBytes)
    return problem(
        413, "serve.too-large",
        "文件超过上限（" + std::to_string(s.options.limits.maxUploadBytes >> 20) + " MB）",
        "the file is over the limit (" + std::to_string(s.options.limits.maxUploadBytes >> 20) + " MB)",
        "把数据拆分到多个工作簿", en);
  if (req.body.empty())
    return problem(400, "serve.empty", "没有收到文件内容", "no file received", "重新选择或拖入文件", en);
  std::string fileName = header(req, "x-file-name");
  {  // the page sends the name percent-encoded (a header is ASCII)
    std::string decoded;
    try {
      Poco::URI::decode(fileName, decoded);
    } catch (...) {
      decoded = fileName;
    }
    fileName = decoded;
  }
  std::string ext = fs::path(fileName).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext != ".xlsx" && ext != ".json")
    return problem(400, "serve.bad-type", "只接受 .xlsx 工作簿或 .json 方案（收到“" + fileName + "”）",
                   "only .xlsx workbooks or .json schemes (got \"" + fileName + "\")",
                   "WPS 或 Excel 中“另存为”.xlsx 格式", en);
  auto u = std::make_shared<Upload>();
  u->id = randomToken();
  u->fileName = fs::path(fileName).filename().string();
  u->workbook = ext == ".xlsx";
  u->dir = s.uploadDir + "/" + u->id;
  fs::create_directory(u->dir);
  u->path = u->dir + "/" + storedName(fileName, ext);
  util::writeFileAtomic(u->path, req.body, util::Durability::Deferred);
  checkUpload(s, *u);
  // Places and messages name the clerk's file, never the private copy's path (a
  // message may quote a place, as ref.duplicate-units does for the first one).
  const auto clerksName = [&u](std::string& text) {
    for (std::size_t p; (p = text.find(u->path)) != std::string::npos;)
      text.replace(p, u->path.size(), u->fileName);
  };
  diag::Diagnostics renamed;
  for (auto d : u->diags.items()) {
    if (d.where.file == u->path || d.where.file.empty()) d.where.file = u->fileName;
    for (std::string* text : {&d.message, &d.messageEn, &d.suggestion, &d.suggestionEn}) clerksName(*text);
    renamed.add(std::move(d));
  }
  u->diags = std::move(renamed);
  remember(s, u);
  // Over its budget: 422 with the located reason, as for any input the server refuses.
  return json(checkJson(s, *u), u->overBudget ? 422 : 200);
}

Response marked(Workbench::State& s, const std::shared_ptr<Upload>& u) {
  if (!u->workbook)
    return problem(400, "serve.not-workbook", "只有工作簿（.xlsx）可以标注", "only workbooks can be marked",
                   "", s.options.english);
  const auto m = mark::markWorkbook(util::readFile(u->path), u->fileName, u->diags, s.options.english);
  Response r;
  r.body = m.bytes;
  r.contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.downloadName = fs::path(u->fileName).stem().string() + "-已标注.xlsx";
  return r;
}

/// The notices to write: one appendix, every appendix alone (appendix=all), or the
/// whole notice (appendix=notice): with a notice text, 版头 to 版记 and the
/// appendices bound in (GB/T 9704 7.3.7), as `bangfu render` writes it.
struct Part {
  doc::Notice notice;
  std::string stem;
  const doc::NoticeText* text = nullptr;
};

std::vector<Part> partsOf(const doc::Notice& notice, const doc::NoticeText* text, const std::string& which) {
  std::vector<Part> parts;
  if (which == "all" || which.empty()) {
    for (const auto& a : notice.appendices) {
      doc::Notice one = notice;
      one.appendices = {a};
      parts.push_back({std::move(one), detail::safeFileName(a.fileStem)});
    }
    return parts;
  }
  if (which == "notice") {
    if (text != nullptr)
      parts.push_back(
          {notice, detail::safeFileName(notice.title.empty() ? text->title : notice.title), text});
    else
      parts.push_back({notice, detail::safeFileName("附件-" + notice.title)});
    return parts;
  }
  std::size_t used = 0;
  int n = -1;
  try {
    n = std::stoi(which, &used);
  } catch (const std::exception&) {
  }
  if (used != which.size() || n < 0 || n >= static_cast<int>(notice.appendices.size()))
    throw std::out_of_range("appendix");
  doc::Notice one = notice;
  one.appendices = {notice.appendices[static_cast<std::size_t>(n)]};
  parts.push_back(
      {std::move(one), detail::safeFileName(notice.appendices[static_cast<std::size_t>(n)].fileStem)});
  return parts;
}

/// Writes the parts in `formats` into the upload's out folder; returns (name, path) pairs.
std::vector<std::pair<std::string, std::string>> writeParts(Workbench::State& s, Upload& u,
                                                            const std::vector<Part>& parts,
                                                            const std::vector<output::Format>& formats) {
  const std::string outDir = u.dir + "/out";
  fs::create_directories(outDir);
  output::Options options;
  options.docx.epoch = options.xlsx.epoch = util::outputEpoch(u.notice->date);
  std::vector<output::Target> targets;
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& p : parts) {
    for (auto f : formats) {
      const std::string name = p.stem + output::extensionOf(f);
      targets.push_back({outDir + "/" + name, f, &p.notice, f == output::Format::Xlsx ? nullptr : p.text});
      files.emplace_back(name, outDir + "/" + name);
    }
  }
  diag::Diagnostics diags;
  output::writeAll(targets, options, diags);
  (void)s;
  if (diags.hasErrors()) throw diag::InputError(diags.items().front());
  return files;
}

Response outputs(Workbench::State& s, const std::shared_ptr<Upload>& u, const Request& req) {
  const bool en = s.options.english;
  if (!u->notice)
    return problem(409, "serve.not-rendered", "方案还有错误，改正后才能生成文件",
                   "the scheme has errors; fix them first", "按列表改正后重新拖入工作簿", en);
  const std::string format = detail::queryValue(req, "format");
  std::vector<Part> parts;
  try {
    parts = partsOf(*u->notice, u->text ? &*u->text : nullptr, detail::queryValue(req, "appendix"));
  } catch (const std::out_of_range&) {
    return problem(404, "serve.no-appendix", "没有这个附件", "no such appendix", "", en);
  }
  std::vector<output::Format> formats;
  if (format == "docx")
    formats = {output::Format::Docx};
  else if (format == "xlsx")
    formats = {output::Format::Xlsx};
  else if (format == "pdf")
    formats = {output::Format::Pdf};
  else if (format == "zip")
    formats = {output::Format::Docx, output::Format::Xlsx};
  else
    return problem(400, "serve.bad-format", "格式须为 docx、xlsx、pdf 或 zip",
                   "format must be docx, xlsx, pdf or zip", "", en);
  if (format == "zip" && detail::queryValue(req, "pdf") == "1") formats.push_back(output::Format::Pdf);
  std::lock_guard<std::mutex> lock(u->mutex);
  const auto files = writeParts(s, *u, parts, formats);
  Response r;
  if (format == "zip") {
    zip::ZipWriter zip(util::outputEpoch(u->notice->date));
    for (const auto& [name, path] : files) zip.addPart(name, util::readFile(path));
    r.body = zip.finish();
    r.contentType = "application/zip";
    r.downloadName =
        detail::safeFileName(
            "附件-" + (u->notice->title.empty() ? fs::path(u->fileName).stem().string() : u->notice->title)) +
        ".zip";
    return r;
  }
  r.body = util::readFile(files.front().second);
  r.downloadName = files.front().first;
  r.contentType = format == "docx" ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                  : format == "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                                     : "application/pdf";
  return r;
}

/// Page images of one appendix (PDF by LibreOffice, PNG by pdftoppm), made on request.
Response pages(Workbench::State& s, const std::shared_ptr<Upload>& u, const Request& req) {
  const bool en = s.options.english;
  if (!u->notice)
    return problem(409, "serve.not-rendered", "方案还有错误，改正后才能预览页面", "the scheme has errors", "",
                   en);
  const std::string which = detail::queryValue(req, "appendix");
  std::vector<Part> parts;
  try {
    parts = partsOf(*u->notice, u->text ? &*u->text : nullptr, which);
  } catch (const std::out_of_range&) {
    return problem(404, "serve.no-appendix", "没有这个附件", "no such appendix", "", en);
  }
  if (parts.size() != 1)
    return problem(400, "serve.no-appendix", "请指定一个附件", "name one appendix", "", en);
  std::lock_guard<std::mutex> lock(u->mutex);
  const std::string prefix = u->dir + "/out/page-" + which;
  std::vector<std::string> images;
  for (int k = 1;; ++k) {
    const std::string png = prefix + "-" + std::to_string(k) + ".png";
    if (!fs::exists(png)) break;
    images.push_back(png);
  }
  if (images.empty()) {
    const auto files = writeParts(s, *u, parts, {output::Format::Pdf});
    images = pdf::renderPng(files.front().second, prefix, kPageDpi);
  }
  const std::string page = detail::queryValue(req, "page");
  if (page.empty()) {
    Object::Ptr o = new Object;
    o->set("pages", static_cast<int>(images.size()));
    return json(o);
  }
  std::size_t used = 0;
  int n = 0;
  try {
    n = std::stoi(page, &used);
  } catch (const std::exception&) {
  }
  if (used != page.size() || n < 1 || n > static_cast<int>(images.size()))
    return problem(404, "serve.no-page", "没有这一页", "no such page", "", en);
  Response r;
  r.contentType = "image/png";
  r.body = util::readFile(images[static_cast<std::size_t>(n - 1)]);
  return r;
}

Response names(Workbench::State& s, const Request& req) {
  const bool en = s.options.english;
  if (req.bodyTooLarge || req.body.size() > s.options.limits.maxNamesBytes)
    return problem(413, "serve.too-large", "名单过长（上限 1 MB）", "the list is too long (1 MB)", "分批排序",
                   en);
  const std::string order = detail::queryValue(req, "order");
  if (order != "stroke" && order != "pinyin")
    return problem(400, "serve.bad-order", "排序方式须为按姓氏笔画或按拼音", "order must be stroke or pinyin",
                   "", en);
  std::string storage, encoding;
  const std::string_view text = io::decodeText(
      req.body, "名单",
      {"names.bad-encoding", "粘贴文字，或把文件另存为 UTF-8", "paste the text, or save the file as UTF-8"},
      storage, encoding);
  diag::Diagnostics diags;
  const auto sorted = text::sortPastedNames(
      text::splitPastedNames(text), order == "pinyin" ? text::NameOrder::Pinyin : text::NameOrder::Stroke,
      "名单", diags);
  Array::Ptr list = new Array;
  std::vector<std::string> plain;
  for (const auto& n : sorted) {
    Object::Ptr o = new Object;
    o->set("name", n.name);
    o->set("padded", text::padName(n.name));
    o->set("duplicate", n.duplicate);
    o->set("line", n.line);
    list->add(o);
    plain.push_back(n.name);
  }
  int perLine = 4;
  try {
    const std::string v = detail::queryValue(req, "perLine");
    if (!v.empty()) perLine = std::clamp(std::stoi(v), 1, 20);
  } catch (const std::exception&) {
  }
  std::string lines;
  for (const auto& l : text::nameListLines(plain, perLine)) lines += l + "\n";
  Object::Ptr o = new Object;
  o->set("names", list);
  o->set("text", lines);
  o->set("diagnostics", detail::diagnosticsJson(diags, en));
  return json(o);
}

Response route(Workbench::State& s, const Request& req) {
  const bool en = s.options.english;
  if (!hostAllowed(s, header(req, "host")))
    return forbidden(s, "拒绝访问：地址不是本机（Host 头不符）",
                     "forbidden: the Host header is not this machine");
  if (req.path == "/" || req.path == "/index.html") {
    if (!sameToken(detail::queryValue(req, "token"), s.options.token))
      return forbidden(s, "请使用 bangfu serve 启动时打印的完整地址（含 token）打开本页",
                       "open the page with the full address bangfu serve printed (with its token)");
    return page(s);
  }
  if (req.path == "/favicon.ico") {
    Response r;
    r.status = 204;
    r.contentType = "image/x-icon";
    return r;
  }
  const std::string given = header(req, "x-bangfu-token");
  if (req.method == "POST") {
    // CSRF: a form or script of another site cannot send this header, and its Origin differs.
    if (!sameToken(given, s.options.token) || !originAllowed(s, header(req, "origin")))
      return forbidden(s, "拒绝访问：请求缺少本页的令牌或来自其他网页",
                       "forbidden: missing token or foreign origin");
  } else if (req.method == "GET") {
    if (!sameToken(given.empty() ? detail::queryValue(req, "token") : given, s.options.token))
      return forbidden(s, "拒绝访问：令牌不符，请用启动时打印的地址重新打开", "forbidden: wrong token");
    // A download link of another site: the browser says where it came from.
    const std::string site = header(req, "sec-fetch-site");
    if (!site.empty() && site != "same-origin" && site != "none")
      return forbidden(s, "拒绝访问：请求来自其他网页", "forbidden: cross-site request");
  } else {
    return problem(405, "serve.method", "不支持的请求方法", "method not allowed", "", en);
  }

  if (req.method == "GET" && req.path == "/api/plugins") return plugins(s);
  if (req.method == "GET" && req.path == "/api/blank") return blankWorkbook(s, req);
  if (req.method == "POST" && req.path == "/api/check") return check(s, req);
  if (req.method == "POST" && req.path == "/api/names") return names(s, req);
  if (req.method == "GET" &&
      (req.path == "/api/marked" || req.path == "/api/output" || req.path == "/api/pages")) {
    const auto u = s.upload(detail::queryValue(req, "id"));
    if (!u)
      return problem(404, "serve.unknown-upload", "找不到这次上传（可能已过期或服务已重启）",
                     "unknown or expired upload", "重新拖入文件", en);
    if (req.path == "/api/marked") return marked(s, u);
    if (req.path == "/api/output") return outputs(s, u, req);
    return pages(s, u, req);
  }
  if (auto r = detail::projectRoute(s, req)) return *r;
  return problem(404, "serve.not-found", "没有这个页面", "not found", "", en);
}

}  // namespace

Response Workbench::handle(const Request& request) {
  State& s = *state_;
  const bool en = s.options.english;
  try {
    return route(s, request);
  } catch (const diag::InputError& e) {
    return detail::problemFrom(422, e.diagnostic(), en);
  } catch (const pdf::PdfUnavailable& e) {
    return problem(503, "serve.pdf-unavailable", e.what(), e.english(),
                   "安装 LibreOffice 后重试；DOCX、XLSX 不受影响", en);
  } catch (const pdf::ConvertError& e) {
    return problem(503, "serve.convert-failed", e.what(), e.english(), "稍后重试", en);
  } catch (const plugin::PluginError& e) {
    return problem(503, "serve.plugin", std::string("插件出错：") + e.what(), e.english(), "", en);
  } catch (const std::exception& e) {
    return problem(503, "serve.internal", std::string("处理失败：") + e.what(),
                   std::string("failed: ") + e.what(), "重试；若仍失败，请把这条信息告诉维护人员", en);
  } catch (...) {
    return problem(503, "serve.internal", "处理失败", "failed", "", en);
  }
}

}  // namespace bangfu::serve
