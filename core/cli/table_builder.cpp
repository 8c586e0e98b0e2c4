#include "table_builder.hpp"

#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "bangfu/io/text_checks.hpp"
#include "bangfu/text/width.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "commands.hpp"

namespace bangfu::cli {

namespace {

/// Column weights follow the widest content, clamped so that one long cell does
/// not starve the others (it wraps instead).
constexpr std::size_t kMinColumnUnits = 4;
constexpr std::size_t kMaxColumnUnits = 40;

bool isBlank(const std::vector<io::SheetCell>& row) {
  return std::all_of(row.begin(), row.end(), [](const io::SheetCell& c) {
    return c.type == io::SheetCell::Type::Empty || c.text.find_first_not_of(" \t\r\n") == std::string::npos;
  });
}

std::optional<double> numberOf(const io::SheetCell& c) {
  if (c.type == io::SheetCell::Type::Number) return c.number;
  // Thousands separators and spaces (1,234 / 1 234) are allowed; most text has
  // neither, and is tried as it stands.
  const bool separators = c.text.find_first_of(", ") != std::string::npos;
  std::string stripped;
  if (separators) {
    stripped = c.text;
    stripped.erase(std::remove_if(stripped.begin(), stripped.end(), [](char ch) { return ch == ',' || ch == ' '; }),
                   stripped.end());
  }
  const std::string& t = separators ? stripped : c.text;
  if (t.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  if (end && *end == '\0' && std::isfinite(v)) return v;
  return std::nullopt;
}

diag::Location cellPlace(const io::Sheet& sheet, std::size_t row, std::size_t column) {
  diag::Location l;
  l.file = sheet.file;
  l.sheet = sheet.name;
  // CSV rows can span lines: name the text line the row starts on.
  l.row = sheet.name.empty() && row < sheet.lines.size() ? sheet.lines[row] : static_cast<int>(row + 1);
  l.column = static_cast<int>(column + 1);
  return l;
}

int columnIndex(const std::string& spec, const std::vector<std::string>& headers) {
  for (std::size_t i = 0; i < headers.size(); ++i)
    if (headers[i] == spec) return static_cast<int>(i);
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

}  // namespace

doc::Appendix buildTable(io::Sheet sheet, const TableRequest& request, diag::Diagnostics& diags) {
  doc::Appendix appendix;
  appendix.id = "table";
  appendix.label = request.label;
  appendix.title = request.title;
  appendix.orientation = request.landscape ? doc::Orientation::Landscape : doc::Orientation::Portrait;
  appendix.fileStem = request.label.empty() ? request.title : request.label + "-" + request.title;

  std::size_t first = 0;
  while (first < sheet.rows.size() && isBlank(sheet.rows[first])) ++first;
  if (first == sheet.rows.size()) {
    diags.error("table.empty", {sheet.file, sheet.name, 0, 0, ""}, "数据为空：没有表头行", "the data is empty: no header row",
                "第一行写列名，其后每行一条记录");
    return appendix;
  }
  const auto& headerRow = sheet.rows[first];
  std::size_t width = headerRow.size();
  while (width > 0 && headerRow[width - 1].text.empty()) --width;
  std::vector<std::string> headers;
  for (std::size_t c = 0; c < width; ++c) headers.push_back(headerRow[c].text);

  std::vector<std::size_t> body;
  for (std::size_t r = first + 1; r < sheet.rows.size(); ++r) {
    if (isBlank(sheet.rows[r])) continue;
    const auto& row = sheet.rows[r];
    // Ragged rows: a CSV row with another field count than the header, or a
    // worksheet row with data beyond the header's last column.
    const bool csv = !sheet.widths.empty();
    std::size_t fields = row.size();
    if (csv) {
      fields = static_cast<std::size_t>(sheet.widths[r]);
    } else {
      while (fields > width && row[fields - 1].text.empty()) --fields;
    }
    const bool ragged = csv ? fields != static_cast<std::size_t>(sheet.widths[first]) : fields > width;
    if (ragged) {
      diags.error("table.ragged", cellPlace(sheet, r, std::min(fields, width) + (fields > width ? 1 : 0)),
                  "本行有" + std::to_string(fields) + "列，表头有" + std::to_string(width) + "列",
                  "row has " + std::to_string(fields) + " fields, the header " + std::to_string(width),
                  "检查本行是否多了或少了分隔符（逗号），或字段中的逗号是否加了引号");
      continue;
    }
    body.push_back(r);
  }
  if (body.empty())
    diags.warning("table.no-rows", cellPlace(sheet, first, 1), "只有表头，没有数据行", "the data has a header but no rows");

  std::vector<int> totalColumns;
  for (const auto& spec : request.totals) {
    const int c = columnIndex(spec, headers);
    if (c < 0) {
      std::string known;
      for (const auto& h : headers) known += (known.empty() ? "" : "、") + h;
      diags.error("table.unknown-column", {sheet.file, sheet.name, 0, 0, "--total " + spec},
                  "没有名为“" + spec + "”的列（现有：" + known + "）", "no column named '" + spec + "'",
                  diag::nearest(spec, headers).empty() ? "" : "改为“" + diag::nearest(spec, headers) + "”");
      continue;
    }
    totalColumns.push_back(c);
  }

  // A column is numeric when every non-empty body cell is a number.
  std::vector<bool> numeric(width, !body.empty());
  std::vector<std::size_t> widest(width, kMinColumnUnits);
  for (std::size_t c = 0; c < width; ++c) widest[c] = std::max(widest[c], text::displayWidth(headers[c]));
  for (std::size_t r : body) {
    for (std::size_t c = 0; c < width; ++c) {
      const io::SheetCell& cell = c < sheet.rows[r].size() ? sheet.rows[r][c] : io::SheetCell{};
      if (!cell.text.empty() && !numberOf(cell)) numeric[c] = false;
      if (widest[c] < kMaxColumnUnits) widest[c] = std::min(kMaxColumnUnits, std::max(widest[c], text::displayWidth(cell.text)));
    }
  }
  std::vector<double> sums(width, 0.0);
  for (int c : totalColumns) {
    for (std::size_t r : body) {
      const io::SheetCell& cell =
          static_cast<std::size_t>(c) < sheet.rows[r].size() ? sheet.rows[r][static_cast<std::size_t>(c)] : io::SheetCell{};
      if (cell.text.empty()) continue;
      if (auto v = numberOf(cell)) {
        sums[static_cast<std::size_t>(c)] += *v;
      } else {
        diags.error("table.not-a-number", cellPlace(sheet, r, static_cast<std::size_t>(c)),
                    "合计列“" + headers[static_cast<std::size_t>(c)] + "”中的“" + cell.text + "”不是数字",
                    "'" + cell.text + "' in total column '" + headers[static_cast<std::size_t>(c)] + "' is not a number",
                    "改为数字，或去掉该列的 --total");
      }
    }
  }

  doc::Table table;
  table.name = request.title;
  doc::Row header;
  header.kind = doc::RowKind::Header;
  for (std::size_t c = 0; c < width; ++c) {
    doc::Column col;
    col.key = headers[c];
    col.weight = static_cast<double>(widest[c]);
    col.numeric = numeric[c];
    col.align = numeric[c] ? doc::Align::Center : doc::Align::Left;
    table.columns.push_back(col);
    header.cells.push_back(doc::Cell::text(headers[c], doc::Align::Center));
  }
  table.rows.reserve(body.size() + 2);
  table.rows.push_back(std::move(header));
  for (std::size_t r : body) {
    doc::Row row;
    row.cells.reserve(width);
    auto& cells = sheet.rows[r];  // the texts move into the table: this is their last use
    for (std::size_t c = 0; c < width; ++c) {
      if (c >= cells.size()) {
        row.cells.push_back(doc::Cell::text(""));
      } else if (numeric[c] && !cells[c].text.empty()) {
        const std::optional<double> number = numberOf(cells[c]);
        doc::Cell d = doc::Cell::text(std::move(cells[c].text), doc::Align::Center);
        d.number = number;
        row.cells.push_back(std::move(d));
      } else {
        row.cells.push_back(doc::Cell::text(std::move(cells[c].text)));
      }
    }
    table.rows.push_back(std::move(row));
  }
  if (!totalColumns.empty()) {
    doc::Row total;
    total.kind = doc::RowKind::Total;
    for (std::size_t c = 0; c < width; ++c) {
      if (std::find(totalColumns.begin(), totalColumns.end(), static_cast<int>(c)) != totalColumns.end()) {
        doc::Cell cell = doc::Cell::num(sums[c]);
        cell.columnTotal = true;
        total.cells.push_back(std::move(cell));
      } else {
        total.cells.push_back(doc::Cell::text(c == 0 ? "合计" : "", doc::Align::Center));
      }
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
        for (const auto& k : keys) header.push_back({io::SheetCell::Type::String, k, 0});
        sheet.widths.push_back(static_cast<int>(header.size()));
        sheet.rows.push_back(std::move(header));
      }
      if (named) {
        // Named columns, keyed rows: the row's values in order, one per column.
        for (std::size_t c = 0; c < keys.size() && c < names.size(); ++c) row.push_back(cellOf(obj->get(names[c])));
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

io::Sheet readTableData(const std::string& path, const std::string& sheetName, std::string* title) {
  const auto dot = path.find_last_of('.');
  std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
  for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (ext == "csv" || ext == "txt") return io::readCsv(path);
  if (ext == "json") return readJsonTable(path, title);
  if (ext == "xlsx") {
    io::Workbook wb = io::readXlsx(path);
    if (sheetName.empty()) {
      if (wb.sheets.empty()) throw std::runtime_error(path + ": the workbook has no sheets");
      return std::move(wb.sheets.front());
    }
    if (const io::Sheet* s = wb.find(sheetName)) return *s;
    diag::Diagnostic d;
    d.code = "table.missing-sheet";
    d.where = {path, sheetName, 0, 0, ""};
    d.message = "工作簿中没有名为“" + sheetName + "”的工作表";
    d.messageEn = "the workbook has no sheet named '" + sheetName + "'";
    std::vector<std::string> names;
    for (const auto& s : wb.sheets) names.push_back(s.name);
    const std::string near = diag::nearest(sheetName, names);
    if (!near.empty()) d.suggestion = "改为“" + near + "”";
    throw diag::InputError(d);
  }
  // The extension is what the user typed: a usage error (exit 2), not an I/O failure.
  throw UsageError(englishLocale() ? "unsupported data file '" + path + "' (use .csv, .xlsx or .json)"
                                   : "不支持的数据文件“" + path + "”（可用 .csv、.xlsx 或 .json）");
}

}  // namespace bangfu::cli
