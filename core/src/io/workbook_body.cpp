#include "bangfu/io/workbook_body.hpp"

#include "bangfu/io/sheet.hpp"

namespace bangfu::io {

namespace {

bool endsWith(const std::string& s, const std::string& e) {
  return s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
}

/// The guide rows start with this mark and are not part of the notice.
constexpr const char* kGuideMark = "//";

}  // namespace

std::optional<WorkbookBody> readWorkbookBody(const std::string& workbookPath) {
  const Workbook book = readXlsx(workbookPath);
  const Sheet* sheet = book.find(kBodySheet);
  if (sheet == nullptr) return std::nullopt;
  WorkbookBody body;
  for (int r = 1; r <= sheet->rowCount(); ++r) {
    const std::string& text = sheet->at(r, 1).text;
    if (text.empty() || text.compare(0, 2, kGuideMark) == 0) continue;
    if (body.rows.empty() && text.find('\n') == std::string::npos && (endsWith(text, ".md") || endsWith(text, ".txt"))) {
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

}  // namespace bangfu::io
