// Issue 15 item 5: tiny workbooks whose cells expand to gigabytes stop at the
// expanded-text budget with a located xlsx.too-large, and the reader's peak memory
// stays far below 512 MiB. Each read runs in a child process so that its peak
// resident size (wait4's rusage) is its own; an address-space cap in the child
// turns a regression into a failed allocation instead of an exhausted machine.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/io/sheet.hpp"
#include "measures_memory.hpp"

using namespace bangfu;

namespace {

std::string fixture(const std::string& name) {
  return std::string(BANGFU_SOURCE_DIR) + "/tests/fixtures/sheets/" + name;
}

// The promise of docs/security.md: no input under 64 MiB makes bangfu use more than this.
constexpr long kPromisedPeakKib = 512L * 1024;
// Address space of the child: generous for the shared libraries' mappings, still
// far below what the unguarded reader asked for (4-6 GB).
constexpr rlim_t kChildAddressSpace = 1536UL << 20;

struct ChildRead {
  std::string code;   ///< the InputError's code, "ok", or what went wrong
  std::string where;  ///< sheet!row:col of the error
  long peakKib = 0;   ///< ru_maxrss of the child
};

ChildRead readInChild(const std::string& path) {
  int fds[2];
  if (pipe(fds) != 0) return {"pipe failed", "", 0};
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    if (test::kMeasuresMemory) {
      const rlimit cap{kChildAddressSpace, kChildAddressSpace};
      setrlimit(RLIMIT_AS, &cap);
    }
    std::string out;
    try {
      io::readXlsx(path);
      out = "ok\n";
    } catch (const diag::InputError& e) {
      const auto& d = e.diagnostic();
      out = d.code + "\n" + d.where.sheet + "!" + std::to_string(d.where.row) + ":" +
            std::to_string(d.where.column);
    } catch (const std::bad_alloc&) {
      out = "bad_alloc\n";
    } catch (const std::exception& e) {
      out = std::string("exception ") + e.what() + "\n";
    }
    const ssize_t n = write(fds[1], out.data(), out.size());
    _exit(n == static_cast<ssize_t>(out.size()) ? 0 : 1);
  }
  close(fds[1]);
  std::string got;
  char buf[256];
  ssize_t n = 0;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) got.append(buf, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  ChildRead r;
  const auto nl = got.find('\n');
  r.code = got.substr(0, nl);
  r.where = nl == std::string::npos ? "" : got.substr(nl + 1);
  if (!WIFEXITED(status)) r.code = "child died with signal " + std::to_string(WTERMSIG(status));
  r.peakKib = usage.ru_maxrss;  // kilobytes on Linux
  return r;
}

}  // namespace

TEST(XlsxBudget, MergedLongCellStopsAtTheBudget) {
  // 5 KB: a 32000-character cell merged over A2:J100000 (999,990 covered cells).
  const ChildRead r = readInChild(fixture("merge_fill_bomb.xlsx"));
  EXPECT_EQ(r.code, "xlsx.too-large");
  EXPECT_EQ(r.where, "合并!2:1");  // the merge's anchor, A2
  if (test::kMeasuresMemory) {
    EXPECT_LT(r.peakKib, kPromisedPeakKib) << "peak " << r.peakKib << " KiB";
  }
  std::printf("merge_fill_bomb.xlsx: peak %ld KiB\n", r.peakKib);
}

TEST(XlsxBudget, SharedStringReferencesStopAtTheBudget) {
  // 2 MB: 1,000,000 cells that all refer to one 6000-character shared string.
  const ChildRead r = readInChild(fixture("shared_string_bomb.xlsx"));
  EXPECT_EQ(r.code, "xlsx.too-large");
  EXPECT_EQ(r.where.rfind("共享!", 0), 0u) << r.where;  // located at the cell that crossed the budget
  EXPECT_NE(r.where, "共享!0:0");
  if (test::kMeasuresMemory) {
    EXPECT_LT(r.peakKib, kPromisedPeakKib) << "peak " << r.peakKib << " KiB";
  }
  std::printf("shared_string_bomb.xlsx: peak %ld KiB\n", r.peakKib);
}

TEST(XlsxBudget, ThousandsOfLongFormatCodesStopAtTheBudget) {
  // 555 KB: 60,000 distinct 1000-character codes, each used by a cell style.
  const ChildRead r = readInChild(fixture("styles_bomb.xlsx"));
  EXPECT_EQ(r.code, "xlsx.too-large");
  if (test::kMeasuresMemory) {
    EXPECT_LT(r.peakKib, kPromisedPeakKib) << "peak " << r.peakKib << " KiB";
  }
  std::printf("styles_bomb.xlsx: peak %ld KiB\n", r.peakKib);
}

TEST(XlsxBudget, TheCapIsAdjustable) {
  // A small budget refuses an ordinary workbook; the default reads it.
  io::ReadLimits limits;
  limits.maxExpandedBytes = 1024;
  const std::string good = std::string(BANGFU_SOURCE_DIR) + "/tests/fixtures/io/openpyxl_types.xlsx";
  try {
    io::readXlsx(good, limits);
    ADD_FAILURE() << "read within 1 KiB";
  } catch (const diag::InputError& e) {
    EXPECT_EQ(e.diagnostic().code, "xlsx.too-large");
  }
  EXPECT_NO_THROW(io::readXlsx(good));
}
