// markWorkbook on hostile packages: every failure is a located InputError, never a
// crash, and a workbook with nothing to mark comes back byte for byte.
#include "bangfu/mark/mark.hpp"

#include <gtest/gtest.h>

#include "zip/zip_writer.hpp"

namespace {

using bangfu::diag::Diagnostics;
using bangfu::diag::InputError;

constexpr const char* kContentTypes =
    "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
constexpr const char* kRootRels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
    "Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"xl/workbook.xml\"/></Relationships>";
constexpr const char* kWorkbook =
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet "
    "name=\"团组\" "
    "sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
constexpr const char* kWorkbookRels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
    "Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/></Relationships>";
constexpr const char* kStyles =
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><fills "
    "count=\"2\"><fill/><fill/>"
    "</fills><cellXfs count=\"1\"><xf fillId=\"0\"/></cellXfs></styleSheet>";
constexpr const char* kSheet =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row "
    "r=\"2\"><c r=\"A2\" "
    "t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData></worksheet>";

std::string package(const std::string& sheet = kSheet, const std::string& styles = kStyles) {
  bangfu::zip::ZipWriter zip(0);
  zip.addPart("[Content_Types].xml", kContentTypes);
  zip.addPart("_rels/.rels", kRootRels);
  zip.addPart("xl/workbook.xml", kWorkbook);
  zip.addPart("xl/_rels/workbook.xml.rels", kWorkbookRels);
  if (!styles.empty()) zip.addPart("xl/styles.xml", styles);
  zip.addPart("xl/worksheets/sheet1.xml", sheet);
  return zip.finish();
}

Diagnostics oneAt(int row, int column, const std::string& sheet = "团组") {
  Diagnostics d;
  d.error("ref.unknown-unit", {"wb.xlsx", sheet, row, column, ""}, "单位“市人房办”不存在", "unknown unit",
          "改为“市人防办”");
  return d;
}

std::string codeOf(const std::string& bytes, const Diagnostics& diags) {
  try {
    (void)bangfu::mark::markWorkbook(bytes, "wb.xlsx", diags);
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostic().where.file, "wb.xlsx");
    return e.diagnostic().code;
  }
  return "";
}

TEST(MarkTest, MarksAMissingCellInRowAndColumnOrderAndAddsTheComment) {
  const auto m = bangfu::mark::markWorkbook(package(), "wb.xlsx", oneAt(5, 3));
  EXPECT_EQ(m.cells, 1u);
  EXPECT_EQ(m.unplaced, 0u);
  EXPECT_NE(m.bytes, package());
}

TEST(MarkTest, NothingToMarkGivesTheSameBytes) {
  const std::string bytes = package();
  Diagnostics none;
  none.warning("x", {"wb.xlsx", "", 0, 0, "plugin"}, "无位置", "no place");
  const auto m = bangfu::mark::markWorkbook(bytes, "wb.xlsx", none);
  EXPECT_EQ(m.bytes, bytes);
  EXPECT_EQ(m.unplaced, 1u);
  // A sheet the workbook does not have is not a place either.
  EXPECT_EQ(bangfu::mark::markWorkbook(bytes, "wb.xlsx", oneAt(2, 1, "没有这张表")).unplaced, 1u);
}

TEST(MarkTest, HostilePackagesAreLocatedInputErrors) {
  EXPECT_EQ(codeOf("not a zip at all", oneAt(2, 1)), "mark.bad-workbook");
  const std::string good = package();
  EXPECT_EQ(codeOf(good.substr(0, good.size() / 2), oneAt(2, 1)), "mark.bad-workbook");
  EXPECT_EQ(codeOf(package("<worksheet><sheetData>", kStyles), oneAt(2, 1)), "mark.bad-workbook");
  EXPECT_EQ(codeOf(package(kSheet, ""), oneAt(2, 1)), "mark.bad-workbook");
  EXPECT_EQ(codeOf(package(kSheet, "<styleSheet/>"), oneAt(2, 1)), "mark.bad-workbook");
  // A sheet without sheetData gets one in its place.
  EXPECT_EQ(
      codeOf(package("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>"),
             oneAt(2, 1)),
      "");
}

}  // namespace
