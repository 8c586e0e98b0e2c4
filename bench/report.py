#!/usr/bin/python3
"""Turns bench.py's results into out/results.json, out/results.md, the plots
out/perf-time.png and out/perf-rss.png and, with --publish, docs/performance.md
and docs/img/perf-*.png. Every figure printed comes from the results passed in:
nothing here is typed by hand.

Usage: report.py RESULTS.json [--publish REPO]   (rebuilds the pages from a saved run)
"""
import json
import math
import os
import shutil
import sys

import bench_targets as T

DOCX_PEERS = ["python-docx", "python-docx-fastcells", "docxtemplater", "docx-npm"]
XLSX_PEERS = ["libxlsxwriter-c", "xlsxwriter-py", "openpyxl", "exceljs"]
BANGFU_WRITERS = {"bangfu-table-docx": ["floor-deflate"] + DOCX_PEERS,
                  "bangfu-table-xlsx": ["libxlsxwriter-c", "floor-deflate"] + XLSX_PEERS[1:]}
ORDER = ["bangfu-table-docx", "floor-deflate"] + DOCX_PEERS + ["bangfu-table-xlsx"] + XLSX_PEERS


OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out")  # where region.json is


def writer_entries(results):
    return [e for e in results["entries"] if e["section"] == "writers"]


def find(results, name, n):
    for e in writer_entries(results):
        if e["name"] == name and e["n"] == n:
            return e
    return None


def med(e, key="wall_s"):
    return e[key]["median"] if e and e.get("status") == "ok" and key in e else None


def status_text(e):
    if e is None:
        return "not run"
    s = e["status"]
    if s == "ok":
        return "ok"
    if s == "missing":
        return "**missing** (not implemented yet)"
    if s == "timeout":
        return f"**> {e['bound_s']:g} s** (killed at the bound)"
    if s == "check-failed":
        return f"**output check failed**: {e.get('check', '')}"
    return f"**{s}**: {e.get('note', '')}"


def all_ns(results):
    ns = list(results["scales"])
    big = results.get("big") or []
    ns += [big] if isinstance(big, int) else big
    return ns


# ---------------------------------------------------------------- tables

def ratios_table(results):
    ns = all_ns(results)
    lines = []
    for bw, denoms in BANGFU_WRITERS.items():
        lines.append(f"| {bw} ÷ | " + " | ".join(f"N={n}" for n in ns) + " |")
        lines.append("|---|" + "---:|" * len(ns))
        for d in denoms:
            cells = []
            for n in ns:
                b, p = find(results, bw, n), find(results, d, n)
                if b is None or p is None:
                    cells.append("–")
                elif b["status"] != "ok":
                    cells.append("bangfu " + ("missing" if b["status"] == "missing" else b["status"]))
                elif p["status"] == "timeout":
                    cells.append(f"< {med(b) / p['bound_s']:.3g}")
                elif p["status"] != "ok":
                    cells.append(p["status"])
                else:
                    cells.append(f"{med(b) / med(p):.3g}")
            lines.append(f"| {d} | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def paired_ratio(a, b):
    """The median of the round-by-round ratios, when the two ran interleaved."""
    wa, wb = a.get("walls"), b.get("walls")
    if not wa or not wb or len(wa) != len(wb):
        return ""
    rs = sorted(x / y for x, y in zip(wa, wb))
    mid = len(rs) // 2
    r = rs[mid] if len(rs) % 2 else (rs[mid - 1] + rs[mid]) / 2
    return f"; round by round: median {r:.2f}, {rs[0]:.2f}–{rs[-1]:.2f} over {len(rs)} interleaved rounds"


def cpu_ratio(a, b):
    """The same ratio on CPU time, shown beside the wall-time verdict."""
    ca, cb = med(a, "cpu_s"), med(b, "cpu_s")
    return f" (CPU time: {ca / cb:.2f})" if ca and cb else ""


def targets(results):
    """(target, limit, measured, verdict) rows, at TARGET_N (or the largest scale run)."""
    ns = [n for n in results["scales"] if n <= T.TARGET_N] or results["scales"]
    n = T.TARGET_N if T.TARGET_N in results["scales"] else max(ns)
    at = f" at N={n}" + ("" if n == T.TARGET_N else f" (the target is set at N={T.TARGET_N})")
    rows = []

    def verdict(ok):
        return "pass" if ok else "**miss**"

    bd, fl = find(results, "bangfu-table-docx", n), find(results, "floor-deflate", n)
    if med(bd) and med(fl):
        r = med(bd) / med(fl)
        rows.append((f"DOCX time ÷ floor{at}", f"≤ {T.DOCX_TIME_X_FLOOR}",
                     f"{r:.2f}{cpu_ratio(bd, fl)}{paired_ratio(bd, fl)}",
                     verdict(r <= T.DOCX_TIME_X_FLOOR)))
        rss = med(bd, "rss_mib")
        rows.append((f"DOCX peak RSS{at}", f"≤ {T.DOCX_RSS_MIB:g} MiB", f"{rss:.1f} MiB", verdict(rss <= T.DOCX_RSS_MIB)))
        if bd.get("size_bytes") and fl.get("size_bytes"):
            r = bd["size_bytes"] / fl["size_bytes"]
            rows.append((f"DOCX size ÷ floor's compressed size{at}", f"≤ {T.DOCX_SIZE_X_FLOOR}", f"{r:.2f}",
                         verdict(r <= T.DOCX_SIZE_X_FLOOR)))
    else:
        for t, lim in ((f"DOCX time ÷ floor{at}", f"≤ {T.DOCX_TIME_X_FLOOR}"), (f"DOCX peak RSS{at}", f"≤ {T.DOCX_RSS_MIB:g} MiB"),
                       (f"DOCX size ÷ floor's compressed size{at}", f"≤ {T.DOCX_SIZE_X_FLOOR}")):
            rows.append((t, lim, status_text(bd), "missing"))
    bx, lx = find(results, "bangfu-table-xlsx", n), find(results, "libxlsxwriter-c", n)
    if med(bx) and med(lx):
        r = med(bx) / med(lx)
        rows.append((f"XLSX time ÷ libxlsxwriter C peer{at}", f"≤ {T.XLSX_TIME_X_LIBXLSXWRITER}",
                     f"{r:.2f}{cpu_ratio(bx, lx)}{paired_ratio(bx, lx)}",
                     verdict(r <= T.XLSX_TIME_X_LIBXLSXWRITER)))
        r = med(bx, "rss_mib") / med(lx, "rss_mib")
        rows.append((f"XLSX peak RSS ÷ libxlsxwriter C peer{at}", f"≤ {T.XLSX_RSS_X_LIBXLSXWRITER}",
                     f"{r:.2f} ({med(bx, 'rss_mib'):.1f} / {med(lx, 'rss_mib'):.1f} MiB)",
                     verdict(r <= T.XLSX_RSS_X_LIBXLSXWRITER)))
    else:
        for t, lim in ((f"XLSX time ÷ libxlsxwriter C peer{at}", f"≤ {T.XLSX_TIME_X_LIBXLSXWRITER}"),
                       (f"XLSX peak RSS ÷ libxlsxwriter C peer{at}", f"≤ {T.XLSX_RSS_X_LIBXLSXWRITER}")):
            rows.append((t, lim, status_text(bx), "missing"))
    b = {e.get("key"): e for e in results["entries"] if e["section"] == "batch"}
    if b:
        j1, j2 = b.get("full-j1"), b.get("full-j2")
        n = (j1 or {}).get("outputs", "?")
        for key, label, bound, base, base_name in (
                ("full-j2", f"batch: full build, 2 jobs ÷ 1 job ({n} outputs)", T.BATCH_J2_X_J1, j1, "1 job"),
                ("noop", "batch: no-op rebuild ÷ full build (2 jobs)", T.BATCH_NOOP_X_FULL, j2, "full"),
                ("county", "batch: one county changed ÷ full build (2 jobs)", T.BATCH_CHANGE_X_FULL, j2, "full")):
            e = b.get(key)
            if med(e) and med(base):
                r = med(e) / med(base)
                rows.append((label, f"≤ {bound}", f"{r:.3f} ({med(e):.3f} / {med(base):.3f} s)", verdict(r <= bound)))
            else:
                rows.append((label, f"≤ {bound}", status_text(e if not med(e) else base), "missing"))
    width = width_results()
    if width:
        for r in width["formats"]:
            m, a = r["main"]["widths"]["adds_pct"], r["all"]["widths"]["adds_pct"]
            rows.append((f"{r['format'].upper()}: column widths from measured text, added to the rest of "
                         f"`bangfu table` at N={width['rows']}", f"≤ {T.WIDTHS_ADD_PCT:g} %",
                         f"{m:.1f} % of the main thread's instructions ({a:.1f} % of all threads'; "
                         "see \"Measuring the text\")", verdict(m <= T.WIDTHS_ADD_PCT)))
    ns_e = next((e for e in results["entries"] if e["section"] == "names"), None)
    if med(ns_e):
        cpu = f" (CPU time: {med(ns_e, 'cpu_s'):.3f} s)" if med(ns_e, "cpu_s") else ""
        rows.append(("names sort, 100000 names, median wall", f"≤ {T.NAMES_SORT_S} s", f"{med(ns_e):.3f} s{cpu}",
                     verdict(med(ns_e) <= T.NAMES_SORT_S)))
    else:
        rows.append(("names sort, 100000 names, median wall", f"≤ {T.NAMES_SORT_S} s", status_text(ns_e), "missing"))
    return rows


def targets_table(results):
    out = ["| target | limit | measured | verdict |", "|---|---|---|---|"]
    for t, lim, m, v in targets(results):
        out.append(f"| {t} | {lim} | {m} | {v} |")
    return "\n".join(out)


def fig(e):
    w, r, c = e["wall_s"], e["rss_mib"], e.get("cpu_s", {}).get("median")
    cpu = f"{c:.3f}" if c is not None else "–"
    return f"{w['median']:.3f} | {w['min']:.3f}–{w['max']:.3f} | {cpu} | {r['median']:.1f}"


def writers_table(results):
    out = ["| writer | format | N | runs | median wall s | min–max wall s | median CPU s | median peak MiB | output KiB | check |",
           "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    es = sorted(writer_entries(results), key=lambda e: (e["n"], ORDER.index(e["name"]) if e["name"] in ORDER else 99))
    for e in es:
        size = f"{e['size_bytes'] / 1024:.0f}" if e.get("size_bytes") else "–"
        chk = e.get("check", "– (no document)" if e["format"] == "floor" else "–")
        name = f"**{e['name']}**" if e.get("bangfu") else e["name"]
        if e["status"] == "ok":
            note = f" ({e['note']})" if e.get("note") else ""
            out.append(f"| {name} | {e['format']} | {e['n']} | {e['runs']}{note} | {fig(e)} | {size} | {chk} |")
        else:
            out.append(f"| {name} | {e['format']} | {e['n']} | 0 | {status_text(e)} | – | – | – | – | {chk if e['status'] == 'check-failed' else '–'} |")
    return "\n".join(out)


def simple_table(results, section, with_check=False):
    es = [e for e in results["entries"] if e["section"] == section]
    if not es:
        return None
    head = "| what | runs | median wall s | min–max wall s | median CPU s | median peak MiB |" + (" check |" if with_check else "")
    out = [head, "|---|---:|---:|---:|---:|---:|" + ("---|" if with_check else "")]
    for e in es:
        name = f"**{e['name']}**" if e.get("bangfu") else e["name"]
        chk = f" {e.get('check', '–')} |" if with_check else ""
        if e["status"] == "ok":
            out.append(f"| {name} | {e['runs']} | {fig(e)} |{chk}")
        else:
            out.append(f"| {name} | 0 | {status_text(e)} | – | – | – |{chk}")
    return "\n".join(out)


def versions_table(results):
    v = results["versions"]
    out = ["| | |", "|---|---|"]
    for k, val in v.items():
        out.append(f"| {k} | {val} |")
    return "\n".join(out)


# ---------------------------------------------------------------- growth

GROWTH = (("bangfu-table-docx", "bangfu table → DOCX"), ("bangfu-table-xlsx", "bangfu table → XLSX"),
          ("floor-deflate", "floor (deflate)"), ("libxlsxwriter-c", "libxlsxwriter (C)"),
          ("docxtemplater", "docxtemplater"), ("xlsxwriter-py", "XlsxWriter (Python)"),
          ("python-docx-fastcells", "python-docx, fastcells"), ("python-docx", "python-docx, idiomatic"))


def slope(pts):
    """log–log slope between the two largest scales: 1 is linear, 2 quadratic."""
    (n0, t0), (n1, t1) = pts[-2], pts[-1]
    return math.log(t1 / t0) / math.log(n1 / n0)


def growth_table(results):
    ns = sorted(all_ns(results))
    out = ["| writer | " + " | ".join(f"µs/row at {n}" for n in ns) + " | slope between the two largest |",
           "|---|" + "---:|" * (len(ns) + 1)]
    for name, label in GROWTH:
        cells, pts = [], []
        for n in ns:
            e = find(results, name, n)
            if med(e):
                pts.append((n, med(e)))
                cells.append(f"{med(e) / n * 1e6:.1f}")
            else:
                cells.append(("> %g s" % e["bound_s"] if e["status"] == "timeout" else e["status"]) if e else "–")
        if not pts and not name.startswith("bangfu"):
            continue
        sl = f"{slope(pts):.2f} ({pts[-2][0]}→{pts[-1][0]})" if len(pts) >= 2 else "–"
        out.append(f"| {label} | " + " | ".join(cells) + f" | {sl} |")
    return "\n".join(out)


def growth_paragraph(results):
    def pts(name):
        return [(n, med(find(results, name, n))) for n in sorted(all_ns(results)) if med(find(results, name, n))]

    text = ""
    for name, label in GROWTH[:2]:
        p = pts(name)
        if len(p) >= 2:
            (n0, t0), (n1, t1) = p[-2], p[-1]
            text += (f"{label} took {t0:.3f} s at {n0} rows and {t1:.3f} s at {n1}: {t1 / t0:.1f}× the time for "
                     f"{n1 / n0:.0f}× the rows (log–log slope {slope(p):.2f}, where 1 is linear). ")
    for e in writer_entries(results):
        if e["name"].startswith("bangfu-table") and e["status"] == "failed":
            text += f"At {e['n']} rows `{e['name']}` did not run: {e.get('note', '')}. "
    if any(e["name"].startswith("bangfu-table") and e["status"] == "missing" for e in writer_entries(results)):
        text += ("`bangfu table` was not implemented at the time of this run (it exited 3, \"not implemented\"), "
                 "so bangfu's own growth is not measured here; its rows fill in when the bench runs again. ")
    text += ("The table gives median wall time ÷ rows. At 200 rows every figure is mostly process start-up (see "
             "the start-up table), so the cost per row falls as N grows until that fixed cost is amortised; a "
             "writer is linear when its slope between the two largest scales is close to 1. Idiomatic python-docx "
             "is quadratic (slope near 2): its `row.cells` rebuilds the cell list of the whole table on every call. "
             "A slope between 1 and 2 means the cost per row itself grows with the table. Other work on the "
             "machine (see the load averages above) inflates wall times unevenly, so the CPU column of the full "
             "table is the steadier figure.")
    return text


# ---------------------------------------------------------------- plots

def plots(results, out_dir):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written = []
    for key, ylabel, fname in (("wall_s", "median wall time (s)", "perf-time.png"),
                               ("rss_mib", "median peak RSS (MiB)", "perf-rss.png")):
        fig_, axes = plt.subplots(1, 2, figsize=(11, 4.5), sharey=True)
        for ax, (title, names) in zip(axes, (("DOCX writers", ["bangfu-table-docx", "floor-deflate"] + DOCX_PEERS),
                                             ("XLSX writers", ["bangfu-table-xlsx"] + XLSX_PEERS))):
            for name in names:
                pts = [(e["n"], e[key]["median"]) for e in writer_entries(results)
                       if e["name"] == name and e["status"] == "ok" and key in e]
                pts.sort()
                style = dict(marker="o", linewidth=1.5)
                if name.startswith("bangfu"):
                    style.update(linewidth=3, color="#c00000")
                if name == "floor-deflate":
                    style.update(linestyle="--", color="black")
                if pts:
                    ax.plot([p[0] for p in pts], [p[1] for p in pts], label=name, **style)
                cut = [e for e in writer_entries(results) if e["name"] == name and e["status"] == "timeout"]
                if cut and key == "wall_s":
                    ax.plot([e["n"] for e in cut], [e["bound_s"] for e in cut], marker="^", linestyle="none",
                            color=ax.lines[-1].get_color() if pts else "grey",
                            label=f"{name}: killed at bound (≥)")
                if not pts and name.startswith("bangfu"):
                    ax.plot([], [], label=f"{name}: missing", color="#c00000", linewidth=3)
            ax.set_xscale("log")
            ax.set_yscale("log")
            ax.set_xlabel("rows")
            ax.set_title(title)
            ax.grid(True, which="both", alpha=0.3)
            ax.legend(fontsize=7)
        axes[0].set_ylabel(ylabel)
        fig_.suptitle(f"bangfu bench ({results['mode']} run, {results['versions']['date_utc']})", fontsize=10)
        fig_.tight_layout()
        path = os.path.join(out_dir, fname)
        fig_.savefig(path, dpi=90)
        plt.close(fig_)
        written.append(path)
    return written


# ---------------------------------------------------------------- pages

def width_results():
    """bench/width_share.py's JSON (out/width.json), or None when it did not run."""
    path = os.path.join(OUT_DIR, "width.json")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def width_section():
    """The "Measuring the text" section: callgrind's count of each layout part."""
    w = width_results()
    if not w:
        return None
    s = ["\n## Measuring the text\n",
         f"bench/width_share.py, in the same run: `bangfu table` of the {w['rows']}-row table under "
         "`valgrind --tool=callgrind --separate-threads=yes`, each part counted with what it calls. "
         "\"Adds\" is the part ÷ the rest of the run. The main thread is the critical path: the deflate "
         "threads run beside it. Widths are layout::tableMetrics and layout::solveColumnWidths; row lines, "
         "layout::RowMeasurer::measureNext (every cell's lines at those widths, for row heights and "
         "pagination); cuts, layout::RowCutPlanner::placeRow (rows cut at page boundaries).\n",
         "| format | thread | instructions | widths | row lines | cuts |", "|---|---|---:|---:|---:|---:|"]
    for r in w["formats"]:
        for scope, label in (("main", "main"), ("all", f"all {r['threads']}")):
            x = r[scope]
            cells = " | ".join(f"{x[p]['ir'] / 1e6:.0f} M (adds {x[p]['adds_pct']:.1f} %)"
                               for p in ("widths", "row lines", "cuts"))
            s.append(f"| {r['format'].upper()} | {label} | {x['total_ir'] / 1e9:.2f} G | {cells} |")
    return "\n".join(s) + "\n"


def pdf_section(path):
    """The "PDF in builds" section from bench/pdf_bench.py's JSON; None when not run."""
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        r = json.load(f)
    s = ["\n## PDF in builds\n"]
    if "skipped" in r:
        return "\n".join(s + [r["skipped"] + ".\n"])
    what = "summary appendices only (--smoke)" if r["smoke"] else "every document"
    s.append(f"bench/pdf_bench.py, in the same run: `bangfu build` of examples/batch-demo with formats docx, xlsx "
             f"and pdf, {what}: {r['outputs']} outputs of which {r['pdfs']} PDFs, each converted by LibreOffice "
             "(one run per job, docs/batch.md \"PDF\"). Full builds start from an empty output folder, "
             f"1 and 2 jobs interleaved, median of {r['rounds']}; CPU is bangfu's and LibreOffice's. The change is "
             f"dongli-2017's 成文日期: {r['change_outputs']} outputs of that scheme regenerated, {r['change_pdfs']} of "
             f"them PDFs. Load average when it ended: {' '.join(r['loadavg'])} on {r['nproc']} cores.\n")
    s.append("| build | wall | CPU |\n|---|---|---|\n"
             f"| full, --jobs 1 | {r['full_j1_s']:.2f} s | {r['full_j1_cpu_s']:.2f} s |\n"
             f"| full, --jobs 2 | {r['full_j2_s']:.2f} s | {r['full_j2_cpu_s']:.2f} s |\n"
             f"| no-op rebuild, --jobs 2 | {r['noop_s']:.2f} s | |\n"
             f"| one scheme changed, --jobs 2 | {r['change_s']:.2f} s | {r['change_cpu_s']:.2f} s |\n")
    return "\n".join(s)


def results_md(results, img_prefix):
    v = results["versions"]
    missing = sorted({e["name"] for e in results["entries"] if e.get("bangfu") and e["status"] == "missing"})
    s = []
    s.append(f"Run of {v['date_utc']} ({results['mode']} run: N = {', '.join(map(str, results['scales']))}"
             + (f", and {', '.join(map(str, all_ns(results)[len(results['scales']):]))} for bangfu and the floors"
                if results.get("big") else "")
             + f"; {results['elapsed_s'] / 60:.1f} min in all), {v['bangfu']} at commit {v['bangfu_commit']}. "
             + f"Load average (1 min) at the start {v.get('load_start', '?')}, at the end {v.get('load_end', '?')}: "
             "other work on the machine during the run shows there"
             + (f"; the bench ran at niceness {v['niceness']} to keep its share of the CPU." if v.get("niceness", "0") != "0" else "."))
    if missing:
        s.append("")
        s.append("Missing bangfu rows (the command was not implemented at the time of the run): "
                 + ", ".join(f"`{m}`" for m in missing) + ".")
    s.append("\n## Targets\n")
    s.append("The targets come from the writer issues. Absolute times vary by machine; the ratios, taken in one "
             "run on the same data, are what this page promises. bangfu's two table writers and their bases "
             "(floor-deflate, the libxlsxwriter C peer) run interleaved, one run of each in turn per round, so a "
             "change in the machine's load falls on both sides of a ratio; the verdict is the ratio of the "
             "medians.\n")
    s.append(targets_table(results))
    s.append("\n## Ratios: bangfu ÷ floor and ÷ each peer (median wall time)\n")
    s.append("Below 1 means bangfu is faster. \"< x\" means the peer was killed at its time bound, so the true "
             "ratio is smaller still.\n")
    s.append(ratios_table(results))
    s.append("## How cost grows with size\n")
    s.append(growth_paragraph(results) + "\n")
    s.append(growth_table(results))
    s.append(f"\n![time against rows]({img_prefix}perf-time.png)\n")
    s.append(f"![peak RSS against rows]({img_prefix}perf-rss.png)\n")
    s.append("## Every writer\n")
    s.append("Each output was reopened with python-docx or openpyxl (bench/check_outputs.py: header row, row count, "
             "first and last data rows cell for cell, the 合计 sums) before its timing counted. The floor "
             "(floor-deflate) only deflates python-docx's document.xml for the same rows with zlib level 6: the "
             "cost of compressing alone, which no DOCX writer at that level can beat. CPU s is user + system time of the "
             "process: less disturbed than wall time when other work shares the machine. Peak RSS is ru_maxrss of the "
             "process, measured by a C launcher (bench/tools/timeone.c) so the harness adds about 1 MiB at most.\n")
    s.append(writers_table(results))
    s.append("\n## Start-up\n")
    s.append("A process that writes no document: what every run above pays once.\n")
    s.append(simple_table(results, "startup"))
    s.append("\n## bangfu render of each example\n")
    t = simple_table(results, "render", with_check=True)
    s.append(t if t else "No examples/*/scheme.json existed at the time of this run.")
    s.append("\n## bangfu names sort\n")
    s.append("100,000 fictional names (bench/gen_names.py: common surnames, a few compound ones, one or two given-name "
             "characters), sorted by stroke. The check: the output is a permutation of the input, and the first "
             "character's PRC stroke count (Unihan kTotalStrokes) never decreases.\n")
    s.append(simple_table(results, "names", with_check=True))
    s.append("\n## Batch build\n")
    t = simple_table(results, "batch", with_check=True)
    if t:
        s.append("The synthetic Lishui-style project of bench/batch_project.py (24 counties × 21 units: per county "
                 "its leaders sheet, its 团组 sheet and 21 unit sheets, in DOCX and XLSX, plus the 4 summary appendices). \"Full\" "
                 "starts from an empty output folder (a new one for each run, the old ones removed after the section; 1 and "
                 "2 jobs alternate run by run, 5 rounds); the one-county run changes one county's 团组单位 order "
                 "before each run. The project sits in bench/out, on the same disk as everything else. This section "
                 "runs first: on ext4 without a journal, file creation skips inodes freed in the last minute or more "
                 "(recently_deleted() in fs/ext4/ialloc.c), so files the other sections delete would be paid for by "
                 "the ~11000 files these builds create (docs/batch.md, \"Speed\").\n")
        s.append(t)
    else:
        s.append("Not measured in this run.")
    region = os.path.join(OUT_DIR, "region.json")
    if os.path.exists(region):
        with open(region, encoding="utf-8") as f:
            r = json.load(f)
        s.append("\n## Region file vs compiled plugin\n")
        s.append(f"bench/region_bench.py, in the same run: a synthetic 附件2 of {r['rows']} teams rendered to "
                 f"{r['format'].upper()} through the compiled lishui plugin and through "
                 "tests/region/lishui_r.region.json (bytes compared: "
                 f"{'identical' if r['byte_identical'] else 'DIFFERENT'}), {r['rounds']} interleaved rounds, medians.\n")
        s.append("| | compiled | region file | ratio | bound |\n|---|---|---|---|---|\n"
                 f"| wall | {r['compiled_s']:.3f} s | {r['region_s']:.3f} s | {r['ratio']:.3f} | ≤ {r['bound']} |\n"
                 f"| CPU | {r['compiled_cpu_s']:.3f} s | {r['region_cpu_s']:.3f} s | {r['cpu_ratio']:.3f} | |\n")
    s.append(width_section())
    s.append(pdf_section(os.path.join(OUT_DIR, "pdf.json")))
    s.append("\n## Machine and versions\n")
    s.append(versions_table(results))
    return "\n".join(x for x in s if x is not None) + "\n"  # a section not run (--only) adds None


def write_all(results, out_dir, publish=None):
    global OUT_DIR
    OUT_DIR = out_dir
    with open(os.path.join(out_dir, "results.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, ensure_ascii=False, indent=1)
    pngs = plots(results, out_dir) if writer_entries(results) else []  # none in an --only run
    with open(os.path.join(out_dir, "results.md"), "w", encoding="utf-8") as f:
        f.write("# bangfu bench results\n\n" + results_md(results, ""))
    print(f"wrote {out_dir}/results.md, results.json, " + ", ".join(os.path.basename(p) for p in pngs))
    if publish:
        img = os.path.join(publish, "docs", "img")
        os.makedirs(img, exist_ok=True)
        for p in pngs:
            shutil.copy(p, os.path.join(img, os.path.basename(p)))
        page = os.path.join(publish, "docs", "performance.md")
        with open(page, "w", encoding="utf-8") as f:
            f.write("# Performance\n\n"
                    "Generated by `bench/run.sh` (bench/report.py) from one actual run; do not edit by hand, rerun "
                    "`bench/run.sh --publish` instead. How the bench works: bench/README.md. Measurements taken "
                    "outside the bench (serve load, instruction counts, dated): docs/performance-notes.md.\n\n"
                    + results_md(results, "img/"))
        print(f"wrote {page} and docs/img/perf-*.png")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        res = json.load(f)
    pub = sys.argv[sys.argv.index("--publish") + 1] if "--publish" in sys.argv else None
    write_all(res, os.path.dirname(os.path.abspath(sys.argv[1])), pub)
