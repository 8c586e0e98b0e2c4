#!/usr/bin/env bash
# Batch build bench (issue 8): a synthetic Lishui-style project with ≥ 1000
# per-entity outputs, timed as
#   full build with --jobs 1, full build with --jobs 2   (bound: 2 jobs ≤ 0.6 × 1 job)
#   no-op rebuild                                         (bound: ≤ 5% of the full build)
#   one county's row changed                              (bound: ≤ 10% of the full build)
# Each figure is the median of BATCH_BENCH_RUNS runs (default 3).
#
# Usage: bench/batch_bench.sh [COUNTIES]   (default 24 counties ≈ 1100 outputs)
# Env:   BANGFU=PATH  the bangfu binary (default: build-bench/bangfu, else build/bangfu)
#        BATCH_BENCH_RUNS=N
# Prints one line per figure and "batch bench: N passed, N failed"; exits 1 when a bound fails.
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$BENCH")
COUNTIES=${1:-24}
RUNS=${BATCH_BENCH_RUNS:-3}
if [ -z "${BANGFU:-}" ]; then
  for b in "$REPO/build-bench/bangfu" "$REPO/build/bangfu"; do [ -x "$b" ] && BANGFU=$b && break; done
fi
[ -x "${BANGFU:-}" ] || { echo "batch bench: no bangfu binary (set BANGFU=PATH)" >&2; exit 2; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bangfu-batch-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

exec /usr/bin/python3 - "$BANGFU" "$WORK" "$COUNTIES" "$RUNS" <<'PY'
import json, os, shutil, statistics, subprocess, sys, time
from pathlib import Path

bangfu, work, counties, runs = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
UNITS_PER_TEAM = 21  # 1 leader + 20 members: per county 1 leaders doc + 1 team doc + 21 unit docs

def scheme():
    areas = [{"id": "丽水市", "name": "丽水市", "level": "city"}]
    units, people, teams, pairings = [], [], [], []
    for c in range(counties):
        county = f"第{c + 1}县"
        areas.append({"id": county, "name": county, "level": "county", "parent": "丽水市"})
        ids = [f"{county}帮扶单位{u + 1}" for u in range(UNITS_PER_TEAM)]
        units += ids
        members = ids[1:]
        teams.append({"id": f"{county}团组", "target": county, "leader": ids[0], "members": members,
                      "statedGroups": len(ids)})
        for l in range(3):
            pid = f"{county}领导{l + 1}"
            people.append(pid)
            pairings.append({"kind": "leader-area", "helper": {"kind": "person", "ref": pid},
                             "target": {"kind": "area", "ref": county}, "period": "2018-2022"})
    return {"bangfu": 1, "plugin": "lishui", "name": "bench", "source": "synthetic (bench/batch_bench.sh)",
            "fictional": True,
            "notice": {"issuers": ["中共丽水市委办公室"], "docNumber": "丽委办发〔2019〕23号",
                       "title": "关于做好新一轮扶贫结对帮扶工作的通知", "date": "2019年5月30日",
                       "appendices": [{"id": "leaders", "label": "附件1", "title": "市级领导结对帮扶方案"},
                                      {"id": "teams", "label": "附件2", "title": "市级结对帮扶团组安排方案"}]},
            "areas": areas, "units": units, "people": people, "teams": teams, "pairings": pairings}

project = work / "project"
(project / "schemes").mkdir(parents=True)
data = scheme()
(project / "schemes" / "bench.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
(project / "bangfu-project.json").write_text(json.dumps(
    {"output": "out", "formats": ["docx", "xlsx"], "schemes": [{"path": "schemes/bench.json", "plugin": "lishui"}]},
    ensure_ascii=False), encoding="utf-8")

def build(*extra):
    start = time.perf_counter()
    r = subprocess.run([bangfu, "build", str(project), "--quiet", *extra], capture_output=True, text=True,
                       env=dict(os.environ, LANG="en_US.UTF-8", LC_ALL="", LC_MESSAGES=""))
    elapsed = time.perf_counter() - start
    if r.returncode != 0:
        sys.exit(f"batch bench: bangfu build failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    return elapsed, r.stdout.strip().splitlines()[-1]

def full(jobs):
    times = []
    for _ in range(runs):
        shutil.rmtree(project / "out", ignore_errors=True)
        t, line = build("--jobs", str(jobs))
        times.append(t)
    return statistics.median(times), line

full1, line1 = full(1)
full2, line2 = full(2)
noop = statistics.median(build()[0] for _ in range(runs))
county_times, county_line = [], ""
for i in range(runs):
    # One county's row: the order of its 团组单位 (alternating, so each run is a change).
    t = data["teams"][i % counties]
    t["members"][0], t["members"][1] = t["members"][1], t["members"][0]
    (project / "schemes" / "bench.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    elapsed, county_line = build()
    county_times.append(elapsed)
county = statistics.median(county_times)
outputs = int(line1.split("(of ")[1].split()[0])
entity = outputs - 4
print(f"outputs: {outputs} ({entity} per-entity, 4 summary), {os.cpu_count()} cores, {runs} runs each (median)")
print(f"full build --jobs 1: {full1:.2f} s   [{line1}]")
print(f"full build --jobs 2: {full2:.2f} s   [{line2}]")
print(f"no-op rebuild:       {noop:.3f} s")
print(f"one county changed:  {county:.3f} s   [{county_line}]")
checks = [("2 jobs / 1 job", full2 / full1, 0.6), ("no-op / full", noop / full2, 0.05),
          ("one county / full", county / full2, 0.10)]
passed = failed = 0
for name, ratio, bound in checks:
    ok = ratio <= bound
    passed += ok
    failed += not ok
    print(f"{'PASS' if ok else 'FAIL'} {name} = {ratio:.3f} (bound {bound})")
print(f"batch bench: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
