// The batch build: project file, manifest, per-entity slices, incremental and
// byte-stable rebuilds, removal of outputs whose entity disappeared, the lock.
#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/TemporaryFile.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <map>

#include "bangfu/batch/build.hpp"
#include "bangfu/batch/manifest.hpp"
#include "bangfu/batch/project.hpp"
#include "bangfu/io/scheme_io.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "lishui/lishui_plugin.hpp"
#include "suzhou/suzhou_plugin.hpp"

namespace batch = bangfu::batch;
namespace model = bangfu::model;
using bangfu::plugin::PluginHost;

namespace {

const std::string kExamples = std::string(BANGFU_SOURCE_DIR) + "/examples";

void addPlugins(PluginHost& host) {
  namespace l = bangfu::plugins::lishui;
  namespace s = bangfu::plugins::suzhou;
  host.addStatic({l::kId, l::kVersion, l::kRegion, bangfu::kVersion, bangfu::plugin::kPluginAbiVersion, ""},
                 std::make_unique<l::LishuiPlugin>());
  host.addStatic({s::kId, s::kVersion, s::kRegion, bangfu::kVersion, bangfu::plugin::kPluginAbiVersion, ""},
                 std::make_unique<s::SuzhouPlugin>());
}

model::Scheme load(const std::string& path) {
  bangfu::diag::Diagnostics d;
  return bangfu::io::loadScheme(path, d);
}

/// A project folder in a fresh temporary directory with copies of the examples.
class Project {
 public:
  Project() : dir_(Poco::TemporaryFile::tempName()) {
    Poco::File(dir_ + "/schemes").createDirectories();
    Poco::File(kExamples + "/lishui-2019/scheme.json").copyTo(dir_ + "/schemes/lishui.json");
    write("bangfu-project.json",
          R"({"output": "out", "formats": ["docx", "xlsx"],
              "schemes": [{"path": "schemes/lishui.json", "plugin": "lishui", "name": "lishui"}]})");
  }
  ~Project() { Poco::File(dir_).remove(true); }

  void write(const std::string& rel, const std::string& text) const {
    bangfu::util::writeFileAtomic(dir_ + "/" + rel, text);
  }
  [[nodiscard]] std::string read(const std::string& rel) const {
    return bangfu::util::readFile(dir_ + "/" + rel);
  }
  [[nodiscard]] const std::string& dir() const { return dir_; }

  /// Every output's mtime (ns), by path relative to out/.
  [[nodiscard]] std::map<std::string, std::int64_t> stamps() const {
    std::map<std::string, std::int64_t> out;
    for (const auto& [rel, e] : batch::readManifest(dir_ + "/out/" + batch::kManifestFile).outputs)
      out[rel] = batch::stampOf(dir_ + "/out/" + rel).mtimeNs;
    return out;
  }

 private:
  std::string dir_;
};

batch::BuildReport buildIt(const Project& p, bool force = false, unsigned jobs = 2) {
  PluginHost host(std::vector<std::string>{});
  addPlugins(host);
  batch::BuildOptions o;
  o.jobs = jobs;
  o.force = force;
  return batch::build(p.dir(), host, o);
}

}  // namespace

TEST(BatchProjectTest, PatternFillsTheFieldsAndStaysInsideTheOutputFolder) {
  EXPECT_EQ(batch::outputPath("{scheme}/{stem}.{ext}", "lishui", "团组/莲都区", "docx"),
            "lishui/团组/莲都区.docx");
  EXPECT_EQ(batch::outputPath("{stem}-{scheme}.{ext}", "a", "b", "xlsx"), "b-a.xlsx");
  EXPECT_THROW(batch::outputPath("{stem}.{ext}", "x", "../escape", "docx"), std::invalid_argument);
  EXPECT_THROW(batch::outputPath("/{stem}.{ext}", "x", "a", "docx"), std::invalid_argument);
  EXPECT_THROW(batch::outputPath("{scheme}/{stem}.{ext}", "", "a", "docx"), std::invalid_argument);
}

TEST(BatchProjectTest, BadProjectFilesAreLocatedInputErrors) {
  Project p;
  p.write("bangfu-project.json", R"({"schemes": [{"path": "schemes/lishui.json"}], "formats": ["odt"]})");
  try {
    batch::loadProject(p.dir());
    FAIL() << "odt accepted";
  } catch (const bangfu::diag::InputError& e) {
    EXPECT_EQ(e.diagnostic().code, "project.invalid");
    EXPECT_EQ(e.diagnostic().where.field, "formats");
  }
  p.write("bangfu-project.json", "{not json");
  EXPECT_THROW(batch::loadProject(p.dir()), bangfu::diag::InputError);
}

// The manifest records hex SHA-256 digests; a different implementation must give
// the same text, or every existing manifest would force a full rebuild.
TEST(BatchManifestTest, Sha256IsLowercaseHexOfTheStandardDigest) {
  // FIPS 180-2 appendix B.1 and the empty message.
  EXPECT_EQ(batch::sha256("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(batch::sha256(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  const std::string million(1000000, 'a');  // B.3
  EXPECT_EQ(batch::sha256(million), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(BatchManifestTest, RoundTripsAndIgnoresATornFile) {
  batch::Manifest m;
  m.bangfuVersion = "0.1.0";
  m.outputs["a/b.docx"] = {"in\"1", "out", 12, 34, "lishui", "team:莲都区团组"};
  m.sources["/p/schemes/丽水.json"] = {99, 1795463208728807024, "ab12"};
  m.environment = "SOURCE_DATE_EPOCH=\n";
  bangfu::diag::Diagnostic w;
  w.severity = bangfu::diag::Severity::Warning;
  w.code = "stated.mismatch";
  w.where = {"/p/schemes/丽水.json", "团组", 12, 3, "stated[0]"};
  w.message = "“158”与计算值不符";
  w.messageEn = "158 vs 157";
  w.suggestion = "核对";
  m.warnings.push_back(w);
  const std::string json = batch::manifestToJson(m);
  Poco::TemporaryFile tmp;
  bangfu::util::writeFileAtomic(tmp.path(), json);
  const auto back = batch::readManifest(tmp.path());
  ASSERT_EQ(back.outputs.size(), 1u);
  EXPECT_EQ(back.outputs.at("a/b.docx").input, "in\"1");
  EXPECT_EQ(back.outputs.at("a/b.docx").mtimeNs, 34);
  EXPECT_EQ(back.sources.at("/p/schemes/丽水.json").mtimeNs, 1795463208728807024);
  ASSERT_EQ(back.warnings.size(), 1u);
  EXPECT_EQ(back.warnings[0].format(), w.format());
  EXPECT_EQ(batch::manifestToJson(back), json);
  bangfu::util::writeFileAtomic(tmp.path(), json.substr(0, json.size() / 2));
  EXPECT_TRUE(batch::readManifest(tmp.path()).outputs.empty());
  // Another format (a newer bangfu's, or an edit by hand): ignored, never half-read.
  std::string other = json;
  other.replace(other.find("\"format\": 2"), 12, "\"format\": 9");
  bangfu::util::writeFileAtomic(tmp.path(), other);
  EXPECT_TRUE(batch::readManifest(tmp.path()).outputs.empty());
  bangfu::util::writeFileAtomic(tmp.path(), "[1, 2]");
  EXPECT_TRUE(batch::readManifest(tmp.path()).outputs.empty());
}

TEST(BatchDurabilityTest, DeferredWritesAreAtomicAndSyncingAMissingFolderThrows) {
  // The batch build's write path: no fsync per file, committed by rename. That
  // one syncfs precedes each manifest is observed on a real build with strace
  // (tests/batch/test_batch.py test_outputs_are_flushed_by_one_syncfs_before_each_manifest).
  Poco::TemporaryFile dir;
  dir.createDirectories();
  const std::string path = dir.path() + "/a.docx";
  using bangfu::util::Durability;
  using bangfu::util::WriteResult;
  EXPECT_EQ(bangfu::util::writeFileAtomic(path, "new", Durability::Deferred), WriteResult::Written);
  EXPECT_EQ(bangfu::util::writeFileAtomic(path, "new", Durability::Deferred), WriteResult::Unchanged);
  {
    bangfu::util::TempOutput temp(dir.path() + "/b.xlsx", Durability::Deferred);
    std::ofstream(temp.path(), std::ios::binary) << "xlsx";
    EXPECT_EQ(temp.commit(), WriteResult::Written);
  }
  EXPECT_NO_THROW(bangfu::util::syncFileSystemOf(dir.path()));
  EXPECT_EQ(bangfu::util::readFile(path), "new");
  EXPECT_EQ(bangfu::util::readFile(dir.path() + "/b.xlsx"), "xlsx");
  std::vector<std::string> left;  // no temporary file stays behind
  Poco::File(dir.path()).list(left);
  EXPECT_EQ(left.size(), 2u);
  EXPECT_THROW(bangfu::util::syncFileSystemOf(dir.path() + "/missing"), std::runtime_error);
}

TEST(LishuiEntitiesTest, OneDocumentPerCountyTeamAndUnitWithSlicesThatHoldOnlyTheirPart) {
  const auto s = load(kExamples + "/lishui-2019/scheme.json");
  const auto docs = bangfu::plugins::lishui::LishuiPlugin().entityDocuments(s);
  std::map<std::string, int> kinds;
  for (const auto& d : docs) ++kinds[d.entityKind];
  EXPECT_EQ(kinds["team"], static_cast<int>(s.teams.size()));
  EXPECT_GT(kinds["unit"], 150);
  EXPECT_EQ(kinds["county"], 9);
  for (const auto& d : docs) {
    if (d.entityKind != "unit") continue;
    // A unit's slice: only its own slots, 工作组数 = what it sends.
    ASSERT_FALSE(d.slice.teams.empty()) << d.entityId;
    for (const auto& t : d.slice.teams) {
      int groups = 0;
      if (t.leader && std::count(t.leader->units.begin(), t.leader->units.end(), d.entityId))
        groups += t.leader->groups();
      for (const auto& m : t.members) {
        EXPECT_TRUE(std::count(m.units.begin(), m.units.end(), d.entityId)) << d.entityId;
        groups += m.groups();
      }
      EXPECT_EQ(t.statedGroups.value_or(-1), groups) << d.entityId;
    }
  }
}

TEST(LishuiEntitiesTest, ChangingOneTeamChangesOnlyThatTeamsSlice) {
  auto s = load(kExamples + "/lishui-2019/scheme.json");
  const auto before = bangfu::plugins::lishui::LishuiPlugin().entityDocuments(s);
  ASSERT_TRUE(s.teams[1].statedGroups);
  *s.teams[1].statedGroups += 1;
  const auto after = bangfu::plugins::lishui::LishuiPlugin().entityDocuments(s);
  ASSERT_EQ(before.size(), after.size());
  std::vector<std::string> changed;
  for (std::size_t i = 0; i < before.size(); ++i)
    if (bangfu::io::schemeToJson(before[i].slice) != bangfu::io::schemeToJson(after[i].slice))
      changed.push_back(after[i].entityKind + ":" + after[i].entityId);
  EXPECT_EQ(changed, std::vector<std::string>{"team:" + s.teams[1].id});
}

TEST(SuzhouEntitiesTest, CalendarsPerUnitAndRostersPerVillage) {
  const auto s = load(kExamples + "/suzhou-2022/scheme.json");
  const auto docs = bangfu::plugins::suzhou::SuzhouPlugin().entityDocuments(s);
  int calendars = 0, rosters = 0;
  for (const auto& d : docs) {
    if (d.appendixId == "calendar") {
      ++calendars;
      for (const auto& p : d.slice.pairings) {
        const bool own = p.helper.kind == model::Party::Kind::Unit && p.helper.ref == d.entityId;
        const model::Person* person = s.findPerson(p.helper.ref);
        EXPECT_TRUE(own || (person && person->unit == d.entityId)) << d.entityId;
      }
    } else {
      ++rosters;
      EXPECT_EQ(d.appendixId, "roster");
      int villages = 0;
      for (const auto& a : d.slice.areas) villages += a.level == model::AreaLevel::Village;
      EXPECT_EQ(villages, 1) << d.entityId;
      // The village's five kinds are all there (县域结对 through its county).
      std::set<std::string> kinds;
      for (const auto& p : d.slice.pairings) kinds.insert(p.kind);
      EXPECT_GE(kinds.size(), 5u) << d.entityId;
    }
  }
  EXPECT_EQ(calendars, 10);
  EXPECT_EQ(rosters, 20);
}

TEST(BatchBuildTest, SecondBuildWritesNothingAndOneTeamEditRebuildsOnlyItsDocuments) {
  Project p;
  const auto first = buildIt(p);
  ASSERT_TRUE(first.ok()) << first.diags.items().size();
  EXPECT_EQ(first.diags.errorCount(), 0u);
  EXPECT_GT(first.total, 350u);
  EXPECT_EQ(first.rebuilt.size(), first.total);
  const auto stamps = p.stamps();
  ASSERT_EQ(stamps.size(), first.total);

  const auto second = buildIt(p);
  EXPECT_TRUE(second.rebuilt.empty());
  EXPECT_TRUE(second.unchanged.empty());
  EXPECT_EQ(second.skipped, first.total);
  EXPECT_EQ(p.stamps(), stamps);

  // One county's row: 缙云县's team lists its members in another order.
  auto s = load(p.dir() + "/schemes/lishui.json");
  bool edited = false;
  for (auto& t : s.teams)
    if (t.target == "缙云县" && t.members.size() > 2) {
      std::swap(t.members[0], t.members[1]);
      edited = true;
    }
  ASSERT_TRUE(edited);
  p.write("schemes/lishui.json", bangfu::io::schemeToJson(s));
  const auto third = buildIt(p);
  for (const auto& d : third.diags.items())
    if (d.severity == bangfu::diag::Severity::Error) ADD_FAILURE() << d.format(true);
  EXPECT_EQ(third.rebuilt, (std::vector<std::string>{"lishui/团组/缙云县.docx", "lishui/团组/缙云县.xlsx",
                                                     "lishui/附件2-市级结对帮扶团组安排方案.docx",
                                                     "lishui/附件2-市级结对帮扶团组安排方案.xlsx"}));
  // 附件1 was regenerated (the whole scheme is its input) but its bytes are the same.
  EXPECT_EQ(third.unchanged.size(), 2u);
  const auto after = p.stamps();
  for (const auto& [rel, mtime] : stamps) {
    const bool expected = std::find(third.rebuilt.begin(), third.rebuilt.end(), rel) != third.rebuilt.end();
    EXPECT_EQ(after.at(rel) != mtime, expected) << rel;
  }
}

TEST(BatchBuildTest, OutputsOfAVanishedEntityAreRemovedAndATornOutputIsRepaired) {
  Project p;
  ASSERT_TRUE(buildIt(p).ok());
  auto s = load(p.dir() + "/schemes/lishui.json");
  // Drop the last member unit of the first team that appears in no other team.
  std::string dropped;
  for (auto& t : s.teams) {
    const auto& m = t.members.back();
    if (m.units.size() != 1) continue;
    int uses = 0;
    for (const auto& u : s.teams)
      for (const auto& x : u.members)
        uses += static_cast<int>(std::count(x.units.begin(), x.units.end(), m.units[0]));
    if (uses != 1) continue;
    dropped = m.units[0];
    if (t.statedGroups) *t.statedGroups -= m.groups();
    t.members.pop_back();
    break;
  }
  ASSERT_FALSE(dropped.empty());
  p.write("schemes/lishui.json", bangfu::io::schemeToJson(s));
  // Tear an unrelated output by hand: the manifest no longer matches it.
  const std::string torn = p.dir() + "/out/lishui/市级领导/莲都区.docx";
  const std::string good = bangfu::util::readFile(torn);
  bangfu::util::writeFileAtomic(torn, good.substr(0, good.size() / 2));
  const auto r = buildIt(p);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.removed, (std::vector<std::string>{"lishui/单位/" + dropped + ".docx",
                                                 "lishui/单位/" + dropped + ".xlsx"}));
  EXPECT_FALSE(Poco::File(p.dir() + "/out/lishui/单位/" + dropped + ".docx").exists());
  EXPECT_TRUE(bangfu::util::readFile(torn) == good) << "torn output not repaired";
}

TEST(BatchBuildTest, ForceRegeneratesEverythingButWritesNoChangedByte) {
  Project p;
  const auto first = buildIt(p, false, 1);
  const auto stamps = p.stamps();
  const auto forced = buildIt(p, true, 2);
  EXPECT_EQ(forced.skipped, 0u);
  EXPECT_EQ(forced.unchanged.size(), first.total);  // 1 job and 2 jobs give the same bytes
  EXPECT_EQ(p.stamps(), stamps);
}

TEST(BatchBuildTest, ASchemeWithErrorsKeepsItsPreviousOutputs) {
  Project p;
  ASSERT_TRUE(buildIt(p).ok());
  const auto stamps = p.stamps();
  p.write("schemes/lishui.json", "{\"bangfu\": 1, \"plugin\": \"lishui\", \"teams\": [");
  const auto r = buildIt(p);
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(r.removed.empty());
  EXPECT_EQ(p.stamps(), stamps);
}

TEST(BatchBuildTest, UpToDateByStampsUntilASourceOrSettingChanges) {
  Project p;
  const auto first = buildIt(p);
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first.upToDate);
  const auto manifest = batch::readManifest(p.dir() + "/out/" + batch::kManifestFile);
  EXPECT_EQ(manifest.sources.size(), 2u);  // the project file and the scheme (static plugins have no module)
  const auto stamps = p.stamps();

  const auto second = buildIt(p);
  EXPECT_TRUE(second.upToDate);
  EXPECT_EQ(second.skipped, first.total);
  EXPECT_EQ(p.stamps(), stamps);

  // The same bytes written again (a new mtime): still up to date, by hash.
  p.write("schemes/lishui.json", p.read("schemes/lishui.json") + " ");
  const std::string scheme = p.read("schemes/lishui.json");
  EXPECT_FALSE(buildIt(p).upToDate);  // one byte more: the scheme is read (same model, nothing rebuilt)
  EXPECT_TRUE(buildIt(p).upToDate);
  ::setenv("SOURCE_DATE_EPOCH", "1559174400", 1);  // the output dates change
  const auto epoch = buildIt(p);
  ::unsetenv("SOURCE_DATE_EPOCH");
  EXPECT_FALSE(epoch.upToDate);
  EXPECT_FALSE(epoch.rebuilt.empty());
  EXPECT_FALSE(buildIt(p).upToDate);              // and back
  EXPECT_TRUE(buildIt(p, true).rebuilt.empty());  // --force never takes the shortcut
  EXPECT_FALSE(buildIt(p, true).upToDate);

  // An output edited by hand: the stamps catch it and the full path repairs it.
  const std::string out = p.dir() + "/out/lishui/市级领导/莲都区.docx";
  const std::string good = bangfu::util::readFile(out);
  bangfu::util::writeFileAtomic(out, good.substr(1));
  const auto repaired = buildIt(p);
  EXPECT_FALSE(repaired.upToDate);
  EXPECT_EQ(bangfu::util::readFile(out), good);

  // A scheme's warnings print on every build, the up-to-date ones too.
  auto s = load(p.dir() + "/schemes/lishui.json");
  s.notice.docNumber = "丽委办发[2019]23号";  // wrong brackets: one more warning
  p.write("schemes/lishui.json", bangfu::io::schemeToJson(s));
  const auto warned = buildIt(p);
  ASSERT_GT(warned.diags.warningCount(), first.diags.warningCount());
  const auto again = buildIt(p);
  EXPECT_TRUE(again.upToDate);
  ASSERT_EQ(again.diags.items().size(), warned.diags.items().size());
  for (std::size_t i = 0; i < again.diags.items().size(); ++i)
    EXPECT_EQ(again.diags.items()[i].format(), warned.diags.items()[i].format());

  // An error records no sources: the next build reads the schemes again.
  p.write("schemes/lishui.json", "{\"bangfu\": 1, \"plugin\": \"lishui\", \"teams\": [");
  EXPECT_FALSE(buildIt(p).ok());
  EXPECT_FALSE(buildIt(p).upToDate);
}

TEST(BatchLockTest, ASecondLockOnTheProjectNamesTheHolder) {
  Project p;
  batch::ProjectLock lock(p.dir());
  try {
    batch::ProjectLock again(p.dir());
    FAIL() << "second lock acquired";
  } catch (const batch::LockHeld& e) {
    EXPECT_EQ(e.pid(), static_cast<long>(::getpid()));
    EXPECT_NE(std::string(e.what()).find("另一个构建正在进行（pid " + std::to_string(::getpid()) + "）"),
              std::string::npos);
  }
}
