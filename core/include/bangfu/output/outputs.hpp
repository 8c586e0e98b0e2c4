#pragma once
/// Writing one doc::Notice to several files as one transaction: every output is
/// first produced beside its target, and only when all succeeded are they renamed
/// into place. A failure leaves every previous output as it was.
#include <optional>
#include <string>
#include <vector>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/doc/document.hpp"
#include "bangfu/docx/docx_writer.hpp"
#include "bangfu/xlsx/xlsx_writer.hpp"

namespace bangfu::output {

enum class Format { Docx, Xlsx, Pdf };

/// docx, xlsx or pdf from a path's extension; nullopt otherwise.
std::optional<Format> formatOf(const std::string& path);
/// The file extension of a format, with its dot: ".docx", ".xlsx", ".pdf".
const char* extensionOf(Format format);

struct Target {
  std::string path;
  Format format;
  const doc::Notice* notice;  ///< what to write there
  /// DOCX and PDF: the notice itself before the appendices (版头 to 版记); XLSX ignores it.
  const doc::NoticeText* text = nullptr;
};

struct Options {
  docx::DocxOptions docx;
  xlsx::XlsxOptions xlsx;
};

struct Written {
  std::string path;
  bool changed;  ///< false: the bytes were already there, the file was not touched
};

/// Writes every target or none. Writer problems (an over-long XLSX cell) go to
/// `diags` and nothing is written; I/O failures and a missing LibreOffice throw.
std::vector<Written> writeAll(const std::vector<Target>& targets, const Options& options,
                              diag::Diagnostics& diags);

}  // namespace bangfu::output
