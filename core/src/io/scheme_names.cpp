#include "io/scheme_names.hpp"

namespace bangfu::io::names {

namespace {
template <class E, std::size_t N>
std::optional<E> find(const Label (&table)[N], const std::string& s, bool zh) {
  for (std::size_t i = 0; i < N; ++i)
    if (s == (zh ? table[i].zh : table[i].key)) return static_cast<E>(i);
  return std::nullopt;
}
}  // namespace

// The tables list the enumerators in declaration order, so the index is the value.
std::string areaLevelKey(model::AreaLevel level) { return kAreaLevels[static_cast<int>(level)].key; }
std::string areaLevelZh(model::AreaLevel level) { return kAreaLevels[static_cast<int>(level)].zh; }
std::optional<model::AreaLevel> areaLevelFromKey(const std::string& key) {
  return find<model::AreaLevel>(kAreaLevels, key, false);
}
std::optional<model::AreaLevel> areaLevelFromText(const std::string& text) {
  if (auto l = find<model::AreaLevel>(kAreaLevels, text, true)) return l;
  return areaLevelFromKey(text);
}

std::string partyKindKey(model::Party::Kind kind) { return kPartyKinds[static_cast<int>(kind)].key; }
std::string partyKindZh(model::Party::Kind kind) { return kPartyKinds[static_cast<int>(kind)].zh; }
std::optional<model::Party::Kind> partyKindFromKey(const std::string& key) {
  return find<model::Party::Kind>(kPartyKinds, key, false);
}
std::optional<model::Party::Kind> partyKindFromText(const std::string& text) {
  if (auto k = find<model::Party::Kind>(kPartyKinds, text, true)) return k;
  return partyKindFromKey(text);
}

static_assert(static_cast<int>(model::AreaLevel::Village) == 4, "kAreaLevels follows AreaLevel");
static_assert(static_cast<int>(model::Party::Kind::Household) == 4, "kPartyKinds follows Party::Kind");

}  // namespace bangfu::io::names
