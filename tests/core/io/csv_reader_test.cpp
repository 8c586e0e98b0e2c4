// The CSV reader: UTF-8 (BOM or not), GB18030/GBK made by iconv, RFC 4180 quoting.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/io/sheet.hpp"
#include "measures_memory.hpp"

using namespace bangfu;
using Type = io::SheetCell::Type;

namespace {

std::string fixture(const std::string& name) {
  return std::string(BANGFU_SOURCE_DIR) + "/tests/fixtures/io/" + name;
}

template <class F>
diag::Diagnostic inputError(F&& f) {
  try {
    f();
  } catch (const diag::InputError& e) {
    return e.diagnostic();
  }
  ADD_FAILURE() << "no InputError";
  return {};
}

using bangfu::test::kMeasuresMemory;

/// What a reader did in a forked child: the InputError's code ("" when none), and
/// how far the child's peak resident set (getrusage ru_maxrss) grew while it ran,
/// beyond what `prepare` had already made resident.
struct ChildRead {
  std::string code;
  long peakGrowthKiB = -1;
};

template <class Prepare, class Read>
ChildRead readInChild(Prepare&& prepare, Read&& read) {
  int fds[2];
  if (::pipe(fds) != 0) return {};
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    auto input = prepare();
    rusage before{};
    ::getrusage(RUSAGE_SELF, &before);
    std::string code = "none";
    try {
      read(input);
    } catch (const diag::InputError& e) {
      code = e.diagnostic().code;
    }
    rusage after{};
    ::getrusage(RUSAGE_SELF, &after);
    const std::string report = std::to_string(after.ru_maxrss - before.ru_maxrss) + " " + code;
    const auto wrote = ::write(fds[1], report.data(), report.size());
    ::_exit(wrote == static_cast<ssize_t>(report.size()) ? 0 : 1);
  }
  ::close(fds[1]);
  std::string report;
  char buf[256];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) report.append(buf, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ChildRead r;
  std::istringstream in(report);
  if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0 && in >> r.peakGrowthKiB >> r.code)) {
    ADD_FAILURE() << "child failed: status " << status << ", report '" << report << "'";
  }
  return r;
}

/// The rows every encoding of the sample must give (make_fixtures.py csv_fixtures).
void expectSample(const io::Sheet& s) {
  ASSERT_EQ(s.rowCount(), 5);  // the blank line is no record
  EXPECT_EQ(s.columnCount(), 4);
  EXPECT_EQ(s.at(1, 1).text, "县（市、区）");
  EXPECT_EQ(s.at(2, 2).text, "四川省甘孜州理塘县");
  EXPECT_EQ(s.at(2, 3).text, "含\"引号\"");
  EXPECT_EQ(s.at(4, 1).text, "青田县");
  EXPECT_EQ(s.at(4, 3).type, Type::Empty);  // padded
  EXPECT_EQ(s.at(5, 4).text, "多余");
  EXPECT_EQ(s.widths, (std::vector<int>{3, 3, 3, 2, 4}));
  // The quoted newline keeps record 3 on one row; record 4 starts two lines later.
  EXPECT_EQ(s.lines, (std::vector<int>{1, 2, 3, 5, 7}));
}

}  // namespace

TEST(CsvReader, Utf8) {
  const io::Sheet s = io::readCsv(fixture("utf8.csv"));
  EXPECT_EQ(s.encoding, "UTF-8");
  expectSample(s);
  EXPECT_EQ(s.at(3, 3).text, "第一行\n第二行");
}

TEST(CsvReader, Utf8BomCrlf) {
  const io::Sheet s = io::readCsv(fixture("utf8_bom_crlf.csv"));
  EXPECT_EQ(s.encoding, "UTF-8");
  expectSample(s);
  EXPECT_EQ(s.at(1, 1).text, "县（市、区）");      // no BOM in the first cell
  EXPECT_EQ(s.at(3, 3).text, "第一行\r\n第二行");  // a quoted line break is kept as written
}

TEST(CsvReader, Gb18030AndGbk) {
  for (const char* name : {"gb18030.csv", "gbk.csv"}) {
    SCOPED_TRACE(name);
    const io::Sheet s = io::readCsv(fixture(name));
    EXPECT_EQ(s.encoding, "GB18030");
    expectSample(s);
  }
}

TEST(CsvReader, Gb18030FourByteSequence) {
  const io::Sheet s = io::readCsv(fixture("gb18030_4byte.csv"));
  EXPECT_EQ(s.encoding, "GB18030");
  EXPECT_EQ(s.at(2, 1).text, "\U00020000王");
}

TEST(CsvReader, NumbersAreTypedButKeepTheirText) {
  const io::Sheet s = io::readCsvBytes("a,16,0012,3.50,-2,1e3\n", "n.csv");
  EXPECT_EQ(s.at(1, 1).type, Type::String);
  EXPECT_EQ(s.at(1, 2).type, Type::Number);
  EXPECT_EQ(s.at(1, 2).number, 16);
  EXPECT_EQ(s.at(1, 3).type, Type::String);
  EXPECT_EQ(s.at(1, 4).text, "3.50");
  EXPECT_EQ(s.at(1, 5).number, -2);
  EXPECT_EQ(s.at(1, 6).type, Type::String);
}

TEST(CsvReader, UndecodableNamesLineAndColumn) {
  const auto d = inputError([] { io::readCsv(fixture("undecodable.csv")); });
  EXPECT_EQ(d.code, "csv.bad-encoding");
  EXPECT_EQ(d.where.row, 2);
  EXPECT_EQ(d.where.column, 4);
  EXPECT_FALSE(d.suggestion.empty());
}

TEST(CsvReader, BomWithInvalidUtf8IsNotGuessedAsGb) {
  const auto d = inputError([] {
    io::readCsvBytes(
        "\xEF\xBB\xBF"
        "ab\n\xC4\xE3\n",
        "x.csv");
  });
  EXPECT_EQ(d.code, "csv.bad-encoding");
  EXPECT_EQ(d.where.row, 2);
  EXPECT_EQ(d.where.column, 1);
}

TEST(CsvReader, UnclosedQuoteAtItsStart) {
  const auto d = inputError([] { io::readCsv(fixture("unclosed_quote.csv")); });
  EXPECT_EQ(d.code, "csv.unclosed-quote");
  EXPECT_EQ(d.where.row, 2);
  EXPECT_EQ(d.where.column, 3);
}

TEST(CsvReader, FieldOverTheLimit) {
  io::ReadLimits limits;
  limits.maxCellChars = 10;
  const auto d = inputError([&] { io::readCsvBytes("a,b\nx,一二三四五六七八九十一\n", "l.csv", limits); });
  EXPECT_EQ(d.code, "csv.cell-too-long");
  EXPECT_EQ(d.where.row, 2);
  EXPECT_EQ(d.where.column, 3);
}

TEST(CsvReader, TooManyCells) {
  io::ReadLimits limits;
  limits.maxCells = 6;
  const auto d = inputError([&] { io::readCsvBytes("a,b,c\n1,2,3\n4,5,6\n", "m.csv", limits); });
  EXPECT_EQ(d.code, "csv.too-many-cells");
  EXPECT_EQ(d.where.row, 3);
}

TEST(CsvReader, EmptyAndEdgeInputs) {
  EXPECT_EQ(io::readCsvBytes("", "e.csv").rowCount(), 0);
  EXPECT_EQ(io::readCsvBytes("\xEF\xBB\xBF", "e.csv").rowCount(), 0);
  const io::Sheet s = io::readCsvBytes("\"\"\r\na,\"b\"\"\",\r", "q.csv");
  ASSERT_EQ(s.rowCount(), 2);
  EXPECT_EQ(s.at(1, 1).type, Type::Empty);
  EXPECT_EQ(s.at(2, 2).text, "b\"");
  EXPECT_EQ(s.widths[1], 3);
}

TEST(CsvReader, QuotesOutsideTheRulesAreKeptAsText) {
  // Excel's own reading: a quote inside an unquoted field, and text after a
  // closing quote, stay as written; CR alone ends a record (classic Mac files).
  const io::Sheet s = io::readCsvBytes("a\"b,\"c\"d,e\r\"x\ny\",2\r\n,\n", "odd.csv");
  ASSERT_EQ(s.rowCount(), 3);
  EXPECT_EQ(s.at(1, 1).text, "a\"b");
  EXPECT_EQ(s.at(1, 2).text, "cd");
  EXPECT_EQ(s.at(1, 3).text, "e");
  EXPECT_EQ(s.at(2, 1).text, "x\ny");
  EXPECT_EQ(s.at(2, 2).type, Type::Number);
  EXPECT_EQ(s.at(2, 2).number, 2);
  EXPECT_EQ(s.at(3, 1).type, Type::Empty);  // "," is a record of two empty fields, not a blank line
  EXPECT_EQ(s.widths, (std::vector<int>{3, 2, 2}));
  EXPECT_EQ(s.lines, (std::vector<int>{1, 2, 4}));  // the quoted LF moves record 3 down a line
}

TEST(CsvReader, HundredMegabytesOfCellsStopAtTheCellCap) {
  // 100 MB of empty cells on one line: under the byte budget (a 200000-row table
  // is about as large), stopped by the cell cap inside the record, in bounded
  // memory: the reader's peak is set by the cap, not by the input's size.
  constexpr std::size_t kInput = 100u << 20;
  const io::ReadLimits limits;
  const auto r = readInChild([&] { return std::string(kInput, ','); },
                             [&](const std::string& big) { io::readCsvBytes(big, "big.csv", limits); });
  EXPECT_EQ(r.code, "csv.too-many-cells");
  // The cap's cells, with room for one vector doubling and the allocator: far
  // below the 100 MB input (a reader that split the line first would pass it).
  const long capKiB = static_cast<long>(limits.maxCells * sizeof(io::SheetCell) * 2 / 1024) + 16 * 1024;
  std::printf("csv cell cap: peak grew %ld KiB reading %zu MiB (bound %ld KiB)\n", r.peakGrowthKiB,
              kInput >> 20, capKiB);
  EXPECT_GE(r.peakGrowthKiB, 0);
  if (kMeasuresMemory) {
    EXPECT_LT(r.peakGrowthKiB, capKiB);
    EXPECT_LT(r.peakGrowthKiB, static_cast<long>(kInput / 1024));
  }

  const auto d = inputError([&] { io::readCsvBytes(std::string(1u << 22, ','), "big.csv"); });
  EXPECT_EQ(d.where.file, "big.csv");
}

TEST(CsvReader, AFileOverTheByteBudgetIsRefusedUpFront) {
  io::ReadLimits limits;
  limits.maxTotalBytes = 1u << 20;
  const std::string big(2u << 20, 'a');
  const auto d = inputError([&] { io::readCsvBytes(big, "big.csv", limits); });
  EXPECT_EQ(d.code, "csv.too-large");
  // Up front: a 1 GiB file (sparse) over the default 256 MiB budget is refused
  // from its size, before any of it is read into memory.
  const std::string path = ::testing::TempDir() + "/bangfu-csv-1gib.csv";
  { std::ofstream f(path, std::ios::binary); }
  ASSERT_EQ(::truncate(path.c_str(), 1L << 30), 0);
  const auto r = readInChild([] { return 0; }, [&](int) { io::readCsv(path); });
  std::remove(path.c_str());
  EXPECT_EQ(r.code, "io.too-large");
  std::printf("csv byte budget: peak grew %ld KiB refusing a 1 GiB file\n", r.peakGrowthKiB);
  EXPECT_GE(r.peakGrowthKiB, 0);
  // Measured 3 MiB (streams, the message): nothing near the file's 1 GiB is held.
  if (kMeasuresMemory) {
    EXPECT_LT(r.peakGrowthKiB, 16 * 1024);
  }
}

TEST(CsvReader, ManyCellsUnderTheByteCapStopAtTheCellCap) {
  // 2 Mi one-character cells in 4 MiB: under the byte cap, over the 1 Mi cell cap.
  std::string many;
  many.reserve(4u << 20);
  for (int r = 0; r < 2048; ++r) {
    for (int c = 0; c < 1023; ++c) many += "1,";
    many += "1\n";
  }
  const auto d = inputError([&] { io::readCsvBytes(many, "many.csv"); });
  EXPECT_EQ(d.code, "csv.too-many-cells");
}
