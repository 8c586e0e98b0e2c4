#pragma once
/// The last step of an XLSX: the archive libxlsxwriter closed, rebuilt with each
/// streamed sheet's rows in place of its <sheetData/> and with the even pages'
/// footers (GB/T 9704 7.5, which libxlsxwriter 1.1 cannot write; docs/xlsx.md).
#include <optional>
#include <string>
#include <vector>

#include "xlsx/xlsx_streamed_sheet.hpp"

namespace bangfu::xlsx::detail {

/// Rewrites `file` in place. `streamed[i]` holds sheet i+1's rows when they were
/// streamed (StreamedSheet::finish), nullopt when libxlsxwriter wrote them. The
/// other parts are copied as they were deflated; a sheet libxlsxwriter wrote has
/// only its end deflated again (zip::editTail). Returns false with errno set when
/// the file cannot be read or written; throws zip::ArchiveError when
/// libxlsxwriter's archive is not as expected (an internal error).
bool finishPackage(const std::string& file, std::vector<std::optional<StreamedSheetData>>& streamed,
                   bool fictional);

}  // namespace bangfu::xlsx::detail
