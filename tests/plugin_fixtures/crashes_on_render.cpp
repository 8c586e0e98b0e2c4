// A plugin whose render crashes (SIGSEGV): `bangfu render` must report it as this
// plugin's failure, naming the appendix, write nothing, and exit 3.
#include <csignal>

#include "bangfu/plugin/plugin.hpp"
#include "marker.hpp"

namespace {
class Crasher : public bangfu::plugin::JurisdictionPlugin {
 public:
  std::vector<bangfu::plugin::AppendixSpec> appendices() const override {
    return {{"roster", "附件1", "花名册", bangfu::doc::Orientation::Portrait}};
  }
  bangfu::doc::Appendix render(const bangfu::model::Scheme&,
                               const bangfu::model::AppendixRef&) const override {
    std::raise(SIGSEGV);
    return {};
  }
};
}  // namespace
BANGFU_FIXTURE_MARKER("crashes")  // the positive control: a module that is loaded leaves its mark
BANGFU_PLUGIN(Crasher, "crashes", "0.0.1", "测试")
