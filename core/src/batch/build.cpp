#include "bangfu/batch/build.hpp"

#include <Poco/Path.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string_view>
#include <thread>

#include "bangfu/batch/manifest.hpp"
#include "bangfu/docx/docx_writer.hpp"
#include "bangfu/io/scheme_io.hpp"
#include "bangfu/notice/source.hpp"
#include "bangfu/output/outputs.hpp"
#include "bangfu/pdf/convert.hpp"
#include "bangfu/plugin/render.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "bangfu/util/output_folder.hpp"
#include "bangfu/version.hpp"
#include "bangfu/worker/render_worker.hpp"
#include "bangfu/xlsx/xlsx_writer.hpp"
#include "batch/output_owner.hpp"
#include "batch/pdf_outputs.hpp"

namespace bangfu::batch {

namespace {

using Clock = std::chrono::steady_clock;

/// A partly finished build is recorded at most this often, so a killed build
/// loses at most this much bookkeeping (its outputs are verified anyway).
constexpr auto kCheckpointInterval = std::chrono::seconds(1);

/// One output file of a job.
struct Output {
  std::string rel;  ///< relative to the output folder
  std::string ext;  ///< docx, xlsx, pdf
  output::Format format = output::Format::Docx;
  std::string input;  ///< input hash
  bool needed = false;
};

/// One document (an appendix over a scheme or a slice) in one or more formats.
struct Job {
  std::string scheme;
  std::string entity;
  const plugin::JurisdictionPlugin* plugin = nullptr;
  std::string pluginId;
  std::string pluginModule;  ///< the plugin's module file: its render runs in a worker process
  std::shared_ptr<const model::Scheme> source;
  model::AppendixRef ref;
  output::Options options;
  std::vector<Output> outputs;
  /// The whole notice (版头 to 版记, docs/notice.md) when this job writes it: its text,
  /// and every appendix bound in after it (none when the scheme is detached, 7.3.7).
  std::shared_ptr<const doc::NoticeText> text;
  std::vector<model::AppendixRef> refs;
  /// What every output's input hash covers except the slice and the format;
  /// the slice's hash is added by planJobs(), in parallel.
  std::string inputBase;
};

std::string sanitizeStem(std::string stem) {
  // A title may carry '\n' for its own line breaks (GB/T 9704 7.3.1); a file name
  // cannot. Other control characters are not replaced but refused by
  // util::checkRelativePath, so a bad name is reported, never written.
  for (char& c : stem)
    if (c == '\n' || c == '\r' || c == '\t' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' ||
        c == '<' || c == '>' || c == '|')
      c = '_';
  return stem;
}

/// The hash of a slice's canonical JSON. The scheme's file path is not part of
/// the JSON, so a copied project does not rebuild.
std::string sliceHash(const model::Scheme& s) { return sha256(io::schemeToCompactJson(s)); }

/// Runs body(0 … n-1) on `threads` threads (the caller's among them).
template <class Body>
void forEachInParallel(std::size_t n, unsigned threads, const Body& body) {
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < n; i = next++) body(i);
  };
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, n));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  if (threads > 0) worker();
  for (auto& t : pool) t.join();
}

/// Each output's input hash (its job's inputBase, the slice's canonical JSON
/// hash and the format) and whether it must be regenerated: the hash differs
/// from the manifest's, or the file is not the recorded one. A job with nothing
/// to regenerate drops its slice here. Hashing a thousand slices, a stat per
/// output and freeing the slices are most of a small rebuild's work, so this
/// runs on the build's threads.
void planJobs(std::vector<Job>& jobs, const Manifest& old, bool force, util::OutputFolder& folder,
              unsigned threads) {
  const bool sameVersion = old.bangfuVersion == kVersion;
  forEachInParallel(jobs.size(), threads, [&](std::size_t i) {
    Job& job = jobs[i];
    const std::string base = job.inputBase + "\nslice=" + sliceHash(*job.source) + "\n";
    bool any = false;
    for (auto& o : job.outputs) {
      o.input = sha256(base + "format=" + o.ext);
      const auto it = old.outputs.find(o.rel);
      o.needed = force || !sameVersion || it == old.outputs.end() || it->second.input != o.input ||
                 !detail::outputMatches(folder, o.rel, it->second);
      any = any || o.needed;
    }
    if (!any) job.source.reset();
  });
}

std::string fileHash(const std::string& path) {
  if (path.empty()) return "-";
  return sha256(util::readFile(path));
}

class ProgressLine {
 public:
  ProgressLine(const BuildOptions& options, std::size_t total)
      : mode_(options.progress), english_(options.english), total_(total), onOutput_(options.onOutput) {}

  void done(const std::string& rel, const char* zh, const char* en) {
    if (mode_ == Progress::None && !onOutput_) return;
    std::lock_guard<std::mutex> lock(mutex_);
    ++count_;
    if (onOutput_) onOutput_(count_, total_, rel, english_ ? en : zh);
    if (mode_ == Progress::None) return;
    const std::string head = "[" + std::to_string(count_) + "/" + std::to_string(total_) + "] ";
    if (mode_ == Progress::Terminal) {
      std::cerr << "\r\033[K" << head << (english_ ? en : zh) << ' ' << rel << std::flush;
    } else {
      std::cerr << head << (english_ ? en : zh) << ' ' << rel << '\n';
    }
  }
  void finish() {
    if (mode_ == Progress::Terminal && count_ > 0) std::cerr << "\r\033[K" << std::flush;
  }

 private:
  Progress mode_;
  bool english_;
  std::size_t total_;
  std::size_t count_ = 0;
  std::mutex mutex_;
  const std::function<void(std::size_t, std::size_t, const std::string&, const std::string&)>& onOutput_;
};

/// What the whole build depends on besides its source files: the settings read
/// from the environment.
std::string environmentKey() {
  std::string key;
  for (const char* var : {"SOURCE_DATE_EPOCH", "BANGFU_PLUGIN_PATH"}) {
    const char* v = std::getenv(var);
    key += std::string(var) + "=" + (v ? v : "") + "\n";
  }
  return key;
}

/// The project file, its schemes and reference DOCX files.
std::vector<std::string> sourcesOf(const Project& p) {
  std::vector<std::string> paths{p.file};
  for (const auto& s : p.schemes) {
    paths.push_back(s.path);
    // The notice text beside the scheme: its appearing, changing or going is a change.
    const std::string noticeFile = Poco::Path(s.path).parent().toString() + "notice.md";
    if (stampOf(noticeFile).exists) paths.push_back(noticeFile);
    if (!s.referenceDoc.empty()) paths.push_back(s.referenceDoc);
  }
  return paths;
}

/// The up-to-date check (as make and ninja do it, by stamps): the last build
/// finished cleanly, no source, plugin module or setting changed since, and every
/// output is the recorded file. Then there is nothing to do, and loading,
/// validating, slicing and hashing the schemes is skipped; the warnings the last
/// build printed are printed again. A last build with an error recorded no sources.
bool upToDate(const Project& project, const Manifest& old, util::OutputFolder& folder) {
  if (old.sources.empty() || old.bangfuVersion != kVersion || old.environment != environmentKey())
    return false;
  for (const auto& path : sourcesOf(project))
    if (old.sources.count(path) == 0) return false;  // another project, or the folder moved
  for (const auto& [path, stamp] : old.sources)
    if (!fileMatches(path, stamp.size, stamp.mtimeNs, stamp.sha256)) return false;
  for (const auto& [rel, entry] : old.outputs)
    if (!detail::outputMatches(folder, rel, entry)) return false;
  return true;
}

/// The sources as they are now, when they are as they were when the build began
/// (an edit during the build must not be recorded as built). A source whose
/// stamp the last manifest already has keeps its recorded hash, unread.
std::map<std::string, SourceStamp> stampSources(const std::vector<std::string>& paths,
                                                const std::map<std::string, FileStamp>& atStart,
                                                const std::map<std::string, SourceStamp>& recorded) {
  std::map<std::string, SourceStamp> out;
  for (const auto& path : paths) {
    const FileStamp now = stampOf(path);
    const auto start = atStart.find(path);
    if (!now.exists || start == atStart.end() || start->second.size != now.size ||
        start->second.mtimeNs != now.mtimeNs) {
      return {};
    }
    const auto known = recorded.find(path);
    const bool same =
        known != recorded.end() && known->second.size == now.size && known->second.mtimeNs == now.mtimeNs;
    out[path] = {now.size, now.mtimeNs, same ? known->second.sha256 : sha256(util::readFile(path))};
  }
  return out;
}

/// Why one output could not be produced.
struct Failure {
  std::string code;  ///< build.output, build.render; "writer" when the writer's diagnostics say why
  std::string zh;
  std::string en;
  std::string reason;    ///< the I/O reason alone (磁盘空间不足), for grouping; empty for others
  std::string reasonEn;  ///< the same in English
  std::string path;      ///< the output's path, where the diagnostic points
};

/// A full disk fails every remaining output for one reason: the first few
/// failures of each reason are reported, the rest in one line with their count.
constexpr std::size_t kFailuresShownPerReason = 3;

void reportFailures(std::vector<Failure>& failures, const std::string& outputDir, BuildReport& report) {
  std::sort(failures.begin(), failures.end(),
            [](const Failure& a, const Failure& b) { return a.path < b.path; });
  std::map<std::string, std::size_t> seen;
  std::map<std::string, std::size_t> hidden;
  std::map<std::string, std::string> reasonEn;
  for (const auto& f : failures) {
    const std::string key = f.code + "\n" + (f.reason.empty() ? f.zh : f.reason);
    if (++seen[key] > kFailuresShownPerReason) {
      if (++hidden[key] == 1) reasonEn[key] = f.reasonEn.empty() ? f.en : f.reasonEn;
      continue;
    }
    detail::internalError(report, f.code, f.path, f.zh, f.en);
  }
  for (const auto& [key, count] : hidden) {
    const std::string reason = key.substr(key.find('\n') + 1);
    diag::Location where;
    where.file = outputDir;
    report.diags.warning(
        "build.more-failures", where,
        "另有 " + std::to_string(count) + " 个输出因同一原因未能生成：" + reason,
        std::to_string(count) + " more outputs failed for the same reason: " + reasonEn[key]);
  }
}

/// The located error for an output path that util::checkRelativePath refused:
/// at the pattern when the pattern alone is at fault, at the scheme's name when
/// the name is, else at the scheme file (the document's title or entity name).
diag::Diagnostic badOutputPath(const Project& project, const SchemeEntry& entry, std::size_t index,
                               const std::string& name, const std::string& stem, const util::PathRefused& e) {
  auto refused = [&](const std::string& scheme, const std::string& s) {
    try {
      (void)outputPath(project.pattern, scheme, s, "docx");
      return false;
    } catch (const util::PathRefused&) {
      return true;
    }
  };
  diag::Diagnostic d;
  d.code = "project.bad-output-path";
  const std::string shownName = util::printable(name);
  if (refused("s", "t")) {
    d.where.file = project.file;
    d.where.field = "pattern";
    d.suggestion = std::string("\"pattern\": \"") + kDefaultPattern + "\"";
  } else if (refused(name, "t")) {
    d.where.file = entry.name.empty() ? entry.path : project.file;
    d.where.field = entry.name.empty() ? "name" : "schemes[" + std::to_string(index) + "].name";
    d.suggestion = "方案名称中不要用“/”开头、“..”或控制字符";
    d.suggestionEn = "do not start a scheme name with \"/\" nor put \"..\" or control characters in it";
  } else {
    d.where.file = entry.path;
    d.suggestion = "检查该文档的标题或名称（" + util::printable(stem) + "）中的控制字符";
    d.suggestionEn =
        "look for a control character in the document's title or name (" + util::printable(stem) + ")";
  }
  d.message = "方案“" + shownName + "”的" + e.what() + "，该方案未生成任何文件（原有输出保留）";
  d.messageEn =
      "scheme '" + shownName + "': " + e.english() + "; nothing was built for it (its earlier outputs stay)";
  return d;
}

/// The PDF phase (batch/pdf_outputs.hpp): one LibreOffice run per job, each
/// output reported and recorded like the others. A failed run is one
/// diagnostic for its batch, at the output folder.
void convertPendingPdfs(std::vector<detail::PendingPdf>& pending, unsigned threads,
                        const std::string& outputDir, ProgressLine& progress, BuildReport& report,
                        std::vector<Failure>& failures, Manifest& current) {
  if (pending.empty()) return;
  // The build's order, whatever order the threads queued them in.
  std::sort(pending.begin(), pending.end(),
            [](const detail::PendingPdf& a, const detail::PendingPdf& b) { return a.rel < b.rel; });
  std::vector<detail::PdfBatchFailure> batchFailures;
  for (auto& out : detail::convertPdfs(pending, threads, outputDir, batchFailures)) {
    if (out.failed) {
      report.failed.push_back(out.rel);
    } else {
      (out.changed ? report.rebuilt : report.unchanged).push_back(out.rel);
      current.outputs[out.rel] = std::move(out.entry);
    }
    progress.done(out.rel,
                  out.failed    ? "失败"
                  : out.changed ? "重建"
                                : "未变",
                  out.failed    ? "failed"
                  : out.changed ? "rebuilt"
                                : "same");
  }
  for (const auto& f : batchFailures) {
    const std::string n = std::to_string(f.outputs);
    failures.push_back({"build.pdf", n + " 个 PDF 未能生成（原有文件保留）：" + f.zh,
                        n + " PDFs could not be produced (earlier files kept): " + f.en, "", "", outputDir});
  }
}

}  // namespace

std::vector<std::string> projectInputs(const std::string& projectDir, const std::string& outputOverride) {
  return sourcesOf(loadProject(projectDir, outputOverride));
}

void requireTools(const Project& project) {
  for (const auto& s : project.schemes)
    if (std::find(s.formats.begin(), s.formats.end(), "pdf") != s.formats.end()) {
      (void)pdf::requireSoffice();  // PDFs come from the DOCX: LibreOffice Writer
      return;
    }
}

BuildReport build(const std::string& projectDir, plugin::PluginHost& host, const BuildOptions& options) {
  const auto started = Clock::now();
  BuildReport report;
  const Project project = loadProject(projectDir, options.outputDir);
  requireTools(project);  // before the output folder is made: a missing LibreOffice writes nothing
  detail::OpenedOutput opened;
  if (!detail::openOutput(project, opened, report.diags)) return report;  // nothing is touched
  util::OutputFolder& folder = *opened.folder;
  const std::string& manifestPath = opened.manifestPath;
  const Manifest& old = opened.manifest;
  if (!options.force && opened.owned && upToDate(project, old, folder)) {
    report.total = report.skipped = old.outputs.size();
    report.upToDate = true;
    for (const auto& w : old.warnings) report.diags.add(w);
    report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return report;
  }
  std::map<std::string, FileStamp> sourcesAtStart;
  for (const auto& path : sourcesOf(project)) sourcesAtStart[path] = stampOf(path);
  std::set<std::string> pluginModules;  // recorded as sources: a rebuilt plugin is a change

  std::vector<Job> jobs;
  std::set<std::string> failedSchemes;  // their previous outputs and manifest entries stay
  std::set<std::string> declared;
  std::set<std::string> schemeNames;
  std::map<std::string, std::string> referenceHashes;

  for (std::size_t si = 0; si < project.schemes.size(); ++si) {
    const SchemeEntry& entry = project.schemes[si];
    diag::Diagnostics diags;
    auto scheme = std::make_shared<model::Scheme>();
    std::string name = entry.name;
    try {
      *scheme = io::loadScheme(entry.path, diags);
    } catch (const diag::InputError& e) {
      diags.add(e.diagnostic());
    }
    if (name.empty()) name = !scheme->name.empty() ? scheme->name : Poco::Path(entry.path).getBaseName();
    if (!schemeNames.insert(name).second) {
      diag::Location where;
      where.file = project.file;
      where.field = "schemes[" + std::to_string(si) + "].name";
      diags.error("project.duplicate-scheme", where, "方案名称“" + name + "”重复（输出会互相覆盖）",
                  "scheme name '" + name + "' is used twice (outputs would overwrite each other)",
                  "为其中一个方案设置不同的 \"name\"", "give one of the schemes another \"name\"");
    }
    const std::string pluginId = entry.plugin.empty() ? scheme->plugin : entry.plugin;
    const plugin::JurisdictionPlugin* plug = nullptr;
    std::string pluginVersion;
    if (!diags.hasErrors()) {
      try {
        host.addSchemeFolder(Poco::Path(entry.path).parent().toString());
        plug = &host.get(pluginId);
        pluginVersion = host.info(pluginId).version;
        const std::string& module = host.info(pluginId).path;
        if (!module.empty() && pluginModules.insert(module).second) sourcesAtStart[module] = stampOf(module);
      } catch (const plugin::PluginError& e) {
        diag::Location where;
        where.file = project.file;
        where.field = "schemes[" + std::to_string(si) + "].plugin";
        diags.error("project.plugin", where, std::string("方案“") + name + "”的插件不可用：" + e.what(),
                    "the plugin of scheme '" + name + "' cannot be used: " + e.english());
      }
    }
    std::vector<model::AppendixRef> refs;
    if (plug) {
      plugin::validateWith(*scheme, *plug, diags);
      refs = plugin::appendicesToRender(*scheme, *plug, diags);
    }
    // The notice itself, checked with the scheme as `bangfu check` does: a broken text
    // fails the scheme, whose earlier outputs stay.
    std::shared_ptr<const doc::NoticeText> noticeText;
    std::string noticeSourceText;
    if (plug && entry.summary && !diags.hasErrors()) {
      if (const auto source = notice::findSource(*scheme, diags)) {
        noticeText = std::make_shared<const doc::NoticeText>(notice::buildNotice(*scheme, *source, diags));
        for (const auto& line : source->lines) {
          noticeSourceText += line.text + "\n";
          // A notice.body or 正文 path names a file of its own: recorded as a source.
          if (line.where.file != scheme->file && pluginModules.insert(line.where.file).second)
            sourcesAtStart[line.where.file] = stampOf(line.where.file);
        }
      }
    }
    report.diags.append(diags);
    if (diags.hasErrors() || !plug) {
      failedSchemes.insert(name);
      continue;
    }

    // Everything an output depends on besides its slice.
    auto refHash = referenceHashes.find(entry.referenceDoc);
    if (refHash == referenceHashes.end())
      refHash = referenceHashes.emplace(entry.referenceDoc, fileHash(entry.referenceDoc)).first;
    const long long schemeEpoch = util::outputEpoch(scheme->notice.date);
    std::vector<Job> schemeJobs;  // joined to `jobs` only if every output path of the scheme is sound
    bool badPath = false;
    const std::string pluginModule = host.info(pluginId).path;
    auto addJob = [&](std::shared_ptr<const model::Scheme> source, model::AppendixRef ref,
                      const std::string& entity, const std::string& stem,
                      const std::vector<std::string>& formats) {
      Job job;
      job.scheme = name;
      job.entity = entity;
      job.plugin = plug;
      job.pluginId = pluginId;
      job.pluginModule = pluginModule;
      job.ref = std::move(ref);
      // outputEpoch runs a std::regex; a slice almost always keeps its scheme's date.
      const long long epoch =
          source->notice.date == scheme->notice.date ? schemeEpoch : util::outputEpoch(source->notice.date);
      job.options.docx.epoch = epoch;
      job.options.docx.detached = entry.detached;
      job.options.docx.referenceDoc = entry.referenceDoc;
      job.options.xlsx.epoch = epoch;
      job.options.xlsx.durability = util::Durability::Deferred;
      const std::string base =
          std::string("bangfu=") + kVersion + "\nplugin=" + pluginId + "@" + pluginVersion +
          "\nappendix=" + job.ref.id + "\nlabel=" + job.ref.label + "\ntitle=" + job.ref.title +
          "\nentity=" + entity + "\nepoch=" + std::to_string(epoch) +
          "\ndetached=" + (entry.detached ? "1" : "0") + "\nreference=" + refHash->second;
      for (const auto& ext : formats) {
        Output o;
        o.ext = ext;
        o.format = ext == "xlsx"  ? output::Format::Xlsx
                   : ext == "pdf" ? output::Format::Pdf
                                  : output::Format::Docx;
        try {
          o.rel = outputPath(project.pattern, name, sanitizeStem(stem), ext);
        } catch (const util::PathRefused& e) {
          if (!badPath) report.diags.add(badOutputPath(project, entry, si, name, stem, e));
          badPath = true;
          continue;
        }
        if (!declared.insert(o.rel).second) {
          diag::Location where;
          where.file = project.file;
          where.field = "pattern";
          report.diags.error("project.duplicate-output", where, "两个文档的输出路径相同：" + o.rel,
                             "two documents map to the same output path: " + o.rel,
                             "在文件名模式中加入 {scheme}，或检查插件的文件名",
                             "put {scheme} in the file name pattern, or check the plugin's file names");
          continue;
        }
        job.outputs.push_back(std::move(o));
      }
      job.inputBase = base;
      job.source = std::move(source);
      schemeJobs.push_back(std::move(job));
    };

    if (entry.summary) {
      for (const auto& ref : refs)
        addJob(scheme, ref, "appendix:" + ref.id, ref.label.empty() ? ref.title : ref.label + "-" + ref.title,
               entry.formats);
    }
    const bool wantsDocx =
        std::find(entry.formats.begin(), entry.formats.end(), "docx") != entry.formats.end();
    if (noticeText && wantsDocx && !badPath) {
      // The whole notice, DOCX only (XLSX stays appendices only): one more output of the
      // scheme, hashed over its text and the appendices bound in.
      model::AppendixRef whole;
      whole.id = "notice";
      addJob(scheme, whole, "notice", scheme->notice.title.empty() ? name : scheme->notice.title, {"docx"});
      Job& job = schemeJobs.back();
      job.text = noticeText;
      job.options.docx.text = job.text.get();
      if (!entry.detached) job.refs = refs;
      std::string bound;
      for (const auto& r : job.refs) bound += r.id + "/" + r.label + "/" + r.title + "\n";
      job.inputBase += "\nnotice=" + sha256(noticeSourceText) + "\nbound=" + sha256(bound);
    }
    if (entry.entities) {
      std::vector<plugin::EntityDocument> docs;
      try {
        docs = plug->entityDocuments(*scheme);
      } catch (const std::exception& e) {
        diag::Location where;
        where.file = entry.path;
        report.diags.error("build.entities", where, "插件 " + pluginId + " 列出单项文档时出错：" + e.what(),
                           "plugin " + pluginId + " failed to list its per-entity documents: " + e.what());
        failedSchemes.insert(name);
        continue;
      }
      for (auto& d : docs) {
        model::AppendixRef ref;
        ref.id = d.appendixId;
        for (const auto& r : refs)
          if (r.id == d.appendixId) ref.label = r.label;
        if (ref.label.empty())
          for (const auto& spec : plug->appendices())
            if (spec.id == d.appendixId) ref.label = spec.label;
        ref.title = d.title;
        addJob(std::make_shared<const model::Scheme>(std::move(d.slice)), ref,
               d.entityKind + ":" + d.entityId, d.fileStem, entry.formats);
      }
    }
    if (badPath) {
      failedSchemes.insert(name);  // like a scheme with errors: nothing rendered, old outputs kept
      continue;
    }
    for (auto& job : schemeJobs) jobs.push_back(std::move(job));
  }
  if (report.diags.has("project.duplicate-output"))
    return report;  // nothing is written: the mapping is ambiguous
  const unsigned threads =
      options.jobs != 0U ? options.jobs : std::max(1U, std::thread::hardware_concurrency());
  planJobs(jobs, old, options.force, folder, threads);

  // Which outputs need work.
  std::vector<Job*> queue;
  std::size_t pending = 0;
  for (auto& job : jobs) {
    bool any = false;
    for (auto& o : job.outputs) {
      ++report.total;
      if (o.needed) {
        any = true;
        ++pending;
      } else {
        ++report.skipped;
      }
    }
    if (any) queue.push_back(&job);
  }

  // The manifest as it stands; updated as outputs land and checkpointed.
  // A manifest that is not this project's lends its stamps for skipping (above)
  // but none of its entries or folders: what it listed is never deleted.
  Manifest current = opened.owned ? old : Manifest{};
  current.bangfuVersion =
      kVersion;  // another version's entries stay until replaced, so vanished ones are removed
  current.project = opened.projectReal;
  current.outputDir = opened.outputReal;
  for (const auto& job : jobs)
    for (const auto& o : job.outputs)
      if (!o.needed) current.outputs[o.rel] = old.outputs.at(o.rel);
  std::mutex manifestMutex;
  auto lastCheckpoint = Clock::now();

  ProgressLine progress(options, pending);
  std::mutex reportMutex;
  std::vector<Failure> failures;  // under reportMutex
  // Each output is its own transaction (unlike output::writeAll, which binds the
  // formats of one notice together): a DOCX goes through util::writeFileAtomic
  // from its bytes, an XLSX through xlsx::writeXlsx, which is atomic itself. One
  // temporary file per output and no fsync of its own (Durability::Deferred):
  // the file system is flushed once before each manifest write, so the manifest
  // on disk never vouches for an output whose bytes are not (docs/batch.md
  // "Crash safety" and "Speed").
  std::mutex pdfMutex;
  std::vector<detail::PendingPdf> pendingPdfs;  // under pdfMutex; converted after every job has run
  auto runJob = [&](Job& job) {
    doc::Notice notice;
    std::string renderError, renderErrorEn;
    try {
      if (job.text == nullptr) {
        notice =
            worker::renderNoticeIsolated(*job.source, *job.plugin, job.pluginId, job.pluginModule, {job.ref});
      } else if (!job.refs.empty()) {
        notice =
            worker::renderNoticeIsolated(*job.source, *job.plugin, job.pluginId, job.pluginModule, job.refs);
      } else {
        // Detached (or no appendix): the notice alone, its 附件说明 still naming them.
        notice = plugin::noticeOf(*job.source);
      }
    } catch (const plugin::PluginError& e) {
      renderError = e.what();
      renderErrorEn = e.english();
    } catch (const std::exception& e) {
      renderError = renderErrorEn = e.what();
    }
    std::vector<std::pair<std::string, ManifestEntry>> entries;
    for (const auto& o : job.outputs) {
      if (!o.needed) continue;
      const std::string path = folder.pathOf(o.rel);
      Failure failure;
      if (!renderError.empty())
        failure = {"build.render",
                   "插件未能生成此文档：" + renderError,
                   "the plugin failed to render this document: " + renderErrorEn,
                   "",
                   "",
                   path};
      diag::Diagnostics diags;
      bool changed = false;
      ManifestEntry e;
      e.input = o.input;
      e.scheme = job.scheme;
      e.entity = job.entity;
      if (failure.code.empty()) {
        try {
          folder.prepare(o.rel);
          if (o.format == output::Format::Pdf) {
            detail::PendingPdf p{o.rel, path, docx::writeDocx(notice, job.options.docx),
                                 job.options.docx.epoch, e};
            std::lock_guard<std::mutex> lock(pdfMutex);
            pendingPdfs.push_back(std::move(p));
            continue;  // reported once converted
          }
          if (o.format == output::Format::Docx) {
            const std::string bytes = docx::writeDocx(notice, job.options.docx);
            changed =
                util::writeFileAtomic(path, bytes, util::Durability::Deferred) == util::WriteResult::Written;
            e.output = sha256(bytes);
          } else {
            const FileStamp before = stampOf(path);
            if (!xlsx::writeXlsx(notice, path, diags, job.options.xlsx)) {
              failure.code = "writer";  // the reasons are in diags
            } else {
              e.output = sha256(util::readFile(path));
              const FileStamp after = stampOf(path);
              changed = !before.exists || before.mtimeNs != after.mtimeNs || before.size != after.size;
            }
          }
          const FileStamp st = stampOf(path);
          e.size = st.size;
          e.mtimeNs = st.mtimeNs;
        } catch (const util::IoError& ex) {
          failure = {"build.output",   ex.unlocated(false), ex.unlocated(true),
                     ex.reason(false), ex.reason(true),     path};
        } catch (const util::PathRefused& ex) {
          failure = {"build.output", ex.what(), ex.english(), "", "", path};
        } catch (const std::exception& ex) {
          failure = {"build.output",
                     std::string("无法生成：") + ex.what(),
                     std::string("cannot produce: ") + ex.what(),
                     "",
                     "",
                     path};
        }
      }
      const bool failed = !failure.code.empty();
      if (!failed) entries.emplace_back(o.rel, std::move(e));
      {
        std::lock_guard<std::mutex> lock(reportMutex);
        if (failed) {
          report.failed.push_back(o.rel);
        } else if (changed) {
          report.rebuilt.push_back(o.rel);
        } else {
          report.unchanged.push_back(o.rel);
        }
        if (failed && failure.code != "writer") failures.push_back(std::move(failure));
        report.diags.append(diags);
      }
      progress.done(o.rel,
                    failed    ? "失败"
                    : changed ? "重建"
                              : "未变",
                    failed    ? "failed"
                    : changed ? "rebuilt"
                              : "same");
    }
    std::unique_lock<std::mutex> lock(manifestMutex);
    for (auto& [rel, e] : entries) current.outputs[rel] = std::move(e);
    if (Clock::now() - lastCheckpoint >= kCheckpointInterval) {
      lastCheckpoint = Clock::now();
      try {
        util::syncFileSystemOf(project.outputDir);
        writeManifest(manifestPath, current);
      } catch (const std::exception&) {
        // A missed checkpoint only costs re-rendering after a crash; the final
        // manifest write below reports a lasting I/O failure.
      }
    }
  };
  forEachInParallel(queue.size(), threads, [&](std::size_t i) { runJob(*queue[i]); });
  convertPendingPdfs(pendingPdfs, threads, project.outputDir, progress, report, failures, current);
  progress.finish();

  reportFailures(failures, project.outputDir, report);

  // Outputs whose entity (or scheme) disappeared. A scheme that failed to load
  // keeps its outputs: the last good build stays until the input is fixed.
  detail::removeVanished(opened, current, declared, failedSchemes, report);
  current.sources.clear();
  current.environment.clear();
  current.warnings.clear();
  if (!report.diags.hasErrors() && report.failed.empty() && failedSchemes.empty()) {
    std::vector<std::string> paths = sourcesOf(project);
    paths.insert(paths.end(), pluginModules.begin(), pluginModules.end());
    current.sources = stampSources(paths, sourcesAtStart, old.sources);
    if (!current.sources.empty()) {
      current.environment = environmentKey();
      // Replayed by the up-to-date check: the input's warnings, not what this build
      // said about the old manifest or the files it kept (manifest.*, build.*);
      // acknowledged differences are said when a scheme is read, not replayed.
      for (const auto& d : report.diags.items())
        if (d.severity != diag::Severity::Note && d.code.rfind("manifest.", 0) != 0 &&
            d.code.rfind("build.", 0) != 0)
          current.warnings.push_back(d);
    }
  }
  try {
    if (!report.rebuilt.empty()) util::syncFileSystemOf(project.outputDir);
    writeManifest(manifestPath, current);
  } catch (const util::IoError& e) {
    // The outputs written stay valid; the next build re-hashes them (docs/batch.md "Crash safety").
    detail::internalError(report, "build.manifest", manifestPath,
                          "无法记录构建清单（" + e.unlocated(false) + "）",
                          "cannot record the build manifest (" + e.unlocated(true) + ")");
  }
  for (auto* v : {&report.rebuilt, &report.unchanged, &report.removed, &report.failed})
    std::sort(v->begin(), v->end());
  report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return report;
}

}  // namespace bangfu::batch
