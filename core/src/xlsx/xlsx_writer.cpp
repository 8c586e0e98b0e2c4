// The XLSX writer on libxlsxwriter 1.1 (Debian 12): one worksheet per appendix
// table, laid out and printed as issued (docs/xlsx.md, spec/gbt9704.md §1, §4).
#include "bangfu/xlsx/xlsx_writer.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <memory>
#include <optional>
#include <variant>

#include "bangfu/layout/columns.hpp"
#include "bangfu/layout/fallback_pieces.hpp"
#include "bangfu/layout/measure.hpp"
#include "bangfu/layout/title.hpp"
#include "bangfu/text/name_input.hpp"
#include "bangfu/text/names.hpp"
#include "bangfu/text/width.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "xlsx/xlsx_cells.hpp"
#include "xlsx/xlsx_layout.hpp"
#include "xlsx/xlsx_package.hpp"
#include "xlsx/xlsx_pages.hpp"
#include "xlsx/xlsx_print.hpp"
#include "xlsx/xlsx_status.hpp"
#include "xlsx/xlsx_streamed_sheet.hpp"
#include "xlsx/xlsx_styles.hpp"
#include "xlsx/xlsx_workbook_writer.hpp"

namespace bangfu::xlsx {

namespace {

/// Where libxlsxwriter 1.1.4 (no in-memory mode) puts the temporary file it
/// writes each part to before zipping it. A small workbook's parts are a few KB
/// each: on a RAM-backed tmpfs they cost nothing to create, whereas on the disk
/// inode allocation after many deletions took 35–50% of a 1108-output batch
/// build (perf on ext4, 2026-11-23: ext4_create → recently_deleted). Large
/// tables (constant_memory) keep libxlsxwriter's default, tmpfile() in /tmp, so
/// big temporary data never fills RAM. nullptr means that default.
const char* intermediateDir(bool largeTable) {
  constexpr const char* kRamDir = "/dev/shm";
  static const bool ramDirUsable = ::access(kRamDir, W_OK | X_OK) == 0;
  return !largeTable && ramDirUsable ? kRamDir : nullptr;
}

using doc::Align;
using doc::Cell;
using doc::Face;
using doc::Paragraph;
using doc::Run;
using doc::Table;
using namespace detail;

// Font sizes in points (spec §1 "Font sizes"; 3号 16, 2号 22, 4号 14, 小四 12).
constexpr double kLabelPt = 16;     ///< GB/T 9704 7.3.7: 附件N in 3号黑体
constexpr double kTitlePt = 22;     ///< GB/T 9704 7.3.1 and practice [P]: 2号小标宋
constexpr double kBodyTextPt = 16;  ///< GB/T 9704 5.2.2: 3号 body text (name lists, text-only sheets)
constexpr double kTwipsPerInch = 1440;
/// Excel's limits: characters in a cell, rows and columns in a sheet.
constexpr std::size_t kMaxCellChars = 32767;
constexpr std::size_t kMaxRows = 1048576;
constexpr std::size_t kMaxColumns = 16384;

/// The name list as the official layout (spec §2 "Name layout"): labels
/// equalised with U+3000 and a colon, two-character names padded, a fixed
/// number of names per line.
std::shared_ptr<Table> nameListTable(const doc::NameList& list) {
  auto t = std::make_shared<Table>();
  t->columns = {doc::Column{"role", 1, Align::Left, false}, doc::Column{"names", 4, Align::Left, false}};
  t->fontHalfPoints = static_cast<int>(kBodyTextPt * 2);
  std::vector<std::string> roles;
  roles.reserve(list.entries.size());
  for (const auto& e : list.entries) roles.push_back(e.role);
  const std::vector<std::string> labels = text::equalizeLabels(roles);
  for (std::size_t i = 0; i < list.entries.size(); ++i) {
    doc::Row row;
    row.cells.push_back(Cell::text(labels[i].empty() ? std::string() : labels[i] + "：", Align::Left));
    Cell names;
    names.align = Align::Left;
    // Two U+3000 between names, so a padded name (王　峰) cannot be read into its neighbour (spec §2).
    for (auto& line : text::nameListLines(list.entries[i].names, list.namesPerLine))
      names.lines.push_back(Paragraph::text(std::move(line), doc::ParagraphRole::Plain));
    row.cells.push_back(std::move(names));
    t->rows.push_back(std::move(row));
  }
  return t;
}

std::string blockField(std::size_t a, std::size_t b) {
  return "appendices[" + std::to_string(a) + "].blocks[" + std::to_string(b) + "]";
}

}  // namespace

namespace detail {

void WorkbookWriter::plan() {
  for (std::size_t a = 0; a < notice_.appendices.size(); ++a) {
    const doc::Appendix& app = notice_.appendices[a];
    std::vector<std::size_t> pending;
    SheetPlan* current = nullptr;
    std::size_t firstSheet = sheets_.size();
    for (std::size_t b = 0; b < app.blocks.size(); ++b) {
      const doc::Block& block = app.blocks[b];
      if (std::holds_alternative<Table>(block) || std::holds_alternative<doc::NameList>(block)) {
        SheetPlan s;
        s.appendix = a;
        s.blocks = std::move(pending);
        pending.clear();
        s.blocks.push_back(b);
        s.tableBlock = b;
        if (const auto* t = std::get_if<Table>(&block)) {
          s.table = t;
          s.wanted = t->name;
        } else {
          s.owned = nameListTable(std::get<doc::NameList>(block));
          s.table = s.owned.get();
          s.borders = false;
        }
        sheets_.push_back(std::move(s));
        current = &sheets_.back();
      } else if (current != nullptr) {
        current->blocks.push_back(b);
      } else {
        pending.push_back(b);
      }
    }
    if (sheets_.size() == firstSheet) {
      // No table: one sheet with the label, title and text, so no appendix is lost.
      SheetPlan s;
      s.appendix = a;
      s.blocks = std::move(pending);
      sheets_.push_back(std::move(s));
    } else if (!pending.empty()) {
      for (std::size_t b : pending) sheets_.back().blocks.push_back(b);
    }
    for (std::size_t i = firstSheet; i < sheets_.size(); ++i) {
      SheetPlan& s = sheets_[i];
      if (s.wanted.empty()) s.wanted = oneLine(app.title);
      if (s.wanted.empty()) s.wanted = app.label;
    }
  }
  std::vector<std::string> wanted;
  wanted.reserve(sheets_.size());
  for (const auto& s : sheets_) wanted.push_back(s.wanted);
  const std::vector<SheetName> names = makeSheetNames(wanted);
  for (std::size_t i = 0; i < sheets_.size(); ++i) {
    sheets_[i].name = names[i].name;
    if (!names[i].why.empty()) {
      diags_.warning("xlsx.sheet-name",
                     diag::Location{path_, names[i].name, 0, 0, "sheets[" + std::to_string(i) + "]"},
                     "工作表名“" + wanted[i] + "”不符合 Excel 规则（" + names[i].why + "），已改为“" +
                         names[i].name + "”",
                     "sheet name \"" + wanted[i] + "\" breaks Excel's rules (" + names[i].whyEn +
                         "); written as \"" + names[i].name + "\"",
                     "给表格设置不超过31个字、不含 []:*?/\\ 的名称",
                     "give the table a name of at most 31 characters without []:*?/\\");
    }
  }
}

void WorkbookWriter::checkLength(const SheetPlan& s, std::size_t bytes, const std::string& text,
                                 std::size_t row, std::size_t col, const std::string& field) {
  // Code points never exceed bytes, so only long texts are counted.
  if (bytes <= kMaxCellChars) return;
  const std::size_t n = text::codePointCount(text);
  if (n <= kMaxCellChars) return;
  diags_.error("xlsx.cell-too-long",
               diag::Location{path_, s.name, static_cast<int>(row + 1), static_cast<int>(col + 1), field},
               "单元格文字有 " + std::to_string(n) + " 个字符，超过 Excel 每个单元格 32767 个字符的上限",
               "the cell text has " + std::to_string(n) + " characters, over Excel's limit of 32767 per cell",
               "把内容拆到几个单元格或几行，或只输出 DOCX",
               "split the text over several cells or rows, or write DOCX only");
}

void WorkbookWriter::measure(SheetPlan& s) {
  const doc::Appendix& app = notice_.appendices[s.appendix];
  const bool landscape = app.orientation == doc::Orientation::Landscape;
  const Table* t = s.table;
  if (t != nullptr) {
    s.pt = t->fontHalfPoints > 0 ? t->fontHalfPoints / 2.0 : kTableDefaultPt;
    std::size_t cols = t->columns.size();
    if (cols == 0) {
      for (const auto& row : t->rows) {
        std::size_t n = 0;
        for (const auto& c : row.cells) n += static_cast<std::size_t>(std::max(1, c.colSpan));
        cols = std::max(cols, n);
      }
    }
    s.cols = std::max<std::size_t>(1, cols);
  } else {
    s.pt = kBodyTextPt;
  }
  std::size_t row = (app.label.empty() ? 0 : 1) + (app.title.empty() ? 0 : 1);
  checkLength(s, app.label.size(), app.label, 0, 0, "appendices[" + std::to_string(s.appendix) + "].label");
  checkLength(s, app.title.size(), app.title, row - 1, 0,
              "appendices[" + std::to_string(s.appendix) + "].title");
  for (std::size_t b : s.blocks) {
    const doc::Block& block = app.blocks[b];
    if (const auto* p = std::get_if<Paragraph>(&block)) {
      std::size_t bytes = 0;
      for (const auto& r : p->runs) bytes += r.text.size();
      if (bytes > kMaxCellChars) checkLength(s, bytes, p->plainText(), row, 0, blockField(s.appendix, b));
      ++row;
    } else if (const auto* n = std::get_if<doc::Notes>(&block)) {
      for (std::size_t i = 0; i < n->items.size(); ++i) {
        checkLength(s, n->items[i].size() + n->heading.size() + 8, n->heading + n->items[i], row + i, 0,
                    blockField(s.appendix, b) + ".items[" + std::to_string(i) + "]");
      }
      row += std::max<std::size_t>(1, n->items.size());
    } else if (b == s.tableBlock) {
      s.tableRow = row;
      row += t->rows.size();
    }
  }
  s.rowCount = row;
  if (s.rowCount > kMaxRows) {
    diags_.error("xlsx.too-many-rows",
                 diag::Location{path_, s.name, 0, 0, blockField(s.appendix, s.tableBlock)},
                 "工作表有 " + std::to_string(s.rowCount) + " 行，超过 Excel 的 1048576 行上限",
                 "the sheet has " + std::to_string(s.rowCount) + " rows, over Excel's limit of 1048576",
                 "把表格分成几个附件", "split the table into several appendices");
  }
  if (s.cols > kMaxColumns) {
    diags_.error("xlsx.too-many-columns",
                 diag::Location{path_, s.name, 0, 0, blockField(s.appendix, s.tableBlock)},
                 "表格有 " + std::to_string(s.cols) + " 列，超过 Excel 的 16384 列上限",
                 "the table has " + std::to_string(s.cols) + " columns, over Excel's limit of 16384", "");
    return;
  }

  const double targetPx = typeAreaWidthPx(landscape);
  if (t == nullptr) {
    s.widths = {std::floor((targetPx - kColumnPaddingPx) / kDigitWidthPx)};
    return;
  }
  s.bodySum.assign(s.cols, 0);
  Placer placer(s.cols, t->rows.size());
  for (std::size_t r = 0; r < t->rows.size(); ++r) {
    const doc::Row& rowModel = t->rows[r];
    placer.place(r, rowModel, placed_, owner_);
    for (const Placed& p : placed_) {
      const Cell& cell = rowModel.cells[p.cell];
      const std::size_t bytes = textBytes(cell.lines);
      if (bytes > kMaxCellChars) {
        checkLength(s, bytes, joinedText(cell.lines), s.tableRow + r, p.col,
                    blockField(s.appendix, s.tableBlock) + ".rows[" + std::to_string(r) + "].cells[" +
                        std::to_string(p.cell) + "]");
      }
      if (rowModel.kind == doc::RowKind::Body && cell.number) s.bodySum[p.col] += *cell.number;
    }
  }
  if (placer.dropped() != 0 || placer.clamped() != 0) {
    diags_.warning("xlsx.table-shape",
                   diag::Location{path_, s.name, 0, 0, blockField(s.appendix, s.tableBlock)},
                   "表格的合并单元格超出表格范围：" + std::to_string(placer.dropped()) +
                       " 个单元格放不下而未写出，" + std::to_string(placer.clamped()) + " 个合并范围被截短",
                   "the table's cells do not fit its columns: " + std::to_string(placer.dropped()) +
                       " cells dropped, " + std::to_string(placer.clamped()) + " spans cut",
                   "检查各行的单元格数和 rowSpan/colSpan",
                   "check the number of cells in each row and their rowSpan/colSpan");
  }
  // The DOCX's widths (bangfu::layout, measured with the print faces), turned into
  // Excel column widths: twips → pixels at 96 dpi → characters (MS-OI29500 2.1.598).
  const int textTwips =
      static_cast<int>(std::lround(typeAreaWidthPx(landscape) * kTwipsPerInch / kPixelsPerInch));
  s.metrics = bangfu::layout::tableMetrics(*t, s.cols, textTwips);
  s.twips = bangfu::layout::solveColumnWidths(*t, s.cols, s.metrics);
  s.widths.assign(s.cols, 0);
  for (std::size_t c = 0; c < s.cols; ++c) {
    const double px = s.twips[c] * kPixelsPerInch / kTwipsPerInch;
    s.widths[c] = std::round(std::max(1.0, (px - kColumnPaddingPx) / kDigitWidthPx) * 100) / 100;
  }
}

bool WorkbookWriter::run() {
  plan();
  for (auto& s : sheets_) {
    measure(s);
    if (s.table != nullptr && s.table->rows.size() >= options_.constantMemoryRows &&
        options_.constantMemoryRows > 0) {
      optimize_ = true;
    }
  }
  if (diags_.hasErrors()) return false;

  // libxlsxwriter's own fopen() follows links and truncates: it only ever sees a
  // file in a private folder (util::TempOutput), never the target's name.
  std::optional<util::TempOutput> staged;
  if (file_.empty())
    staged.emplace(path_, options_.durability,
                   optimize_ ? util::Staging::BesideTarget : util::Staging::Memory);
  const std::string& file = staged ? staged->path() : file_;
  lxw_workbook_options wopts{};
  wopts.constant_memory = optimize_ ? LXW_TRUE : LXW_FALSE;
  wopts.tmpdir = const_cast<char*>(intermediateDir(optimize_));
  wopts.use_zip64 = LXW_FALSE;
  errno = 0;
  wb_ = workbook_new_opt(file.c_str(), &wopts);
  if (wb_ == nullptr) throw util::IoError("无法写入", "cannot write", path_, errno != 0 ? errno : EIO);
  struct Closer {
    lxw_workbook** wb;
    ~Closer() {
      if (*wb != nullptr) lxw_workbook_free(*wb);
    }
  } closer{&wb_};
  formats_ = std::make_unique<Formats>(wb_);

  // Byte-stable: fixed document properties; the creation time is the caller's epoch
  // (the notice date or SOURCE_DATE_EPOCH). libxlsxwriter 1.1.4 stamps every zip
  // entry 1980-01-01 00:00, so no post-processing is needed.
  std::string title = oneLine(notice_.title);
  if (title.empty() && !notice_.appendices.empty()) title = oneLine(notice_.appendices.front().title);
  std::string author = notice_.issuer;
  std::string comments = notice_.fictional ? "示例数据，人名与单位均为虚构（fictional example data）" : "";
  lxw_doc_properties props{};
  props.title = title.empty() ? nullptr : title.data();
  props.author = author.empty() ? nullptr : author.data();
  props.comments = comments.empty() ? nullptr : comments.data();
  props.created = static_cast<time_t>(options_.epoch);
  status_.check(workbook_set_properties(wb_, &props), "workbook_set_properties");

  for (std::size_t i = 0; i < sheets_.size(); ++i) {
    SheetPlan& s = sheets_[i];
    if (workbook_validate_sheet_name(wb_, s.name.c_str()) != LXW_NO_ERROR) {
      // makeSheetNames already keeps Excel's rules; this is the library's own word.
      const std::string fallback = "表" + std::to_string(i + 1) + "（" + std::to_string(i + 1) + "）";
      diags_.warning("xlsx.sheet-name",
                     diag::Location{path_, s.name, 0, 0, "sheets[" + std::to_string(i) + "]"},
                     "libxlsxwriter 不接受工作表名“" + s.name + "”，已改为“" + fallback + "”",
                     "libxlsxwriter rejects sheet name \"" + s.name + "\"; written as \"" + fallback + "\"");
      s.name = fallback;
    }
    lxw_worksheet* ws = workbook_add_worksheet(wb_, s.name.c_str());
    if (ws == nullptr) {
      diags_.error("xlsx.sheet-name",
                   diag::Location{path_, s.name, 0, 0, "sheets[" + std::to_string(i) + "]"},
                   "无法添加工作表“" + s.name + "”", "cannot add worksheet \"" + s.name + "\"");
      return false;
    }
    // A large workbook's cells bypass libxlsxwriter, which would write them to a
    // temporary file, copy it and deflate it on one core when it closes.
    std::optional<StreamedSheet> rows;
    if (optimize_) rows.emplace();
    cells_ = SheetCells{ws, rows ? &*rows : nullptr};
    writeSheet(ws, s);
    streamed_.emplace_back();
    if (rows) streamed_.back() = rows->finish();
  }
  if (status_.failed()) {
    diags_.error(
        "xlsx.internal", diag::Location{path_, "", 0, 0, ""},
        std::string("libxlsxwriter 写入失败（") + status_.what() + "：" + lxw_strerror(status_.error()) +
            "）",
        std::string("libxlsxwriter failed (") + status_.what() + ": " + lxw_strerror(status_.error()) + ")");
    return false;
  }
  lxw_workbook* wb = wb_;
  wb_ = nullptr;  // workbook_close frees it
  errno = 0;
  const lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) {
    // libxlsxwriter's code says only which step failed; errno says why (ENOSPC …).
    throw util::IoError("无法写入", "cannot write", path_, errno != 0 ? errno : EIO);
  }
  errno = 0;
  if (!finishPackage(file, streamed_, notice_.fictional))
    throw util::IoError("无法写入", "cannot write", path_, errno != 0 ? errno : EIO);
  if (staged) staged->commit();
  return true;
}

void WorkbookWriter::writeSheet(lxw_worksheet* ws, const SheetPlan& s) {
  const doc::Appendix& app = notice_.appendices[s.appendix];
  for (std::size_t c = 0; c < s.widths.size(); ++c) {
    status_.check(
        worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), s.widths[c], nullptr),
        "worksheet_set_column");
  }
  PrintSetup print;
  print.landscape = app.orientation == doc::Orientation::Landscape;
  print.fictional = notice_.fictional;
  if (s.table != nullptr) {
    print.headerRow = s.tableRow;
    print.headerRows = s.table->headerRowCount();
    print.freezeBelowHeader = print.headerRows > 0 && print.headerRows < s.table->rows.size();
  }
  setUpPrint(ws, print, status_);
  rowHeights_.clear();
  groups_.clear();
  forcedStarts_.clear();
  bodyRuns_.clear();
  std::size_t row = 0;
  if (!app.label.empty()) {
    row = writeFullRow(s, row, Paragraph::text(app.label, doc::ParagraphRole::Plain), Role::Label,
                       Style{Face::Hei, false}, Align::Left, kLabelPt);
  }
  if (!app.title.empty()) {
    row = writeFullRow(
        s, row, Paragraph::text(layout::titleText(app.title, app.orientation), doc::ParagraphRole::Plain),
        Role::Title, Style{Face::Title, false}, Align::Center, kTitlePt);
  }
  for (std::size_t b : s.blocks) {
    const doc::Block& block = app.blocks[b];
    if (const auto* p = std::get_if<Paragraph>(&block)) {
      Style base{Face::Fang, false};
      if (p->role == doc::ParagraphRole::Heading1) base.face = Face::Hei;
      if (p->role == doc::ParagraphRole::Heading2) base.face = Face::Kai;
      row = writeFullRow(s, row, *p, Role::Text, base, p->align == Align::Inherit ? Align::Left : p->align,
                         s.pt);
    } else if (const auto* n = std::get_if<doc::Notes>(&block)) {
      // 说明：1.… on the first line, 2.… on the next ones (seed 000, 附件2).
      if (n->items.empty()) {
        row = writeFullRow(s, row, Paragraph::text(n->heading, doc::ParagraphRole::Plain), Role::Text,
                           Style{}, Align::Left, s.pt);
      }
      for (std::size_t i = 0; i < n->items.size(); ++i) {
        std::string line = (i == 0 ? n->heading : std::string()) + n->printedItem(i);
        row = writeFullRow(s, row, Paragraph::text(std::move(line), doc::ParagraphRole::Plain), Role::Text,
                           Style{}, Align::Left, s.pt);
      }
    } else if (b == s.tableBlock) {
      row += writeTable(s, print);
    }
  }
  setPrintPages(ws, print, tablePx(s), rowHeights_, sortedGroups(), forcedStarts_, status_);
}

double WorkbookWriter::tablePx(const SheetPlan& s) {
  double px = 0;
  for (double w : s.widths) px += columnPx(w);
  return px;
}

std::vector<RowGroup> WorkbookWriter::sortedGroups() const {
  std::vector<RowGroup> g = groups_;
  std::sort(g.begin(), g.end(), [](const RowGroup& a, const RowGroup& b) { return a.first < b.first; });
  return g;
}

void WorkbookWriter::setRowHeight(std::size_t row, double pt) {
  status_.check(cells_.setRow(static_cast<lxw_row_t>(row), pt), "worksheet_set_row_opt");
  if (rowHeights_.size() <= row) rowHeights_.resize(row + 1, LXW_DEF_ROW_HEIGHT);
  rowHeights_[row] = pt;
}

std::size_t WorkbookWriter::writeFullRow(const SheetPlan& s, std::size_t row, const Paragraph& p, Role role,
                                         Style base, Align align, double pt) {
  const auto r = static_cast<lxw_row_t>(row);
  double widthPx = 0;
  for (double w : s.widths) widthPx += columnPx(w);
  std::vector<std::uint32_t> lines;
  measureLines({p}, lines);
  int n = 0;
  for (std::uint32_t du : lines) n += role == Role::Label ? 1 : wrappedLines(du, widthPx, pt);
  setRowHeight(row, rowHeightPt(n, pt));
  const int halfPt = static_cast<int>(std::lround(pt * 2));
  Cell cell;
  cell.lines.push_back(p);
  lxw_format* fmt = formats_->cell(FormatKey{role, cellStyle(cell.lines, base), align, false, halfPt, {}});
  if (s.cols > 1) {
    status_.check(cells_.mergeRange(r, 0, r, static_cast<lxw_col_t>(s.cols - 1), "", fmt),
                  "worksheet_merge_range");
  }
  writeCell(r, 0, cell, base, fmt, halfPt, s, 0, false);
  return row + 1;
}

void WorkbookWriter::writeCell(lxw_row_t row, lxw_col_t col, const Cell& cell, Style base, lxw_format* fmt,
                               int halfPt, const SheetPlan& s, std::size_t tableCol, bool total) {
  if (cell.columnTotal && total) {
    const double cached = cell.number.value_or(s.bodySum[tableCol]);
    if (cell.number &&
        std::fabs(*cell.number - s.bodySum[tableCol]) > 1e-9 * std::max(1.0, std::fabs(*cell.number))) {
      diags_.warning(
          "xlsx.total-mismatch",
          diag::Location{path_, s.name, static_cast<int>(row + 1), static_cast<int>(col + 1), ""},
          "合计 " + joinedText(cell.lines) + " 与本列数字之和不符，重新计算后将显示公式结果",
          "the stated total " + joinedText(cell.lines) +
              " differs from the column's sum; spreadsheets show the formula's result after recalculation",
          "核对该列各行的数字", "check the numbers in the rows of this column");
    }
    if (bodyRuns_.empty()) {
      status_.check(cells_.writeNumber(row, col, cached, fmt), "worksheet_write_number");
      return;
    }
    const std::string letters = columnLetters(col);
    scratch_ = "=SUM(";
    for (std::size_t i = 0; i < bodyRuns_.size(); ++i) {
      if (i) scratch_ += ',';
      scratch_ += letters + std::to_string(bodyRuns_[i].first + 1) + ":" + letters +
                  std::to_string(bodyRuns_[i].second + 1);
    }
    scratch_ += ')';
    status_.check(cells_.writeFormulaNum(row, col, scratch_.c_str(), fmt, cached),
                  "worksheet_write_formula_num");
    return;
  }
  if (cell.number) {
    status_.check(cells_.writeNumber(row, col, *cell.number, fmt), "worksheet_write_number");
    return;
  }
  // Faces: one style for the whole cell goes in the cell format; mixed faces
  // (Lishui's 黑体 units among 仿宋 ones) become a rich string.
  bool mixed = false;
  bool first = true;
  Style uniform = base;
  std::size_t nonEmpty = 0;
  const Run* only = nullptr;
  for (const Paragraph& p : cell.lines) {
    for (const Run& run : p.runs) {
      if (run.text.empty()) continue;
      ++nonEmpty;
      only = &run;
      const Style st = effective(run, base);
      if (first) {
        uniform = st;
        first = false;
      } else if (st != uniform) {
        mixed = true;
      }
      // A character the face lacks gets a run in layout::fallbackFamily, as in the DOCX.
      if (!mixed && bangfu::layout::anyNeedsFallback(run.text, st.face)) mixed = true;
    }
  }
  if (nonEmpty == 0) {
    status_.check(cells_.writeBlank(row, col, fmt), "worksheet_write_blank");
    return;
  }
  if (!mixed) {
    const char* text = nullptr;
    if (nonEmpty == 1 && cell.lines.size() == 1) {
      text = only->text.c_str();
    } else {
      scratch_ = joinedText(cell.lines);
      text = scratch_.c_str();
    }
    status_.check(cells_.writeString(row, col, text, fmt), "worksheet_write_string");
    return;
  }
  // Fragments: adjacent runs of one style joined, line breaks kept in the text;
  // the pieces of a run its face lacks (layout::fallbackPieces) apart.
  fragmentText_.clear();
  struct FragmentStyle {
    Style style;
    bool fallback;
    bool operator==(const FragmentStyle& o) const { return style == o.style && fallback == o.fallback; }
  };
  std::vector<FragmentStyle> styles;
  std::string pendingBreaks;
  for (std::size_t i = 0; i < cell.lines.size(); ++i) {
    if (i) {
      if (fragmentText_.empty()) {
        pendingBreaks += '\n';
      } else {
        fragmentText_.back() += '\n';
      }
    }
    for (const Run& run : cell.lines[i].runs) {
      if (run.text.empty()) continue;
      const Style st = effective(run, base);
      bangfu::layout::fallbackPieces(run.text, st.face, pieces_);
      for (const auto& piece : pieces_) {
        const FragmentStyle fs{st, piece.lacks};
        const std::string_view text = std::string_view(run.text).substr(piece.begin, piece.end - piece.begin);
        if (!styles.empty() && styles.back() == fs) {
          fragmentText_.back() += text;
        } else {
          fragmentText_.push_back(pendingBreaks);
          fragmentText_.back() += text;
          pendingBreaks.clear();
          styles.push_back(fs);
        }
      }
    }
  }
  fragments_.assign(fragmentText_.size(), lxw_rich_string_tuple{});
  fragmentPtrs_.clear();
  for (std::size_t i = 0; i < fragmentText_.size(); ++i) {
    fragments_[i].format = styles[i].fallback ? formats_->fallbackFont(styles[i].style, halfPt)
                                              : formats_->font(styles[i].style, halfPt);
    fragments_[i].string = fragmentText_[i].data();
    fragmentPtrs_.push_back(&fragments_[i]);
  }
  fragmentPtrs_.push_back(nullptr);
  status_.check(cells_.writeRichString(row, col, fragmentPtrs_.data(), fmt), "worksheet_write_rich_string");
}

}  // namespace detail

bool writeXlsx(const doc::Notice& notice, const std::string& path, diag::Diagnostics& diags,
               const XlsxOptions& options) {
  WorkbookWriter w(notice, path, "", diags, options);
  return w.run();
}

bool writeXlsxStaged(const doc::Notice& notice, const std::string& file, const std::string& shownAs,
                     diag::Diagnostics& diags, const XlsxOptions& options) {
  WorkbookWriter w(notice, shownAs, file, diags, options);
  return w.run();
}

}  // namespace bangfu::xlsx
