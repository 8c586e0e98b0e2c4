// Reading the input workbook a clerk filled in (docs/workbook.md) into the same
// model as the JSON: readXlsx, then the sheets of workbook_layout.hpp (and the
// plugin sheets the workbook's hidden definitions describe, io/plugin_sheets.hpp).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "bangfu/io/scheme_io.hpp"
#include "bangfu/io/sheet.hpp"
#include "bangfu/io/workbook_body.hpp"
#include "bangfu/model/ids.hpp"
#include "bangfu/model/member_text.hpp"
#include "io/io_detail.hpp"
#include "io/plugin_sheets.hpp"
#include "io/scheme_names.hpp"
#include "io/workbook_body_sheet.hpp"
#include "io/workbook_layout.hpp"

namespace bangfu::io {

namespace {

using namespace workbook;  // NOLINT(google-build-using-namespace): the layout's names are this file's
                           // vocabulary

// ---- reading ----------------------------------------------------------------

/// Reads one sheet of the layout: columns are found by their header text, so a
/// clerk may reorder them; rows that are entirely empty are skipped.
///
/// A header that is not the layout's while one of the layout's is missing is
/// taken as that column renamed: one error at the header cell, and the column is
/// read as the one it stands for, so the rows are not judged again column by
/// column (35 errors for one renamed header). A cell still holding a value of the
/// example (示例局, 王某某) is an error at that cell and is read as empty: an
/// example never reaches an output.
class SheetIn {
 public:
  SheetIn(const Sheet* sheet, const SheetSpec& spec, diag::Diagnostics& diags)
      : sheet_(sheet), sample_(spec.sample), legacySample_(spec.legacySample) {
    cols_.assign(spec.columns.size(), 0);
    for (const auto& c : spec.columns) info_.push_back(c.info);
    if (!sheet_) return;
    std::vector<std::pair<int, std::string>> unknown;  // (column, header)
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
      if (!known) unknown.emplace_back(c, h);
    }
    std::vector<std::string> missing;
    for (std::size_t k = 0; k < spec.columns.size(); ++k)
      if (cols_[k] == 0 && !spec.columns[k].info && !spec.columns[k].optional)
        missing.push_back(spec.columns[k].header);
    for (const auto& [c, h] : unknown) {
      // The renamed column: the nearest missing header, or the only one when one is unknown.
      std::string expected = diag::nearest(h, missing);
      if (expected.empty() && unknown.size() == 1 && missing.size() == 1) expected = missing.front();
      const diag::Location where{sheet_->file, sheet_->name, 1, c, ""};
      if (expected.empty()) {
        diags.warning("workbook.unknown-column", where, "未知的表头“" + h + "”，该列已忽略",
                      "unknown column \"" + h + "\" ignored");
        continue;
      }
      for (std::size_t k = 0; k < spec.columns.size(); ++k)
        if (spec.columns[k].header == expected) cols_[k] = c;
      missing.erase(std::find(missing.begin(), missing.end(), expected));
      diags.error("workbook.renamed-column", where,
                  "表头“" + h + "”应为“" + expected + "”：“" + sheet_->name + "”表的表头不能改动",
                  "the header \"" + h + "\" should read \"" + expected + "\": the headers of the sheet \"" +
                      sheet_->name + "\" must not be changed",
                  "把 " + diag::cellName(1, c) + " 改回“" + expected + "”",
                  "change " + diag::cellName(1, c) + " back to \"" + expected + "\"");
    }
    for (const auto& header : missing) {
      // A column that is missing is an error only when the sheet has data rows.
      if (sheet_->rowCount() > 1) {
        diags.error("workbook.missing-column", {sheet_->file, sheet_->name, 1, 0, header},
                    "缺少表头“" + header + "”", "missing the column \"" + header + "\"",
                    "从 bangfu init 生成的空白工作簿复制表头",
                    "copy the header from a blank workbook written by bangfu init");
      }
    }
    findExampleValues(diags);
  }

  [[nodiscard]] int rows() const { return sheet_ ? sheet_->rowCount() : 0; }
  /// No value in any column that is read.
  [[nodiscard]] bool blank(int row) const {
    for (std::size_t k = 0; k < cols_.size(); ++k)
      if (cols_[k] && !info_[k] && !trim(sheet_->at(row, cols_[k]).text).empty()) return false;
    return true;
  }
  /// The layout's example row, unchanged (as this version or an earlier one wrote it).
  [[nodiscard]] bool isSample(int row) const { return matches(row, sample_) || matches(row, legacySample_); }
  [[nodiscard]] const std::string& sheetName() const {
    static const std::string kNone;
    return sheet_ ? sheet_->name : kNone;
  }
  [[nodiscard]] std::string str(int row, std::size_t k) const {
    if (!cols_[k] || example_.count({row, cols_[k]})) return {};
    const SheetCell& c = sheet_->at(row, cols_[k]);
    // A date reads as 2019年5月30日 whichever format the clerk's Excel showed it in.
    return c.type == SheetCell::Type::Date ? chineseDateText(c.number, sheet_->date1904) : trim(c.text);
  }
  /// Whether the sheet has the column (under its name or renamed).
  [[nodiscard]] bool has(std::size_t k) const { return cols_[k] != 0; }
  [[nodiscard]] const SheetCell& cell(int row, std::size_t k) const {
    static const SheetCell kEmpty{};
    return cols_[k] && !example_.count({row, cols_[k]}) ? sheet_->at(row, cols_[k]) : kEmpty;
  }
  [[nodiscard]] diag::Location at(int row, std::size_t k) const {
    return {sheet_->file, sheet_->name, row, cols_[k], ""};
  }

 private:
  /// Every cell of a data row that still holds an example value (the untouched
  /// example row of an older workbook is skipped whole by the reader instead).
  void findExampleValues(diag::Diagnostics& diags) {
    for (int r = 2; r <= rows(); ++r) {
      if (blank(r) || isSample(r)) continue;
      for (std::size_t k = 0; k < cols_.size(); ++k) {
        if (!cols_[k] || info_[k]) continue;
        const std::string v = trim(sheet_->at(r, cols_[k]).text);
        if (!isExampleValue(v)) continue;
        example_.insert({r, cols_[k]});
        diags.error("workbook.example-value", at(r, k), "“" + v + "”是示例里的值，不是实际数据",
                    "\"" + v + "\" is a value of the example, not data",
                    "改为实际内容；若这一行整行是示例，删除这一行",
                    "replace it with the real value, or delete the row if it is all example");
      }
    }
  }

  [[nodiscard]] bool matches(int row, const std::vector<std::string>& sample) const {
    if (sample.empty()) return false;
    for (std::size_t k = 0; k < cols_.size(); ++k)
      if (str(row, k) != (k < sample.size() ? sample[k] : std::string())) return false;
    return true;
  }

  const Sheet* sheet_;
  std::vector<std::string> sample_;
  std::vector<std::string> legacySample_;
  std::vector<bool> info_;
  std::vector<int> cols_;                  // 1-based column of each spec column, 0 when absent
  std::set<std::pair<int, int>> example_;  // (row, column) of example values, read as empty
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
                   "the workbook has none of bangfu's input sheets (\"通知\", \"区划\", \"单位\" …)",
                   "用 bangfu init -o 输入.xlsx 生成空白工作簿再填写",
                   "write a blank workbook with bangfu init -o input.xlsx and fill it in");
    }
    readNotice(s);
    readAreas(s);
    readUnits(s);
    readPeople(s);
    readTeams(s);
    readPairings(s);
    readCommittees(s);
    resolveNames(s);
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
                       "删除 " + other + " 那一行", "delete the row at " + other);
      } else {
        diags_.error(
            "workbook.option-conflict", where,
            "设置项“" + key + "”这里是“" + value + "”，" + other + " 却是“" + it->second + "”",
            "the option \"" + key + "\" is \"" + value + "\" here but \"" + it->second + "\" at " + other,
            "只保留一处：删除 " + other + " 那一行", "keep one: delete the row at " + other);
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
                 (near.empty() ? "" : "是否为“" + near + "”？") + "从下拉列表中选择：" + joinList(shownList),
                 (near.empty() ? "" : "did you mean \"" + near + "\"? ") +
                     "choose from the drop-down list: " + quotedList(shownList));
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
      if (sheet.name == kInstructionsSheet || sheet.name == kExampleSheet || sheet.name == kBodySheet)
        continue;  // 正文: core/notice reads it
      const auto& core = layout();
      if (std::any_of(core.begin(), core.end(), [&](const SheetSpec& c) { return c.name == sheet.name; }))
        continue;
      diags_.warning("workbook.unread-sheet", {book_.file, sheet.name, 0, 0, ""},
                     "工作表“" + sheet.name + "”未读取：工作簿缺少隐藏的“" + plugin_sheets::kDefinitionSheet +
                         "”表，无法识别插件表",
                     "sheet \"" + sheet.name + "\" was not read: the hidden sheet \"" +
                         plugin_sheets::kDefinitionSheet + "\" that describes plugin sheets is missing",
                     "用 bangfu init --plugin 插件 -o 新工作簿.xlsx "
                     "生成带插件表的工作簿，把本表内容抄过去；或把设置写到“选项”表",
                     "write a workbook with the plugin's sheets (bangfu init --plugin PLUGIN -o new.xlsx) "
                     "and copy this sheet into it, or put the settings on the \"选项\" sheet");
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
            near.empty() ? "设置项名称不要改动；可选：" + joinList(known) : "是否为“" + near + "”？",
            near.empty() ? "keep the option names as they are; choices: " + quotedList(known)
                         : "did you mean \"" + near + "\"?");
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
                       "照示例填好后改写或删除这一行", "type the real data over it, or delete the row");
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
                 "expected \"是\" or \"否\", found \"" + v + "\"");
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
    diags_.error("workbook.type", in.at(r, k), "应填整数，实际是“" + v + "”",
                 "expected an integer, found \"" + v + "\"");
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

  /// Records the cell a field was read from (Scheme::fieldWhere), when the sheet has the column.
  static void mark(model::Scheme& s, const std::string& path, const SheetIn& in, int r, std::size_t k) {
    if (in.has(k)) s.fieldWhere[path] = in.at(r, k);
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
      else if (key == kKeySource)
        s.source = value;
      else if (key == kKeyFictional)
        s.fictional = yesNo(in, r, 1);
      else if (key == kKeyIssuer) {
        if (!value.empty()) n.issuers.push_back(value);
      } else if (key == kKeyDocNumber)
        n.docNumber = value;
      else if (key == kKeyTitle)
        n.title = value;
      else if (key == kKeyDate)
        n.date = value;
      else if (key == kKeyRecipients)
        n.recipients = value;
      else if (key == kKeyAppendix) {
        model::AppendixRef a{in.str(r, 2), value, in.str(r, 3)};
        if (!a.id.empty() || !a.label.empty() || !a.title.empty()) n.appendices.push_back(std::move(a));
      } else {
        const auto& keys = spec(kNoticeSheet).columns[0].values;
        const std::string near = diag::nearest(key, keys);
        diags_.warning("workbook.unknown-key", in.at(r, 0), "未知的项目“" + key + "”，该行已忽略",
                       "unknown item \"" + key + "\" ignored", near.empty() ? "" : "是否为“" + near + "”？",
                       near.empty() ? "" : "did you mean \"" + near + "\"?");
      }
    });
  }

  void readAreas(model::Scheme& s) {
    const SheetIn in = open(kAreaSheet);
    rows(in, [&](int r) {
      model::Area a;
      idAndName(in, r, a);
      const std::string base = "areas[" + std::to_string(s.areas.size()) + "]";
      mark(s, base + ".name", in, r, 1);
      mark(s, base + ".level", in, r, 2);
      mark(s, base + ".parent", in, r, 3);
      mark(s, base + ".flags", in, r, 5);
      const std::string level = in.str(r, 2);
      if (auto l = names::areaLevelFromText(level)) {
        a.level = *l;
      } else {
        const std::string near = diag::nearest(level, names::zhLabels(names::kAreaLevels));
        diags_.error("workbook.bad-value", in.at(r, 2), "未知的层级“" + level + "”",
                     "unknown level \"" + level + "\"",
                     near.empty() ? "可选：省、市、县、乡镇、村" : "是否为“" + near + "”？",
                     near.empty() ? "choices: \"省\", \"市\", \"县\", \"乡镇\", \"村\""
                                  : "did you mean \"" + near + "\"?");
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
      mark(s, "units[" + std::to_string(s.units.size()) + "].name", in, r, 1);
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
      const std::string base = "people[" + std::to_string(s.people.size()) + "]";
      mark(s, base + ".name", in, r, 1);
      mark(s, base + ".unit", in, r, 2);
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
      const std::string base = "teams[" + std::to_string(s.teams.size()) + "]";
      const char* fields[] = {"",
                              "",
                              ".target",
                              ".targets",
                              ".statedGroups",
                              ".statedInstructors",
                              ".statedVillages",
                              ".partnerAreas",
                              ".people"};
      for (std::size_t k = 2; k < std::size(fields); ++k) mark(s, base + fields[k], in, r, k);
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
      auto team =
          std::find_if(s.teams.begin(), s.teams.end(), [&](const model::Team& t) { return t.id == teamId; });
      if (team == s.teams.end()) {
        const std::vector<std::string> ids = [&] {
          std::vector<std::string> v;
          for (const auto& t : s.teams) v.push_back(t.id);
          return v;
        }();
        const std::string near = diag::nearest(teamId, ids);
        diags_.error(
            "workbook.unknown-team", m.at(r, 0), "团组“" + teamId + "”不在“团组”表中",
            "the team \"" + teamId + "\" is not on the \"团组\" sheet",
            near.empty() ? "先在“团组”表中添加该团组" : "是否为“" + near + "”？",
            near.empty() ? "add the team to the \"团组\" sheet first" : "did you mean \"" + near + "\"?");
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
                     "组数" + std::to_string(*groups) + "超出范围（应为 " +
                         std::to_string(model::kMinMultiplicity) + " 到 " +
                         std::to_string(model::kMaxMultiplicity) + "）",
                     "the group count " + std::to_string(*groups) + " is out of range (" +
                         std::to_string(model::kMinMultiplicity) + " to " +
                         std::to_string(model::kMaxMultiplicity) + ")",
                     "填写该单位派出的工作组数", "fill in the number of working groups this unit sends");
        member.multiplicity = 1;
      }
      member.where = m.at(r, 2);
      const std::string category = m.str(r, 1);
      if (category == kLeaderCategory) {
        if (team->leader) {
          diags_.error("workbook.duplicate-leader", m.at(r, 1), "团组“" + teamId + "”已有组长单位",
                       "the team \"" + teamId + "\" already has a leading unit", "其余单位的类别填“成员单位”",
                       "make the other units' kind \"成员单位\"");
        }
        team->leader = std::move(member);
      } else {
        if (category != kMemberCategory) {
          diags_.error("workbook.bad-value", m.at(r, 1),
                       "类别应为“组长单位”或“成员单位”，实际是“" + category + "”",
                       "the category must be \"组长单位\" or \"成员单位\", found \"" + category + "\"");
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
      diags_.error("workbook.bad-value", in.at(r, kindCol), "未知的类型“" + kind + "”",
                   "unknown kind \"" + kind + "\"",
                   near.empty() ? "可选：人员、单位、团组、区划、农户" : "是否为“" + near + "”？",
                   near.empty() ? "choices: \"人员\", \"单位\", \"团组\", \"区划\", \"农户\""
                                : "did you mean \"" + near + "\"?");
    }
    p.ref = in.str(r, refCol);
    return p;
  }

  void readPairings(model::Scheme& s) {
    const SheetIn in = open(kPairingSheet);
    rows(in, [&](int r) {
      model::Pairing p;
      p.where = in.at(r, 0);
      const std::string base = "pairings[" + std::to_string(s.pairings.size()) + "]";
      mark(s, base + ".kind", in, r, 0);
      mark(s, base + ".helper", in, r, 2);
      mark(s, base + ".target", in, r, 4);
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
      auto c = std::find_if(s.committees.begin(), s.committees.end(),
                            [&](const model::Committee& x) { return x.id == id; });
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
                     "the first member of the group has no title", "填写职务，如 组长",
                     "fill in the post, e.g. \"组长\"");
        c->roles.push_back({"", {}, false});
      }
      if (c->roles.empty()) return;
      if (stroke) c->roles.back().strokeOrder = true;
      if (!person.empty()) {
        const auto ci = static_cast<std::size_t>(c - s.committees.begin());
        mark(s,
             "committees[" + std::to_string(ci) + "].roles[" + std::to_string(c->roles.size() - 1) +
                 "].people[" + std::to_string(c->roles.back().people.size()) + "]",
             in, r, 3);
        c->roles.back().people.push_back(person);
      }
    });
  }

  void readStated(model::Scheme& s) {
    const SheetIn in = open(kStatedSheet);
    rows(in, [&](int r) {
      model::StatedFigure f;
      f.key = in.str(r, 0);
      f.label = in.str(r, 1);
      f.where = in.at(r, 2);
      f.acknowledged = in.str(r, 3);
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

  /// Other sheets refer to an area, unit or person by its 编号; for workbooks
  /// filled before 编号 were codes, and for clerks who type what they see, the
  /// current 名称 is accepted too when it names one entity of that kind and is no
  /// entity's 编号 (docs/workbook.md "编号与更名"). A name two entities share stays
  /// as typed, and check asks for the 编号.
  static void resolveNames(model::Scheme& s) {
    auto resolve = [&](model::IdKind kind, const auto& entities) {
      std::set<std::string> ids;
      for (const auto& e : entities) ids.insert(e.id);
      std::map<std::string, std::string> byName;
      std::set<std::string> shared;
      for (const auto& e : entities) {
        if (ids.count(e.name) || e.name.empty()) continue;
        if (!byName.emplace(e.name, e.id).second) shared.insert(e.name);
      }
      for (const auto& name : shared) byName.erase(name);
      model::renameIds(s, kind, byName);
    };
    resolve(model::IdKind::Area, s.areas);
    resolve(model::IdKind::Unit, s.units);
    resolve(model::IdKind::Person, s.people);
  }

  const Workbook& book_;
  diag::Diagnostics& diags_;
};

}  // namespace

model::Scheme loadSchemeWorkbook(const std::string& path, diag::Diagnostics& diags) {
  const Workbook book = readXlsx(path);
  return WorkbookReader(book, diags).read();
}

}  // namespace bangfu::io
