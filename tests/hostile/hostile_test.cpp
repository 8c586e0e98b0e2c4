// The path owner (util::OutputFolder, util::checkRelativePath), the temporary
// files (util::writeFileAtomic, util::TempOutput), the manifest reader and the
// project's output folder, tried as a hostile folder would (issue 15 items 1–3,
// docs/security.md). The CLI-level probes are tests/hostile/test_*.py.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "bangfu/batch/manifest.hpp"
#include "bangfu/batch/project.hpp"
#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/doc/document.hpp"
#include "bangfu/output/outputs.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "bangfu/util/output_folder.hpp"

namespace {

using namespace bangfu;
namespace fs = std::filesystem;
using util::PathFault;

class Hostile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("bangfu-hostile-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "out");
    fs::create_directories(dir_ / "victim" / "sub");
    put(victim(), "do not touch");
  }
  void TearDown() override { fs::remove_all(dir_); }

  static void put(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }
  static std::string get(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  [[nodiscard]] fs::path out() const { return dir_ / "out"; }
  [[nodiscard]] fs::path victim() const { return dir_ / "victim" / "sub" / "important.txt"; }
  /// Every name in `folder`, hidden ones too.
  static std::set<std::string> names(const fs::path& folder) {
    std::set<std::string> s;
    for (const auto& e : fs::directory_iterator(folder)) s.insert(e.path().filename().string());
    return s;
  }

  fs::path dir_;
};

TEST(CheckRelativePath, RefusesEveryWayOut) {
  EXPECT_EQ(util::checkRelativePath("lishui/团组/莲都区.docx"), PathFault::None);
  EXPECT_EQ(util::checkRelativePath("a.docx"), PathFault::None);
  EXPECT_EQ(util::checkRelativePath(""), PathFault::Empty);
  EXPECT_EQ(util::checkRelativePath("/etc/passwd"), PathFault::Absolute);
  EXPECT_EQ(util::checkRelativePath("../../victimdir/sub/important.txt"), PathFault::DotComponent);
  EXPECT_EQ(util::checkRelativePath("a/../../b"), PathFault::DotComponent);
  EXPECT_EQ(util::checkRelativePath("a/./b"), PathFault::DotComponent);
  EXPECT_EQ(util::checkRelativePath("a//b"), PathFault::DotComponent);
  EXPECT_EQ(util::checkRelativePath("a/"), PathFault::DotComponent);
  EXPECT_EQ(util::checkRelativePath(".."), PathFault::DotComponent);
  EXPECT_EQ(util::checkRelativePath(std::string("a\0b.docx", 8)), PathFault::ControlCharacter);
  EXPECT_EQ(util::checkRelativePath("a\x01.docx"), PathFault::ControlCharacter);
  EXPECT_EQ(util::checkRelativePath("a\x7f.docx"), PathFault::ControlCharacter);
  EXPECT_EQ(util::checkRelativePath("a\u0085.docx"), PathFault::ControlCharacter);  // C1 NEL
  EXPECT_EQ(util::checkRelativePath("a\xff.docx"), PathFault::BadUtf8);
  EXPECT_EQ(util::checkRelativePath("\xed\xa0\x80.docx"), PathFault::BadUtf8);  // a UTF-16 surrogate
  EXPECT_EQ(util::checkRelativePath(std::string(256, 'a')), PathFault::TooLong);
  EXPECT_EQ(util::checkRelativePath(std::string(255, 'a')), PathFault::None);
}

TEST(CheckRelativePath, MessagesShowControlCharactersEscaped) {
  EXPECT_EQ(util::printable(std::string("标题\0尾\x1b", 11)), "标题\\x00尾\\x1B");
  const util::PathRefused e(PathFault::ControlCharacter, "x", std::string("a\0b", 3));
  EXPECT_STREQ(e.what(), "输出路径“a\\x00b”含有控制字符");
  EXPECT_EQ(e.english(), "output path 'a\\x00b' contains a control character");
}

TEST(OutputPath, ControlCharactersInAStemAreRefusedNotWritten) {
  try {
    (void)batch::outputPath("{scheme}/{stem}.{ext}", "lishui", std::string("团组/莲都\0区", 15), "docx");
    FAIL() << "accepted a NUL";
  } catch (const util::PathRefused& e) {
    EXPECT_EQ(e.fault(), PathFault::ControlCharacter);
  }
  EXPECT_THROW((void)batch::outputPath("{scheme}/{stem}.{ext}", "..", "a", "docx"), util::PathRefused);
}

TEST_F(Hostile, NothingIsCreatedOrRemovedThroughASymlinkedFolder) {
  fs::create_directory_symlink(dir_ / "victim", out() / "link");
  util::OutputFolder folder(out().string());
  try {
    folder.prepare("link/sub/new.docx");
    FAIL() << "prepared a path through a link";
  } catch (const util::PathRefused& e) {
    EXPECT_EQ(e.fault(), PathFault::Symlink);
  }
  EXPECT_THROW(folder.removeFile("link/sub/important.txt", [](int, const struct stat&) { return true; }),
               util::PathRefused);
  EXPECT_THROW(folder.prepare("../victim/sub/important.txt"), util::PathRefused);
  EXPECT_EQ(get(victim()), "do not touch");
  EXPECT_FALSE(fs::exists(dir_ / "victim" / "sub" / "new.docx"));
}

TEST_F(Hostile, ASymlinkAtTheLeafIsNeverRemovedAsAnOutput) {
  fs::create_symlink(victim(), out() / "a.docx");
  util::OutputFolder folder(out().string());
  EXPECT_EQ(folder.removeFile("a.docx", [](int, const struct stat&) { return true; }),
            util::OutputFolder::Removal::Kept);
  EXPECT_TRUE(fs::is_symlink(out() / "a.docx"));
  EXPECT_EQ(get(victim()), "do not touch");
}

TEST_F(Hostile, AFileTheCallerDoesNotRecogniseIsKept) {
  put(out() / "mine.docx", "the user's own file");
  util::OutputFolder folder(out().string());
  EXPECT_EQ(folder.removeFile("mine.docx", [](int, const struct stat&) { return false; }),
            util::OutputFolder::Removal::Kept);
  EXPECT_EQ(get(out() / "mine.docx"), "the user's own file");
  EXPECT_EQ(folder.removeFile("gone.docx", [](int, const struct stat&) { return true; }),
            util::OutputFolder::Removal::Missing);
}

TEST_F(Hostile, OnlyFoldersBangfuMadeArePruned) {
  util::OutputFolder folder(out().string());
  folder.write("made/deeper/a.docx", "x", util::Durability::Deferred);
  fs::create_directories(out() / "users");
  put(out() / "users" / "b.docx", "y");
  EXPECT_EQ(folder.created(), (std::set<std::string>{"made", "made/deeper"}));
  std::set<std::string> removable = folder.created();
  ASSERT_EQ(folder.removeFile("made/deeper/a.docx", [](int, const struct stat&) { return true; }),
            util::OutputFolder::Removal::Removed);
  folder.pruneParents("made/deeper/a.docx", removable);
  EXPECT_FALSE(fs::exists(out() / "made"));
  EXPECT_TRUE(removable.empty());
  ASSERT_EQ(folder.removeFile("users/b.docx", [](int, const struct stat&) { return true; }),
            util::OutputFolder::Removal::Removed);
  folder.pruneParents("users/b.docx", removable);
  EXPECT_TRUE(fs::is_directory(out() / "users"));  // not bangfu's: stays, though empty
}

TEST_F(Hostile, WritingReplacesASymlinkAtTheTargetAndLeavesItsTargetAlone) {
  fs::create_symlink(victim(), out() / "a.docx");
  util::writeFileAtomic((out() / "a.docx").string(), "do not touch");  // same bytes as the link's target
  EXPECT_FALSE(fs::is_symlink(out() / "a.docx"));
  EXPECT_EQ(get(out() / "a.docx"), "do not touch");
  fs::create_symlink(victim(), out() / "b.xlsx");
  {
    util::TempOutput temp((out() / "b.xlsx").string());
    put(temp.path(), "new bytes");
    temp.commit();
  }
  EXPECT_FALSE(fs::is_symlink(out() / "b.xlsx"));
  EXPECT_EQ(get(out() / "b.xlsx"), "new bytes");
  EXPECT_EQ(get(victim()), "do not touch");
}

TEST_F(Hostile, TemporaryNamesAreUnpredictableAndPrivate) {
  const std::string a = util::randomHex(8);
  EXPECT_EQ(a.size(), 16U);
  EXPECT_NE(a, util::randomHex(8));
  util::TempOutput one((out() / "x.xlsx").string());
  util::TempOutput two((out() / "x.xlsx").string());
  EXPECT_NE(one.path(), two.path());
  const fs::path stage = fs::path(one.path()).parent_path();
  EXPECT_TRUE(stage.parent_path() == "/dev/shm" || stage.parent_path() == out()) << stage;
  util::TempOutput beside((out() / "y.xlsx").string(), util::Durability::Deferred,
                          util::Staging::BesideTarget);
  EXPECT_EQ(fs::path(beside.path()).parent_path().parent_path(), out());
  EXPECT_TRUE(util::isTemporaryName(stage.filename().string()));
  struct stat st {};
  ASSERT_EQ(::lstat(stage.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700U);  // no other user can plant a link where the writer looks
  EXPECT_EQ(fs::path(one.path()).filename(), "x.xlsx");
  EXPECT_TRUE(util::isTemporaryName(".附件1.docx.tmp-0123456789abcdef"));
  EXPECT_TRUE(util::isTemporaryName(".附件1.docx.tmp-4242-7"));  // bangfu 0.1's, left by a killed build
  EXPECT_FALSE(util::isTemporaryName("附件1.docx"));
  EXPECT_FALSE(util::isTemporaryName(".notes.tmp-mine"));
}

TEST_F(Hostile, AnAbandonedTempOutputLeavesNothing) {
  std::string staged;
  {
    util::TempOutput temp((out() / "x.xlsx").string());
    staged = temp.path();
    put(staged, "half");
    temp.land();  // a temporary beside the target too
  }
  EXPECT_TRUE(names(out()).empty());
  EXPECT_FALSE(fs::exists(fs::path(staged).parent_path()));
}

TEST_F(Hostile, StaleTemporariesAreRemovedButNotThroughLinksOrUsersFiles) {
  put(out() / ".a.docx.tmp-0123456789abcdef", "stale");
  fs::create_directories(out() / ".bangfu-stage-AbC123");
  put(out() / ".bangfu-stage-AbC123" / "b.xlsx", "stale");
  fs::create_symlink(victim(), out() / ".c.docx.tmp-0123456789abcdef");
  fs::create_directory_symlink(dir_ / "victim", out() / "linked");
  put(dir_ / "victim" / ".d.docx.tmp-0123456789abcdef", "the victim's");
  put(out() / ".notes.tmp-mine", "the user's");
  util::OutputFolder(out().string()).removeStaleTemps();
  EXPECT_EQ(names(out()),
            (std::set<std::string>{".c.docx.tmp-0123456789abcdef", "linked", ".notes.tmp-mine"}));
  EXPECT_EQ(get(dir_ / "victim" / ".d.docx.tmp-0123456789abcdef"), "the victim's");
  EXPECT_EQ(get(victim()), "do not touch");
}

TEST_F(Hostile, ManifestPathsThatLeaveTheFolderAreDroppedWithALocatedWarning) {
  const std::string path = (out() / ".bangfu-manifest.json").string();
  put(path, R"({"format": 2, "bangfu": "x", "project": "/p/bangfu-project.json", "outputDir": "/p/out",
                "folders": ["lishui", "../../victimdir"],
                "outputs": {"../../victimdir/sub/important.txt": {"scheme": "s", "size": 12},
                            "/etc/passwd": {"scheme": "s"}, "a\u0001b.docx": {"scheme": "s"},
                            "lishui/a.docx": {"scheme": "s", "size": 3}}})");
  diag::Diagnostics d;
  batch::ManifestState state = batch::ManifestState::Missing;
  const auto m = batch::readManifest(path, d, &state);
  EXPECT_EQ(state, batch::ManifestState::Read);
  ASSERT_EQ(m.outputs.size(), 1U);
  EXPECT_EQ(m.outputs.begin()->first, "lishui/a.docx");
  EXPECT_EQ(m.folders, (std::set<std::string>{"lishui"}));
  EXPECT_EQ(m.project, "/p/bangfu-project.json");
  std::set<std::string> fields;
  for (const auto& w : d.items()) {
    EXPECT_EQ(w.code, "manifest.bad-path");
    EXPECT_EQ(w.severity, diag::Severity::Warning);
    EXPECT_EQ(w.where.file, path);
    fields.insert(w.where.field);
  }
  EXPECT_EQ(fields,
            (std::set<std::string>{"folders[../../victimdir]", "outputs[../../victimdir/sub/important.txt]",
                                   "outputs[/etc/passwd]", "outputs[a\\x01b.docx]"}));
}

TEST_F(Hostile, AnUnreadableManifestIsAWarningAndAnEmptyManifest) {
  const std::string path = (out() / ".bangfu-manifest.json").string();
  for (const std::string& text :
       {std::string("{\"format\": 2, \"outputs\": {\"a\""), std::string("{\"format\": 99}"),
        std::string("[1, 2]"), std::string("\x89PNG")}) {
    put(path, text);
    diag::Diagnostics d;
    batch::ManifestState state = batch::ManifestState::Missing;
    EXPECT_TRUE(batch::readManifest(path, d, &state).outputs.empty()) << text;
    EXPECT_EQ(state, batch::ManifestState::Unreadable) << text;
    ASSERT_EQ(d.items().size(), 1U) << text;
    EXPECT_EQ(d.items()[0].code, "manifest.unreadable");
    EXPECT_EQ(d.items()[0].where.file, path);
  }
  fs::remove(path);
  fs::create_symlink(victim(), path);
  diag::Diagnostics d;
  batch::ManifestState state = batch::ManifestState::Missing;
  (void)batch::readManifest(path, d, &state);
  EXPECT_EQ(state, batch::ManifestState::Unreadable);
  EXPECT_TRUE(d.has("manifest.unreadable"));
  fs::remove(path);
  diag::Diagnostics none;
  (void)batch::readManifest(path, none, &state);
  EXPECT_EQ(state, batch::ManifestState::Missing);
  EXPECT_TRUE(none.empty());
}

TEST_F(Hostile, ManifestRoundTripKeepsOwnerAndFolders) {
  batch::Manifest m;
  m.bangfuVersion = "0.2";
  m.project = "/a/bangfu-project.json";
  m.outputDir = "/a/out";
  m.folders = {"lishui", "lishui/团组"};
  m.outputs["lishui/团组/莲都区.docx"] = batch::ManifestEntry{"in", "out", 5, 7, "lishui", "team:莲都区团组"};
  diag::Diagnostics d;
  const auto back = batch::parseManifest(batch::manifestToJson(m), "m.json", d);
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(back.project, m.project);
  EXPECT_EQ(back.outputDir, m.outputDir);
  EXPECT_EQ(back.folders, m.folders);
  EXPECT_EQ(batch::manifestToJson(back), batch::manifestToJson(m));
}

/// A project file with `output`, loaded: the error's code and field, or "" when accepted.
std::string outputVerdict(const fs::path& dir, const std::string& outputJson,
                          const std::string& override = {}) {
  std::ofstream(dir / "bangfu-project.json")
      << R"({"output": )" << outputJson << R"(, "schemes": [{"path": "s.json", "plugin": "lishui"}]})";
  try {
    (void)batch::loadProject(dir.string(), override);
    return "";
  } catch (const diag::InputError& e) {
    return e.diagnostic().code + " [" + e.diagnostic().where.field + "]";
  }
}

TEST_F(Hostile, TheProjectsOutputFolderMustLieInsideTheProject) {
  const fs::path p = dir_ / "project";
  fs::create_directories(p);
  for (const char* bad : {R"("../shared-out")", R"("/tmp/elsewhere")", R"(".")", R"("./")", R"("out/../..")",
                          R"("out/../../x")", R"("")"}) {
    EXPECT_EQ(outputVerdict(p, bad), "project.output-outside [output]") << bad;
  }
  // A control character is refused at [output] too (by the project file's reader, or here).
  const std::string control = outputVerdict(p, "\"a\\u0001b\"");
  EXPECT_TRUE(control == "io.control-char [output]" || control == "project.output-outside [output]")
      << control;
  EXPECT_EQ(outputVerdict(p, R"("./out/")"), "");
  EXPECT_EQ(batch::loadProject(p.string()).outputRel, "out");
  EXPECT_EQ(outputVerdict(p, R"("build/out")"), "");
  // The command line's --out is the user's choice and replaces "output".
  EXPECT_EQ(outputVerdict(p, R"("../shared-out")", (dir_ / "shared").string()), "");
  const auto withOverride = batch::loadProject(p.string(), (dir_ / "shared").string());
  EXPECT_EQ(withOverride.outputDir, (dir_ / "shared").string());
  EXPECT_TRUE(withOverride.outputRel.empty());
}

/// A notice whose 合计 cell states 20 over rows that sum to 5: xlsx.total-mismatch.
doc::Notice mismatchedTotal() {
  doc::Notice n;
  n.title = "关于印发结对帮扶方案的通知";
  doc::Appendix a;
  a.label = "附件1";
  a.title = "表";
  doc::Table t;
  t.name = "表";
  t.columns = {doc::Column{"name", 2, doc::Align::Center, false},
               doc::Column{"count", 1, doc::Align::Center, true}};
  doc::Row h;
  h.kind = doc::RowKind::Header;
  h.cells = {doc::Cell::text("单位"), doc::Cell::text("数量")};
  doc::Row b;
  b.cells = {doc::Cell::text("市委办"), doc::Cell::num(5)};
  doc::Row total;
  total.kind = doc::RowKind::Total;
  total.cells = {doc::Cell::text("合计"), doc::Cell::num(20)};
  total.cells.back().columnTotal = true;
  t.rows = {h, b, total};
  a.blocks.emplace_back(std::move(t));
  n.appendices.push_back(std::move(a));
  return n;
}

TEST_F(Hostile, DiagnosticsAndIoErrorsNameTheUsersFileNeverAStagedOne) {
  const doc::Notice n = mismatchedTotal();
  const std::string target = (out() / "附件-表.xlsx").string();
  diag::Diagnostics d;
  output::writeAll({{target, output::Format::Xlsx, &n}}, {}, d);
  ASSERT_TRUE(d.has("xlsx.total-mismatch"));
  for (const auto& item : d.items()) EXPECT_EQ(item.where.file, target) << item.format();
  EXPECT_EQ(names(out()), (std::set<std::string>{"附件-表.xlsx"}));

  put(dir_ / "a-file", "not a folder");
  const std::string missing = (dir_ / "a-file" / "附件-表.docx").string();
  try {
    output::writeAll({{missing, output::Format::Docx, &n}}, {}, d);
    FAIL() << "wrote below a file";
  } catch (const util::IoError& e) {
    EXPECT_EQ(e.path(), missing);
    EXPECT_EQ(std::string(e.what()).find(".tmp-"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find(".bangfu-stage-"), std::string::npos) << e.what();
  }
}

}  // namespace
