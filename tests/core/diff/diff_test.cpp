// bangfu diff on crafted edits of the examples: a rename (same id, and new id in
// the same place), a move, an addition, a removal, and the counts.
#include "bangfu/diff/diff.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "bangfu/io/scheme_io.hpp"

namespace diff = bangfu::diff;
namespace model = bangfu::model;
using diff::Category;
using diff::ChangeType;

namespace {

model::Scheme lishui() {
  bangfu::diag::Diagnostics d;
  return bangfu::io::loadScheme(std::string(BANGFU_SOURCE_DIR) + "/examples/lishui-2019/scheme.json", d);
}

std::vector<diff::Change> of(const diff::Report& r, Category c) {
  std::vector<diff::Change> out;
  std::copy_if(r.changes.begin(), r.changes.end(), std::back_inserter(out),
               [&](const diff::Change& x) { return x.category == c; });
  return out;
}

/// Replaces a unit id everywhere it is referenced (what an office does when a
/// unit is renamed in a scheme whose ids are the names).
void renameUnitId(model::Scheme& s, const std::string& from, const std::string& to) {
  for (auto& u : s.units)
    if (u.id == from) u.id = u.name = to;
  auto fix = [&](model::TeamMember& m) { std::replace(m.units.begin(), m.units.end(), from, to); };
  for (auto& t : s.teams) {
    if (t.leader) fix(*t.leader);
    for (auto& m : t.members) fix(m);
  }
}

}  // namespace

TEST(DiffTest, IdenticalSchemesHaveNoChanges) {
  const auto s = lishui();
  EXPECT_TRUE(diff::compare(s, s).empty());
  EXPECT_EQ(diff::formatText(diff::compare(s, s)), "无变更\n");
}

TEST(DiffTest, ANewIdInTheSamePlaceIsOneRenameNotARemovalAndAnAddition) {
  const auto before = lishui();
  auto after = before;
  const std::string old = after.teams[0].members[0].units[0];
  renameUnitId(after, old, "市人民防空办公室");
  const auto r = diff::compare(before, after);
  const auto units = of(r, Category::Unit);
  ASSERT_EQ(units.size(), 1u) << diff::formatText(r);
  EXPECT_EQ(units[0].type, ChangeType::Renamed);
  EXPECT_EQ(units[0].before, old);
  EXPECT_EQ(units[0].after, "市人民防空办公室");
  EXPECT_TRUE(of(r, Category::Figure).empty()) << diff::formatText(r);
}

TEST(DiffTest, SameIdWithANewNameIsARename) {
  const auto before = lishui();
  auto after = before;
  after.units[3].name = "新名称单位";
  const auto r = diff::compare(before, after);
  ASSERT_EQ(r.changes.size(), 1u) << diff::formatText(r);
  EXPECT_EQ(r.changes[0].type, ChangeType::Renamed);
  EXPECT_EQ(r.changes[0].after, "新名称单位");
}

TEST(DiffTest, ALeaderPairedWithAnotherCountyIsAMoveOfThatPerson) {
  const auto before = lishui();
  auto after = before;
  auto& p = after.pairings[1];
  ASSERT_EQ(p.kind, model::kinds::kLeaderArea);
  const std::string from = p.target.ref;
  p.target.ref = from == "龙泉市" ? "青田县" : "龙泉市";
  const auto r = diff::compare(before, after);
  const auto people = of(r, Category::Person);
  ASSERT_EQ(people.size(), 1u) << diff::formatText(r);
  EXPECT_EQ(people[0].type, ChangeType::Moved);
  EXPECT_NE(people[0].before.find(from), std::string::npos);
  EXPECT_NE(people[0].after.find(p.target.ref), std::string::npos);
  // The move is one change: no pairing removed/added besides it, and the counts stay.
  EXPECT_TRUE(of(r, Category::Pairing).empty());
  EXPECT_TRUE(of(r, Category::Figure).empty());
}

TEST(DiffTest, AUnitMovedToAnotherTeamIsAMove) {
  const auto before = lishui();
  auto after = before;
  auto m = after.teams[0].members.back();
  after.teams[0].members.pop_back();
  after.teams[1].members.push_back(m);
  const auto r = diff::compare(before, after);
  const auto units = of(r, Category::Unit);
  ASSERT_EQ(units.size(), 1u) << diff::formatText(r);
  EXPECT_EQ(units[0].type, ChangeType::Moved);
  EXPECT_EQ(units[0].subject, before.findUnit(m.units[0])->name);
  // Both teams' 工作组数 (computed) changed.
  EXPECT_EQ(of(r, Category::Team).size(), 2u) << diff::formatText(r);
}

TEST(DiffTest, AdditionsAndRemovalsWithCounts) {
  const auto before = lishui();
  auto after = before;
  model::Person p;
  p.id = p.name = "王新";
  after.people.push_back(p);
  model::Pairing pr;
  pr.kind = model::kinds::kLeaderArea;
  pr.helper = {model::Party::Kind::Person, "王新"};
  pr.target = {model::Party::Kind::Area, "青田县"};
  after.pairings.push_back(pr);
  // Remove a leader with their pairings.
  const std::string gone = after.pairings.front().helper.ref;
  after.people.erase(std::remove_if(after.people.begin(), after.people.end(),
                                    [&](const model::Person& x) { return x.id == gone; }),
                     after.people.end());
  after.pairings.erase(after.pairings.begin());
  const auto r = diff::compare(before, after);
  const auto people = of(r, Category::Person);
  ASSERT_EQ(people.size(), 2u) << diff::formatText(r);
  EXPECT_EQ(people[0].type, ChangeType::Added);
  EXPECT_EQ(people[0].subject, "王新");
  EXPECT_EQ(people[1].type, ChangeType::Removed);
  EXPECT_EQ(people[1].subject, before.findPerson(gone)->name);
  const auto pairings = of(r, Category::Pairing);
  EXPECT_EQ(pairings.size(), 2u) << diff::formatText(r);
  // 33 people → 33 (one in, one out): only the pairing count is unchanged too.
  EXPECT_TRUE(of(r, Category::Figure).empty()) << diff::formatText(r);
}

TEST(DiffTest, ReportNoticeMarksTheChangedCellsInHei) {
  const auto before = lishui();
  auto after = before;
  after.units[3].name = "新名称单位";
  const auto r = diff::compare(before, after);
  const auto notice = diff::reportNotice(r, before, after);
  ASSERT_EQ(notice.appendices.size(), 1u);
  const auto& t = std::get<bangfu::doc::Table>(notice.appendices[0].blocks[0]);
  ASSERT_EQ(t.rows.size(), 2u);  // header + one change
  const auto& row = t.rows[1];
  EXPECT_EQ(row.cells[2].plainText(), "更名");
  EXPECT_EQ(row.cells[4].plainText(), before.units[3].name);
  ASSERT_FALSE(row.cells[5].lines.empty());
  EXPECT_EQ(row.cells[5].lines[0].runs[0].face, bangfu::doc::Face::Hei);
  EXPECT_EQ(row.cells[5].plainText(), "新名称单位");
}
