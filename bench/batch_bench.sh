#!/usr/bin/env bash
# Batch build bench (issue 8) alone: the "batch" section of bench.py on the
# synthetic project of bench/batch_project.py (COUNTIES × 21 units; 24 counties
# give 1108 outputs). Times a full build with --jobs 1 and --jobs 2 from an empty
# output folder, a no-op rebuild and a one-county change (3 runs each), and
# prints the pass/miss of the bounds in bench/out/results.md. bench/run.sh runs
# the same section as part of the whole bench.
#
# Usage: bench/batch_bench.sh [COUNTIES]     Env: BANGFU=PATH (default build-bench/bangfu, else build/bangfu)
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$BENCH")
if [ -z "${BANGFU:-}" ]; then
  for b in "$REPO/build-bench/bangfu" "$REPO/build/bangfu"; do [ -x "$b" ] && BANGFU=$b && break; done
fi
[ -x "${BANGFU:-}" ] || { echo "batch bench: no bangfu binary (set BANGFU=PATH)" >&2; exit 2; }
BANGFU=$(cd "$(dirname "$BANGFU")" && pwd)/$(basename "$BANGFU")
mkdir -p "$BENCH/out/bin"
[ -x "$BENCH/out/bin/timeone" ] || gcc -O2 -Wall -o "$BENCH/out/bin/timeone" "$BENCH/tools/timeone.c"
cd "$BENCH"
/usr/bin/python3 bench.py --bangfu "$BANGFU" --only batch --counties "${1:-24}"
sed -n '/^| target/,/^$/p' "$BENCH/out/results.md" | grep -E '^\| (target|batch)'
