// The input workbook: `init --from` of every example reads back to the same model,
// with its plugin's sheets, and problems in a clerk's workbook are located as
// file:sheet!B12.
#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "bangfu/io/scheme_io.hpp"
#include "bangfu/io/sheet.hpp"
#include "bangfu/io/workbook_body.hpp"
#include "bangfu/model/ids.hpp"
#include "bangfu/region/region.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "dongli/dongli_plugin.hpp"
#include "io/plugin_sheets.hpp"
#include "lishui/lishui_plugin.hpp"
#include "suzhou/suzhou_plugin.hpp"

using namespace bangfu;
namespace fs = std::filesystem;

// libxlsxwriter 1.1.4 (Debian 12) never frees the formula it copies for a list
// validation drawn from a range (LXW_VALIDATION_TYPE_LIST_FORMULA): about 30
// bytes per drop-down, once per workbook written. The input workbook needs those
// drop-downs, so the leak is suppressed for LeakSanitizer (CI runs the suite with
// detect_leaks=1); reproduced with a 5-line C program against the library alone.
extern "C" const char* __lsan_default_suppressions() { return "leak:lxw_strdup\n"; }

namespace {

fs::path workDir() {
  const fs::path dir =
      fs::path(BANGFU_BINARY_DIR) / "test-work" / ("io-workbook-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

std::vector<fs::path> examples() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(BANGFU_SOURCE_DIR) / "examples"))
    if (fs::exists(e.path() / "scheme.json")) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

const diag::Diagnostic* find(const diag::Diagnostics& d, const std::string& code) {
  for (const auto& x : d.items())
    if (x.code == code) return &x;
  return nullptr;
}

std::size_t countCode(const diag::Diagnostics& d, const std::string& code) {
  std::size_t n = 0;
  for (const auto& x : d.items()) n += x.code == code;
  return n;
}

/// What `bangfu init` asks the plugin host for: the plugin's sheets (static builds here).
std::vector<plugin::InputSheetSpec> sheetsOf(const std::string& id) {
  if (id == "lishui") return plugins::lishui::LishuiPlugin().inputSheets();
  if (id == "dongli") return plugins::dongli::DongliPlugin().inputSheets();
  if (id == "suzhou") return plugins::suzhou::SuzhouPlugin().inputSheets();
  // A region file's plugin (examples/ganzhou-region): its sheets come from the file.
  for (const auto& e : fs::directory_iterator(std::string(BANGFU_SOURCE_DIR) + "/examples")) {
    const fs::path region = e.path() / (id + region::kRegionSuffix);
    if (!fs::exists(region)) continue;
    diag::Diagnostics d;
    auto r = region::loadRegionFile(region.string(), d);
    if (r.plugin) return r.plugin->inputSheets();
  }
  return {};
}

std::vector<std::string> sheetNames(const io::Workbook& book) {
  std::vector<std::string> names;
  for (const auto& s : book.sheets) names.push_back(s.name);
  return names;
}

const std::vector<std::string> kCoreSheets{"填表说明", "示例", "通知",     "区划",     "单位", "人员", "团组",
                                           "团组成员", "结对", "领导小组", "统计数字", "说明", "选项"};

/// Column A of a sheet from row 2: the keys of 选项, the labels of a settings sheet.
std::vector<std::string> firstColumn(const io::Sheet& sheet) {
  std::vector<std::string> out;
  for (int r = 2; r <= sheet.rowCount(); ++r) out.push_back(sheet.at(r, 1).text);
  return out;
}

/// Each area, unit and person of `json` whose id was its name has a code of its
/// kind in `xlsx` (A001, U001, P001), in order; the others keep their ids.
void expectCodesFor(const model::Scheme& json, const model::Scheme& xlsx) {
  auto check = [](const auto& before, const auto& after, char prefix) {
    ASSERT_EQ(before.size(), after.size());
    std::set<std::string> codes;
    for (std::size_t i = 0; i < before.size(); ++i) {
      EXPECT_EQ(after[i].name, before[i].name);
      if (before[i].id != before[i].name) {
        EXPECT_EQ(after[i].id, before[i].id);
        continue;
      }
      const std::string& code = after[i].id;
      EXPECT_TRUE(code.size() >= 4 && code[0] == prefix &&
                  code.find_first_not_of("0123456789", 1) == std::string::npos)
          << code;
      EXPECT_TRUE(codes.insert(code).second) << code;
    }
  };
  check(json.areas, xlsx.areas, 'A');
  check(json.units, xlsx.units, 'U');
  check(json.people, xlsx.people, 'P');
}

}  // namespace

TEST(InputWorkbook, EveryExampleRoundTrips) {
  const fs::path dir = workDir();
  for (const auto& ex : examples()) {
    SCOPED_TRACE(ex.string());
    diag::Diagnostics d;
    const model::Scheme fromJson = io::loadSchemeJson((ex / "scheme.json").string(), d);
    ASSERT_FALSE(d.hasErrors());
    const std::string xlsx = (dir / (ex.filename().string() + ".xlsx")).string();
    io::InitOptions options;
    options.from = &fromJson;
    options.epoch = util::outputEpoch(fromJson.notice.date);
    options.pluginSheets = sheetsOf(fromJson.plugin);
    io::writeInputWorkbook(xlsx, options);
    // The plugin's sheets follow 选项, then their hidden definitions.
    std::vector<std::string> expected = kCoreSheets;
    for (const auto& p : options.pluginSheets) expected.push_back(p.name);
    expected.emplace_back(io::kBodySheet);  // the notice text (docs/notice.md)
    if (!options.pluginSheets.empty()) expected.emplace_back(io::plugin_sheets::kDefinitionSheet);
    EXPECT_EQ(sheetNames(io::readXlsx(xlsx)), expected);
    EXPECT_EQ(options.pluginSheets.empty(), fromJson.plugin.empty());
    diag::Diagnostics d2;
    const model::Scheme fromXlsx = io::loadScheme(xlsx, d2);
    EXPECT_TRUE(d2.empty()) << (d2.empty() ? "" : d2.items().front().format());
    EXPECT_EQ(fromXlsx.file, xlsx);
    // JSON → workbook: the workbook says what the JSON says; only the ids that were
    // names (the JSON shorthand) became codes, every reference with them.
    expectCodesFor(fromJson, fromXlsx);
    const model::Scheme named = model::withIdsOf(fromJson, fromXlsx);
    EXPECT_TRUE(named == fromJson);
    EXPECT_EQ(io::schemeToJson(named), io::schemeToJson(fromJson));  // pinpoints a difference
    // Workbook → JSON → workbook: equal, codes and all.
    const std::string json = (dir / (ex.filename().string() + "-back.json")).string();
    util::writeFileAtomic(json, io::schemeToJson(fromXlsx));
    diag::Diagnostics d3;
    const model::Scheme viaJson = io::loadSchemeJson(json, d3);
    EXPECT_FALSE(d3.hasErrors());
    EXPECT_TRUE(viaJson == fromXlsx);
    const std::string again = (dir / (ex.filename().string() + "-again.xlsx")).string();
    io::InitOptions againOptions = options;
    againOptions.from = &viaJson;
    io::writeInputWorkbook(again, againOptions);
    diag::Diagnostics d4;
    const model::Scheme twice = io::loadScheme(again, d4);
    EXPECT_TRUE(d4.empty());
    EXPECT_TRUE(twice == fromXlsx);
    EXPECT_EQ(io::schemeToJson(twice), io::schemeToJson(fromXlsx));
  }
}

TEST(InputWorkbook, LayoutSheetsHeadersAndStableBytes) {
  const fs::path dir = workDir();
  const std::string a = (dir / "blank-a.xlsx").string(), b = (dir / "blank-b.xlsx").string();
  io::InitOptions options;
  options.pluginId = "lishui";
  options.epoch = 1559174400;
  io::writeInputWorkbook(a, options);
  io::writeInputWorkbook(b, options);
  EXPECT_EQ(util::readFile(a), util::readFile(b));
  const io::Workbook book = io::readXlsx(a);
  std::vector<std::string> withBody = kCoreSheets;
  withBody.emplace_back(io::kBodySheet);
  EXPECT_EQ(sheetNames(book), withBody);
  EXPECT_EQ(book.find("团组")->at(1, 5).text, "工作组数");
  // Blank workbook: the plugin is recorded and nothing else is invented; the
  // examples are on their own sheet, outside the data rows (issue 18 item 1).
  diag::Diagnostics d;
  const model::Scheme s = io::loadSchemeWorkbook(a, d);
  EXPECT_TRUE(d.empty()) << (d.empty() ? "" : d.items().front().format());
  EXPECT_EQ(s.plugin, "lishui");
  EXPECT_TRUE(s.areas.empty());
  EXPECT_TRUE(s.units.empty());
  EXPECT_TRUE(s.people.empty());
  EXPECT_TRUE(s.teams.empty());
  EXPECT_TRUE(s.pairings.empty());
  EXPECT_TRUE(s.committees.empty());
  EXPECT_TRUE(s.stated.empty());
  EXPECT_TRUE(s.notes.empty());
  EXPECT_TRUE(s.notice.appendices.empty());
  EXPECT_EQ(book.find("单位")->rowCount(), 1);  // the header only
  const io::Sheet* examples = book.find("示例");
  ASSERT_NE(examples, nullptr);
  bool shown = false;
  for (int r = 1; r <= examples->rowCount(); ++r) shown = shown || examples->at(r, 2).text == "市示例局";
  EXPECT_TRUE(shown) << "the 单位 example is on the 示例 sheet";
}

/// An older workbook's example row: untouched it is skipped with a warning; typed
/// over in part, each cell still holding an example value is an error at that
/// cell and is read as empty (issue 18 item 1).
TEST(InputWorkbook, AHalfOverwrittenExampleRowIsAnErrorAtEachLeftoverCell) {
  const fs::path dir = workDir();
  const std::string path = (dir / "edited-sample.xlsx").string();
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* units = workbook_add_worksheet(wb, "单位");
  const char* header[] = {"编号", "名称", "类别", "标志"};
  const char* sample[] = {"示例局", "市示例局", "机关", "指导员派出单位"};
  for (int c = 0; c < 4; ++c) {
    worksheet_write_string(units, 0, static_cast<lxw_col_t>(c), header[c], nullptr);
    worksheet_write_string(units, 1, static_cast<lxw_col_t>(c), sample[c], nullptr);
    worksheet_write_string(units, 2, static_cast<lxw_col_t>(c), sample[c], nullptr);
  }
  worksheet_write_string(units, 2, 1, "市人力社保局", nullptr);  // the name typed over, the 编号 left
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  diag::Diagnostics d;
  const model::Scheme s = io::loadSchemeWorkbook(path, d);
  ASSERT_EQ(s.units.size(), 1u);
  EXPECT_EQ(s.units[0].name, "市人力社保局");
  EXPECT_EQ(s.units[0].id, "市人力社保局");  // the leftover 编号 is not read: the name stands in
  ASSERT_EQ(countCode(d, "workbook.sample-row"), 1u);
  EXPECT_EQ(find(d, "workbook.sample-row")->where.str(), path + ":单位!A2");
  ASSERT_EQ(countCode(d, "workbook.example-value"), 1u);
  EXPECT_EQ(find(d, "workbook.example-value")->where.str(), path + ":单位!A3");
  EXPECT_TRUE(d.hasErrors());
}

/// A blank workbook with a plugin: its sheets after 选项, filled with the plugin's
/// defaults, which read back as the options the plugin would use anyway.
TEST(InputWorkbook, BlankWorkbookHasThePluginsSheetsWithItsDefaults) {
  const fs::path dir = workDir();
  for (const std::string id : {"lishui", "dongli", "suzhou"}) {
    SCOPED_TRACE(id);
    const std::string path = (dir / ("blank-" + id + ".xlsx")).string();
    io::InitOptions options;
    options.pluginId = id;
    options.pluginSheets = sheetsOf(id);
    ASSERT_FALSE(options.pluginSheets.empty());
    io::writeInputWorkbook(path, options);
    const io::Workbook book = io::readXlsx(path);
    const auto& spec = options.pluginSheets.front();
    const io::Sheet* sheet = book.find(spec.name);
    ASSERT_NE(sheet, nullptr);
    diag::Diagnostics d;
    const model::Scheme s = io::loadSchemeWorkbook(path, d);
    EXPECT_FALSE(d.hasErrors()) << d.items().front().format();
    if (spec.kind == plugin::InputSheetSpec::Kind::Settings) {
      EXPECT_EQ(sheet->at(1, 1).text, "设置项");
      EXPECT_EQ(sheet->at(1, 2).text, "值");
      ASSERT_EQ(sheet->rowCount(), static_cast<int>(spec.settings.size()) + 1);
      for (const auto& st : spec.settings) EXPECT_EQ(s.option(st.key, "(absent)"), st.fallback) << st.key;
    } else {
      EXPECT_EQ(sheet->at(1, 1).text, spec.columns.front().header);
      ASSERT_EQ(sheet->rowCount(), static_cast<int>(spec.defaults.size()) + 1);
      for (std::size_t k = 0; k < spec.columns.size(); ++k)
        EXPECT_EQ(s.option(plugin::recordKey(spec.prefix, 1, spec.columns[k].field)), spec.defaults[0][k]);
    }
    // Every option the sheet holds is located at its cell.
    for (const auto& [key, where] : s.optionWhere) EXPECT_EQ(where.sheet, spec.name) << key;
  }
}

/// Options a plugin sheet holds are written there and not on 选项; those a cell
/// could not give back unchanged stay on 选项; the workbook reads back equal.
TEST(InputWorkbook, PluginOptionsRoundTripThroughTheirSheets) {
  const fs::path dir = workDir();
  for (const std::string id : {"lishui", "dongli", "suzhou"}) {
    SCOPED_TRACE(id);
    diag::Diagnostics d0;
    model::Scheme scheme =
        io::loadSchemeJson(std::string(BANGFU_SOURCE_DIR) + "/examples/lishui-2019/scheme.json", d0);
    scheme.plugin = id;
    const auto sheets = sheetsOf(id);
    std::vector<std::string> held, kept{"other.setting", "edge.spaces"};
    scheme.options["other.setting"] = "市 级 领 导";
    for (const auto& p : sheets) {
      for (const auto& st : p.settings) {
        // A choice other than the default, or a reworded text.
        const std::string v = st.choices.empty() ? st.fallback + "（改）" : st.choices.back().value;
        scheme.options[st.key] = v;
        held.push_back(st.key);
      }
      if (p.kind == plugin::InputSheetSpec::Kind::Records) {
        for (std::size_t k = 0; k < p.columns.size(); ++k) {
          const std::string key1 = plugin::recordKey(p.prefix, 1, p.columns[k].field);
          const std::string key2 = plugin::recordKey(p.prefix, 2, p.columns[k].field);
          if (!p.defaults[0][k].empty()) scheme.options[key1] = p.defaults[0][k], held.push_back(key1);
          if (!p.defaults[5][k].empty()) scheme.options[key2] = p.defaults[5][k], held.push_back(key2);
        }
        // Record 4 follows a gap and a value with edge spaces cannot live in a cell: both stay on 选项.
        const std::string gap = plugin::recordKey(p.prefix, 4, p.columns[2].field);
        scheme.options[gap] = "县级领导";
        kept.push_back(gap);
      } else {
        scheme.options[p.settings.front().key] = " 带空格 ";
        held.erase(held.begin());
        kept.push_back(p.settings.front().key);
      }
    }
    scheme.options["edge.spaces"] = " x ";
    const std::string path = (dir / ("options-" + id + ".xlsx")).string();
    io::InitOptions options;
    options.from = &scheme;
    options.pluginSheets = sheets;
    io::writeInputWorkbook(path, options);
    const io::Workbook book = io::readXlsx(path);
    const auto onOptions = firstColumn(*book.find("选项"));
    for (const auto& k : held) EXPECT_EQ(std::count(onOptions.begin(), onOptions.end(), k), 0) << k;
    for (const auto& k : kept) EXPECT_EQ(std::count(onOptions.begin(), onOptions.end(), k), 1) << k;
    diag::Diagnostics d;
    const model::Scheme back = io::loadSchemeWorkbook(path, d);
    EXPECT_TRUE(d.empty()) << (d.empty() ? "" : d.items().front().format());
    // The ids that were names are codes in the workbook (EveryExampleRoundTrips).
    const model::Scheme named = model::withIdsOf(scheme, back);
    EXPECT_EQ(io::schemeToJson(named), io::schemeToJson(scheme));
    EXPECT_TRUE(named == scheme);
  }
}

namespace {

/// A clerk's workbook with a plugin sheet, written cell by cell (not by init):
/// 选项 (A2:B3), the lishui 附件设置 sheet with `settingRows`, and the definitions.
std::string clerkWorkbook(const std::string& name, const std::vector<std::vector<std::string>>& settingRows,
                          const std::vector<std::string>& settingHeader) {
  const std::string path = (workDir() / name).string();
  lxw_workbook* wb = workbook_new(path.c_str());
  auto table = [&](const char* sheet, const std::vector<std::vector<std::string>>& rows) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet);
    for (std::size_t r = 0; r < rows.size(); ++r)
      for (std::size_t c = 0; c < rows[r].size(); ++c)
        if (!rows[r][c].empty())
          worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), rows[r][c].c_str(),
                                 nullptr);
  };
  table("通知", {{"项目", "内容", "附件编号", "附件标题"}, {"插件", "lishui"}});
  table("选项", {{"键", "值"}, {"leaders.header.area", "县（市、区）"}, {"teams.header.county", "县"}});
  std::vector<std::vector<std::string>> sheet{settingHeader};
  sheet.insert(sheet.end(), settingRows.begin(), settingRows.end());
  table("附件设置", sheet);
  auto definitions = io::plugin_sheets::definitionRows(sheetsOf("lishui"));
  definitions.insert(definitions.begin(), io::plugin_sheets::definitionHeader());
  table(io::plugin_sheets::kDefinitionSheet, definitions);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  return path;
}

}  // namespace

TEST(InputWorkbook, PluginSheetProblemsAreLocated) {
  const std::string path =
      clerkWorkbook("clerk-plugin.xlsx",
                    {{"附件1 第1列表头", "结对县（市、区）"},  // A2: also on 选项 with another value
                     {"附件2 第1列表头", "县"},                // A3: also on 选项, the same value
                     {"附件2 指导员派出单位用黑体", "不是"},   // B4: not a choice
                     {"附件2 第2列表", "组长"},                // A5: an unknown setting
                     {"附件2 第5列表头", "指导员（名）"}},
                    {"设置项", "值", "备注"});
  diag::Diagnostics d;
  const model::Scheme s = io::loadSchemeWorkbook(path, d);
  const auto* conflict = find(d, "workbook.option-conflict");
  ASSERT_NE(conflict, nullptr);
  EXPECT_EQ(conflict->where.str(), path + ":附件设置!B2");
  EXPECT_NE(conflict->message.find("选项!B2"), std::string::npos) << conflict->message;
  const auto* same = find(d, "workbook.duplicate-key");
  ASSERT_NE(same, nullptr);
  EXPECT_EQ(same->severity, diag::Severity::Warning);
  EXPECT_EQ(same->where.str(), path + ":附件设置!B3");
  const auto* bad = find(d, "workbook.bad-value");
  ASSERT_NE(bad, nullptr);
  EXPECT_EQ(bad->where.str(), path + ":附件设置!B4");
  EXPECT_NE(bad->suggestion.find("是"), std::string::npos) << bad->suggestion;
  const auto* unknown = find(d, "workbook.unknown-key");
  ASSERT_NE(unknown, nullptr);
  EXPECT_EQ(unknown->where.str(), path + ":附件设置!A5");
  EXPECT_NE(unknown->suggestion.find("附件2 第2列表头"), std::string::npos) << unknown->suggestion;
  EXPECT_NE(find(d, "workbook.unknown-column"), nullptr);  // 备注; 默认值 and 说明 may be deleted
  EXPECT_EQ(find(d, "workbook.missing-column"), nullptr);
  // The plugin sheet wins; a refused value sets nothing; the cell is remembered.
  EXPECT_EQ(s.option("leaders.header.area"), "结对县（市、区）");
  EXPECT_EQ(s.options.count("teams.instructor-bold"), 0u);
  EXPECT_EQ(s.option("teams.header.instructors"), "指导员（名）");
  EXPECT_EQ(s.optionWhere.at("teams.header.instructors").str(), path + ":附件设置!B6");
  EXPECT_EQ(s.optionWhere.at("teams.header.county").sheet, "附件设置");
}

TEST(InputWorkbook, APluginSheetWithoutItsValueColumnIsAnError) {
  const std::string path =
      clerkWorkbook("clerk-no-value.xlsx", {{"附件1 第1列表头", "县"}}, {"设置项", "数值"});
  diag::Diagnostics d;
  io::loadSchemeWorkbook(path, d);
  // 数值 for 值: one renamed header, one error at its cell naming both (issue 18 item 3).
  EXPECT_EQ(countCode(d, "workbook.missing-column"), 0u);
  ASSERT_EQ(countCode(d, "workbook.renamed-column"), 1u);
  const auto* renamed = find(d, "workbook.renamed-column");
  EXPECT_EQ(renamed->where.sheet, "附件设置");
  EXPECT_EQ(renamed->where.str(), path + ":附件设置!B1");
  EXPECT_NE(renamed->message.find("数值"), std::string::npos);
  EXPECT_NE(renamed->message.find("“值”"), std::string::npos);
  EXPECT_FALSE(renamed->suggestion.empty());
}

TEST(InputWorkbook, APluginSheetThatCannotBeWrittenIsRefusedBeforeWriting) {
  const fs::path dir = workDir();
  auto sheets = sheetsOf("lishui");
  sheets.front().name = "选项";  // a core sheet's name
  io::InitOptions options;
  options.pluginSheets = sheets;
  EXPECT_THROW(io::writeInputWorkbook((dir / "refused.xlsx").string(), options), std::invalid_argument);
  EXPECT_FALSE(fs::exists(dir / "refused.xlsx"));
  sheets = sheetsOf("suzhou");
  sheets.front().columns[0].choices.push_back({"a、b", ""});  // 、 separates list values
  options.pluginSheets = sheets;
  EXPECT_THROW(io::writeInputWorkbook((dir / "refused.xlsx").string(), options), std::invalid_argument);
}

/// A workbook a clerk typed: written here with libxlsxwriter directly, not by init.
TEST(InputWorkbook, ClerkErrorsAreLocatedBySheetAndCell) {
  const fs::path dir = workDir();
  const std::string path = (dir / "clerk.xlsx").string();
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* teams = workbook_add_worksheet(wb, "团组");
  const char* th[] = {"编号", "帮扶对象", "工作组数", "指导员数", "备注栏"};
  for (int c = 0; c < 5; ++c) worksheet_write_string(teams, 0, static_cast<lxw_col_t>(c), th[c], nullptr);
  worksheet_write_string(teams, 1, 0, "莲都区团组", nullptr);
  worksheet_write_string(teams, 1, 1, "莲都区", nullptr);
  worksheet_write_string(teams, 1, 2, "十六", nullptr);  // C2: not an integer
  worksheet_write_number(teams, 1, 3, 6, nullptr);
  lxw_worksheet* members = workbook_add_worksheet(wb, "团组成员");
  const char* mh[] = {"团组", "类别", "单位", "组数"};
  for (int c = 0; c < 4; ++c) worksheet_write_string(members, 0, static_cast<lxw_col_t>(c), mh[c], nullptr);
  worksheet_write_string(members, 1, 0, "莲都区团组", nullptr);
  worksheet_write_string(members, 1, 1, "组长单位", nullptr);
  worksheet_write_string(members, 1, 2, "市自然资源和规划局（2个）", nullptr);  // shorthand, no 组数
  worksheet_write_string(members, 2, 0, "莲都区团组", nullptr);
  worksheet_write_string(members, 2, 1, "成员单位", nullptr);
  worksheet_write_string(members, 2, 2, "市文联、市社科联", nullptr);
  worksheet_write_number(members, 2, 3, 1, nullptr);
  worksheet_write_string(members, 4, 0, "连都区团组", nullptr);  // A5: unknown team, row 4 blank
  worksheet_write_string(members, 4, 2, "市人防办", nullptr);
  lxw_worksheet* areas = workbook_add_worksheet(wb, "区划");
  const char* ah[] = {"编号", "名称", "层级"};
  for (int c = 0; c < 3; ++c) worksheet_write_string(areas, 0, static_cast<lxw_col_t>(c), ah[c], nullptr);
  worksheet_write_string(areas, 1, 1, "莲都区", nullptr);
  worksheet_write_string(areas, 1, 2, "县区", nullptr);  // C2: unknown level
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

  diag::Diagnostics d;
  const model::Scheme s = io::loadScheme(path, d);
  const auto* type = find(d, "workbook.type");
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(type->where.str(), path + ":团组!C2");
  const auto* team = find(d, "workbook.unknown-team");
  ASSERT_NE(team, nullptr);
  EXPECT_EQ(team->where.str(), path + ":团组成员!A5");
  EXPECT_NE(team->suggestion.find("莲都区团组"), std::string::npos);
  const auto* level = find(d, "workbook.bad-value");
  ASSERT_NE(level, nullptr);
  EXPECT_EQ(level->where.sheet, "区划");
  EXPECT_EQ(level->where.row, 2);
  EXPECT_EQ(level->where.column, 3);
  EXPECT_NE(find(d, "workbook.unknown-column"), nullptr);  // 备注栏
  EXPECT_NE(find(d, "workbook.missing-column"), nullptr);  // 区划 lacks 上级 …

  ASSERT_EQ(s.teams.size(), 1u);
  const model::Team& t = s.teams[0];
  EXPECT_EQ(t.statedInstructors, 6);
  EXPECT_FALSE(t.statedGroups.has_value());
  ASSERT_TRUE(t.leader.has_value());
  EXPECT_EQ(t.leader->units, std::vector<std::string>{"市自然资源和规划局"});
  EXPECT_EQ(t.leader->multiplicity, 2);
  ASSERT_EQ(t.members.size(), 1u);
  EXPECT_EQ(t.members[0].units, (std::vector<std::string>{"市文联", "市社科联"}));
  EXPECT_EQ(t.members[0].where.str(), path + ":团组成员!C3");
  EXPECT_EQ(s.areas.at(0).id, "莲都区");  // 编号 blank: the name
}

TEST(InputWorkbook, NotAnInputWorkbook) {
  try {
    diag::Diagnostics d;
    io::loadSchemeWorkbook(std::string(BANGFU_SOURCE_DIR) + "/tests/fixtures/io/lo_from_csv.xlsx", d);
    ADD_FAILURE();
  } catch (const diag::InputError& e) {
    EXPECT_EQ(e.diagnostic().code, "workbook.not-input");
  }
}

TEST(InputWorkbook, InitCommandWritesAndRefusesUsageErrors) {
  const fs::path dir = workDir();
  const std::string out = (dir / "cli.xlsx").string();
  const std::string from = std::string(BANGFU_SOURCE_DIR) + "/examples/dongli-2017/scheme.json";
  const std::string cmd = std::string(BANGFU_CLI) + " init -o " + out + " --from " + from;
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  diag::Diagnostics d;
  diag::Diagnostics d0;
  const model::Scheme json = io::loadSchemeJson(from, d0);
  EXPECT_TRUE(model::withIdsOf(json, io::loadSchemeWorkbook(out, d)) == json);
  const std::string noOut = std::string(BANGFU_CLI) + " init 2>/dev/null";
  EXPECT_EQ(WEXITSTATUS(std::system(noOut.c_str())), 2);
  const std::string badFrom = std::string(BANGFU_CLI) + " init -o " + (dir / "x.xlsx").string() + " --from " +
                              std::string(BANGFU_SOURCE_DIR) +
                              "/tests/fixtures/io/hostile/not_a_zip.xlsx 2>/dev/null";
  EXPECT_EQ(WEXITSTATUS(std::system(badFrom.c_str())), 1);
  EXPECT_FALSE(fs::exists(dir / "x.xlsx"));
}

TEST(InputWorkbook, InitCommandAddsThePluginsSheetsAndRefusesAnUnknownPlugin) {
  const fs::path dir = workDir();
  const std::string out = (dir / "cli-suzhou.xlsx").string();
  const std::string cmd = std::string(BANGFU_CLI) + " init -o " + out + " --plugin suzhou";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  EXPECT_NE(io::readXlsx(out).find("履职日历"), nullptr);
  // --plugin with an unknown id: a usage error naming the nearest id, nothing written.
  const std::string log = (dir / "init-unknown.log").string();
  const std::string unknown =
      std::string(BANGFU_CLI) + " init -o " + (dir / "u.xlsx").string() + " --plugin suzhuo 2>" + log;
  EXPECT_EQ(WEXITSTATUS(std::system(unknown.c_str())), 2);
  EXPECT_NE(util::readFile(log).find("suzhou"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir / "u.xlsx"));
  // A scheme naming an unknown plugin: bad input, located at its 插件 cell.
  diag::Diagnostics d0;
  model::Scheme s =
      io::loadSchemeJson(std::string(BANGFU_SOURCE_DIR) + "/examples/dongli-2017/scheme.json", d0);
  s.plugin = "dongly";
  io::InitOptions options;
  options.from = &s;
  const std::string from = (dir / "dongly.xlsx").string();
  io::writeInputWorkbook(from, options);
  const std::string fromCmd = "LANG=C " + std::string(BANGFU_CLI) + " init -o " + (dir / "v.xlsx").string() +
                              " --from " + from + " 2>" + log;
  EXPECT_EQ(WEXITSTATUS(std::system(fromCmd.c_str())), 1);
  const std::string text = util::readFile(log);
  EXPECT_NE(text.find("init.unknown-plugin"), std::string::npos) << text;
  EXPECT_NE(text.find(from + ":通知!B2"), std::string::npos) << text;
  EXPECT_NE(text.find("dongli"), std::string::npos) << text;
  EXPECT_FALSE(fs::exists(dir / "v.xlsx"));
}
