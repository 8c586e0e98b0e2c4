#!/usr/bin/env python3
"""`bangfu build` of examples/batch-demo with pdf in its formats (issue 18 item 14).

Times, as whole processes (wall clock and the children's CPU, LibreOffice's
included): a full build into an empty output folder with --jobs 1 and --jobs 2
(rounds interleaved), a no-op rebuild, and a rebuild after one scheme changed
(dongli-2017's 成文日期: every output of that scheme is regenerated, its PDFs
reconverted, the other schemes' untouched). Every full build is checked: one PDF
per DOCX, each opening in pdfinfo; the change rebuilds only dongli-2017's files.

--smoke builds the summary appendices only (entities false: 6 PDFs), one round.

Usage: pdf_bench.py --bangfu PATH [--rounds R] [--smoke] [--json OUT]
"""
import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEMO = os.path.join(REPO, "examples", "batch-demo")
ENV = dict(os.environ, LANG="C.UTF-8")


def have_soffice():
    return any(shutil.which(n) for n in ("soffice", "libreoffice")) or os.access(
        "/usr/lib/libreoffice/program/soffice", os.X_OK)


def timed(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        sys.exit(f"pdf_bench: {' '.join(cmd)} exited {r.returncode}\n{r.stdout}\n{r.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, r.stdout


def files(out, ext):
    return sorted(os.path.relpath(os.path.join(d, f), out) for d, _, fs in os.walk(out) for f in fs
                  if f.endswith(ext) and ".bangfu-stage-" not in d)


def check_full(out):
    pdfs, docxs = files(out, ".pdf"), files(out, ".docx")
    if not pdfs or [p[:-4] for p in pdfs] != [d[:-5] for d in docxs]:
        sys.exit(f"pdf_bench: {len(pdfs)} PDFs for {len(docxs)} DOCX files in {out}")
    for p in pdfs:
        if subprocess.run(["pdfinfo", os.path.join(out, p)], capture_output=True).returncode != 0:
            sys.exit(f"pdf_bench: {p} does not open in pdfinfo")
    return len(pdfs)


def rebuilt_count(stdout):
    m = re.search(r"重建 (\d+)|rebuilt (\d+)", stdout)
    return int(next(g for g in m.groups() if g)) if m else -1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bangfu", required=True)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--json")
    a = ap.parse_args()
    if a.smoke:
        a.rounds = 1
    if not have_soffice():
        msg = "LibreOffice is not installed: PDF builds not measured"
        print(f"pdf_bench: {msg}")
        if a.json:
            with open(a.json, "w", encoding="utf-8") as f:
                json.dump({"skipped": msg}, f)
        return
    work = tempfile.mkdtemp(prefix="bangfu-pdf-bench-", dir=os.path.join(HERE, "out") if os.path.isdir(
        os.path.join(HERE, "out")) else None)
    try:
        proj = os.path.join(work, "demo")
        shutil.copytree(DEMO, proj, ignore=shutil.ignore_patterns("out", ".bangfu.lock"))
        pf = os.path.join(proj, "bangfu-project.json")
        with open(pf, encoding="utf-8") as f:
            p = json.load(f)
        p["formats"] = ["docx", "xlsx", "pdf"]
        if a.smoke:
            p["schemes"] = [dict(s, entities=False) for s in p["schemes"]]
        with open(pf, "w", encoding="utf-8") as f:
            json.dump(p, f, ensure_ascii=False)

        full = {1: [], 2: []}
        pdfs = 0
        for r in range(a.rounds):
            for jobs in (1, 2):
                out = os.path.join(work, f"out-{jobs}-{r}")
                wall, cpu, _ = timed([a.bangfu, "build", proj, "--out", out, "--jobs", str(jobs), "-q"])
                pdfs = check_full(out)
                full[jobs].append((wall, cpu))
                print(f"  full --jobs {jobs}: {wall:.2f} s wall, {cpu:.2f} s CPU ({pdfs} PDFs)", flush=True)
                if r < a.rounds - 1 or jobs == 1:
                    shutil.rmtree(out)
        last = os.path.join(work, f"out-2-{a.rounds - 1}")
        noop = timed([a.bangfu, "build", proj, "--out", last, "--jobs", "2", "-q"])
        if rebuilt_count(noop[2]) != 0:
            sys.exit(f"pdf_bench: the no-op rebuild rebuilt something:\n{noop[2]}")
        sf = os.path.join(proj, "schemes", "dongli-2017.json")
        with open(sf, encoding="utf-8") as f:
            s = json.load(f)
        s["notice"]["date"] = "2021年3月1日"
        with open(sf, "w", encoding="utf-8") as f:
            json.dump(s, f, ensure_ascii=False, indent=1)
        before = {k: os.stat(os.path.join(last, k)).st_mtime_ns for k in files(last, "")}
        change = timed([a.bangfu, "build", proj, "--out", last, "--jobs", "2", "-q"])
        touched = [k for k in files(last, "") if os.stat(os.path.join(last, k)).st_mtime_ns != before.get(k)]
        touched = [k for k in touched if not k.startswith(".bangfu-manifest")]
        if not touched or any(not k.startswith("dongli-2017/") for k in touched):
            sys.exit(f"pdf_bench: the one-scheme change touched {touched[:5]}")
        changed_pdfs = sum(k.endswith(".pdf") for k in touched)

        def med(xs, i):
            return round(statistics.median(x[i] for x in xs), 2)

        result = {"smoke": a.smoke, "rounds": a.rounds, "pdfs": pdfs, "outputs": len(files(last, "")) - 1,
                  "full_j1_s": med(full[1], 0), "full_j1_cpu_s": med(full[1], 1),
                  "full_j2_s": med(full[2], 0), "full_j2_cpu_s": med(full[2], 1),
                  "noop_s": round(noop[0], 2), "change_s": round(change[0], 2), "change_cpu_s": round(change[1], 2),
                  "change_pdfs": changed_pdfs, "change_outputs": len(touched),
                  "loadavg": open("/proc/loadavg").read().split()[:3], "nproc": os.cpu_count()}
        print(f"pdf build of batch-demo ({pdfs} PDFs of {result['outputs']} outputs), median of {a.rounds}: "
              f"--jobs 1 {result['full_j1_s']} s, --jobs 2 {result['full_j2_s']} s; no-op {result['noop_s']} s; "
              f"one scheme changed ({changed_pdfs} PDFs, {len(touched)} outputs) {result['change_s']} s; "
              f"load average {' '.join(result['loadavg'])}")
        if a.json:
            with open(a.json, "w", encoding="utf-8") as f:
                json.dump(result, f, indent=1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


main()
