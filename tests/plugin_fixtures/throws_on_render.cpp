// A plugin whose render fails: the host must name the plugin and the appendix.
#include <stdexcept>

#include "bangfu/plugin/plugin.hpp"
#include "marker.hpp"

namespace {
class Broken : public bangfu::plugin::JurisdictionPlugin {
 public:
  std::vector<bangfu::plugin::AppendixSpec> appendices() const override {
    return {{"roster", "附件1", "花名册", bangfu::doc::Orientation::Portrait}};
  }
  bangfu::doc::Appendix render(const bangfu::model::Scheme&,
                               const bangfu::model::AppendixRef&) const override {
    throw std::runtime_error("column 3 has no data");
  }
};
}  // namespace
BANGFU_FIXTURE_MARKER("throws")  // the positive control: a module that is loaded leaves its mark
BANGFU_PLUGIN(Broken, "throws", "0.0.1", "测试")
