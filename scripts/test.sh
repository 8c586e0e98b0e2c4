#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and runs the whole test suite with ctest.
#   scripts/test.sh [--require-all] [--no-build] [CTEST ARGS...]
# --require-all (implied by CI=true): nothing may be skipped. Every test reads
# BANGFU_REQUIRE_ALL=1 and fails where it would skip (no LibreOffice, no seeds, no
# strace), and any test ctest still reports as skipped fails the run.
# Otherwise the skipped tests, and the parts of tests that could not be checked
# (lines "NOT CHECKED: ..." in their output), are listed by name at the end.
# --no-build: run the tests of the existing build as they are (tests/meta uses it).
# BANGFU_BUILD_DIR: the ctest folder (default build/).
set -euo pipefail
cd "$(dirname "$0")/.."
require_all=0
build=1
[ "${CI:-}" = "true" ] && require_all=1
args=()
for a in "$@"; do
  case "$a" in
    --require-all) require_all=1 ;;
    --no-build) build=0 ;;
    *) args+=("$a") ;;
  esac
done
dir=${BANGFU_BUILD_DIR:-build}
if [ "$build" = 1 ]; then
  scripts/setup.sh --deps
  [ -x build/bangfu ] && [ -f build/CTestTestfile.cmake ] || scripts/setup.sh
  cmake --build build -j"$(nproc)"
fi
if [ "$require_all" = 1 ]; then
  export BANGFU_REQUIRE_ALL=1
else
  unset BANGFU_REQUIRE_ALL
fi

out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
ctest --test-dir "$dir" --output-on-failure -j"$(nproc)" ${args[@]+"${args[@]}"} 2>&1 | tee "$out" || status=$?

# ctest closes with "The following tests did not run:" and one "N - NAME (Skipped)" a line.
mapfile -t skipped < <(sed -n 's/^[[:space:]]*[0-9]\+ - \(.*\) (Skipped)$/\1/p' "$out")
# Parts a passing test could not check, from the full log of this run.
log="$dir/Testing/Temporary/LastTest.log"
not_checked=()
if [ -f "$log" ]; then
  mapfile -t not_checked < <(awk '/^[0-9]+\/[0-9]+ Test: /{name=$3} /NOT CHECKED: /{sub(/.*NOT CHECKED: /,""); print name ": " $0}' "$log" | sort -u)
fi
if [ ${#skipped[@]} -gt 0 ] || [ ${#not_checked[@]} -gt 0 ]; then
  echo
  if [ ${#skipped[@]} -gt 0 ]; then
    echo "test.sh: ${#skipped[@]} test(s) skipped:"
    printf '  %s\n' "${skipped[@]}"
  fi
  if [ ${#not_checked[@]} -gt 0 ]; then
    echo "test.sh: ${#not_checked[@]} part(s) not checked:"
    printf '  %s\n' "${not_checked[@]}"
  fi
  if [ "$require_all" = 1 ]; then
    echo "test.sh: --require-all (CI=true): a skip is a failure"
    if [ "$status" = 0 ]; then status=1; fi
  else
    echo "test.sh: install what scripts/setup.sh lists (and ../shared/seeds) to run them; CI runs them all"
  fi
fi
exit "$status"
