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

/// The place of `field` (a JSON path such as people[3].name): its workbook cell when
/// the reader recorded one, else `where` (the entity's place) narrowed to the field,
/// with the scheme's file.
diag::Location placeOf(const model::Scheme& scheme, const diag::Location& where, const std::string& field);

/// Characters the printed outputs cannot set in the faces GB/T 9704 names (a
/// warning each, at the first place the character occurs, with the count):
///  - glyph.outside-gb2312: a hanzi outside the 6763 of GB 2312-1980, which the
///    仿宋_GB2312 / 楷体_GB2312 fonts of an office machine lack;
///  - glyph.no-face: any other CJK character (from U+2E80) the mapped face lacks.
/// Either way the writers set the character in layout::fallbackFamily.
void checkGlyphCoverage(const model::Scheme& scheme, diag::Diagnostics& diags);

}  // namespace bangfu::validate
