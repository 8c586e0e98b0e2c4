// The input workbook: `init --from` of every example reads back to the same model,
// and problems in a clerk's workbook are located as file:sheet!B12.
#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>

#include "bangfu/io/scheme_io.hpp"
#include "bangfu/io/sheet.hpp"
#include "bangfu/util/atomic_file.hpp"

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
  const fs::path dir = fs::path(BANGFU_BINARY_DIR) / "test-work" / ("io-workbook-" + std::to_string(::getpid()));
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
    io::writeInputWorkbook(xlsx, options);
    diag::Diagnostics d2;
    const model::Scheme fromXlsx = io::loadScheme(xlsx, d2);
    EXPECT_TRUE(d2.empty()) << (d2.empty() ? "" : d2.items().front().format());
    EXPECT_TRUE(fromXlsx == fromJson);
    // Pinpoint the first difference when they are not equal.
    EXPECT_EQ(io::schemeToJson(fromXlsx), io::schemeToJson(fromJson));
    EXPECT_EQ(fromXlsx.file, xlsx);
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
  std::vector<std::string> names;
  for (const auto& s : book.sheets) names.push_back(s.name);
  EXPECT_EQ(names, (std::vector<std::string>{"填表说明", "通知", "区划", "单位", "人员", "团组", "团组成员", "结对",
                                             "领导小组", "统计数字", "说明", "选项"}));
  EXPECT_EQ(book.find("团组")->at(1, 5).text, "工作组数");
  // Blank workbook: the plugin is recorded and nothing else is invented.
  diag::Diagnostics d;
  const model::Scheme s = io::loadSchemeWorkbook(a, d);
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(s.plugin, "lishui");
  EXPECT_TRUE(s.units.empty());
  EXPECT_TRUE(s.notice.appendices.empty());
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
  EXPECT_TRUE(io::loadSchemeWorkbook(out, d) == io::loadSchemeJson(from, d0));
  const std::string noOut = std::string(BANGFU_CLI) + " init 2>/dev/null";
  EXPECT_EQ(WEXITSTATUS(std::system(noOut.c_str())), 2);
  const std::string badFrom = std::string(BANGFU_CLI) + " init -o " + (dir / "x.xlsx").string() + " --from " +
                              std::string(BANGFU_SOURCE_DIR) + "/tests/fixtures/io/hostile/not_a_zip.xlsx 2>/dev/null";
  EXPECT_EQ(WEXITSTATUS(std::system(badFrom.c_str())), 1);
  EXPECT_FALSE(fs::exists(dir / "x.xlsx"));
}
