#pragma once
/// The names of the model's enumerations in the JSON format (docs/scheme-json.md)
/// and their Chinese labels in the input workbook (docs/workbook.md).
#include <optional>
#include <string>
#include <vector>

#include "bangfu/model/scheme.hpp"

namespace bangfu::io::names {

struct Label {
  const char* key;  ///< JSON spelling
  const char* zh;   ///< workbook spelling
};

inline constexpr Label kAreaLevels[] = {
    {"province", "省"}, {"city", "市"}, {"county", "县"}, {"town", "乡镇"}, {"village", "村"}};
inline constexpr Label kPartyKinds[] = {
    {"person", "人员"}, {"unit", "单位"}, {"team", "团组"}, {"area", "区划"}, {"household", "农户"}};
/// model::kinds, with the names the seeds use for them.
inline constexpr Label kPairingKinds[] = {{"leader-area", "领导联系"},   {"unit-village", "单位定点帮扶"},
                                          {"team-area", "团组帮扶"},     {"resident-group", "驻村工作组"},
                                          {"county-county", "县域结对"}, {"enterprise-support", "企业帮扶"},
                                          {"household", "结对帮户"}};
inline constexpr Label kAreaFlags[] = {{"key-village", "重点帮扶村"}, {"hard-village", "困难村"}};
inline constexpr Label kUnitFlags[] = {{"instructor-sender", "指导员派出单位"}, {"enterprise", "企业"}};

std::string areaLevelKey(model::AreaLevel level);
std::optional<model::AreaLevel> areaLevelFromKey(const std::string& key);
std::string areaLevelZh(model::AreaLevel level);
/// Accepts the Chinese label or the JSON key.
std::optional<model::AreaLevel> areaLevelFromText(const std::string& text);

std::string partyKindKey(model::Party::Kind kind);
std::optional<model::Party::Kind> partyKindFromKey(const std::string& key);
std::string partyKindZh(model::Party::Kind kind);
std::optional<model::Party::Kind> partyKindFromText(const std::string& text);

/// Chinese label of a key from `table`, or the key itself when the table lacks it
/// (plugins may use their own pairing kinds and flags); and back.
template <std::size_t N>
std::string toZh(const Label (&table)[N], const std::string& key) {
  for (const auto& l : table)
    if (key == l.key) return l.zh;
  return key;
}
template <std::size_t N>
std::string fromZh(const Label (&table)[N], const std::string& text) {
  for (const auto& l : table)
    if (text == l.zh) return l.key;
  return text;
}
template <std::size_t N>
std::vector<std::string> zhLabels(const Label (&table)[N]) {
  std::vector<std::string> out;
  for (const auto& l : table) out.emplace_back(l.zh);
  return out;
}

}  // namespace bangfu::io::names
