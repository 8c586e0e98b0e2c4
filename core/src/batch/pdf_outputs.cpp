#include "batch/pdf_outputs.hpp"

#include <algorithm>
#include <mutex>
#include <numeric>
#include <thread>

#include "bangfu/pdf/convert.hpp"
#include "bangfu/util/atomic_file.hpp"

namespace bangfu::batch::detail {

namespace {

/// Longest processing time first: the largest DOCX goes to the run with the
/// least so far. Sizes stand in for LibreOffice's time (a page costs about the
/// same whatever the document), and a 2-job build then finishes both runs
/// together rather than one waiting on the other.
std::vector<std::vector<std::size_t>> balance(const std::vector<PendingPdf>& pending, std::size_t runs) {
  std::vector<std::size_t> order(pending.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return pending[a].docx.size() > pending[b].docx.size();
  });
  std::vector<std::vector<std::size_t>> batches(runs);
  std::vector<std::size_t> load(runs, 0);
  for (const std::size_t i : order) {
    const auto least = static_cast<std::size_t>(std::min_element(load.begin(), load.end()) - load.begin());
    batches[least].push_back(i);
    load[least] += pending[i].docx.size() + 1;
  }
  for (auto& b : batches) std::sort(b.begin(), b.end());  // the build's order within a run
  return batches;
}

}  // namespace

std::vector<PdfOutcome> convertPdfs(std::vector<PendingPdf>& pending, unsigned processes,
                                    const std::string& outputDir, std::vector<PdfBatchFailure>& failures) {
  std::vector<PdfOutcome> outcomes(pending.size());
  if (pending.empty()) return outcomes;
  const std::size_t runs = std::max<std::size_t>(1, std::min<std::size_t>(processes, pending.size()));
  const auto batches = balance(pending, runs);
  std::mutex failuresMutex;
  auto convertBatch = [&](const std::vector<std::size_t>& batch) {
    std::vector<pdf::PdfJob> jobs;
    jobs.reserve(batch.size());
    for (const std::size_t i : batch) {
      PendingPdf& p = pending[i];
      pdf::PdfJob job;
      // Named in LibreOffice's errors; the extension picks its DOCX import filter.
      const bool dotPdf = p.rel.size() > 4 && p.rel.compare(p.rel.size() - 4, 4, ".pdf") == 0;
      job.input = (dotPdf ? p.rel.substr(0, p.rel.size() - 4) : p.rel) + ".docx";
      job.output = p.path;
      job.bytes = std::move(p.docx);
      job.epoch = p.epoch;
      jobs.push_back(std::move(job));
    }
    pdf::ConvertOptions options;
    options.stageIn = outputDir;
    options.durability = util::Durability::Deferred;  // one syncfs before the manifest (docs/batch.md)
    std::string zh;
    std::string en;
    pdf::ConvertResult result;
    try {
      result = pdf::convert(jobs, options);
    } catch (const pdf::ConvertError& e) {
      zh = e.what();
      en = e.english();
    } catch (const pdf::PdfUnavailable& e) {
      zh = e.what();
      en = e.english();
    } catch (const util::IoError& e) {
      zh = e.what();
      en = e.english();
    } catch (const std::exception& e) {
      zh = std::string("无法生成 PDF：") + e.what();
      en = std::string("cannot produce the PDFs: ") + e.what();
    }
    for (std::size_t k = 0; k < batch.size(); ++k) {
      PdfOutcome& out = outcomes[batch[k]];
      const PendingPdf& p = pending[batch[k]];
      out.rel = p.rel;
      out.failed = !zh.empty();
      if (out.failed) continue;
      out.changed = result.results[k] == util::WriteResult::Written;
      out.entry = p.entry;
      try {
        out.entry.output = sha256(util::readFile(p.path));
      } catch (const util::IoError&) {
        out.failed = true;  // gone under us: not recorded, so the next build makes it again
        continue;
      }
      const FileStamp st = stampOf(p.path);
      out.entry.size = st.size;
      out.entry.mtimeNs = st.mtimeNs;
    }
    if (!zh.empty()) {
      std::lock_guard<std::mutex> lock(failuresMutex);
      failures.push_back({zh, en, batch.size()});
    }
  };
  std::vector<std::thread> others;
  for (std::size_t r = 1; r < batches.size(); ++r) others.emplace_back(convertBatch, std::cref(batches[r]));
  convertBatch(batches[0]);
  for (auto& t : others) t.join();
  pending.clear();
  return outcomes;
}

}  // namespace bangfu::batch::detail
