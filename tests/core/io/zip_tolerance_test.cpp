// Issue 22: zip reading as tolerant as unzip and Excel, and no stricter; a
// duplicated entry is refused with a located message of our own (fixtures:
// tests/fixtures/sheets/make_fixtures.py zip; unzip -t and openpyxl open the first two).
#include <gtest/gtest.h>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/io/sheet.hpp"
#include "bangfu/util/atomic_file.hpp"

using namespace bangfu;

namespace {

std::string fixture(const std::string& name) {
  return std::string(BANGFU_SOURCE_DIR) + "/tests/fixtures/sheets/" + name;
}

}  // namespace

TEST(ZipTolerance, PaddingAfterTheEndRecordIsAccepted) {
  // 911 zero bytes after the end of central directory, as a real upload template had.
  const io::Workbook book = io::readXlsx(fixture("padded_zip.xlsx"));
  ASSERT_EQ(book.sheets.size(), 1u);
  EXPECT_EQ(book.sheets[0].name, "上传模板");
  EXPECT_EQ(book.sheets[0].at(2, 2).text, "市人力社保局");
}

TEST(ZipTolerance, DataDescriptorWithoutSignatureIsAccepted) {
  const io::Workbook book = io::readXlsx(fixture("descriptor_no_signature.xlsx"));
  ASSERT_EQ(book.sheets.size(), 1u);
  EXPECT_EQ(book.sheets[0].at(2, 3).text, "2");
}

TEST(ZipTolerance, DuplicateEntryIsRefusedWithItsName) {
  try {
    io::readXlsx(fixture("duplicate_entry.xlsx"));
    ADD_FAILURE() << "a zip with two sheet1.xml was read";
  } catch (const diag::InputError& e) {
    const diag::Diagnostic& d = e.diagnostic();
    EXPECT_EQ(d.code, "xlsx.duplicate-part");
    EXPECT_EQ(d.where.file, fixture("duplicate_entry.xlsx"));
    EXPECT_EQ(d.where.field, "xl/worksheets/sheet1.xml");
    EXPECT_EQ(d.message.find("Assertion"), std::string::npos) << d.message;
    EXPECT_EQ(d.messageEn.find("ZipArchive"), std::string::npos) << d.messageEn;
    EXPECT_FALSE(d.suggestion.empty());
  }
}

TEST(ZipTolerance, CorruptDataIsALocatedBadZip) {
  // Bytes flipped inside the sheet's compressed data: inflate or the CRC check
  // fails, and the message names the part.
  const std::string bytes = util::readFile(fixture("padded_zip.xlsx"));
  const std::string part = "xl/worksheets/sheet1.xml";
  const std::size_t data = bytes.find(part) + part.size();  // the local header's name, then the data
  ASSERT_NE(bytes.find(part), std::string::npos);
  for (std::size_t at = data + 8; at < data + 200; at += 23) {
    std::string broken = bytes;
    broken[at] = static_cast<char>(broken[at] ^ 0x5A);
    try {
      io::readXlsxBytes(broken, "broken.xlsx");
      ADD_FAILURE() << "flipped byte " << at << " was not noticed";
    } catch (const diag::InputError& e) {
      EXPECT_EQ(e.diagnostic().code, "xlsx.bad-zip") << at;
      EXPECT_EQ(e.diagnostic().where.field, part);
    }
  }
}
