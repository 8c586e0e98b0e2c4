# The plugin SDK as installed: public headers, libbangfu_core's development link,
# and a CMake package so that a plugin outside the tree builds with
#   find_package(bangfu REQUIRED)
#   bangfu_add_plugin(quzhou SOURCES quzhou_plugin.cpp)
# (docs/plugin-guide.md "Outside the tree"). Everything here is the `dev` component.
include(CMakePackageConfigHelpers)

install(EXPORT bangfuTargets NAMESPACE bangfu:: FILE bangfuTargets.cmake
        DESTINATION ${BANGFU_CMAKE_INSTALL_DIR} COMPONENT dev)
configure_package_config_file(cmake/bangfuConfig.cmake.in ${CMAKE_CURRENT_BINARY_DIR}/bangfuConfig.cmake
                              INSTALL_DESTINATION ${BANGFU_CMAKE_INSTALL_DIR})
# Same major version = same plugin ABI family; the host still checks the ABI number.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/bangfuConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/bangfuConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/bangfuConfigVersion.cmake
              cmake/BangfuPlugin.cmake
        DESTINATION ${BANGFU_CMAKE_INSTALL_DIR} COMPONENT dev)
# The scaffold's templates, for reading (bangfu new-plugin has them compiled in).
install(DIRECTORY templates/plugin/ DESTINATION ${BANGFU_DATA_INSTALL_DIR}/templates/plugin COMPONENT dev)
