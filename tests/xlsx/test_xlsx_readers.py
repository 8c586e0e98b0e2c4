"""XLSX output reopened by real readers (issue 5 "Verification"):
openpyxl for values, formulas, merged ranges, print titles, paper, orientation
and footer; LibreOffice headless recalculation (CSV) for the 合计 formulas; a
LibreOffice PDF for the header row repeated on page 2. Covers `bangfu table`
output and every example's rendered appendices.

Usage: test_xlsx_readers.py --bangfu BANGFU --source SRCDIR --work WORKDIR
Exit 0 pass, 1 fail, 77 skip (no LibreOffice, after the openpyxl checks; a failure
instead under BANGFU_REQUIRE_ALL=1 or CI=true, tests/must_run.py).
"""
import argparse
import csv
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile

import openpyxl
from openpyxl.utils import range_boundaries

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import must_run  # noqa: E402
MM_PER_INCH = 25.4
# GB/T 9704-2012 5.2.1 white edges (mm), portrait; landscape turns them with the paper.
PORTRAIT = {"top": 37, "left": 28, "right": 26, "bottom": 35}
LANDSCAPE = {"top": 28, "left": 35, "right": 37, "bottom": 26}

HEADERS = ["序号", "县（市、区）", "帮扶单位", "工作组数", "指导员数"]


class Checker:
    def __init__(self):
        self.failures = []

    def true(self, cond, what):
        if not cond:
            self.failures.append(what)
            print("FAIL:", what, flush=True)
        return cond

    def eq(self, got, want, what):
        return self.true(got == want, f"{what}: got {got!r}, want {want!r}")


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kw)


def make_data(path, rows):
    """A deterministic roster: long unit lists so rows wrap and the table spans pages."""
    units = ["市委办公室", "市农业农村局（2个）", "市财政局", "国网丽水供电公司", "中国农业银行丽水分行",
             "市文联", "市社科联", "市人防办", "丽水学院", "市中心医院"]
    data = []
    for i in range(rows):
        members = "、".join(units[(i + k) % len(units)] for k in range(3 + i % 5))
        data.append([str(i + 1), f"第{i // 4 + 1}县", members, str(1 + i % 6), str(3 + (i * 7) % 20)])
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADERS)
        w.writerows(data)
    return data


def lo_binary():
    for name in ("soffice", "libreoffice"):
        p = shutil.which(name)
        if p:
            return p
    return None


def lo_profile(work):
    """A private profile that recalculates every formula on load, so the CSV shows
    LibreOffice's own results, not the cached values the writer stored."""
    prof = os.path.join(work, f"lo-{os.getpid()}")
    user = os.path.join(prof, "user")
    os.makedirs(user, exist_ok=True)
    with open(os.path.join(user, "registrymodifications.xcu"), "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
                '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
                '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n'
                '</oor:items>\n')
    return "file://" + prof


def lo_convert(lo, profile, src, fmt, outdir):
    os.makedirs(outdir, exist_ok=True)
    r = run([lo, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt, "--outdir", outdir, src])
    out = os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + "." + fmt.split(":")[0])
    return out if os.path.exists(out) else None


def poison_cached_values(src, dst):
    """Copy of `src` whose cached formula results are all 999999: whatever
    LibreOffice shows after loading it, it computed itself."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode("utf-8")
                text = re.sub(r"(<f>[^<]*</f>)<v>[^<]*</v>", r"\1<v>999999</v>", text)
                data = text.encode("utf-8")
            zout.writestr(item, data)


def check_margins(c, ws, landscape, what):
    want = LANDSCAPE if landscape else PORTRAIT
    for side, mm in want.items():
        got = getattr(ws.page_margins, side) * MM_PER_INCH
        c.true(abs(got - mm) <= 1.0, f"{what}: {side} margin {got:.1f} mm, want {mm} mm (±1)")


def check_print_setup(c, ws, landscape, what):
    c.eq(int(ws.page_setup.paperSize), 9, f"{what}: paper A4")
    c.eq(ws.page_setup.orientation, "landscape" if landscape else "portrait", f"{what}: orientation")
    c.true(ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage,
           f"{what}: fit to page on")
    c.eq(int(ws.page_setup.fitToWidth or 1), 1, f"{what}: fit to 1 page wide")
    c.eq(int(ws.page_setup.fitToHeight), 0, f"{what}: any number of pages tall")
    # GB/T 9704 7.5: odd page numbers right, even ones left, 空一字 from the edge.
    c.true(ws.HeaderFooter.differentOddEven, f"{what}: differentOddEven")
    footer = ws.oddFooter.right.text or ""
    c.true("— &P —\u3000" in footer, f"{what}: odd footer {footer!r} right, — &P — and U+3000")
    c.true((ws.oddFooter.right.font or "").startswith("宋体"), f"{what}: footer font {ws.oddFooter.right.font!r}")
    even = ws.evenFooter.left.text or ""
    # openpyxl strips the leading U+3000; the writer's gtest checks it in the XML.
    c.true(even.endswith("— &P —"), f"{what}: even footer {even!r} left")
    check_margins(c, ws, landscape, what)


def formula_sum(ws_values, formula):
    """Σ of the cached values over the ranges of =SUM(A1:A9,…)."""
    m = re.fullmatch(r"=SUM\((.*)\)", formula)
    total = 0.0
    for rng in m.group(1).split(","):
        min_col, min_row, max_col, max_row = range_boundaries(rng)
        for row in ws_values.iter_rows(min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col,
                                       values_only=True):
            total += sum(v for v in row if isinstance(v, (int, float)))
    return total


def check_table_output(c, a, lo, profile, data, path, landscape, title):
    what = os.path.basename(path)
    wb = openpyxl.load_workbook(path)
    wbv = openpyxl.load_workbook(path, data_only=True)
    c.eq(wb.sheetnames, [title], f"{what}: one sheet named after the title")
    ws, wsv = wb[title], wbv[title]
    c.eq(ws["A1"].value, "附件2", f"{what}: label in A1")
    c.eq(ws["A2"].value, title, f"{what}: title in A2")
    merged = {str(r) for r in ws.merged_cells.ranges}
    c.true("A2:E2" in merged, f"{what}: title merged across the table ({sorted(merged)[:5]})")
    c.eq([ws.cell(3, k + 1).value for k in range(5)], HEADERS, f"{what}: header row 3")
    c.eq(ws.cell(3, 1).font.name, "黑体", f"{what}: header face")
    c.true(not ws.cell(3, 1).font.b, f"{what}: header 黑体 not bold, as the DOCX's TableHeading (issue 16)")
    c.eq(ws.cell(4, 3).font.name, "仿宋_GB2312", f"{what}: body face")
    c.true(ws.cell(4, 3).alignment.wrap_text, f"{what}: body wraps")
    c.true(ws.cell(4, 3).border.left.style == "thin", f"{what}: body borders")
    first, last = 4, 3 + len(data)
    for i, row in enumerate(data):
        r = first + i
        got = [ws.cell(r, k + 1).value for k in range(5)]
        want = [int(row[0]), row[1], row[2], int(row[3]), int(row[4])]
        if not c.eq(got, want, f"{what}: row {r}"):
            break
    total_row = last + 1
    c.eq(ws.cell(total_row, 1).value, "合计", f"{what}: 合计 label")
    sums = {4: sum(int(r[3]) for r in data), 5: sum(int(r[4]) for r in data)}
    for col, want in sums.items():
        letter = "DE"[col - 4]
        c.eq(ws.cell(total_row, col).value, f"=SUM({letter}{first}:{letter}{last})", f"{what}: 合计 formula")
        c.eq(wsv.cell(total_row, col).value, want, f"{what}: cached 合计 shows before recalculation")
    c.eq(ws.print_title_rows, "$3:$3", f"{what}: header row repeats on every page")
    check_print_setup(c, ws, landscape, what)
    # Column widths are set and fill the 版心 (156 mm portrait, 225 mm landscape).
    # The stored width includes Excel's padding, so a column spans 7 px per unit
    # of it (Calibri 11's digit width at 96 px per inch).
    widths = [ws.column_dimensions[l].width for l in "ABCDE"]
    c.true(all(w and w >= 3 for w in widths), f"{what}: widths {widths}")
    type_area_px = (225 if landscape else 156) / MM_PER_INCH * 96
    total_px = sum(7 * w for w in widths)
    c.true(abs(total_px - type_area_px) <= 10, f"{what}: columns span {total_px:.0f} px, 版心 {type_area_px:.0f} px")
    c.true(widths[2] > widths[0], f"{what}: the unit column is wider than 序号 ({widths})")

    if lo is None:
        return
    # LibreOffice recalculates (profile) from poisoned caches: its 合计 must be the sums.
    poisoned = os.path.join(a.work, "poisoned-" + os.path.basename(path))
    poison_cached_values(path, poisoned)
    out = lo_convert(lo, profile, poisoned, "csv:Text - txt - csv (StarCalc):44,34,76", os.path.join(a.work, "csv"))
    if c.true(out is not None, f"{what}: LibreOffice CSV conversion"):
        rows = list(csv.reader(open(out, encoding="utf-8")))
        tot = [r for r in rows if r and r[0] == "合计"]
        if c.true(len(tot) == 1, f"{what}: one 合计 row in LibreOffice's CSV"):
            c.eq([float(tot[0][3]), float(tot[0][4])], [float(sums[4]), float(sums[5])],
                 f"{what}: LibreOffice's recalculated 合计")
    # PDF: more than one page, and page 2 starts with the repeated header row.
    pdf = lo_convert(lo, profile, path, "pdf", os.path.join(a.work, "pdf"))
    if c.true(pdf is not None, f"{what}: LibreOffice PDF conversion"):
        info = run(["pdfinfo", pdf]).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        if c.true(pages >= 2, f"{what}: multi-page table ({pages} pages)"):
            page2 = run(["pdftotext", "-layout", "-f", "2", "-l", "2", pdf, "-"]).stdout
            for h in HEADERS:
                c.true(h in page2, f"{what}: header {h} repeated on page 2")
            c.true("附件2" not in page2, f"{what}: the label does not repeat")
            c.true(re.search(r"—\s*2\s*—", page2) is not None, f"{what}: page number — 2 — on page 2")


def check_examples(c, a):
    """Every example's rendered XLSX: print setup on every sheet, print titles
    over real header rows, 合计 formulas whose cached values are their sums."""
    rendered = 0
    for scheme in sorted(glob.glob(os.path.join(a.source, "examples", "*", "scheme.json"))):
        name = os.path.basename(os.path.dirname(scheme))
        out = os.path.join(a.work, "examples", name)
        r = run([a.bangfu, "render", scheme, "--out", out, "--format", "xlsx"])
        if not json.load(open(scheme, encoding="utf-8")).get("plugin"):
            # A provincial example (zhejiang-2014) names no plugin: a usage error
            # (exit 2) that writes nothing.
            c.eq(r.returncode, 2, f"{name}: render of a scheme without a plugin ({r.stderr.strip()[:300]})")
            c.true(not glob.glob(os.path.join(out, "*.xlsx")), f"{name}: nothing written without a plugin")
            continue
        if not c.eq(r.returncode, 0, f"{name}: render exit ({r.stderr.strip()[:500]})"):
            continue
        rendered += 1
        files = sorted(glob.glob(os.path.join(out, "*.xlsx")))
        c.true(files, f"{name}: wrote an XLSX")
        for path in files:
            wb = openpyxl.load_workbook(path)
            wbv = openpyxl.load_workbook(path, data_only=True)
            for ws in wb.worksheets:
                what = f"{name}/{os.path.basename(path)}!{ws.title}"
                c.true(len(ws.title) <= 31, f"{what}: sheet name length")
                check_print_setup(c, ws, ws.page_setup.orientation == "landscape", what)
                if ws.print_title_rows:
                    first = int(re.match(r"\$(\d+):", ws.print_title_rows).group(1))
                    c.true(first >= 2, f"{what}: print titles start below the title ({ws.print_title_rows})")
                for row in ws.iter_rows():
                    for cell in row:
                        if isinstance(cell.value, str) and cell.value.startswith("=SUM("):
                            cached = wbv[ws.title][cell.coordinate].value
                            c.eq(cached, formula_sum(wbv[ws.title], cell.value),
                                 f"{what}!{cell.coordinate}: cached 合计 equals {cell.value}")
    c.true(rendered >= 4, f"examples rendered to XLSX: {rendered}, want the 4 with a plugin")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bangfu", required=True)
    p.add_argument("--source", required=True)
    p.add_argument("--work", required=True)
    a = p.parse_args()
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    c = Checker()

    data_path = os.path.join(a.work, "roster.csv")
    data = make_data(data_path, 60)
    title = "结对帮扶团组安排表"
    outputs = []
    for landscape in (False, True):
        out = os.path.join(a.work, "landscape.xlsx" if landscape else "portrait.xlsx")
        cmd = [a.bangfu, "table", data_path, "-o", out, "--title", title, "--label", "附件2",
               "--total", "工作组数", "--total", "指导员数"] + (["--landscape"] if landscape else [])
        r = run(cmd)
        if not c.eq(r.returncode, 0, f"bangfu table exit ({r.stderr.strip()})"):
            return 1
        outputs.append((out, landscape))
        # Byte-stable: the same command again leaves the file as it was.
        before = open(out, "rb").read()
        r = run(cmd)
        c.eq(open(out, "rb").read(), before, f"{os.path.basename(out)}: same bytes on rerun")

    lo = lo_binary()
    profile = lo_profile(a.work) if lo else None
    for out, landscape in outputs:
        check_table_output(c, a, lo, profile, data, out, landscape, title)
    check_examples(c, a)

    if c.failures:
        print(f"{len(c.failures)} check(s) failed")
        return 1
    if lo is None:
        must_run.skip("LibreOffice not installed: only the openpyxl checks ran")
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
