#pragma once
/// PDF output and PNG previews (docs/pdf.md). LibreOffice converts the DOCX/XLSX
/// bangfu wrote; poppler's pdftoppm rasterises a PDF for a preview.
///
/// Contract, for every call below:
///  - each run of LibreOffice gets its own temporary profile
///    (-env:UserInstallation), so a LibreOffice the user has open does not take
///    the job, and the profile is removed afterwards;
///  - the child runs in its own process group with a deadline; on expiry the whole
///    group is killed and ConvertError says so: no call waits forever;
///  - fonts/fonts.conf is passed as FONTCONFIG_FILE, so the GB/T 9704 face names
///    in the document (仿宋_GB2312, 黑体, 方正小标宋简体 …) resolve to the free
///    faces chosen in docs/fonts.md rather than one fallback face;
///  - outputs are written atomically and all-or-nothing: a failed call leaves
///    every previous output as it was, and an output whose bytes are unchanged is
///    not rewritten (util::writeFileAtomic);
///  - PDFs are byte-stable: the creation date comes from ConvertOptions::epoch and
///    the trailer /ID from the content, so the same DOCX gives the same PDF.
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "bangfu/util/atomic_file.hpp"

namespace bangfu::pdf {

/// A required external tool (LibreOffice, pdftoppm) is not installed or cannot
/// be run. what() is the Chinese message with the apt-get hint; english() the same
/// in English. The CLI maps it to exit 3 (kInternal).
class PdfUnavailable : public std::runtime_error {
 public:
  PdfUnavailable(const std::string& zh, std::string en);
  [[nodiscard]] const std::string& english() const { return en_; }

 private:
  std::string en_;
};

/// The tool ran but did not deliver: it timed out, failed, or left an output
/// missing. what() is Chinese, english() English; both end with the tail of the
/// tool's own log when it said anything. The CLI maps it to exit 3.
class ConvertError : public std::runtime_error {
 public:
  ConvertError(const std::string& zh, std::string en, bool timedOut = false);
  [[nodiscard]] const std::string& english() const { return en_; }
  [[nodiscard]] bool timedOut() const { return timedOut_; }

 private:
  std::string en_;
  bool timedOut_;
};

struct ConvertOptions {
  /// The LibreOffice launcher. Empty: $BANGFU_SOFFICE, else `soffice` or
  /// `libreoffice` on PATH, else /usr/lib/libreoffice/program/soffice.
  std::string soffice;
  /// The fontconfig file. Empty: findFontsConf().
  std::string fontsConf;
  /// Deadline for one LibreOffice run, in seconds. 0: $BANGFU_PDF_TIMEOUT when
  /// set (a positive integer; anything else is std::invalid_argument), else 60 s
  /// plus 20 s per file (a cold start with a fresh profile takes 2–5 s; a 30-page
  /// DOCX about 3 s).
  int timeoutSeconds = 0;
  /// The PDF /CreationDate, in seconds since the epoch (see util::outputEpoch).
  long long epoch = 946684800;
  /// Where the inputs are staged and LibreOffice writes its PDFs: a private
  /// folder `.bangfu-stage-XXXXXX` (mode 0700, regular files only) made inside
  /// this folder and removed afterwards; one that a killed run leaves is a
  /// temporary name (util::isTemporaryName) the next build removes. The batch
  /// build passes its output folder. Empty: inside the run's folder under
  /// $TMPDIR. The profile and the log are under $TMPDIR either way.
  std::string stageIn;
  /// When the PDFs' bytes reach the disk (the batch build defers to one syncfs).
  util::Durability durability = util::Durability::SyncEachFile;
};

/// One conversion: `input` (.docx, .xlsx, or anything LibreOffice opens) to the
/// PDF at `output`.
struct PdfJob {
  PdfJob() = default;
  PdfJob(std::string in, std::string out) : input(std::move(in)), output(std::move(out)) {}

  std::string input;
  std::string output;
  /// The input's contents when they are not in a file (the batch build's DOCX
  /// for a PDF alone): `input` then only names the document in messages, and its
  /// extension picks LibreOffice's import filter.
  std::optional<std::string> bytes;
  /// This PDF's /CreationDate when it differs from ConvertOptions::epoch.
  std::optional<long long> epoch;
};

struct ConvertResult {
  std::vector<std::string> outputs;        ///< in job order
  std::vector<util::WriteResult> results;  ///< Written or Unchanged, per output
  std::string fontsConf;                   ///< the file used; empty if none was found
};

/// Converts every job in ONE LibreOffice start (one process, one profile; a
/// caller wanting N processes makes N calls, each gets its own). Throws
/// diag::InputError for an input that does not exist, std::invalid_argument for two jobs with the same
/// output, PdfUnavailable when LibreOffice is missing, ConvertError otherwise.
ConvertResult convert(const std::vector<PdfJob>& jobs, const ConvertOptions& options = {});

/// convert() with each output at outDir/<input stem>.pdf (outDir is created).
/// Two inputs with the same stem (a.docx, a.xlsx) are rejected with
/// std::invalid_argument: use convert() with explicit outputs for those.
ConvertResult convertToPdf(const std::vector<std::string>& docxOrXlsxPaths, const std::string& outDir,
                           const ConvertOptions& options = {});

struct PngOptions {
  /// The rasteriser. Empty: $BANGFU_PDFTOPPM, else `pdftoppm` on PATH.
  std::string pdftoppm;
  int timeoutSeconds = 120;
};

/// One PNG per page at `dpi`, named like pdftoppm does: <outPrefix>-<N>.png with
/// N zero-padded to the width of the page count (doc-1.png … or doc-01.png …).
/// Stale pages of an earlier preview with the same prefix (<outPrefix>-<digits>.png
/// beyond the new set) are removed. Returns the page files in order. Throws
/// diag::InputError for a missing PDF, PdfUnavailable without pdftoppm,
/// ConvertError if pdftoppm fails.
std::vector<std::string> renderPng(const std::string& pdfPath, const std::string& outPrefix, int dpi = 96,
                                   const PngOptions& options = {});

/// The fontconfig file for conversions, first found of: $BANGFU_FONTS_DIR/fonts.conf,
/// <executable dir>/../share/bangfu/fonts/fonts.conf (installed), the source
/// tree's fonts/fonts.conf (build tree). Empty if none exists.
std::string findFontsConf();

/// The LibreOffice launcher ConvertOptions::soffice resolves to (same rules), or
/// empty when none is installed. Lets callers report availability (`bangfu
/// plugins`, tests) without converting.
std::string findSoffice(const std::string& configured = {});

/// findSoffice(configured), or PdfUnavailable saying how to install LibreOffice
/// (Writer; with Calc too when `spreadsheets`). A caller that will convert later
/// (the batch build) asks first, so a missing LibreOffice stops it before it
/// writes anything.
std::string requireSoffice(const std::string& configured = {}, bool spreadsheets = false);

}  // namespace bangfu::pdf
