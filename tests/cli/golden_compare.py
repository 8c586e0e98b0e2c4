"""The golden comparison of tests/golden/README.md "How to compare", shared by the
golden test (test_render_golden.py) and the test that proves it catches a broken
table (tests/meta/test_golden_catches_deleted_rows.py).

A rendered appendix matches its golden table when one of its tables (DOCX) or
sheets (XLSX) holds, from the golden header row on, exactly the golden rows: the
same number of rows, the same number of cells in each row, every cell equal after
whitespace is removed, and nothing after the last golden row but blank rows or
text outside the table. The 合计 row is compared like any row and also summed: its
numbers are the sums of the rows above it. Every other table of the document
must be one the golden files account for, so a stray or split table fails too."""
import os
import re

from common import norm

import docx  # python3-docx
import openpyxl  # python3-openpyxl

TOTAL = "合计"


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return [[norm(c) for c in line.rstrip("\n").split("\t")] for line in f if line.strip()]


def docx_tables(path):
    """(document, [table grid]) for every table of the document, in order. python-docx
    repeats a merged cell in every slot it covers, as a reader sees it."""
    d = docx.Document(path)
    return d, [[[norm(c.text) for c in row.cells] for row in t.rows] for t in d.tables]


def xlsx_sheets(path):
    """[(sheet title, grid)] with a merged range's value in every cell it covers."""
    wb = openpyxl.load_workbook(path, data_only=True)  # cached values: 合计 shows without recalculation
    sheets = []
    for ws in wb.worksheets:
        grid = [[ws.cell(r, c).value for c in range(1, ws.max_column + 1)] for r in range(1, ws.max_row + 1)]
        for rng in ws.merged_cells.ranges:
            v = ws.cell(rng.min_row, rng.min_col).value
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    grid[r - 1][c - 1] = v
        sheets.append((ws.title, [[norm(v) for v in row] for row in grid]))
    return sheets


def _trimmed(row):
    """A sheet row without the empty cells past its last value."""
    end = len(row)
    while end and row[end - 1] == "":
        end -= 1
    return row[:end]


def _number(cell):
    return float(cell) if re.fullmatch(r"-?\d+(\.\d+)?", cell or "") else None


def total_failures(rows, what):
    """The 合计 row of `rows` (header first), checked against the rows above it:
    each numeric cell is the sum of its column over the body rows."""
    totals = [i for i, r in enumerate(rows) if TOTAL in r]
    if not totals:
        return []
    i = totals[-1]
    out = []
    for c, cell in enumerate(rows[i]):
        want = _number(cell)
        if want is None:
            continue
        column = [_number(r[c]) if c < len(r) else None for r in rows[1:i]]
        got = sum(v for v in column if v is not None)
        if abs(got - want) > 1e-9:
            out.append(f"{what}: 合计 column {c + 1} is {cell}, the rows above sum to {got:g}")
    return out


def compare_rows(got, golden, what):
    """Failures comparing table rows `got` (from the golden header on) with `golden`."""
    out = []
    if len(got) != len(golden):
        out.append(f"{what}: {len(got)} rows, golden has {len(golden)}")
    for r, (grow, wrow) in enumerate(zip(got, golden)):
        if len(grow) != len(wrow):
            out.append(f"{what} row {r + 1}: {len(grow)} cells, golden has {len(wrow)}: {grow}")
        elif grow != wrow:
            out.append(f"{what} row {r + 1}: got {grow!r}, want {wrow!r}")
    golden_total = [r for r in golden if TOTAL in r]
    got_total = [r for r in got if TOTAL in r]
    if golden_total and not got_total:
        out.append(f"{what}: no 合计 row (golden: {golden_total[-1]})")
    if got_total and not golden_total:
        out.append(f"{what}: a 合计 row the golden table does not have: {got_total[-1]}")
    out += total_failures(got, what)
    return out


def fold_cut_rows(rows):
    """`rows` (header first) with every DOCX or XLSX row that bangfu cut at a page boundary
    joined again: a body row that repeats every non-empty text cell of the row above
    but one (or two, when its numbers are emptied) continues it (the tall row's long cell runs on, the other text cells
    repeat their text, its numbers are left empty; docs/typesetting.md "Rows across
    pages"). Reading the parts in order gives the cut cell's text, so the joined row
    is the table's row as published."""
    def number(text):
        return re.fullmatch(r"-?[0-9][0-9,]*(\.[0-9]+)?%?", text) is not None
    out = []
    for row in rows:
        prev = out[-1] if len(out) > 1 else None
        if prev is not None and len(prev) == len(row):
            differ = [c for c, (a, b) in enumerate(zip(prev, row))
                      if a != b and not (b == "" and number(a))]
            same = [a for a, b in zip(prev, row) if a == b and a]
            # A row whose two tallest cells both ran past the page is cut in both; its
            # emptied numbers tell the part from a genuine next row.
            blanked = any(a and b == "" and number(a) for a, b in zip(prev, row))
            if (len(differ) == 1 and same) or (len(differ) == 2 and blanked):
                prev[differ[0]] += row[differ[0]]
                continue
        out.append(list(row))
    return out


def _header_at(grid, header):
    return next((i for i, row in enumerate(grid) if row == header), None)


def compare_docx(path, goldens, what):
    """Failures comparing every table of the DOCX at `path` with `goldens`
    ({name: rows}): each golden is exactly one whole table, and there is no other."""
    _, tables = docx_tables(path)
    out = []
    used = set()
    for name, golden in goldens.items():
        found = [k for k, t in enumerate(tables) if k not in used and _header_at(t, golden[0]) is not None]
        if not found:
            out.append(f"{what}/{name}: no DOCX table with the golden header {golden[0]}")
            continue
        k = found[0]
        used.add(k)
        t = tables[k]
        start = _header_at(t, golden[0])
        if start != 0:
            out.append(f"{what}/{name}: DOCX table {k + 1} has {start} row(s) above the header: {t[:start]}")
        out += compare_rows(fold_cut_rows(t[start:]), golden, f"{what}/{name} DOCX table {k + 1}")
    for k, t in enumerate(tables):
        if k not in used:
            out.append(f"{what}: DOCX table {k + 1} of {len(tables)} is in no golden file: {t[:2]}")
    return out


def compare_xlsx(path, goldens, what):
    """Failures comparing the sheets of the XLSX at `path` with `goldens`: each golden
    table is on a sheet of its own, from its header row on, below its last row the
    sheet holds no more table rows (only blank rows or one-cell text such as 说明),
    and there is no other sheet."""
    out = []
    sheets = xlsx_sheets(path)
    used = set()
    for name, golden in goldens.items():
        hit = None
        for title, grid in sheets:
            start = _header_at([_trimmed(r) for r in grid], golden[0])
            if title not in used and start is not None:
                hit = (title, grid, start)
                used.add(title)
                break
        if hit is None:
            out.append(f"{what}/{name}: no XLSX sheet with the golden header {golden[0]}")
            continue
        title, grid, start = hit
        width = len(golden[0])
        rows = []
        for row in grid[start:]:
            cells = _trimmed(row)
            if len(rows) >= len(golden) and len(set(c for c in cells if c)) <= 1:
                break  # past the table: a blank row, or a note merged across the sheet
            rows.append(cells if len(cells) > width else cells + [""] * (width - len(cells)))
        out += compare_rows(fold_cut_rows(rows), golden, f"{what}/{name} XLSX {title}")
    if goldens:  # an appendix of tables: every sheet holds one of them
        out += [f"{what}: XLSX sheet {title} holds no golden table" for title, _ in sheets if title not in used]
    return out
