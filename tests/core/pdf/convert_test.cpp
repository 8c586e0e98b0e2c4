// PDF conversion without LibreOffice: a fake `soffice` (a shell script) stands in
// for it, so the contract (missing tool, timeout, atomic all-or-nothing output,
// temporary profile, fonts.conf, byte-stable PDFs) is checked on any machine.
// The real LibreOffice run is in libreoffice_test.cpp.
#include "bangfu/pdf/convert.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/util/atomic_file.hpp"

namespace fs = std::filesystem;
using bangfu::pdf::ConvertError;
using bangfu::pdf::ConvertOptions;
using bangfu::pdf::PdfUnavailable;

namespace {

/// "pid comm" of every process of group `pgid` that is not a zombie, from
/// /proc/<pid>/stat (proc(5): field 3 state, field 5 pgrp).
std::vector<std::string> liveMembersOf(long pgid) {
  std::vector<std::string> alive;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "stat");
    std::string stat;
    if (!std::getline(in, stat)) continue;
    const auto close = stat.rfind(')');  // comm may hold spaces and parentheses
    if (close == std::string::npos) continue;
    std::istringstream rest(stat.substr(close + 1));
    std::string state;
    long ppid = 0, pgrp = 0;
    if (rest >> state >> ppid >> pgrp && pgrp == pgid && state != "Z")
      alive.push_back(stat.substr(0, close + 1));
  }
  return alive;
}

class PdfConvert : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string templ = (fs::temp_directory_path() / "bangfu-pdf-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(templ.data()), nullptr);
    dir_ = templ;
    input_ = (dir_ / "附件1.docx").string();
    write(input_, "PK fake docx bytes");
  }
  void TearDown() override { fs::remove_all(dir_); }

  static void write(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary);
    out << bytes;
  }

  /// A fake soffice: `body` runs with $OUTDIR, $PROFILE (the UserInstallation
  /// URL) and the input paths in "$@" after the options are shifted off.
  std::string fakeSoffice(const std::string& body) {
    const fs::path script = dir_ / "fake-soffice";
    write(script,
          "#!/bin/sh\n"
          "OUTDIR=''; PROFILE=''\n"
          "while [ $# -gt 0 ]; do case \"$1\" in\n"
          "  --outdir) OUTDIR=\"$2\"; shift 2;;\n"
          "  --convert-to) shift 2;;\n"
          "  -env:UserInstallation=*) PROFILE=\"${1#-env:UserInstallation=}\"; shift;;\n"
          "  --*) shift;;\n"
          "  *) break;;\n"
          "esac; done\n" +
              body);
    ::chmod(script.c_str(), 0755);
    return script.string();
  }

  /// A minimal PDF that carries the things normalizePdf rewrites, varying per run
  /// the way LibreOffice's do, plus what the converter passed in the environment.
  static std::string fakePdfBody() {
    return "for f in \"$@\"; do b=$(basename \"$f\"); b=${b%.*}\n"
           "  now=$(date +%Y%m%d%H%M%S); r=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \\n' | tr a-f A-F)\n"
           "  printf '%%PDF-1.6\\n%% fonts=%s tz=%s\\n1 0 obj <</CreationDate(D:%s+08'\"'\"'00'\"'\"')>> "
           "endobj\\n"
           "trailer <</ID [ <%s>\\n<%s> ]\\n/DocChecksum /%s\\n>>\\n%%%%EOF\\n' \"$FONTCONFIG_FILE\" \"$TZ\" "
           "\"$now\" \"$r\" \"$r\" \"$r\" > \"$OUTDIR/$b.pdf\"\n"
           "done\n";
  }

  fs::path dir_;
  std::string input_;
};

TEST_F(PdfConvert, MissingLibreOfficeGivesTheInstallHint) {
  ConvertOptions opts;
  opts.soffice = (dir_ / "no-such-soffice").string();
  try {
    bangfu::pdf::convertToPdf({input_}, (dir_ / "out").string(), opts);
    FAIL() << "expected PdfUnavailable";
  } catch (const PdfUnavailable& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("未找到 LibreOffice"), std::string::npos) << msg;
    EXPECT_NE(msg.find("apt-get install -y libreoffice-writer-nogui"), std::string::npos) << msg;
    EXPECT_NE(msg.find(opts.soffice), std::string::npos) << msg;
    EXPECT_NE(e.english().find("LibreOffice not found"), std::string::npos);
  }
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

TEST_F(PdfConvert, MissingLibreOfficeThroughEnvironmentAndCalcHintForXlsx) {
  const std::string xlsx = (dir_ / "表.xlsx").string();
  write(xlsx, "PK fake xlsx");
  ::setenv("BANGFU_SOFFICE", (dir_ / "absent").c_str(), 1);
  EXPECT_EQ(bangfu::pdf::findSoffice(), "");
  try {
    bangfu::pdf::convertToPdf({input_, xlsx}, dir_.string());
    ::unsetenv("BANGFU_SOFFICE");
    FAIL() << "expected PdfUnavailable";
  } catch (const PdfUnavailable& e) {
    ::unsetenv("BANGFU_SOFFICE");
    EXPECT_NE(std::string(e.what()).find("libreoffice-calc-nogui"), std::string::npos) << e.what();
  }
}

TEST_F(PdfConvert, UnrunnableLauncherIsUnavailableNotACrash) {
  // Executable bit set but not a program: posix_spawn fails with ENOEXEC.
  const fs::path bogus = dir_ / "bogus-soffice";
  write(bogus, std::string("\x7f"
                           "ELF not really",
                           15));
  ::chmod(bogus.c_str(), 0755);
  ConvertOptions opts;
  opts.soffice = bogus.string();
  EXPECT_THROW(bangfu::pdf::convertToPdf({input_}, dir_.string(), opts), PdfUnavailable);
}

TEST_F(PdfConvert, TimeoutKillsTheWholeProcessGroup) {
  ConvertOptions opts;
  // The child of the fake soffice must die too: LibreOffice is a script that
  // starts soffice.bin, and a leftover soffice.bin would hold the profile. The
  // script leads its own process group (POSIX_SPAWN_SETPGROUP): its pid is the
  // group's id.
  opts.soffice = fakeSoffice("echo $$ > \"" + (dir_ / "group.pid").string() +
                             "\"\nsleep 60 &\necho working on it\nwait\n");
  // Long enough for the script to start and record its group on a loaded
  // 2-core runner, short enough to keep the suite quick. How long the kill took
  // is not asserted (no timing assertions): that the group is gone is.
  opts.timeoutSeconds = 3;
  try {
    bangfu::pdf::convertToPdf({input_}, (dir_ / "out").string(), opts);
    FAIL() << "expected ConvertError";
  } catch (const ConvertError& e) {
    EXPECT_TRUE(e.timedOut());
    EXPECT_NE(std::string(e.what()).find("3 秒内未完成转换"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("working on it"), std::string::npos)
        << "log tail missing: " << e.what();
  }

  std::ifstream groupFile(dir_ / "group.pid");
  long group = 0;
  ASSERT_TRUE(groupFile >> group);
  ASSERT_GT(group, 1);
  // No live process left in the group. A killed orphan may linger as a zombie
  // until init reaps it, so the scan is repeated a bounded number of times.
  std::vector<std::string> alive;
  for (int attempt = 0; attempt < 100; ++attempt) {
    alive = liveMembersOf(group);
    if (alive.empty()) break;
    ::usleep(20000);
  }
  EXPECT_TRUE(alive.empty()) << "still running in process group " << group << ": "
                             << ::testing::PrintToString(alive);
}

TEST_F(PdfConvert, FailedConversionLeavesPreviousOutputsUntouched) {
  const fs::path out = dir_ / "out";
  fs::create_directories(out);
  const std::string xlsx = (dir_ / "附件2.xlsx").string();
  write(xlsx, "PK fake xlsx");
  bangfu::util::writeFileAtomic((out / "附件1.pdf").string(), "old pdf 1");
  bangfu::util::writeFileAtomic((out / "附件2.pdf").string(), "old pdf 2");

  ConvertOptions opts;
  // Converts the first file, then "fails to load" the second: LibreOffice's
  // real behaviour (it still exits 0). Nothing may be written.
  opts.soffice = fakeSoffice(
      "b=$(basename \"$1\"); echo new > \"$OUTDIR/${b%.*}.pdf\"\n"
      "echo 'Error: source file could not be loaded'\n");
  try {
    bangfu::pdf::convertToPdf({input_, xlsx}, out.string(), opts);
    FAIL() << "expected ConvertError";
  } catch (const ConvertError& e) {
    EXPECT_FALSE(e.timedOut());
    EXPECT_NE(std::string(e.what()).find("附件2.xlsx"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("could not be loaded"), std::string::npos) << e.what();
  }
  EXPECT_EQ(bangfu::util::readFile((out / "附件1.pdf").string()), "old pdf 1");
  EXPECT_EQ(bangfu::util::readFile((out / "附件2.pdf").string()), "old pdf 2");

  opts.soffice = fakeSoffice("echo 'crashed' >&2\nexit 81\n");
  try {
    bangfu::pdf::convertToPdf({input_}, out.string(), opts);
    FAIL() << "expected ConvertError";
  } catch (const ConvertError& e) {
    EXPECT_NE(std::string(e.what()).find("exit 81"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("crashed"), std::string::npos) << e.what();
  }
  EXPECT_EQ(bangfu::util::readFile((out / "附件1.pdf").string()), "old pdf 1");
  // Only the two outputs: no temporary file was left beside them.
  EXPECT_EQ(std::distance(fs::directory_iterator(out), fs::directory_iterator()), 2);
}

TEST_F(PdfConvert, SuccessfulBatchIsOneRunWithOwnProfileFontsAndStableBytes) {
  const fs::path out = dir_ / "out";
  const std::string xlsx = (dir_ / "附件2.xlsx").string();
  write(xlsx, "PK fake xlsx");
  ConvertOptions opts;
  // Counts launches: the batch must be one LibreOffice start.
  opts.soffice = fakeSoffice("echo run >> \"" + (dir_ / "launches").string() + "\"\n" + fakePdfBody());
  opts.fontsConf = (dir_ / "fonts.conf").string();
  write(opts.fontsConf, "<fontconfig/>");
  opts.epoch = 1559174400;  // 2019-05-30T00:00:00Z

  const auto first = bangfu::pdf::convertToPdf({input_, xlsx}, out.string(), opts);
  ASSERT_EQ(first.outputs.size(), 2U);
  EXPECT_EQ(first.outputs[0], (out / "附件1.pdf").string());
  EXPECT_EQ(first.outputs[1], (out / "附件2.pdf").string());
  EXPECT_EQ(first.results[0], bangfu::util::WriteResult::Written);
  EXPECT_EQ(first.fontsConf, opts.fontsConf);
  EXPECT_EQ(bangfu::util::readFile((dir_ / "launches").string()), "run\n");

  const std::string pdf = bangfu::util::readFile(first.outputs[0]);
  EXPECT_NE(pdf.find("fonts=" + opts.fontsConf), std::string::npos) << pdf;
  EXPECT_NE(pdf.find("tz=UTC"), std::string::npos) << pdf;
  EXPECT_NE(pdf.find("/CreationDate(D:20190530000000+00'00')"), std::string::npos) << pdf;

  // Same inputs again: LibreOffice's dates and /ID differ per run, ours do not.
  ::sleep(1);
  const auto second = bangfu::pdf::convertToPdf({input_, xlsx}, out.string(), opts);
  EXPECT_EQ(second.results[0], bangfu::util::WriteResult::Unchanged);
  EXPECT_EQ(second.results[1], bangfu::util::WriteResult::Unchanged);
  EXPECT_EQ(bangfu::util::readFile(second.outputs[0]), pdf);
}

TEST_F(PdfConvert, TemporaryProfileIsPrivateAndRemoved) {
  ConvertOptions opts;
  const fs::path record = dir_ / "profile.txt";
  opts.soffice =
      fakeSoffice("echo \"$PROFILE\" > \"" + record.string() +
                  "\"\nfor f in \"$@\"; do b=$(basename \"$f\"); echo x > \"$OUTDIR/${b%.*}.pdf\"; done\n");
  bangfu::pdf::convertToPdf({input_}, (dir_ / "out").string(), opts);
  std::string url = bangfu::util::readFile(record.string());
  while (!url.empty() && url.back() == '\n') url.pop_back();
  ASSERT_EQ(url.rfind("file:///", 0), 0U) << url;
  const fs::path profile = url.substr(7);
  EXPECT_NE(profile.string().find("bangfu-lo-"), std::string::npos) << profile;
  EXPECT_FALSE(fs::exists(profile.parent_path()))
      << "temporary folder left behind: " << profile.parent_path();
}

TEST_F(PdfConvert, MissingInputIsALocatedInputError) {
  ConvertOptions opts;
  opts.soffice = "/bin/true";
  const std::string missing = (dir_ / "nope.docx").string();
  try {
    bangfu::pdf::convertToPdf({missing}, dir_.string(), opts);
    FAIL() << "expected InputError";
  } catch (const bangfu::diag::InputError& e) {
    EXPECT_EQ(e.diagnostic().code, "pdf.input-missing");
    EXPECT_EQ(e.diagnostic().where.file, missing);
  }
}

TEST_F(PdfConvert, InputsThatWouldShareAnOutputAreRejected) {
  const std::string xlsx = (dir_ / "附件1.xlsx").string();
  write(xlsx, "PK");
  ConvertOptions opts;
  opts.soffice = "/bin/true";
  EXPECT_THROW(bangfu::pdf::convertToPdf({input_, xlsx}, dir_.string(), opts), std::invalid_argument);
  // With explicit outputs the same two inputs are fine to ask for.
  opts.soffice =
      fakeSoffice("for f in \"$@\"; do b=$(basename \"$f\"); echo \"$b\" > \"$OUTDIR/${b%.*}.pdf\"; done\n");
  const auto r =
      bangfu::pdf::convert({{input_, (dir_ / "a.pdf").string()}, {xlsx, (dir_ / "b.pdf").string()}}, opts);
  ASSERT_EQ(r.outputs.size(), 2U);
  // Each output came from its own input (staged as <index><ext>).
  EXPECT_EQ(bangfu::util::readFile((dir_ / "a.pdf").string()), "0.docx\n");
  EXPECT_EQ(bangfu::util::readFile((dir_ / "b.pdf").string()), "1.xlsx\n");
}

TEST_F(PdfConvert, FontsConfIsFoundThroughTheEnvironment) {
  ::setenv("BANGFU_FONTS_DIR", dir_.c_str(), 1);
  write(dir_ / "fonts.conf", "<fontconfig/>");
  const std::string found = bangfu::pdf::findFontsConf();
  ::unsetenv("BANGFU_FONTS_DIR");
  EXPECT_EQ(found, (dir_ / "fonts.conf").string());
  // Without the variable the build tree's own fonts/fonts.conf is used.
  EXPECT_EQ(bangfu::pdf::findFontsConf(),
            (fs::path(BANGFU_SOURCE_DIR) / "fonts" / "fonts.conf").lexically_normal().string());
}

}  // namespace
