#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) and runs each for SECONDS.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-20}
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DBANGFU_FUZZ=ON -DBANGFU_SANITIZE=ON \
  -DBANGFU_BUILD_TESTS=ON >/dev/null
targets=$(cd tests/fuzz 2>/dev/null && ls *_fuzz.cpp 2>/dev/null | sed 's/\.cpp$//' || true)
[ -n "$targets" ] || { echo "fuzz: no targets"; exit 0; }
cmake --build build-fuzz -j"$(nproc)" --target $targets
for t in $targets; do
  corpus=tests/fuzz/corpus/${t%_fuzz}
  work=$(mktemp -d)
  [ -d "$corpus" ] && cp -r "$corpus"/. "$work"/
  echo "fuzz: $t for ${SECONDS_EACH}s"
  ASAN_OPTIONS=detect_leaks=1 build-fuzz/$t -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=0 "$work" >"build-fuzz/$t.log" 2>&1 || { tail -40 "build-fuzz/$t.log"; exit 1; }
  rm -rf "$work"
done
