#!/usr/bin/python3
"""What measuring the text costs `bangfu table` (issue 16: "the width measurement adds
at most 10 % to bangfu table at 20000 rows"), counted in instructions by callgrind,
which the machine's load does not move.

Three parts of the layout are counted, each inclusive of what it calls:
  widths      layout::tableMetrics + layout::solveColumnWidths: the column widths
              from the measured text, the issue's "width measurement";
  row lines   layout::RowMeasurer::measureNext: every cell's lines at those widths,
              which pagination needs (row heights, groups kept together);
  cuts        layout::RowCutPlanner::placeRow: rows cut at page boundaries.
Each is reported against the rest of the run ("adds X %": part ÷ (total − part)), for
all threads and for the main thread alone (the DOCX's and XLSX's critical path: the
deflate threads run beside it).

Usage: width_share.py --bangfu PATH --csv TABLE.csv [--json OUT]
"""
import argparse
import csv
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

PARTS = {
    "widths": ("bangfu::layout::tableMetrics(", "bangfu::layout::solveColumnWidths("),
    "row lines": ("bangfu::layout::RowMeasurer::measureNext(",),
    "cuts": ("bangfu::layout::RowCutPlanner::placeRow(",),
}


def inclusive(path):
    """{function: inclusive Ir} and the total Ir of one callgrind output file."""
    out = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", path],
                         check=True, capture_output=True, text=True).stdout
    total, funcs = 0, {}
    for line in out.splitlines():
        m = re.match(r"\s*([\d,]+) \([ \d.]+%\)\s+(?:\*\s+)?(\S.*)$", line)
        if not m:
            continue
        ir = int(m.group(1).replace(",", ""))
        name = m.group(2)
        if name.startswith("PROGRAM TOTALS"):
            total = ir
            continue
        fn = name.split(":", 1)[1] if name.startswith("???:") or re.match(r"^[./\w-]+\.\w+:", name) else name
        funcs[fn] = max(funcs.get(fn, 0), ir)
    return total, funcs


def part_ir(funcs, prefixes):
    # A lambda inside a function is named after it ("f(…)::{lambda(…)#1}…"); its cost
    # is already in f's inclusive count.
    return sum(ir for fn, ir in funcs.items() if fn.startswith(prefixes) and ")::" not in fn)


def shares(total, funcs):
    row = {"total_ir": total}
    for part, prefixes in PARTS.items():
        ir = part_ir(funcs, prefixes)
        row[part] = {"ir": ir, "adds_pct": 100.0 * ir / (total - ir) if total > ir else None}
    return row


def measure(bangfu, csv, fmt, work):
    out = os.path.join(work, f"x.{fmt}")
    prefix = os.path.join(work, f"cg-{fmt}")
    cmd = ["valgrind", "--tool=callgrind", "--separate-threads=yes", f"--callgrind-out-file={prefix}",
           bangfu, "table", csv, "--title", "T", "--landscape", "--total", "工作组（个）", "--total", "指导员（名）",
           "-o", out]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    files = sorted(glob.glob(prefix + "-[0-9]*"))  # one file a thread: cg-01, cg-02, …
    if not files:
        raise SystemExit(f"width_share: callgrind wrote nothing for {fmt}")
    threads = [inclusive(f) for f in files]
    # The main thread is the one that ran main() (the first file, "-01").
    main_total, main_funcs = threads[0]
    all_total = sum(t for t, _ in threads)
    all_funcs = {}
    for _, funcs in threads:
        for fn, ir in funcs.items():
            all_funcs[fn] = all_funcs.get(fn, 0) + ir
    return {"format": fmt, "threads": len(files), "all": shares(all_total, all_funcs),
            "main": shares(main_total, main_funcs)}


def run(bangfu, csv_path, json_path=None):
    """Measures both formats, prints one line per format and thread, writes json_path."""
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        rows = sum(1 for _ in csv.reader(f)) - 1  # data rows below the header
    with tempfile.TemporaryDirectory(prefix="width-share-") as work:
        res = {"rows": rows, "formats": [measure(bangfu, csv_path, f, work) for f in ("docx", "xlsx")]}
    for r in res["formats"]:
        for scope in ("all", "main"):
            s = r[scope]
            figs = ", ".join(f"{p} {s[p]['ir'] / 1e6:.0f} M (adds {s[p]['adds_pct']:.1f} %)" for p in PARTS)
            who = "all threads" if scope == "all" else "main thread"
            print(f"  {r['format'].upper()} {rows} rows, {who}: {s['total_ir'] / 1e9:.2f} G instructions; {figs}",
                  flush=True)
    if json_path:
        with open(json_path, "w", encoding="utf-8") as f:
            json.dump(res, f, ensure_ascii=False, indent=1)
    return res


def main():
    ap = argparse.ArgumentParser(usage=__doc__)
    ap.add_argument("--bangfu", required=True)
    ap.add_argument("--csv", required=True)
    ap.add_argument("--json")
    a = ap.parse_args()
    run(a.bangfu, a.csv, a.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
