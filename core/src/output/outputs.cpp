#include "bangfu/output/outputs.hpp"

#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <memory>

#include "bangfu/pdf/convert.hpp"
#include "bangfu/util/atomic_file.hpp"

namespace bangfu::output {

std::optional<Format> formatOf(const std::string& path) {
  const auto dot = path.find_last_of('.');
  if (dot == std::string::npos) return std::nullopt;
  std::string ext = path.substr(dot + 1);
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == "docx") return Format::Docx;
  if (ext == "xlsx") return Format::Xlsx;
  if (ext == "pdf") return Format::Pdf;
  return std::nullopt;
}

const char* extensionOf(Format format) {
  switch (format) {
    case Format::Docx:
      return ".docx";
    case Format::Xlsx:
      return ".xlsx";
    case Format::Pdf:
      return ".pdf";
  }
  return "";
}

namespace {

/// A private folder for the DOCX files LibreOffice converts; removed on scope exit.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "bangfu-pdf-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
      throw std::runtime_error("cannot create a temporary folder in " + pattern);
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

std::vector<Written> writeAll(const std::vector<Target>& targets, const Options& options,
                              diag::Diagnostics& diags) {
  // Phase 1: produce every file in a private folder beside its target
  // (util::TempOutput). TempOutput removes what it made if we leave early, so a
  // failure leaves the old outputs untouched. Errors name the target, never the
  // staged file.
  std::vector<std::unique_ptr<util::TempOutput>> temps;
  std::vector<pdf::PdfJob> pdfJobs;
  std::vector<std::string> pdfTargets;
  std::unique_ptr<ScratchDir> scratch;
  for (const auto& t : targets) {
    // The folder the user named for the file (`table -o new/附件1.pdf`); a
    // failure here is reported by the write below, naming the file.
    if (const auto parent = std::filesystem::path(t.path).parent_path(); !parent.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(parent, ec);
    }
    auto temp = std::make_unique<util::TempOutput>(t.path);
    docx::DocxOptions docxOptions = options.docx;
    if (t.text != nullptr) docxOptions.text = t.text;  // the whole notice (issue 17)
    try {
      switch (t.format) {
        case Format::Docx:
          util::writeFileAtomic(temp->path(), docx::writeDocx(*t.notice, docxOptions));
          break;
        case Format::Xlsx:
          if (!xlsx::writeXlsxStaged(*t.notice, temp->path(), t.path, diags, options.xlsx)) return {};
          break;
        case Format::Pdf: {
          // The PDF is LibreOffice's rendering of the DOCX we write (docs/pdf.md).
          if (!scratch) scratch = std::make_unique<ScratchDir>();
          const std::string docxPath = scratch->path() + "/" + std::to_string(pdfJobs.size()) + ".docx";
          util::writeFileAtomic(docxPath, docx::writeDocx(*t.notice, docxOptions));
          pdfJobs.push_back({docxPath, temp->path()});
          pdfTargets.push_back(t.path);
          break;
        }
      }
    } catch (const util::IoError& e) {
      throw e.about(t.path);
    }
    temps.push_back(std::move(temp));
  }
  if (!pdfJobs.empty()) {
    pdf::ConvertOptions convertOptions;
    convertOptions.epoch = options.docx.epoch;
    try {
      pdf::convert(pdfJobs, convertOptions);  // one LibreOffice start for every PDF
    } catch (const util::IoError& e) {
      for (std::size_t i = 0; i < pdfJobs.size(); ++i)
        if (pdfJobs[i].output == e.path()) throw e.about(pdfTargets[i]);
      throw;
    }
  }
  // Phase 2: every file beside its target (a full disk is met here, before any
  // rename), then every rename.
  for (auto& temp : temps) temp->land();
  std::vector<Written> written;
  for (auto& temp : temps) {
    const bool changed = temp->commit() == util::WriteResult::Written;
    written.push_back({temp->target(), changed});
  }
  return written;
}

}  // namespace bangfu::output
