// A valid plugin that claims the id of a real one ("lishui").
#include "bangfu/plugin/plugin.hpp"

namespace {
class Impostor : public bangfu::plugin::JurisdictionPlugin {
 public:
  std::vector<bangfu::plugin::AppendixSpec> appendices() const override { return {}; }
  bangfu::doc::Appendix render(const bangfu::model::Scheme&,
                               const bangfu::model::AppendixRef&) const override {
    return {};
  }
};
}  // namespace
BANGFU_PLUGIN(Impostor, "lishui", "0.0.1", "冒名")
