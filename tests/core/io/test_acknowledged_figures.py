#!/usr/bin/python3
"""A stated figure the office has accepted (issue 18 item 12): marked as
acknowledged with a reason, in JSON ("acknowledged") and in the 统计数字 sheet
(确认原因), it is reported once as acknowledged and is no longer a warning;
`bangfu build` does not replay it on the next, up-to-date build."""
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "cli"))
from common import Checker, parse_args, run  # noqa: E402

try:
    import openpyxl
except ImportError:
    sys.exit(77)

REASON = "原文如此（158个村含1个插花村）"


def lines(stderr, code):
    return [l for l in stderr.splitlines() if code in l]


def main():
    a = parse_args()
    c = Checker()
    w = lambda name: os.path.join(a.work, name)  # noqa: E731
    src = os.path.join(a.source, "examples", "lishui-2019", "scheme.json")

    r = run([a.bangfu, "check", src])
    c.eq(len(lines(r.stderr, "stated.mismatch")), 1, f"the example warns about 158 against 157:\n{r.stderr}")

    scheme = json.load(open(src, encoding="utf-8"))
    for f in scheme["stated"]:
        if f["key"] == "count.target-villages":
            f["acknowledged"] = REASON
    with open(w("ack.json"), "w", encoding="utf-8") as f:
        json.dump(scheme, f, ensure_ascii=False, indent=1)
    r = run([a.bangfu, "check", w("ack.json")])
    c.eq(lines(r.stderr, "stated.mismatch"), [], f"no warning once acknowledged (JSON):\n{r.stderr}")
    ack = lines(r.stderr, "stated.acknowledged")
    c.eq(len(ack), 1, f"reported once as acknowledged (JSON):\n{r.stderr}")
    c.true(ack and "已确认" in ack[0] and REASON in ack[0] and "158" in ack[0] and "157" in ack[0],
           f"the line gives both figures and the reason:\n{r.stderr}")
    c.true("1 个警告，1 个已确认的差异" in r.stderr and "stated.mismatch" not in r.stderr, f"the summary counts it apart:\n{r.stderr}")
    r = run([a.bangfu, "check", w("ack.json")], env={"LANG": "en_US.UTF-8"})
    c.true("acknowledged" in r.stderr and "1 warning(s), 1 acknowledged" in r.stderr, f"English:\n{r.stderr}")

    # The workbook: 统计数字's 确认原因 column, filled by the clerk.
    run([a.bangfu, "init", "-o", w("lishui.xlsx"), "--from", src])
    wb = openpyxl.load_workbook(w("lishui.xlsx"))
    ws = wb["统计数字"]
    header = [x.value for x in ws[1]]
    c.true("确认原因" in header, f"统计数字 has the 确认原因 column: {header}")
    col = header.index("确认原因") + 1
    row = [x.row for x in ws["A"] if x.value == "count.target-villages"][0]
    ws.cell(row=row, column=col, value=REASON)
    wb.save(w("ack.xlsx"))
    r = run([a.bangfu, "check", w("ack.xlsx")])
    c.eq(lines(r.stderr, "stated.mismatch"), [], f"no warning once acknowledged (workbook):\n{r.stderr}")
    ack = lines(r.stderr, "stated.acknowledged")
    c.true(len(ack) == 1 and f"统计数字!C{row}" in ack[0], f"acknowledged at its cell:\n{r.stderr}")
    # A JSON scheme round-trips the acknowledgement through a workbook.
    run([a.bangfu, "init", "-o", w("from-ack.xlsx"), "--from", w("ack.json")])
    r = run([a.bangfu, "check", w("from-ack.xlsx")])
    c.eq(len(lines(r.stderr, "stated.acknowledged")), 1, f"init --from keeps the acknowledgement:\n{r.stderr}")

    # A build: said when the scheme is read, not replayed on the up-to-date build.
    proj = w("proj")
    os.makedirs(os.path.join(proj, "schemes"))
    shutil.copy(w("ack.json"), os.path.join(proj, "schemes", "lishui.json"))
    with open(os.path.join(proj, "bangfu-project.json"), "w", encoding="utf-8") as f:
        json.dump({"bangfu": 1, "output": "out", "formats": ["xlsx"],
                   "schemes": [{"path": "schemes/lishui.json", "plugin": "lishui"}]}, f)
    r = run([a.bangfu, "build", proj, "--quiet"])
    c.eq(len(lines(r.stderr, "stated.acknowledged")), 1, f"first build says it once:\n{r.stderr}")
    c.eq(lines(r.stderr, "stated.mismatch"), [], "first build: no warning")
    r = run([a.bangfu, "build", proj, "--quiet"])
    c.eq(lines(r.stderr, "stated.acknowledged") + lines(r.stderr, "stated.mismatch"), [],
         f"the up-to-date build repeats neither:\n{r.stderr}")
    c.finish("acknowledged figures")


main()
