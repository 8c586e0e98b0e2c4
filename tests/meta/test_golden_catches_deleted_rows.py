#!/usr/bin/python3
"""The golden comparison (tests/cli/golden_compare.py) catches a broken table:
Lishui 附件2 rendered by bangfu matches its golden file; copies with the last 3
rows of the table deleted (合计 included), with one row dropped in the middle,
with a cell cut off a row, or with a second table added, must each fail it, in the
DOCX and in the XLSX. Issue 23: before, deleting those rows still passed."""
import copy
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
from common import Checker, parse_args, run  # noqa: E402
from golden_compare import compare_docx, compare_xlsx, read_tsv  # noqa: E402

import docx  # python3-docx
import openpyxl  # python3-openpyxl

STEM = "附件2-市级结对帮扶团组安排方案"


def mutate_docx(src, dst, fn):
    d = docx.Document(src)
    fn(d)
    d.save(dst)
    return dst


def drop_last_rows(n):
    def fn(d):
        t = d.tables[0]
        for row in list(t.rows)[-n:]:
            t._tbl.remove(row._tr)
    return fn


def drop_middle_row(d):
    t = d.tables[0]
    t._tbl.remove(list(t.rows)[4]._tr)


def drop_last_cell(d):
    # the 合计 row: python-docx reads a row short of a cell by shifting every later
    # row on the grid, so the last row is the one whose loss shows as a cell count
    # (the county rows are cut at page boundaries, docs/typesetting.md "Rows across
    # pages", and are joined again before the comparison)
    tr = list(d.tables[0].rows)[-1]._tr
    tr.remove(tr.tc_lst[-1])


def add_table(d):
    d.element.body.append(copy.deepcopy(d.tables[0]._tbl))


def mutate_xlsx(src, dst, fn):
    wb = openpyxl.load_workbook(src)
    fn(wb.worksheets[0])
    wb.save(dst)
    return dst


def header_row(ws, first):
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value and str(ws.cell(r, 1).value).replace(" ", "") == first)


def main():
    a = parse_args()
    c = Checker()
    source = os.path.join(a.source, "examples", "lishui-2019", "scheme.json")
    out = os.path.join(a.work, "out")
    run([a.bangfu, "render", source, "--out", out, "--split"])
    golden = {"teams": read_tsv(os.path.join(a.source, "tests", "golden", "lishui-2019", "teams.tsv"))}
    c.eq(len(golden["teams"]), 11, "teams.tsv: header, 9 counties, 合计")
    docx_path = os.path.join(out, STEM + ".docx")
    xlsx_path = os.path.join(out, STEM + ".xlsx")

    # The control: bangfu's own output passes.
    c.eq(compare_docx(docx_path, golden, "rendered"), [], "the rendered DOCX matches teams.tsv")
    c.eq(compare_xlsx(xlsx_path, golden, "rendered"), [], "the rendered XLSX matches teams.tsv")

    broken = os.path.join(a.work, "broken")
    os.makedirs(broken, exist_ok=True)
    cases = [("last 3 rows deleted", drop_last_rows(3), ["rows, golden has 11", "no 合计 row"]),
             ("a middle row deleted", drop_middle_row, ["rows, golden has 11"]),
             ("a row's last cell cut", drop_last_cell, ["cells, golden has"]),
             ("a second table", add_table, ["is in no golden file"])]
    for what, fn, said in cases:
        path = mutate_docx(docx_path, os.path.join(broken, what.replace(" ", "-") + ".docx"), fn)
        failures = compare_docx(path, golden, what)
        c.true(failures, f"DOCX with {what}: the comparison must fail")
        for s in said:
            c.true(any(s in f for f in failures), f"DOCX with {what}: a failure saying '{s}': {failures}")
        print(f"DOCX with {what}: {len(failures)} failure(s), first: {failures[:1]}")

    def xlsx_drop_last(ws):
        start = header_row(ws, golden["teams"][0][0])
        ws.delete_rows(start + 8, 3)  # the last 2 counties and 合计

    path = mutate_xlsx(xlsx_path, os.path.join(broken, "last-3-rows.xlsx"), xlsx_drop_last)
    failures = compare_xlsx(path, golden, "xlsx")
    c.true(failures, "XLSX with the last 3 rows deleted: the comparison must fail")
    print(f"XLSX with the last 3 rows deleted: {len(failures)} failure(s), first: {failures[:1]}")

    def xlsx_wrong_total(ws):
        start = header_row(ws, golden["teams"][0][0])
        ws.cell(start + 10, 4).value = 158
    path = mutate_xlsx(xlsx_path, os.path.join(broken, "wrong-total.xlsx"), xlsx_wrong_total)
    failures = compare_xlsx(path, golden, "xlsx")
    c.true(any("合计" in f for f in failures), f"XLSX with 合计 158: a 合计 failure: {failures}")
    shutil.rmtree(broken, ignore_errors=True)
    c.finish("golden catches deleted rows")


main()
