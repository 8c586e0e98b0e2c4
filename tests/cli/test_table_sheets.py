#!/usr/bin/python3
"""`bangfu table` on spreadsheets as clerks bring them (issue 22, issue 18 item 9):
workbooks written by openpyxl and LibreOffice (tests/fixtures/sheets/make_fixtures.py
table), outputs reopened with python-docx and openpyxl. Each case checks the exit
code, the diagnostic's code and cell, and what the office would see."""
import csv
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Checker, SKIP, parse_args, run  # noqa: E402

try:
    import docx
    import openpyxl
except ImportError:
    sys.exit(SKIP)

a = parse_args()
F = os.path.join(a.source, "tests", "fixtures", "sheets")
ck = Checker()


def table(name, *args, expect=0):
    out = os.path.join(a.work, name.replace(".", "_") + ".docx")
    r = run([a.bangfu, "table", os.path.join(F, name), "-o", out, *args], expect=expect)
    return r, out


def rows(path):
    d = docx.Document(path)
    return [p.text for p in d.paragraphs], [[c.text for c in r.cells] for r in d.tables[0].rows]


def spans(path):
    """(gridSpan, vMerge) of each cell of the first two table rows, from the XML."""
    t = docx.Document(path).tables[0]._tbl
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    out = []
    for tr in t.findall("w:tr", ns)[:2]:
        row = []
        for tc in tr.findall("w:tc", ns):
            gs = tc.find("w:tcPr/w:gridSpan", ns)
            vm = tc.find("w:tcPr/w:vMerge", ns)
            row.append((int(gs.get("{%s}val" % ns["w"])) if gs is not None else 1,
                        None if vm is None else vm.get("{%s}val" % ns["w"], "continue")))
        out.append(row)
    return out


# Merged title over a two-row header with merged groups; a hidden row; the sheet's 合计.
r, out = table("title_two_row_header.xlsx")
paras, cells = rows(out)
ck.true("丽水市各县存贷款余额表" in paras, f"title from the merged first row: {paras[:4]}")
ck.eq(cells[0], ["县（市、区）", "1月", "1月", "2月", "2月", "备注"], "header row 1 (merged groups)")
ck.eq(cells[1], ["县（市、区）", "存款", "贷款", "存款", "贷款", "备注"], "header row 2")
ck.eq(spans(out)[0], [(1, "restart"), (2, None), (2, None), (1, "restart")], "spans of header row 1")
ck.eq(len(cells), 5, "2 header rows + 2 visible body rows + one 合计")
ck.eq(cells[2][:2], ["莲都区", "1,234.57"], "number as shown (#,##0.00)")
ck.true(all(row[0] != "龙泉市" for row in cells), "hidden row 5 left out")
ck.eq([row[0] for row in cells].count("合计"), 1, "合计 printed once")
ck.true("table.hidden" in r.stderr and "第5行" in r.stderr, "hidden row named: " + r.stderr)
ck.true("存贷款!B7" in r.stderr and "table.total-mismatch" in r.stderr, "stated total checked at B7: " + r.stderr)
r, out = table("title_two_row_header.xlsx", "--title", "自定标题", "--include-hidden")
paras, cells = rows(out)
ck.true("自定标题" in paras and "丽水市各县存贷款余额表" not in paras, "--title wins over the sheet's title")
ck.true(any(row[0] == "龙泉市" for row in cells), "--include-hidden keeps row 5")
ck.true("table.total-mismatch" not in r.stderr, "with row 5 the sheet's 合计 agrees: " + r.stderr)
r, out = table("title_two_row_header.xlsx", "--total", "1月/存款", "--total", "C")
ck.eq(rows(out)[1][-1][:3], ["合计", "2,735.01", "3,700.94"], "--total by joined name and by letter over the visible rows")
r, _ = table("title_two_row_header.xlsx", "--total", "存款", expect=1)
ck.true("1月/存款、2月/存款" in r.stderr, "an ambiguous leaf name names both columns: " + r.stderr)
ck.true("存贷款!B3" in r.stderr, "the ambiguous name is located at its first header cell: " + r.stderr)
ck.true("--total 1月/存款 或 --total 2月/存款" in r.stderr, "both joined names offered: " + r.stderr)
# A leaf name that heads one column only is enough by itself (存款 under 1月 alone).
wb = openpyxl.Workbook()
sh = wb.active
sh.title = "一月"
sh.append(["县", "1月", None, "人数"])
sh.append([None, "存款", "贷款", None])
for rng in ("A1:A2", "B1:C1", "D1:D2"):
    sh.merge_cells(rng)
sh.append(["莲都区", 10.5, 3, 7])
sh.append(["青田县", 4.25, 2, 5])
unique = os.path.join(a.work, "unique_leaf.xlsx")
wb.save(unique)
uout = os.path.join(a.work, "unique_leaf.docx")
run([a.bangfu, "table", unique, "-o", uout, "--total", "存款", "--total", "1月/贷款"])
ck.eq(rows(uout)[1][-1][:3], ["合计", "14.75", "5"], "a unique leaf name and a joined name both total their column")
r, out = table("title_two_row_header.xlsx", "--header-rows", "1")
ck.eq(rows(out)[1][0], ["县（市、区）", "1月", "1月", "2月", "2月", "备注"], "--header-rows 1: one header row")
ck.eq(rows(out)[1][1][1], "存款", "--header-rows 1: the second header row is data")
r, out = table("title_two_row_header.xlsx", "--header-row", "3")
paras, cells = rows(out)
ck.eq(cells[0][1], "存款", "--header-row 3 starts the header at row 3")
table("title_two_row_header.xlsx", "--header-rows", "4", expect=2)

# The same title left unmerged is a title too, not table.ragged.
r, out = table("unmerged_title.xlsx")
paras, cells = rows(out)
ck.true("丽水市结对帮扶村一览表" in paras, "unmerged title recognised")
ck.eq(cells[0], ["县（市、区）", "工作组数", "村数"], "header under the unmerged title")
r, out = table("unmerged_title.xlsx", "--total", "工作组数")
ck.eq(rows(out)[1][-1][:2], ["合计", "4"], "--total finds the column under the title")

# Lines above the header that are not a merged title: the row naming the --total
# columns is the header; --header-row says it without --total.
r, out = table("lead_rows.xlsx", "--total", "工作组数")
paras, cells = rows(out)
ck.eq(cells[0], ["县（市、区）", "工作组数", "村数"], "header found by the requested column")
ck.eq(cells[-1][:2], ["合计", "4"], "summed under the found header")
r, out = table("lead_rows.xlsx", "--header-row", "3")
ck.eq(rows(out)[1][0], ["县（市、区）", "工作组数", "村数"], "--header-row 3")

# Number formats as shown; the value stays a number in XLSX.
r, out = table("formats.xlsx")
cells = rows(out)[1]
ck.eq(cells[1], ["甲", "98.76%", "6779.07", "7,890", "$123.00", "(45.50)", "36:00:00", "6:00 下午", "2019-05-30"],
      "formats of issue 22")
xl = os.path.join(a.work, "formats_out.xlsx")
run([a.bangfu, "table", os.path.join(F, "formats.xlsx"), "-o", xl])
ws = openpyxl.load_workbook(xl).active
values = [c.value for row in ws.iter_rows() for c in row]
ck.true(0.9876 in values and 7890 in values, "XLSX output keeps the values: " + repr(values[:30]))
# Issue 22: the XLSX shows what the input showed. Each number keeps its value and
# its number format (openpyxl), and LibreOffice renders the text the DOCX prints.
docx_body = cells[1:3]
ws = openpyxl.load_workbook(xl).active
got = {}
for row in ws.iter_rows():
    for c in row:
        if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
            got[c.value] = c.number_format
for value, code in ((0.9876, "0.00%"), (6779.0725293054, "0.00_ "), (7890, "#,###"), (123, '"$"#,##0.00'),
                    (-45.5, "#,##0.00;(#,##0.00)"), (0.0124, "0.00%")):
    ck.eq(got.get(value), code, f"XLSX number format of {value}")
soffice = shutil.which("soffice")
if soffice:
    with tempfile.TemporaryDirectory() as lo:
        env = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8")
        subprocess.run([soffice, "-env:UserInstallation=file://" + lo + "/profile", "--headless", "--convert-to",
                        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true", "--outdir", lo, xl],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300, env=env)
        with open(os.path.join(lo, "formats_out.csv"), encoding="utf-8") as f:
            shown = [r for r in csv.reader(f)]
    for want in docx_body:
        row = next((r for r in shown if r and r[0] == want[0]), None)
        # `_ ` in 0.00_ is a space the width of ")": LibreOffice keeps it, the DOCX trims it.
        ck.eq([t.rstrip() for t in row[:6]] if row else None, want[:6],
              f"LibreOffice shows the XLSX row {want[0]} as the DOCX prints it")
else:
    ck.true(False, "soffice not found: the rendering check needs libreoffice-calc-nogui")
# A total of percentages is a percentage, in the DOCX text and as the XLSX's format.
r, out = table("formats.xlsx", "--total", "比例", "--total", "数量")
ck.eq(rows(out)[1][-1][1:4], ["100.00%", "", "8,000"], "合计 in the parts' formats")
xl2 = os.path.join(a.work, "formats_total.xlsx")
run([a.bangfu, "table", os.path.join(F, "formats.xlsx"), "-o", xl2, "--total", "比例"])
ws = openpyxl.load_workbook(xl2).active
total = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=SUM"))
ck.eq(total.number_format, "0.00%", "the XLSX 合计 formula shows a percentage")

# .xlsm (saved by LibreOffice) reads like .xlsx; macros are never run or kept.
r, out = table("macro.xlsm")
ck.eq(rows(out)[1][1][1], "98.76%", ".xlsm read like .xlsx")

# Hidden first sheet, hidden row and column, a chart sheet.
r, out = table("hidden.xlsx")
cells = rows(out)[1]
ck.eq(cells[0], ["县", "村数"], "first visible sheet, hidden column B left out")
ck.eq([row[0] for row in cells[1:]], ["莲都区", "青田县"], "hidden row 3 left out")
ck.true("第3行" in r.stderr and "B列" in r.stderr, "hidden row and column named: " + r.stderr)
r, out = table("hidden.xlsx", "--include-hidden")
ck.eq(rows(out)[1][0], ["县", "内部编码", "村数"], "--include-hidden keeps column B")
r, out = table("hidden.xlsx", "--sheet", "CCSInfo")
ck.true("table.hidden-sheet" in r.stderr, "a hidden sheet asked for is warned: " + r.stderr)
r, _ = table("hidden.xlsx", "--sheet", "图表", expect=1)
ck.true("table.not-a-worksheet" in r.stderr and "图表工作表" in r.stderr, "chart sheet named: " + r.stderr)
r, _ = table("hidden.xlsx", "--sheet", "Genral", expect=1)
ck.true("table.missing-sheet" in r.stderr and "General" in r.stderr, "unknown sheet suggests the nearest: " + r.stderr)
r, _ = table("no_sheets.xlsx", expect=1)
ck.true("table.no-sheets" in r.stderr and "no_sheets.xlsx" in r.stderr, "no worksheet: exit 1, located: " + r.stderr)

# 合计 rows, text numbers, "2个", rounding (issue 18 item 9).
r, out = table("totals.xlsx")
cells = rows(out)[1]
ck.eq([row[0] for row in cells].count("合　计") + [row[0] for row in cells].count("合计"), 1, "the sheet's 合计 once")
ck.true("汇总!B4" in r.stderr and "table.total-mismatch" in r.stderr, "stated 8 against 4, at B4: " + r.stderr)
ck.true("汇总!C3" in r.stderr and "table.text-number" in r.stderr and "SUM" in r.stderr, "text number at C3: " + r.stderr)
r, out = table("totals.xlsx", "--total", "工作组数", "--total", "金额")
cells = rows(out)[1]
ck.eq(cells[-1], ["合计", "4", "25.75"], "one computed 合计 row over the values, the text number counted")
ck.eq(len(cells), 4, "header, two rows, one 合计 (not two)")
r, _ = table("not_a_number.xlsx", "--total", "工作组数", expect=1)
ck.true("单位!B2" in r.stderr and "table.not-a-number" in r.stderr and "改为数字 2" in r.stderr,
        "“2个” suggests 2: " + r.stderr)
r, out = table("rounding.xlsx", "--total", "比例")
ck.true("table.rounding" in r.stderr and "B2:B4" in r.stderr and "0.99" in r.stderr and "1.00" in r.stderr,
        "rounding difference named: " + r.stderr)
ck.eq(rows(out)[1][-1], ["合计", "1.00"], "total printed with the parts' decimals")

# table.* diagnostics name the right cell and give an XLSX hint.
r, _ = table("ragged.xlsx", expect=1)
ck.true("名单!D4" in r.stderr and "table.ragged" in r.stderr, "ragged names D4: " + r.stderr)
ck.true("逗号" not in r.stderr, "no CSV hint on an XLSX file: " + r.stderr)
r, _ = table("no_rows.xlsx")
ck.true("空表!A1" in r.stderr and "table.no-rows" in r.stderr, "no-rows at A1: " + r.stderr)

# _xHHHH_ escapes in shared strings, inline strings and formula results.
r, out = table("escapes.xlsx")
ck.eq(rows(out)[1][1], ["第一行\n第二行", "中文", "a_x0041_b"], "escapes decoded")

# Zip containers: tolerant where unzip is, located where it refuses.
table("padded_zip.xlsx")
table("descriptor_no_signature.xlsx")
r, _ = table("duplicate_entry.xlsx", expect=1)
ck.true("xlsx.duplicate-part" in r.stderr and "Assertion" not in r.stderr, "duplicate entry: " + r.stderr)
r, _ = table("merge_fill_bomb.xlsx", expect=1)
ck.true("xlsx.too-large" in r.stderr and "合并!A2" in r.stderr, "merge bomb stops at A2: " + r.stderr)

# A CSV past the row count from which the table's rows are built on two threads
# (table_builder.cpp kRowsForTwoThreads): every row in its place, in both formats.
big = os.path.join(a.work, "big.csv")
body = [[f"县{i}", f"单位{i}、单位{i + 1}", str(i % 7), f"{i}.5"] for i in range(6000)]
with open(big, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(["县（市、区）", "单位", "工作组（个）", "金额"])
    w.writerows(body)
out = os.path.join(a.work, "big.docx")
run([a.bangfu, "table", big, "--total", "工作组（个）", "-o", out, "-o", out[:-5] + ".xlsx"])
# python-docx lists a row's cells by walking the whole table: the XML directly.
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
tbl = docx.Document(out).tables[0]._tbl
cells = [["".join(t.text or "" for t in tc.iter(W + "t")) for tc in tr.iter(W + "tc")] for tr in tbl.iter(W + "tr")]
ck.eq(cells[1:-1], body, "6000 body rows in order, whole (DOCX)")
ck.eq(cells[-1], ["合计", "", str(sum(i % 7 for i in range(6000))), ""], "the 合计 over all of them")
ws = openpyxl.load_workbook(out[:-5] + ".xlsx").active
got = [[c.value for c in r] for r in ws.iter_rows(min_row=1, max_row=ws.max_row)]
first = next(i for i, r in enumerate(got) if r[0] == "县0")  # below the 附件 label, the title and the header
got = got[first:first + 6000]
ck.eq(got[:2] + got[-2:], [[body[k][0], body[k][1], k % 7, k + 0.5] for k in (0, 1, 5998, 5999)],
      "first and last rows with their values (XLSX)")
misplaced = [i for i, r in enumerate(got) if r[0] != body[i][0]]
ck.eq(misplaced[:5], [], "6000 body rows in order (XLSX)")
ck.finish("test_table_sheets")
