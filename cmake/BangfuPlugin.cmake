# bangfu_add_plugin(<id> SOURCES …): builds the plugin twice from the same sources
# (style-anchors "What to absorb" 9): a MODULE `bangfu-<id>.so` for the host to
# dlopen, and a static `bangfu_plugin_<id>_static` for tests.
#
# One definition serves both places a plugin is built: inside the bangfu tree
# (plugins/<id>/, modules in build/plugins/) and outside it against the installed
# SDK (find_package(bangfu), which includes this file; modules in the project's
# build folder, installed to <prefix>/lib/bangfu/plugins, so
# `cmake --install build --prefix ~/.local` puts one where bangfu looks).
if(NOT DEFINED BANGFU_PLUGIN_INSTALL_DIR)
  set(BANGFU_PLUGIN_INSTALL_DIR "lib/bangfu/plugins")
endif()

function(bangfu_add_plugin id)
  cmake_parse_arguments(P "" "" "SOURCES" ${ARGN})
  if(NOT id MATCHES "^[a-z][a-z0-9_]*$")
    message(FATAL_ERROR "bangfu_add_plugin: id '${id}' must be lower case letters, digits and _")
  endif()
  set(_out_dir ${BANGFU_PLUGIN_BUILD_DIR})
  if(NOT _out_dir)
    set(_out_dir ${CMAKE_CURRENT_BINARY_DIR})
  endif()
  set(_mod bangfu_plugin_${id})
  add_library(${_mod} MODULE ${P_SOURCES})
  target_link_libraries(${_mod} PRIVATE bangfu::core)
  set_target_properties(${_mod} PROPERTIES
    PREFIX "" OUTPUT_NAME "bangfu-${id}" SUFFIX ".so"
    LIBRARY_OUTPUT_DIRECTORY ${_out_dir}
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON
    # build/plugins → build/lib (in the tree); <prefix>/lib/bangfu/plugins →
    # <prefix>/<libdir> when bangfu is installed in a prefix of its own (the
    # system's libdir needs no entry).
    BUILD_WITH_INSTALL_RPATH ON INSTALL_RPATH "$ORIGIN/../lib;$ORIGIN/../../../${CMAKE_INSTALL_LIBDIR}")
  # --no-undefined makes up for RTLD_LAZY (style-anchors §7). Not with sanitizers:
  # clang leaves the ASan/UBSan runtime to the executable, so a module has
  # undefined __asan_* symbols by design there.
  if(NOT BANGFU_SANITIZE)
    target_link_options(${_mod} PRIVATE -Wl,--no-undefined)
  endif()
  install(TARGETS ${_mod} LIBRARY DESTINATION ${BANGFU_PLUGIN_INSTALL_DIR} COMPONENT runtime)

  add_library(${_mod}_static STATIC ${P_SOURCES})
  target_link_libraries(${_mod}_static PUBLIC bangfu::core)
  target_compile_definitions(${_mod}_static PRIVATE BANGFU_PLUGIN_STATIC=1)
  set_target_properties(${_mod}_static PROPERTIES POSITION_INDEPENDENT_CODE ON)
  set_property(GLOBAL APPEND PROPERTY BANGFU_PLUGIN_TARGETS ${_mod})
  set_property(GLOBAL APPEND PROPERTY BANGFU_PLUGIN_STATIC_TARGETS ${_mod}_static)
endfunction()
