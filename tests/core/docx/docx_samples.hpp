#pragma once
/// Sample notices for the DOCX tests and the render test (tests/render): built
/// from the document model only, as a plugin would.
#include <string>

#include "bangfu/doc/document.hpp"

namespace bangfu::testkit {

/// A long 3号 body text (several full pages) with 一、/（一） headings, a name
/// list and 说明 notes: the 22-line × 28-character grid sample.
doc::Notice bodySampleNotice();

/// A portrait table of `rows` body rows with a header row, county cells that span
/// rows (rowSpan), a 黑体 unit inside a 仿宋 cell and a 合计 row.
doc::Notice tableSampleNotice(int rows);

/// Three appendices: portrait body, landscape table, portrait table (sections and
/// page-number parity across orientations).
doc::Notice mixedSampleNotice();

}  // namespace bangfu::testkit
