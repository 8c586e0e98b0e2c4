// A plugin built against a future ABI. The host must reject it from its info
// symbol alone: neither pocoInitializeLibrary nor the class constructor may run.
#include <cstdlib>

#include "bangfu/plugin/plugin.hpp"

namespace {
class FuturePlugin : public bangfu::plugin::JurisdictionPlugin {
 public:
  FuturePlugin() { setenv("BANGFU_FIXTURE_CTOR_RAN", "1", 1); }
  std::vector<bangfu::plugin::AppendixSpec> appendices() const override { return {}; }
  bangfu::doc::Appendix render(const bangfu::model::Scheme&, const bangfu::model::AppendixRef&) const override {
    return {};
  }
};
}  // namespace

extern "C" __attribute__((visibility("default"))) const struct bangfu_plugin_info* bangfu_plugin_info() {
  static const struct bangfu_plugin_info info{999, "9.9.9", "future", "1.0.0", "未来市"};
  return &info;
}
extern "C" __attribute__((visibility("default"))) void pocoInitializeLibrary() {
  setenv("BANGFU_FIXTURE_INIT_RAN", "1", 1);
}
POCO_BEGIN_MANIFEST(bangfu::plugin::JurisdictionPlugin)
POCO_EXPORT_CLASS(FuturePlugin)
POCO_END_MANIFEST
