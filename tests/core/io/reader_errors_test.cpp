// Readers turn only the exceptions they expect into a located InputError and let
// every other one escape, where the fuzz targets (which catch InputError only) and
// the CLI's internal-error path see it. The io::detail fault hook throws at the
// places inside the readers' try blocks where a library call may throw.
#include <Poco/Exception.h>
#include <Poco/JSON/JSONException.h>
#include <Poco/Zip/ZipException.h>
#include <gtest/gtest.h>

#include <functional>
#include <ios>
#include <stdexcept>
#include <string>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/io/scheme_io.hpp"
#include "bangfu/io/sheet.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "io/io_detail.hpp"

using namespace bangfu;

namespace {

std::string faultSite;
std::function<void()> faultThrow;

void atSite(const char* site) {
  if (faultSite == site) faultThrow();
}

/// Sets the hook for one test and clears it after, whatever happens.
class ReaderErrors : public ::testing::Test {
 protected:
  static void inject(const std::string& site, std::function<void()> thrower) {
    faultSite = site;
    faultThrow = std::move(thrower);
    io::detail::setFaultHookForTesting(atSite);
  }
  void TearDown() override {
    io::detail::setFaultHookForTesting(nullptr);
    faultSite.clear();
  }

  static std::string xlsx() {
    return util::readFile(std::string(BANGFU_SOURCE_DIR) + "/tests/fixtures/io/openpyxl_types.xlsx");
  }
  static std::string json() {
    return util::readFile(std::string(BANGFU_SOURCE_DIR) + "/tests/fuzz/corpus/json/lishui_small.json");
  }
  static void readJson() {
    diag::Diagnostics d;
    io::parseSchemeJson(json(), "s.json", d);
  }
};

void throwLogicError() { throw std::logic_error("a bug, not bad input"); }

}  // namespace

TEST_F(ReaderErrors, WithoutAFaultTheInputsRead) {
  EXPECT_NO_THROW(io::readXlsxBytes(xlsx(), "t.xlsx"));
  EXPECT_NO_THROW(readJson());
  EXPECT_NO_THROW(io::readCsvBytes("a,b\n1,2\n", "t.csv"));
}

TEST_F(ReaderErrors, ALogicErrorEscapesEveryReader) {
  for (const char* site : {"xlsx.zip", "xlsx.inflate"}) {
    inject(site, throwLogicError);
    EXPECT_THROW(io::readXlsxBytes(xlsx(), "t.xlsx"), std::logic_error) << site;
  }
  for (const char* site : {"json.parse", "json.read"}) {
    inject(site, throwLogicError);
    EXPECT_THROW(readJson(), std::logic_error) << site;
  }
  inject("csv.parse", throwLogicError);
  EXPECT_THROW(io::readCsvBytes("a,b\n", "t.csv"), std::logic_error);
}

TEST_F(ReaderErrors, OtherLibraryExceptionsEscapeToo) {
  // Not what these libraries report bad input with: bugs (ours or theirs).
  inject("xlsx.zip", [] { throw std::out_of_range("index"); });
  EXPECT_THROW(io::readXlsxBytes(xlsx(), "t.xlsx"), std::out_of_range);
  inject("json.read", [] { throw Poco::BadCastException("extract"); });
  EXPECT_THROW(readJson(), Poco::BadCastException);
  inject("json.parse", [] { throw std::runtime_error("not Poco's"); });
  EXPECT_THROW(readJson(), std::runtime_error);
}

TEST_F(ReaderErrors, TheExpectedOnesBecomeALocatedInputError) {
  auto caught = [](const std::function<void()>& f) {
    try {
      f();
    } catch (const diag::InputError& e) {
      return e.diagnostic();
    }
    ADD_FAILURE() << "no InputError";
    return diag::Diagnostic{};
  };
  // The XLSX container is libzip's, which reports a broken zip by return codes, not
  // exceptions: those become xlsx.bad-zip (tests/core/io/zip_tolerance_test.cpp), and
  // whatever is thrown at "xlsx.zip" or "xlsx.inflate" escapes (above), Poco's zip
  // exceptions included.
  inject("xlsx.zip", [] { throw Poco::Zip::ZipException("bad central directory"); });
  EXPECT_THROW(io::readXlsxBytes(xlsx(), "t.xlsx"), Poco::Zip::ZipException);
  inject("xlsx.inflate", [] { throw std::ios_base::failure("badbit"); });
  EXPECT_THROW(io::readXlsxBytes(xlsx(), "t.xlsx"), std::ios_base::failure);
  inject("json.parse", [] { throw Poco::JSON::JSONException("unexpected token"); });
  auto d = caught(readJson);
  EXPECT_EQ(d.code, "json.syntax");
  EXPECT_EQ(d.where.file, "s.json");
}
