// `bangfu init`: the input workbook a clerk fills in (docs/workbook.md), blank or
// filled from a scheme, written with libxlsxwriter from the layout of
// workbook_layout.hpp.
#include <xlsxwriter.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "bangfu/io/scheme_io.hpp"
#include "bangfu/model/ids.hpp"
#include "bangfu/text/width.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "io/plugin_sheets.hpp"
#include "io/scheme_names.hpp"
#include "io/workbook_body_sheet.hpp"
#include "io/workbook_layout.hpp"

namespace bangfu::io {

namespace {

using namespace workbook;  // NOLINT(google-build-using-namespace): the layout's names are this file's
                           // vocabulary

// ---- writing ----------------------------------------------------------------

/// One sheet's rows as text or numbers, before they go to libxlsxwriter.
struct OutCell {
  std::string text;
  std::optional<double> number;
};
using OutRow = std::vector<OutCell>;

OutCell text(const std::string& s) { return {s, std::nullopt}; }
OutCell count(std::optional<long long> n) {
  if (!n) return {};
  return {std::to_string(*n), static_cast<double>(*n)};
}

/// The core sheets' rows. Options a plugin sheet holds (`owned`) are not repeated on 选项.
std::map<std::string, std::vector<OutRow>> rowsFrom(const model::Scheme& s, const std::string& plugin,
                                                    const std::set<std::string>& owned) {
  std::map<std::string, std::vector<OutRow>> out;
  auto& notice = out[kNoticeSheet];
  notice.push_back({text(kKeyPlugin), text(plugin)});
  notice.push_back({text(kKeyName), text(s.name)});
  notice.push_back({text(kKeySource), text(s.source)});
  notice.push_back({text(kKeyFictional), text(s.fictional ? kYes : kNo)});
  for (const auto& i : s.notice.issuers) notice.push_back({text(kKeyIssuer), text(i)});
  if (s.notice.issuers.empty()) notice.push_back({text(kKeyIssuer)});
  notice.push_back({text(kKeyDocNumber), text(s.notice.docNumber)});
  notice.push_back({text(kKeyTitle), text(s.notice.title)});
  notice.push_back({text(kKeyDate), text(s.notice.date)});
  notice.push_back({text(kKeyRecipients), text(s.notice.recipients)});
  for (const auto& a : s.notice.appendices)
    notice.push_back({text(kKeyAppendix), text(a.label), text(a.id), text(a.title)});
  if (s.notice.appendices.empty()) notice.push_back({text(kKeyAppendix)});

  for (const auto& a : s.areas)
    out[kAreaSheet].push_back({text(a.id), text(a.name), text(names::areaLevelZh(a.level)), text(a.parent),
                               text(a.annotation), text(joinList([&] {
                                 std::vector<std::string> f;
                                 for (const auto& x : a.flags) f.push_back(names::toZh(names::kAreaFlags, x));
                                 return f;
                               }()))});
  for (const auto& u : s.units) {
    std::vector<std::string> f;
    for (const auto& x : u.flags) f.push_back(names::toZh(names::kUnitFlags, x));
    out[kUnitSheet].push_back({text(u.id), text(u.name), text(u.kind), text(joinList(f))});
  }
  for (const auto& p : s.people)
    out[kPersonSheet].push_back(
        {text(p.id), text(p.name), text(p.unit), text(p.post), text(p.annotation), text(joinList(p.roles))});
  for (const auto& t : s.teams) {
    out[kTeamSheet].push_back({text(t.id), text(t.name), text(t.target), text(joinList(t.targets)),
                               count(t.statedGroups), count(t.statedInstructors), count(t.statedVillages),
                               text(joinList(t.partnerAreas)), text(joinList(t.people))});
    auto member = [&](const model::TeamMember& m, const char* category) {
      out[kMemberSheet].push_back(
          {text(t.id), text(category), text(joinList(m.units)), count(m.multiplicity)});
    };
    if (t.leader) member(*t.leader, kLeaderCategory);
    for (const auto& m : t.members) member(m, kMemberCategory);
  }
  for (const auto& p : s.pairings)
    out[kPairingSheet].push_back({text(names::toZh(names::kPairingKinds, p.kind)),
                                  text(names::partyKindZh(p.helper.kind)), text(p.helper.ref),
                                  text(names::partyKindZh(p.target.kind)), text(p.target.ref), text(p.period),
                                  text(p.role), text(p.note)});
  for (const auto& c : s.committees) {
    bool first = true;
    auto row = [&](const std::string& title, const std::string& person, bool stroke) {
      out[kCommitteeSheet].push_back({text(c.id), text(first ? c.name : ""), text(title), text(person),
                                      text(stroke ? kYes : ""), text(first ? c.intro : ""),
                                      text(first ? c.closing : "")});
      first = false;
    };
    for (const auto& r : c.roles) {
      if (r.people.empty()) row(r.title, "", r.strokeOrder);
      for (std::size_t i = 0; i < r.people.size(); ++i) row(r.title, r.people[i], i == 0 && r.strokeOrder);
    }
    if (c.roles.empty()) row("", "", false);
  }
  for (const auto& f : s.stated)
    out[kStatedSheet].push_back({text(f.key), text(f.label), count(f.value), text(f.acknowledged)});
  for (const auto& [id, list] : s.notes)
    for (const auto& n : list) out[kNotesSheet].push_back({text(id), text(n)});
  for (const auto& [k, v] : s.options)
    if (!owned.count(k)) out[kOptionsSheet].push_back({text(k), text(v)});
  return out;
}

constexpr double kMinColumnWidth = 8;
constexpr double kMaxColumnWidth = 60;
constexpr double kInstructionsWidth = 100;
// Validation covers every data row of Excel's grid below the header.
constexpr lxw_row_t kLastRow = 1048575;

class XlsxOut {
 public:
  explicit XlsxOut(const std::string& path, long long epoch, const std::string& title) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    options.use_zip64 = LXW_FALSE;
    wb_ = workbook_new_opt(path.c_str(), &options);
    if (!wb_) throw std::runtime_error("cannot create " + path);
    title_ = title;
    props_.title = title_.data();
    props_.author = author_.data();
    props_.created = static_cast<time_t>(epoch);
    workbook_set_properties(wb_, &props_);
    header_ = workbook_add_format(wb_);
    format_set_bold(header_);
    format_set_bg_color(header_, kHeaderFill);
    format_set_border(header_, LXW_BORDER_THIN);
    textFormat_ = workbook_add_format(wb_);
    format_set_num_format(textFormat_, "@");
    wrap_ = workbook_add_format(wb_);
    format_set_text_wrap(wrap_);
    format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
    infoFormat_ = workbook_add_format(wb_);
    format_set_num_format(infoFormat_, "@");
    format_set_font_color(infoFormat_, kGrey);
    sampleText_ = workbook_add_format(wb_);
    format_set_num_format(sampleText_, "@");
    format_set_italic(sampleText_);
    format_set_font_color(sampleText_, kGrey);
  }
  ~XlsxOut() {
    if (wb_) {
      workbook_close(wb_);  // only reached on an error path; the temp file is dropped
    }
  }
  XlsxOut(const XlsxOut&) = delete;
  XlsxOut& operator=(const XlsxOut&) = delete;
  lxw_workbook* workbook() { return wb_; }

  /// 填表说明: the conventions, then every sheet's columns, the plugin's sheets last.
  void instructions(const std::string& plugin, const std::vector<plugin::InputSheetSpec>& pluginSheets,
                    bool blank) {
    lxw_worksheet* ws = add(kInstructionsSheet);
    worksheet_set_column(ws, 0, 0, kInstructionsWidth, wrap_);
    lxw_row_t r = 0;
    auto line = [&](const std::string& s, lxw_format* f = nullptr) {
      worksheet_write_string(ws, r++, 0, s.c_str(), f);
    };
    line("bangfu 输入工作簿：填表说明", header_);
    line("每张表第一行是表头，不要改动表头文字；从第二行起每行一条记录，空行会被跳过。");
    line(
        "区划、单位、人员各有固定的“编号”（如 "
        "A001、U001、P001），其他表引用某条记录时填它的编号（也可填名称）。"
        "编号留空时取名称。下拉列表给出可选值，也可直接输入。");
    line("更名：只改该行的“名称”（人员为“姓名”）一格，编号不要改，其他表不用动；新增的行接着编下一个编号。");
    line("一格里有多个值时用顿号“、”分隔。填好后运行：bangfu check 本工作簿.xlsx");
    line(std::string("“") + kExampleSheet +
             "”表给出每张表的一行示例（灰色斜体），照着格式在各表第二行起填写实际内容。示例不会被读入；"
             "表中若留有示例里的值（如 示例局、王某某），bangfu check 会指出所在单元格。",
         sampleText_);

    if (!plugin.empty()) {
      line("插件：" + plugin +
           (pluginSheets.empty() ? "（该插件没有专用表，设置项填在“选项”表）"
                                 : "（该插件的专用表排在“选项”之后）"));
    }
    for (const auto& s : layout()) {
      ++r;
      line("【" + s.name + "】" + s.help, header_);
      for (const auto& c : s.columns) line("  " + c.header + "：" + c.help);
    }
    for (const auto& p : pluginSheets) {
      ++r;
      line("【" + p.name + "】（插件 " + plugin + "）" + p.help, header_);
      if (p.kind == plugin::InputSheetSpec::Kind::Settings) {
        line("  每行一个设置项：改“值”一列；值留空时用“默认值”。");
        for (const auto& st : p.settings) {
          std::string l =
              "  " + st.label + "：" + st.help + "（默认：" + plugin_sheets::shown(st.choices, st.fallback);
          if (!st.choices.empty()) l += "；可选：" + joinList(plugin_sheets::labels(st.choices));
          line(l + "）");
        }
      } else {
        for (const auto& c : p.columns) {
          std::string l = "  " + c.header + "：" + c.help;
          if (!c.choices.empty()) l += "（可选：" + joinList(plugin_sheets::labels(c.choices)) + "）";
          line(l);
        }
        if (!p.defaults.empty()) {
          line("  此表为空时，插件使用默认的 " + std::to_string(p.defaults.size()) + " 行" +
               (blank ? "；本工作簿已按默认填好，可直接修改。" : "。"));
        }
      }
    }
    if (!pluginSheets.empty()) {
      ++r;
      line(std::string("隐藏的“") + plugin_sheets::kDefinitionSheet +
           "”表记录上述插件表的结构，bangfu 读表时不需要插件；请勿修改。");
    }
    worksheet_freeze_panes(ws, 1, 0);
  }

  /// 示例: for each sheet of the layout that has one, its name, its header and its
  /// example row, grey italic. Examples live here, outside the data rows, so
  /// that typing over part of one can never leave an example value in the data.
  void examples() {
    lxw_worksheet* ws = add(kExampleSheet);
    lxw_row_t r = 0;
    std::vector<std::size_t> widths;
    auto widen = [&](std::size_t c, const std::string& v) {
      if (widths.size() <= c) widths.resize(c + 1, 0);
      widths[c] = std::max(widths[c], text::displayWidth(v));
    };
    worksheet_write_string(ws, r++, 0, "各表的填写示例：照此格式在对应的表中填写实际内容（本表不会被读入）",
                           header_);
    for (const auto& sp : layout()) {
      if (sp.sample.empty()) continue;
      ++r;
      worksheet_write_string(ws, r++, 0, ("【" + sp.name + "】").c_str(), nullptr);
      for (std::size_t c = 0; c < sp.columns.size(); ++c) {
        worksheet_write_string(ws, r, static_cast<lxw_col_t>(c), sp.columns[c].header.c_str(), header_);
        widen(c, sp.columns[c].header);
      }
      ++r;
      for (std::size_t c = 0; c < sp.sample.size() && c < sp.columns.size(); ++c) {
        if (sp.sample[c].empty()) continue;
        worksheet_write_string(ws, r, static_cast<lxw_col_t>(c), sp.sample[c].c_str(), sampleText_);
        widen(c, sp.sample[c]);
      }
      ++r;
    }
    for (std::size_t c = 0; c < widths.size(); ++c) {
      const double w =
          std::clamp(static_cast<double>(widths[c]) + kColumnPadding, kMinColumnWidth, kMaxColumnWidth);
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w, nullptr);
    }
  }

  /// One sheet: the header with a comment per column, the rows, widths, formats,
  /// drop-downs, the frozen header.
  lxw_worksheet* sheet(const SheetSpec& s, const std::vector<OutRow>& rows) {
    lxw_worksheet* ws = add(s.name);
    std::vector<std::size_t> widths(s.columns.size());
    for (std::size_t c = 0; c < s.columns.size(); ++c) {
      const ColumnSpec& col = s.columns[c];
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), col.header.c_str(), header_);
      widths[c] = text::displayWidth(col.header);
      worksheet_write_comment(ws, 0, static_cast<lxw_col_t>(c), col.help.c_str());
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
      for (std::size_t c = 0; c < rows[r].size() && c < s.columns.size(); ++c) {
        const OutCell& cell = rows[r][c];
        const auto row = static_cast<lxw_row_t>(r + 1);
        const auto column = static_cast<lxw_col_t>(c);
        if (cell.number)
          worksheet_write_number(ws, row, column, *cell.number, nullptr);
        else if (!cell.text.empty())
          worksheet_write_string(ws, row, column, cell.text.c_str(), nullptr);
        widths[c] = std::max(widths[c], text::displayWidth(cell.text));
      }
    }
    for (std::size_t c = 0; c < s.columns.size(); ++c) {
      const ColumnSpec& col = s.columns[c];
      double w =
          std::clamp(static_cast<double>(widths[c]) + kColumnPadding, kMinColumnWidth, kMaxColumnWidth);
      w = std::max(w, col.width);
      // Text columns are formatted as text so that ids like 001 stay as typed;
      // columns written for the clerk only are grey.
      lxw_format* format = col.check == Check::Count ? nullptr : col.info ? infoFormat_ : textFormat_;
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w, format);
      validate(ws, static_cast<lxw_col_t>(c), col);
    }
    worksheet_freeze_panes(ws, 1, 0);
    return ws;
  }

  /// A plugin's sheet after 选项: a settings sheet gets a drop-down on the 值 cell
  /// of each setting that has choices.
  void pluginSheet(const plugin::InputSheetSpec& p, const std::vector<std::vector<std::string>>& rows) {
    std::vector<OutRow> out;
    out.reserve(rows.size());
    for (const auto& row : rows) {
      OutRow o;
      for (const auto& v : row) o.push_back(text(v));
      out.push_back(std::move(o));
    }
    lxw_worksheet* ws = sheet(layoutOf(p), out);
    if (p.kind != plugin::InputSheetSpec::Kind::Settings) return;
    for (std::size_t i = 0; i < p.settings.size(); ++i) {
      if (p.settings[i].choices.empty()) continue;
      ColumnSpec value{plugin_sheets::kValueHeader, "", Check::Values,
                       plugin_sheets::labels(p.settings[i].choices)};
      value.strict = true;
      validate(ws, 1, value, static_cast<lxw_row_t>(i + 1));
    }
  }

  /// The hidden, protected sheet that describes the plugin sheets for the reader.
  void definitions(const std::vector<plugin::InputSheetSpec>& specs) {
    lxw_worksheet* ws = add(plugin_sheets::kDefinitionSheet);
    const auto header = plugin_sheets::definitionHeader();
    for (std::size_t c = 0; c < header.size(); ++c)
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c].c_str(), header_);
    const auto rows = plugin_sheets::definitionRows(specs);
    for (std::size_t r = 0; r < rows.size(); ++r)
      for (std::size_t c = 0; c < rows[r].size(); ++c)
        if (!rows[r][c].empty())
          worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                                 rows[r][c].c_str(), nullptr);
    worksheet_set_column(ws, 0, static_cast<lxw_col_t>(header.size() - 1), kDefinitionWidth, textFormat_);
    worksheet_hide(ws);
    worksheet_protect(ws, nullptr, nullptr);
  }

  void close() {
    const lxw_error err = workbook_close(wb_);
    wb_ = nullptr;
    if (err != LXW_NO_ERROR) throw std::runtime_error(std::string("libxlsxwriter: ") + lxw_strerror(err));
  }

 private:
  static constexpr lxw_color_t kHeaderFill = 0xD9E1F2;
  static constexpr lxw_color_t kGrey = 0x808080;  // example rows and columns not read back
  static constexpr double kDefinitionWidth = 16;

  lxw_worksheet* add(const std::string& name) {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
    if (!ws) throw std::runtime_error("cannot add the sheet " + name);
    return ws;
  }

  /// The column's validation on every data row, or on the one row `only` (> 0).
  void validate(lxw_worksheet* ws, lxw_col_t col, const ColumnSpec& c, lxw_row_t only = 0) {
    if (c.check == Check::None) return;
    lxw_data_validation dv{};
    std::vector<char*> list;
    std::string formula;
    dv.error_type = c.strict ? LXW_VALIDATION_ERROR_TYPE_STOP : LXW_VALIDATION_ERROR_TYPE_WARNING;
    dv.ignore_blank = LXW_VALIDATION_ON;
    switch (c.check) {
      case Check::Values:
      case Check::YesNo: {
        static const std::vector<std::string> kYesNo{kYes, kNo};
        const auto& values = c.check == Check::YesNo ? kYesNo : c.values;
        for (const auto& v : values) list.push_back(const_cast<char*>(v.c_str()));
        list.push_back(nullptr);
        dv.validate = LXW_VALIDATION_TYPE_LIST;
        dv.value_list = list.data();
        if (c.check == Check::YesNo) dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
        break;
      }
      case Check::Reference:
        // A list drawn from column A of another sheet (ECMA-376 §18.3.1.32 dataValidation, type list).
        formula = std::string("='") + c.refSheet + "'!$A$2:$A$" + std::to_string(kLastRow + 1);
        dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        dv.value_formula = formula.data();
        break;
      case Check::Count:
        dv.validate = LXW_VALIDATION_TYPE_INTEGER;
        dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        dv.value_number = 0;
        dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
        break;
      case Check::None:
        return;
    }
    if (only > 0)
      worksheet_data_validation_cell(ws, only, col, &dv);
    else
      worksheet_data_validation_range(ws, 1, col, kLastRow, col, &dv);
  }

  lxw_workbook* wb_ = nullptr;
  lxw_doc_properties props_{};
  std::string title_;
  std::string author_ = "bangfu";
  lxw_format* header_ = nullptr;
  lxw_format* textFormat_ = nullptr;
  lxw_format* wrap_ = nullptr;
  lxw_format* infoFormat_ = nullptr;
  lxw_format* sampleText_ = nullptr;
};

}  // namespace

void writeInputWorkbook(const std::string& path, const InitOptions& options) {
  // Areas, units and people get stable codes (U001) apart from their names, so that
  // a rename in the workbook is one 名称 cell (docs/workbook.md "编号与更名").
  model::Scheme from = options.from ? *options.from : model::Scheme{};
  model::assignCodes(from);
  const std::string plugin = options.pluginId.empty() ? from.plugin : options.pluginId;
  const auto& extra = options.pluginSheets;
  std::vector<std::string> taken{kInstructionsSheet, kExampleSheet};
  for (const auto& s : layout()) taken.push_back(s.name);
  plugin_sheets::checkSpecs(extra, taken);  // a plugin's mistake: nothing is written
  std::vector<plugin_sheets::SheetRows> extraRows;
  std::set<std::string> owned;
  for (const auto& spec : extra) {
    extraRows.push_back(plugin_sheets::rowsOf(spec, options.from));
    owned.insert(extraRows.back().owned.begin(), extraRows.back().owned.end());
  }
  util::TempOutput temp(path);
  {
    XlsxOut out(temp.path(), options.epoch, from.name.empty() ? "bangfu 输入工作簿" : from.name);
    const bool isBlank = options.from == nullptr;
    out.instructions(plugin, extra, isBlank);
    out.examples();
    auto rows = rowsFrom(from, plugin, owned);
    for (const auto& s : layout()) out.sheet(s, rows[s.name]);
    // The plugin's sheets after 选项, then their definitions (hidden) for the reader.
    for (std::size_t i = 0; i < extra.size(); ++i) out.pluginSheet(extra[i], extraRows[i].rows);
    writeBodySheet(out.workbook(), options.bodyLines);  // 正文 (workbook_body.cpp)
    if (!extra.empty()) out.definitions(extra);
    out.close();
  }
  temp.commit();
}

}  // namespace bangfu::io
