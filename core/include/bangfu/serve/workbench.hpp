#pragma once
/// `bangfu serve`: the clerk's workbench, a local web page for the whole job. The
/// Workbench answers requests without any socket (the unit tests drive it
/// directly); bangfu/serve/server.hpp puts it on 127.0.0.1 with Poco::Net.
///
/// Safety contract (docs/serve.md "Safety"):
///  - every request must carry the token made at start (the page gets it from
///    the printed URL; API calls send it as X-Bangfu-Token, downloads and the
///    event stream as ?token=); a wrong or missing token is 403;
///  - state-changing requests (POST) need the header itself, which no other web
///    page can send without a CORS preflight this server never grants, and an
///    Origin, when sent, that is this server (CSRF);
///  - the Host header must be 127.0.0.1:PORT, localhost:PORT or [::1]:PORT, so a
///    rebound DNS name cannot reach the server from a web page (DNS rebinding);
///  - uploads are capped (Limits) and stored in a private 0700 folder, removed
///    when the Workbench is destroyed; requests name uploads by random id and
///    project schemes by index, never by path, so nothing outside PROJECT_DIR or
///    that folder can be reached;
///  - bad input is answered with the CLI's located diagnostics as JSON, never a
///    stack trace.
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace bangfu::serve {

/// The build's default budget (Limits::buildSeconds, buildMemoryBytes): 30 minutes
/// of wall clock, and 4 GB of address space per process (LibreOffice maps about
/// 1.5 GB on its own; a plugin render of a province stays far below).
inline constexpr int kDefaultBuildSeconds = 30 * 60;
inline constexpr std::size_t kDefaultBuildMemoryBytes = std::size_t{4096} << 20;

struct Limits {
  std::size_t maxUploadBytes = 32u << 20;  ///< a province's workbook is a few MB
  std::size_t maxNamesBytes = 1u << 20;    ///< a pasted list of names
  /// Inflated size a workbook may declare: the memory budget of one check (the
  /// model of a province's scheme is a few MB; four workers at once stay far
  /// below 200 MiB).
  std::size_t maxInflatedBytes = 64u << 20;
  std::size_t keptUploads = 32;  ///< older uploads are dropped (files removed)
  int convertSeconds = 120;      ///< LibreOffice deadline for one PDF
  /// The budget of one check (load, rules, notice text, render) in its worker
  /// process (bangfu/worker/bounded.hpp): a province's scheme checks in well under a
  /// second, and its worker peaks far below the cap (docs/serve.md "Limits").
  int checkSeconds = 60;
  std::size_t checkMemoryBytes = std::size_t{512} << 20;
  /// The budget of one project build started from the page, in its worker process
  /// (`__build-worker`; its render workers and LibreOffice inherit the address-space
  /// cap, each process on its own). Generous: the three seed schemes build in a
  /// few seconds, a province's PDFs in minutes (docs/serve.md "Limits").
  int buildSeconds = kDefaultBuildSeconds;
  std::size_t buildMemoryBytes = kDefaultBuildMemoryBytes;
};

struct Options {
  std::string projectDir;  ///< empty: no project
  int port = 0;            ///< the port the server listens on (for the Host and Origin checks)
  std::string token;       ///< empty: a random one is made
  Limits limits;
  bool english = false;  ///< messages in English (LANG=en_*)
};

struct Request {
  std::string method;  ///< GET, POST
  std::string path;    ///< without the query
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  ///< names in lower case
  std::string body;
  bool bodyTooLarge = false;  ///< the server stopped reading at the cap
};

struct Response {
  int status = 200;
  std::string contentType = "application/json; charset=utf-8";
  std::string body;
  std::string downloadName;  ///< set: Content-Disposition: attachment with this UTF-8 name
  /// Set: the body is streamed (server-sent events); called with the open stream.
  std::function<void(std::ostream&)> stream;
};

class Workbench {
 public:
  /// Makes the private upload folder; throws std::runtime_error when it cannot.
  explicit Workbench(Options options);
  ~Workbench();
  Workbench(const Workbench&) = delete;
  Workbench& operator=(const Workbench&) = delete;

  /// Answers one request; never throws. Safe to call from several threads.
  Response handle(const Request& request);

  [[nodiscard]] const std::string& token() const;
  [[nodiscard]] const std::string& uploadDir() const;
  /// The URL to print: http://127.0.0.1:PORT/?token=…
  [[nodiscard]] std::string url() const;

  struct State;  // defined in serve/state.hpp

 private:
  std::unique_ptr<State> state_;
};

/// The hidden subcommand that runs one check in a worker process with its budget
/// (`bangfu __check-worker --seconds S --address-space N`), and its body.
inline constexpr const char* kCheckWorkerCommand = "__check-worker";
int runCheckWorker(const std::vector<std::string>& args);

/// The hidden subcommand that runs one project build from the page with its budget
/// (`bangfu __build-worker --seconds S --address-space N`), and its body; its
/// progress is posted back as it goes.
inline constexpr const char* kBuildWorkerCommand = "__build-worker";
int runBuildWorker(const std::vector<std::string>& args);

/// The hidden subcommand that makes one 变更对照表 with the check's budget
/// (`bangfu __diff-worker --seconds S --address-space N`), and its body.
inline constexpr const char* kDiffWorkerCommand = "__diff-worker";
int runDiffWorker(const std::vector<std::string>& args);

/// A random token (32 hex digits from the OS's CSPRNG).
std::string randomToken(std::size_t bytes = 16);

}  // namespace bangfu::serve
