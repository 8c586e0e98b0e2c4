#pragma once
/// The published shorthand of team members, shared by every loader and renderer:
///   市农业农村局（2个）        one unit sending 2 groups
///   丽水开发区管委会(2)        the same, as one seed writes it
///   （市文联、市社科联）        a joint group of two units counting as one
#include <string>
#include <string_view>

#include "bangfu/model/scheme.hpp"

namespace bangfu::model {

/// Parses one entry. Unit names are taken as ids. Half-width brackets are accepted.
/// A count outside kMinMultiplicity..kMaxMultiplicity (（0个）, （99999999999999999999个）)
/// is reported to `diags` as member.bad-count at `where`, and the member counts 1.
/// Without `diags` such a count is kept as 0, which validate::validateScheme reports.
TeamMember parseMemberText(std::string_view text, diag::Diagnostics* diags = nullptr,
                           const diag::Location& where = {});

/// Formats a member as published, in full-width punctuation: 市农业农村局（2个）,
/// （市文联、市社科联）. Unit names come from the scheme when the id resolves.
std::string formatMemberText(const TeamMember& member, const Scheme* scheme = nullptr);

}  // namespace bangfu::model
