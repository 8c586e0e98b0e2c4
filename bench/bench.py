#!/usr/bin/python3
"""The benchmark driver: times bangfu and the peers side by side, in one run, on
the same data, as whole processes (wall time and peak RSS, min/median/max over
runs), checks every output before its timing counts, and writes
out/results.{md,json} and out/perf-time.png. run.sh installs the peers, builds
the C helpers and bangfu, then calls this.

Usage: bench.py --bangfu PATH [--smoke] [--publish] [N ...]

Exit status: 0 when every output that was produced passed its check and every
peer ran; 1 otherwise. A bangfu command that is not implemented yet (exit 3,
"not implemented" on stderr) is reported as missing and does not fail the run.

Env: BENCH_SLOW_BOUND  seconds allowed to the quadratic python-docx peer at
                       20000+ rows (default 120; it is reported as "> bound").
     BENCH_BIG         the scales run only for bangfu and the two floors, to show
                       linear growth (default "100000 200000"; 0 skips). Not run with
                       --smoke. A failure there is reported but does not fail the run.
"""
import argparse
import datetime
import glob
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PY = "/usr/bin/python3"  # Debian's python: python3-docx, -openpyxl, -xlsxwriter live there
DATA = os.path.join(HERE, "data")
OUT = os.path.join(HERE, "out")
BIN = os.path.join(OUT, "bin")
FILES = os.path.join(OUT, "files")
TIMEONE = os.path.join(BIN, "timeone")
NAMES_N = 100000

sys.path.insert(0, HERE)
import bench_targets  # noqa: E402
import check_outputs  # noqa: E402

# The writers whose time ratios are targets (bench_targets.py), run interleaved.
TARGET_PAIRS = ("bangfu-table-docx", "floor-deflate", "bangfu-table-xlsx", "libxlsxwriter-c")
# Rounds at the target's scale: a median of 7 side-by-side runs.
TARGET_ROUNDS = 7


class Fatal(Exception):
    pass


# ---------------------------------------------------------------- measuring

def run_once(cmd, bound, stdout_path=None):
    """One whole-process run under timeone. Returns (stats dict | None on timeout, stderr text)."""
    fd, stats = tempfile.mkstemp(prefix="timeone-", dir=OUT)
    os.close(fd)
    argv = [TIMEONE, stats] + ([stdout_path] if stdout_path else []) + ["--"] + cmd
    # A process group (not a new session) so a timeout can kill the whole tree, while the
    # run stays in the bench's scheduler autogroup (see autogroup_nice).
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, process_group=0)
    try:
        _, err = p.communicate(timeout=bound)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        os.unlink(stats)
        return None, ""
    text = open(stats).read().split()
    os.unlink(stats)
    if p.returncode != 0 or len(text) != 5:
        raise Fatal(f"timeone failed on {cmd}: {err.decode(errors='replace')}")
    wall, user, sys_, rss, code = text
    return ({"wall": float(wall), "cpu": float(user) + float(sys_), "rss_mib": int(rss) / 1024.0,
             "exit": int(code)}, err.decode("utf-8", errors="replace"))


def remover(path):
    """A before() hook: every timed run writes its output afresh (bangfu leaves a file
    with the same bytes untouched, which would time a comparison, not a write)."""
    return lambda: os.path.exists(path) and os.unlink(path)


def summary(xs):
    return {"min": min(xs), "median": statistics.median(xs), "max": max(xs)}


def measure(entry, runs, warmup, bound, check=None, stdout_path=None, before=None):
    """Fills entry with status, runs and figures. check(entry) -> verdict text, raises on a bad output.
    before(), when given, runs (untimed) before every run: e.g. removing the output, so that
    each run writes it afresh instead of finding the same bytes already there."""
    entry.update(runs_planned=runs, warmup=warmup, bound_s=bound)
    walls, rsss, cpus = [], [], []
    checked = check is None
    deadline = time.monotonic() + bound
    for i in range(warmup + runs):
        if before:
            before()
        left = deadline - time.monotonic()
        res, err = run_once(entry["cmd"], max(left, 0.01), stdout_path)
        if res is None:
            entry["status"] = "timeout"
            entry["note"] = f"killed at the {bound:g} s bound" + (" during a warm-up run" if i < warmup else "")
            break
        if res["exit"] != 0:
            # The last line says why it stopped; the lines before may be warnings.
            # (skipping bangfu's "N 个错误，M 个警告" summary line).
            first = next((ln for ln in reversed(err.splitlines())
                          if ln.strip() and not re.match(r"\d+ (个错误|error)", ln)), "")
            if entry.get("bangfu") and res["exit"] == 3 and "not implemented" in err:
                entry["status"] = "missing"
                entry["note"] = first
            else:
                entry["status"] = "failed"
                entry["note"] = f"exit {res['exit']}: {first}"
            break
        if not checked:
            try:
                entry["check"] = check(entry)
            except Exception as e:  # any reader error is a failed check
                entry["status"] = "check-failed"
                entry["check"] = f"{type(e).__name__}: {e}"
                break
            checked = True
        if i >= warmup:
            walls.append(res["wall"])
            rsss.append(res["rss_mib"])
            cpus.append(res["cpu"])
    else:
        entry["status"] = "ok"
    entry["runs"] = len(walls)
    if walls and entry["status"] in ("ok", "timeout"):
        entry["wall_s"], entry["rss_mib"], entry["cpu_s"] = summary(walls), summary(rsss), summary(cpus)
        if entry["status"] == "timeout":
            entry["status"] = "ok"
            entry["note"] = f"cut short at the {bound:g} s bound after {len(walls)} run(s)"
    if entry.get("output") and os.path.exists(entry["output"]) and entry["status"] == "ok":
        entry["size_bytes"] = os.path.getsize(entry["output"])
    return entry


def log(entry):
    s = entry["status"]
    if s == "ok":
        w, r = entry["wall_s"], entry["rss_mib"]
        fig = f"median {w['median']:.3f} s ({w['min']:.3f}–{w['max']:.3f}), peak {r['median']:.1f} MiB"
    else:
        fig = s + (": " + entry.get("note", "") if entry.get("note") else "")
        if s == "check-failed":
            fig += " " + entry.get("check", "")
    n = f" N={entry['n']}" if entry.get("n") else ""
    print(f"  {entry['name']}{n}: {fig}", flush=True)


# ---------------------------------------------------------------- plans

def plan(name, n, smoke):
    """(runs, warm-up runs, bound in s) for a writer at scale n."""
    if smoke:
        return 1, 0, 120
    slow = float(os.environ.get("BENCH_SLOW_BOUND", "120"))
    if name == "python-docx" and n >= 2000:
        return 1, 0, slow if n >= 20000 else max(slow, 300)
    if name == "python-docx-fastcells" and n >= 20000:
        return 1, 0, 1200  # about a minute a run on an idle 2-core machine: one run keeps the bench short
    if n <= 200:
        return 10, 1, 300
    if n <= 2000:
        return 5, 1, 600
    return 3, 0, 1200


_schemes = {}


def scheme_of(n):
    if n not in _schemes:
        _schemes.clear()  # one scale at a time: the 200000-row scheme is large
        _schemes[n] = check_outputs.load_scheme(os.path.join(DATA, f"scheme-{n}.json"))
    return _schemes[n]


def writers(bangfu, n):
    """Every writer at scale n: (name, format, is_bangfu, cmd, output path)."""
    s = os.path.join(DATA, f"scheme-{n}.json")
    csv = os.path.join(DATA, f"table-{n}.csv")
    f = lambda name, ext: os.path.join(FILES, f"{name}-{n}.{ext}")  # noqa: E731
    scheme = scheme_of(n)
    title, cols = scheme["title"], scheme["columns"]
    table = [bangfu, "table", csv, "--title", title, "--landscape", "--total", cols[3], "--total", cols[4]]
    node = lambda script, *a: ["node", os.path.join(HERE, "peers", script), *a]  # noqa: E731
    py = lambda script, *a: [PY, os.path.join(HERE, "peers", script), *a]  # noqa: E731
    return [
        ("bangfu-table-docx", "DOCX", True, table + ["-o", f("bangfu-table-docx", "docx")], f("bangfu-table-docx", "docx")),
        ("python-docx", "DOCX", False, py("docx_python.py", s, f("python-docx", "docx")), f("python-docx", "docx")),
        ("python-docx-fastcells", "DOCX", False, py("docx_python.py", s, f("python-docx-fastcells", "docx"), "--fast"),
         f("python-docx-fastcells", "docx")),
        ("docxtemplater", "DOCX", False,
         node("docx_docxtemplater.js", os.path.join(DATA, "roster-template.docx"), s, f("docxtemplater", "docx")),
         f("docxtemplater", "docx")),
        ("docx-npm", "DOCX", False, node("docx_npm_docx.js", s, f("docx-npm", "docx")), f("docx-npm", "docx")),
        ("floor-deflate", "floor", False,
         [os.path.join(BIN, "floor_deflate"), os.path.join(DATA, f"ref-document-{n}.xml"), f("floor-deflate", "bin")],
         f("floor-deflate", "bin")),
        ("bangfu-table-xlsx", "XLSX", True, table + ["-o", f("bangfu-table-xlsx", "xlsx")], f("bangfu-table-xlsx", "xlsx")),
        ("openpyxl", "XLSX", False, py("xlsx_openpyxl.py", s, f("openpyxl", "xlsx")), f("openpyxl", "xlsx")),
        ("xlsxwriter-py", "XLSX", False, py("xlsx_xlsxwriter.py", s, f("xlsxwriter-py", "xlsx")), f("xlsxwriter-py", "xlsx")),
        ("exceljs", "XLSX", False, node("xlsx_exceljs.js", s, f("exceljs", "xlsx")), f("exceljs", "xlsx")),
        ("libxlsxwriter-c", "XLSX", False, [os.path.join(BIN, "xlsx_libxlsxwriter"), s, f("libxlsxwriter-c", "xlsx")],
         f("libxlsxwriter-c", "xlsx")),
    ]


# ---------------------------------------------------------------- data

def sh(cmd, **kw):
    subprocess.run(cmd, check=True, **kw)


def prepare(scales, bigs):
    os.makedirs(DATA, exist_ok=True)
    for n in sorted(set(scales + bigs)):
        s = os.path.join(DATA, f"scheme-{n}.json")
        if not os.path.exists(s):
            sh([PY, os.path.join(HERE, "gen_scheme.py"), str(n), s])
        csv = os.path.join(DATA, f"table-{n}.csv")
        if not os.path.exists(csv):
            sh([PY, os.path.join(HERE, "scheme_to_csv.py"), s, csv])
        ref = os.path.join(DATA, f"ref-document-{n}.xml")
        if not os.path.exists(ref):
            # The floor deflates python-docx's document.xml (what a DOCX writer must at least compress).
            sh([PY, os.path.join(HERE, "make_ref_xml.py"), s, ref] + (["--verify"] if n <= 2000 else []))
    tpl = os.path.join(DATA, "roster-template.docx")
    if not os.path.exists(tpl):
        sh([PY, os.path.join(HERE, "peers", "make_docxtemplater_template.py"), tpl])
    names = os.path.join(DATA, f"names-{NAMES_N}.txt")
    if not os.path.exists(names):
        sh([PY, os.path.join(HERE, "gen_names.py"), str(NAMES_N), names])


def capture(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip()
    except Exception:  # a missing tool is reported as unknown, not fatal
        return "unknown"


def loadavg():
    try:
        return open("/proc/loadavg").read().split()[0]
    except OSError:
        return "?"


def versions(bangfu):
    v = {}
    v["date_utc"] = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    v["bangfu"] = capture([bangfu, "--version"])
    v["bangfu_commit"] = capture(["git", "-C", REPO, "log", "-1", "--format=%h %cd", "--date=short"])
    if capture(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no"]) not in ("", "unknown"):
        v["bangfu_commit"] += " (the working tree had uncommitted changes)"
    v["bangfu_binary"] = bangfu
    v["load_start"] = loadavg()
    v["niceness"] = str(os.nice(0))
    v["autogroup"] = autogroup_nice()
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    v["cpu"] = f"{os.cpu_count()} × {cpu}"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1))
        v["memory"] = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        v["memory"] = "unknown"
    v["os"] = capture(["sh", "-c", ". /etc/os-release && echo \"$PRETTY_NAME\""]) + ", Linux " + platform.release()
    v["python"] = capture([PY, "-c", "import sys; print(sys.version.split()[0])"])
    v["python-docx"] = capture([PY, "-c", "import docx; print(getattr(docx, '__version__', '?'))"])
    v["openpyxl"] = capture([PY, "-c", "import openpyxl; print(openpyxl.__version__)"])
    v["XlsxWriter"] = capture([PY, "-c", "import xlsxwriter; print(xlsxwriter.__version__)"])
    v["node"] = capture(["node", "--version"])
    for p in ("docxtemplater", "pizzip", "docx", "exceljs"):
        try:
            v[p + " (npm)"] = json.load(open(os.path.join(HERE, "node_modules", p, "package.json")))["version"]
        except OSError:
            v[p + " (npm)"] = "not installed"
    for deb in ("libxlsxwriter-dev", "zlib1g-dev", "libcjson-dev", "gcc"):
        v[deb] = capture(["dpkg-query", "-W", "-f=${Version}", deb])
    return v


# ---------------------------------------------------------------- sections

def check_render(entry):
    """A render of an example: every DOCX opens with python-docx and has a table, every XLSX opens."""
    import docx
    import openpyxl
    files = sorted(glob.glob(os.path.join(entry["outdir"], "**", "*.docx"), recursive=True)
                   + glob.glob(os.path.join(entry["outdir"], "**", "*.xlsx"), recursive=True))
    check_outputs.need(files, "no DOCX or XLSX written")
    tables = sheets = 0
    for f in files:
        if f.endswith(".docx"):
            t = len(docx.Document(f).tables)
            check_outputs.need(t > 0, f"{os.path.basename(f)} has no table")
            tables += t
        else:
            wb = openpyxl.load_workbook(f, read_only=True)
            sheets += len(wb.worksheets)
            wb.close()
    entry["size_bytes"] = sum(os.path.getsize(f) for f in files)
    return f"{len(files)} files: {tables} DOCX tables, {sheets} XLSX sheets"


def check_names(path_in, path_out):
    def check(entry):
        with open(path_in, encoding="utf-8") as f:
            want = sorted(f.read().splitlines())
        with open(path_out, encoding="utf-8") as f:
            got = [ln for ln in f.read().splitlines() if ln]
        check_outputs.need(len(got) == len(want), f"{len(got)} names printed, {len(want)} given")
        check_outputs.need(sorted(got) == want, "the output is not a permutation of the input")
        strokes = first_strokes()
        if not strokes:
            return f"{len(got)} names, a permutation of the input (stroke order not checked: no Unihan data)"
        # 按姓氏笔画: the first character decides first, so its PRC stroke count never decreases.
        counts = [strokes.get(name[0]) for name in got]
        known = [c for c in counts if c is not None]
        drops = sum(1 for x, y in zip(known, known[1:]) if y < x)
        check_outputs.need(drops == 0, f"first-character stroke count decreases {drops} time(s)")
        return f"{len(got)} names, a permutation of the input, first-character strokes non-decreasing"
    return check


def first_strokes():
    """Unihan kTotalStrokes, first value (the PRC count), from Debian's unicode-data; {} if absent."""
    import bz2
    path = "/usr/share/unicode/Unihan_IRGSources.txt.bz2"
    out = {}
    if not os.path.exists(path):
        return out
    with bz2.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if "\tkTotalStrokes\t" in line:
                cp, _, v = line.rstrip("\n").split("\t")
                out[chr(int(cp[2:], 16))] = int(v.split()[0])
    return out


def examples():
    found = []
    for s in sorted(glob.glob(os.path.join(REPO, "examples", "*", "scheme.json"))):
        found.append((os.path.basename(os.path.dirname(s)), s, os.path.getsize(s)))
    return found


def autogroup_nice():
    """With sched_autogroup (the Linux default), CPU is shared between sessions first, so the
    niceness run.sh set (BENCH_NICE) only counts against other sessions once the session's
    autogroup has it too."""
    n = os.nice(0)
    if n:
        try:
            with open("/proc/self/autogroup", "w") as f:
                f.write(str(n))
        except OSError:
            pass
    try:
        return open("/proc/self/autogroup").read().strip()
    except OSError:
        return "no autogroup"


def batch(a, add):
    """bangfu build of the synthetic project of bench/batch_project.py (issue 8: ≥ 1000
    per-entity outputs): a full build from an empty output folder with 1 and with 2
    jobs, a no-op rebuild, and a rebuild after one county's row changed."""
    counties = 2 if a.smoke else a.counties
    print(f"== bangfu build (batch): synthetic project, {counties} counties", flush=True)
    import batch_project
    proj = os.path.join(FILES, "batch-project")
    shutil.rmtree(proj, ignore_errors=True)
    data = batch_project.write_project(proj, counties)
    expected = batch_project.expected_outputs(counties)
    state = {"out": os.path.join(proj, "out"), "k": 0}

    def fresh_output_folder():
        # Each full build gets a new, empty output folder (out-1, out-2, …), removed
        # only after the section: deleting a thousand files just before a timed run
        # makes ext4 without a journal (this machine's disk) skip their recently freed
        # inodes at every file creation, a cost of the bench's own cleaning that no
        # first build pays.
        state["k"] += 1
        state["out"] = os.path.join(proj, f"out-{state['k']}")
        batch_project.set_output(proj, os.path.basename(state["out"]))

    def check(entry):
        out = state["out"]
        n = len([f for f in glob.glob(os.path.join(out, "**", "*"), recursive=True) if f.endswith((".docx", ".xlsx"))])
        check_outputs.need(n == expected, f"{n} outputs, expected {expected}")
        entry["outputs"] = n
        # A sample of each kind is reopened by the real readers and has its table.
        import docx
        import openpyxl
        for f in sorted(glob.glob(os.path.join(out, "**", "*.docx"), recursive=True))[::97]:
            check_outputs.need(docx.Document(f).tables, f"{os.path.basename(f)} has no table")
        for f in sorted(glob.glob(os.path.join(out, "**", "*.xlsx"), recursive=True))[::97]:
            wb = openpyxl.load_workbook(f, read_only=True)
            check_outputs.need(wb.worksheets[0].max_row > 1, f"{os.path.basename(f)} has no rows")
            wb.close()
        return f"{n} DOCX/XLSX outputs; every 97th reopened"

    runs = 1 if a.smoke else 3
    build = [a.bangfu, "build", proj, "--quiet"]
    # 1 job and 2 jobs alternate run by run, so both see the same state of the machine;
    # five rounds, as one slow run of a ~0.5 s build on a shared VM moves a median of three.
    full = [{"section": "batch", "name": f"bangfu build --jobs {jobs} (full, empty output folder)", "bangfu": True,
             "key": f"full-j{jobs}", "cmd": build + ["--jobs", str(jobs)]} for jobs in (1, 2)]
    measure_interleaved(full, 1 if a.smoke else 5, 900, check, before=fresh_output_folder)
    for e in full:
        add(log(e) or e)
    e = {"section": "batch", "name": "bangfu build --jobs 2 (no-op rebuild)", "bangfu": True, "key": "noop",
         "cmd": build + ["--jobs", "2"]}
    add(log(measure(e, runs, 1, 300, check)) or e)
    changes = iter(range(10 ** 6))
    e = {"section": "batch", "name": "bangfu build --jobs 2 (one county's row changed)", "bangfu": True,
         "key": "county", "cmd": build + ["--jobs", "2"]}
    add(log(measure(e, runs, 0, 300, check,
                    before=lambda: batch_project.change_one_county(proj, data, next(changes)))) or e)
    for d in glob.glob(os.path.join(proj, "out-*")):
        shutil.rmtree(d, ignore_errors=True)


def measure_interleaved(entries, rounds, bound, check, before):
    """measure() of several entries, one run of each in turn per round. check and
    before serve every entry, unless an entry carries its own ("check_fn", "before_fn")."""
    got = {e["key"]: [] for e in entries}
    for r in range(rounds):
        for e in entries:
            one = {k: v for k, v in e.items() if k not in ("check_fn", "before_fn")}
            chk = e.get("check_fn", check)
            measure(one, 1, 0, bound, chk if r == 0 else None, before=e.get("before_fn", before))
            if one["status"] != "ok":
                e.update({k: v for k, v in one.items() if k in ("status", "note", "check", "runs")})
                continue
            if "check" in one:
                e["check"] = one["check"]
                e["outputs"] = one.get("outputs")
            got[e["key"]].append(one)
    for e in entries:
        runs_ok = got[e["key"]]
        e["runs"] = len(runs_ok)
        if e.get("status", "ok") != "ok" or not runs_ok:
            e.setdefault("status", "failed")
            continue
        e["status"] = "ok"
        for k in ("wall_s", "rss_mib", "cpu_s"):
            e[k] = summary([x[k]["median"] for x in runs_ok])
        e["walls"] = [x["wall_s"]["median"] for x in runs_ok]
        if runs_ok[-1].get("size_bytes"):
            e["size_bytes"] = runs_ok[-1]["size_bytes"]
        e.pop("check_fn", None)
        e.pop("before_fn", None)


def main():
    ap = argparse.ArgumentParser(usage=__doc__)
    ap.add_argument("--bangfu", required=True)
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--publish", action="store_true", help="also write docs/performance.md and docs/img/perf-*.png")
    ap.add_argument("--only", choices=["batch"], help="run one section alone (bench/batch_bench.sh)")
    ap.add_argument("--counties", type=int, default=24, help="batch project size (24 counties: 1108 outputs)")
    ap.add_argument("scales", nargs="*", type=int)
    a = ap.parse_args()
    if a.only and a.publish:
        ap.error("--publish needs the whole run, not --only")
    scales = a.scales or ([200] if a.smoke else [200, 2000, 20000])
    bigs = [] if a.smoke else [int(x) for x in os.environ.get("BENCH_BIG", "100000 200000").split() if int(x)]
    bigs = [n for n in bigs if n not in scales]
    os.makedirs(FILES, exist_ok=True)
    if not a.only:
        prepare(scales, bigs)
    results = {"mode": "smoke" if a.smoke else "full", "scales": scales, "big": bigs,
               "versions": versions(a.bangfu), "entries": []}
    add = results["entries"].append
    started = time.monotonic()

    # The batch section comes first. On ext4 without a journal (this machine's disk)
    # every file creation skips the inodes freed in the last minute or more
    # (recently_deleted() in fs/ext4/ialloc.c), so the files the later sections delete
    # (each writer run starts without its previous output, render folders are
    # emptied) would be paid for by the ~11000 files the batch builds create, and by
    # 2 jobs more than by 1 (docs/performance.md, "Batch build").
    batch(a, add)

    if not a.only:
        print("== start-up (no document)", flush=True)
        smallest = min(examples(), key=lambda e: e[2], default=None)
        node_req = lambda *mods: ["node", "-e", ";".join(f"require('{m}')" for m in mods)]  # noqa: E731
        startup = [
            ("bangfu --version", True, [a.bangfu, "--version"]),
            ("C process (/bin/true)", False, ["/bin/true"]),
            ("python3 (bare)", False, [PY, "-c", "pass"]),
            ("python3 + import docx", False, [PY, "-c", "import docx"]),
            ("python3 + import openpyxl", False, [PY, "-c", "import openpyxl"]),
            ("python3 + import xlsxwriter", False, [PY, "-c", "import xlsxwriter"]),
            ("node (bare)", False, ["node", "-e", "0"]),
            ("node + docxtemplater, pizzip", False, node_req("docxtemplater", "pizzip")),
            ("node + docx", False, node_req("docx")),
            ("node + exceljs", False, node_req("exceljs")),
        ]
        if smallest:
            d = os.path.join(FILES, "startup-render")
            startup.insert(1, (f"bangfu render {smallest[0]} (smallest example)", True,
                               [a.bangfu, "render", smallest[1], "--out", d, "--format", "docx,xlsx"]))
        runs, warm = (1, 0) if a.smoke else (10, 1)
        for name, is_b, cmd in startup:
            e = {"section": "startup", "name": name, "bangfu": is_b, "cmd": cmd}
            os.chdir(HERE)  # node resolves require() from bench/node_modules
            add(log(measure(e, runs, warm, 120)) or e)

        print("== writers", flush=True)
        for n in scales:
            pairs = []
            for name, fmt, is_b, cmd, out in writers(a.bangfu, n):
                e = {"section": "writers", "name": name, "format": fmt, "bangfu": is_b, "n": n, "cmd": cmd, "output": out}
                if os.path.exists(out):
                    os.unlink(out)
                s = scheme_of(n)
                chk = None if fmt == "floor" else (lambda e, out=out, s=s: check_outputs.check_file(out, s))
                if name in TARGET_PAIRS:
                    e.update(key=name, check_fn=chk, before_fn=remover(out))
                    pairs.append(e)
                    continue
                runs, warm, bound = plan(name, n, a.smoke)
                add(log(measure(e, runs, warm, bound, chk, before=remover(out))) or e)
            # The targets are ratios, so each is taken from runs side by side: bangfu and
            # its base run in turn, round by round, and a change in the machine's load
            # (a shared VM moves one writer's time by 20-40 % from minute to minute)
            # falls on both sides of the ratio.
            rounds = 1 if a.smoke else (TARGET_ROUNDS if n == bench_targets.TARGET_N else plan(pairs[0]["name"], n, False)[0])
            measure_interleaved(pairs, rounds, 1200, None, None)
            for e in pairs:
                e["interleaved_rounds"] = rounds
                add(log(e) or e)
        for big in bigs:
            print(f"== linear growth: bangfu and the floors at {big} rows", flush=True)
            s = scheme_of(big)
            for name, fmt, is_b, cmd, out in writers(a.bangfu, big):
                if not (is_b or name in ("floor-deflate", "libxlsxwriter-c")):
                    continue
                e = {"section": "writers", "name": name, "format": fmt, "bangfu": is_b, "n": big, "cmd": cmd, "output": out,
                     "big": True}
                chk = None if fmt == "floor" else (lambda e, out=out, s=s: check_outputs.check_file(out, s))
                add(log(measure(e, 3, 0, 1200, chk, before=remover(out))) or e)

        print("== bangfu render of each example", flush=True)
        if not examples():
            print("  (no examples/*/scheme.json yet)")
        for ex, path, _ in examples():
            runs, warm = (1, 0) if a.smoke else (5, 1)
            if not json.load(open(path, encoding="utf-8")).get("plugin"):
                # An example without a plugin (zhejiang-2014: the seed shows only part of its
                # table) is there for `bangfu check`, so that is what is timed.
                e = {"section": "render", "name": f"bangfu check {ex} (no plugin: checked, not rendered)",
                     "bangfu": True, "cmd": [a.bangfu, "check", path]}
                add(log(measure(e, runs, warm, 300)) or e)
                continue
            d = os.path.join(FILES, "render-" + ex)
            shutil.rmtree(d, ignore_errors=True)
            os.makedirs(d)
            e = {"section": "render", "name": f"bangfu render {ex}", "bangfu": True, "outdir": d,
                 "cmd": [a.bangfu, "render", path, "--out", d, "--format", "docx,xlsx"]}
            add(log(measure(e, runs, warm, 300, check_render)) or e)

        print(f"== bangfu names sort of {NAMES_N} names", flush=True)
        names_in = os.path.join(DATA, f"names-{NAMES_N}.txt")
        names_out = os.path.join(FILES, f"names-sorted-{NAMES_N}.txt")
        e = {"section": "names", "name": f"bangfu names sort --by stroke ({NAMES_N} names)", "bangfu": True,
             "cmd": [a.bangfu, "names", "sort", "--by", "stroke", names_in]}
        add(log(measure(e, 1 if a.smoke else 10, 0 if a.smoke else 1, 120, check_names(names_in, names_out),
                        stdout_path=names_out)) or e)

    if not a.only:
        # What measuring the text costs, counted by callgrind (issue 16): out/width.json,
        # which the report reads.
        n = bench_targets.TARGET_N if bench_targets.TARGET_N in scales else max(scales)
        print(f"== measuring the text: callgrind of bangfu table at {n} rows", flush=True)
        import width_share
        width_share.run(a.bangfu, os.path.join(DATA, f"table-{n}.csv"), os.path.join(OUT, "width.json"))

    results["elapsed_s"] = time.monotonic() - started
    results["versions"]["load_end"] = loadavg()
    import report
    report.write_all(results, OUT, publish=REPO if a.publish else None)

    bad = [e for e in results["entries"]
           if e["status"] == "check-failed"
           or (e["status"] == "failed" and e["section"] in ("writers", "names", "startup", "batch") and not e.get("big"))]
    for e in bad:
        print(f"FAILED: {e['name']} {('N=' + str(e['n'])) if e.get('n') else ''}: {e['status']} "
              f"{e.get('note', '')} {e.get('check', '')}")
    return 1 if bad else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Fatal as err:
        sys.exit(f"bench: {err}")
