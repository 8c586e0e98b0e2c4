// StreamedSheet against libxlsxwriter 1.1.4 itself: the same calls made on a
// constant_memory worksheet and on a StreamedSheet give the same <sheetData>,
// <dimension> and <mergeCells>, byte for byte (xlsx_streamed_sheet.hpp).
#include "xlsx/xlsx_streamed_sheet.hpp"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <functional>
#include <string>

#include "bangfu/util/atomic_file.hpp"
#include "bangfu/zip/stored_archive.hpp"

namespace {

using bangfu::xlsx::detail::SheetCells;
using bangfu::xlsx::detail::StreamedSheet;
using bangfu::xlsx::detail::StreamedSheetData;
namespace fs = std::filesystem;

struct Formats {
  lxw_format* plain;
  lxw_format* bold;
  lxw_format* fang;
  lxw_format* fallback;
};

Formats addFormats(lxw_workbook* wb) {
  Formats f{workbook_add_format(wb), workbook_add_format(wb), workbook_add_format(wb),
            workbook_add_format(wb)};
  format_set_border(f.plain, LXW_BORDER_THIN);
  format_set_bold(f.bold);
  format_set_font_name(f.fang, "仿宋_GB2312");
  format_set_font_size(f.fang, 14);
  format_set_font_name(f.fallback, "Noto Serif CJK SC");
  format_set_font_size(f.fallback, 10.5);
  format_set_text_wrap(f.fallback);
  return f;
}

/// The calls a sheet gets: every kind of cell, escapes, merges in a row and
/// across rows (registered at their last row, as the writer does), row heights,
/// and writes to rows already flushed, which both refuse.
void writeCells(const SheetCells& c, const Formats& f) {
  lxw_rich_string_tuple a{f.fang, const_cast<char*>("杜光")};
  lxw_rich_string_tuple b{f.fallback, const_cast<char*>("旻")};
  lxw_rich_string_tuple d{nullptr, const_cast<char*>(" 等 ")};
  lxw_rich_string_tuple* rich[] = {&a, &b, &d, nullptr};
  c.setRow(0, 30);
  c.mergeRange(0, 0, 0, 3, "", f.bold);
  c.writeString(0, 0, "附件1 <表> & \"名单\"", f.bold);
  c.setRow(1, 0);
  c.writeString(1, 0, " leading space", f.plain);
  c.writeString(1, 1, "trailing\t", f.plain);
  c.writeString(1, 2, "ctl\x01\x1F\x0B end\nline", f.plain);
  c.writeString(1, 3, "", f.plain);
  c.writeString(1, 4, "", nullptr);
  c.setRow(2, 166.4);
  c.writeNumber(2, 0, 5, f.plain);
  c.writeNumber(2, 1, -0.125, f.plain);
  c.writeNumber(2, 2, 1e20, nullptr);
  c.writeNumber(2, 3, 123456789012345.0, f.fang);
  c.writeNumber(2, 4, -0.0, f.fang);
  c.writeRichString(3, 0, rich, f.fang);
  c.writeBlank(3, 1, f.plain);
  c.writeBlank(3, 2, nullptr);
  c.writeFormulaNum(3, 3, "=SUM(A3:B3)", f.plain, 4.875);
  c.writeFormulaNum(3, 4, "IF(A3<B3,1,0)", nullptr, 0);
  c.setRow(4, 15);
  c.setRow(5, 20.25);
  c.writeString(6, 1, "组", f.plain);
  c.writeString(7, 1, "组内", f.plain);
  c.mergeRange(7, 0, 5, 0, "县区", f.plain);  // swapped corners, registered at its last row
  c.writeString(2, 0, "too late", f.plain);   // a flushed row: refused
  c.setRow(1, 40);                            // refused too
  c.writeNumber(9, 6, 1, f.plain);
  c.writeNumber(9, 27, 2, f.plain);    // AB10
  c.writeNumber(10, 701, 3, f.plain);  // ZZ11
  c.writeNumber(10, 702, 4, f.plain);  // AAA11
  c.writeString(10, 16383, "XFD", f.plain);
  // Markup and controls at every offset of an eight-byte word among hanzi (the
  // escapes scan eight bytes at a time), and more distinct row heights than
  // StreamedSheet keeps the text of, each met again.
  for (int k = 0; k < 20; ++k) {
    const auto row = static_cast<lxw_row_t>(11 + k);
    const std::string pad(static_cast<std::size_t>(k), 'x');
    c.setRow(row, 10 + 0.37 * k);
    c.writeString(row, 0, (pad + "结对村：<甲>、乙&丙" + pad).c_str(), f.plain);
    c.writeString(row, 1, (pad + "\x02结对村" + pad + ">").c_str(), f.plain);
    c.writeString(row, 2, (pad + "帮扶单位" + pad + "\x1F").c_str(), f.plain);
    c.writeString(row, 3, ("第一行\n" + pad + "第二行\x03" + pad).c_str(),
                  f.plain);  // a control after a line break
  }
  for (int k = 0; k < 160; ++k) c.setRow(static_cast<lxw_row_t>(31 + k), 10 + 0.37 * (k % 80));
}

struct Parts {
  std::string dimension;
  std::string sheetData;
  std::string mergeCells;
};

std::string between(const std::string& xml, const std::string& open, const std::string& close) {
  const auto a = xml.find(open);
  if (a == std::string::npos) return {};
  const auto b = xml.find(close, a);
  return b == std::string::npos ? std::string() : xml.substr(a, b + close.size() - a);
}

TEST(StreamedSheet, WritesWhatLibxlsxwriterWritesInConstantMemoryMode) {
  const fs::path dir = fs::temp_directory_path() / ("bangfu-streamed-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string file = (dir / "lxw.xlsx").string();

  lxw_workbook_options opts{};
  opts.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(file.c_str(), &opts);
  ASSERT_NE(wb, nullptr);
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  const Formats lf = addFormats(wb);
  writeCells(SheetCells{ws, nullptr}, lf);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  const std::string archive = bangfu::util::readFile(file);
  std::string theirs;
  for (const auto& e : bangfu::zip::readEntries(archive))
    if (e.name == "xl/worksheets/sheet1.xml") theirs = bangfu::zip::inflateEntry(e);
  ASSERT_FALSE(theirs.empty());

  lxw_workbook* wb2 = workbook_new_opt((dir / "unused.xlsx").string().c_str(), &opts);
  const Formats sf = addFormats(wb2);
  StreamedSheet streamed;
  writeCells(SheetCells{nullptr, &streamed}, sf);
  const StreamedSheetData data = streamed.finish();
  lxw_workbook_free(wb2);
  bangfu::zip::ZipWriter z(0);
  z.addSplicedPart("rows", "<sheetData>", data.rows, "</sheetData>");
  const std::string rowsZip = z.finish();
  const std::string ours = bangfu::zip::inflateEntry(bangfu::zip::readEntries(rowsZip).front());

  EXPECT_TRUE(data.hasRows);
  EXPECT_EQ(ours, between(theirs, "<sheetData>", "</sheetData>"));
  EXPECT_EQ("<dimension ref=\"" + data.dimensionRef + "\"/>", between(theirs, "<dimension ", "/>"));
  EXPECT_EQ(data.mergeCells, between(theirs, "<mergeCells", "</mergeCells>"));
  EXPECT_NE(data.mergeCells.find("A6:A8"), std::string::npos) << data.mergeCells;
  fs::remove_all(dir);
}

TEST(StreamedSheet, AnEmptySheetKeepsItsEmptySheetData) {
  StreamedSheet streamed;
  const StreamedSheetData data = streamed.finish();
  EXPECT_FALSE(data.hasRows);
  EXPECT_EQ(data.dimensionRef, "A1");
  EXPECT_TRUE(data.mergeCells.empty());
}

}  // namespace
