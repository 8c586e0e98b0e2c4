# bangfu_add_plugin(<id> SOURCES …): builds the plugin twice from the same sources
# (style-anchors "What to absorb" 9): a MODULE `bangfu-<id>.so` in build/plugins/
# for the host to dlopen, and a static `bangfu_plugin_<id>_static` for tests.
function(bangfu_add_plugin id)
  cmake_parse_arguments(P "" "" "SOURCES" ${ARGN})
  set(_mod bangfu_plugin_${id})
  add_library(${_mod} MODULE ${P_SOURCES})
  target_link_libraries(${_mod} PRIVATE bangfu_core)
  set_target_properties(${_mod} PROPERTIES
    PREFIX "" OUTPUT_NAME "bangfu-${id}" SUFFIX ".so"
    LIBRARY_OUTPUT_DIRECTORY ${BANGFU_PLUGIN_BUILD_DIR}
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON
    # build/plugins → build/lib; <libdir>/bangfu/plugins → <libdir>
    BUILD_WITH_INSTALL_RPATH ON INSTALL_RPATH "$ORIGIN/../lib;$ORIGIN/../..")
  # --no-undefined makes up for RTLD_LAZY (style-anchors §7). Not with sanitizers:
  # clang leaves the ASan/UBSan runtime to the executable, so a module has
  # undefined __asan_* symbols by design there.
  if(NOT BANGFU_SANITIZE)
    target_link_options(${_mod} PRIVATE -Wl,--no-undefined)
  endif()
  install(TARGETS ${_mod} LIBRARY DESTINATION ${BANGFU_PLUGIN_INSTALL_DIR})

  add_library(${_mod}_static STATIC ${P_SOURCES})
  target_link_libraries(${_mod}_static PUBLIC bangfu_core)
  target_compile_definitions(${_mod}_static PRIVATE BANGFU_PLUGIN_STATIC=1)
  set_target_properties(${_mod}_static PROPERTIES POSITION_INDEPENDENT_CODE ON)
  set_property(GLOBAL APPEND PROPERTY BANGFU_PLUGIN_TARGETS ${_mod})
  set_property(GLOBAL APPEND PROPERTY BANGFU_PLUGIN_STATIC_TARGETS ${_mod}_static)
endfunction()
