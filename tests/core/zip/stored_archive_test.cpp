// zip::readEntries, editTail and ZipWriter's pieces: archives written by
// zip::ZipWriter, edited, rebuilt, and read back with libzip (which checks each
// part's CRC-32 as it reads it to the end).
#include "bangfu/zip/stored_archive.hpp"

#include <gtest/gtest.h>
#include <zip.h>

#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>

#include "zip/zip_writer.hpp"

namespace {

using bangfu::zip::ArchiveError;
using bangfu::zip::DeflatedPart;
using bangfu::zip::StoredEntry;
using bangfu::zip::ZipWriter;

/// Sheet-like XML: many rows of CJK text and numbers, so deflate ends many blocks
/// inside it, then the marker and a short end.
std::string sheetLike(std::size_t rows, unsigned seed) {
  static const char* const kWords[] = {"结对村", "帮扶单位", "乡镇",   "工作组",
                                       "、",     "台州市",   "指导员", "县（市、区）"};
  std::mt19937 rng(seed);
  std::string xml = "<worksheet><sheetData>";
  for (std::size_t r = 0; r < rows; ++r) {
    xml += "<row r=\"" + std::to_string(r + 1) + "\"><c t=\"inlineStr\"><is><t>";
    for (int w = 0; w < 6; ++w) xml += kWords[rng() % 8];
    xml += "</t></is></c><c><v>" + std::to_string(rng() % 1000) + "</v></c></row>";
  }
  return xml +
         "</sheetData><pageSetup/><headerFooter><oddFooter>&amp;P</oddFooter></headerFooter></worksheet>";
}

std::string archiveOf(const std::map<std::string, std::string>& parts, const std::string& big,
                      const std::string& bigName) {
  bangfu::zip::ZipWriter z(0);
  for (const auto& [name, bytes] : parts) z.addPart(name, bytes);
  z.addPart(bigName, big);
  z.addPart("z-last.xml", "<last/>");
  return z.finish();
}

struct ZipFree {
  void operator()(zip_t* z) const { zip_discard(z); }
};

/// Every part of `archive` by name, in order, read with libzip; a CRC mismatch fails.
std::vector<std::pair<std::string, std::string>> readAll(std::string& archive) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(archive.data(), archive.size(), 0, &err);
  std::unique_ptr<zip_t, ZipFree> z(zip_open_from_source(src, ZIP_CHECKCONS, &err));
  zip_error_fini(&err);
  EXPECT_TRUE(z) << "libzip refused the archive";
  std::vector<std::pair<std::string, std::string>> parts;
  if (!z) return parts;
  for (zip_int64_t i = 0; i < zip_get_num_entries(z.get(), 0); ++i) {
    zip_stat_t st;
    zip_stat_index(z.get(), static_cast<zip_uint64_t>(i), 0, &st);
    std::string bytes(static_cast<std::size_t>(st.size), '\0');
    zip_file_t* f = zip_fopen_index(z.get(), static_cast<zip_uint64_t>(i), 0);
    EXPECT_NE(f, nullptr);
    if (f == nullptr) continue;
    EXPECT_EQ(zip_fread(f, bytes.data(), st.size), static_cast<zip_int64_t>(st.size)) << st.name;
    char more = 0;
    EXPECT_EQ(zip_fread(f, &more, 1), 0) << st.name << ": CRC or size check failed";
    zip_fclose(f);
    parts.emplace_back(st.name, std::move(bytes));
  }
  return parts;
}

std::string addEven(std::string tail) {
  const auto at = tail.find("</headerFooter>");
  return tail.insert(at, "<evenFooter>&amp;P 偶数页</evenFooter>");
}

/// `archive` with the tail of its part `name` rewritten by addEven, rebuilt
/// with ZipWriter as the XLSX packaging step rebuilds it.
std::string editPartTail(const std::string& archive, const std::string& name) {
  ZipWriter out(0);
  for (const StoredEntry& e : bangfu::zip::readEntries(archive)) {
    std::optional<DeflatedPart> edited;
    if (e.name == name) edited = bangfu::zip::editTail(e, "<headerFooter>", addEven);
    if (edited) {
      out.addDeflatedPart(e.name, edited->deflated, edited->crc, edited->size);
    } else {
      out.addDeflatedPart(e.name, e.data, e.crc, e.size);
    }
  }
  return out.finish();
}

TEST(TailEdit, RewritesTheEndOfALargePartAndCopiesTheBlocksBefore) {
  const std::string big = sheetLike(40000, 1);
  ASSERT_GT(big.size(), 3u << 20);
  std::string original = archiveOf({{"a.xml", "<a/>"}}, big, "xl/sheet1.xml");
  std::string edited = editPartTail(original, "xl/sheet1.xml");

  const auto parts = readAll(edited);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].first, "a.xml");
  EXPECT_EQ(parts[0].second, "<a/>");
  EXPECT_EQ(parts[1].first, "xl/sheet1.xml");
  EXPECT_EQ(parts[1].second, addEven(big));
  EXPECT_EQ(parts[2].first, "z-last.xml");
  EXPECT_EQ(parts[2].second, "<last/>");
  // The compressed part is the old one but for its last blocks: from its local
  // header's end (no extra field), the two archives agree on all but a few KiB.
  // A second deflate of the whole part would differ early: ZipWriter's
  // sync-flushed chunks are not what one zlib stream makes.
  const std::size_t dataAt = original.find("xl/sheet1.xml") + std::string("xl/sheet1.xml").size();
  ASSERT_EQ(edited.find("xl/sheet1.xml") + std::string("xl/sheet1.xml").size(), dataAt);
  std::size_t same = dataAt;
  while (same < original.size() && original[same] == edited[same]) ++same;
  EXPECT_GT(same, original.size() - (64u << 10)) << "of " << original.size();
  EXPECT_LT(edited.size(), original.size() + (64u << 10));
}

TEST(TailEdit, AnyMarkerPlaceGivesTheSameText) {
  // The marker at many places, so it falls before, after and across block ends.
  const std::string body = sheetLike(3000, 2);
  const std::string marker = "<headerFooter>";
  const std::size_t markerAt = body.find(marker);
  const std::string head = body.substr(0, markerAt);
  for (std::size_t cut = 0; cut < head.size(); cut += 4099) {
    std::string text = head.substr(0, cut) + body.substr(markerAt) + head.substr(cut);
    std::string archive = archiveOf({}, text, "xl/sheet1.xml");
    std::string edited = editPartTail(archive, "xl/sheet1.xml");
    const auto parts = readAll(edited);
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[0].second, addEven(text)) << "marker at " << cut;
  }
}

TEST(TailEdit, PartsWithoutTheMarkerOrAbsentAreLeftAlone) {
  std::string archive = archiveOf({{"xl/sheet1.xml", "<worksheet/>"}}, sheetLike(100, 3), "xl/sheet2.xml");
  // Rebuilt from the stored parts as they were: the same bytes.
  EXPECT_EQ(editPartTail(archive, "xl/sheet1.xml"), archive);
  EXPECT_EQ(editPartTail(archive, "xl/sheet9.xml"), archive);
}

TEST(TailEdit, DamagedArchivesAreRefusedWithTheirPart) {
  const std::string big = sheetLike(2000, 4);
  const std::string good = archiveOf({}, big, "xl/sheet1.xml");
  EXPECT_THROW(editPartTail("not a zip at all, just text long enough", "xl/sheet1.xml"), ArchiveError);
  EXPECT_THROW(editPartTail(good.substr(0, good.size() / 2), "xl/sheet1.xml"), ArchiveError);
  // A flipped byte inside the deflate stream: a damaged stream or a wrong CRC.
  for (std::size_t at : {std::size_t{200}, good.size() / 3, good.size() / 2}) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x5A);
    try {
      editPartTail(bad, "xl/sheet1.xml");
      ADD_FAILURE() << "a byte flipped at " << at << " went unnoticed";
    } catch (const ArchiveError& e) {
      EXPECT_NE(std::string(e.what()).find("xl/sheet1.xml"), std::string::npos) << e.what();
    }
  }
}

TEST(ZipWriterPiece, SplicedPartsReadBackWhole) {
  const std::string head = "<worksheet><dimension ref=\"A1:B9\"/><sheetData>";
  const std::string middle = sheetLike(5000, 5).substr(22);  // rows only
  const std::string tail = "</sheetData><pageSetup/></worksheet>";
  for (const char* how : {"parallel", "serial", "empty"}) {
    ZipWriter rows(0);
    rows.beginPiece();
    const std::string text = std::string(how) == "empty" ? std::string() : middle;
    for (std::size_t at = 0; at < text.size(); at += 100000) {
      if (std::string(how) == "parallel") {
        rows.writeAsync(text.substr(at, 100000));
      } else {
        rows.write(text.substr(at, 100000));
      }
    }
    const bangfu::zip::DeflatedPiece piece = rows.endPiece();
    EXPECT_EQ(piece.size, text.size()) << how;
    EXPECT_EQ(rows.finish().size(), 22u) << how << ": a piece is no entry (the end record alone)";
    ZipWriter out(0);
    out.addPart("a.xml", "<a/>");
    out.addSplicedPart("xl/sheet1.xml", head, piece, tail);
    std::string archive = out.finish();
    const auto parts = readAll(archive);
    ASSERT_EQ(parts.size(), 2u) << how;
    EXPECT_EQ(parts[1].second, head + text + tail) << how;
    EXPECT_LT(archive.size(), text.size() / 4 + 4096) << how;
  }
}

}  // namespace
