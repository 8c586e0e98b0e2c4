#!/usr/bin/python3
"""What applying number formats costs when `bangfu table` reads an XLSX (issue 22:
at most 10 % at 20000 rows). Two workbooks of the same N rows x 9 columns, written
by openpyxl: one with every cell in General, one with the formats of a statistical
table (0.00%, #,##0.00, 0.00_ , yyyy-mm-dd, [h]:mm:ss, "$"#,##0.00, a two-section
code, a zh-CN date). Each is read by `bangfu table DATA.xlsx -o x.docx` under
tools/timeone (wall clock, peak RSS), RUNS times after a warm-up; medians reported.

    bench/xlsx_read_bench.py --bangfu build/bangfu [--rows 20000] [--runs 7] [--baseline OTHER_BANGFU]

--baseline times another binary (e.g. one built before formats were applied) on
the formatted workbook too.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
FORMATS = [None, "0.00%", "#,##0.00", "0.00_ ", "yyyy-mm-dd", "[h]:mm:ss", '"$"#,##0.00', "#,##0;(#,##0)",
           'yyyy"年"m"月"d"日"']


def workbook(path, rows, formatted):
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("数据")
    ws.append(["单位", "比例", "金额", "余额", "日期", "时长", "美元", "差额", "成文日期"])
    styles = []
    from openpyxl.cell import WriteOnlyCell
    for i in range(rows):
        values = [f"单位{i:05d}", (i % 997) / 997, i * 12.345, i * 0.5 + 0.125, 43000 + i % 3000, (i % 50) / 24,
                  i * 1.01, (i % 200) - 100, 43000 + i % 3000]
        cells = []
        for v, f in zip(values, FORMATS):
            c = WriteOnlyCell(ws, value=v)
            if formatted and f:
                c.number_format = f
            cells.append(c)
        ws.append(cells)
    wb.save(path)


def timeone(work):
    exe = os.path.join(work, "timeone")
    subprocess.run(["cc", "-O2", "-o", exe, os.path.join(HERE, "tools", "timeone.c")], check=True)
    return exe


def measure(timer, bangfu, data, out, runs):
    walls, rss = [], []
    for k in range(runs + 1):
        stats = out + ".stats"
        subprocess.run([timer, stats, "--", bangfu, "table", data, "-o", out], check=True)
        wall, _, _, maxrss, status = open(stats).read().split()
        if int(status) != 0:
            sys.exit(f"{bangfu} table {data} exited {status}")
        if k:  # the first run warms the page cache
            walls.append(float(wall))
            rss.append(int(maxrss))
    return statistics.median(walls), statistics.median(rss)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bangfu", required=True)
    ap.add_argument("--baseline")
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=7)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as work:
        timer = timeone(work)
        plain, fmt = os.path.join(work, "general.xlsx"), os.path.join(work, "formatted.xlsx")
        workbook(plain, a.rows, False)
        workbook(fmt, a.rows, True)
        out = os.path.join(work, "x.docx")
        g = measure(timer, a.bangfu, plain, out, a.runs)
        f = measure(timer, a.bangfu, fmt, out, a.runs)
        print(f"{a.rows} rows x 9 columns, median of {a.runs} runs")
        print(f"  General workbook:   {g[0]:.3f} s  {g[1] / 1024:.1f} MiB")
        print(f"  formatted workbook: {f[0]:.3f} s  {f[1] / 1024:.1f} MiB  ({(f[0] / g[0] - 1) * 100:+.1f} % time)")
        if a.baseline:
            b = measure(timer, a.baseline, fmt, out, a.runs)
            print(f"  baseline binary on the formatted workbook: {b[0]:.3f} s  {b[1] / 1024:.1f} MiB "
                  f"(this build {(f[0] / b[0] - 1) * 100:+.1f} %)")


if __name__ == "__main__":
    main()
