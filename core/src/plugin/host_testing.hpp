#pragma once
/// Test seam of the plugin host (private to the area and its tests).
#include <string>

namespace bangfu::plugin::detail {

/// Called by PluginHost::load after the module file has been opened and checked and
/// before dlopen, with the module's path: a test replaces the file there to show
/// that what runs is the file that was checked (tests/core/plugin/host_test.cpp).
/// No hook: nothing.
using LoadHook = void (*)(const std::string& path);
void setLoadHookForTesting(LoadHook hook);

}  // namespace bangfu::plugin::detail
