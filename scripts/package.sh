#!/usr/bin/env bash
# Builds (scripts/setup.sh) and packs the Debian packages into build/:
#   bangfu_VERSION_amd64.deb      the program, plugins, fonts.conf, man page, completion
#   bangfu-dev_VERSION_amd64.deb  the plugin SDK (headers, CMake package, templates)
# Install them with: sudo apt-get install ./build/bangfu_*.deb [./build/bangfu-dev_*.deb]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x build/bangfu ] || scripts/setup.sh
cmake --build build -j"$(nproc)"
(cd build && cpack -G DEB)
ls build/*.deb
