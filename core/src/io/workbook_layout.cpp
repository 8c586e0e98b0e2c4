// The input workbook's sheets and columns (workbook_layout.hpp).
#include "io/workbook_layout.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "bangfu/text/width.hpp"
#include "io/plugin_sheets.hpp"
#include "io/scheme_names.hpp"

namespace bangfu::io::workbook {

const std::vector<SheetSpec>& layout() {
  using names::kAreaFlags;
  using names::kUnitFlags;
  static const std::vector<std::string> kNoticeKeys{kKeyPlugin,     kKeyName,      kKeySource, kKeyFictional,
                                                    kKeyIssuer,     kKeyDocNumber, kKeyTitle,  kKeyDate,
                                                    kKeyRecipients, kKeyAppendix};
  static const std::vector<SheetSpec> kLayout{
      {kNoticeSheet,
       "通知的基本信息：每行一项。发文机关、附件可以各写多行。",
       {{"项目", "插件、名称、来源、虚构数据、发文机关、发文字号、标题、成文日期、主送、附件", Check::Values,
         kNoticeKeys, nullptr, true},
        {"内容", "该项的内容；虚构数据填 是/否；成文日期如 2019年5月30日；附件行填附件标签，如 附件1"},
        {"附件编号", "仅附件行：插件使用的附件编号，如 leaders"},
        {"附件标题", "仅附件行：附件标题，如 市级领导结对帮扶方案"}}},
      {kAreaSheet,
       "行政区划：省、市、县（市、区）、乡镇（街道）、村。",
       {{"编号", "固定的代号，如 A001，其他表用它引用本行；更名时只改名称，编号不要改；留空则取名称"},
        {"名称", "区划名称，印在文件里；留空则取编号"},
        {"层级", "省、市、县、乡镇、村", Check::Values, names::zhLabels(names::kAreaLevels), nullptr, true},
        {"上级", "上级区划的编号（也可填名称）", Check::Reference, {}, kAreaSheet},
        {"注记", "名称后括号内的文字，如 莲都区（开发区） 填 开发区"},
        {"标志", "重点帮扶村、困难村；多个用、分隔", Check::Values, names::zhLabels(kAreaFlags)}},
       {"A001", "示例村", "村", "示例镇", "", "重点帮扶村"},
       {"示例村", "示例村", "村", "示例镇", "", "重点帮扶村"}},
      {kUnitSheet,
       "单位：机关、事业单位、国有企业、金融机构、社会组织、企业。",
       {{"编号", "固定的代号，如 U001，其他表用它引用本行；更名时只改名称，编号不要改；留空则取名称"},
        {"名称", "单位名称，印在文件里；留空则取编号"},
        {"类别", "机关、事业单位、国有企业、金融机构、社会组织、企业等"},
        {"标志", "指导员派出单位、企业；多个用、分隔", Check::Values, names::zhLabels(kUnitFlags)}},
       {"U001", "市示例局", "机关", "指导员派出单位"},
       {"示例局", "市示例局", "机关", "指导员派出单位"}},
      {kPersonSheet,
       "人员：领导、帮扶联系人、驻村干部等。",
       {{"编号", "固定的代号，如 P001，其他表用它引用本行；姓名改了只改姓名，编号不要改；留空则取姓名"},
        {"姓名", "姓名，不加空格"},
        {"单位", "所在单位的编号（也可填名称）", Check::Reference, {}, kUnitSheet},
        {"职务", "职务"},
        {"注记", "姓名后括号内的文字，如 杜兴林（莲都区） 填 莲都区"},
        {"角色", "县级领导、帮扶联系人、驻村第一书记等；多个用、分隔"}},
       {"P001", "王某某", "U001", "局长", "示例县", "帮扶联系人"},
       {"示例01", "王某某", "示例局", "局长", "示例县", "帮扶联系人"}},
      {kTeamSheet,
       "帮扶团组（工作组）：每行一个团组，成员单位填在“团组成员”表。",
       {{"编号", "团组编号，团组成员表和结对表引用它"},
        {"名称", "团组名称，可空"},
        {"帮扶对象", "帮扶的区划编号（也可填名称）", Check::Reference, {}, kAreaSheet},
        {"其他帮扶对象", "另外帮扶的区划编号；多个用、分隔"},
        {"工作组数", "文件中写明的工作组数", Check::Count},
        {"指导员数", "文件中写明的指导员数", Check::Count},
        {"帮扶村数", "文件中写明的帮扶村数", Check::Count},
        {"结对地区", "结对的发达县（市、区）编号；多个用、分隔"},
        {"人员", "团组人员编号；多个用、分隔"}},
       {"示例县团组", "", "A001", "", "3", "1", "", "", ""},
       {"示例县团组", "", "示例县", "", "3", "1", "", "", ""}},
      {kMemberSheet,
       "团组的组长单位和成员单位，每行一个，按文件中的顺序。",
       {{"团组", "团组编号", Check::Reference, {}, kTeamSheet},
        {"类别", "组长单位 或 成员单位", Check::Values, {kLeaderCategory, kMemberCategory}, nullptr, true},
        {"单位",
         "单位编号（也可填名称）；几个单位合派一个组时用、分隔，如 U012、U013",
         Check::Reference,
         {},
         kUnitSheet},
        {"组数", "该单位派出的工作组数，空为 1；如 市农业农村局（2个） 填 2", Check::Count}},
       {"示例县团组", kLeaderCategory, "U001", "2"},
       {"示例县团组", kLeaderCategory, "示例局", "2"}},
      {kPairingSheet,
       "结对关系：每行一对，帮扶方帮扶对象。",
       {{"类型",
         "领导联系、单位定点帮扶、团组帮扶、驻村工作组、县域结对、企业帮扶、结对帮户，或插件自定义的类型",
         Check::Values, names::zhLabels(names::kPairingKinds)},
        {"帮扶方类型", "人员、单位、团组、区划", Check::Values, names::zhLabels(names::kPartyKinds), nullptr,
         true},
        {"帮扶方", "帮扶方的编号（也可填名称）"},
        {"对象类型", "区划 或 农户", Check::Values, names::zhLabels(names::kPartyKinds), nullptr, true},
        {"帮扶对象", "帮扶对象的编号（也可填名称）；农户填户主姓名等"},
        {"期限", "如 2018-2022"},
        {"角色", "如 配合帮扶"},
        {"备注", "备注"}},
       {"单位定点帮扶", "单位", "U001", "区划", "A001", "2023-2025", "", ""},
       {"单位定点帮扶", "单位", "示例局", "区划", "示例村", "2023-2025", "", ""}},
      {kCommitteeSheet,
       "领导小组及办公室：每行一名成员，按文件中的顺序。同一职务的后续行可不填职务。",
       {{"领导小组", "领导小组编号"},
        {"名称", "领导小组全称，写在该小组第一行"},
        {"职务", "组长、副组长、成员、办公室主任等"},
        {"人员", "人员编号（也可填姓名）", Check::Reference, {}, kPersonSheet},
        {"按姓氏笔画", "该职务的名单按姓氏笔画排列时填 是，写在该职务第一行", Check::YesNo},
        {"引言", "名单前的一句话，写在该小组第一行"},
        {"结束语", "名单后的话，如 领导小组办公室设在区委组织部，写在该小组第一行"}},
       {"示例领导小组", "示例县结对帮扶工作领导小组", "组长", "P001", "", "", ""},
       {"示例领导小组", "示例县结对帮扶工作领导小组", "组长", "示例01", "", "", ""}},
      {kStatedSheet,
       "文件中写明的数字（合计、村数等），bangfu 会与计算结果核对。",
       {{"键", "total.groups、total.instructors、total.villages、count.target-villages 等"},
        {"说明", "数字出处，如 附件2 合计 工作组数"},
        {"数值", "整数", Check::Count},
        {"确认原因",
         "原文数字与计算结果不同且已核实时填写原因（如 原文如此）；填写后只提示一次“已确认”，不再每次警告",
         Check::None,
         {},
         nullptr,
         false,
         false,
         0,
         true}},
       {"total.groups", "示例：附件2 合计 工作组数", "3", ""}},
      {kNotesSheet,
       "附件的说明条目，每行一条，不写序号。",
       {{"附件", "附件编号，如 teams"}, {"内容", "说明条目"}},
       {"teams", "示例：指导员派出单位用黑体标注。"}},
      {kOptionsSheet,
       "插件的其他设置项（插件专用表里已有的设置项不要在这里重复）。",
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

std::string quotedList(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "\"" : ", \"") + i + "\"";
  return s;
}

std::string trim(const std::string& s) { return plugin_sheets::trimCell(s); }

// ---- plugin sheets ----------------------------------------------------------

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

bool isExampleValue(const std::string& value) {
  // Exactly a value of the layout's examples that names nothing real (示例局, 示例01,
  // 王某某): real data may contain 示例 (a fictional 示例甲村) and is not flagged.
  static const std::set<std::string> kExampleValues = [] {
    std::set<std::string> values;
    for (const auto& sheet : layout())
      for (const auto* row : {&sheet.sample, &sheet.legacySample})
        for (const auto& v : *row)
          if (v.find("示例") != std::string::npos || v == "王某某") values.insert(v);
    return values;
  }();
  return kExampleValues.count(value) > 0;
}

}  // namespace bangfu::io::workbook
