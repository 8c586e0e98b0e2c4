#!/usr/bin/python3
"""The table render checker (issue 16 "Verification").

Measures how the tables of a DOCX print, on LibreOffice's PDF of it, and counts
what a clerk would fix by hand before issuing the notice:

  orphans       a wrapped cell paragraph whose last line holds one character, or two
                ending in ）。、 (offices fix it by hand; no clause of GB/T 15834 or
                clreq read so far says so: docs/typesetting.md "Sources");
  blank_merged  a continuation page whose first body row prints a blank cell of a
                vertically merged group (the label stayed on the page before);
  page_numbers  pages without a "— N —" page number lying at least 10 mm inside
                every paper edge (printers cut closer than that);
  broken_names  a short name (a paragraph or a 、-list item of at most 8 characters)
                broken across lines;
  fallback      characters drawn in a face other than the one fonts/fonts.conf maps
                the named face to (pdfminer reads the font of each glyph);
  row_gaps      a table page whose lowest text ends more than one typical row height
                (the median distance between the tops of consecutive body rows) above
                the 版心 foot while the next page starts with a row of at least
                SPLITTABLE_ROW_LINES lines outside any vertical merge: a row that could
                have been cut to fill the page was pushed whole to the next one
                (docs/typesetting.md "Rows across pages"; rows of a merged group move
                with their group and are not counted). `gaps` lists the gap in mm of every table page that the
                table continues after (its last page is left out).

Geometry comes from `pdftotext -bbox-layout` (poppler); the column edges, the cell
texts and the merges come from the DOCX itself (word/document.xml), so a text block
is counted only when it is exactly a cell's text. Pages are tied to appendices by
their 附件N label line.

Usage as a tool:  check_tables.py FILE.docx|FILE.xlsx FILE.pdf [--json]  → prints the counts
and one line per finding.  tests/render/test_table_render.py runs it over every
example and the bench's synthetic tables.
"""
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PT_PER_TW = 1 / 20
MM = 72 / 25.4
# GB/T 9704-2012 5.2.1 margins (spec §1 rules 2-4, 25), in twips: left edge of the 版心.
PORTRAIT_LEFT_TW, PORTRAIT_TEXT_TW = 1587, 8845
LANDSCAPE_LEFT_TW, LANDSCAPE_TEXT_TW = 1984, 12756
PAGE_NUMBER_INSET_MM = 10
# Two cells stacked in a column are at least the cell margins (2 × 28 tw) and a rule
# further apart than two lines of one cell; half of that separates them.
ROW_GAP_PT = 1.4
# The 附件N label is the first line of the 版心 (7.3.7): within 37 mm (portrait
# 天头) or 35 mm (landscape left edge, 28 mm top) plus a line from the paper's top.
LABEL_ZONE_MM = 50
SHORT_NAME_CHARS = 8
# The 版心 foot in points from the paper's top: 天头 + 版心 height (GB/T 9704-2012
# 5.2.1; landscape pages turn the portrait margins, spec rule 25).
PORTRAIT_FOOT_PT = (2098 + 12756) * PT_PER_TW
LANDSCAPE_FOOT_PT = (1587 + 8845) * PT_PER_TW
# The shortest row bangfu cuts at a page boundary (layout::kSplitRowMinLines): two
# parts of two lines each.
SPLITTABLE_ROW_LINES = 4
ORPHAN_PAIR_ENDINGS = "）。、"
LIST_SEPARATORS = "、，；,;"
PAGE_NUMBER_RE = re.compile(r"^[—–-]\s*\d+\s*[—–-]$")
# The faces fonts/fonts.conf maps the GB/T 9704 names to (first choices), and the
# Latin face Times New Roman resolves to. A glyph in any other font is a fallback.
# Noto Serif CJK Bold is a collection: its embedded name is that of the first face
# (NotoSerifCJKjp-Bold…), whichever language face LibreOffice selected.
MAPPED_FONTS = ("FandolFang-Regular", "FandolHei-Regular", "FandolKai-Regular", "FandolSong-Regular",
                "NotoSerifCJKsc-Bold", "NotoSerifCJKjp-Bold", "LiberationSerif", "TimesNewRoman", "LiberationSans")


def squash(s):
    return re.sub(r"\s+", "", s or "")


# ---- DOCX ------------------------------------------------------------------------

def para_text(p):
    out = []
    for node in p.iter():
        if node.tag == W + "t":
            out.append(node.text or "")
        elif node.tag in (W + "br", W + "tab"):
            out.append("\n")
    return "".join(out)


def docx_tables(path):
    """[(label, table)] in body order; table = dict(grid=[tw], rows=[[cell]], header=n)
    with cell = dict(col, span, vmerge: None|'restart'|'continue', paras=[text])."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
        styles = ET.fromstring(z.read("word/styles.xml"))
    pitch = {}
    for st in styles.iter(W + "style"):
        sp = st.find(f"{W}pPr/{W}spacing")
        if sp is not None and sp.get(W + "line"):
            pitch[st.get(W + "styleId")] = int(sp.get(W + "line"))
    body = root.find(W + "body")
    label = None
    out = []
    for el in body:
        if el.tag == W + "p":
            style = el.find(f"{W}pPr/{W}pStyle")
            if style is not None and style.get(W + "val") == "AppendixLabel":
                label = squash(para_text(el))
        elif el.tag == W + "tbl":
            grid = [int(g.get(W + "w")) for g in el.iter(W + "gridCol")]
            rows, header, line_tw = [], 0, 0
            for ps in el.iter(W + "pStyle"):
                line_tw = max(line_tw, pitch.get(ps.get(W + "val"), 0))
            for tr in el.findall(W + "tr"):
                if tr.find(f"{W}trPr/{W}tblHeader") is not None and len(rows) == header:
                    header += 1
                col, cells = 0, []
                for tc in tr.findall(W + "tc"):
                    pr = tc.find(W + "tcPr")
                    span_el = pr.find(W + "gridSpan") if pr is not None else None
                    span = int(span_el.get(W + "val")) if span_el is not None else 1
                    vm_el = pr.find(W + "vMerge") if pr is not None else None
                    vm = None
                    if vm_el is not None:
                        vm = "restart" if vm_el.get(W + "val") == "restart" else "continue"
                    paras = [squash(para_text(p)) for p in tc.findall(W + "p")]
                    cells.append(dict(col=col, span=span, vmerge=vm, paras=[p for p in paras if p]))
                    col += span
                rows.append(cells)
            out.append((label, dict(grid=grid, rows=rows, header=header, pitch=line_tw * PT_PER_TW)))
    return out


# ---- XLSX ------------------------------------------------------------------------

def xlsx_tables(path):
    """docx_tables for an XLSX bangfu wrote: one table per sheet, from its print
    titles (the header rows) down to the first row that is not the table's (a note
    merged across the sheet, or nothing). The grid is the sheet's column widths
    scaled to the 版心 (fit-to-width prints it so), a merged range is a cell with
    vmerge restart / continue, and the line pitch is the body size (LibreOffice sets
    a cell's lines 1 em apart at most)."""
    import openpyxl  # only the XLSX checks need it
    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        titles = ws.print_title_rows
        if not titles:
            continue
        first, last = (int(x) for x in titles.replace("$", "").split(":"))
        ncols = ws.max_column
        label = squash(str(ws.cell(1, 1).value or ""))
        landscape = ws.page_setup.orientation == "landscape"
        widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width or 8.43
                  for c in range(1, ncols + 1)]
        text_tw = LANDSCAPE_TEXT_TW if landscape else PORTRAIT_TEXT_TW
        grid = [w * text_tw / sum(widths) for w in widths]
        merge_of = {}
        for rng in ws.merged_cells.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    merge_of[(r, c)] = rng
        rows, size = [], 0
        for r in range(first, ws.max_row + 1):
            whole = merge_of.get((r, 1))
            if r > last and whole is not None and whole.min_col == 1 and whole.max_col == ncols \
                    and whole.min_row == whole.max_row:
                break  # a note across the sheet
            if r > last and all(ws.cell(r, c).value in (None, "") for c in range(1, ncols + 1)) \
                    and (r, 1) not in merge_of:
                break
            cells = []
            for c in range(1, ncols + 1):
                rng = merge_of.get((r, c))
                if rng is not None and c != rng.min_col:
                    continue
                span = rng.max_col - rng.min_col + 1 if rng is not None else 1
                vm = None
                if rng is not None and rng.max_row > rng.min_row:
                    vm = "restart" if r == rng.min_row else "continue"
                v = ws.cell(r, c).value if vm != "continue" else None
                if isinstance(v, float) and v.is_integer():
                    v = int(v)
                if v is not None and ws.cell(r, c).font is not None and ws.cell(r, c).font.sz:
                    size = size or (float(ws.cell(r, c).font.sz) if r > last else 0)
                text = "" if v is None or (isinstance(v, str) and v.startswith("=")) else str(v)
                paras = [squash(p) for p in text.split("\n")]
                cells.append(dict(col=c - 1, span=span, vmerge=vm, paras=[p for p in paras if p]))
            rows.append(cells)
        out.append((label if label.startswith("附件") else None,
                    dict(grid=grid, rows=rows, header=last - first + 1, pitch=size or 14)))
    return out


# ---- PDF -------------------------------------------------------------------------

def pdf_pages(pdf):
    """[(w, h, [word])], word = dict(text, xMin, xMax, yMin, yMax, line) in points."""
    r = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, text=True, timeout=600)
    xml = re.sub(r'xmlns="[^"]+"', "", r.stdout, count=1)
    root = ET.fromstring(xml)
    pages = []
    for page in root.iter("page"):
        words, top_lines = [], []
        for n, line in enumerate(page.iter("line")):
            lt = "".join(w.text or "" for w in line.iter("word"))
            if float(line.get("yMin")) < LABEL_ZONE_MM * MM:
                top_lines.append(squash(lt))
            for w in line.iter("word"):
                words.append(dict(text=w.text or "", line=n, **{k: float(w.get(k)) for k in
                                                                 ("xMin", "xMax", "yMin", "yMax")}))
        pages.append(dict(w=float(page.get("width")), h=float(page.get("height")), words=words,
                          top=top_lines))
    return pages


def column_edges(grid, landscape):
    left_tw, text_tw = (LANDSCAPE_LEFT_TW, LANDSCAPE_TEXT_TW) if landscape else (PORTRAIT_LEFT_TW, PORTRAIT_TEXT_TW)
    x = (left_tw + (text_tw - sum(grid)) / 2) * PT_PER_TW
    edges = [x]
    for g in grid:
        x += g * PT_PER_TW
        edges.append(x)
    return edges


def blocks_by_column(words, edges, pitch):
    """Words grouped per grid column into vertical blocks of lines: a new block
    starts where the baseline distance to the line above exceeds the cell's line
    pitch by half the cell margins (a row border lies between)."""
    cols = [[] for _ in range(len(edges) - 1)]
    for w in words:
        cx = w["xMin"] + 0.5
        for c in range(len(edges) - 1):
            if edges[c] <= cx < edges[c + 1]:
                cols[c].append(w)
                break
    out = []
    for c, ws in enumerate(cols):
        # lines: words sharing a baseline (yMax within 1 pt) inside this column
        lines = []
        for w in sorted(ws, key=lambda w: (round(w["yMax"]), w["xMin"])):
            if lines and abs(lines[-1]["yMax"] - w["yMax"]) < 1.0:
                lines[-1]["text"] += w["text"]
                lines[-1]["yMin"] = min(lines[-1]["yMin"], w["yMin"])
            else:
                lines.append(dict(text=w["text"], yMin=w["yMin"], yMax=w["yMax"]))
        blocks = []
        for ln in lines:
            if blocks and ln["yMax"] - blocks[-1][-1]["yMax"] < pitch + ROW_GAP_PT:
                blocks[-1].append(ln)
            else:
                blocks.append([ln])
        out.append(blocks)
    return out


def split_paragraphs(lines, paras):
    """Lines of a block assigned to the cell's paragraphs, or None if they do not
    spell the paragraphs exactly."""
    result, i = [], 0
    for p in paras:
        acc, taken = "", []
        while i < len(lines) and len(acc) < len(p):
            acc += squash(lines[i]["text"])
            taken.append(squash(lines[i]["text"]))
            i += 1
        if acc != p:
            return None
        result.append(taken)
    return result if i == len(lines) else None


def is_orphan(last_line):
    return len(last_line) == 1 or (len(last_line) == 2 and last_line[-1] in ORPHAN_PAIR_ENDINGS)


def broken_names(para_lines):
    """Breaks that fall inside a short name: a whole paragraph of at most 8
    characters, or a 、-list item of at most 8."""
    text = "".join(para_lines)
    cuts, pos = set(), 0
    for ln in para_lines[:-1]:
        pos += len(ln)
        cuts.add(pos)
    found = []
    start = 0
    for i in range(len(text) + 1):
        if i == len(text) or text[i] in LIST_SEPARATORS:
            item = text[start:i]
            if 1 < len(item) <= SHORT_NAME_CHARS:
                for c in cuts:
                    if start < c < i:
                        found.append(item)
            start = i + 1
    return found


def fallback_glyphs(pdf):
    """(count, {char: font}) of glyphs drawn in a font outside MAPPED_FONTS."""
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True, timeout=120).stdout
    names = [ln.split()[0].split("+")[-1] for ln in fonts.splitlines()[2:] if ln.strip()]
    if all(any(n.startswith(m) for m in MAPPED_FONTS) for n in names):
        return 0, {}
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    def chars(obj):
        if isinstance(obj, LTChar):
            yield obj
        elif hasattr(obj, "__iter__"):
            for x in obj:
                yield from chars(x)

    count, seen = 0, {}
    for page in extract_pages(pdf):
        for ch in chars(page):
            font = ch.fontname.split("+")[-1]
            if ch.get_text().strip() and not any(font.startswith(m) for m in MAPPED_FONTS):
                count += 1
                seen.setdefault(ch.get_text(), font)
    return count, seen


def row_gaps(table_pages, counts, findings):
    """Counts the row_gaps of the module doc into `counts`; returns the gap above
    the 版心 foot in mm of every table page the table continues after."""
    tops = {}  # per table: distances between the tops of consecutive body rows
    for _, t, _, _, _, rows_here in table_pages:
        ordered = sorted(rows_here.items())
        tops.setdefault(id(t), []).extend(
            b[1][0] - a[1][0] for a, b in zip(ordered, ordered[1:]) if b[0] == a[0] + 1 and b[1][0] > a[1][0])
    gaps = []
    for k, (n, t, _, lowest, foot, rows_here) in enumerate(table_pages):
        gap = foot - lowest
        diffs = sorted(tops.get(id(t), []))
        typical = diffs[len(diffs) // 2] if diffs else None
        if k + 1 >= len(table_pages):
            continue
        n2, t2, first2, _, _, rows2 = table_pages[k + 1]
        if t2 is not t or first2 or n2 != n + 1 or not rows2:
            continue
        gaps.append(round(gap / MM, 1))
        if typical is None:
            continue
        next_row = min(rows2)
        lines = rows2[next_row][1]
        # a row of a vertically merged group is never cut: its group moves whole
        # when it fits a page (keep-with-next, issue 16 "Groups at page boundaries")
        grouped = any(cell["vmerge"] for cell in t["rows"][next_row])
        if gap > typical and lines >= SPLITTABLE_ROW_LINES and not grouped:
            counts["row_gaps"] += 1
            findings.append(f"p.{n}: {gap / MM:.1f} mm empty above the 版心 foot (a typical row is "
                            f"{typical / MM:.1f} mm) while table row {next_row + 1} ({lines} lines) starts p.{n2}")
    return gaps


def check(docx, pdf, with_fonts=True, printed=None):
    """The counts and findings of the module doc for `docx` (a DOCX, or an XLSX:
    its sheets read by xlsx_tables) printed as `pdf`. `printed`, a dict, gets the
    lines each cell found in the PDF prints in: (table index, row, first grid
    column) → lines, the table index in body order (tests/render/test_line_model_render.py)."""
    tables = xlsx_tables(docx) if docx.endswith(".xlsx") else docx_tables(docx)
    pages = pdf_pages(pdf)
    findings = []
    counts = dict(orphans=0, blank_merged=0, page_numbers=0, broken_names=0, fallback=0, row_gaps=0,
                  pages=len(pages))
    table_pages = []  # (page number, table, first page of it, lowest text, foot, {row: (top, lines)})

    # page numbers
    for n, pg in enumerate(pages, 1):
        inset = PAGE_NUMBER_INSET_MM * MM
        ok = False
        # a page number may be split into words "—", "3", "—" on one line
        by_line = {}
        for w in pg["words"]:
            by_line.setdefault(w["line"], []).append(w)
        for ws in by_line.values():
            text = "".join(w["text"] for w in ws)
            if PAGE_NUMBER_RE.match(text):
                x0, x1 = min(w["xMin"] for w in ws), max(w["xMax"] for w in ws)
                y0, y1 = min(w["yMin"] for w in ws), max(w["yMax"] for w in ws)
                if x0 >= inset and y0 >= inset and x1 <= pg["w"] - inset and y1 <= pg["h"] - inset:
                    ok = True
        if not ok:
            counts["page_numbers"] += 1
            findings.append(f"p.{n}: no page number 10 mm inside the paper")

    # tie pages to tables by the 附件N label on an appendix's first page
    labels = {lab: t for lab, t in tables if lab}
    index_of = {id(t): k for k, (_, t) in enumerate(tables)}
    current, first_page = None, False
    cursor = {}
    for n, pg in enumerate(pages, 1):
        lab = next((l for l in labels for line in pg["top"] if line == l or line.endswith(l)), None)
        if lab is not None:
            current, first_page = labels[lab], True
        else:
            first_page = False
        if current is None:
            continue
        t = current
        landscape = pg["w"] > pg["h"]
        edges = column_edges(t["grid"], landscape)
        words = [w for w in pg["words"] if not PAGE_NUMBER_RE.match(w["text"]) and w["text"] not in "—"]
        blocks = blocks_by_column(words, edges, t["pitch"] or 20)
        # expected texts per column: paragraph lists of cells starting there
        seen_rows = []  # indices of body rows whose cells matched on this page, in order
        rows_here = {}  # body row → (top of its first line, lines of its tallest cell)
        for c, col_blocks in enumerate(blocks):
            cells = [(ri, cell) for ri, row in enumerate(t["rows"]) for cell in row
                     if cell["col"] == c and cell["paras"]]
            by_text = {}
            for ri, cell in cells:
                by_text.setdefault("".join(cell["paras"]), []).append((ri, cell))
            for blk in col_blocks:
                key = "".join(squash(l["text"]) for l in blk)
                if key not in by_text:
                    continue
                # the same text recurs (a leader on several rows): take the next
                # occurrence after the last one matched in this column
                last = cursor.get((id(t), c), -1)
                match = next(((ri, cell) for ri, cell in by_text[key] if ri > last), None)
                if match is None:
                    continue
                ri, cell = match
                cursor[(id(t), c)] = ri
                if printed is not None:
                    printed[(index_of[id(t)], ri, cell["col"])] = len(blk)
                parts = split_paragraphs(blk, cell["paras"])
                if parts is None:
                    continue
                if ri >= t["header"]:
                    seen_rows.append((blk[0]["yMin"], ri))
                    top, nl = rows_here.get(ri, (blk[0]["yMin"], 0))
                    rows_here[ri] = (min(top, blk[0]["yMin"]), max(nl, len(blk)))
                for lines in parts:
                    if len(lines) >= 2 and is_orphan(lines[-1]):
                        counts["orphans"] += 1
                        findings.append(f"p.{n}: orphan line “{lines[-1]}” in “{''.join(lines)}”")
                    for name in broken_names(lines):
                        counts["broken_names"] += 1
                        findings.append(f"p.{n}: short name “{name}” broken: {'/'.join(lines)}")
        if seen_rows:
            foot = LANDSCAPE_FOOT_PT if landscape else PORTRAIT_FOOT_PT
            # the table's text: inside its columns and the 版心 (not the page number)
            inside = [w["yMax"] for w in words
                      if edges[0] <= w["xMin"] + 0.5 < edges[-1] and w["yMin"] < foot]
            table_pages.append((n, t, first_page, max(inside), foot, rows_here))
        if not first_page and seen_rows:
            top_row = min(seen_rows)[1]
            for cell in t["rows"][top_row]:
                if cell["vmerge"] == "continue":
                    counts["blank_merged"] += 1
                    findings.append(f"p.{n}: first body row (table row {top_row + 1}) starts with a blank "
                                    f"merged cell in column {cell['col'] + 1}")
    counts["gaps"] = row_gaps(table_pages, counts, findings)
    if with_fonts:
        count, seen = fallback_glyphs(pdf)
        counts["fallback"] = count
        for ch, font in sorted(seen.items()):
            findings.append(f"“{ch}” drawn in fallback face {font}")
    return counts, findings


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    counts, findings = check(argv[0], argv[1])
    if "--json" in argv:
        print(json.dumps(counts, ensure_ascii=False))
    else:
        for f in findings:
            print(f)
        print(" ".join(f"{k}={v}" for k, v in counts.items()))


if __name__ == "__main__":
    main(sys.argv[1:])
