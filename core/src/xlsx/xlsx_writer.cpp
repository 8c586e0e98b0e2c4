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
#include "bangfu/layout/groups.hpp"
#include "bangfu/layout/measure.hpp"
#include "bangfu/layout/row_split.hpp"
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
constexpr double kLabelPt = 16;  ///< GB/T 9704 7.3.7: 附件N in 3号黑体
constexpr double kTitlePt = 22;  ///< GB/T 9704 7.3.1 and practice [P]: 2号小标宋
/// spec §2 "Tables": the DOCX's size (4号 by default), so both print alike (issue 16).
constexpr double kTableDefaultPt = bangfu::layout::kTableDefaultHalfPoints / 2.0;
constexpr double kBodyTextPt = 16;  ///< GB/T 9704 5.2.2: 3号 body text (name lists, text-only sheets)
constexpr double kTwipsPerInch = 1440;
/// Excel's limits: characters in a cell, rows and columns in a sheet.
constexpr std::size_t kMaxCellChars = 32767;
constexpr std::size_t kMaxRows = 1048576;
constexpr std::size_t kMaxColumns = 16384;

/// One worksheet: the appendix label and title, then the blocks of the appendix
/// up to and including one table (or name list) and the notes that follow it.
struct SheetPlan {
  std::size_t appendix = 0;
  std::vector<std::size_t> blocks;
  std::size_t tableBlock = SIZE_MAX;
  const Table* table = nullptr;
  std::shared_ptr<Table> owned;  ///< a name list laid out as a two-column table
  bool borders = true;
  std::string wanted;
  std::string name;
  // Layout, filled by measure():
  std::size_t cols = 1;
  std::size_t rowCount = 0;
  std::size_t tableRow = 0;  ///< sheet row of the table's first row
  double pt = kTableDefaultPt;
  std::vector<double> widths;
  std::vector<int> twips;                ///< the same widths as the DOCX's (layout::solveColumnWidths)
  bangfu::layout::TableMetrics metrics;  ///< the size and padding they were measured at
  std::vector<double> bodySum;           ///< per column: Σ Cell::number over body rows
};

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

/// A table's rows as printed: a tall row cut at the page boundary
/// (layout::planRowCuts) is its parts, held here; every other row is the model's
/// own, so the table is not copied.
struct PrintedRows {
  std::vector<bangfu::layout::RowCut> cuts;
  std::vector<const doc::Row*> rows;
  std::vector<int> lines;  ///< layout::rowLines of each row as printed
  /// Rows that continue the row above (a cut row's later parts): each starts a page.
  std::vector<std::size_t> continuing;
  PrintedRows() = default;
  PrintedRows(PrintedRows&&) = default;  // `rows` points into `cuts`' parts: moved, never copied
  PrintedRows(const PrintedRows&) = delete;
  PrintedRows& operator=(const PrintedRows&) = delete;
  PrintedRows& operator=(PrintedRows&&) = delete;
  ~PrintedRows() = default;
  [[nodiscard]] std::size_t size() const { return rows.size(); }
  const doc::Row& operator[](std::size_t r) const { return *rows[r]; }
};

class Writer {
 public:
  /// `path`: the user's file, named in every diagnostic. `file`: where to write
  /// it when the caller staged it already (output::writeAll); empty: stage here.
  Writer(const doc::Notice& notice, std::string path, std::string file, diag::Diagnostics& diags,
         const XlsxOptions& options)
      : notice_(notice), path_(std::move(path)), file_(std::move(file)), diags_(diags), options_(options) {}

  bool run();

 private:
  void plan();
  void measure(SheetPlan& s);
  void checkLength(const SheetPlan& s, std::size_t bytes, const std::string& text, std::size_t row,
                   std::size_t col, const std::string& field);
  void writeSheet(lxw_worksheet* ws, const SheetPlan& s);
  std::size_t writeFullRow(const SheetPlan& s, std::size_t row, const Paragraph& p, Role role, Style base,
                           Align align, double pt);
  std::size_t writeTable(const SheetPlan& s, const PrintSetup& print);
  std::vector<double> tableRowHeights(const SheetPlan& s, const PrintedRows& t);
  PrintedRows printedRows(const SheetPlan& s, const PrintSetup& print);
  static double tablePx(const SheetPlan& s);
  std::vector<RowGroup> sortedGroups() const;
  void setRowHeight(std::size_t row, double pt);
  void writeCell(lxw_row_t row, lxw_col_t col, const Cell& cell, Style base, lxw_format* fmt, int halfPt,
                 const SheetPlan& s, std::size_t tableCol, bool total);

  const doc::Notice& notice_;
  std::string path_;
  std::string file_;
  diag::Diagnostics& diags_;
  const XlsxOptions& options_;
  std::vector<SheetPlan> sheets_;
  bool optimize_ = false;
  lxw_workbook* wb_ = nullptr;
  std::unique_ptr<Formats> formats_;
  LxwStatus status_;
  // Reused buffers (no allocation per row or cell).
  std::vector<Placed> placed_;
  std::vector<long> owner_;
  std::vector<std::string> fragmentText_;
  std::vector<lxw_rich_string_tuple> fragments_;
  std::vector<lxw_rich_string_tuple*> fragmentPtrs_;
  std::vector<bangfu::layout::FallbackPiece> pieces_;
  std::string scratch_;
  FormatKey formatKey_{};
  std::vector<double> rowHeights_;         ///< the sheet being written: every row's height (points)
  std::vector<RowGroup> groups_;           ///< its vertically merged body groups
  std::vector<std::size_t> forcedStarts_;  ///< its rows that start a page: later parts of cut rows
  std::vector<std::pair<std::size_t, std::size_t>> bodyRuns_;  ///< its table's contiguous body rows
  SheetCells cells_;  ///< where the sheet being written puts its cells
  /// Per sheet, its rows when streamed (constant_memory: StreamedSheet), for finishPackage.
  std::vector<std::optional<StreamedSheetData>> streamed_;
};

void Writer::plan() {
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

void Writer::checkLength(const SheetPlan& s, std::size_t bytes, const std::string& text, std::size_t row,
                         std::size_t col, const std::string& field) {
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

void Writer::measure(SheetPlan& s) {
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

bool Writer::run() {
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

void Writer::writeSheet(lxw_worksheet* ws, const SheetPlan& s) {
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

double Writer::tablePx(const SheetPlan& s) {
  double px = 0;
  for (double w : s.widths) px += columnPx(w);
  return px;
}

std::vector<RowGroup> Writer::sortedGroups() const {
  std::vector<RowGroup> g = groups_;
  std::sort(g.begin(), g.end(), [](const RowGroup& a, const RowGroup& b) { return a.first < b.first; });
  return g;
}

void Writer::setRowHeight(std::size_t row, double pt) {
  status_.check(cells_.setRow(static_cast<lxw_row_t>(row), pt), "worksheet_set_row_opt");
  if (rowHeights_.size() <= row) rowHeights_.resize(row + 1, LXW_DEF_ROW_HEIGHT);
  rowHeights_[row] = pt;
}

std::size_t Writer::writeFullRow(const SheetPlan& s, std::size_t row, const Paragraph& p, Role role,
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

void Writer::writeCell(lxw_row_t row, lxw_col_t col, const Cell& cell, Style base, lxw_format* fmt,
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

std::vector<double> Writer::tableRowHeights(const SheetPlan& s, const PrintedRows& t) {
  struct Span {
    std::size_t lastRow;
    double neededPt;
    double accPt;
  };
  std::vector<Span> spans;
  std::vector<double> heights(t.size());
  Placer placer(s.cols, t.size());
  for (std::size_t r = 0; r < t.size(); ++r) {
    placer.place(r, t[r], placed_, owner_);
    // The row's lines as the DOCX counts them (layout::rowLines); a cell spanning
    // rows tops up its last row.
    for (const Placed& p : placed_) {
      if (p.rowSpan == 1) continue;
      const bool header = t[r].kind == doc::RowKind::Header;
      const int n =
          bangfu::layout::cellLines(t[r].cells[p.cell], header, s.metrics.halfPoints,
                                    bangfu::layout::cellContentTwips(s.twips, p.col, p.colSpan, s.metrics));
      spans.push_back(Span{r + p.rowSpan - 1, rowHeightPt(n, s.pt), 0});
      if (!header) groups_.push_back(RowGroup{s.tableRow + r, s.tableRow + r + p.rowSpan - 1});
    }
    double height = rowHeightPt(t.lines[r], s.pt);
    for (const Span& sp : spans) {
      if (sp.lastRow == r) height = std::max(height, std::min(kMaxRowHeightPt, sp.neededPt - sp.accPt));
    }
    spans.erase(std::remove_if(spans.begin(), spans.end(), [r](const Span& sp) { return sp.lastRow == r; }),
                spans.end());
    for (Span& sp : spans) sp.accPt += height;
    heights[r] = height;
  }
  return heights;
}

/// Twips per point.
constexpr double kTwipsPerPoint = 20;

PrintedRows Writer::printedRows(const SheetPlan& s, const PrintSetup& print) {
  const Table& t = *s.table;
  // Each cell measured once (layout::measureRows): the row heights and the cuts.
  bangfu::layout::TableLines measured = bangfu::layout::measureRows(t, s.cols, s.twips, s.metrics);
  const std::vector<int>& lines = measured.rows;
  // The XLSX's rows in twips: rowHeightPt's lines and padding, the page at the print scale.
  const bangfu::layout::RowGeometry geometry{
      static_cast<int>(std::lround(s.pt * kLineHeightEm * kTwipsPerPoint)),
      static_cast<int>(std::lround(kRowPaddingPt * kTwipsPerPoint))};
  const double pagePt = printedPageHeightPt(print, tablePx(s));
  double headerPt = 0;
  for (std::size_t r = 0; r < t.rows.size(); ++r)
    if (t.rows[r].kind == doc::RowKind::Header) headerPt += rowHeightPt(lines[r], s.pt);
  double abovePt = 0;
  for (std::size_t r = 0; r < s.tableRow && r < rowHeights_.size(); ++r) abovePt += rowHeights_[r];
  bangfu::layout::PageRoom room;
  // No safety margin (the DOCX's kSplitSafetyTwips): a sheet row prints at the height
  // set, so this is pageBreaks' own page and both paginations end pages alike.
  room.pageTwips = static_cast<int>((pagePt - headerPt) * kTwipsPerPoint);
  room.firstPageTwips = std::max(0, room.pageTwips - static_cast<int>(abovePt * kTwipsPerPoint));
  // A sheet row prints at most kMaxRowHeightPt tall (rowHeightPt caps it): a row the
  // page holds is planned at the lines that cap holds, or every capped row put the
  // plan's pages further behind pageBreaks' (the synthetic 200-row table: after rows of
  // 20+ lines at 409 pt, a 4-line row moved whole off a page 63 mm short, p.64). A row
  // taller than the page keeps its lines, to be cut.
  const int capLines =
      static_cast<int>(std::ceil((kMaxRowHeightPt - kRowPaddingPt) / (s.pt * kLineHeightEm)));
  for (int& n : measured.rows) {
    if (n > capLines && n * geometry.lineTwips + geometry.rowExtraTwips <= room.pageTwips) n = capLines;
  }
  std::vector<int> heights(lines.size());
  bool merged = false;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    heights[r] = lines[r] * geometry.lineTwips + geometry.rowExtraTwips;
    for (const auto& c : t.rows[r].cells)
      merged = merged || (c.rowSpan > 1 && t.rows[r].kind != doc::RowKind::Header);
  }
  // Groups the page keeps whole move as one block (pageBreaks keeps them so too).
  const std::vector<unsigned char> keep =
      merged ? bangfu::layout::planGroups(t, s.cols, heights,
                                          static_cast<int>((pagePt - headerPt) * kTwipsPerPoint))
                   .keepWithNext
             : std::vector<unsigned char>(t.rows.size(), 0);
  PrintedRows out;
  out.cuts = bangfu::layout::planRowCuts(t, s.cols, s.twips, s.metrics, measured, keep, geometry, room);
  std::size_t parts = 0;
  for (const auto& cut : out.cuts) parts += cut.parts.size() - 1;
  out.rows.reserve(t.rows.size() + parts);
  out.lines.reserve(t.rows.size() + parts);
  auto cut = out.cuts.cbegin();
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    if (cut != out.cuts.cend() && cut->row == r) {
      for (std::size_t k = 0; k < cut->parts.size(); ++k) {
        if (k > 0) out.continuing.push_back(out.rows.size());
        out.rows.push_back(&cut->parts[k]);
        out.lines.push_back(cut->partLines[k]);
      }
      ++cut;
    } else {
      out.rows.push_back(&t.rows[r]);
      out.lines.push_back(lines[r]);
    }
  }
  return out;
}

std::size_t Writer::writeTable(const SheetPlan& s, const PrintSetup& print) {
  // Tall rows cut where the printed page ends, as the DOCX cuts them
  // (docs/typesetting.md "Rows across pages"); their later parts start a page.
  const PrintedRows t = printedRows(s, print);
  for (const std::size_t r : t.continuing) forcedStarts_.push_back(s.tableRow + r);
  for (std::size_t r = 0; r < t.size(); ++r) {
    if (t[r].kind != doc::RowKind::Body) continue;
    const std::size_t sheetRow = s.tableRow + r;
    if (!bodyRuns_.empty() && bodyRuns_.back().second + 1 == sheetRow) {
      bodyRuns_.back().second = sheetRow;
    } else {
      bodyRuns_.emplace_back(sheetRow, sheetRow);
    }
  }
  const std::size_t cols = s.cols;
  const int halfPt = static_cast<int>(std::lround(s.pt * 2));
  std::vector<lxw_format*> aboveFormat(cols, nullptr);  // format of the cell covering a slot from above
  lxw_format* emptyFormat =
      formats_->cell(FormatKey{Role::Body, Style{}, Align::Center, s.borders, halfPt, {}});

  // The printed pages, known before any merge is written: a merged group cut by a
  // page (one taller than a page) is written as one merge per page, each with the
  // label, so no page starts with a blank merged cell (issue 16).
  const std::vector<double> heights = tableRowHeights(s, t);
  std::vector<double> sheetHeights = rowHeights_;
  sheetHeights.resize(s.tableRow, LXW_DEF_ROW_HEIGHT);
  sheetHeights.insert(sheetHeights.end(), heights.begin(), heights.end());
  const std::vector<std::size_t> pageStarts =
      printedPageStarts(print, tablePx(s), sheetHeights, sortedGroups(), forcedStarts_);
  auto pieceEnd = [&pageStarts](std::size_t first, std::size_t last) {
    const auto next = std::upper_bound(pageStarts.begin(), pageStarts.end(), first);
    return next == pageStarts.end() ? last : std::min(last, *next - 1);
  };
  auto startsPage = [&pageStarts](std::size_t row) {
    return std::binary_search(pageStarts.begin(), pageStarts.end(), row);
  };
  struct Covering {  // the cell covering a column from an earlier row
    const Cell* cell = nullptr;
    Style base;
    std::size_t firstCol = 0;
    std::size_t lastCol = 0;
    std::size_t lastRow = 0;  ///< sheet row
  };
  std::vector<Covering> covering(cols);
  struct Merge {
    lxw_row_t r0;
    lxw_col_t c0;
    lxw_row_t r1;
    lxw_col_t c1;
    lxw_format* fmt;
  };
  std::vector<Merge> pendingMerges;  // constant_memory: registered when their last row is reached
  std::vector<lxw_format*> cellFormat;
  std::vector<Style> cellBase;

  auto addMerge = [&](const Merge& m, bool spansRows) {
    if (m.r0 == m.r1 && m.c0 == m.c1) return;
    if (optimize_ && spansRows) {
      pendingMerges.push_back(m);
    } else {
      status_.check(cells_.mergeRange(m.r0, m.c0, m.r1, m.c1, "", m.fmt), "worksheet_merge_range");
    }
  };

  const std::vector<doc::Column>& columns = s.table->columns;
  Placer placer(cols, t.size());
  for (std::size_t r = 0; r < t.size(); ++r) {
    const doc::Row& rowModel = t[r];
    const auto sheetRow = static_cast<lxw_row_t>(s.tableRow + r);
    placer.place(r, rowModel, placed_, owner_);
    const bool header = rowModel.kind == doc::RowKind::Header;
    const Role role = header ? Role::Header : Role::Body;
    // 黑体, not bold: the DOCX's TableHeading style (issue 16: XLSX matches DOCX).
    const Style roleBase = header ? Style{Face::Hei, false} : Style{Face::Fang, false};

    cellFormat.assign(placed_.size(), nullptr);
    cellBase.assign(placed_.size(), roleBase);
    for (std::size_t i = 0; i < placed_.size(); ++i) {
      const Placed& p = placed_[i];
      const Cell& cell = rowModel.cells[p.cell];
      // Format: the cell's one style (if it has one), its alignment, borders.
      Align align = cell.align;
      if (align == Align::Inherit && !header && p.col < columns.size()) align = columns[p.col].align;
      if (align == Align::Inherit) align = Align::Center;
      formatKey_ = FormatKey{role, cellStyle(cell.lines, roleBase), align, s.borders, halfPt, {}};
      if (cell.number) formatKey_.numFormat = cell.numberFormat;
      cellFormat[i] = formats_->cell(formatKey_);
    }
    setRowHeight(sheetRow, heights[r]);

    // Merges. In constant_memory mode rows are flushed in order, so a merge
    // spanning rows is registered when its last row is current: its first
    // cell (already written) is left alone, and the blanks it pads with are
    // overwritten below with the same format.
    if (optimize_) {
      for (const Merge& m : pendingMerges) {
        if (m.r1 == sheetRow)
          status_.check(cells_.mergeRange(m.r0, m.c0, m.r1, m.c1, "", m.fmt), "worksheet_merge_range");
      }
      pendingMerges.erase(std::remove_if(pendingMerges.begin(), pendingMerges.end(),
                                         [sheetRow](const Merge& m) { return m.r1 == sheetRow; }),
                          pendingMerges.end());
    }
    for (std::size_t i = 0; i < placed_.size(); ++i) {
      const Placed& p = placed_[i];
      if (p.rowSpan == 1 && p.colSpan == 1) continue;
      const std::size_t last = sheetRow + p.rowSpan - 1;
      const std::size_t end = header ? last : pieceEnd(sheetRow, last);
      addMerge(Merge{sheetRow, static_cast<lxw_col_t>(p.col), static_cast<lxw_row_t>(end),
                     static_cast<lxw_col_t>(p.col + p.colSpan - 1), cellFormat[i]},
               end > sheetRow);
      if (end < last) {
        for (std::size_t c = p.col; c < p.col + p.colSpan; ++c)
          covering[c] = Covering{&rowModel.cells[p.cell], cellBase[i], p.col, p.col + p.colSpan - 1, last};
      }
    }
    // A cut group's next piece: its merge and its label again, at the page's top.
    for (std::size_t c = 0; c < cols; ++c) {
      const Covering& cv = covering[c];
      if (cv.cell == nullptr || owner_[c] != kAbove || cv.firstCol != c || !startsPage(sheetRow) ||
          cv.lastRow < sheetRow)
        continue;
      const std::size_t end = pieceEnd(sheetRow, cv.lastRow);
      addMerge(Merge{sheetRow, static_cast<lxw_col_t>(c), static_cast<lxw_row_t>(end),
                     static_cast<lxw_col_t>(cv.lastCol), aboveFormat[c]},
               end > sheetRow);
    }

    for (std::size_t c = 0; c < cols; ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      const long o = owner_[c];
      if (o == kAbove) {
        const Covering& cv = covering[c];
        if (cv.cell != nullptr && cv.firstCol == c && cv.lastRow >= sheetRow && startsPage(sheetRow)) {
          writeCell(sheetRow, col, *cv.cell, cv.base, aboveFormat[c], halfPt, s, c, false);
        } else if (aboveFormat[c] != nullptr) {
          status_.check(cells_.writeBlank(sheetRow, col, aboveFormat[c]), "worksheet_write_blank");
        }
        continue;
      }
      if (o == kEmpty) {
        aboveFormat[c] = nullptr;
        covering[c] = Covering{};
        if (s.borders) status_.check(cells_.writeBlank(sheetRow, col, emptyFormat), "worksheet_write_blank");
        continue;
      }
      const auto idx = static_cast<std::size_t>(o);
      const Placed& p = placed_[idx];
      aboveFormat[c] = cellFormat[idx];
      if (covering[c].lastRow < sheetRow) covering[c] = Covering{};
      if (p.col != c) {
        status_.check(cells_.writeBlank(sheetRow, col, cellFormat[idx]), "worksheet_write_blank");
        continue;
      }
      writeCell(sheetRow, col, rowModel.cells[p.cell], cellBase[idx], cellFormat[idx], halfPt, s, c,
                rowModel.kind == doc::RowKind::Total || rowModel.kind == doc::RowKind::Body);
    }
  }
  return t.size();
}

}  // namespace

bool writeXlsx(const doc::Notice& notice, const std::string& path, diag::Diagnostics& diags,
               const XlsxOptions& options) {
  Writer w(notice, path, "", diags, options);
  return w.run();
}

bool writeXlsxStaged(const doc::Notice& notice, const std::string& file, const std::string& shownAs,
                     diag::Diagnostics& diags, const XlsxOptions& options) {
  Writer w(notice, shownAs, file, diags, options);
  return w.run();
}

}  // namespace bangfu::xlsx
