// A plugin built against a future ABI. The host must refuse it from the metadata
// in its file alone: no static initialiser, pocoInitializeLibrary or class
// constructor may run (each would leave a mark).
#include <cstdlib>

#include "bangfu/plugin/plugin.hpp"
#include "marker.hpp"

namespace {
class FuturePlugin : public bangfu::plugin::JurisdictionPlugin {
 public:
  FuturePlugin() { setenv("BANGFU_FIXTURE_CTOR_RAN", "1", 1); }
  std::vector<bangfu::plugin::AppendixSpec> appendices() const override { return {}; }
  bangfu::doc::Appendix render(const bangfu::model::Scheme&,
                               const bangfu::model::AppendixRef&) const override {
    return {};
  }
};
}  // namespace

BANGFU_FIXTURE_MARKER("badabi")
BANGFU_PLUGIN_METADATA(999, "future", "1.0.0", "未来市");
extern "C" __attribute__((visibility("default"))) void pocoInitializeLibrary() {
  setenv("BANGFU_FIXTURE_INIT_RAN", "1", 1);
}
POCO_BEGIN_MANIFEST(bangfu::plugin::JurisdictionPlugin)
POCO_EXPORT_CLASS(FuturePlugin)
POCO_END_MANIFEST
