#include "bangfu/pdf/convert.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "bangfu/diag/diagnostic.hpp"
#include "pdf/normalize.hpp"
#include "pdf/process.hpp"

namespace fs = std::filesystem;

namespace bangfu::pdf {

namespace {

/// ConvertOptions::timeoutSeconds == 0: a cold LibreOffice start with a fresh
/// profile measured 2 s here (docs/pdf.md); a slow CI runner may take 10x.
constexpr int kBaseTimeoutSeconds = 60;
constexpr int kPerFileTimeoutSeconds = 20;
/// The largest $BANGFU_PDF_TIMEOUT: a day.
constexpr int kMaxTimeoutSeconds = 86400;
/// A staging folder's name, as util::isTemporaryName knows it (a killed run's is
/// removed by the next build of that output folder); mkdtemp fills the XXXXXX.
constexpr const char* kStagePrefix = ".bangfu-stage-";
/// Where Debian and the upstream tarballs put the launcher when it is not on PATH.
constexpr const char* kSofficeFallbacks[] = {"/usr/lib/libreoffice/program/soffice",
                                             "/opt/libreoffice/program/soffice"};
constexpr int kMinDpi = 1;
constexpr int kMaxDpi = 2400;

std::string lowerExtension(const fs::path& p) {
  std::string ext = p.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

bool isSpreadsheet(const std::string& ext) {
  return ext == ".xlsx" || ext == ".xls" || ext == ".ods" || ext == ".csv";
}

/// file:// URL for -env:UserInstallation: RFC 3986 unreserved characters and '/'
/// stay, every other byte is percent-encoded (TMPDIR may hold spaces or CJK).
std::string fileUrl(const std::string& absPath) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string url = "file://";
  for (const unsigned char c : absPath) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      url += static_cast<char>(c);
    } else {
      url += '%';
      url += kHex[c >> 4U];
      url += kHex[c & 0xFU];
    }
  }
  return url;
}

std::string exeDir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

std::string envOr(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string withLog(const std::string& message, const std::string& log) {
  return log.empty() ? message : message + "\n" + log;
}

PdfUnavailable noLibreOffice(const std::string& configured, bool spreadsheet,
                             const std::string& reason = {}) {
  // libreoffice-writer-nogui opens DOCX; XLSX needs Calc (libreoffice-calc-nogui).
  const std::string pkgs =
      spreadsheet ? "libreoffice-writer-nogui libreoffice-calc-nogui" : "libreoffice-writer-nogui";
  std::string zhWhere;
  std::string enWhere;
  if (!configured.empty()) {
    zhWhere = "（" + configured + (reason.empty() ? " 不存在或不可执行" : "：" + reason) + "）";
    enWhere =
        " (" + configured + (reason.empty() ? " does not exist or is not executable" : ": " + reason) + ")";
  }
  return PdfUnavailable(
      "未找到 LibreOffice" + zhWhere + "：请安装 " + pkgs + "（apt-get install -y " + pkgs + "）",
      "LibreOffice not found" + enWhere + ": install " + pkgs + " (apt-get install -y " + pkgs + ")");
}

void requireInput(const std::string& path, const char* what) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec) && ::access(path.c_str(), R_OK) == 0) return;
  diag::Diagnostic d;
  d.severity = diag::Severity::Error;
  d.code = "pdf.input-missing";
  d.where.file = path;
  d.message = std::string("找不到或无法读取要转换的") + (what[0] == 'P' ? "PDF" : "文件");
  d.messageEn = std::string("cannot read the ") + what + " to convert";
  d.suggestion = "检查路径是否正确";
  d.suggestionEn = "check the path";
  throw diag::InputError(std::move(d));
}

fs::path normalOutput(const std::string& p) { return fs::absolute(fs::path(p)).lexically_normal(); }

/// Writes every (path, bytes) pair atomically, creating parent folders. Called
/// only once all bytes are in hand, so a failed conversion writes nothing.
std::vector<util::WriteResult> commitAll(const std::vector<std::pair<std::string, std::string>>& files,
                                         util::Durability durability = util::Durability::SyncEachFile) {
  std::vector<util::WriteResult> results;
  for (const auto& [path, bytes] : files) {
    const fs::path parent = fs::path(path).parent_path();
    if (!parent.empty()) fs::create_directories(parent);
    results.push_back(util::writeFileAtomic(path, bytes, durability));
  }
  return results;
}

/// ConvertOptions::timeoutSeconds, else $BANGFU_PDF_TIMEOUT, else the default for `files` files.
int timeoutFor(const ConvertOptions& options, std::size_t files) {
  if (options.timeoutSeconds > 0) return options.timeoutSeconds;
  const std::string text = envOr("BANGFU_PDF_TIMEOUT");
  if (text.empty()) return kBaseTimeoutSeconds + kPerFileTimeoutSeconds * static_cast<int>(files);
  char* end = nullptr;
  const long seconds = std::strtol(text.c_str(), &end, 10);
  if (*end != '\0' || seconds < 1 || seconds > kMaxTimeoutSeconds) {
    throw ConvertError("环境变量 BANGFU_PDF_TIMEOUT 应为 1 到 " + std::to_string(kMaxTimeoutSeconds) +
                           " 之间的秒数，而不是“" + text + "”；请改正或删去它（删去即用默认时限）",
                       "BANGFU_PDF_TIMEOUT must be a number of seconds from 1 to " +
                           std::to_string(kMaxTimeoutSeconds) + ", not '" + text +
                           "'; correct it or unset it (the default limit then applies)");
  }
  return static_cast<int>(seconds);
}

}  // namespace

PdfUnavailable::PdfUnavailable(const std::string& zh, std::string en)
    : std::runtime_error(zh), en_(std::move(en)) {}

ConvertError::ConvertError(const std::string& zh, std::string en, bool timedOut)
    : std::runtime_error(zh), en_(std::move(en)), timedOut_(timedOut) {}

std::string findFontsConf() {
  std::vector<fs::path> candidates;
  if (const std::string dir = envOr("BANGFU_FONTS_DIR"); !dir.empty())
    candidates.emplace_back(fs::path(dir) / "fonts.conf");
  if (const std::string dir = exeDir(); !dir.empty()) {
    candidates.emplace_back(fs::path(dir) / ".." / "share" / "bangfu" / "fonts" / "fonts.conf");
  }
#ifdef BANGFU_SOURCE_DIR
  candidates.emplace_back(fs::path(BANGFU_SOURCE_DIR) / "fonts" / "fonts.conf");
#endif
  for (const auto& c : candidates) {
    std::error_code ec;
    if (fs::is_regular_file(c, ec)) return fs::absolute(c).lexically_normal().string();
  }
  return {};
}

std::string findSoffice(const std::string& configured) {
  std::string wanted = configured.empty() ? envOr("BANGFU_SOFFICE") : configured;
  // An explicit choice is honoured or reported, never silently replaced.
  if (!wanted.empty()) return detail::findExecutable(wanted);
  for (const char* name : {"soffice", "libreoffice"}) {
    if (std::string found = detail::findExecutable(name); !found.empty()) return found;
  }
  for (const char* path : kSofficeFallbacks) {
    if (::access(path, X_OK) == 0) return path;
  }
  return {};
}

std::string requireSoffice(const std::string& configured, bool spreadsheets) {
  std::string soffice = findSoffice(configured);
  if (soffice.empty())
    throw noLibreOffice(configured.empty() ? envOr("BANGFU_SOFFICE") : configured, spreadsheets);
  return soffice;
}

ConvertResult convert(const std::vector<PdfJob>& jobs, const ConvertOptions& options) {
  ConvertResult result;
  // Absolute: fontconfig resolves a relative FONTCONFIG_FILE against its own
  // configuration folder, not the working directory.
  result.fontsConf = options.fontsConf.empty() ? findFontsConf() : fs::absolute(options.fontsConf).string();
  if (jobs.empty()) return result;

  bool spreadsheet = false;
  std::set<fs::path> seen;
  for (const auto& job : jobs) {
    if (!job.bytes) requireInput(job.input, "file");
    spreadsheet = spreadsheet || isSpreadsheet(lowerExtension(job.input));
    if (!seen.insert(normalOutput(job.output)).second) {
      throw std::invalid_argument("两个转换任务写同一个文件 / two conversions write the same file: " +
                                  job.output);
    }
  }
  if (!options.fontsConf.empty() && !fs::is_regular_file(options.fontsConf)) {
    throw PdfUnavailable(
        "找不到字体配置文件 " + options.fontsConf + "；请检查 BANGFU_FONTS_DIR 或重新安装 bangfu",
        "fontconfig file not found: " + options.fontsConf + "; check BANGFU_FONTS_DIR or reinstall bangfu");
  }
  const int timeout = timeoutFor(options, jobs.size());
  const std::string soffice = requireSoffice(options.soffice, spreadsheet);

  detail::TempDir tmp("bangfu-lo-");
  const fs::path profile = fs::path(tmp.path()) / "profile";
  const std::string log = (fs::path(tmp.path()) / "soffice.log").string();
  // One flat folder for the inputs and LibreOffice's PDFs (0.docx → 0.pdf), so
  // what a killed run leaves in an output folder is one staging folder of
  // regular files, which the next build's clean-up removes.
  std::optional<detail::TempDir> ownStage;
  if (!options.stageIn.empty()) ownStage.emplace(kStagePrefix, options.stageIn);
  const fs::path stage = ownStage ? fs::path(ownStage->path()) : fs::path(tmp.path()) / "stage";
  fs::create_directories(stage);

  // Inputs are staged as <index><ext>: LibreOffice names each PDF after its
  // input's stem, so two inputs a/x.docx and b/x.docx (or x.docx and x.xlsx)
  // would overwrite each other, and a name starting with '-' would read as an
  // option. The extension stays so LibreOffice picks the right import filter.
  std::vector<std::string> argv = {
      soffice, "--headless", "--norestore", "--nolockcheck", "--nologo", "--nodefault",
      "-env:UserInstallation=" + fileUrl(fs::absolute(profile).string()), "--convert-to",
      // Keep the blank page LibreOffice inserts before an
      // even-page section (the 版记 of a whole notice, GB/T
      // 9704-2012 7.4): without it a duplex print puts the
      // 版记 on an odd side.
      R"(pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}})", "--outdir",
      stage.string()};
  std::vector<fs::path> expected;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const fs::path staged = stage / (std::to_string(i) + lowerExtension(jobs[i].input));
    if (jobs[i].bytes) {
      util::writeFileAtomic(staged.string(), *jobs[i].bytes, util::Durability::Deferred);
    } else {
      fs::copy_file(jobs[i].input, staged);
    }
    argv.push_back(staged.string());
    expected.push_back(stage / (std::to_string(i) + ".pdf"));
  }

  std::vector<std::pair<std::string, std::string>> env = {{"TZ", "UTC"}};
  if (!result.fontsConf.empty()) env.emplace_back("FONTCONFIG_FILE", result.fontsConf);

  detail::ProcessResult run;
  try {
    run = detail::runProcess(argv, env, timeout, log);
  } catch (const detail::SpawnError& e) {
    throw noLibreOffice(soffice, spreadsheet, std::strerror(e.code));
  }
  const std::string tail = detail::logTail(log);
  if (run.timedOut) {
    throw ConvertError(
        withLog("LibreOffice 在 " + std::to_string(timeout) + " 秒内未完成转换，已终止（" + soffice + "）",
                tail),
        withLog("LibreOffice did not finish within " + std::to_string(timeout) + " s and was killed (" +
                    soffice + ")",
                tail),
        true);
  }
  if (run.signaled || run.exitCode != 0) {
    const std::string how =
        run.signaled ? "signal " + std::to_string(run.signal) : "exit " + std::to_string(run.exitCode);
    throw ConvertError(withLog("LibreOffice 转换失败（" + how + "）", tail),
                       withLog("LibreOffice failed (" + how + ")", tail));
  }

  std::vector<std::pair<std::string, std::string>> files;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    std::error_code ec;
    if (!fs::is_regular_file(expected[i], ec) || fs::file_size(expected[i], ec) == 0) {
      // LibreOffice exits 0 when it cannot load a file; the missing PDF is the signal.
      throw ConvertError(
          withLog("LibreOffice 未能转换 " + jobs[i].input + "（文件损坏或格式不支持？）", tail),
          withLog("LibreOffice did not convert " + jobs[i].input + " (damaged or unsupported file?)", tail));
    }
    std::string bytes = util::readFile(expected[i].string());
    detail::normalizePdf(bytes, jobs[i].epoch.value_or(options.epoch));
    files.emplace_back(jobs[i].output, std::move(bytes));
  }
  result.results = commitAll(files, options.durability);
  result.outputs.reserve(files.size());
  for (const auto& f : files) result.outputs.push_back(f.first);
  return result;
}

ConvertResult convertToPdf(const std::vector<std::string>& docxOrXlsxPaths, const std::string& outDir,
                           const ConvertOptions& options) {
  std::vector<PdfJob> jobs;
  std::map<std::string, std::string> byStem;
  for (const auto& in : docxOrXlsxPaths) {
    const std::string stem = fs::path(in).stem().string();
    if (auto [it, fresh] = byStem.emplace(stem, in); !fresh) {
      throw std::invalid_argument("两个输入同名，PDF 会互相覆盖 / two inputs would both become " + stem +
                                  ".pdf: " + it->second + ", " + in);
    }
    jobs.push_back({in, (fs::path(outDir) / (stem + ".pdf")).string()});
  }
  return convert(jobs, options);
}

std::vector<std::string> renderPng(const std::string& pdfPath, const std::string& outPrefix, int dpi,
                                   const PngOptions& options) {
  if (dpi < kMinDpi || dpi > kMaxDpi) throw std::invalid_argument("dpi out of range: " + std::to_string(dpi));
  if (outPrefix.empty() || fs::path(outPrefix).filename().empty()) {
    throw std::invalid_argument("PNG 输出前缀为空 / empty PNG output prefix");
  }
  requireInput(pdfPath, "PDF");
  const std::string configured = options.pdftoppm.empty() ? envOr("BANGFU_PDFTOPPM") : options.pdftoppm;
  const std::string tool = detail::findExecutable(configured.empty() ? "pdftoppm" : configured);
  const std::string hint = "poppler-utils（apt-get install -y poppler-utils）";
  if (tool.empty()) {
    throw PdfUnavailable(
        "未找到 pdftoppm" + (configured.empty() ? "" : "（" + configured + "）") + "：请安装 " + hint,
        "pdftoppm not found" + (configured.empty() ? "" : " (" + configured + ")") +
            ": install poppler-utils (apt-get install -y poppler-utils)");
  }

  detail::TempDir tmp("bangfu-png-");
  const std::string log = (fs::path(tmp.path()) / "pdftoppm.log").string();
  const std::string tmpPrefix = (fs::path(tmp.path()) / "page").string();
  detail::ProcessResult run;
  try {
    run = detail::runProcess({tool, "-png", "-r", std::to_string(dpi), pdfPath, tmpPrefix}, {},
                             options.timeoutSeconds, log);
  } catch (const detail::SpawnError& e) {
    throw PdfUnavailable("无法运行 pdftoppm（" + std::string(e.what()) + "）：请安装 " + hint,
                         std::string("cannot run pdftoppm (") + e.what() +
                             "): install poppler-utils (apt-get install -y poppler-utils)");
  }
  const std::string tail = detail::logTail(log);
  if (run.timedOut || run.signaled || run.exitCode != 0) {
    const std::string how = run.timedOut   ? "timeout " + std::to_string(options.timeoutSeconds) + " s"
                            : run.signaled ? "signal " + std::to_string(run.signal)
                                           : "exit " + std::to_string(run.exitCode);
    throw ConvertError(withLog("pdftoppm 生成预览失败（" + how + "）：" + pdfPath, tail),
                       withLog("pdftoppm failed (" + how + "): " + pdfPath, tail), run.timedOut);
  }

  // pdftoppm writes page-<N>.png, N padded to the width of the page count.
  std::map<long, std::string> pages;
  for (const auto& entry : fs::directory_iterator(tmp.path())) {
    const std::string name = entry.path().filename().string();
    if (name.size() <= 9 || name.rfind("page-", 0) != 0 || entry.path().extension() != ".png") continue;
    const std::string digits = name.substr(5, name.size() - 9);
    if (!std::all_of(digits.begin(), digits.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
      continue;
    }
    pages.emplace(std::stol(digits), digits);
  }
  if (pages.empty()) {
    throw ConvertError(withLog("pdftoppm 没有生成任何页面：" + pdfPath, tail),
                       withLog("pdftoppm produced no pages: " + pdfPath, tail));
  }

  std::vector<std::pair<std::string, std::string>> files;
  std::set<std::string> fresh;
  for (const auto& [number, digits] : pages) {
    const std::string target = outPrefix + "-" + digits + ".png";
    files.emplace_back(target, util::readFile((fs::path(tmp.path()) / ("page-" + digits + ".png")).string()));
    fresh.insert(fs::path(target).filename().string());
  }
  commitAll(files);

  // A preview of a document that got shorter must not keep its old last pages.
  const fs::path dir =
      fs::path(outPrefix).parent_path().empty() ? fs::path(".") : fs::path(outPrefix).parent_path();
  const std::string base = fs::path(outPrefix).filename().string() + "-";
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (fresh.count(name) != 0 || name.size() <= base.size() + 4 || name.rfind(base, 0) != 0) continue;
    if (name.compare(name.size() - 4, 4, ".png") != 0) continue;
    const std::string digits = name.substr(base.size(), name.size() - base.size() - 4);
    if (std::all_of(digits.begin(), digits.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
      std::error_code ec;
      fs::remove(entry.path(), ec);
    }
  }

  std::vector<std::string> out;
  out.reserve(files.size());
  for (const auto& f : files) out.push_back(f.first);
  return out;
}

}  // namespace bangfu::pdf
