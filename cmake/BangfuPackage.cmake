# `cpack -G DEB` in the build folder (scripts/package.sh) makes two Debian packages:
#   bangfu      /usr/bin/bangfu, libbangfu_core, the plugins in /usr/lib/bangfu/plugins,
#               fonts.conf and the web page's files in /usr/share/bangfu, the man page
#               and bash completion;
#   bangfu-dev  the plugin SDK: public headers, the libbangfu_core.so link, the CMake
#               package (find_package(bangfu) + bangfu_add_plugin) and the templates.
# Configure with -DCMAKE_INSTALL_PREFIX=/usr for a package (scripts/setup.sh does).
install(FILES packaging/bangfu.bash-completion DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME bangfu COMPONENT runtime)

set(CPACK_PACKAGE_NAME bangfu)
set(CPACK_PACKAGE_VENDOR "bangfu")
set(CPACK_PACKAGE_CONTACT "bangfu maintainers <bangfu@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "结对帮扶方案 notices and appendix tables typeset to GB/T 9704-2012")
set(CPACK_PACKAGE_DESCRIPTION
    "bangfu turns a pairing-assistance scheme into the notice and its appendix tables, rosters and pairing lists (DOCX, XLSX, PDF through LibreOffice), typeset to GB/T 9704-2012, with per-region plugins.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime dev)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://localhost/bangfu")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME bangfu)
set(CPACK_DEBIAN_DEV_PACKAGE_NAME bangfu-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
# Depends from the binaries' own needs (dpkg-shlibdeps); libbangfu_core is the
# package's own library, which dpkg-shlibdeps finds in the staging tree.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${CMAKE_BINARY_DIR}/lib)
# PDF output and the GB/T 9704 faces (fonts/fonts.conf) are wanted, not required:
# DOCX and XLSX need neither.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_RECOMMENDS
    "libreoffice-writer-nogui, libreoffice-calc-nogui, poppler-utils, fontconfig, texlive-lang-chinese, fonts-noto-cjk, fonts-arphic-ukai, fonts-arphic-uming")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SUGGESTS "xdg-utils")
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "bangfu (= ${PROJECT_VERSION}), libpoco-dev, cmake (>= 3.20), g++")
set(CPACK_DEBIAN_DEV_PACKAGE_RECOMMENDS "libgtest-dev")
include(CPack)
