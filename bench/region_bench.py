#!/usr/bin/env python3
"""A table through a region file against the same table through the compiled
plugin, side by side in one run (issue 21: at most 1.2x at 20000 rows).

The scheme is a synthetic Lishui-style one with N teams (附件2 团组安排方案: one row
per team, 10 member units each, 合计); it renders with the compiled `lishui` plugin
and with tests/region/lishui_r.region.json, which writes the same bytes (checked
here on every run). Rounds are interleaved; the median of each is reported.

Usage: region_bench.py --bangfu PATH [--rows N] [--rounds R] [--format docx|xlsx] [--json OUT]
"""
import argparse
import filecmp
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
REGION = os.path.join(REPO, "tests", "region", "lishui_r.region.json")


def scheme(rows):
    areas = [{"id": "丽水市", "name": "丽水市", "level": "city"}]
    units = [f"帮扶单位{u + 1}" for u in range(400)]
    teams = []
    for t in range(rows):
        county = f"第{t + 1}县"
        areas.append({"id": county, "name": county, "level": "county", "parent": "丽水市"})
        members = [units[(t * 7 + k) % len(units)] for k in range(1, 11)]
        teams.append({"id": f"团组{t + 1}", "target": county, "leader": units[t % len(units)], "members": members,
                      "statedGroups": 11, "statedInstructors": 3})
    return {"bangfu": 1, "plugin": "lishui", "name": "region-bench", "source": "synthetic (bench/region_bench.py)",
            "fictional": True,
            "notice": {"issuers": ["中共丽水市委办公室"], "docNumber": "丽委办发〔2019〕23号",
                       "title": "关于做好新一轮扶贫结对帮扶工作的通知", "date": "2019年5月30日",
                       "appendices": [{"id": "teams", "label": "附件2", "title": "市级结对帮扶团组安排方案"}]},
            "areas": areas, "units": units, "teams": teams}


def run_once(bangfu, path, out, fmt, plugin=None):
    shutil.rmtree(out, ignore_errors=True)
    cmd = [bangfu, "render", path, "--out", out, "--format", fmt] + (["--plugin", plugin] if plugin else [])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, LANG="C.UTF-8"))
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        sys.exit(f"region_bench: {' '.join(cmd)} exited {r.returncode}\n{r.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bangfu", required=True)
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--format", default="docx")
    ap.add_argument("--json")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="bangfu-region-bench-")
    try:
        path = os.path.join(work, "scheme.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(scheme(a.rows), f, ensure_ascii=False)
        compiled, region = [], []
        for _ in range(a.rounds):
            compiled.append(run_once(a.bangfu, path, os.path.join(work, "compiled"), a.format))
            region.append(run_once(a.bangfu, path, os.path.join(work, "region"), a.format, REGION))
        cmp = filecmp.dircmp(os.path.join(work, "compiled"), os.path.join(work, "region"))
        same = not cmp.diff_files and not cmp.left_only and not cmp.right_only
        for name in cmp.common_files:
            same = same and filecmp.cmp(os.path.join(work, "compiled", name), os.path.join(work, "region", name),
                                        shallow=False)
        c = statistics.median(t for t, _ in compiled)
        r = statistics.median(t for t, _ in region)
        cc = statistics.median(u for _, u in compiled)
        rc = statistics.median(u for _, u in region)
        result = {"rows": a.rows, "format": a.format, "rounds": a.rounds, "compiled_s": round(c, 3),
                  "region_s": round(r, 3), "ratio": round(r / c, 3), "compiled_cpu_s": round(cc, 3),
                  "region_cpu_s": round(rc, 3), "cpu_ratio": round(rc / cc, 3), "bound": 1.2, "byte_identical": same}
        print(f"region file vs compiled plugin, {a.rows} rows, {a.format}, median of {a.rounds}: "
              f"wall compiled {c:.3f} s, region file {r:.3f} s, ratio {r / c:.3f}; "
              f"CPU compiled {cc:.3f} s, region file {rc:.3f} s, ratio {rc / cc:.3f} (bound 1.2); byte-identical: {same}")
        if a.json:
            with open(a.json, "w", encoding="utf-8") as f:
                json.dump(result, f, indent=1)
        if not same:
            sys.exit("region_bench: the region file's output differs from the compiled plugin's")
    finally:
        shutil.rmtree(work, ignore_errors=True)


main()
