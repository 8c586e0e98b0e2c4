#!/usr/bin/env bash
# clang-format (committed .clang-format) over every C and C++ source, then
# clang-tidy over the core, CLI and plugin sources with the committed .clang-tidy.
# Fails on any finding of either.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/compile_commands.json ] || scripts/setup.sh

unformatted=$(git ls-files '*.cpp' '*.hpp' '*.c' '*.h' |
  xargs -P"$(nproc)" -n8 clang-format --dry-run -Werror 2>&1 | grep -E '^[^ ]+:[0-9]+:[0-9]+: error' |
  cut -d: -f1 | sort -u || true)
if [ -n "$unformatted" ]; then
  echo "clang-format: these files differ from .clang-format (run clang-format -i on them):"
  echo "$unformatted"
  exit 1
fi
echo "clang-format: every source file follows .clang-format"
log=$(mktemp)
status=0
git ls-files 'core/src/*.cpp' 'core/cli/*.cpp' 'plugins/*.cpp' |
  xargs -P"$(nproc)" -n4 clang-tidy -p build --quiet --warnings-as-errors='*' >"$log" 2>&1 || status=$?
grep -v -E '^[0-9]+ warnings? (and [0-9]+ errors? )?generated|^Suppressed|^Use -header-filter' "$log" || true
rm -f "$log"
[ "$status" -eq 0 ] && echo "clang-tidy: no findings"
exit "$status"
