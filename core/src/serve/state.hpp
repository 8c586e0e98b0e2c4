#pragma once
// The workbench's state and the helpers its handlers share (private to serve).
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/doc/document.hpp"
#include "bangfu/doc/notice_text.hpp"
#include "bangfu/plugin/host.hpp"
#include "bangfu/serve/workbench.hpp"
#include "bangfu/worker/bounded.hpp"
#include "serve/check_job.hpp"

namespace bangfu::serve {

/// One uploaded workbook or scheme, checked once, rendered on demand.
struct Upload {
  std::string id;        ///< random hex: the only name a request uses
  std::string fileName;  ///< the clerk's file name, for messages and downloads
  std::string dir;       ///< inside the private upload folder
  std::string path;      ///< the stored copy
  bool workbook = false;
  diag::Diagnostics diags;
  std::optional<doc::Notice> notice;    ///< rendered when there were no errors
  std::optional<doc::NoticeText> text;  ///< the notice itself (版头 to 版记), when the scheme has one
  bool overBudget = false;              ///< the check was stopped at its time or memory limit
  std::mutex mutex;                     ///< one output generation at a time per upload
};

struct Workbench::State {
  Options options;
  std::string uploadDir;
  std::mutex uploadsMutex;
  std::map<std::string, std::shared_ptr<Upload>> uploads;
  std::deque<std::string> order;  ///< oldest first, for Limits::keptUploads
  std::mutex hostMutex;
  plugin::PluginHost host;
  bool discovered = false;
  std::mutex buildMutex;    ///< one build at a time from this server (two tabs)
  std::mutex projectMutex;  ///< scheme replacement vs. listing

  /// The plugin by id, discovering once. Throws plugin::PluginError.
  const plugin::JurisdictionPlugin& plugin(const std::string& id);
  std::vector<plugin::PluginInfo> plugins();
  std::shared_ptr<Upload> upload(const std::string& id);
};

namespace detail {

/// Chinese unless the workbench runs under an English locale.
inline std::string say(const Workbench::State& s, const std::string& zh, const std::string& en) {
  return s.options.english ? en : zh;
}

Response json(const Poco::JSON::Object::Ptr& object, int status = 200);
/// A located problem as the page shows it: place (团组!E3), severity, code, message, fix.
Poco::JSON::Object::Ptr diagnosticJson(const diag::Diagnostic& d, bool english);
/// Diagnostics grouped by sheet (workbook order of first appearance), with counts.
Poco::JSON::Object::Ptr diagnosticsJson(const diag::Diagnostics& diags, bool english);
/// An answer that carries one diagnostic, with an HTTP status (400, 404, 409, 413, 503).
Response problem(int status, const std::string& code, const std::string& zh, const std::string& en,
                 const std::string& suggestion, bool english);
Response problemFrom(int status, const diag::Diagnostic& d, bool english);

/// A file name an office uses: no path separators or characters Windows rejects.
std::string safeFileName(std::string name);
std::string readFile(const std::string& path);
/// A value of the query, empty when missing.
std::string queryValue(const Request& r, const std::string& key);
bool isHexId(const std::string& id);

/// The appendix as HTML from the document model: the same columns, merges, 合计,
/// 说明 and name lists as the DOCX. Every text is escaped.
std::string appendixHtml(const doc::Appendix& appendix);
std::string escapeHtml(const std::string& text);
/// The notice itself as HTML, 版头 to 版记 (7.2 to 7.4), every text escaped.
std::string noticeHtml(const doc::NoticeText& text);

/// Runs one check (check_job.hpp) in a worker process with the check's budget
/// (Limits::checkSeconds, checkMemoryBytes), so a hostile upload that takes too
/// long or too much memory stops its own worker and the other requests go on;
/// in-process where there is no worker executable. Throws worker::BudgetExceeded.
CheckOutcome runChecked(Workbench::State& state, const CheckInput& input);
/// A check stopped at its budget as one located error (serve.time-limit,
/// serve.memory-limit, serve.check-crashed) naming the clerk's file.
diag::Diagnostic overCheckBudget(const worker::BudgetExceeded& e, const std::string& path,
                                 const std::string& fileName);

/// The project routes (project.cpp): /api/project, /api/project/output,
/// /api/build, /api/scheme, /api/diff. Returns nullopt for other paths.
std::optional<Response> projectRoute(Workbench::State& state, const Request& request);

}  // namespace detail
}  // namespace bangfu::serve
