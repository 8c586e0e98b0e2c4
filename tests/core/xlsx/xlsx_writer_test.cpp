// The XLSX writer: outputs reopened with Poco::Zip and pugixml and checked
// against the print contract (design.md "Output contract", issue 5).
#include "bangfu/xlsx/xlsx_writer.hpp"

#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <pugixml.hpp>
#include <set>
#include <sstream>

#include "bangfu/text/width.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "xlsx/xlsx_pages.hpp"

namespace {

using namespace bangfu;
namespace fs = std::filesystem;

// GB/T 9704 5.2.1 margins, restated here so the test does not share the writer's constants.
constexpr double kMmPerInch = 25.4;
constexpr double kTolInch = 1 / kMmPerInch;  // 1 mm

class XlsxWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("bangfu-xlsx-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

std::map<std::string, std::string> unzipAll(const std::string& file) {
  const std::string bytes = util::readFile(file);
  std::map<std::string, std::string> out;
  std::istringstream in(bytes);
  const Poco::Zip::ZipArchive archive(in);
  for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
    if (it->second.isDirectory()) continue;
    std::istringstream again(bytes);
    Poco::Zip::ZipInputStream zis(again, it->second);
    std::ostringstream body;
    body << zis.rdbuf();
    out[it->first] = body.str();
  }
  return out;
}

pugi::xml_document parse(const std::string& xml) {
  pugi::xml_document d;
  const auto r = d.load_string(xml.c_str());
  EXPECT_TRUE(r) << r.description();
  return d;
}

std::set<std::string> merges(const pugi::xml_document& sheet) {
  std::set<std::string> out;
  for (auto m : sheet.select_nodes("//mergeCell")) out.insert(m.node().attribute("ref").value());
  return out;
}

pugi::xml_node cellNode(const pugi::xml_document& sheet, const std::string& ref) {
  return sheet.select_node(("//c[@r='" + ref + "']").c_str()).node();
}

/// 附件2-like table: two header rows, a county spanning two body rows, a 合计 row.
doc::Notice sampleNotice(doc::Orientation orientation = doc::Orientation::Portrait) {
  doc::Notice n;
  n.title = "关于印发结对帮扶方案的通知";
  n.date = "2019年5月30日";
  doc::Appendix a;
  a.label = "附件2";
  a.title = "市级结对帮扶团组安排方案";
  a.orientation = orientation;
  doc::Table t;
  t.name = "帮扶团组";
  t.columns = {doc::Column{"county", 1, doc::Align::Center, false},
               doc::Column{"units", 3, doc::Align::Left, false},
               doc::Column{"groups", 1, doc::Align::Center, true}};
  doc::Row h1;
  h1.kind = doc::RowKind::Header;
  h1.cells.push_back(doc::Cell::text("县（市、区）"));
  h1.cells.back().rowSpan = 2;
  h1.cells.push_back(doc::Cell::text("帮扶团组"));
  h1.cells.back().colSpan = 2;
  doc::Row h2;
  h2.kind = doc::RowKind::Header;
  h2.cells.push_back(doc::Cell::text("团组单位"));
  h2.cells.push_back(doc::Cell::text("工作组数"));
  t.rows.push_back(h1);
  t.rows.push_back(h2);
  doc::Row b1;
  b1.cells.push_back(doc::Cell::text("莲都区"));
  b1.cells.back().rowSpan = 2;
  b1.cells.push_back(
      doc::Cell::runs({doc::Run{"市委办"}, doc::Run{"、"}, doc::Run{"市农业农村局（2个）", doc::Face::Hei}}));
  b1.cells.push_back(doc::Cell::num(2));
  doc::Row b2;
  b2.cells.push_back(doc::Cell::text("市财政局、市文联"));
  b2.cells.push_back(doc::Cell::num(14));
  doc::Row b3;
  b3.cells.push_back(doc::Cell::text("青田县"));
  b3.cells.push_back(doc::Cell::text("市公安局"));
  b3.cells.push_back(doc::Cell::num(3));
  t.rows.push_back(b1);
  t.rows.push_back(b2);
  t.rows.push_back(b3);
  doc::Row total;
  total.kind = doc::RowKind::Total;
  total.cells.push_back(doc::Cell::text("合计"));
  total.cells.back().colSpan = 2;
  total.cells.push_back(doc::Cell::num(19));
  total.cells.back().columnTotal = true;
  t.rows.push_back(total);
  a.blocks.emplace_back(std::move(t));
  doc::Notes notes;
  notes.items = {"原则上按照各县（市、区）省级扶贫重点帮扶村数安排帮扶团组数。",
                 "以黑体字标注的单位为市派指导员派出单位。"};
  a.blocks.emplace_back(notes);
  n.appendices.push_back(std::move(a));
  return n;
}

/// Checks shared by the in-memory and constant_memory modes.
void checkSample(const std::map<std::string, std::string>& parts, bool landscape) {
  ASSERT_TRUE(parts.count("xl/worksheets/sheet1.xml"));
  const auto sheet = parse(parts.at("xl/worksheets/sheet1.xml"));
  // Rows: 1 label, 2 title, 3–4 header, 5–7 body, 8 合计, 9–10 说明.
  const std::set<std::string> want = {"A1:C1", "A2:C2", "A3:A4", "B3:C3",
                                      "A5:A6", "A8:B8", "A9:C9", "A10:C10"};
  EXPECT_EQ(merges(sheet), want);
  const auto sum = cellNode(sheet, "C8");
  EXPECT_STREQ(sum.child("f").text().get(), "SUM(C5:C7)");
  EXPECT_DOUBLE_EQ(sum.child("v").text().as_double(), 19);
  EXPECT_DOUBLE_EQ(cellNode(sheet, "C6").child("v").text().as_double(), 14);

  const auto setup = sheet.select_node("//pageSetup").node();
  EXPECT_EQ(setup.attribute("paperSize").as_int(), 9);
  EXPECT_STREQ(setup.attribute("orientation").value(), landscape ? "landscape" : "portrait");
  EXPECT_EQ(setup.attribute("fitToHeight").as_int(-1), 0);
  // fitToWidth defaults to 1 when absent (ECMA-376 18.3.1.63).
  EXPECT_EQ(setup.attribute("fitToWidth").as_int(1), 1);
  EXPECT_TRUE(sheet.select_node("//sheetPr/pageSetUpPr[@fitToPage='1']"));

  const auto margins = sheet.select_node("//pageMargins").node();
  const double top = landscape ? 28 : 37, left = landscape ? 35 : 28, right = landscape ? 37 : 26,
               bottom = landscape ? 26 : 35;
  EXPECT_NEAR(margins.attribute("top").as_double(), top / kMmPerInch, kTolInch);
  EXPECT_NEAR(margins.attribute("left").as_double(), left / kMmPerInch, kTolInch);
  EXPECT_NEAR(margins.attribute("right").as_double(), right / kMmPerInch, kTolInch);
  EXPECT_NEAR(margins.attribute("bottom").as_double(), bottom / kMmPerInch, kTolInch);
  // GB/T 9704 7.5: odd pages right, even pages left, 空一字 (U+3000) from the edge.
  EXPECT_TRUE(sheet.select_node("//headerFooter[@differentOddEven='1']"));
  const std::string footer = sheet.select_node("//headerFooter/oddFooter").node().text().get();
  EXPECT_EQ(footer.rfind("&R", 0), 0u) << footer;
  EXPECT_NE(footer.find("宋体"), std::string::npos) << footer;
  EXPECT_NE(footer.find("— &P —\u3000"), std::string::npos) << footer;
  const std::string even = sheet.select_node("//headerFooter/evenFooter").node().text().get();
  EXPECT_EQ(even.rfind("&L", 0), 0u) << even;
  EXPECT_NE(even.find("\u3000— &P —"), std::string::npos) << even;

  // Widths are set on every column and the county column is narrower than the units column.
  const auto cols = sheet.select_nodes("//cols/col");
  ASSERT_EQ(cols.size(), 3u);
  EXPECT_LT(cols[0].node().attribute("width").as_double(), cols[1].node().attribute("width").as_double());
  // Row heights are set (estimated from the wrapped lines).
  EXPECT_TRUE(sheet.select_node("//row[@r='5']").node().attribute("customHeight").as_bool());

  const auto workbook = parse(parts.at("xl/workbook.xml"));
  const auto titles = workbook.select_node("//definedName[@name='_xlnm.Print_Titles']").node();
  ASSERT_TRUE(titles);
  EXPECT_STREQ(titles.text().get(), "'帮扶团组'!$3:$4");
  EXPECT_TRUE(workbook.select_node("//sheet[@name='帮扶团组']"));

  // The mixed-face cell is a rich string with a 黑体 run.
  const std::string all = parts.at("xl/worksheets/sheet1.xml") +
                          (parts.count("xl/sharedStrings.xml") ? parts.at("xl/sharedStrings.xml") : "");
  EXPECT_NE(all.find("<rFont val=\"黑体\"/>"), std::string::npos);
  EXPECT_NE(all.find("说明：1.原则上"), std::string::npos);
  // Fonts: 仿宋_GB2312 body, 黑体 header, 方正小标宋简体 title.
  const std::string& styles = parts.at("xl/styles.xml");
  EXPECT_NE(styles.find("仿宋_GB2312"), std::string::npos);
  EXPECT_NE(styles.find("方正小标宋简体"), std::string::npos);
  // Header 4号黑体, not bold, and body 4号仿宋: the DOCX's table styles (issue 16).
  EXPECT_NE(styles.find("<font><sz val=\"14\"/><color theme=\"1\"/><name val=\"黑体\"/>"), std::string::npos)
      << styles;
  EXPECT_NE(styles.find("<font><sz val=\"14\"/><color theme=\"1\"/><name val=\"仿宋_GB2312\"/>"),
            std::string::npos);
  EXPECT_EQ(styles.find("<b/>"), std::string::npos) << styles;
}

TEST_F(XlsxWriterTest, SampleTableMergesFormulaAndPrintSetup) {
  diag::Diagnostics d;
  ASSERT_TRUE(xlsx::writeXlsx(sampleNotice(), path("a.xlsx"), d));
  EXPECT_FALSE(d.hasErrors());
  EXPECT_FALSE(d.has("xlsx.total-mismatch"));
  checkSample(unzipAll(path("a.xlsx")), false);
}

TEST_F(XlsxWriterTest, ConstantMemoryModeKeepsMergesAndFormula) {
  diag::Diagnostics d;
  xlsx::XlsxOptions o;
  o.constantMemoryRows = 1;
  ASSERT_TRUE(xlsx::writeXlsx(sampleNotice(doc::Orientation::Landscape), path("cm.xlsx"), d, o));
  const auto parts = unzipAll(path("cm.xlsx"));
  // constant_memory writes inline strings: proof the mode is on.
  EXPECT_NE(parts.at("xl/worksheets/sheet1.xml").find("t=\"inlineStr\""), std::string::npos);
  checkSample(parts, true);
}

TEST_F(XlsxWriterTest, SameInputGivesSameBytesAndFixedDates) {
  diag::Diagnostics d;
  xlsx::XlsxOptions o;
  o.epoch = util::outputEpoch("2019年5月30日");
  ASSERT_TRUE(xlsx::writeXlsx(sampleNotice(), path("1.xlsx"), d, o));
  ::sleep(1);  // a clock-dependent writer would differ now
  ASSERT_TRUE(xlsx::writeXlsx(sampleNotice(), path("2.xlsx"), d, o));
  EXPECT_EQ(util::readFile(path("1.xlsx")), util::readFile(path("2.xlsx")));
  const auto parts = unzipAll(path("1.xlsx"));
  EXPECT_NE(parts.at("docProps/core.xml").find("2019-05-30T00:00:00Z"), std::string::npos);
  // Rewriting the same bytes leaves the file alone.
  const auto before = fs::last_write_time(path("1.xlsx"));
  ::sleep(1);
  ASSERT_TRUE(xlsx::writeXlsx(sampleNotice(), path("1.xlsx"), d, o));
  EXPECT_EQ(fs::last_write_time(path("1.xlsx")), before);
  // No temporary files left beside the output.
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_)) ++files;
  EXPECT_EQ(files, 2u);
}

TEST_F(XlsxWriterTest, CellOverExcelLimitIsLocatedErrorAndNothingWritten) {
  doc::Notice n = sampleNotice();
  auto& t = std::get<doc::Table>(n.appendices[0].blocks[0]);
  std::string huge;
  for (int i = 0; i < 32768; ++i) huge += "帮";
  t.rows[4].cells[1] = doc::Cell::text(huge);  // 青田县's units: sheet row 7, column B
  diag::Diagnostics d;
  EXPECT_FALSE(xlsx::writeXlsx(n, path("big.xlsx"), d));
  ASSERT_TRUE(d.has("xlsx.cell-too-long"));
  const auto& e = d.items().front();
  EXPECT_EQ(e.severity, diag::Severity::Error);
  EXPECT_EQ(e.where.sheet, "帮扶团组");
  EXPECT_EQ(e.where.row, 7);
  EXPECT_EQ(e.where.column, 2);
  EXPECT_NE(e.where.field.find("rows[4].cells[1]"), std::string::npos);
  EXPECT_FALSE(fs::exists(path("big.xlsx")));
  // Exactly 32767 characters is allowed.
  huge.resize(huge.size() - 3);
  t.rows[4].cells[1] = doc::Cell::text(huge);
  diag::Diagnostics ok;
  EXPECT_TRUE(xlsx::writeXlsx(n, path("big.xlsx"), ok));
  EXPECT_FALSE(ok.hasErrors());
}

TEST_F(XlsxWriterTest, SheetNamesShortenedReplacedAndDeduplicated) {
  doc::Notice n;
  for (int i = 0; i < 3; ++i) {
    doc::Appendix a;
    a.label = "附件" + std::to_string(i + 1);
    a.title = "丽水市东西部扶贫协作结对关系一览表/2019年度[第一批]：市县两级帮扶单位与结对县名单";
    doc::Table t;
    t.columns = {doc::Column{}};
    doc::Row r;
    r.cells.push_back(doc::Cell::text("x"));
    t.rows.push_back(r);
    a.blocks.emplace_back(t);
    n.appendices.push_back(a);
  }
  diag::Diagnostics d;
  ASSERT_TRUE(xlsx::writeXlsx(n, path("names.xlsx"), d));
  EXPECT_EQ(d.warningCount(), 3u);
  EXPECT_TRUE(d.has("xlsx.sheet-name"));
  const auto workbook = parse(unzipAll(path("names.xlsx")).at("xl/workbook.xml"));
  std::set<std::string> names;
  for (auto s : workbook.select_nodes("//sheet")) {
    const std::string name = s.node().attribute("name").value();
    names.insert(name);
    EXPECT_LE(text::codePointCount(name), 31u) << name;
    EXPECT_EQ(name.find_first_of("[]:*?/\\"), std::string::npos) << name;
  }
  EXPECT_EQ(names.size(), 3u);
  EXPECT_TRUE(names.count("丽水市东西部扶贫协作结对关系一览表／2019年度［第一批］：市"));
}

TEST_F(XlsxWriterTest, NameListBecomesTwoColumnSheet) {
  doc::Notice n;
  doc::Appendix a;
  a.label = "附件";
  a.title = "领导小组及办公室组成人员名单";
  doc::NameList list;
  list.entries = {{"组长", {"白凤祥"}}, {"副组长", {"刘伟"}}, {"成员", {"王峰", "李小明", "张三"}}};
  list.namesPerLine = 2;
  a.blocks.emplace_back(list);
  n.appendices.push_back(a);
  diag::Diagnostics d;
  ASSERT_TRUE(xlsx::writeXlsx(n, path("names.xlsx"), d));
  const auto parts = unzipAll(path("names.xlsx"));
  const std::string& strings = parts.at("xl/sharedStrings.xml");
  EXPECT_NE(strings.find("组\u3000长："), std::string::npos) << strings;
  EXPECT_NE(strings.find("刘\u3000伟"), std::string::npos) << strings;
  EXPECT_NE(strings.find("王\u3000峰\u3000\u3000李小明\n张\u3000三"), std::string::npos) << strings;
  const auto sheet = parse(parts.at("xl/worksheets/sheet1.xml"));
  EXPECT_EQ(sheet.select_nodes("//cols/col").size(), 2u);
  EXPECT_TRUE(
      parse(parts.at("xl/workbook.xml")).select_node("//sheet[@name='领导小组及办公室组成人员名单']"));
}

TEST_F(XlsxWriterTest, StatedTotalThatDisagreesIsWarnedAndCachedAsStated) {
  doc::Notice n = sampleNotice();
  auto& t = std::get<doc::Table>(n.appendices[0].blocks[0]);
  t.rows.back().cells.back().number = 20;
  diag::Diagnostics d;
  ASSERT_TRUE(xlsx::writeXlsx(n, path("t.xlsx"), d));
  EXPECT_TRUE(d.has("xlsx.total-mismatch"));
  const auto sheet = parse(unzipAll(path("t.xlsx")).at("xl/worksheets/sheet1.xml"));
  EXPECT_DOUBLE_EQ(cellNode(sheet, "C8").child("v").text().as_double(), 20);
}

TEST_F(XlsxWriterTest, OneSheetPerAppendixTableInOrder) {
  doc::Notice n = sampleNotice();
  doc::Appendix text;
  text.label = "附件3";
  text.title = "说明文字";
  text.blocks.emplace_back(doc::Paragraph::text("本附件只有文字。"));
  n.appendices.push_back(text);
  doc::Appendix second = n.appendices[0];
  second.label = "附件4";
  std::get<doc::Table>(second.blocks[0]).name = "帮扶团组";  // duplicate on purpose
  n.appendices.push_back(second);
  diag::Diagnostics d;
  ASSERT_TRUE(xlsx::writeXlsx(n, path("multi.xlsx"), d));
  const auto parts = unzipAll(path("multi.xlsx"));
  const auto workbook = parse(parts.at("xl/workbook.xml"));
  std::vector<std::string> names;
  for (auto s : workbook.select_nodes("//sheet")) names.emplace_back(s.node().attribute("name").value());
  EXPECT_EQ(names, (std::vector<std::string>{"帮扶团组", "说明文字", "帮扶团组（2）"}));
  EXPECT_TRUE(parts.count("xl/worksheets/sheet3.xml"));
  // The third sheet's print titles refer to its own header rows.
  EXPECT_TRUE(workbook.select_node("//definedName[@name='_xlnm.Print_Titles'][@localSheetId='2']"));
}

}  // namespace

namespace {

TEST_F(XlsxWriterTest, OddShapesAreWrittenWithoutCrashing) {
  using namespace bangfu;
  doc::Notice n;
  doc::Appendix a;
  a.label = "附件1";
  // An empty table, a table without columns whose row is too long for its neighbour,
  // and spans running past the table.
  doc::Table empty;
  empty.name = "空表";
  empty.columns = {doc::Column{}, doc::Column{}};
  a.blocks.emplace_back(empty);
  doc::Table ragged;
  ragged.name = "不齐";
  doc::Row r1;
  r1.cells = {doc::Cell::text("a"), doc::Cell::text("b"), doc::Cell::text("c")};
  r1.cells[0].rowSpan = 5;
  doc::Row r2;
  r2.cells = {doc::Cell::text("d"), doc::Cell::text("e"),
              doc::Cell::text("f")};  // one too many under the span
  r2.cells[1].colSpan = 4;
  ragged.rows = {r1, r2};
  a.blocks.emplace_back(ragged);
  n.appendices.push_back(a);
  diag::Diagnostics d;
  ASSERT_TRUE(xlsx::writeXlsx(n, path("odd.xlsx"), d));
  EXPECT_TRUE(d.has("xlsx.table-shape"));
  const auto parts = unzipAll(path("odd.xlsx"));
  const auto sheet2 = parse(parts.at("xl/worksheets/sheet2.xml"));
  // Without columns the widest row sets the width (1 + 4 + 1 = 6, label merged A1:F1);
  // the row span is cut at the table's last row, d and e go beside it and f is dropped.
  EXPECT_EQ(merges(sheet2), (std::set<std::string>{"A1:F1", "A2:A3", "C3:F3"}));
  EXPECT_STREQ(cellNode(sheet2, "B3").attribute("t").value(), "s");
  EXPECT_EQ(parse(parts.at("xl/worksheets/sheet1.xml")).select_nodes("//cols/col").size(), 2u);
}

}  // namespace

namespace {

TEST_F(XlsxWriterTest, InputNumberFormatIsTheCellsNumFmt) {
  // Issue 22: 0.9876 read in 0.00% stays a number and shows as 98.76%.
  doc::Notice n = sampleNotice();
  auto& t = std::get<doc::Table>(n.appendices[0].blocks[0]);
  doc::Cell& c6 = t.rows[3].cells[1];  // sheet C6, the 14
  c6.number = 0.9876;
  c6.numberFormat = "0.00%";
  diag::Diagnostics d;
  ASSERT_TRUE(xlsx::writeXlsx(n, path("f.xlsx"), d));
  const auto parts = unzipAll(path("f.xlsx"));
  const auto sheet = parse(parts.at("xl/worksheets/sheet1.xml"));
  const auto cell = cellNode(sheet, "C6");
  EXPECT_DOUBLE_EQ(cell.child("v").text().as_double(), 0.9876);
  EXPECT_STRNE(cell.attribute("t").value(), "s");  // a number, not a string
  const auto styles = parse(parts.at("xl/styles.xml"));
  const auto fmt = styles.select_node("//numFmts/numFmt[@formatCode='0.00%']").node();
  ASSERT_TRUE(fmt);
  const auto xfs = styles.select_nodes("//cellXfs/xf");
  const auto xf = xfs[cell.attribute("s").as_uint()].node();
  EXPECT_EQ(xf.attribute("numFmtId").as_int(), fmt.attribute("numFmtId").as_int());
  // Other numbers stay General.
  const auto c5 = cellNode(sheet, "C5");
  EXPECT_EQ(xfs[c5.attribute("s").as_uint()].node().attribute("numFmtId").as_int(0), 0);
}

TEST_F(XlsxWriterTest, RowBreaksNeverCutAMergedGroup) {
  // Issue 16: 90 body rows in merged groups of 3, 4 and 5 rows; every printed page
  // must start at a group's first row.
  doc::Notice n;
  doc::Appendix a;
  a.label = "附件1";
  a.title = "分组表";
  doc::Table t;
  t.columns = {doc::Column{"county", 1, doc::Align::Center, false},
               doc::Column{"unit", 2, doc::Align::Left, false}};
  doc::Row h;
  h.kind = doc::RowKind::Header;
  h.cells = {doc::Cell::text("县"), doc::Cell::text("单位")};
  t.rows.push_back(h);
  std::set<std::size_t> groupStarts;  // 0-based sheet rows: label, title, header, then the body
  std::size_t body = 0;
  for (int g = 0; body < 90; ++g) {
    const int span = 3 + g % 3;
    groupStarts.insert(3 + body);
    for (int i = 0; i < span; ++i, ++body) {
      doc::Row r;
      if (i == 0) {
        r.cells.push_back(doc::Cell::text("第" + std::to_string(g + 1) + "县"));
        r.cells.back().rowSpan = span;
      }
      r.cells.push_back(doc::Cell::text("单位" + std::to_string(body + 1)));
      t.rows.push_back(r);
    }
  }
  a.blocks.emplace_back(std::move(t));
  n.appendices.push_back(a);
  diag::Diagnostics d;
  ASSERT_TRUE(xlsx::writeXlsx(n, path("g.xlsx"), d));
  const auto sheet = parse(unzipAll(path("g.xlsx")).at("xl/worksheets/sheet1.xml"));
  const auto breaks = sheet.select_nodes("//rowBreaks/brk");
  ASSERT_GE(breaks.size(), 2u);
  for (const auto& b : breaks) {
    // brk@id: the break lies below 1-based row id, so 0-based row id starts the page.
    const auto start = b.node().attribute("id").as_uint();
    EXPECT_TRUE(groupStarts.count(start)) << "page starts inside a group at 0-based row " << start;
    EXPECT_TRUE(b.node().attribute("man").as_bool());
  }
}

}  // namespace

namespace {

TEST_F(XlsxWriterTest, GroupTallerThanAPageRepeatsItsLabelOnEveryPage) {
  // Issue 16: "a longer one repeats its label on each continuation page". One county
  // over 80 rows: one merge per printed page, each holding 莲都区, none across a break.
  doc::Notice n;
  doc::Appendix a;
  a.label = "附件1";
  a.title = "长组";
  doc::Table t;
  t.columns = {doc::Column{"county", 1, doc::Align::Center, false},
               doc::Column{"unit", 2, doc::Align::Left, false}};
  doc::Row h;
  h.kind = doc::RowKind::Header;
  h.cells = {doc::Cell::text("县"), doc::Cell::text("单位")};
  t.rows.push_back(h);
  for (int i = 0; i < 80; ++i) {
    doc::Row r;
    if (i == 0) {
      r.cells.push_back(doc::Cell::text("莲都区"));
      r.cells.back().rowSpan = 80;
    }
    r.cells.push_back(doc::Cell::text("单位" + std::to_string(i + 1)));
    t.rows.push_back(r);
  }
  a.blocks.emplace_back(std::move(t));
  n.appendices.push_back(a);
  diag::Diagnostics d;
  ASSERT_TRUE(xlsx::writeXlsx(n, path("long.xlsx"), d));
  const auto parts = unzipAll(path("long.xlsx"));
  const auto sheet = parse(parts.at("xl/worksheets/sheet1.xml"));
  std::vector<unsigned> starts = {3};  // 0-based: label, title, header, then the group
  for (const auto& b : sheet.select_nodes("//rowBreaks/brk"))
    starts.push_back(b.node().attribute("id").as_uint());
  ASSERT_GE(starts.size(), 3u) << "80 rows take more than two pages";
  const auto got = merges(sheet);
  const auto sst = parse(parts.at("xl/sharedStrings.xml"));
  const auto strings = sst.select_nodes("//si");
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const unsigned first = starts[i] + 1;  // 1-based
    const unsigned last = i + 1 < starts.size() ? starts[i + 1] : 83;
    EXPECT_TRUE(got.count("A" + std::to_string(first) + ":A" + std::to_string(last)))
        << "merge A" << first << ":A" << last;
    const auto c = cellNode(sheet, "A" + std::to_string(first));
    ASSERT_STREQ(c.attribute("t").value(), "s");
    EXPECT_STREQ(strings[c.child("v").text().as_uint()].node().child("t").text().get(), "莲都区") << first;
  }
}

TEST(XlsxPagesNestedTest, GroupInsideATallerOneIsKeptWhole) {
  // A county over 10 rows (taller than a page) holds a town over rows 3–5: the
  // page ends before the town, not inside it.
  bangfu::xlsx::detail::Pagination p;
  p.rowHeightsPt.assign(10, 10);
  p.pageHeightPt = 45;
  p.groups = {{0, 9}, {3, 5}};
  EXPECT_EQ(bangfu::xlsx::detail::pageBreaks(p), (std::vector<std::size_t>{3, 7}));
}

}  // namespace

namespace {

/// A one-table appendix: header 县 / 单位 / 工作组数, then `body` rows.
doc::Notice oneTable(std::vector<doc::Row> body) {
  doc::Notice n;
  doc::Appendix a;
  a.label = "附件1";
  a.title = "表";
  doc::Table t;
  t.columns = {doc::Column{"county", 1, doc::Align::Center, false},
               doc::Column{"unit", 4, doc::Align::Left, false},
               doc::Column{"groups", 1, doc::Align::Center, false}};
  doc::Row h;
  h.kind = doc::RowKind::Header;
  h.cells = {doc::Cell::text("县"), doc::Cell::text("单位"), doc::Cell::text("工作组数")};
  t.rows.push_back(h);
  for (auto& r : body) t.rows.push_back(std::move(r));
  a.blocks.emplace_back(std::move(t));
  n.appendices.push_back(a);
  return n;
}

}  // namespace

TEST_F(XlsxWriterTest, CharacterTheFaceLacksGetsTheDocxFallbackFace) {
  // Issue 16: 旻 (outside GB 2312, not in FandolFang) is set in Noto Serif CJK SC, as
  // the DOCX's w:rFonts w:eastAsia on that run; the rest of the cell stays 仿宋_GB2312.
  doc::Row r;
  r.cells = {doc::Cell::text("莲都区"), doc::Cell::text("陈瑞商、杜光旻、杨秀清"), doc::Cell::text("1")};
  const doc::Notice n = oneTable({r});
  diag::Diagnostics d;
  ASSERT_TRUE(xlsx::writeXlsx(n, path("glyph.xlsx"), d));
  const auto parts = unzipAll(path("glyph.xlsx"));
  const auto sst = parse(parts.at("xl/sharedStrings.xml"));
  const auto runs = sst.select_nodes("//si[r]/r");
  ASSERT_EQ(runs.size(), 3u) << parts.at("xl/sharedStrings.xml");
  EXPECT_STREQ(runs[1].node().child("t").text().get(), "旻");
  EXPECT_STREQ(runs[1].node().select_node("rPr/rFont").node().attribute("val").value(), "Noto Serif CJK SC");
  EXPECT_STREQ(runs[0].node().select_node("rPr/rFont").node().attribute("val").value(), "仿宋_GB2312");
  EXPECT_STREQ(runs[2].node().child("t").text().get(), "、杨秀清");
}

TEST_F(XlsxWriterTest, TallRowIsCutAtThePrintedPageAndItsRestStartsThePage) {
  // Issue 16: the XLSX cuts a tall row where its print page ends, as the DOCX does:
  // the later part starts a page (a manual break before it), repeats the county,
  // leaves the number empty, and the parts read in order give the cell's text.
  std::string units;
  for (int i = 0; i < 150; ++i)
    units += (i ? "、" : "") + std::string("丽水市第") + std::to_string(i + 1) + "局";
  std::vector<doc::Row> body;
  for (int i = 0; i < 3; ++i) {
    doc::Row r;
    doc::Cell number = doc::Cell::text("7");
    number.number = 7;
    r.cells = {doc::Cell::text("县" + std::to_string(i + 1)), doc::Cell::text(units), number};
    body.push_back(r);
  }
  const doc::Notice n = oneTable(body);
  diag::Diagnostics d;
  ASSERT_TRUE(xlsx::writeXlsx(n, path("tall.xlsx"), d));
  const auto parts = unzipAll(path("tall.xlsx"));
  const auto sheet = parse(parts.at("xl/worksheets/sheet1.xml"));
  const auto sst = parse(parts.at("xl/sharedStrings.xml"));
  const auto strings = sst.select_nodes("//si");
  const auto text = [&](const std::string& ref) -> std::string {
    const auto c = cellNode(sheet, ref);
    if (!c || std::string(c.attribute("t").value()) != "s") return "";
    return strings[c.child("v").text().as_uint()].node().child("t").text().get();
  };
  const auto value = [&](const std::string& ref) -> std::string {
    const auto c = cellNode(sheet, ref);
    return c ? c.child("v").text().get() : "";
  };
  std::vector<unsigned> breaks;
  for (const auto& b : sheet.select_nodes("//rowBreaks/brk"))
    breaks.push_back(b.node().attribute("id").as_uint());
  // Sheet rows from 4 (label, title, header above): county 县1's parts, then 县2's …
  std::string joined;
  unsigned row = 4;
  int parts1 = 0;
  while (text("A" + std::to_string(row)) == "县1") {
    joined += text("B" + std::to_string(row));
    if (parts1 == 0) {
      EXPECT_EQ(value("C" + std::to_string(row)), "7");
    } else {
      EXPECT_EQ(value("C" + std::to_string(row)), "") << "row " << row;
      EXPECT_NE(std::find(breaks.begin(), breaks.end(), row - 1), breaks.end())
          << "no page break above row " << row;
    }
    ++parts1;
    ++row;
  }
  EXPECT_GE(parts1, 2) << "a row of 150 units is taller than a page: it is cut";
  EXPECT_EQ(joined, units);
}

TEST_F(XlsxWriterTest, TotalAfterCutRowsSumsEveryPartAndHeaderMergesStay) {
  // A table without merges in its body is measured, cut and written a row at a
  // time: the 合计 after it still sums every printed body row (the later parts of
  // cut rows included, one range), a header cell spanning both header rows keeps
  // its merge, and each later part starts a page. Streamed (constant_memory) too.
  std::string units;
  for (int i = 0; i < 150; ++i)
    units += (i ? "、" : "") + std::string("丽水市第") + std::to_string(i + 1) + "局";
  for (const std::size_t streamFrom : {std::size_t{5000}, std::size_t{1}}) {
    doc::Notice n = oneTable({});
    auto& t = std::get<doc::Table>(n.appendices[0].blocks[0]);
    t.rows[0].cells[0].rowSpan = 2;  // 县 over both header rows
    doc::Row h2;
    h2.kind = doc::RowKind::Header;
    h2.cells = {doc::Cell::text("名称"), doc::Cell::text("个")};
    t.rows.push_back(h2);
    for (int i = 0; i < 3; ++i) {
      doc::Row r;
      doc::Cell number = doc::Cell::text("7");
      number.number = 7;
      r.cells = {doc::Cell::text("县" + std::to_string(i + 1)), doc::Cell::text(units), number};
      t.rows.push_back(r);
    }
    doc::Row total;
    total.kind = doc::RowKind::Total;
    doc::Cell sum = doc::Cell::text("21");
    sum.number = 21;
    sum.columnTotal = true;
    total.cells = {doc::Cell::text("合计"), doc::Cell::text(""), sum};
    t.rows.push_back(total);
    xlsx::XlsxOptions o;
    o.constantMemoryRows = streamFrom;
    diag::Diagnostics d;
    const std::string file = path("total-" + std::to_string(streamFrom) + ".xlsx");
    ASSERT_TRUE(xlsx::writeXlsx(n, file, d, o));
    const auto sheet = parse(unzipAll(file).at("xl/worksheets/sheet1.xml"));
    EXPECT_TRUE(sheet.select_node("//mergeCell[@ref='A3:A4']")) << "streamed from " << streamFrom;
    // Label, title, two header rows: the body starts at sheet row 5.
    unsigned last = 5;
    while (cellNode(sheet, "C" + std::to_string(last + 1)).child("f").empty() &&
           cellNode(sheet, "A" + std::to_string(last + 1)))
      ++last;
    EXPECT_GT(last, 7U) << "three rows of 150 units are cut into more than three";
    const auto totalCell = cellNode(sheet, "C" + std::to_string(last + 1));
    EXPECT_EQ(std::string(totalCell.child("f").text().get()), "SUM(C5:C" + std::to_string(last) + ")");
    EXPECT_DOUBLE_EQ(totalCell.child("v").text().as_double(), 21);
    std::set<unsigned> breaks;
    for (const auto& b : sheet.select_nodes("//rowBreaks/brk"))
      breaks.insert(b.node().attribute("id").as_uint());
    unsigned later = 0;
    for (unsigned row = 6; row <= last; ++row) {
      if (!cellNode(sheet, "C" + std::to_string(row)).child("v").empty()) continue;  // a row's first part
      ++later;
      EXPECT_EQ(breaks.count(row - 1), 1U) << "no page break above part row " << row;
    }
    EXPECT_EQ(later, last - 7) << "every row but the three firsts is a later part";
  }
}
