#!/usr/bin/env bash
# One clang build with AddressSanitizer + UndefinedBehaviorSanitizer serves two
# checks: the GoogleTest suite runs under the sanitizers, then each libFuzzer
# target (tests/fuzz/*_fuzz.cpp) runs for SECONDS on its committed seed corpus.
#   scripts/sanitize.sh [SECONDS]     default 20 s per fuzz target
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-20}
CC=clang CXX=clang++ cmake -S . -B build-san -DCMAKE_BUILD_TYPE=Debug -DBANGFU_WERROR=ON \
  -DBANGFU_SANITIZE=ON -DBANGFU_FUZZ=ON >/dev/null
targets=$(cd tests/fuzz && ls *_fuzz.cpp | sed 's/\.cpp$//')
cmake --build build-san -j"$(nproc)" --target bangfu bangfu_tests $targets

echo "sanitize: GoogleTest suite under ASan+UBSan"
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  build-san/bangfu_tests --gtest_brief=1

for t in $targets; do
  corpus=tests/fuzz/corpus/${t%_fuzz}
  work=$(mktemp -d)
  [ -d "$corpus" ] && cp -r "$corpus"/. "$work"/
  echo "sanitize: fuzz $t for ${SECONDS_EACH}s"
  if ! ASAN_OPTIONS=detect_leaks=1 build-san/$t -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 "$work" >"build-san/$t.log" 2>&1; then
    tail -60 "build-san/$t.log"
    exit 1
  fi
  grep -E '^stat::number_of_executed_units' "build-san/$t.log" || true
  rm -rf "$work"
done
