#include "bangfu/io/workbook_body.hpp"

#include <stdexcept>

#include "bangfu/io/sheet.hpp"
#include "io/workbook_body_sheet.hpp"

namespace bangfu::io {

namespace {

bool endsWith(const std::string& s, const std::string& e) {
  return s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
}

/// The guide rows start with this mark and are not part of the notice.
constexpr const char* kGuideMark = "//";
/// Column A holds a paragraph: wide, wrapped (Excel's width units).
constexpr double kBodyColumnWidth = 100;

}  // namespace

std::optional<WorkbookBody> readWorkbookBody(const std::string& workbookPath) {
  const Workbook book = readXlsx(workbookPath);
  const Sheet* sheet = book.find(kBodySheet);
  if (sheet == nullptr) return std::nullopt;
  WorkbookBody body;
  for (int r = 1; r <= sheet->rowCount(); ++r) {
    const std::string& text = sheet->at(r, 1).text;
    if (text.empty() || text.compare(0, 2, kGuideMark) == 0) continue;
    if (body.rows.empty() && text.find('\n') == std::string::npos &&
        (endsWith(text, ".md") || endsWith(text, ".txt"))) {
      body.path = text;
      return body;
    }
    body.rows.push_back({text, diag::Location{workbookPath, kBodySheet, r, 1, {}}});
  }
  if (body.rows.empty()) return std::nullopt;
  return body;
}

std::vector<std::string> bodySheetGuide() {
  return {
      "// 正文：每行一段，从 A 列写起；以 // 开头的行是说明，不排入通知。也可以在 A1 只写 notice.md 的路径。",
      "// 标题序号照常书写：一、 （一） 1. （1），排版时自动用黑体、楷体、仿宋。",
      "// 印发通知：在被印发文件的标题前加 #，如“# 关于……的实施方案”。",
      "// 发文机关、发文字号、标题、主送、成文日期和附件取自“通知”表，不必重复；附件说明自动生成。",
  };
}

void writeBodySheet(lxw_workbook* wb, const std::vector<std::string>& paragraphs) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, kBodySheet);
  if (ws == nullptr) throw std::runtime_error("cannot add the 正文 sheet");
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");  // a paragraph such as 1.完善… stays text
  format_set_text_wrap(text);
  format_set_align(text, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* guide = workbook_add_format(wb);
  format_set_num_format(guide, "@");
  format_set_font_color(guide, 0x808080);
  worksheet_set_column(ws, 0, 0, kBodyColumnWidth, text);
  lxw_row_t r = 0;
  for (const auto& g : bodySheetGuide()) worksheet_write_string(ws, r++, 0, g.c_str(), guide);
  for (const auto& p : paragraphs) {
    if (p.empty()) continue;
    worksheet_write_string(ws, r++, 0, p.c_str(), text);
  }
}

}  // namespace bangfu::io
