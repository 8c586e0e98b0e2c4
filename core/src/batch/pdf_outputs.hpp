#pragma once
// The build's PDF outputs (docs/batch.md "PDF"): the DOCX of every PDF that must
// be regenerated is rendered with the other outputs, then all of them are
// converted at the end in as many LibreOffice processes as the build has jobs,
// one soffice --convert-to run (and one profile) per process. Internal to
// core/src/batch.
#include <string>
#include <vector>

#include "bangfu/batch/manifest.hpp"

namespace bangfu::batch::detail {

/// One PDF to produce.
struct PendingPdf {
  std::string rel;      ///< relative to the output folder
  std::string path;     ///< the output's path (its folder exists: OutputFolder::prepare)
  std::string docx;     ///< the DOCX it renders, as bytes
  long long epoch = 0;  ///< its /CreationDate (util::outputEpoch of its notice)
  ManifestEntry entry;  ///< input, scheme and entity filled; the rest once written
};

/// What became of one PendingPdf.
struct PdfOutcome {
  std::string rel;
  bool failed = false;
  bool changed = false;  ///< written (false: the same bytes were there, untouched)
  ManifestEntry entry;   ///< complete when !failed
};

/// A LibreOffice run that did not deliver, for every PDF of its batch.
struct PdfBatchFailure {
  std::string zh;
  std::string en;
  std::size_t outputs = 0;  ///< how many PDFs it took down
};

/// Converts `pending` (emptied) in min(processes, pending.size()) LibreOffice
/// runs side by side, the DOCX sizes balanced between them. Each PDF lands
/// atomically in its place (old or new after a kill), staged in a private
/// folder inside `outputDir`; bytes equal to the file there leave it untouched.
/// A run that fails or times out fails its own PDFs only (old files kept).
std::vector<PdfOutcome> convertPdfs(std::vector<PendingPdf>& pending, unsigned processes,
                                    const std::string& outputDir, std::vector<PdfBatchFailure>& failures);

}  // namespace bangfu::batch::detail
