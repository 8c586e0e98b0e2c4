// readCsvBytes checks a large input's encoding and control characters on a second
// thread while it parses the records (io::detail::CsvChecks::Parallel). Random
// CSV texts (quoted fields with commas, quotes and line breaks, hanzi, control
// characters, C1 sequences, GB18030 bytes, broken UTF-8, unclosed quotes, a BOM)
// must read the same both ways: the same cells, lines and encoding, or the same
// error at the same place.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

#include "io/io_detail.hpp"

namespace {

using bangfu::io::ReadLimits;
using bangfu::io::Sheet;
using bangfu::io::detail::CsvChecks;

struct Outcome {
  bool ok = false;
  Sheet sheet;
  std::string code, message;
  int line = 0, column = 0;
};

Outcome read(const std::string& bytes, CsvChecks how, const ReadLimits& limits) {
  Outcome o;
  try {
    o.sheet = bangfu::io::detail::readCsvBytes(bytes, "t.csv", limits, how);
    o.ok = true;
  } catch (const bangfu::diag::InputError& e) {
    o.code = e.diagnostic().code;
    o.message = e.diagnostic().message;
    o.line = e.diagnostic().where.row;
    o.column = e.diagnostic().where.column;
  }
  return o;
}

void expectSame(const Outcome& serial, const Outcome& parallel, const std::string& bytes) {
  SCOPED_TRACE(bytes.size() < 400 ? bytes : bytes.substr(0, 400) + "…");
  ASSERT_EQ(serial.ok, parallel.ok) << serial.code << " / " << parallel.code;
  if (!serial.ok) {
    EXPECT_EQ(serial.code, parallel.code);
    EXPECT_EQ(serial.message, parallel.message);
    EXPECT_EQ(serial.line, parallel.line);
    EXPECT_EQ(serial.column, parallel.column);
    return;
  }
  EXPECT_EQ(serial.sheet.encoding, parallel.sheet.encoding);
  EXPECT_EQ(serial.sheet.lines, parallel.sheet.lines);
  EXPECT_EQ(serial.sheet.widths, parallel.sheet.widths);
  ASSERT_EQ(serial.sheet.rows.size(), parallel.sheet.rows.size());
  for (std::size_t r = 0; r < serial.sheet.rows.size(); ++r) {
    ASSERT_EQ(serial.sheet.rows[r].size(), parallel.sheet.rows[r].size()) << "row " << r;
    for (std::size_t c = 0; c < serial.sheet.rows[r].size(); ++c) {
      const auto& a = serial.sheet.rows[r][c];
      const auto& b = parallel.sheet.rows[r][c];
      EXPECT_EQ(a.type, b.type) << r << "," << c;
      EXPECT_EQ(a.text, b.text) << r << "," << c;
      EXPECT_EQ(a.number, b.number) << r << "," << c;
    }
  }
}

/// A random CSV text: mostly well-formed UTF-8 records, with now and then one of
/// the things the checks are for.
/// `gb`: the hanzi pieces in GB18030 bytes, as Chinese Excel and WPS save a CSV.
std::string randomCsv(std::mt19937& rng, int records, int oddities, bool gb = false) {
  static const char* const kUtf8Pieces[] = {
      "莲都区",     "结对村：渝秀镇头杨村、嘉云镇仑林村",
      "台州市团委", "12",
      "-3.5",       "0012",
      "a b",        " ",
      "（2个）",    "\"\"",
      ",",          "\n",
      "\r\n",       "\t",
      "x",
  };
  static const char* const kGbPieces[] = {
      "\xC1\xAB\xB6\xBC\xC7\xF8",
      ("\xBD\xE1\xB6\xD4\xB4\xE5\xA3\xBA\xD3\xE5\xD0\xE3\xD5\xF2\xCD\xB7\xD1\xEE\xB4\xE5\xA1\xA2\xBC\xCE"
       "\xD4\xC6\xD5\xF2\xC2\xD8\xC1\xD6\xB4\xE5"),  // one piece, split for the line's length
      "\xCC\xA8\xD6\xDD\xCA\xD0\xCD\xC5\xCE\xAF",
      "12",
      "-3.5",
      "0012",
      "a b",
      " ",
      "\xA3\xA8\x32\xB8\xF6\xA3\xA9",
      "\"\"",
      ",",
      "\n",
      "\r\n",
      "\t",
      "x",
  };
  const char* const* kPieces = gb ? kGbPieces : kUtf8Pieces;
  static_assert(std::size(kUtf8Pieces) == std::size(kGbPieces));
  static const char* const kOdd[] = {
      "\x01",         "\x7F",         "\xC2\x85",
      "\xC2\x9F",     "\xC2\xA0",                          // C0, DEL, C1, C1, NBSP (allowed)
      "\xB9\xA4",     "\xD7\xF7",     "\x81\x30\x81\x30",  // GB18030 工, 作, a four-byte form
      "\xED\xA0\x80", "\xE0\x80\xAF", "\xF4\x90\x80\x80",
      "\xFF",         "\xE6\x9D",  // broken UTF-8
      "\"",                        // a stray or unclosed quote
  };
  std::uniform_int_distribution<int> fieldCount(1, 5), pieceCount(0, 4);
  std::uniform_int_distribution<std::size_t> piece(0, std::size(kUtf8Pieces) - 1),
      odd(0, std::size(kOdd) - 1);
  std::uniform_int_distribution<int> percent(0, 99);
  std::string out;
  if (!gb && percent(rng) < 10) out += "\xEF\xBB\xBF";
  const int oddAt = records > 0 ? static_cast<int>(rng() % static_cast<unsigned>(records)) : 0;
  for (int r = 0; r < records; ++r) {
    const int fields = fieldCount(rng);
    for (int f = 0; f < fields; ++f) {
      if (f) out += ',';
      const bool quoted = percent(rng) < 40;
      std::string text;
      for (int k = pieceCount(rng); k > 0; --k) {
        std::string p = kPieces[piece(rng)];
        if (!quoted && (p == "," || p == "\n" || p == "\r\n" || p == "\"\"")) p = "y";
        text += p;
      }
      if (oddities > 0 && (r == oddAt || percent(rng) < 2)) {
        text += kOdd[odd(rng)];
        --oddities;
      }
      if (quoted) {
        std::string q;
        for (char ch : text) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        out += "\"" + q + "\"";
      } else {
        out += text;
      }
    }
    out += percent(rng) < 20 ? "\r\n" : "\n";
  }
  if (percent(rng) < 12) out += "\"an unclosed field,\n";
  return out;
}

TEST(CsvParallelChecks, ReadsWhatTheSerialPathReads) {
  std::mt19937 rng(20261203);
  ReadLimits limits;
  std::map<std::string, int> seen;  // what the rounds covered: each outcome some times
  for (int round = 0; round < 600; ++round) {
    const int records = 1 + static_cast<int>(rng() % 60);
    const int oddities = static_cast<int>(rng() % 3);
    const std::string bytes = randomCsv(rng, records, oddities, round % 3 == 0);
    const Outcome serial = read(bytes, CsvChecks::Serial, limits);
    expectSame(serial, read(bytes, CsvChecks::Parallel, limits), bytes);
    ++seen[serial.ok ? serial.sheet.encoding : serial.code];
  }
  for (const char* outcome :
       {"UTF-8", "GB18030", "csv.bad-encoding", "io.control-char", "csv.unclosed-quote"})
    EXPECT_GE(seen[outcome], 10) << outcome;
}

TEST(CsvParallelChecks, LimitsAndLateProblemsInLargeInputs) {
  // Inputs past the 256 KiB threshold of CsvChecks::Auto, with the problem near the
  // end (after the parse has run far) or near the start (the parse is abandoned).
  std::mt19937 rng(7);
  std::string body = randomCsv(rng, 8000, 0);
  const std::string tails[] = {"", "a,\x01\n", "\"unclosed\n", "\xB9\xA4,x\n", "\xFF\n", "b,\xC2\x85\n"};
  for (const std::string& tail : tails) {
    for (const bool atStart : {false, true}) {
      const std::string bytes = atStart ? tail + body : body + tail;
      ReadLimits limits;
      expectSame(read(bytes, CsvChecks::Serial, limits), read(bytes, CsvChecks::Auto, limits), bytes);
      limits.maxCells = 500;  // a limit met during the parse, before or after the check's answer
      expectSame(read(bytes, CsvChecks::Serial, limits), read(bytes, CsvChecks::Parallel, limits), bytes);
    }
  }
  const Outcome plain = read(body, CsvChecks::Auto, {});
  ASSERT_TRUE(plain.ok);
  EXPECT_EQ(plain.sheet.encoding, "UTF-8");
  EXPECT_GT(body.size(), 256u << 10);
}

}  // namespace
