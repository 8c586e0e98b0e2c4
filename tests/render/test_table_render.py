#!/usr/bin/python3
"""Render check of every example's tables (issue 16 "Verification").

Run by ctest as: /usr/bin/python3 test_table_render.py --bangfu BIN --source SRC --work DIR
Exit 0 = pass, 1 = fail, 77 = skipped (no LibreOffice, poppler or pdfminer).

Renders, with bangfu's own PDF path (LibreOffice in a private profile, fonts/fonts.conf):
  * every plugin example (examples/*/scheme.json that `bangfu check` accepts and a
    plugin renders) as DOCX + PDF;
  * the bench's synthetic tables at 200 and 2000 rows (bench/gen_scheme.py →
    bench/scheme_to_csv.py → `bangfu table … --total 工作组（个）`); the 2000-row
    DOCX is converted in slices of 200 body rows cut from it (slice_table), which
    LibreOffice prints in a fraction of the time of the whole;
  * the four section orders (portrait→landscape→portrait, landscape first, landscape
    last, two landscape appendices in a row), from the gtest sample writer.
Then counts, with check_tables.py, per document: orphan lines in cells, blank merged
cells at the top of continuation pages, pages without a page number 10 mm inside the
paper, broken short names, characters drawn in a fallback face, and row gaps (a page
left more than a typical row empty while a row that could be cut starts the next).

Orphans, blank merged cells and page numbers must be 0 everywhere, row gaps in every
example (the synthetic tables' are reported); the
largest page-bottom gap (max_gap_mm), broken names and fallback glyphs are reported (a table may have no
width that keeps every name whole, and a name may hold a character no installed face
of its style has). `--keep` leaves the PDFs in the work folder; `--only NAME` runs one.
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_tables  # noqa: E402

SKIP = 77
MUST_BE_ZERO = ("orphans", "blank_merged", "page_numbers")
# Must be 0 in the examples; reported for the synthetic tables, where a first part the
# model fitted can still be pushed by LibreOffice (and the 2000-row table is printed in
# slices whose pages do not fall where the whole table's do).
MUST_BE_ZERO_IN_EXAMPLES = ("row_gaps",)
SYNTHETIC_ROWS = (200, 2000)
# Longer tables are converted in slices of this many body rows (slice_table).
SLICE_BODY_ROWS = 200
FOUR_DIGIT_PAGE = 1001


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def render_example(bangfu, scheme, out):
    r = run([bangfu, "render", scheme, "--out", out, "--format", "docx,pdf"], timeout=900)
    if r.returncode != 0:
        return None, r.stderr.strip()
    docx = sorted(glob.glob(os.path.join(out, "*.docx")))
    pdf = sorted(glob.glob(os.path.join(out, "*.pdf")))
    if len(docx) != 1 or len(pdf) != 1:
        return None, f"expected one DOCX and one PDF in {out}, found {docx + pdf}"
    return (docx[0], pdf[0]), ""


def render_synthetic(bangfu, source, rows, work):
    scheme = os.path.join(work, f"synthetic-{rows}.json")
    csv = os.path.join(work, f"synthetic-{rows}.csv")
    docx = os.path.join(work, f"synthetic-{rows}.docx")
    for cmd in ([sys.executable, os.path.join(source, "bench", "gen_scheme.py"), str(rows), scheme],
                [sys.executable, os.path.join(source, "bench", "scheme_to_csv.py"), scheme, csv]):
        r = run(cmd, timeout=300)
        if r.returncode != 0:
            return None, r.stderr.strip()
    r = run([bangfu, "table", csv, "-o", docx, "--title", "结对帮扶团组安排方案", "--label", "附件1",
             "--total", "工作组（个）"], timeout=600)
    if r.returncode != 0:
        return None, r.stderr.strip()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if rows <= SLICE_BODY_ROWS:
        return convert(soffice, source, docx, work, str(rows))
    # LibreOffice's time grows much faster than the pages (measured on this table:
    # 200 rows, 115 pages, 3 s; 2000 rows, 1196 pages, 197 s), so a long table is
    # printed in slices cut from the DOCX bangfu wrote for the whole of it.
    pairs = []
    for k, part in enumerate(slice_table(docx, SLICE_BODY_ROWS)):
        files, err = convert(soffice, source, part, work, f"{rows}-{k}")
        if files is None:
            return None, f"{os.path.basename(part)}: {err}"
        pairs.append(files)
    return pairs, ""


def slice_table(docx, per_slice):
    """The one-table DOCX `docx` as several documents of at most about `per_slice`
    body rows each, with the same label, title, table properties, column grid,
    repeated header rows, cell XML (narrowing included), section and footers.

    What the checks count is the same as on the whole table: an orphan is a cell's
    own line breaking at its column width, a page number lies where the section puts
    it, and a blank merged cell is a continuation page's first row (the bench table
    has no merges). Only the pagination of the whole is not reproduced, so the last
    slice numbers its pages from FOUR_DIGIT_PAGE: a long table's page numbers of four
    digits are checked too."""
    with zipfile.ZipFile(docx) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    xml = dict((i.filename, data) for i, data in entries)["word/document.xml"].decode("utf-8")
    if xml.count("<w:tbl>") != 1:
        raise ValueError(f"{docx}: slicing expects exactly one table")
    start, end = xml.index("<w:tbl>"), xml.index("</w:tbl>")
    table = xml[start:end]
    rows = re.findall(r"<w:tr>.*?</w:tr>", table, re.S)
    head = table[:table.index("<w:tr>")]
    header = [r for r in rows if "<w:tblHeader/>" in r]
    body = [r for r in rows if "<w:tblHeader/>" not in r]
    chunks = [body[i:i + per_slice] for i in range(0, len(body), per_slice)]
    if len(chunks) > 1 and len(chunks[-1]) < per_slice // 2:
        chunks[-2] += chunks.pop()
    out = []
    for k, chunk in enumerate(chunks):
        tail = xml[end:]
        if k == len(chunks) - 1:
            tail, n = re.subn(r'<w:pgNumType w:start="\d+"/>', f'<w:pgNumType w:start="{FOUR_DIGIT_PAGE}"/>', tail)
            if n != 1:
                raise ValueError(f"{docx}: expected one w:pgNumType after the table, found {n}")
        part_xml = xml[:start] + head + "".join(header + chunk) + tail
        part = os.path.splitext(docx)[0] + f"-part{k + 1:02d}.docx"
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as z:
            for info, data in entries:
                z.writestr(info, part_xml.encode("utf-8") if info.filename == "word/document.xml" else data)
        out.append(part)
    return out


def convert(soffice, source, docx, work, tag):
    env = dict(os.environ, FONTCONFIG_FILE=os.path.abspath(os.path.join(source, "fonts", "fonts.conf")))
    profile = "file://" + os.path.join(work, f"lo-profile-{tag}")
    r = run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
             os.path.dirname(docx), docx], timeout=1800, env=env)
    pdf = os.path.splitext(docx)[0] + ".pdf"
    if r.returncode != 0 or not os.path.exists(pdf):
        return None, "LibreOffice: " + r.stderr.strip()
    return (docx, pdf), ""


def section_samples(bangfu, source, work):
    """The section orders of issue 16 (portrait→landscape→portrait, landscape first,
    landscape last, two landscape appendices in a row), written by the gtest
    LayoutSectionSamples.WritesEverySectionOrder beside the bangfu binary."""
    tests_bin = os.path.join(os.path.dirname(os.path.abspath(bangfu)), "bangfu_tests")
    folder = os.path.join(work, "section-orders")
    os.makedirs(folder, exist_ok=True)
    if not os.path.exists(tests_bin):
        return []
    r = run([tests_bin, "--gtest_filter=LayoutSectionSamples.WritesEverySectionOrder"], timeout=120,
            env=dict(os.environ, BANGFU_SECTION_SAMPLES=folder))
    if r.returncode != 0:
        return [("section-orders", lambda: (None, r.stdout + r.stderr))]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    jobs = []
    for docx in sorted(glob.glob(os.path.join(folder, "order-*.docx"))):
        name = os.path.splitext(os.path.basename(docx))[0]
        jobs.append((name, lambda d=docx, n=name: convert(soffice, source, d, work, n)))
    return jobs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bangfu", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--only")
    ap.add_argument("--json")
    ap.add_argument("--skip", action="append", default=[], help="leave out a document (e.g. synthetic-2000)")
    args = ap.parse_args()
    if not (shutil.which("soffice") or shutil.which("libreoffice")) or not shutil.which("pdftotext"):
        print("SKIP: LibreOffice or poppler missing")
        return SKIP
    try:
        import pdfminer  # noqa: F401
    except ImportError:
        print("SKIP: python3-pdfminer missing (scripts/setup.sh installs it)")
        return SKIP
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)

    jobs = []
    for scheme in sorted(glob.glob(os.path.join(args.source, "examples", "*", "scheme.json"))):
        name = os.path.basename(os.path.dirname(scheme))
        with open(scheme, encoding="utf-8") as f:
            if not json.load(f).get("plugin"):
                continue  # no plugin renders it (zhejiang-2014)
        jobs.append((name, lambda s=scheme, n=name: render_example(args.bangfu, s, os.path.join(args.work, n))))
    for rows in SYNTHETIC_ROWS:
        jobs.append((f"synthetic-{rows}", lambda r=rows: render_synthetic(args.bangfu, args.source, r, args.work)))

    jobs += section_samples(args.bangfu, args.source, args.work)

    failures, report = [], {}
    for name, job in jobs:
        if (args.only and name != args.only) or name in args.skip:
            continue
        files, err = job()
        if files is None:
            failures.append(f"{name}: could not render: {err}")
            print("FAIL:", failures[-1])
            continue
        counts, findings = {}, []
        for docx, pdf in (files if isinstance(files, list) else [files]):
            c, f = check_tables.check(docx, pdf)
            for k, v in c.items():
                counts[k] = counts.get(k, [] if isinstance(v, list) else 0) + v
            findings += [f"{os.path.basename(docx)}: {x}" for x in f] if isinstance(files, list) else f
        gaps = counts.pop("gaps", [])
        counts["max_gap_mm"] = max(gaps, default=0)
        report[name] = counts
        print(f"{name}: " + " ".join(f"{k}={v}" for k, v in counts.items()))
        for f in findings[:40]:
            print("   ", f)
        for k in MUST_BE_ZERO + (() if name.startswith("synthetic-") else MUST_BE_ZERO_IN_EXAMPLES):
            if counts[k]:
                failures.append(f"{name}: {k}={counts[k]}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(report, f, ensure_ascii=False, indent=1)
    if not report:
        print("FAIL: nothing was rendered")
        return 1
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
