// The scheme JSON format: every example reads without form errors and writes back
// canonically; form problems are located by JSON path.
#include <gtest/gtest.h>

#include <filesystem>

#include "bangfu/io/scheme_io.hpp"
#include "bangfu/util/atomic_file.hpp"

using namespace bangfu;

namespace {

std::vector<std::string> examples() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(std::string(BANGFU_SOURCE_DIR) + "/examples")) {
    if (std::filesystem::exists(e.path() / "scheme.json")) out.push_back((e.path() / "scheme.json").string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

const diag::Diagnostic* find(const diag::Diagnostics& d, const std::string& code) {
  for (const auto& x : d.items())
    if (x.code == code) return &x;
  return nullptr;
}

}  // namespace

TEST(SchemeJson, ExamplesReadCleanAndRoundTrip) {
  const auto files = examples();
  ASSERT_GE(files.size(), 5u);
  for (const auto& f : files) {
    SCOPED_TRACE(f);
    diag::Diagnostics d;
    const model::Scheme s = io::loadSchemeJson(f, d);
    EXPECT_TRUE(d.empty()) << (d.empty() ? "" : d.items().front().format());
    EXPECT_FALSE(s.name.empty());
    const std::string json = io::schemeToJson(s);
    diag::Diagnostics d2;
    const model::Scheme back = io::parseSchemeJson(json, "canonical.json", d2);
    EXPECT_TRUE(d2.empty());
    EXPECT_TRUE(back == s);
    // Canonical: writing the re-read scheme gives the same bytes.
    EXPECT_EQ(io::schemeToJson(back), json);
    // The compact form (hashed by the batch build) is the same content on one line.
    const std::string compact = io::schemeToCompactJson(s);
    EXPECT_EQ(compact.find('\n'), std::string::npos);
    diag::Diagnostics d3;
    EXPECT_TRUE(io::parseSchemeJson(compact, "compact.json", d3) == s);
    EXPECT_TRUE(d3.empty());
  }
}

TEST(SchemeJson, OutputIsReadableUtf8WithTwoSpaceIndent) {
  model::Scheme s;
  s.plugin = "lishui";
  s.name = "t";
  s.units.push_back({"市人防办", "市人防办", "", {}, {}});
  s.units.push_back({"u2", "市\"引号\"局", "机关", {"instructor-sender"}, {}});
  const std::string json = io::schemeToJson(s);
  EXPECT_NE(json.find("\n  \"plugin\": \"lishui\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"市人防办\""), std::string::npos);  // no \u escapes
  EXPECT_EQ(json.find("\\u"), std::string::npos);
  EXPECT_NE(json.find("市\\\"引号\\\"局"), std::string::npos);
  EXPECT_LT(json.find("\"bangfu\""), json.find("\"plugin\""));
  EXPECT_LT(json.find("\"notice\""), json.find("\"units\""));
}

TEST(SchemeJson, ShorthandsParse) {
  diag::Diagnostics d;
  const model::Scheme s = io::parseSchemeJson(R"({"bangfu": 1, "units": ["市人防办"],
    "teams": [{"id": "t", "leader": "市自然资源和规划局（2个）",
               "members": ["（市文联、市社科联）", {"units": ["市侨联", "市红十字会"], "multiplicity": 1}]}]})",
                                              "s.json", d);
  EXPECT_TRUE(d.empty());
  ASSERT_EQ(s.units.size(), 1u);
  EXPECT_EQ(s.units[0].name, "市人防办");
  ASSERT_EQ(s.teams.size(), 1u);
  EXPECT_EQ(s.teams[0].leader->multiplicity, 2);
  EXPECT_EQ(s.teams[0].members[0].units.size(), 2u);
  EXPECT_EQ(s.teams[0].members[1].where.field, "teams[0].members[1]");
  EXPECT_EQ(s.teams[0].computedGroups(), 4);
}

TEST(SchemeJson, UnknownFieldWarnsWithNearName) {
  diag::Diagnostics d;
  io::parseSchemeJson(R"({"bangfu": 1, "teams": [{"id": "t", "statedGroup": 3}]})", "s.json", d);
  const auto* w = find(d, "json.unknown-field");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->severity, diag::Severity::Warning);
  EXPECT_EQ(w->where.field, "teams[0].statedGroup");
  EXPECT_NE(w->suggestion.find("statedGroups"), std::string::npos);
  EXPECT_FALSE(d.hasErrors());
}

TEST(SchemeJson, WrongTypesAreLocatedErrors) {
  diag::Diagnostics d;
  const model::Scheme s = io::parseSchemeJson(
      R"({"bangfu": 1, "fictional": "yes", "areas": [{"id": "a", "level": "contry"}],
          "teams": [{"id": "t", "members": ["a", 5], "statedGroups": "16"}],
          "stated": [{"key": "total.groups", "value": 1.5}], "units": 3})",
      "s.json", d);
  std::vector<std::string> fields;
  for (const auto& x : d.items())
    if (x.severity == diag::Severity::Error) fields.push_back(x.code + " " + x.where.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"json.type fictional", "json.bad-value areas[0].level",
                                      "json.type units", "json.type teams[0].members[1]",
                                      "json.type teams[0].statedGroups", "json.type stated[0].value"}));
  EXPECT_EQ(s.teams.at(0).members.size(), 1u);
  EXPECT_EQ(d.items()[1].suggestion.find("county") != std::string::npos, true);
}

TEST(SchemeJson, MissingVersionIsAnError) {
  diag::Diagnostics d;
  io::parseSchemeJson("{}", "s.json", d);
  ASSERT_NE(find(d, "json.missing-field"), nullptr);
  EXPECT_EQ(find(d, "json.missing-field")->where.field, "bangfu");
}

TEST(SchemeJson, SyntaxErrorIsAnInputError) {
  diag::Diagnostics d;
  for (const char* bad :
       {"{\"bangfu\": 1,", "[1, 2", "{\"a\" 1}", "", "\xff", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}) {
    try {
      io::parseSchemeJson(bad, "bad.json", d);
      ADD_FAILURE() << "parsed: " << bad;
    } catch (const diag::InputError& e) {
      const auto& code = e.diagnostic().code;
      EXPECT_TRUE(code == "json.syntax" || code == "json.bad-encoding" || code == "json.type") << code;
      EXPECT_EQ(e.diagnostic().where.file, "bad.json");
    }
  }
}

TEST(SchemeJson, LoadSchemeDispatchesOnExtension) {
  diag::Diagnostics d;
  try {
    io::loadScheme("scheme.txt", d);
    ADD_FAILURE();
  } catch (const diag::InputError& e) {
    EXPECT_EQ(e.diagnostic().code, "io.unknown-format");
  }
  const model::Scheme s =
      io::loadScheme(std::string(BANGFU_SOURCE_DIR) + "/examples/lishui-2019/scheme.json", d);
  EXPECT_EQ(s.plugin, "lishui");
}

TEST(SchemeJson, SyntaxErrorHasLineAndColumn) {
  diag::Diagnostics d;
  try {
    io::parseSchemeJson("{\n  \"bangfu\": 1,\n  \"name\": \"x\"\n  \"plugin\": \"y\"\n}\n", "bad.json", d);
    ADD_FAILURE();
  } catch (const diag::InputError& e) {
    EXPECT_EQ(e.diagnostic().code, "json.syntax");
    EXPECT_EQ(e.diagnostic().where.row, 4);  // the missing comma is noticed at "plugin"
    EXPECT_EQ(e.diagnostic().where.column, 3);
  }
  try {
    io::parseSchemeJson("{\"units\": [\"甲\", \"乙\"", "cut.json", d);
    ADD_FAILURE();
  } catch (const diag::InputError& e) {
    EXPECT_EQ(e.diagnostic().where.row, 1);
    EXPECT_EQ(e.diagnostic().where.column, 20);  // the end, counted in characters
  }
}
