#pragma once
// The build's side of docs/security.md "Output folders" and "Manifests": which
// folder a project writes into, whether the manifest found there is this
// project's, and the deletion of outputs whose entity disappeared. Every path
// goes through util::OutputFolder.
#include <memory>
#include <set>
#include <string>

#include "bangfu/batch/build.hpp"
#include "bangfu/batch/manifest.hpp"
#include "bangfu/batch/project.hpp"
#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/util/output_folder.hpp"

namespace bangfu::batch::detail {

/// A project's output folder, opened, with its manifest read and judged.
struct OpenedOutput {
  std::unique_ptr<util::OutputFolder> folder;
  std::string manifestPath;
  /// As read. Its entries may spare regenerating an output (the file on disk is
  /// verified against them either way); only an owned one may delete.
  Manifest manifest;
  /// This project's manifest for this folder (same project file, same folder,
  /// both resolved): its entries and folders may be deleted when they vanish.
  bool owned = false;
  std::string projectReal;  ///< realpath of the project file
  std::string outputReal;   ///< realpath of the output folder
};

/// Creates the output folder (inside the project unless it came from the
/// command line, never through a link), removes what killed builds left there,
/// reads the manifest and decides whether it is this project's. Returns false,
/// with the errors in `diags`, when the build must not touch the folder
/// (project.output-outside, build.output-taken).
bool openOutput(const Project& project, OpenedOutput& out, diag::Diagnostics& diags);

/// True when `rel` is a regular file (no link on the way) that is the one `entry` records.
bool outputMatches(util::OutputFolder& folder, const std::string& rel, const ManifestEntry& entry);

/// Deletes the outputs listed in `current` that are no longer `declared` and
/// whose scheme did not fail, when the manifest is `owned`; a file that is not
/// the one recorded (changed by hand, replaced by a link) is kept with a
/// warning and dropped from the manifest. Empty folders are removed only when
/// `current.folders` lists them. Fills report.removed / report.failed.
void removeVanished(OpenedOutput& out, Manifest& current, const std::set<std::string>& declared,
                    const std::set<std::string>& failedSchemes, BuildReport& report);

/// Records a failure of the build itself (I/O, a plugin that threw; not the
/// input's fault) in report.diags, counted in report.internalErrors, located at `file`.
void internalError(BuildReport& report, const std::string& code, const std::string& file,
                   const std::string& zh, const std::string& en);

}  // namespace bangfu::batch::detail
