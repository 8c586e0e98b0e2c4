#pragma once
/// Byte-stable PDFs from LibreOffice. Internal to core/src/pdf.
#include <string>

namespace bangfu::pdf::detail {

/// Rewrites, in place and at the same length (so the xref offsets stay valid),
/// the three things LibreOffice 7.x varies between two exports of the same
/// document (measured: `cmp -l` of two runs differs only there):
///  - /CreationDate and /ModDate (D:YYYYMMDDHHmmSS + zone): set to `epoch` in UTC
///    with a zero offset (ISO 32000-1 7.9.4);
///  - the trailer /ID pair (ISO 32000-1 14.4) and LibreOffice's /DocChecksum:
///    set to the MD5 of the file with those fields zeroed, so they still
///    identify the content.
/// Returns the number of fields rewritten.
int normalizePdf(std::string& pdf, long long epoch);

}  // namespace bangfu::pdf::detail
