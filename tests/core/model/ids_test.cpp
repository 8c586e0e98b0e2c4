// Entity ids apart from names (bangfu/model/ids.hpp): codes for a workbook, and
// matching two schemes' ids by name so a coded scheme compares with its JSON.
#include "bangfu/model/ids.hpp"

#include <gtest/gtest.h>

#include "bangfu/diff/diff.hpp"
#include "bangfu/validate/validate.hpp"

using namespace bangfu;

namespace {

/// Every kind of reference to an area, a unit and a person, by name-as-id.
model::Scheme small() {
  model::Scheme s;
  s.areas = {{"丽水市", "丽水市", model::AreaLevel::City, "", "", {}, {}},
             {"莲都区", "莲都区", model::AreaLevel::County, "丽水市", "", {}, {}}};
  s.units = {{"市人防办", "市人防办", "", {}, {}}, {"U002", "市外办", "", {}, {}}};
  model::Person p;
  p.id = p.name = "杜兴林";
  p.unit = "市人防办";
  s.people = {p};
  model::Team t;
  t.id = "莲都区团组";
  t.target = "莲都区";
  t.partnerAreas = {"丽水市"};
  t.leader = model::TeamMember{{"市人防办"}, 2, {}};
  t.members = {model::TeamMember{{"U002", "市人防办"}, 1, {}}};
  t.people = {"杜兴林"};
  s.teams = {t};
  model::Pairing pair;
  pair.kind = model::kinds::kLeaderArea;
  pair.helper = {model::Party::Kind::Person, "杜兴林"};
  pair.target = {model::Party::Kind::Area, "莲都区"};
  s.pairings = {pair};
  model::Committee c;
  c.id = "领导小组";
  c.roles = {{"组长", {"杜兴林"}, false}};
  s.committees = {c};
  return s;
}

}  // namespace

TEST(EntityIds, CodesReplaceNamesAsIdsEverywhereAndSkipTakenCodes) {
  model::Scheme s = small();
  model::assignCodes(s);
  EXPECT_EQ(s.areas[0].id, "A001");
  EXPECT_EQ(s.areas[1].id, "A002");
  EXPECT_EQ(s.areas[1].parent, "A001");
  EXPECT_EQ(s.units[0].id, "U001");
  EXPECT_EQ(s.units[1].id, "U002");  // the author's own code is kept
  EXPECT_EQ(s.people[0].id, "P001");
  EXPECT_EQ(s.people[0].unit, "U001");
  const auto& t = s.teams[0];
  EXPECT_EQ(t.id, "莲都区团组");  // teams keep their ids
  EXPECT_EQ(t.target, "A002");
  EXPECT_EQ(t.partnerAreas, std::vector<std::string>{"A001"});
  EXPECT_EQ(t.leader->units, std::vector<std::string>{"U001"});
  EXPECT_EQ(t.members[0].units, (std::vector<std::string>{"U002", "U001"}));
  EXPECT_EQ(t.people, std::vector<std::string>{"P001"});
  EXPECT_EQ(s.pairings[0].helper.ref, "P001");
  EXPECT_EQ(s.pairings[0].target.ref, "A002");
  EXPECT_EQ(s.committees[0].roles[0].people, std::vector<std::string>{"P001"});
  EXPECT_EQ(s.units[0].name, "市人防办");

  // A code the scheme already uses is skipped, not given twice.
  model::Scheme taken = small();
  taken.units[1].id = "U001";
  model::assignCodes(taken);
  EXPECT_EQ(taken.units[0].id, "U002");
  EXPECT_EQ(taken.people[0].unit, "U002");
}

TEST(EntityIds, WithIdsOfUndoesTheCodesAndLeavesRealChanges) {
  const model::Scheme json = small();
  model::Scheme coded = json;
  model::assignCodes(coded);
  EXPECT_FALSE(coded == json);
  EXPECT_TRUE(model::withIdsOf(json, coded) == json);
  EXPECT_TRUE(diff::compare(json, coded).empty());

  // A rename of a coded unit stays a rename: its new name matches nothing.
  model::Scheme renamed = coded;
  renamed.units[0].name = "市人民防空办公室";
  const auto report = diff::compare(coded, renamed);
  ASSERT_EQ(report.changes.size(), 1u) << diff::formatText(report);
  EXPECT_EQ(report.changes[0].type, diff::ChangeType::Renamed);
  EXPECT_EQ(report.changes[0].before, "市人防办");
  EXPECT_EQ(report.changes[0].after, "市人民防空办公室");

  // Two people of one name are not guessed at.
  model::Scheme twins = json;
  model::Person other = twins.people[0];
  other.id = "张伟#2";
  twins.people[0].id = "张伟#1";
  twins.people[0].name = other.name = "张伟";
  twins.people.push_back(other);
  model::Scheme codedTwins = twins;
  codedTwins.people[0].id = "P001";
  codedTwins.people[1].id = "P002";
  const model::Scheme back = model::withIdsOf(twins, codedTwins);
  EXPECT_EQ(back.people[0].id, "P001");
  EXPECT_EQ(back.people[1].id, "P002");
}

TEST(EntityIds, UnknownReferenceHintsPutARenameBeforeRegistering) {
  auto hintOf = [](const model::Scheme& s, const std::string& code) {
    diag::Diagnostics d;
    validate::validateScheme(s, d);
    for (const auto& x : d.items())
      if (x.code == code) return x.format();
    return std::string("(no " + code + ")");
  };
  // The unit renamed where it is registered, its references still on the old name.
  model::Scheme s = small();
  s.units[0].id = s.units[0].name = "市人民防空办公室";
  s.units[1].id = "U002";
  s.teams[0].members[0].units = {"U002"};
  const std::string renamed = hintOf(s, "ref.unknown-unit");
  EXPECT_NE(renamed.find("是否由“市人防办”更名而来"), std::string::npos) << renamed;
  EXPECT_NE(renamed.find("改为“市人民防空办公室”"), std::string::npos) << renamed;
  EXPECT_EQ(renamed.find("登记“市人防办”"), std::string::npos) << renamed;

  // A name two people share asks for the 编号.
  model::Scheme twins = small();
  model::Person other = twins.people[0];
  twins.people[0].id = "P001";
  other.id = "P002";
  twins.people.push_back(other);
  const std::string shared = hintOf(twins, "ref.unknown-person");
  EXPECT_NE(shared.find("有2个同名"), std::string::npos) << shared;
  EXPECT_NE(shared.find("P001"), std::string::npos) << shared;
  EXPECT_NE(shared.find("P002"), std::string::npos) << shared;

  // JSON referring by name to a coded unit: the fix is its id.
  model::Scheme named = small();
  model::assignCodes(named);
  named.people[0].unit = "市人防办";
  const std::string byName = hintOf(named, "ref.unknown-unit");
  EXPECT_NE(byName.find("它的编号是“U001”"), std::string::npos) << byName;
}
