#pragma once
/// Core validation rules (issue 3 "Diagnostics and validation"). Every problem is
/// collected into Diagnostics with its place; nothing throws. Plugins add their
/// own rules through JurisdictionPlugin::validate.
#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/model/scheme.hpp"

namespace bangfu::validate {

/// Runs every core rule:
///  - duplicate ids of areas, units, people, teams (ref.duplicate-*);
///  - references that do not resolve, with the nearest name as a suggestion (ref.unknown-*);
///  - required fields that are empty (field.required), a pairing side included;
///  - a count outside 1..999 in （N个） (member.bad-count);
///  - an area that is its own parent or a cycle of parents (area.self-parent, area.parent-cycle);
///  - a unit twice in one team (team.duplicate-unit), a pairing twice (pairing.duplicate),
///    an appendix id twice (notice.duplicate-appendix);
///  - a team's stated 工作组数 against its members with multiplicities (team.groups-mismatch);
///  - stated totals and counts against computed ones (stated.mismatch, a warning:
///    the published figure is kept and the difference reported);
///  - 发文字号 and 成文日期 forms (notice.doc-number, notice.date; warnings with the normalised form).
void validateScheme(const model::Scheme& scheme, diag::Diagnostics& diags);

}  // namespace bangfu::validate
