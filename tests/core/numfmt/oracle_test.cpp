// The format engine against LibreOffice as the oracle (issue 22): every (value,
// format) pair of tests/fixtures/sheets/numfmt_oracle*.xlsx (written by openpyxl) is
// read by bangfu's XLSX reader, which applies the cell's format, and compared cell
// for cell with LibreOffice's CSV export "as shown" of the same workbook
// (numfmt_oracle*.csv; tests/core/numfmt/test_oracle_csv.py checks that LibreOffice
// still writes exactly that). Where bangfu differs on purpose it shows what Excel
// shows; every such pair is listed in docs/xlsx.md between the oracle markers, and
// this test fails on any difference not listed there and on any listed one that
// no longer differs.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "bangfu/io/sheet.hpp"
#include "bangfu/util/atomic_file.hpp"

using namespace bangfu;

namespace {

std::string source(const std::string& rel) { return std::string(BANGFU_SOURCE_DIR) + "/" + rel; }

/// "code | value | LibreOffice | bangfu" lines of the table between the markers.
std::set<std::string> documentedDifferences() {
  std::ifstream in(source("docs/xlsx.md"));
  std::set<std::string> out;
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line.find("<!-- numfmt-oracle-differences:begin -->") != std::string::npos)
      inside = true;
    else if (line.find("<!-- numfmt-oracle-differences:end -->") != std::string::npos)
      inside = false;
    else if (inside && line.rfind("| `", 0) == 0)
      out.insert(line);
  }
  return out;
}

/// A table row of docs/xlsx.md: | `code` | value | `LibreOffice` | `bangfu` |
std::string row(const std::string& code, const std::string& value, const std::string& lo,
                const std::string& ours) {
  auto cell = [](const std::string& s) {
    std::string t;
    for (char c : s) t += c == '|' ? std::string("\\|") : std::string(1, c);
    return "`" + t + "`";
  };
  return "| " + cell(code) + " | " + value + " | " + cell(lo) + " | " + cell(ours) + " |";
}

std::vector<std::string> compare(const std::string& stem, int& pairs) {
  const io::Workbook book = io::readXlsx(source("tests/fixtures/sheets/" + stem + ".xlsx"));
  const io::Sheet csv = io::readCsv(source("tests/fixtures/sheets/" + stem + ".csv"));
  const io::Sheet& sheet = book.sheets.at(0);
  EXPECT_EQ(sheet.rowCount(), csv.rowCount()) << stem;
  std::vector<std::string> diffs;
  for (int r = 2; r <= sheet.rowCount() && r <= csv.rowCount(); ++r) {
    ++pairs;
    const std::string& ours = sheet.at(r, 2).text;
    const std::string& lo = csv.at(r, 2).text;
    EXPECT_EQ(sheet.at(r, 1).text, csv.at(r, 1).text) << "row " << r;
    if (ours != lo)
      diffs.push_back(row(sheet.at(r, 1).text,
                          (stem == "numfmt_oracle" ? "" : "1904: ") + sheet.at(r, 3).text, lo, ours));
  }
  return diffs;
}

}  // namespace

TEST(NumfmtOracle, AsShownMatchesLibreOfficeExceptDocumentedDifferences) {
  int pairs = 0;
  std::vector<std::string> diffs = compare("numfmt_oracle", pairs);
  for (auto& d : compare("numfmt_oracle_1904", pairs)) diffs.push_back(d);
  EXPECT_GE(pairs, 2000);
  const std::set<std::string> documented = documentedDifferences();
  std::set<std::string> seen;
  std::ostringstream undocumented;
  for (const auto& d : diffs) {
    seen.insert(d);
    if (documented.count(d) == 0) undocumented << d << '\n';
  }
  EXPECT_TRUE(undocumented.str().empty()) << "differences from LibreOffice not listed in docs/xlsx.md:\n"
                                          << undocumented.str();
  for (const auto& d : documented)
    EXPECT_EQ(seen.count(d), 1u) << "listed in docs/xlsx.md but no longer differs: " << d;
  std::printf("%d pairs compared, %zu differ (all listed in docs/xlsx.md)\n", pairs, diffs.size());
}
