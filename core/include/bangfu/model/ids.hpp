#pragma once
/// Entity ids apart from printed names (docs/workbook.md "编号与更名").
///
/// A hand-written JSON scheme may use an entity's name as its id (the string
/// shorthand). A workbook gives areas, units and people stable codes (A001, U001,
/// P001) so that a rename is one 名称 cell and every reference keeps its code.
/// These functions move a scheme between the two without changing what it says.
#include <map>
#include <set>
#include <string>

#include "bangfu/model/scheme.hpp"

namespace bangfu::model {

/// The entity kinds that carry codes: what a reference names.
enum class IdKind { Area, Unit, Person };

/// old id → new id, per kind.
using IdMap = std::map<std::string, std::string>;

/// Gives every entity of `kind` whose id is `from` the id `to`, and rewrites every
/// reference to it (parents, units of people, team targets, members and people,
/// pairings, committee members). Ids not in the map are left as they are.
void renameIds(Scheme& scheme, IdKind kind, const IdMap& renames);

/// The ids of `kind` that something refers to (empty references left out).
std::set<std::string> referencedIds(const Scheme& scheme, IdKind kind);

/// The code prefix of a kind: A (区划), U (单位), P (人员).
const char* codePrefix(IdKind kind);

/// Replaces each id that is the entity's own name (the JSON shorthand) by a code
/// of its kind, numbered in the scheme's order (U001, U002 …; more digits past
/// 999), skipping codes the scheme already uses. Ids that differ from the name are
/// already codes of the author's choice and are kept.
void assignCodes(Scheme& scheme);

/// `scheme` with its ids changed to `reference`'s where both name the same entity
/// by different ids: an entity whose id `reference` lacks takes the id of the one
/// entity of `reference` with the same name whose id `scheme` lacks. So a scheme
/// whose ids are codes compares with one whose ids are names (the JSON a
/// workbook was made from), and only real changes remain.
Scheme withIdsOf(const Scheme& reference, Scheme scheme);

}  // namespace bangfu::model
