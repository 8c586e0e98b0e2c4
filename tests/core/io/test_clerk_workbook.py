#!/usr/bin/python3
"""A workbook filled in the way a clerk fills it (openpyxl, as Excel saves it),
and `bangfu check`/`render`/`init` on it (issue 18 items 1, 2, 3, 6, 7):
- errors name the exact cell of the offending value and the sheet by its
  visible name (区划!D5, not 区划!A5, and never 地区表);
- one renamed header is one error at its cell, not one per row;
- an example never reaches an output: the untouched example row of an older
  workbook is skipped, a half-overwritten one is an error at each leftover cell;
- a blank workbook is an error that says what is missing, in check and render;
- init never replaces a workbook without --force, nor the --from workbook."""
import hashlib
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "cli"))
from common import Checker, parse_args, run  # noqa: E402

try:
    import openpyxl
except ImportError:
    sys.exit(77)


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def row_of(ws, column, value):
    for cell in ws[column]:
        if cell.value == value:
            return cell.row
    raise AssertionError(f"{value} not in {ws.title}!{column}")


def errors(stderr):
    return [l for l in stderr.splitlines() if " 错误 " in l or ": error " in l]


def main():
    a = parse_args()
    c = Checker()
    w = lambda name: os.path.join(a.work, name)  # noqa: E731
    scheme = os.path.join(a.source, "examples", "lishui-2019", "scheme.json")
    run([a.bangfu, "init", "-o", w("lishui.xlsx"), "--from", scheme])
    r = run([a.bangfu, "check", w("lishui.xlsx")])
    c.eq(errors(r.stderr), [], "the example as a workbook has no errors")

    # Item 2: the exact cell, the visible sheet name.
    wb = openpyxl.load_workbook(w("lishui.xlsx"))
    areas, people, pairs = wb["区划"], wb["人员"], wb["结对"]
    ra = row_of(areas, "B", "莲都区")  # 编号 A…, 名称 in B
    areas[f"D{ra}"] = "丽水巿"  # 巿 for 市: a look-alike in the 上级 column
    rp = row_of(people, "B", "杜兴林")
    people[f"C{rp}"] = "市人房办"  # the unit of a person, mistyped
    rq = row_of(pairs, "C", people[f"A{rp}"].value)  # referred to by 编号
    pairs[f"E{rq}"] = "莲都县"  # the target of a pairing
    wb.save(w("typos.xlsx"))
    r = run([a.bangfu, "check", w("typos.xlsx")], expect=1)
    errs = errors(r.stderr)
    c.true(any(f"区划!D{ra}:" in e and "ref.unknown-area" in e for e in errs), f"上级 at 区划!D{ra}:\n{r.stderr}")
    c.true(any(f"结对!E{rq}:" in e and "ref.unknown-area" in e for e in errs), f"target at 结对!E{rq}:\n{r.stderr}")
    c.true(not re.search(r"!A\d+:", "\n".join(errs)), f"no error points at column A for a value elsewhere:\n{r.stderr}")
    c.true("地区表" not in r.stderr, f"the sheet is called by its visible name:\n{r.stderr}")
    if any("ref.unknown-unit" in e for e in errs):
        c.true(any(f"人员!C{rp}:" in e and "ref.unknown-unit" in e for e in errs), f"unit at 人员!C{rp}:\n{r.stderr}")
    people[f"C{rp}"] = "市不存在的局"  # nothing near: a rename first, else the sheet to add it on
    wb.save(w("unregistered.xlsx"))
    r = run([a.bangfu, "check", w("unregistered.xlsx")], expect=1)
    c.true(any(f"人员!C{rp}:" in e and "已更名" in e and "先在“单位”表中添加" in e for e in errors(r.stderr)),
           f"renamed, else add it on the 单位 sheet, at 人员!C{rp}:\n{r.stderr}")
    c.true("登记“市不存在的局”" not in r.stderr, f"never: register the unknown name again:\n{r.stderr}")

    # Item 3: one renamed header, one error at its cell.
    wb = openpyxl.load_workbook(w("lishui.xlsx"))
    wb["团组"]["E1"] = "工作组数量"
    wb.save(w("renamed.xlsx"))
    r = run([a.bangfu, "check", w("renamed.xlsx")], expect=1)
    errs = errors(r.stderr)
    c.eq(len(errs), 1, f"one renamed header gives one error:\n{r.stderr}")
    c.true(errs and "团组!E1:" in errs[0] and "工作组数量" in errs[0] and "“工作组数”" in errs[0],
           f"the error names the header found, the one expected and its cell:\n{r.stderr}")
    r = run([a.bangfu, "render", w("renamed.xlsx"), "--out", w("out-renamed")], expect=1)
    c.true(not os.path.exists(w("out-renamed")) or not os.listdir(w("out-renamed")), "nothing rendered")

    # Item 1: an older workbook's example row, untouched and half overwritten.
    wb = openpyxl.load_workbook(w("lishui.xlsx"))
    units = wb["单位"]
    units.insert_rows(2)
    for col, v in zip("ABCD", ["示例局", "市示例局", "机关", "指导员派出单位"]):
        units[f"{col}2"] = v
    wb.save(w("untouched-example.xlsx"))
    r = run([a.bangfu, "check", w("untouched-example.xlsx")])
    c.true("workbook.sample-row" in r.stderr and "单位!A2" in r.stderr and not errors(r.stderr),
           f"an untouched example row is skipped with a warning:\n{r.stderr}")
    run([a.bangfu, "render", w("untouched-example.xlsx"), "--out", w("out-untouched"), "--format", "xlsx"])
    printed = ""
    for name in os.listdir(w("out-untouched")):
        for ws in openpyxl.load_workbook(os.path.join(w("out-untouched"), name)).worksheets:
            printed += " ".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v)
    c.true("示例" not in printed, "no example value in the rendered tables")

    wb = openpyxl.load_workbook(w("lishui.xlsx"))
    people = wb["人员"]
    people.insert_rows(2)
    # The clerk typed the name and post over the example, and left 编号, 单位, 注记.
    for col, v in zip("ABCDEF", ["示例01", "张伟", "示例局", "副局长", "示例县", "帮扶联系人"]):
        people[f"{col}2"] = v
    wb.save(w("half-example.xlsx"))
    r = run([a.bangfu, "check", w("half-example.xlsx")], expect=1)
    errs = errors(r.stderr)
    for cell in ("人员!A2", "人员!C2", "人员!E2"):
        c.true(any(cell + ":" in e and "workbook.example-value" in e for e in errs),
               f"the leftover example value at {cell} is an error:\n{r.stderr}")
    c.true(not any("人员“张伟”不存在" in e for e in errs), f"张伟 is not reported missing:\n{r.stderr}")
    r = run([a.bangfu, "render", w("half-example.xlsx"), "--out", w("out-half")], expect=1)
    c.true(not os.path.exists(w("out-half")) or not os.listdir(w("out-half")), "nothing rendered with a leftover")

    # Item 7: a blank workbook is an error that says what is missing.
    run([a.bangfu, "init", "-o", w("blank.xlsx"), "--plugin", "lishui"])
    for cmd in (["check", w("blank.xlsx")], ["render", w("blank.xlsx"), "--out", w("out-blank")]):
        r = run([a.bangfu] + cmd, expect=1)
        c.true("scheme.empty" in r.stderr and "区划" in r.stderr and "单位" in r.stderr,
               f"{cmd[0]} of a blank workbook names what is missing:\n{r.stderr}")
        c.eq(len(errors(r.stderr)), 1, f"{cmd[0]}: one error")
    c.true(not os.path.exists(w("out-blank")) or not os.listdir(w("out-blank")), "a blank workbook renders nothing")
    r = run([a.bangfu, "check", w("blank.xlsx")], expect=1, env={"LANG": "en_US.UTF-8"})
    c.true("nothing to render" in r.stderr, f"English:\n{r.stderr}")

    # Item 6: init refuses to replace a workbook.
    before = digest(w("lishui.xlsx"))
    r = run([a.bangfu, "init", "-o", w("lishui.xlsx")], expect=1)
    c.true("已存在" in r.stderr and "--force" in r.stderr, f"refused, says --force:\n{r.stderr}")
    c.eq(digest(w("lishui.xlsx")), before, "the filled workbook is untouched")
    r = run([a.bangfu, "init", "-o", w("lishui.xlsx"), "--from", w("lishui.xlsx"), "--force"], expect=1)
    c.true("--from" in r.stderr, f"never the --from workbook, even with --force:\n{r.stderr}")
    c.eq(digest(w("lishui.xlsx")), before, "the --from workbook is untouched")
    run([a.bangfu, "init", "-o", w("lishui.xlsx"), "--force"])
    c.true(digest(w("lishui.xlsx")) != before, "--force replaces it")
    c.finish("clerk workbook")


main()
