#!/usr/bin/env bash
# Installs every Debian package bangfu needs to build, test and render, then
# configures and builds into build/. Safe to run twice. Used by the README's two
# commands and by .ci/run.
#   scripts/setup.sh            build dependencies + build
#   scripts/setup.sh --deps     dependencies only
set -euo pipefail
cd "$(dirname "$0")/.."

need_root() { if [ "$(id -u)" -ne 0 ]; then echo sudo; fi; }
SUDO=$(need_root)

# Build: compiler, CMake, the libraries of the stack. Test: GoogleTest, the real
# readers (python3-docx, openpyxl), LibreOffice headless and poppler for render
# checks, strace for the batch build's syscall-order test, and free CJK fonts
# mapped by fonts/fonts.conf.
PACKAGES=(
  build-essential cmake pkg-config git file dpkg-dev
  libpoco-dev libpugixml-dev libxlsxwriter-dev libzip-dev zlib1g-dev libicu-dev libssl-dev
  libgtest-dev clang clang-tidy clang-format libclang-rt-14-dev
  python3 python3-docx python3-openpyxl python3-pdfminer
  chromium chromium-driver python3-selenium firefox-esr
  libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fontconfig strace
  fonts-arphic-ukai fonts-arphic-uming fonts-noto-cjk texlive-lang-chinese fonts-liberation2 fonts-crosextra-carlito
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

[ "${1:-}" = "--deps" ] && exit 0

# Prefix /usr: what the Debian package installs (scripts/package.sh); the build tree
# itself never looks there.
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr ${BANGFU_CMAKE_ARGS:-}
cmake --build build -j"$(nproc)"
