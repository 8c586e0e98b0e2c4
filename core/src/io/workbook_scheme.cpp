// The input workbook a clerk fills in (docs/workbook.md): written by `bangfu init`
// with libxlsxwriter, read back with readXlsx into the same model as the JSON.
// The sheet and column tables below are the single source of the layout: the
// writer, the reader and the 填表说明 sheet all come from them. A plugin's sheets
// (plugin::InputSheetSpec) are turned into the same tables (layoutOf) and read
// back from the definitions the workbook carries (io/plugin_sheets.hpp).
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "bangfu/io/scheme_io.hpp"
#include "bangfu/io/workbook_body.hpp"
#include "io/workbook_body_sheet.hpp"
#include "bangfu/io/sheet.hpp"
#include "bangfu/model/member_text.hpp"
#include "bangfu/text/width.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "io/io_detail.hpp"
#include "io/plugin_sheets.hpp"
#include "io/scheme_names.hpp"

namespace bangfu::io {

namespace {

// ---- layout -----------------------------------------------------------------

constexpr const char* kInstructionsSheet = "填表说明";
constexpr const char* kNoticeSheet = "通知";
constexpr const char* kAreaSheet = "区划";
constexpr const char* kUnitSheet = "单位";
constexpr const char* kPersonSheet = "人员";
constexpr const char* kTeamSheet = "团组";
constexpr const char* kMemberSheet = "团组成员";
constexpr const char* kPairingSheet = "结对";
constexpr const char* kCommitteeSheet = "领导小组";
constexpr const char* kStatedSheet = "统计数字";
constexpr const char* kNotesSheet = "说明";
constexpr const char* kOptionsSheet = "选项";

/// Several values in one cell (flags, roles, area lists) are separated by 、 when
/// written; 、，,；; all separate when read.
constexpr const char* kListSeparator = "、";
constexpr const char* kYes = "是";
constexpr const char* kNo = "否";
constexpr const char* kLeaderCategory = "组长单位";
constexpr const char* kMemberCategory = "成员单位";

enum class Check { None, Values, Reference, Count, YesNo };

struct ColumnSpec {
  std::string header;
  std::string help;
  Check check = Check::None;
  std::vector<std::string> values{};  // Check::Values: the drop-down list
  const char* refSheet = nullptr;     // Check::Reference: ids in column A of this sheet
  bool strict = false;                // reject other values (else warn only)
  bool info = false;                  // written for the clerk, never read: may be deleted
  double width = 0;                   // minimum width (Excel character units), 0: from the content
};

struct SheetSpec {
  std::string name;
  std::string help;
  std::vector<ColumnSpec> columns;
  /// The example row of a blank workbook, one value per column (grey italic, row 2).
  /// Read back unchanged it is skipped with workbook.sample-row: it is never data.
  std::vector<std::string> sample{};
};

// Notice keys (column 项目 of 通知).
constexpr const char* kKeyPlugin = "插件";
constexpr const char* kKeyName = "名称";
constexpr const char* kKeySource = "来源";
constexpr const char* kKeyFictional = "虚构数据";
constexpr const char* kKeyIssuer = "发文机关";
constexpr const char* kKeyDocNumber = "发文字号";
constexpr const char* kKeyTitle = "标题";
constexpr const char* kKeyDate = "成文日期";
constexpr const char* kKeyRecipients = "主送";
constexpr const char* kKeyAppendix = "附件";

const std::vector<SheetSpec>& layout() {
  using names::kAreaFlags;
  using names::kUnitFlags;
  static const std::vector<std::string> kNoticeKeys{kKeyPlugin,    kKeyName,  kKeySource, kKeyFictional,
                                                    kKeyIssuer,    kKeyDocNumber, kKeyTitle, kKeyDate,
                                                    kKeyRecipients, kKeyAppendix};
  static const std::vector<SheetSpec> kLayout{
      {kNoticeSheet, "通知的基本信息：每行一项。发文机关、附件可以各写多行。",
       {{"项目", "插件、名称、来源、虚构数据、发文机关、发文字号、标题、成文日期、主送、附件", Check::Values, kNoticeKeys, nullptr, true},
        {"内容", "该项的内容；虚构数据填 是/否；成文日期如 2019年5月30日；附件行填附件标签，如 附件1"},
        {"附件编号", "仅附件行：插件使用的附件编号，如 leaders"},
        {"附件标题", "仅附件行：附件标题，如 市级领导结对帮扶方案"}}},
      {kAreaSheet, "行政区划：省、市、县（市、区）、乡镇（街道）、村。",
       {{"编号", "其他表引用它时所用的编号；留空则取名称"},
        {"名称", "区划名称；留空则取编号"},
        {"层级", "省、市、县、乡镇、村", Check::Values, names::zhLabels(names::kAreaLevels), nullptr, true},
        {"上级", "上级区划的编号", Check::Reference, {}, kAreaSheet},
        {"注记", "名称后括号内的文字，如 莲都区（开发区） 填 开发区"},
        {"标志", "重点帮扶村、困难村；多个用、分隔", Check::Values, names::zhLabels(kAreaFlags)}},
       {"示例村", "示例村", "村", "示例镇", "", "重点帮扶村"}},
      {kUnitSheet, "单位：机关、事业单位、国有企业、金融机构、社会组织、企业。",
       {{"编号", "其他表引用它时所用的编号；留空则取名称"},
        {"名称", "单位名称；留空则取编号"},
        {"类别", "机关、事业单位、国有企业、金融机构、社会组织、企业等"},
        {"标志", "指导员派出单位、企业；多个用、分隔", Check::Values, names::zhLabels(kUnitFlags)}},
       {"示例局", "市示例局", "机关", "指导员派出单位"}},
      {kPersonSheet, "人员：领导、帮扶联系人、驻村干部等。",
       {{"编号", "其他表引用它时所用的编号；留空则取姓名"},
        {"姓名", "姓名，不加空格"},
        {"单位", "所在单位的编号", Check::Reference, {}, kUnitSheet},
        {"职务", "职务"},
        {"注记", "姓名后括号内的文字，如 杜兴林（莲都区） 填 莲都区"},
        {"角色", "县级领导、帮扶联系人、驻村第一书记等；多个用、分隔"}},
       {"示例01", "王某某", "示例局", "局长", "示例县", "帮扶联系人"}},
      {kTeamSheet, "帮扶团组（工作组）：每行一个团组，成员单位填在“团组成员”表。",
       {{"编号", "团组编号，团组成员表和结对表引用它"},
        {"名称", "团组名称，可空"},
        {"帮扶对象", "帮扶的区划编号", Check::Reference, {}, kAreaSheet},
        {"其他帮扶对象", "另外帮扶的区划编号；多个用、分隔"},
        {"工作组数", "文件中写明的工作组数", Check::Count},
        {"指导员数", "文件中写明的指导员数", Check::Count},
        {"帮扶村数", "文件中写明的帮扶村数", Check::Count},
        {"结对地区", "结对的发达县（市、区）编号；多个用、分隔"},
        {"人员", "团组人员编号；多个用、分隔"}},
       {"示例县团组", "", "示例县", "", "3", "1", "", "", ""}},
      {kMemberSheet, "团组的组长单位和成员单位，每行一个，按文件中的顺序。",
       {{"团组", "团组编号", Check::Reference, {}, kTeamSheet},
        {"类别", "组长单位 或 成员单位", Check::Values, {kLeaderCategory, kMemberCategory}, nullptr, true},
        {"单位", "单位编号；几个单位合派一个组时用、分隔，如 市文联、市社科联", Check::Reference, {}, kUnitSheet},
        {"组数", "该单位派出的工作组数，空为 1；如 市农业农村局（2个） 填 2", Check::Count}},
       {"示例县团组", kLeaderCategory, "示例局", "2"}},
      {kPairingSheet, "结对关系：每行一对，帮扶方帮扶对象。",
       {{"类型", "领导联系、单位定点帮扶、团组帮扶、驻村工作组、县域结对、企业帮扶、结对帮户，或插件自定义的类型",
         Check::Values, names::zhLabels(names::kPairingKinds)},
        {"帮扶方类型", "人员、单位、团组、区划", Check::Values, names::zhLabels(names::kPartyKinds), nullptr, true},
        {"帮扶方", "帮扶方的编号"},
        {"对象类型", "区划 或 农户", Check::Values, names::zhLabels(names::kPartyKinds), nullptr, true},
        {"帮扶对象", "帮扶对象的编号；农户填户主姓名等"},
        {"期限", "如 2018-2022"},
        {"角色", "如 配合帮扶"},
        {"备注", "备注"}},
       {"单位定点帮扶", "单位", "示例局", "区划", "示例村", "2023-2025", "", ""}},
      {kCommitteeSheet, "领导小组及办公室：每行一名成员，按文件中的顺序。同一职务的后续行可不填职务。",
       {{"领导小组", "领导小组编号"},
        {"名称", "领导小组全称，写在该小组第一行"},
        {"职务", "组长、副组长、成员、办公室主任等"},
        {"人员", "人员编号", Check::Reference, {}, kPersonSheet},
        {"按姓氏笔画", "该职务的名单按姓氏笔画排列时填 是，写在该职务第一行", Check::YesNo},
        {"引言", "名单前的一句话，写在该小组第一行"},
        {"结束语", "名单后的话，如 领导小组办公室设在区委组织部，写在该小组第一行"}},
       {"示例领导小组", "示例县结对帮扶工作领导小组", "组长", "示例01", "", "", ""}},
      {kStatedSheet, "文件中写明的数字（合计、村数等），bangfu 会与计算结果核对。",
       {{"键", "total.groups、total.instructors、total.villages、count.target-villages 等"},
        {"说明", "数字出处，如 附件2 合计 工作组数"},
        {"数值", "整数", Check::Count}},
       {"total.groups", "示例：附件2 合计 工作组数", "3"}},
      {kNotesSheet, "附件的说明条目，每行一条，不写序号。",
       {{"附件", "附件编号，如 teams"}, {"内容", "说明条目"}},
       {"teams", "示例：指导员派出单位用黑体标注。"}},
      {kOptionsSheet, "插件的其他设置项（插件专用表里已有的设置项不要在这里重复）。",
       {{"键", "设置项名称，如 leaders.header.area"}, {"值", "设置值，前后的空格也保留"}}},
  };
  return kLayout;
}

const SheetSpec& spec(const char* name) {
  for (const auto& s : layout())
    if (s.name == name) return s;
  throw std::logic_error(std::string("no sheet spec ") + name);
}

std::string joinList(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : kListSeparator) + i;
  return s;
}

std::string trim(const std::string& s) { return plugin_sheets::trimCell(s); }

// ---- plugin sheets ----------------------------------------------------------

// Column widths in Excel character units (the width of '0' in the default font);
// a CJK character is two units (UAX #11), plus padding for the cell margins.
constexpr double kColumnPadding = 2;
constexpr double kSettingValueWidth = 16;

/// The layout of a plugin sheet, in the terms the core sheets use, so that one
/// writer and one reader serve both. A settings sheet has fixed columns (the 值
/// drop-down differs per row and is added by the writer); a records sheet has the
/// plugin's columns, with a strict drop-down where a column has choices.
SheetSpec layoutOf(const plugin::InputSheetSpec& p) {
  SheetSpec s{p.name, p.help, {}};
  if (p.kind == plugin::InputSheetSpec::Kind::Settings) {
    // The 值 column is as wide as the widest default, so a clerk sees what a value looks like.
    double valueWidth = kSettingValueWidth;
    for (const auto& st : p.settings)
      valueWidth = std::max(
          valueWidth, static_cast<double>(text::displayWidth(plugin_sheets::shown(st.choices, st.fallback))));
    ColumnSpec value{plugin_sheets::kValueHeader, "设置值；留空则用默认值。有下拉列表的只能选列表中的值"};
    value.width = valueWidth + kColumnPadding;
    s.columns = {{plugin_sheets::kLabelHeader, "设置项名称，由插件规定，不要改动"},
                 value,
                 {plugin_sheets::kDefaultHeader,
                  "插件的默认值，仅供参考，不会读入",
                  Check::None,
                  {},
                  nullptr,
                  false,
                  true},
                 {plugin_sheets::kHelpHeader,
                  "该设置项的含义，仅供参考，不会读入",
                  Check::None,
                  {},
                  nullptr,
                  false,
                  true}};
    return s;
  }
  for (const auto& c : p.columns) {
    ColumnSpec col{c.header, c.help};
    if (!c.choices.empty()) {
      col.check = Check::Values;
      col.values = plugin_sheets::labels(c.choices);
      col.strict = true;
    }
    col.width = c.width;
    s.columns.push_back(std::move(col));
  }
  return s;
}

std::vector<std::string> splitList(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  static const std::vector<std::string> kSeps{"、", "，", ",", "；", ";"};
  std::size_t i = 0;
  while (i < text.size()) {
    bool sep = false;
    for (const auto& s : kSeps) {
      if (text.compare(i, s.size(), s) == 0) {
        if (!trim(cur).empty()) out.push_back(trim(cur));
        cur.clear();
        i += s.size();
        sep = true;
        break;
      }
    }
    if (!sep) cur += text[i++];
  }
  if (!trim(cur).empty()) out.push_back(trim(cur));
  return out;
}

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
  for (const auto& a : s.notice.appendices) notice.push_back({text(kKeyAppendix), text(a.label), text(a.id), text(a.title)});
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
    out[kPersonSheet].push_back({text(p.id), text(p.name), text(p.unit), text(p.post), text(p.annotation),
                                 text(joinList(p.roles))});
  for (const auto& t : s.teams) {
    out[kTeamSheet].push_back({text(t.id), text(t.name), text(t.target), text(joinList(t.targets)), count(t.statedGroups),
                               count(t.statedInstructors), count(t.statedVillages), text(joinList(t.partnerAreas)),
                               text(joinList(t.people))});
    auto member = [&](const model::TeamMember& m, const char* category) {
      out[kMemberSheet].push_back({text(t.id), text(category), text(joinList(m.units)), count(m.multiplicity)});
    };
    if (t.leader) member(*t.leader, kLeaderCategory);
    for (const auto& m : t.members) member(m, kMemberCategory);
  }
  for (const auto& p : s.pairings)
    out[kPairingSheet].push_back({text(names::toZh(names::kPairingKinds, p.kind)), text(names::partyKindZh(p.helper.kind)),
                                  text(p.helper.ref), text(names::partyKindZh(p.target.kind)), text(p.target.ref),
                                  text(p.period), text(p.role), text(p.note)});
  for (const auto& c : s.committees) {
    bool first = true;
    auto row = [&](const std::string& title, const std::string& person, bool stroke) {
      out[kCommitteeSheet].push_back({text(c.id), text(first ? c.name : ""), text(title), text(person),
                                      text(stroke ? kYes : ""), text(first ? c.intro : ""), text(first ? c.closing : "")});
      first = false;
    };
    for (const auto& r : c.roles) {
      if (r.people.empty()) row(r.title, "", r.strokeOrder);
      for (std::size_t i = 0; i < r.people.size(); ++i) row(r.title, r.people[i], i == 0 && r.strokeOrder);
    }
    if (c.roles.empty()) row("", "", false);
  }
  for (const auto& f : s.stated) out[kStatedSheet].push_back({text(f.key), text(f.label), count(f.value)});
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
    sampleCount_ = workbook_add_format(wb_);
    format_set_italic(sampleCount_);
    format_set_font_color(sampleCount_, kGrey);
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
    line("其他表引用某条记录时填它的“编号”。编号留空时取名称。下拉列表给出可选值，也可直接输入。");
    line("一格里有多个值时用顿号“、”分隔。填好后运行：bangfu check 本工作簿.xlsx");
    if (blank) {
      line(
          "各表第二行灰色斜体的是示例行（单元格批注“示例”），示意怎样填写：照着填好后改写或删除它。"
          "未改动的示例行不会读入，bangfu check 会提示删除。",
          sampleText_);
    }
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

  /// One sheet: the header with a comment per column, the rows, widths, formats,
  /// drop-downs, the frozen header. `sample`: write the layout's example row when
  /// there are no rows (a blank workbook).
  lxw_worksheet* sheet(const SheetSpec& s, const std::vector<OutRow>& rows, bool sample = false) {
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
        if (cell.number) worksheet_write_number(ws, row, column, *cell.number, nullptr);
        else if (!cell.text.empty()) worksheet_write_string(ws, row, column, cell.text.c_str(), nullptr);
        widths[c] = std::max(widths[c], text::displayWidth(cell.text));
      }
    }
    if (sample && rows.empty() && !s.sample.empty()) {
      // The example row keeps the column's number format, so what a clerk types
      // over it (an id such as 001) stays as typed.
      for (std::size_t c = 0; c < s.sample.size() && c < s.columns.size(); ++c) {
        const auto column = static_cast<lxw_col_t>(c);
        const bool count = s.columns[c].check == Check::Count;
        const std::string& v = s.sample[c];
        if (count && !v.empty())
          worksheet_write_number(ws, 1, column, std::stod(v), sampleCount_);
        else
          worksheet_write_string(ws, 1, column, v.c_str(), count ? sampleCount_ : sampleText_);
        widths[c] = std::max(widths[c], text::displayWidth(v));
      }
      worksheet_write_comment(ws, 1, 0, "示例：照此格式填写，然后改写或删除本行。未改动的示例行不会读入。");
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
  lxw_format* sampleCount_ = nullptr;
};

// ---- reading ----------------------------------------------------------------

/// Reads one sheet of the layout: columns are found by their header text, so a
/// clerk may reorder them; rows that are entirely empty are skipped.
class SheetIn {
 public:
  SheetIn(const Sheet* sheet, const SheetSpec& spec, diag::Diagnostics& diags)
      : sheet_(sheet), sample_(spec.sample) {
    cols_.assign(spec.columns.size(), 0);
    for (const auto& c : spec.columns) info_.push_back(c.info);
    if (!sheet_) return;
    for (int c = 1; c <= sheet_->columnCount(); ++c) {
      const std::string h = trim(sheet_->at(1, c).text);
      if (h.empty()) continue;
      bool known = false;
      for (std::size_t k = 0; k < spec.columns.size(); ++k) {
        if (h == spec.columns[k].header && cols_[k] == 0) {
          cols_[k] = c;
          known = true;
          break;
        }
      }
      if (!known) {
        diags.warning("workbook.unknown-column", {sheet_->file, sheet_->name, 1, c, ""},
                      "未知的表头“" + h + "”，该列已忽略", "unknown column \"" + h + "\" ignored");
      }
    }
    for (std::size_t k = 0; k < spec.columns.size(); ++k) {
      if (cols_[k] != 0 || spec.columns[k].info) continue;
      // A column that is missing is an error only when the sheet has data rows.
      if (sheet_->rowCount() > 1) {
        diags.error("workbook.missing-column", {sheet_->file, sheet_->name, 1, 0, spec.columns[k].header},
                    std::string("缺少表头“") + spec.columns[k].header + "”",
                    std::string("missing the column \"") + spec.columns[k].header + "\"",
                    "从 bangfu init 生成的空白工作簿复制表头");
      }
    }
  }

  [[nodiscard]] int rows() const { return sheet_ ? sheet_->rowCount() : 0; }
  /// No value in any column that is read.
  [[nodiscard]] bool blank(int row) const {
    for (std::size_t k = 0; k < cols_.size(); ++k)
      if (cols_[k] && !info_[k] && !trim(sheet_->at(row, cols_[k]).text).empty()) return false;
    return true;
  }
  /// The layout's example row, unchanged.
  [[nodiscard]] bool isSample(int row) const {
    if (sample_.empty()) return false;
    for (std::size_t k = 0; k < cols_.size(); ++k)
      if (str(row, k) != (k < sample_.size() ? sample_[k] : std::string())) return false;
    return true;
  }
  [[nodiscard]] const std::string& sheetName() const {
    static const std::string kNone;
    return sheet_ ? sheet_->name : kNone;
  }
  [[nodiscard]] std::string str(int row, std::size_t k) const {
    if (!cols_[k]) return {};
    const SheetCell& c = sheet_->at(row, cols_[k]);
    // A date reads as 2019年5月30日 whichever format the clerk's Excel showed it in.
    return c.type == SheetCell::Type::Date ? chineseDateText(c.number, sheet_->date1904) : trim(c.text);
  }
  [[nodiscard]] const SheetCell& cell(int row, std::size_t k) const {
    static const SheetCell kEmpty{};
    return cols_[k] ? sheet_->at(row, cols_[k]) : kEmpty;
  }
  [[nodiscard]] diag::Location at(int row, std::size_t k) const {
    return {sheet_->file, sheet_->name, row, cols_[k], ""};
  }

 private:
  const Sheet* sheet_;
  std::vector<std::string> sample_;
  std::vector<bool> info_;
  std::vector<int> cols_;  // 1-based column of each spec column, 0 when absent
};

class WorkbookReader {
 public:
  WorkbookReader(const Workbook& book, diag::Diagnostics& diags) : book_(book), diags_(diags) {}

  model::Scheme read() {
    model::Scheme s;
    s.file = book_.file;
    bool any = false;
    for (const auto& sp : layout()) any = any || book_.find(sp.name) != nullptr;
    if (!any) {
      detail::fail("workbook.not-input", {book_.file, "", 0, 0, ""},
                   "工作簿中没有 bangfu 输入表（通知、区划、单位……）",
                   "the workbook has none of bangfu's input sheets (通知, 区划, 单位 …)",
                   "用 bangfu init -o 输入.xlsx 生成空白工作簿再填写");
    }
    readNotice(s);
    readAreas(s);
    readUnits(s);
    readPeople(s);
    readTeams(s);
    readPairings(s);
    readCommittees(s);
    readStated(s);
    readNotes(s);
    readOptions(s);
    readPluginSheets(s);
    return s;
  }

 private:
  SheetIn open(const char* name) { return SheetIn(book_.find(name), spec(name), diags_); }

  /// Sets an option read from a sheet cell. An option already read elsewhere (on
  /// 选项, or twice) is reported at this cell naming the other; the later wins,
  /// and plugin sheets are read after 选项.
  void setOption(model::Scheme& s, const std::string& key, const std::string& value,
                 const diag::Location& where) {
    if (auto it = s.options.find(key); it != s.options.end()) {
      std::string other = "另一处";
      if (auto w = s.optionWhere.find(key); w != s.optionWhere.end())
        other = w->second.sheet + "!" + diag::cellName(w->second.row, w->second.column);
      if (it->second == value) {
        diags_.warning("workbook.duplicate-key", where, "设置项“" + key + "”也填在 " + other + "，以这里为准",
                       "the option \"" + key + "\" is also given at " + other + "; this cell wins",
                       "删除 " + other + " 那一行");
      } else {
        diags_.error(
            "workbook.option-conflict", where,
            "设置项“" + key + "”这里是“" + value + "”，" + other + " 却是“" + it->second + "”",
            "the option \"" + key + "\" is \"" + value + "\" here but \"" + it->second + "\" at " + other,
            "只保留一处：删除 " + other + " 那一行");
      }
    }
    s.options[key] = value;
    s.optionWhere[key] = where;
  }

  /// A value of a column with fixed choices (label or stored value) as stored;
  /// false, with workbook.bad-value at the cell, for anything else.
  bool choiceValue(const SheetIn& in, int r, std::size_t k, const std::vector<plugin::InputChoice>& choices,
                   std::string& value) {
    const std::string text = in.str(r, k);
    if (choices.empty()) {
      value = text;
      return true;
    }
    if (const auto* c = plugin_sheets::findChoice(choices, text)) {
      value = c->value;
      return true;
    }
    const auto shownList = plugin_sheets::labels(choices);
    const std::string near = diag::nearest(text, shownList);
    diags_.error("workbook.bad-value", in.at(r, k), "“" + text + "”不是可选值",
                 "\"" + text + "\" is not one of the choices",
                 (near.empty() ? "" : "是否为“" + near + "”？") + "从下拉列表中选择：" + joinList(shownList));
    return false;
  }

  /// The plugin sheets the workbook's hidden definitions describe (none for a
  /// workbook without them: its plugin sheets, if any, are not read).
  void readPluginSheets(model::Scheme& s) {
    const Sheet* definitions = book_.find(plugin_sheets::kDefinitionSheet);
    if (!definitions) {
      warnUnreadSheets();
      return;
    }
    for (const auto& p : plugin_sheets::readDefinitions(*definitions, diags_)) {
      const SheetSpec layout = layoutOf(p);
      const SheetIn in(book_.find(p.name), layout, diags_);
      if (p.kind == plugin::InputSheetSpec::Kind::Settings) {
        readSettings(s, p, in);
      } else {
        readRecords(s, p, in);
      }
    }
  }

  /// Without the definitions, sheets other than the core ones cannot be read:
  /// say so rather than drop a plugin sheet's settings silently.
  void warnUnreadSheets() {
    for (const auto& sheet : book_.sheets) {
      if (sheet.name == kInstructionsSheet || sheet.name == kBodySheet) continue;  // 正文: core/notice reads it
      const auto& core = layout();
      if (std::any_of(core.begin(), core.end(), [&](const SheetSpec& c) { return c.name == sheet.name; })) continue;
      diags_.warning("workbook.unread-sheet", {book_.file, sheet.name, 0, 0, ""},
                     "工作表“" + sheet.name + "”未读取：工作簿缺少隐藏的“" + plugin_sheets::kDefinitionSheet +
                         "”表，无法识别插件表",
                     "sheet \"" + sheet.name + "\" was not read: the hidden sheet \"" +
                         plugin_sheets::kDefinitionSheet + "\" that describes plugin sheets is missing",
                     "用 bangfu init --plugin 插件 -o 新工作簿.xlsx 生成带插件表的工作簿，把本表内容抄过去；或把设置写到“选项”表");
    }
  }

  void readSettings(model::Scheme& s, const plugin::InputSheetSpec& p, const SheetIn& in) {
    std::vector<std::string> known;
    for (const auto& st : p.settings) known.push_back(st.label);
    rows(in, [&](int r) {
      const std::string label = in.str(r, 0);
      auto st = std::find_if(p.settings.begin(), p.settings.end(),
                             [&](const plugin::InputSetting& x) { return x.label == label; });
      if (st == p.settings.end()) {
        const std::string near = diag::nearest(label, known);
        diags_.warning(
            "workbook.unknown-key", in.at(r, 0), "未知的设置项“" + label + "”，该行已忽略",
            "unknown setting \"" + label + "\" ignored",
            near.empty() ? "设置项名称不要改动；可选：" + joinList(known) : "是否为“" + near + "”？");
        return;
      }
      if (in.str(r, 1).empty()) return;  // the default
      std::string value;
      if (choiceValue(in, r, 1, st->choices, value)) setOption(s, st->key, value, in.at(r, 1));
    });
  }

  /// Row n with data (n = 1, 2, …) is the options <prefix>.<n>.<field>; an empty cell sets nothing.
  void readRecords(model::Scheme& s, const plugin::InputSheetSpec& p, const SheetIn& in) {
    int n = 0;
    rows(in, [&](int r) {
      ++n;
      for (std::size_t k = 0; k < p.columns.size(); ++k) {
        if (in.str(r, k).empty()) continue;
        std::string value;
        if (choiceValue(in, r, k, p.columns[k].choices, value))
          setOption(s, plugin::recordKey(p.prefix, n, p.columns[k].field), value, in.at(r, k));
      }
    });
  }

  /// Calls f(row) for each row with data. The example row of a blank workbook,
  /// left as it was, is not data: it is skipped with a warning to delete it.
  template <class F>
  void rows(const SheetIn& in, F&& f) {
    for (int r = 2; r <= in.rows(); ++r) {
      if (in.blank(r)) continue;
      if (in.isSample(r)) {
        diags_.warning("workbook.sample-row", in.at(r, 0),
                       "第" + std::to_string(r) + "行是未改动的示例行，已跳过",
                       "row " + std::to_string(r) + " is the unchanged example row; skipped",
                       "照示例填好后改写或删除这一行");
        continue;
      }
      f(r);
    }
  }

  bool yesNo(const SheetIn& in, int r, std::size_t k) {
    const SheetCell& c = in.cell(r, k);
    if (c.type == SheetCell::Type::Bool) return c.number != 0;
    const std::string v = in.str(r, k);
    if (v.empty() || v == kNo || v == "false" || v == "FALSE" || v == "0") return false;
    if (v == kYes || v == "true" || v == "TRUE" || v == "1") return true;
    diags_.error("workbook.bad-value", in.at(r, k), "应填“是”或“否”，实际是“" + v + "”",
                 "expected 是 or 否, found \"" + v + "\"");
    return false;
  }

  /// An integer cell: a number, or text holding one. Empty gives nullopt.
  std::optional<long long> integer(const SheetIn& in, int r, std::size_t k) {
    const SheetCell& c = in.cell(r, k);
    constexpr double kLimit = 9.0e15;
    if (c.type == SheetCell::Type::Number && c.number == std::floor(c.number) && std::fabs(c.number) < kLimit)
      return static_cast<long long>(c.number);
    const std::string v = in.str(r, k);
    if (v.empty()) return std::nullopt;
    if (c.type != SheetCell::Type::Number && v.size() <= 15 &&
        v.find_first_not_of("0123456789") == std::string::npos)
      return std::stoll(v);
    diags_.error("workbook.type", in.at(r, k), "应填整数，实际是“" + v + "”", "expected an integer, found \"" + v + "\"");
    return std::nullopt;
  }

  std::optional<int> smallInt(const SheetIn& in, int r, std::size_t k) {
    auto n = integer(in, r, k);
    if (!n) return std::nullopt;
    constexpr long long kMaxCount = 1000000000;
    if (*n < 0 || *n > kMaxCount) {
      diags_.error("workbook.type", in.at(r, k), "数字超出范围", "number out of range");
      return std::nullopt;
    }
    return static_cast<int>(*n);
  }

  template <class T>
  void idAndName(const SheetIn& in, int r, T& e) {
    e.id = in.str(r, 0);
    e.name = in.str(r, 1);
    if (e.id.empty()) e.id = e.name;
    if (e.name.empty()) e.name = e.id;
    e.where = in.at(r, 0);
  }

  void readNotice(model::Scheme& s) {
    const SheetIn in = open(kNoticeSheet);
    rows(in, [&](int r) {
      const std::string key = in.str(r, 0);
      const std::string value = in.str(r, 1);
      auto& n = s.notice;
      if (key == kKeyPlugin) {
        s.plugin = value;
        s.pluginWhere = in.at(r, 1);
      } else if (key == kKeyName)
        s.name = value;
      else if (key == kKeySource) s.source = value;
      else if (key == kKeyFictional) s.fictional = yesNo(in, r, 1);
      else if (key == kKeyIssuer) {
        if (!value.empty()) n.issuers.push_back(value);
      } else if (key == kKeyDocNumber) n.docNumber = value;
      else if (key == kKeyTitle) n.title = value;
      else if (key == kKeyDate) n.date = value;
      else if (key == kKeyRecipients) n.recipients = value;
      else if (key == kKeyAppendix) {
        model::AppendixRef a{in.str(r, 2), value, in.str(r, 3)};
        if (!a.id.empty() || !a.label.empty() || !a.title.empty()) n.appendices.push_back(std::move(a));
      } else {
        const auto& keys = spec(kNoticeSheet).columns[0].values;
        const std::string near = diag::nearest(key, keys);
        diags_.warning("workbook.unknown-key", in.at(r, 0), "未知的项目“" + key + "”，该行已忽略",
                       "unknown item \"" + key + "\" ignored", near.empty() ? "" : "是否为“" + near + "”？");
      }
    });
  }

  void readAreas(model::Scheme& s) {
    const SheetIn in = open(kAreaSheet);
    rows(in, [&](int r) {
      model::Area a;
      idAndName(in, r, a);
      const std::string level = in.str(r, 2);
      if (auto l = names::areaLevelFromText(level)) {
        a.level = *l;
      } else {
        const std::string near = diag::nearest(level, names::zhLabels(names::kAreaLevels));
        diags_.error("workbook.bad-value", in.at(r, 2), "未知的层级“" + level + "”", "unknown level \"" + level + "\"",
                     near.empty() ? "可选：省、市、县、乡镇、村" : "是否为“" + near + "”？");
      }
      a.parent = in.str(r, 3);
      a.annotation = in.str(r, 4);
      for (const auto& f : splitList(in.str(r, 5))) a.flags.push_back(names::fromZh(names::kAreaFlags, f));
      s.areas.push_back(std::move(a));
    });
  }

  void readUnits(model::Scheme& s) {
    const SheetIn in = open(kUnitSheet);
    rows(in, [&](int r) {
      model::Unit u;
      idAndName(in, r, u);
      u.kind = in.str(r, 2);
      for (const auto& f : splitList(in.str(r, 3))) u.flags.push_back(names::fromZh(names::kUnitFlags, f));
      s.units.push_back(std::move(u));
    });
  }

  void readPeople(model::Scheme& s) {
    const SheetIn in = open(kPersonSheet);
    rows(in, [&](int r) {
      model::Person p;
      idAndName(in, r, p);
      p.unit = in.str(r, 2);
      p.post = in.str(r, 3);
      p.annotation = in.str(r, 4);
      p.roles = splitList(in.str(r, 5));
      s.people.push_back(std::move(p));
    });
  }

  void readTeams(model::Scheme& s) {
    const SheetIn in = open(kTeamSheet);
    rows(in, [&](int r) {
      model::Team t;
      t.id = in.str(r, 0);
      t.name = in.str(r, 1);
      if (t.id.empty()) t.id = t.name;
      t.where = in.at(r, 0);
      t.target = in.str(r, 2);
      t.targets = splitList(in.str(r, 3));
      t.statedGroups = smallInt(in, r, 4);
      t.statedInstructors = smallInt(in, r, 5);
      t.statedVillages = smallInt(in, r, 6);
      t.partnerAreas = splitList(in.str(r, 7));
      t.people = splitList(in.str(r, 8));
      s.teams.push_back(std::move(t));
    });
    const SheetIn m = open(kMemberSheet);
    rows(m, [&](int r) {
      const std::string teamId = m.str(r, 0);
      auto team = std::find_if(s.teams.begin(), s.teams.end(), [&](const model::Team& t) { return t.id == teamId; });
      if (team == s.teams.end()) {
        const std::vector<std::string> ids = [&] {
          std::vector<std::string> v;
          for (const auto& t : s.teams) v.push_back(t.id);
          return v;
        }();
        const std::string near = diag::nearest(teamId, ids);
        diags_.error("workbook.unknown-team", m.at(r, 0), "团组“" + teamId + "”不在“团组”表中",
                     "the team \"" + teamId + "\" is not on the 团组 sheet",
                     near.empty() ? "先在“团组”表中添加该团组" : "是否为“" + near + "”？");
        return;
      }
      model::TeamMember member;
      const std::string unitText = m.str(r, 2);
      const auto groups = smallInt(m, r, 3);
      if (groups) {
        member.units = splitList(unitText);
        member.multiplicity = *groups;
      } else {
        // No 组数: the published shorthand is accepted, 市农业农村局（2个） or （市文联、市社科联）.
        member = model::parseMemberText(unitText, &diags_, m.at(r, 2));
        if (member.units.size() == 1 && unitText.find(kListSeparator) != std::string::npos)
          member.units = splitList(member.units.front());
      }
      if (groups && (*groups < model::kMinMultiplicity || *groups > model::kMaxMultiplicity)) {
        diags_.error("member.bad-count", m.at(r, 3),
                     "组数" + std::to_string(*groups) + "超出范围（应为 " + std::to_string(model::kMinMultiplicity) +
                         " 到 " + std::to_string(model::kMaxMultiplicity) + "）",
                     "the group count " + std::to_string(*groups) + " is out of range (" +
                         std::to_string(model::kMinMultiplicity) + " to " + std::to_string(model::kMaxMultiplicity) + ")",
                     "填写该单位派出的工作组数");
        member.multiplicity = 1;
      }
      member.where = m.at(r, 2);
      const std::string category = m.str(r, 1);
      if (category == kLeaderCategory) {
        if (team->leader) {
          diags_.error("workbook.duplicate-leader", m.at(r, 1), "团组“" + teamId + "”已有组长单位",
                       "the team \"" + teamId + "\" already has a leading unit", "其余单位的类别填“成员单位”");
        }
        team->leader = std::move(member);
      } else {
        if (category != kMemberCategory) {
          diags_.error("workbook.bad-value", m.at(r, 1), "类别应为“组长单位”或“成员单位”，实际是“" + category + "”",
                       "the category must be 组长单位 or 成员单位, found \"" + category + "\"");
        }
        team->members.push_back(std::move(member));
      }
    });
  }

  model::Party party(const SheetIn& in, int r, std::size_t kindCol, std::size_t refCol) {
    model::Party p;
    const std::string kind = in.str(r, kindCol);
    if (auto k = names::partyKindFromText(kind)) {
      p.kind = *k;
    } else {
      const std::string near = diag::nearest(kind, names::zhLabels(names::kPartyKinds));
      diags_.error("workbook.bad-value", in.at(r, kindCol), "未知的类型“" + kind + "”", "unknown kind \"" + kind + "\"",
                   near.empty() ? "可选：人员、单位、团组、区划、农户" : "是否为“" + near + "”？");
    }
    p.ref = in.str(r, refCol);
    return p;
  }

  void readPairings(model::Scheme& s) {
    const SheetIn in = open(kPairingSheet);
    rows(in, [&](int r) {
      model::Pairing p;
      p.where = in.at(r, 0);
      p.kind = names::fromZh(names::kPairingKinds, in.str(r, 0));
      p.helper = party(in, r, 1, 2);
      p.target = party(in, r, 3, 4);
      p.period = in.str(r, 5);
      p.role = in.str(r, 6);
      p.note = in.str(r, 7);
      s.pairings.push_back(std::move(p));
    });
  }

  void readCommittees(model::Scheme& s) {
    const SheetIn in = open(kCommitteeSheet);
    rows(in, [&](int r) {
      const std::string id = in.str(r, 0);
      auto c = std::find_if(s.committees.begin(), s.committees.end(), [&](const model::Committee& x) { return x.id == id; });
      if (c == s.committees.end()) {
        model::Committee fresh;
        fresh.id = id;
        fresh.where = in.at(r, 0);
        s.committees.push_back(std::move(fresh));
        c = std::prev(s.committees.end());
      }
      if (const std::string v = in.str(r, 1); !v.empty()) c->name = v;
      if (const std::string v = in.str(r, 5); !v.empty()) c->intro = v;
      if (const std::string v = in.str(r, 6); !v.empty()) c->closing = v;
      const std::string title = in.str(r, 2);
      const std::string person = in.str(r, 3);
      const bool stroke = yesNo(in, r, 4);
      if (!title.empty() && (c->roles.empty() || c->roles.back().title != title)) {
        c->roles.push_back({title, {}, false});
      } else if (title.empty() && c->roles.empty() && !person.empty()) {
        diags_.error("workbook.missing-value", in.at(r, 2), "该小组第一名成员缺少职务",
                     "the first member of the group has no title", "填写职务，如 组长");
        c->roles.push_back({"", {}, false});
      }
      if (c->roles.empty()) return;
      if (stroke) c->roles.back().strokeOrder = true;
      if (!person.empty()) c->roles.back().people.push_back(person);
    });
  }

  void readStated(model::Scheme& s) {
    const SheetIn in = open(kStatedSheet);
    rows(in, [&](int r) {
      model::StatedFigure f;
      f.key = in.str(r, 0);
      f.label = in.str(r, 1);
      f.where = in.at(r, 2);
      if (auto v = integer(in, r, 2)) {
        f.value = *v;
      } else if (in.str(r, 2).empty()) {
        diags_.error("workbook.missing-value", in.at(r, 2), "缺少数值", "missing the value");
      }
      s.stated.push_back(std::move(f));
    });
  }

  void readNotes(model::Scheme& s) {
    const SheetIn in = open(kNotesSheet);
    rows(in, [&](int r) { s.notes[in.str(r, 0)].push_back(in.str(r, 1)); });
  }

  void readOptions(model::Scheme& s) {
    const SheetIn in = open(kOptionsSheet);
    rows(in, [&](int r) {
      const std::string key = in.str(r, 0);
      if (s.options.count(key)) {
        diags_.warning("workbook.duplicate-key", in.at(r, 0), "设置项“" + key + "”重复，取最后一行",
                       "the option \"" + key + "\" repeats; the last row wins");
      }
      // The value keeps its spaces: options such as "市 级 领 导" are spaced on purpose.
      const SheetCell& c = in.cell(r, 1);
      s.options[key] = c.text;
      s.optionWhere[key] = in.at(r, 1);
    });
  }

  const Workbook& book_;
  diag::Diagnostics& diags_;
};

}  // namespace

model::Scheme loadSchemeWorkbook(const std::string& path, diag::Diagnostics& diags) {
  const Workbook book = readXlsx(path);
  return WorkbookReader(book, diags).read();
}

void writeInputWorkbook(const std::string& path, const InitOptions& options) {
  model::Scheme blank;
  const model::Scheme& from = options.from ? *options.from : blank;
  const std::string plugin = options.pluginId.empty() ? from.plugin : options.pluginId;
  const auto& extra = options.pluginSheets;
  std::vector<std::string> taken{kInstructionsSheet};
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
    auto rows = rowsFrom(from, plugin, owned);
    for (const auto& s : layout()) out.sheet(s, rows[s.name], isBlank);
    // The plugin's sheets after 选项, then their definitions (hidden) for the reader.
    for (std::size_t i = 0; i < extra.size(); ++i) out.pluginSheet(extra[i], extraRows[i].rows);
    writeBodySheet(out.workbook(), options.bodyLines);  // 正文 (workbook_body.cpp)
    if (!extra.empty()) out.definitions(extra);
    out.close();
  }
  temp.commit();
}

}  // namespace bangfu::io
