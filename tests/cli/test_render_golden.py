"""Golden test: every example rendered by bangfu, read back by real readers
(python3-docx, openpyxl), equals the seed's tables cell for cell (after removing
whitespace), and the notes and name lists read as published."""
import glob
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import Checker, norm, parse_args, run  # noqa: E402

import docx  # python3-docx
import openpyxl  # python3-openpyxl


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return [[norm(c) for c in line.rstrip("\n").split("\t")] for line in f if line.strip()]


def docx_tables(path):
    d = docx.Document(path)
    tables = []
    for t in d.tables:
        # python-docx repeats a merged cell in every slot it covers, as a reader sees it.
        tables.append([[norm(c.text) for c in row.cells] for row in t.rows])
    return d, tables


def xlsx_tables(path):
    wb = openpyxl.load_workbook(path, data_only=True)  # cached values: 合计 shows without recalculation
    sheets = []
    for ws in wb.worksheets:
        grid = [[ws.cell(r, c).value for c in range(1, ws.max_column + 1)] for r in range(1, ws.max_row + 1)]
        for rng in ws.merged_cells.ranges:  # a merged range's value belongs to every cell it covers
            v = ws.cell(rng.min_row, rng.min_col).value
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    grid[r - 1][c - 1] = v
        sheets.append((ws.title, [[norm(v) for v in row] for row in grid]))
    return sheets


def find_table(grid, golden):
    """The rows of `grid` from the golden header on, as many as the golden has."""
    width = len(golden[0])
    for i, row in enumerate(grid):
        if row[:width] == golden[0]:
            return [r[:width] for r in grid[i:i + len(golden)]]
    return None


def main():
    a = parse_args()
    c = Checker()
    examples = sorted(glob.glob(os.path.join(a.source, "examples", "*", "scheme.json")))
    c.true(len(examples) >= 4, f"examples found: {examples}")
    for scheme_path in examples:
        name = os.path.basename(os.path.dirname(scheme_path))
        scheme = json.load(open(scheme_path, encoding="utf-8"))
        if not scheme.get("plugin"):
            continue  # zhejiang-2014: no plugin renders it; `check` covers it
        out = os.path.join(a.work, name)
        run([a.bangfu, "render", scheme_path, "--out", out, "--split"])
        golden_dir = os.path.join(a.source, "tests", "golden", name)
        for app in scheme["notice"]["appendices"]:
            stem = f"{app['label']}-{app['title']}"
            docx_path = os.path.join(out, stem + ".docx")
            xlsx_path = os.path.join(out, stem + ".xlsx")
            c.true(os.path.exists(docx_path), f"{name}: {docx_path} written")
            c.true(os.path.exists(xlsx_path), f"{name}: {xlsx_path} written")
            if not os.path.exists(docx_path):
                continue
            d, tables = docx_tables(docx_path)
            text = norm("".join(p.text for p in d.paragraphs))
            c.true(norm(app["title"]) in text, f"{name}/{app['id']}: title in the DOCX")
            tsv = os.path.join(golden_dir, app["id"] + ".tsv")
            if os.path.exists(tsv):
                golden = read_tsv(tsv)
                got = find_table(tables[0], golden) if tables else None
                c.true(got is not None, f"{name}/{app['id']}: DOCX table with the golden header")
                for r, (grow, wrow) in enumerate(zip(got or [], golden)):
                    c.eq(grow, wrow, f"{name}/{app['id']} DOCX row {r + 1}")
                sheets = xlsx_tables(xlsx_path)
                got = None
                for _, grid in sheets:
                    got = got or find_table(grid, golden)
                c.true(got is not None, f"{name}/{app['id']}: XLSX table with the golden header")
                for r, (grow, wrow) in enumerate(zip(got or [], golden)):
                    c.eq(grow, wrow, f"{name}/{app['id']} XLSX row {r + 1}")
            notes = os.path.join(golden_dir, app["id"] + "-notes.txt")
            if os.path.exists(notes):
                for i, line in enumerate(open(notes, encoding="utf-8").read().splitlines()):
                    c.true(norm(line) in text, f"{name}/{app['id']}: note {i + 1} in the DOCX: {line}")
            listing = os.path.join(golden_dir, app["id"] + ".txt")
            if os.path.exists(listing):
                want = norm(open(listing, encoding="utf-8").read())
                c.true(want in text, f"{name}/{app['id']}: name list as published\n got  {text}\n want {want}")
    c.finish("render golden")


main()
