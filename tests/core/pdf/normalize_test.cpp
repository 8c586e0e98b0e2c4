// normalizePdf: LibreOffice's per-run fields rewritten at the same length.
#include "pdf/normalize.hpp"

#include <gtest/gtest.h>

#include <string>

using bangfu::pdf::detail::normalizePdf;

namespace {

/// The trailer LibreOffice 7.4 writes (copied from a real export), with the
/// run-dependent fields as parameters.
std::string pdfWith(const std::string& date, const std::string& id, const std::string& sum) {
  return "%PDF-1.6\n33 0 obj\n<</Creator<FEFF005700720069007400650072>\n/CreationDate(D:" + date +
         ")>>\nendobj\nxref\n0 34\ntrailer\n<</Size 34/Root 32 0 R\n/Info 33 0 R\n/ID [ <" + id + ">\n<" +
         id + "> ]\n/DocChecksum /" + sum + "\n>>\nstartxref\n30974\n%%EOF\n";
}

TEST(PdfNormalize, TwoRunsOfTheSameDocumentBecomeIdentical) {
  std::string a =
      pdfWith("20261123190848Z'", "EE8B0C52EF07BA825B71A569BEAB6571", "171AD507E3B0DC3043F9F152C0234901");
  std::string b =
      pdfWith("20261123190945Z'", "0A1B2C3D4E5F60718293A4B5C6D7E8F9", "FFEEDDCCBBAA99887766554433221100");
  const auto sizeA = a.size();
  EXPECT_EQ(normalizePdf(a, 1559174400), 4);  // date, two IDs, checksum
  normalizePdf(b, 1559174400);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.size(), sizeA) << "xref offsets depend on the length";
  EXPECT_NE(a.find("/CreationDate(D:20190530000000Z')"), std::string::npos) << a;
  EXPECT_EQ(a.find("EE8B0C52"), std::string::npos);
}

TEST(PdfNormalize, IdFollowsTheContent) {
  std::string a =
      pdfWith("20261123190848Z'", "EE8B0C52EF07BA825B71A569BEAB6571", "171AD507E3B0DC3043F9F152C0234901");
  std::string b = a;
  b.replace(b.find("FEFF0057"), 8, "FEFF0058");  // a different Creator
  normalizePdf(a, 0);
  normalizePdf(b, 0);
  const auto idA = a.substr(a.find("/ID [ <") + 7, 32);
  const auto idB = b.substr(b.find("/ID [ <") + 7, 32);
  EXPECT_NE(idA, idB);
  EXPECT_NE(idA, std::string(32, '0'));
}

TEST(PdfNormalize, LocalZoneOffsetBecomesZeroAtTheSameLength) {
  std::string a = pdfWith("20261123190848+08'00'", "AB", "CD");
  std::string b = pdfWith("20261123190848-05'30'", "AB", "CD");
  normalizePdf(a, 946684800);
  normalizePdf(b, 946684800);
  EXPECT_NE(a.find("/CreationDate(D:20000101000000+00'00')"), std::string::npos) << a;
  EXPECT_EQ(a, b);
}

TEST(PdfNormalize, LeavesAPdfWithoutThoseFieldsAlone) {
  std::string plain = "%PDF-1.4\n1 0 obj <</Type/Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n";
  const std::string before = plain;
  EXPECT_EQ(normalizePdf(plain, 0), 0);
  EXPECT_EQ(plain, before);
}

}  // namespace
