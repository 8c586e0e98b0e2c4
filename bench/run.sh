#!/usr/bin/env bash
# The bangfu benchmark: bangfu against the peers users would otherwise pick, side by
# side in one run, on the same synthetic data (see bench/README.md).
#
# Usage: bench/run.sh [--smoke] [--publish] [N ...]     (default N: 200 2000 20000)
#   --smoke    N=200, one run each, no 200000-row scale: fast, for CI. Exits non-zero
#              when an output fails its check or a peer cannot run.
#   --publish  also regenerate docs/performance.md and docs/img/perf-*.png from this run.
# Env: BANGFU=PATH      the bangfu binary to time (default: build it in Release into
#                       build-bench/ if that has none yet)
#      BENCH_BIG="N ..." the bangfu + floors only scales (default "100000 200000"; 0 skips)
#      BENCH_SLOW_BOUND the time bound of idiomatic python-docx at 20000 rows (default 120 s)
#      BENCH_NO_INSTALL=1  do not apt-get/npm install; fail if something is missing
#      BENCH_NICE=N     run the bench at this niceness (e.g. -10 as root on a shared machine;
#                       recorded in the results)
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$BENCH")
PY=/usr/bin/python3   # Debian's python: the apt-installed python3-docx etc. live there
# A relative BANGFU=… is relative to where the bench was started.
case "${BANGFU:-}" in ""|/*) ;; *) BANGFU=$PWD/$BANGFU ;; esac
cd "$BENCH"

# ---- peers and tools (not timed) ----------------------------------------------------
DEBS=(python3-docx python3-openpyxl python3-xlsxwriter python3-matplotlib libxlsxwriter-dev
      libcjson-dev zlib1g-dev gcc nodejs unicode-data git valgrind)
missing=()
for p in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# nodejs may come from elsewhere than Debian (then npm is beside it): accept any working node + npm
if [[ " ${missing[*]-} " == *" nodejs "* ]] && command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}")
fi
missing=(${missing[@]+"${missing[@]}"})
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  [ -z "${BENCH_NO_INSTALL:-}" ] || { echo "bench: missing packages: ${missing[*]}" >&2; exit 1; }
  echo "bench: installing ${missing[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get install -y "${missing[@]}" || { $SUDO apt-get update && $SUDO apt-get install -y "${missing[@]}"; }
fi
if ! node -e "for (const m of ['docxtemplater','pizzip','docx','exceljs']) require.resolve(m)" 2>/dev/null; then
  [ -z "${BENCH_NO_INSTALL:-}" ] || { echo "bench: bench/node_modules is incomplete (npm ci)" >&2; exit 1; }
  echo "bench: npm ci (docxtemplater, pizzip, docx, exceljs into bench/node_modules)"
  npm ci --no-audit --no-fund
fi

mkdir -p out/bin
gcc -O2 -Wall -o out/bin/timeone tools/timeone.c
gcc -O2 -Wall -o out/bin/floor_deflate peers/floor_deflate.c -lz
gcc -O2 -Wall -o out/bin/xlsx_libxlsxwriter peers/xlsx_libxlsxwriter.c -lxlsxwriter -lcjson

# ---- bangfu -------------------------------------------------------------------------
if [ -z "${BANGFU:-}" ]; then
  BANGFU=$REPO/build-bench/bangfu
  if [ ! -x "$BANGFU" ]; then
    echo "bench: building bangfu (Release) into build-bench/"
    cmake -S "$REPO" -B "$REPO/build-bench" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$REPO/build-bench" -j"$(nproc)" --target bangfu
  fi
fi
[ -x "$BANGFU" ] || { echo "bench: no bangfu binary at $BANGFU" >&2; exit 1; }
BANGFU=$(cd "$(dirname "$BANGFU")" && pwd)/$(basename "$BANGFU")
if [ -f "$(dirname "$BANGFU")/CMakeCache.txt" ]; then
  bt=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$(dirname "$BANGFU")/CMakeCache.txt")
  [ "$bt" = Release ] || echo "bench: warning: $BANGFU is a '${bt:-default}' build, not Release" >&2
fi

# ---- the run ------------------------------------------------------------------------
# First a table through a region file against the compiled plugin (issue 21; bound
# 1.2x at 20000 rows); its result (out/region.json) goes on the same page.
region_rows=20000; region_rounds=5
case " $* " in *" --smoke "*) region_rows=200; region_rounds=1 ;; esac
mkdir -p out && rm -f out/region.json
nice -n "${BENCH_NICE:-0}" "$PY" region_bench.py --bangfu "$BANGFU" --rows "$region_rows" --rounds "$region_rounds" \
  --json out/region.json
# Then a build of examples/batch-demo with pdf in its formats (issue 18 item 14): out/pdf.json.
pdf_args=(); case " $* " in *" --smoke "*) pdf_args=(--smoke) ;; esac
rm -f out/pdf.json
nice -n "${BENCH_NICE:-0}" "$PY" pdf_bench.py --bangfu "$BANGFU" "${pdf_args[@]}" --json out/pdf.json
# Every other section in one process and one run, the batch build (issue 8) included.
exec nice -n "${BENCH_NICE:-0}" "$PY" bench.py --bangfu "$BANGFU" "$@"
