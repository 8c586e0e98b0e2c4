#!/usr/bin/python3
"""Re-opens a DOCX or XLSX written from a scheme (by bangfu or a peer) with a
real reader (python-docx / openpyxl) and checks that it holds the scheme's
table: the header row, the number of data rows, the first and last data rows
cell for cell, and the 合计 row's sums. A timing only counts once its output
passed this check.

The check finds the table by its content, not by fixed positions, because
bangfu lays the page out to GB/T 9704 (an optional 附件N label, a title, the
table) while the peers write a bare title: so it looks for the header row and
reads from there. A cell's text is its paragraphs joined by "\\n", with <w:br/>
read as "\\n" too. In XLSX the 合计 cells may be formulas: their cached values
(openpyxl data_only) are compared, so a formula without a cached result fails.
Layout details (repeated header row, landscape, East Asian font, merged title)
are reported after the verdict; they do not decide it.

Usage: check_outputs.py SCHEME.json FILE...      (exit 1 if any file fails)
       check_outputs.py --dir DATA_DIR OUT_DIR   (every NAME-N.{docx,xlsx} in OUT_DIR
                                                  against DATA_DIR/scheme-N.json)
"""
import glob
import json
import os
import re
import sys
from pathlib import Path

TOTAL_LABEL = "合计"


def load_scheme(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def expected(s):
    """The table every writer must produce: header, data rows, sums."""
    rows = [[r["county"] + "\n结对村：" + r["villages"], r["leader"], r["members"],
             str(r["work_groups"]), str(r["instructors"])] for r in s["rows"]]
    sums = (str(sum(r["work_groups"] for r in s["rows"])), str(sum(r["instructors"] for r in s["rows"])))
    return list(s["columns"]), rows, sums


def squash(text):
    """合计 may be spaced out for looks (合　　计); compare it without spaces."""
    return re.sub(r"[\s\u3000]+", "", text or "")


def as_text(v):
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


class CheckError(Exception):
    pass


def need(cond, what):
    if not cond:
        raise CheckError(what)


def compare_body(header, data, total, s):
    """header, data rows and total row as lists of cell texts."""
    cols, rows, sums = expected(s)
    need(header[:len(cols)] == cols, f"header row {header!r}")
    need(len(data) == len(rows), f"data rows {len(data)} != {len(rows)}")
    for name, got, want in (("first", data[0], rows[0]), ("last", data[-1], rows[-1])):
        need(got[:len(want)] == want, f"{name} data row {got!r} != {want!r}")
    need(total is not None and TOTAL_LABEL in squash(total[0]), f"no {TOTAL_LABEL} row after the data")
    need(tuple(total[-2:]) == sums, f"{TOTAL_LABEL} sums {tuple(total[-2:])} != {sums}")
    return f"{len(data)} data rows, {TOTAL_LABEL} {sums[0]}/{sums[1]}"


def check_docx(path, s):
    import docx
    from docx.oxml.ns import qn

    d = docx.Document(path)
    t_tag, br_tag, tab_tag, p_tag = qn("w:t"), qn("w:br"), qn("w:tab"), qn("w:p")

    def cell_text(tc):
        paras = []
        for p in tc.iter(p_tag):
            parts = []
            for el in p.iter(t_tag, br_tag, tab_tag):
                parts.append(el.text or "" if el.tag == t_tag else ("\n" if el.tag == br_tag else "\t"))
            paras.append("".join(parts))
        return "\n".join(paras)

    cols = list(s["columns"])
    for tbl in d.tables:
        trs = tbl._tbl.tr_lst
        texts = None
        for hi, tr in enumerate(trs[:5]):
            if [cell_text(tc) for tc in tr.tc_lst][:len(cols)] == cols:
                texts = [[cell_text(tc) for tc in t.tc_lst] for t in trs[hi:]]
                header_tr = tr
                break
        if texts is None:
            continue
        # Tall rows cut at a page boundary (docs/typesetting.md "Rows across pages")
        # are one data row: joined as the golden comparison joins them.
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "cli"))
        from golden_compare import fold_cut_rows
        texts = fold_cut_rows(texts)
        body = texts[1:]
        total_at = next((i for i in range(len(body) - 1, -1, -1) if TOTAL_LABEL in squash(body[i][0])), None)
        data = body[:total_at] if total_at is not None else body
        total = body[total_at] if total_at is not None else None
        verdict = compare_body(texts[0], data, total, s)
        notes = []
        trpr = header_tr.find(qn("w:trPr"))
        notes.append("header repeats" if trpr is not None and trpr.find(qn("w:tblHeader")) is not None
                     else "header does NOT repeat")
        sect = d.sections[-1]
        notes.append("landscape" if sect.page_width > sect.page_height else "portrait")
        return verdict + "; " + ", ".join(notes)
    raise CheckError(f"no table with the header {cols!r} among {len(d.tables)} table(s)")


def check_xlsx(path, s):
    import openpyxl

    # read_only keeps memory flat at 200000 rows; data_only reads formulas' cached values.
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb.worksheets[0]
        cols = list(s["columns"])
        it = ws.iter_rows(values_only=True)
        header = None
        for _ in range(10):
            row = next(it, None)
            if row is None:
                break
            texts = [as_text(v) for v in row]
            if texts[:len(cols)] == cols:
                header = texts
                break
        need(header is not None, f"no header row {cols!r} in the first 10 rows")
        data, total = [], None
        for row in it:
            texts = [as_text(v) for v in row]
            if not any(texts):
                continue
            if TOTAL_LABEL in squash(texts[0]):
                total = texts[:len(cols)]
                break
            data.append(texts)
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "cli"))
        from golden_compare import fold_cut_rows  # rows cut at a print page boundary, joined
        data = fold_cut_rows([header] + data)[1:]
        return compare_body(header, data, total, s)
    finally:
        wb.close()


def check_file(path, s):
    """Returns a one-line verdict; raises CheckError (or the reader's error) on failure."""
    return (check_docx if path.endswith(".docx") else check_xlsx)(path, s)


def main(argv):
    if len(argv) >= 3 and argv[0] == "--dir":
        data_dir, out_dir = argv[1], argv[2]
        pairs = []
        for path in sorted(glob.glob(os.path.join(out_dir, "*-*.docx")) + glob.glob(os.path.join(out_dir, "*-*.xlsx"))):
            m = re.search(r"-(\d+)\.(docx|xlsx)$", path)
            if m:
                pairs.append((path, os.path.join(data_dir, f"scheme-{m.group(1)}.json")))
    elif len(argv) >= 2:
        pairs = [(p, argv[0]) for p in argv[1:]]
    else:
        sys.exit(__doc__)
    bad = 0
    schemes = {}
    for path, scheme in pairs:
        s = schemes.setdefault(scheme, load_scheme(scheme))
        try:
            print(f"ok   {os.path.basename(path)}: {check_file(path, s)}")
        except Exception as e:  # report every file, then fail
            bad += 1
            print(f"FAIL {os.path.basename(path)}: {type(e).__name__}: {e}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
