// A shared module with the plugin file name but no bangfu_plugin_info symbol.
extern "C" __attribute__((visibility("default"))) int bangfu_fixture_something_else() { return 42; }
