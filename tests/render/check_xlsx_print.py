#!/usr/bin/python3
"""The XLSX print checker (issue 16: odd/even page numbers, merged groups at page
breaks), on LibreOffice's PDF of a workbook bangfu wrote.

  split_groups   a vertically merged body group whose rows print on more than one
                 page. Pages belong to the sheet whose repeated header words they
                 show most; rows are tied to pages by probe words: a short cell
                 text (one line, at most 8 characters) that occurs in exactly one
                 row of the sheet and is printed once on its pages, as one word.
  page_numbers   pages whose "— N —" is missing or not where GB/T 9704-2012 7.5
                 puts it: odd N at the right of the 版心, even N at the left, one
                 字 (14 pt, 4号) in from the edge (±3 pt).

Usage:  check_xlsx_print.py FILE.xlsx FILE.pdf [--json]
"""
import html
import json
import re
import subprocess
import sys

import openpyxl

MM = 72 / 25.4
ONE_CHAR_PT = 14  # 4号: the 空一字 of GB/T 9704 7.5
TOLERANCE_PT = 3
# GB/T 9704-2012 5.2.1 (spec §1 rows 2-4, 25): left and right white edges.
PORTRAIT_LEFT, PORTRAIT_RIGHT = 28 * MM, 26 * MM
LANDSCAPE_LEFT, LANDSCAPE_RIGHT = 35 * MM, 37 * MM
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def pdf_pages(pdf):
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for chunk in out.split("<page ")[1:]:
        m = PAGE.match("<page " + chunk)
        words = [(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in WORD.findall(chunk)]
        pages.append({"width": float(m.group(1)), "height": float(m.group(2)), "words": words})
    return pages


def page_number_findings(pages):
    found = []
    for i, p in enumerate(pages):
        w = p["words"]
        bottom = [x for x in w if x[1] > p["height"] * 0.8]
        hit = None
        for j in range(len(bottom) - 2):
            if bottom[j][4] == "—" and bottom[j + 1][4].isdigit() and bottom[j + 2][4] == "—":
                hit = (bottom[j], bottom[j + 1], bottom[j + 2])
        if hit is None:
            found.append(f"page {i + 1}: no — N — page number")
            continue
        n = int(hit[1][4])
        landscape = p["width"] > p["height"]
        left = LANDSCAPE_LEFT if landscape else PORTRAIT_LEFT
        right = p["width"] - (LANDSCAPE_RIGHT if landscape else PORTRAIT_RIGHT)
        if n % 2 == 1:
            want, got, side = right - ONE_CHAR_PT, hit[2][2], "right"
        else:
            want, got, side = left + ONE_CHAR_PT, hit[0][0], "left"
        if abs(got - want) > TOLERANCE_PT:
            found.append(f"page {i + 1}: — {n} — edge at {got:.1f} pt, want {side} edge {want:.1f} pt")
    return found


def short(t):
    return isinstance(t, str) and 0 < len(t) <= 8 and not re.search(r"\s", t)


def group_findings(xlsx, pages):
    """Pages are tied to sheets by the sheet's repeated header words (print titles),
    rows to pages by probe words unique in their sheet and printed once on its pages."""
    wb = openpyxl.load_workbook(xlsx)
    sheets = []
    for ws in wb.worksheets:
        titles = ws.print_title_rows
        m = re.match(r"\$(\d+):\$(\d+)", titles or "")
        first_title, last_title = (int(m.group(1)), int(m.group(2))) if m else (0, 0)
        header = {c.value for r in range(first_title, last_title + 1) for c in ws[r] if short(c.value)} if m else set()
        vertical = [g for g in ws.merged_cells.ranges if g.min_row < g.max_row and g.min_row > last_title]
        in_vertical = {(r, c) for g in vertical for r in range(g.min_row, g.max_row + 1)
                       for c in range(g.min_col, g.max_col + 1)}
        probes = {}
        for row in ws.iter_rows(min_row=last_title + 1):
            for cell in row:
                if short(cell.value) and (cell.row, cell.column) not in in_vertical:
                    probes[cell.value] = cell.row if probes.get(cell.value, cell.row) == cell.row else None
        sheets.append((ws, header, vertical, probes))
    owner = []
    for p in pages:
        texts = [w[4] for w in p["words"]]
        hits = [sum(t in header for t in texts) for _, header, _, _ in sheets]
        owner.append(max(range(len(sheets)), key=lambda k: hits[k]) if sheets and max(hits) > 0 else None)
    found, checked = [], 0
    for k, (ws, _, vertical, probes) in enumerate(sheets):
        mine = [i for i, o in enumerate(owner) if o == k]
        seen = {}
        for i in mine:
            for w in pages[i]["words"]:
                seen.setdefault(w[4], []).append(i)
        row_page = {}
        for text, row in probes.items():
            if row is not None and len(seen.get(text, [])) == 1:
                row_page.setdefault(row, set()).add(seen[text][0])
        for g in vertical:
            on = set()
            for r in range(g.min_row, g.max_row + 1):
                on |= row_page.get(r, set())
            if not on:
                continue
            checked += 1
            if len(on) > 1:
                label = ws.cell(g.min_row, g.min_col).value
                found.append(f"{ws.title}!{g.coord} ({label}) printed on pages {sorted(x + 1 for x in on)}")
    return found, checked


def check(xlsx, pdf):
    pages = pdf_pages(pdf)
    groups, checked = group_findings(xlsx, pages)
    numbers = page_number_findings(pages)
    return {"pages": len(pages), "groups_checked": checked, "split_groups": len(groups),
            "page_numbers": len(numbers), "findings": groups + numbers}


if __name__ == "__main__":
    result = check(sys.argv[1], sys.argv[2])
    if "--json" in sys.argv:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for k in ("pages", "groups_checked", "split_groups", "page_numbers"):
            print(f"{k}: {result[k]}")
        for f in result["findings"]:
            print("  " + f)
