// bangfu serve [PROJECT_DIR] [--port N] [--open]: the clerk's workbench, a local
// web page (docs/serve.md). Listens on 127.0.0.1 only, prints the address with its
// token (as Jupyter does), and runs until Ctrl-C or SIGTERM; the upload folder is
// removed on the way out.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <thread>

#include "bangfu/batch/project.hpp"
#include "bangfu/serve/server.hpp"
#include "commands.hpp"

extern char** environ;

namespace bangfu::cli {

namespace {

/// Opens the page in the desktop's browser with xdg-open, where there is one. Not
/// waited for here: xdg-open may stay until the browser exits, and Ctrl-C must still
/// stop the server. A failure is reported when it happens.
bool openBrowser(const std::string& url, bool en) {
  for (const char* dir : {"/usr/bin/", "/usr/local/bin/", "/bin/"}) {
    const std::string tool = std::string(dir) + "xdg-open";
    if (::access(tool.c_str(), X_OK) != 0) continue;
    pid_t pid = 0;
    char* const args[] = {const_cast<char*>(tool.c_str()), const_cast<char*>(url.c_str()), nullptr};
    if (posix_spawn(&pid, tool.c_str(), nullptr, nullptr, args, environ) != 0) return false;
    std::thread([pid, en] {
      int status = 0;
      ::waitpid(pid, &status, 0);
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        std::cerr << (en ? "could not open a browser; open the address above yourself\n"
                         : "无法自动打开浏览器：请自己在浏览器中打开上面的地址\n");
    }).detach();
    return true;
  }
  return false;
}

}  // namespace

int runServe(const std::vector<std::string>& argv) {
  Poco::Util::OptionSet options;
  options.addOption(Poco::Util::Option("port", "P", "port on 127.0.0.1 (default: a free one)").argument("N"));
  options.addOption(Poco::Util::Option("open", "O", "open the page in the browser (xdg-open)"));
  const Args args = parseArgs(argv, options);
  if (args.positional.size() > 1)
    throw UsageError("最多一个项目文件夹（PROJECT_DIR）", "at most one PROJECT_DIR");
  const bool en = englishLocale();
  serve::Options o;
  o.english = en;
  if (args.has("port")) {
    const std::string v = args.get("port");
    std::size_t used = 0;
    int port = -1;
    try {
      port = std::stoi(v, &used);
    } catch (const std::exception&) {
    }
    if (used != v.size() || port < 0 || port > 65535)
      throw UsageError("--port 应为 0 到 65535 的数，而不是“" + v + "”",
                       "--port must be a number from 0 to 65535, not '" + v + "'");
    o.port = port;
  }
  // The check and build budgets, for an administrator and the tests (docs/serve.md "Limits").
  // A value that is no positive number is a usage error, never silently ignored.
  for (const auto& [name, set] :
       {std::pair<const char*, std::function<void(long)>>{
            "BANGFU_SERVE_CHECK_SECONDS", [&o](long v) { o.limits.checkSeconds = static_cast<int>(v); }},
        {"BANGFU_SERVE_CHECK_MEMORY_MB",
         [&o](long v) { o.limits.checkMemoryBytes = static_cast<std::size_t>(v) << 20; }},
        {"BANGFU_SERVE_BUILD_SECONDS", [&o](long v) { o.limits.buildSeconds = static_cast<int>(v); }},
        {"BANGFU_SERVE_BUILD_MEMORY_MB",
         [&o](long v) { o.limits.buildMemoryBytes = static_cast<std::size_t>(v) << 20; }}}) {
    const char* text = std::getenv(name);
    if (text == nullptr || *text == '\0') continue;
    char* end = nullptr;
    const long v = std::strtol(text, &end, 10);
    if (*end != '\0' || v <= 0 || v > 1000000)
      throw UsageError(std::string(name) + " 须为正整数（收到“" + text + "”）",
                       std::string(name) + " must be a positive whole number (got \"" + text + "\")");
    set(v);
  }
  if (!args.positional.empty()) {
    const std::string dir = args.positional.front();
    (void)batch::loadProject(dir);  // an unreadable project is bad input (exit 1) before anything listens
    o.projectDir = std::filesystem::absolute(dir).string();
  }
  // SIGINT and SIGTERM are taken by sigwait below; blocked before the server's
  // threads start, so none of them is interrupted instead.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a closed tab must not end the server

  std::unique_ptr<serve::Server> server;
  try {
    server = std::make_unique<serve::Server>(o);
  } catch (const std::runtime_error& e) {
    std::cerr << "bangfu serve: " << e.what() << '\n';
    return kInternal;
  }
  std::cout << (en ? "bangfu workbench: open this address in the browser (Chromium, Firefox):\n"
                   : "bangfu 工作台已启动。在浏览器（Chromium、Firefox）中打开下面的地址：\n")
            << "    " << server->url() << '\n'
            << (en ? "Press Ctrl-C to stop; uploaded files are removed then.\n"
                   : "按 Ctrl-C 结束；结束时上传的文件随之删除。\n")
            << std::flush;
  if (!o.projectDir.empty()) std::cout << (en ? "project: " : "项目：") << o.projectDir << '\n' << std::flush;
  if (args.has("open") && !openBrowser(server->url(), en))
    std::cerr << (en ? "no xdg-open here; open the address above in the browser yourself\n"
                     : "本机没有 xdg-open，无法自动打开浏览器：请自己打开上面的地址\n");
  int sig = 0;
  sigwait(&stop, &sig);
  std::cout << (en ? "stopping\n" : "正在停止\n") << std::flush;
  server.reset();
  return kOk;
}

}  // namespace bangfu::cli
