// The XLSX archive rebuilt after libxlsxwriter closes it (xlsx_package.hpp).
#include "xlsx/xlsx_package.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "bangfu/util/atomic_file.hpp"
#include "bangfu/zip/stored_archive.hpp"
#include "xlsx/xlsx_print.hpp"

namespace bangfu::xlsx::detail {

namespace {

/// libxlsxwriter 1.1.4 stamps every entry 1980-01-01 00:00 (the DOS epoch); the
/// rebuilt archive keeps that, so outputs stay byte-stable.
constexpr long long kDosEpoch = 315532800;
constexpr const char* kSheetPrefix = "xl/worksheets/sheet";
constexpr const char* kEmptySheetData = "<sheetData/>";

/// Sheet N's 0-based index from its part name, or -1.
long sheetIndex(const std::string& name) {
  const std::string prefix = kSheetPrefix;
  if (name.compare(0, prefix.size(), prefix) != 0 || name.size() <= prefix.size() + 4) return -1;
  const std::string digits = name.substr(prefix.size(), name.size() - prefix.size() - 4);
  if (name.compare(name.size() - 4, 4, ".xml") != 0 || digits.empty() ||
      digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 6)
    return -1;
  return std::stol(digits) - 1;
}

/// A streamed sheet's part: libxlsxwriter's (no cells, so <sheetData/>) with its
/// dimension, rows and merges.
void addStreamedSheet(zip::ZipWriter& out, const zip::StoredEntry& e, const StreamedSheetData& data,
                      bool fictional) {
  std::string xml = zip::inflateEntry(e);
  const std::string dimension = "<dimension ref=\"";
  const auto dim = xml.find(dimension);
  const auto at = xml.find(kEmptySheetData);
  if (dim == std::string::npos || at == std::string::npos || dim > at)
    throw zip::ArchiveError(e.name + ": no <dimension> before <sheetData/>");
  const auto dimEnd = xml.find('"', dim + dimension.size());
  if (dimEnd == std::string::npos || dimEnd > at) throw zip::ArchiveError(e.name + ": damaged <dimension>");
  std::string head =
      xml.substr(0, dim + dimension.size()) + data.dimensionRef + xml.substr(dimEnd, at - dimEnd);
  std::string tail =
      withEvenPages(data.mergeCells + xml.substr(at + std::string(kEmptySheetData).size()), fictional);
  if (!data.hasRows) {
    out.addPart(e.name, head + kEmptySheetData + tail);
    return;
  }
  head += "<sheetData>";
  tail.insert(0, "</sheetData>");
  out.addSplicedPart(e.name, head, data.rows, tail);
}

bool writeBack(const std::string& file, const std::string& bytes) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int e = n < 0 ? errno : EIO;
      ::close(fd);
      errno = e;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return ::close(fd) == 0;
}

}  // namespace

bool finishPackage(const std::string& file, std::vector<std::optional<StreamedSheetData>>& streamed,
                   bool fictional) {
  // In memory, then written back over the same file: the caller staged it, so
  // an output is renamed once.
  std::string archive;
  try {
    archive = util::readFile(file);
  } catch (const std::exception&) {
    errno = errno != 0 ? errno : EIO;
    return false;
  }
  zip::ZipWriter out(kDosEpoch);
  const auto addEvenFooters = [fictional](std::string tail) {
    return withEvenPages(std::move(tail), fictional);
  };
  for (const zip::StoredEntry& e : zip::readEntries(archive)) {
    const long sheet = sheetIndex(e.name);
    const bool isSheet = sheet >= 0 && static_cast<std::size_t>(sheet) < streamed.size();
    if (isSheet && streamed[static_cast<std::size_t>(sheet)]) {
      addStreamedSheet(out, e, *streamed[static_cast<std::size_t>(sheet)], fictional);
      streamed[static_cast<std::size_t>(sheet)].reset();  // its rows are in the archive now
      continue;
    }
    if (e.method != 8) {
      out.addPart(e.name, isSheet ? withEvenPages(zip::inflateEntry(e), fictional) : zip::inflateEntry(e));
      continue;
    }
    std::optional<zip::DeflatedPart> edited;
    if (isSheet) edited = zip::editTail(e, "<headerFooter>", addEvenFooters);
    if (edited) {
      out.addDeflatedPart(e.name, edited->deflated, edited->crc, edited->size);
    } else {
      out.addDeflatedPart(e.name, e.data, e.crc, e.size);
    }
  }
  return writeBack(file, out.finish());
}

}  // namespace bangfu::xlsx::detail
