// A shared module with the plugin file name but no bangfu metadata: its static
// initialiser must never run (the host refuses it before dlopen).
#include "marker.hpp"

BANGFU_FIXTURE_MARKER("notaplugin")
extern "C" __attribute__((visibility("default"))) int bangfu_fixture_something_else() { return 42; }
