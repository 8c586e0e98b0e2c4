#include "table_builder.hpp"

#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cctype>
#include <clocale>
#include <cmath>
#include <cstdlib>
#include <future>
#include <system_error>

#include "bangfu/io/text_checks.hpp"
#include "bangfu/numfmt/numfmt.hpp"
#include "bangfu/text/width.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "commands.hpp"
#include "table_layout.hpp"

namespace bangfu::cli {

namespace {

/// Column weights follow the widest content, clamped so that one long cell does
/// not starve the others (it wraps instead).
constexpr std::size_t kMinColumnUnits = 4;
constexpr std::size_t kMaxColumnUnits = 40;
/// Body rows from which buildTable builds the table's rows on two threads.
constexpr std::size_t kRowsForTwoThreads = 4096;

bool emptyCell(const io::SheetCell& c) {
  return c.type == io::SheetCell::Type::Empty || c.text.find_first_not_of(" \t\r\n") == std::string::npos;
}

/// A number in text: 1,234 / 1 234 / " 15.25 " (separators and spaces allowed).
std::optional<double> parseNumber(const std::string& text) {
  // A text that starts with a character outside ASCII (a name, a list of units)
  // is no number: strtod would say so only after the copy below. Only the
  // locale's decimal point could start a number there.
  const auto first = std::find_if(text.begin(), text.end(), [](char ch) {
    return ch != ',' && std::isspace(static_cast<unsigned char>(ch)) == 0;
  });
  if (first != text.end() && static_cast<unsigned char>(*first) >= 0x80 &&
      *first != *std::localeconv()->decimal_point)
    return std::nullopt;
  std::string t;
  t.reserve(text.size());
  for (char ch : text)
    if (ch != ',' && ch != ' ' && ch != '\t') t += ch;
  if (t.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  if (end && *end == '\0' && std::isfinite(v)) return v;
  return std::nullopt;
}

/// The value of a cell: a number or date keeps its value whatever it shows.
std::optional<double> numberOf(const io::SheetCell& c) {
  if (c.type == io::SheetCell::Type::Number) return c.number;
  if (c.type != io::SheetCell::Type::String) return std::nullopt;
  return parseNumber(c.text);
}

/// "2个", "15.5万": the number a unit was typed after, for the suggestion.
std::string leadingNumber(const std::string& text) {
  const auto start = text.find_first_not_of(" \t");
  if (start == std::string::npos) return {};
  char* end = nullptr;
  const double v = std::strtod(text.c_str() + start, &end);
  if (end == text.c_str() + start || !std::isfinite(v)) return {};
  return text.substr(start, static_cast<std::size_t>(end - (text.c_str() + start)));
}

/// Decimals shown in a number's text (1,234.50 → 2).
int decimalsShown(const std::string& text) {
  const auto dot = text.find('.');
  if (dot == std::string::npos) return 0;
  int n = 0;
  for (std::size_t i = dot + 1; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i)
    ++n;
  return n;
}

std::string trimmed(const std::string& s) {
  const auto a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return {};
  const auto b = s.find_last_not_of(" \t");
  return s.substr(a, b - a + 1);
}

std::string columnLetters(int column) {
  std::string s;
  for (int c = column; c > 0; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
  return s;
}

std::string joinNumbers(const std::vector<int>& v, bool letters) {
  std::string out;
  for (std::size_t i = 0; i < v.size() && i < 20; ++i)
    out += (out.empty() ? "" : "、") + (letters ? columnLetters(v[i]) : std::to_string(v[i]));
  if (v.size() > 20) out += "…";
  return out;
}

int columnIndex(const std::string& spec, const std::vector<std::string>& headers,
                const std::vector<std::string>& leaves) {
  for (std::size_t i = 0; i < headers.size(); ++i)
    if (headers[i] == spec) return static_cast<int>(i);
  int found = -1;
  for (std::size_t i = 0; i < leaves.size(); ++i) {
    if (leaves[i] != spec) continue;
    if (found >= 0) return -2;  // ambiguous: 存款 under 1月 and under 2月
    found = static_cast<int>(i);
  }
  if (found >= 0) return found;
  if (!spec.empty() && std::all_of(spec.begin(), spec.end(), ::isdigit)) {
    const int n = std::atoi(spec.c_str());
    return n >= 1 && n <= static_cast<int>(headers.size()) ? n - 1 : -1;
  }
  if (!spec.empty() && spec.size() <= 2 && std::all_of(spec.begin(), spec.end(), ::isupper)) {
    int n = 0;
    for (char ch : spec) n = n * 26 + (ch - 'A' + 1);
    return n <= static_cast<int>(headers.size()) ? n - 1 : -1;
  }
  return -1;
}

/// A cell of one line and one run, as doc::Cell::text makes it, built in its row.
doc::Cell& appendTextCell(doc::Row& row, std::string text, doc::Align align) {
  doc::Cell& cell = row.cells.emplace_back();
  cell.align = align;
  cell.lines.reserve(1);
  doc::Paragraph& line = cell.lines.emplace_back();
  line.role = doc::ParagraphRole::Plain;
  line.runs.reserve(1);
  line.runs.emplace_back().text = std::move(text);
  return cell;
}

}  // namespace

doc::Appendix buildTable(io::Sheet& sheet, const TableRequest& request, diag::Diagnostics& diags) {
  doc::Appendix appendix;
  appendix.id = "table";
  appendix.label = request.label;
  appendix.orientation = request.landscape ? doc::Orientation::Landscape : doc::Orientation::Portrait;

  const Grid grid(sheet, request.includeHidden);
  const bool xlsx = !grid.csv() && !sheet.name.empty();
  if (!grid.hiddenRows.empty() || !grid.hiddenColumns.empty()) {
    std::string zh, en;
    if (!grid.hiddenRows.empty()) {
      zh += "第" + joinNumbers(grid.hiddenRows, false) + "行";
      en += "rows " + joinNumbers(grid.hiddenRows, false);
    }
    if (!grid.hiddenColumns.empty()) {
      zh += (zh.empty() ? "" : "和") + joinNumbers(grid.hiddenColumns, true) + "列";
      en += (en.empty() ? "" : " and ") + std::string("columns ") + joinNumbers(grid.hiddenColumns, true);
    }
    diags.warning("table.hidden", {sheet.file, sheet.name, 0, 0, ""}, "隐藏的" + zh + "有内容，未列入表格",
                  "hidden " + en + " hold data and were left out", "要列入隐藏的行列，加 --include-hidden",
                  "to include hidden rows and columns, add --include-hidden");
  }

  const TableLayout layout = detectLayout(grid, request.headerRow, request.headerRows, request.totals, diags);
  appendix.title = request.titleGiven || layout.title.empty() ? request.title : layout.title;
  std::string stem = appendix.title;
  std::replace(stem.begin(), stem.end(), '\n', ' ');
  appendix.fileStem = request.label.empty() ? stem : request.label + "-" + stem;

  if (layout.headerFirst >= grid.rowCount()) {
    diags.error("table.empty", {sheet.file, sheet.name, 0, 0, ""}, "数据为空：没有表头行",
                "the data is empty: no header row",
                xlsx ? "在工作表中写表头（列名），其后每行一条记录" : "第一行写列名，其后每行一条记录",
                xlsx ? "write a header row (the column names) in the sheet, then one record a row"
                     : "write the column names in the first line, then one record a line");
    return appendix;
  }
  const std::size_t width = layout.width;
  const std::size_t h0 = layout.headerFirst;
  const std::size_t hn = layout.headerCount;

  // Column names: the header texts from top to bottom, a merged group once (1月/存款).
  std::vector<std::string> headers(width), leaves(width);
  for (std::size_t c = 0; c < width; ++c) {
    std::string last;
    for (std::size_t r = h0; r < h0 + hn; ++r) {
      const std::string t = trimmed(grid.at(r, c).text);
      if (t.empty() || t == last) continue;
      headers[c] += (headers[c].empty() ? "" : "/") + t;
      last = t;
    }
    leaves[c] = last;
  }

  // Body rows; the sheet's 合计 row is kept aside, 小计 rows are printed but not summed.
  std::vector<std::size_t> body;
  std::vector<bool> subtotal;
  long statedTotal = -1;
  for (std::size_t r = h0 + hn; r < grid.rowCount(); ++r) {
    if (grid.blank(r)) continue;
    // Ragged rows: a CSV row with another field count than the header, or a
    // worksheet row with data beyond the header's last column.
    if (grid.csv()) {
      const int fields = grid.fieldCount(r);
      const int expected = grid.fieldCount(h0);
      if (fields != expected) {
        diags.error("table.ragged", grid.place(r, static_cast<std::size_t>(std::min(fields, expected))),
                    "本行有" + std::to_string(fields) + "列，表头有" + std::to_string(expected) + "列",
                    "row has " + std::to_string(fields) + " fields, the header " + std::to_string(expected),
                    "检查本行是否多了或少了分隔符（逗号），或字段中的逗号是否加了引号",
                    "check this line for a missing or extra separator (comma), or a comma inside a field "
                    "without quotes");
        continue;
      }
    } else {
      std::size_t extra = width;
      while (extra < grid.columnCount() && emptyCell(grid.at(r, extra))) ++extra;
      if (extra < grid.columnCount()) {
        diags.error("table.ragged", grid.place(r, extra),
                    "表头只有" + std::to_string(width) + "列（到" +
                        columnLetters(grid.place(h0, width - 1).column) + "列），本行在" +
                        diag::cellName(grid.place(r, extra).row, grid.place(r, extra).column) + "还有内容",
                    "the header has " + std::to_string(width) + " columns but this row has data in " +
                        diag::cellName(grid.place(r, extra).row, grid.place(r, extra).column),
                    "给该列加上表头，或删除表头右侧多出的内容",
                    "give the column a header, or delete what stands right of the header");
        continue;
      }
    }
    const TotalKind kind = totalKindOf(grid, r, width);
    if (kind == TotalKind::Total) {
      statedTotal = static_cast<long>(r);  // the last one counts; it is printed once
      continue;
    }
    body.push_back(r);
    subtotal.push_back(kind == TotalKind::Subtotal);
  }
  if (body.empty())
    diags.warning("table.no-rows", grid.place(h0, 0), "只有表头，没有数据行",
                  "the data has a header but no rows",
                  xlsx ? "在表头下面的行里填写数据" : "在第一行（列名）之后每行写一条记录",
                  xlsx ? "fill in the data in the rows under the header"
                       : "write one record a line after the first line (the column names)");

  std::vector<int> totalColumns;
  for (const auto& spec : request.totals) {
    const int c = columnIndex(spec, headers, leaves);
    if (c == -2) {
      // Located at the first header cell of that name; every joined name offered.
      std::string both, choices, choicesEn;
      std::size_t first = width;
      for (std::size_t i = 0; i < leaves.size(); ++i) {
        if (leaves[i] != spec) continue;
        if (first == width) first = i;
        both += (both.empty() ? "" : "、") + headers[i];
        choices += (choices.empty() ? "" : " 或 ") + std::string("--total ") + headers[i];
        choicesEn += (choicesEn.empty() ? "" : ", ") + std::string("--total ") + headers[i];
      }
      diag::Location where = grid.place(h0 + hn - 1, first);
      where.field = "--total " + spec;
      diags.error("table.unknown-column", where, "“" + spec + "”是多列的表头（" + both + "），不知合计哪一列",
                  "'" + spec + "' heads several columns (" + both + "); use one of " + choicesEn,
                  "写出全名：" + choices, "write the full name: " + choicesEn);
      continue;
    }
    if (c < 0) {
      std::string known;
      for (const auto& h : headers) known += (known.empty() ? "" : "、") + h;
      const std::string near = diag::nearest(spec, headers);
      diags.error("table.unknown-column", {sheet.file, sheet.name, 0, 0, "--total " + spec},
                  "没有名为“" + spec + "”的列（现有：" + known + "）", "no column named '" + spec + "'",
                  near.empty() || near == spec ? "用列名、列字母（C）或列号（3）" : "改为“" + near + "”",
                  near.empty() || near == spec ? "give a column name, letter (C) or number (3)"
                                               : "change it to \"" + near + "\"");
      continue;
    }
    totalColumns.push_back(c);
  }
  // A column is numeric when every non-empty body cell is a number.
  std::vector<bool> numeric(width, !body.empty());
  std::vector<std::size_t> widest(width, kMinColumnUnits);
  for (std::size_t c = 0; c < width; ++c)
    for (std::size_t r = h0; r < h0 + hn; ++r)
      widest[c] = std::min(kMaxColumnUnits, std::max(widest[c], text::displayWidth(grid.at(r, c).text)));
  for (std::size_t r : body) {
    for (std::size_t c = 0; c < width; ++c) {
      const io::SheetCell& cell = grid.at(r, c);
      if (numeric[c] && !cell.text.empty() && !numberOf(cell)) numeric[c] = false;
      // A text is never wider than its bytes (at most 2 units a code point, 1 for
      // ASCII): only a longer one can widen the column.
      if (widest[c] < kMaxColumnUnits && cell.text.size() > widest[c])
        widest[c] = std::min(kMaxColumnUnits, std::max(widest[c], text::displayWidth(cell.text)));
    }
  }

  // With the sheet's own 合计 row and no --total, its numeric columns are checked.
  std::vector<int> checkedColumns = totalColumns;
  if (statedTotal >= 0 && totalColumns.empty()) {
    for (std::size_t c = 0; c < width; ++c)
      if (numeric[c] && grid.at(static_cast<std::size_t>(statedTotal), c).type == io::SheetCell::Type::Number)
        checkedColumns.push_back(static_cast<int>(c));
  }

  // Sums over the values (not the rounded texts), and over the texts as printed.
  std::vector<double> sums(width, 0.0), printedSums(width, 0.0);
  std::vector<int> decimals(width, 0);
  std::vector<bool> grouped(width, false);
  // The number format every part of a total column shows in (empty: General or
  // mixed), which the total shows in too (issue 22: 98.76 % stays a percentage).
  std::vector<std::string> sharedFormat(width);
  std::vector<bool> formatSeen(width, false);
  std::vector<std::optional<double>> converted(body.size() * width);  // text numbers of total columns
  for (int c : checkedColumns) {
    const auto cu = static_cast<std::size_t>(c);
    for (std::size_t i = 0; i < body.size(); ++i) {
      if (subtotal[i]) continue;
      const std::size_t r = body[i];
      const io::SheetCell& cell = grid.at(r, cu);
      if (emptyCell(cell)) continue;
      const std::optional<double> v = numberOf(cell);
      if (!v) {
        const std::string lead = leadingNumber(cell.text);
        diags.error("table.not-a-number", grid.place(r, cu),
                    "合计列“" + headers[cu] + "”中的“" + cell.text + "”不是数字",
                    "'" + cell.text + "' in total column '" + headers[cu] + "' is not a number",
                    lead.empty() ? "改为数字，或去掉该列的 --total"
                                 : "改为数字 " + lead + "（单位写进表头，如“" + leaves[cu] + "（个）”）",
                    lead.empty() ? "make it a number, or drop --total for this column"
                                 : "change it to the number " + lead +
                                       " (put the unit in the header, e.g. \"" + leaves[cu] + "（个）\")");
        continue;
      }
      if (xlsx && cell.type == io::SheetCell::Type::String) {
        diags.warning(
            "table.text-number", grid.place(r, cu),
            "“" + cell.text + "”是文本格式的数字：Excel 的 SUM 不计入它，bangfu 按 " + trimmed(cell.text) +
                " 计入合计",
            "'" + cell.text + "' is a number stored as text: Excel's SUM skips it; bangfu counts it as " +
                trimmed(cell.text),
            "在 Excel 中选中该单元格，点黄色感叹号“转换为数字”",
            "select the cell in Excel and choose \"Convert to Number\" at the yellow exclamation mark");
        converted[i * width + cu] = v;
      }
      sums[cu] += *v;
      const std::optional<double> printed = parseNumber(cell.text);
      printedSums[cu] += printed.value_or(*v);
      decimals[cu] = std::max(decimals[cu], decimalsShown(cell.text));
      grouped[cu] = grouped[cu] || cell.text.find(',') != std::string::npos;
      const std::string& code = grid.sheet().numberFormatOf(cell);
      if (!formatSeen[cu]) {
        sharedFormat[cu] = code;
        formatSeen[cu] = true;
      } else if (sharedFormat[cu] != code) {
        sharedFormat[cu].clear();
      }
    }
  }
  auto bodyRange = [&](std::size_t c) {
    if (body.empty()) return std::string();
    return diag::cellName(grid.place(body.front(), c).row, grid.place(body.front(), c).column) + ":" +
           diag::cellName(grid.place(body.back(), c).row, grid.place(body.back(), c).column);
  };
  // The total's text as the parts print: their decimals, their thousands separators.
  auto totalText = [&](std::size_t c, double v) {
    if (!sharedFormat[c].empty()) return numfmt::Format::parse(sharedFormat[c]).format(v);
    std::string code = grouped[c] ? "#,##0" : "0";
    if (decimals[c] > 0) code += "." + std::string(static_cast<std::size_t>(decimals[c]), '0');
    return numfmt::Format::parse(code).format(v);
  };
  for (int c : checkedColumns) {
    const auto cu = static_cast<std::size_t>(c);
    if (statedTotal >= 0) {
      const io::SheetCell& stated = grid.at(static_cast<std::size_t>(statedTotal), cu);
      const std::optional<double> v = numberOf(stated);
      if (v && std::fabs(*v - sums[cu]) > 1e-9 * std::max(1.0, std::fabs(sums[cu]))) {
        diags.warning(
            "table.total-mismatch", grid.place(static_cast<std::size_t>(statedTotal), cu),
            "表中“" + headers[cu] + "”的合计为 " + stated.text + "，各行（" + bodyRange(cu) + "）相加为 " +
                totalText(cu, sums[cu]),
            "the sheet's total of '" + headers[cu] + "' is " + stated.text + ", its rows (" + bodyRange(cu) +
                ") add up to " + totalText(cu, sums[cu]),
            std::string(grid.hiddenRows.empty() ? "" : "隐藏的行未列入表格，也未计入；") +
                (totalColumns.empty() ? "核对各行数字，或改正合计；加 --total 可按各行重新计算"
                                      : "已按各行重新计算合计；请核对各行数字"),
            std::string(grid.hiddenRows.empty() ? "" : "hidden rows are neither in the table nor counted; ") +
                (totalColumns.empty()
                     ? "check the rows, or correct the total; --total recomputes it from the rows"
                     : "the total is recomputed from the rows; check the rows"));
      }
    }
    const double scale = std::pow(10.0, decimals[cu]);
    const double printedTotal = std::round(sums[cu] * scale) / scale;
    if (std::fabs(printedTotal - printedSums[cu]) > 0.5 / scale) {
      diags.warning("table.rounding", {sheet.file, sheet.name, 0, 0, bodyRange(cu)},
                    "“" + headers[cu] + "”各行显示的数相加为 " + totalText(cu, printedSums[cu]) +
                        "，按实际值合计为 " + totalText(cu, sums[cu]) +
                        "：四舍五入使合计与各行显示之和不符（" + bodyRange(cu) + "）",
                    "the shown values of '" + headers[cu] + "' add up to " + totalText(cu, printedSums[cu]) +
                        ", the values to " + totalText(cu, sums[cu]) + ": rounding (" + bodyRange(cu) + ")",
                    "如需一致，在 Excel 中用 ROUND 把各行取整后再合计，或在说明中注明合计按未取整数计算",
                    "to make them agree, round each row with ROUND in Excel before the total, or say in a "
                    "note that the total is of the unrounded figures");
    }
  }

  doc::Table table;
  table.name = stem;
  for (std::size_t c = 0; c < width; ++c) {
    doc::Column col;
    col.key = headers[c];
    col.weight = static_cast<double>(widest[c]);
    col.numeric = numeric[c];
    col.align = numeric[c] ? doc::Align::Center : doc::Align::Left;
    table.columns.push_back(col);
  }
  // Header rows, HTML-style: a merged cell is listed in the row it starts in.
  for (std::size_t r = h0; r < h0 + hn; ++r) {
    doc::Row header;
    header.kind = doc::RowKind::Header;
    for (std::size_t c = 0; c < width; ++c) {
      const Grid::Span* s = grid.spanAt(r, c);
      if (s != nullptr && s->firstRow < r && s->firstRow >= h0) continue;
      if (s != nullptr && s->firstCol < c) continue;
      doc::Cell cell = doc::Cell::text(trimmed(grid.at(r, c).text), doc::Align::Center);
      if (s != nullptr) {
        cell.rowSpan = static_cast<int>(std::min(s->lastRow, h0 + hn - 1) - r + 1);
        cell.colSpan = static_cast<int>(std::min(s->lastCol, width - 1) - c + 1);
      }
      header.cells.push_back(std::move(cell));
    }
    table.rows.push_back(std::move(header));
  }
  // The values of the numeric columns' cells, read here so that the rows below
  // only copy them (parseNumber asks the locale, which is not for two threads).
  for (std::size_t c = 0; c < width; ++c) {
    if (!numeric[c]) continue;
    for (std::size_t i = 0; i < body.size(); ++i) {
      const io::SheetCell& cell = grid.at(body[i], c);
      if (!converted[i * width + c] && !emptyCell(cell)) converted[i * width + c] = numberOf(cell);
    }
  }
  // The body cells' texts move into the table: nothing below reads them, and the
  // sheet is freed once the table is built.
  const std::size_t firstBody = table.rows.size();
  table.rows.reserve(firstBody + body.size() + 1);
  table.rows.resize(firstBody + body.size());
  const auto buildRows = [&](std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      doc::Row& row = table.rows[firstBody + i];
      row.cells.reserve(width);
      for (std::size_t c = 0; c < width; ++c) {
        const io::SheetCell& cell = grid.at(body[i], c);
        // The shown text (the cell's number format applied); the value stays for XLSX and sums.
        if (numeric[c] && !emptyCell(cell)) {
          const std::optional<double>& number = converted[i * width + c];
          doc::Cell& d = appendTextCell(row, trimmed(cell.text), doc::Align::Center);
          d.number = number;
          if (number && cell.type == io::SheetCell::Type::Number)
            d.numberFormat = grid.sheet().numberFormatOf(cell);
        } else {
          appendTextCell(row, grid.takeText(body[i], c, sheet), doc::Align::Inherit);
        }
      }
    }
  };
  // A large table's rows are built by two threads, a half each: before the
  // writers deflate, the second core is idle (issue 16, 20000 rows).
  std::future<void> secondHalf;
  const std::size_t half = body.size() >= kRowsForTwoThreads ? body.size() / 2 : body.size();
  if (half < body.size()) {
    try {
      secondHalf = std::async(std::launch::async, buildRows, half, body.size());
    } catch (const std::system_error&) {
      // No thread to be had: this one builds them all.
    }
  }
  buildRows(0, secondHalf.valid() ? half : body.size());
  if (secondHalf.valid()) secondHalf.get();
  if (!totalColumns.empty()) {
    doc::Row total;
    total.kind = doc::RowKind::Total;
    for (std::size_t c = 0; c < width; ++c) {
      if (std::find(totalColumns.begin(), totalColumns.end(), static_cast<int>(c)) != totalColumns.end()) {
        doc::Cell cell = doc::Cell::text(totalText(c, sums[c]), doc::Align::Center);
        cell.number = sums[c];
        cell.numberFormat = sharedFormat[c];
        cell.columnTotal = std::find(subtotal.begin(), subtotal.end(), true) == subtotal.end();
        total.cells.push_back(std::move(cell));
      } else {
        total.cells.push_back(doc::Cell::text(c == 0 ? "合计" : "", doc::Align::Center));
      }
    }
    table.rows.push_back(std::move(total));
  } else if (statedTotal >= 0) {
    // The sheet's own 合计 row, printed once, as the sheet has it.
    doc::Row total;
    total.kind = doc::RowKind::Total;
    for (std::size_t c = 0; c < width; ++c) {
      const io::SheetCell& cell = grid.at(static_cast<std::size_t>(statedTotal), c);
      doc::Cell d = doc::Cell::text(trimmed(cell.text), doc::Align::Center);
      if (cell.type == io::SheetCell::Type::Number) {
        d.number = cell.number;
        d.numberFormat = grid.sheet().numberFormatOf(cell);
        // A formula =SUM in XLSX only where it gives what the sheet states.
        d.columnTotal = std::fabs(cell.number - sums[c]) <= 1e-9 * std::max(1.0, std::fabs(sums[c])) &&
                        std::find(subtotal.begin(), subtotal.end(), true) == subtotal.end();
      }
      total.cells.push_back(std::move(d));
    }
    table.rows.push_back(std::move(total));
  }
  appendix.blocks.emplace_back(std::move(table));
  if (!request.notes.empty()) {
    doc::Notes notes;
    notes.items = request.notes;
    appendix.blocks.emplace_back(std::move(notes));
  }
  return appendix;
}

namespace {

/// JSON data, in one of three shapes:
///   [["县","村数"], ["莲都区", 16]]                         arrays, the first is the header
///   [{"县": "莲都区", "村数": 16}]                         objects, keys in document order
///   {"title": T, "columns": [...], "rows": [[...] | {...}]}  columns named, rows matched by position
io::Sheet readJsonTable(const std::string& path, std::string* title) {
  const std::string text = util::readFile(path);
  io::Sheet sheet;
  sheet.file = path;
  auto fail = [&](const std::string& field, const std::string& zh, const std::string& en) {
    diag::Diagnostic d;
    d.code = "table.json";
    d.where = {path, "", 0, 0, field};
    d.message = zh;
    d.messageEn = en;
    d.suggestion = R"(写成 [["列1","列2"],["值",1]]、[{"列1":"值"}] 或 {"columns":[…],"rows":[…]})";
    d.suggestionEn =
        R"(write [["column 1","column 2"],["value",1]], [{"column 1":"value"}] or {"columns":[…],"rows":[…]})";
    throw diag::InputError(d);
  };
  Poco::Dynamic::Var root;
  try {
    Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));  // keep object key order
    root = parser.parse(text);
  } catch (const Poco::Exception& e) {
    fail("", "JSON 语法错误：" + e.message(), "JSON syntax error: " + e.message());
  }
  // The readers' own rule: control characters and duplicate keys, located.
  diag::Diagnostics textProblems;
  io::checkJsonText(text, path, textProblems);
  for (const auto& d : textProblems.items())
    if (d.severity == diag::Severity::Error) throw diag::InputError(d);
  auto cellOf = [](const Poco::Dynamic::Var& v) {
    io::SheetCell c;
    if (v.isEmpty()) return c;
    if (v.isNumeric()) {
      c.type = io::SheetCell::Type::Number;
      c.number = v.convert<double>();
    } else {
      c.type = io::SheetCell::Type::String;
    }
    c.text = v.convert<std::string>();
    return c;
  };
  Poco::JSON::Array::Ptr rows;
  std::vector<std::string> keys;
  if (root.type() == typeid(Poco::JSON::Object::Ptr)) {
    const auto& obj = root.extract<Poco::JSON::Object::Ptr>();
    if (!obj->isArray("rows")) fail("rows", "缺少数组 rows", "no array 'rows'");
    rows = obj->getArray("rows");
    if (obj->has("title") && title) *title = obj->getValue<std::string>("title");
    if (obj->isArray("columns")) {
      const auto columns = obj->getArray("columns");
      std::vector<io::SheetCell> header;
      for (std::size_t c = 0; c < columns->size(); ++c) {
        header.push_back(cellOf(columns->get(static_cast<unsigned>(c))));
        keys.push_back(header.back().text);
      }
      sheet.widths.push_back(static_cast<int>(header.size()));
      sheet.rows.push_back(std::move(header));
    }
  } else if (root.type() == typeid(Poco::JSON::Array::Ptr)) {
    rows = root.extract<Poco::JSON::Array::Ptr>();
  } else {
    fail("", "JSON 顶层应为数组或对象", "the top level must be an array or an object");
  }
  const bool named = !keys.empty();
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const Poco::Dynamic::Var item = rows->get(static_cast<unsigned>(i));
    const std::string field = "rows[" + std::to_string(i) + "]";
    std::vector<io::SheetCell> row;
    if (item.type() == typeid(Poco::JSON::Object::Ptr)) {
      const auto& obj = item.extract<Poco::JSON::Object::Ptr>();
      std::vector<std::string> names;
      obj->getNames(names);
      if (keys.empty()) {
        keys = names;
        std::vector<io::SheetCell> header;
        header.reserve(keys.size());
        for (const auto& k : keys) header.push_back({io::SheetCell::Type::String, 0, k, 0});
        sheet.widths.push_back(static_cast<int>(header.size()));
        sheet.rows.push_back(std::move(header));
      }
      if (named) {
        // Named columns, keyed rows: the row's values in order, one per column.
        for (std::size_t c = 0; c < keys.size() && c < names.size(); ++c)
          row.push_back(cellOf(obj->get(names[c])));
      } else {
        for (const auto& k : keys) row.push_back(obj->has(k) ? cellOf(obj->get(k)) : io::SheetCell{});
      }
    } else if (item.type() == typeid(Poco::JSON::Array::Ptr)) {
      const auto& arr = item.extract<Poco::JSON::Array::Ptr>();
      for (std::size_t c = 0; c < arr->size(); ++c) row.push_back(cellOf(arr->get(static_cast<unsigned>(c))));
    } else {
      fail(field, "第" + std::to_string(i + 1) + "行既不是数组也不是对象",
           "row " + std::to_string(i + 1) + " is neither an array nor an object");
    }
    sheet.widths.push_back(static_cast<int>(named ? std::max(row.size(), keys.size()) : row.size()));
    sheet.rows.push_back(std::move(row));
  }
  return sheet;
}

}  // namespace

io::Sheet readTableData(const std::string& path, const std::string& sheetName, diag::Diagnostics& diags,
                        std::string* title) {
  const auto dot = path.find_last_of('.');
  std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
  for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (ext == "csv" || ext == "txt") return io::readCsv(path);
  if (ext == "json") return readJsonTable(path, title);
  // The extension is what the user typed: a usage error (exit 2), not an I/O failure.
  if (ext != "xlsx" && ext != "xlsm") {
    throw UsageError(englishLocale()
                         ? "unsupported data file '" + path + "' (use .csv, .xlsx, .xlsm or .json)"
                         : "不支持的数据文件“" + path + "”（可用 .csv、.xlsx、.xlsm 或 .json）");
  }
  // .xlsm is the same package with a vbaProject part, which is never read: macros
  // neither run nor reach an output.
  io::Workbook wb = io::readXlsx(path);
  auto fail = [&](const std::string& code, const std::string& sheet, const std::string& zh,
                  const std::string& en, const std::string& fix, const std::string& fixEn) {
    diag::Diagnostic d;
    d.code = code;
    d.where = {path, sheet, 0, 0, ""};
    d.message = zh;
    d.messageEn = en;
    d.suggestion = fix;
    d.suggestionEn = fixEn;
    throw diag::InputError(d);
  };
  if (wb.sheets.empty()) {
    fail("table.no-sheets", "", "工作簿中没有任何工作表（只有图表或对话框工作表）",
         "the workbook holds no worksheet", "在 Excel 或 WPS 中插入一个工作表，把数据填进去",
         "insert a worksheet in Excel or WPS and fill in the data");
  }
  if (sheetName.empty()) {
    for (auto& s : wb.sheets)
      if (!s.hidden) return std::move(s);
    fail("table.no-sheets", "", "工作簿中的工作表都已隐藏", "every worksheet of the workbook is hidden",
         "用 --sheet 指定要用的工作表，如 --sheet " + wb.sheets.front().name,
         "name the sheet to use with --sheet, e.g. --sheet " + wb.sheets.front().name);
  }
  for (auto& s : wb.sheets) {
    if (s.name != sheetName) continue;
    if (s.hidden) {
      diags.warning("table.hidden-sheet", {path, sheetName, 0, 0, ""}, "工作表“" + sheetName + "”是隐藏的",
                    "the sheet '" + sheetName + "' is hidden", "确认要用的是这张隐藏的表",
                    "make sure this hidden sheet is the one to use");
    }
    return std::move(s);
  }
  for (const auto& o : wb.otherSheets) {
    if (o.name != sheetName) continue;
    const std::string kindZh = o.kind == "chart"    ? "图表工作表"
                               : o.kind == "dialog" ? "对话框工作表"
                               : o.kind == "macro"  ? "宏表"
                                                    : "非普通工作表";
    fail("table.not-a-worksheet", sheetName, "“" + sheetName + "”是" + kindZh + "，没有单元格数据",
         "'" + sheetName + "' is a " + o.kind + " sheet, which holds no cells",
         "用 --sheet 指定存放数据的工作表", "name the sheet that holds the data with --sheet");
  }
  std::vector<std::string> names;
  for (const auto& s : wb.sheets) names.push_back(s.name);
  const std::string near = diag::nearest(sheetName, names);
  std::string all;
  for (const auto& n : names) all += (all.empty() ? "" : "、") + n;
  fail("table.missing-sheet", sheetName, "工作簿中没有名为“" + sheetName + "”的工作表（现有：" + all + "）",
       "the workbook has no sheet named '" + sheetName + "'",
       near.empty() || near == sheetName ? "" : "改为“" + near + "”",
       near.empty() || near == sheetName ? "" : "change it to \"" + near + "\"");
  return {};
}

}  // namespace bangfu::cli
