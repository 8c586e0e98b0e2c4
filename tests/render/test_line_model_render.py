#!/usr/bin/python3
"""Render check of the line model (docs/typesetting.md "The line model"): the lines
layout measures for a table cell are the lines LibreOffice prints it in.

Run by ctest as: /usr/bin/python3 test_line_model_render.py --bangfu BIN --source SRC --work DIR
Exit 0 = pass, 1 = fail, 77 = skipped (no LibreOffice or poppler, or no probe).

Every plugin example, the bench's synthetic 200-row table and a fixture table are
rendered to DOCX + PDF (as test_table_render does). bangfu_line_probe
(tools/line_probe.cpp, beside the bangfu binary) gives, for every cell of the DOCX,
layout::cellLines at layout::cellContentTwips (its width at the table styles' 0.25-pt
condensing) and size: the measure the writers cut rows and paginate by.
check_tables.py finds each cell's text in the PDF (pdftotext -bbox-layout) and counts
its printed lines. Every cell found must print in the lines measured.

The probe also measures each cell at the faces' plain advances, as the table layout
did before it measured the condensing (lishui-2019 附件2's 庆元县 row: 11 lines
measured, 10 printed). The test requires cells where the two measures differ, so that
it fails if measurement and printing part again either way: the condensing dropped
from the measure, or from the table styles.
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_tables  # noqa: E402
import test_table_render  # noqa: E402

SKIP = 77
# Found in the PDF: at least this share of the cells the probe measured (a cell is
# left out only where its text recurs or its block touches another's).
MIN_FOUND_SHARE = 0.8
# Cells whose lines differ between the condensed and the plain measure, over all the
# documents: the evidence that the comparison can tell the two apart. lishui-2019 has
# 2; the fixture tests/fixtures/render/line-model.csv (30 rows of 8–18 units from
# lishui-2019's list; its 帮扶序号 column leaves the 团组单位 column 7371 tw: 25 字 a
# line plain, 26 condensed) has 8. With w:spacing 0 written into its table text style,
# LibreOffice printed all 8 at the plain count, and this test failed.
MIN_SENSITIVE_CELLS = 5
FIXTURE = os.path.join("tests", "fixtures", "render", "line-model.csv")


def probe(tool, docx):
    """{(table, row, col): (lines, plain)} from bangfu_line_probe."""
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(docx) as z:
        paths = []
        for part in ("word/document.xml", "word/styles.xml"):
            path = os.path.join(tmp, os.path.basename(part))
            with open(path, "wb") as f:
                f.write(z.read(part))
            paths.append(path)
        r = subprocess.run([tool] + paths, capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        raise RuntimeError(f"{tool} {docx}: exit {r.returncode}: {r.stderr.strip()}")
    out = {}
    for line in r.stdout.splitlines():
        table, row, col, lines, plain = (int(x) for x in line.split("\t"))
        out[(table, row, col)] = (lines, plain)
    return out


def compare(name, docx, pdf, tool):
    measured = probe(tool, docx)
    printed = {}
    check_tables.check(docx, pdf, with_fonts=False, printed=printed)
    tables = check_tables.docx_tables(docx)
    found = {k: v for k, v in printed.items() if k in measured}
    wrong, plain_right, sensitive = [], 0, 0
    for key, lines in sorted(found.items()):
        model, plain = measured[key]
        if model != plain:
            sensitive += 1
            plain_right += plain == lines
        if model != lines:
            t, r, c = key
            cell = next(x for x in tables[t][1]["rows"][r] if x["col"] == c)
            wrong.append(f"table {t + 1} row {r + 1} col {c + 1}: measured {model}, printed {lines} "
                         f"(at the plain advances {plain}): {''.join(cell['paras'])[:40]}")
    return dict(measured=len(measured), found=len(found), wrong=len(wrong), sensitive=sensitive,
                plain_right=plain_right), wrong


def render_fixture(bangfu, source, work):
    docx = os.path.join(work, "line-model.docx")
    r = subprocess.run([bangfu, "table", os.path.join(source, FIXTURE), "-o", docx, "--title", "行数测试表",
                        "--label", "附件1"], capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        return None, r.stderr.strip()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    return test_table_render.convert(soffice, source, docx, work, "line-model")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bangfu", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--only")
    args = ap.parse_args()
    if not (shutil.which("soffice") or shutil.which("libreoffice")) or not shutil.which("pdftotext"):
        print("SKIP: LibreOffice or poppler missing")
        return SKIP
    tool = os.path.join(os.path.dirname(os.path.abspath(args.bangfu)), "bangfu_line_probe")
    if not os.path.exists(tool):
        print(f"SKIP: {tool} not built")
        return SKIP
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    jobs = []
    for scheme in sorted(glob.glob(os.path.join(args.source, "examples", "*", "scheme.json"))):
        name = os.path.basename(os.path.dirname(scheme))
        with open(scheme, encoding="utf-8") as f:
            if not json.load(f).get("plugin"):
                continue
        jobs.append((name, lambda s=scheme, n=name: test_table_render.render_example(
            args.bangfu, s, os.path.join(args.work, n))))
    jobs.append(("synthetic-200", lambda: test_table_render.render_synthetic(args.bangfu, args.source, 200,
                                                                            args.work)))
    jobs.append(("line-model", lambda: render_fixture(args.bangfu, args.source, args.work)))
    failures, sensitive = [], 0
    for name, job in jobs:
        if args.only and name != args.only:
            continue
        files, err = job()
        if files is None:
            failures.append(f"{name}: could not render: {err}")
            continue
        docx, pdf = files
        counts, wrong = compare(name, docx, pdf, tool)
        sensitive += counts["sensitive"]
        print(f"{name}: " + " ".join(f"{k}={v}" for k, v in counts.items()))
        for w in wrong[:20]:
            print("   ", w)
        if wrong:
            failures.append(f"{name}: {len(wrong)} cells print in other lines than measured")
        if counts["found"] < MIN_FOUND_SHARE * counts["measured"]:
            failures.append(f"{name}: only {counts['found']} of {counts['measured']} cells found in the PDF")
    if not args.only and sensitive < MIN_SENSITIVE_CELLS:
        failures.append(f"only {sensitive} cells measure differently at Normal's condensing "
                        f"(want ≥ {MIN_SENSITIVE_CELLS}): the check could not tell the line models apart")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
