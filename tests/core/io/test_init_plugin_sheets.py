#!/usr/bin/python3
"""`bangfu init` with a plugin, checked by a reader that is not bangfu's (openpyxl):
each plugin's sheets after 选项 (headers, comments, drop-downs, frozen header,
content), the example rows of a blank workbook, and a clerk's edits made with
openpyxl read back by `bangfu check`/`render` with located diagnostics."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "cli"))
from common import Checker, parse_args, run  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", ".."))
import must_run  # noqa: E402

try:
    import openpyxl
except ImportError:
    must_run.skip("python3-openpyxl missing")

CORE = ["填表说明", "通知", "区划", "单位", "人员", "团组", "团组成员", "结对", "领导小组", "统计数字", "说明", "选项"]


def validations(ws):
    """{cell range: list formula} of the sheet's drop-downs."""
    return {str(dv.sqref): str(dv.formula1) for dv in ws.data_validations.dataValidation if dv.type == "list"}


def main():
    a = parse_args()
    c = Checker()
    w = lambda name: os.path.join(a.work, name)  # noqa: E731

    # lishui --from: a settings sheet filled from the scheme's options.
    run([a.bangfu, "init", "-o", w("lishui.xlsx"), "--from", os.path.join(a.source, "examples", "lishui-2019", "scheme.json")])
    wb = openpyxl.load_workbook(w("lishui.xlsx"))
    c.eq(wb.sheetnames, CORE + ["附件设置", "正文", "插件表定义"], "lishui sheets")
    c.eq(wb["插件表定义"].sheet_state, "hidden", "definitions hidden")
    c.true(wb["插件表定义"].protection.sheet, "definitions protected")
    ws = wb["附件设置"]
    c.eq(ws.freeze_panes, "A2", "settings header frozen")
    c.eq([x.value for x in ws[1]], ["设置项", "值", "默认值", "说明"], "settings headers")
    c.true(all(x.comment is not None and x.comment.text for x in ws[1]), "every header has a comment")
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    c.eq(rows["附件1 第1列表头"][1], "结对帮扶村所在的县（市、区）", "value from the scheme's options")
    c.eq(rows["附件2 第1列表头"][1], None, "absent option: empty value")
    c.eq(rows["附件2 第1列表头"][2], "县（市、区）", "its default shown")
    bold_row = [i for i, r in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2) if r[0] == "附件2 指导员派出单位用黑体"][0]
    c.eq(validations(ws).get(f"B{bold_row}"), '"是,否"', "yes/no drop-down on its value cell only")
    options = [r[0] for r in wb["选项"].iter_rows(min_row=2, values_only=True)]
    c.true("leaders.header.area" not in options, f"an option the sheet holds is not repeated on 选项: {options}")
    c.true(any("【附件设置】" in str(r[0]) for r in wb["填表说明"].iter_rows(values_only=True)), "填表说明 describes the sheet")
    c.true(ws.column_dimensions["B"].width >= 16, "value column wide enough for a header text")

    # suzhou, blank: a records sheet with the notice's duties and the example rows.
    run([a.bangfu, "init", "-o", w("suzhou.xlsx"), "--plugin", "suzhou"])
    wb = openpyxl.load_workbook(w("suzhou.xlsx"))
    c.eq(wb.sheetnames, CORE + ["履职日历", "正文", "插件表定义"], "suzhou sheets")
    ws = wb["履职日历"]
    c.eq(ws.freeze_panes, "A2", "records header frozen")
    c.eq([x.value for x in ws[1]], ["结对类型", "适用对象", "帮扶责任人", "工作事项", "频次", "依据条款", "月份"], "records headers")
    c.eq(ws.max_row, 11, "the notice's 10 duties")
    c.eq([x.value for x in ws[2]], ["领导干部联系帮扶", None, "县级领导", "调研走访和慰问", "每季度至少1次", "二（二）", "1、4、7、10"],
         "first duty, with the kind's label")
    dv = validations(ws)
    c.true("领导干部联系帮扶" in dv.get("A2:A1048576", ""), f"kind drop-down: {dv}")
    c.true("未消除风险的监测对象" in dv.get("B2:B1048576", ""), f"scope drop-down: {dv}")
    stop = [x.errorStyle for x in ws.data_validations.dataValidation]
    c.true(all(s in (None, "stop") for s in stop), f"fixed lists refuse other values: {stop}")
    sample = wb["区划"]["A2"]
    c.eq(sample.value, "示例村", "example row in a blank workbook")
    c.true(sample.font.i and sample.font.color is not None and sample.font.color.rgb.endswith("808080"), "grey italic")
    c.true(sample.comment is not None and "示例" in sample.comment.text, "the example row says so")
    c.eq(sample.number_format, "@", "typing over the example keeps text format")
    r = run([a.bangfu, "check", w("suzhou.xlsx")])
    c.true("workbook.sample-row" in r.stderr and "区划!A2" in r.stderr, f"untouched examples are pointed out:\n{r.stderr}")
    c.true("error" not in r.stderr, f"a blank workbook has no errors:\n{r.stderr}")

    # A clerk's edits, saved by openpyxl: a value outside the list and a month 13.
    ws["A3"] = "单位帮扶"
    ws["G4"] = "3、13"
    wb.save(w("edited.xlsx"))
    r = run([a.bangfu, "check", w("edited.xlsx")], expect=1)
    c.true("履职日历!A3" in r.stderr and "workbook.bad-value" in r.stderr and "单位定点帮扶" in r.stderr,
           f"bad choice located, with the nearest choice:\n{r.stderr}")
    c.true("履职日历!G4" in r.stderr and "suzhou.bad-months" in r.stderr, f"plugin rule located at the cell:\n{r.stderr}")
    # A column deleted: the sheet lacks it.
    wb = openpyxl.load_workbook(w("suzhou.xlsx"))
    wb["履职日历"].delete_cols(4)
    wb.save(w("no-column.xlsx"))
    r = run([a.bangfu, "check", w("no-column.xlsx")], expect=1)
    c.true("workbook.missing-column" in r.stderr and "履职日历" in r.stderr and "工作事项" in r.stderr,
           f"missing column reported:\n{r.stderr}")

    # lishui: a header reworded by a clerk is printed by render; the same option
    # also on 选项 with another value is a conflict.
    run([a.bangfu, "init", "-o", w("lishui-blank.xlsx"), "--plugin", "lishui"])
    c.eq(openpyxl.load_workbook(w("lishui-blank.xlsx"))["附件设置"]["B2"].value, "结对帮扶村所在的县（市、区）",
         "blank workbook: the default as value")
    wb = openpyxl.load_workbook(w("lishui.xlsx"))
    ws = wb["附件设置"]
    ws[f"B{[x.row for x in ws['A'] if x.value == '附件2 第1列表头'][0]}"] = "县（市、区）名称"
    wb.save(w("reworded.xlsx"))
    run([a.bangfu, "render", w("reworded.xlsx"), "--out", w("out"), "--format", "xlsx"])
    headers = set()
    for name in sorted(os.listdir(w("out"))):
        for sheet in openpyxl.load_workbook(os.path.join(w("out"), name)).worksheets:
            headers.update(str(v) for row in sheet.iter_rows(max_row=8, values_only=True) for v in row if v)
    c.true("县（市、区）名称" in headers, f"the reworded header is printed: {sorted(headers)[:20]}")
    wb["选项"].append(["teams.header.county", "县"])
    wb.save(w("conflict.xlsx"))
    r = run([a.bangfu, "check", w("conflict.xlsx")], expect=1)
    c.true("workbook.option-conflict" in r.stderr and "附件设置!B" in r.stderr and "选项!B" in r.stderr,
           f"conflict located at both cells:\n{r.stderr}")

    # A workbook that lost its hidden definitions: the plugin sheet is named as unread.
    wb = openpyxl.load_workbook(w("lishui.xlsx"))
    del wb["插件表定义"]
    wb.save(w("no-definitions.xlsx"))
    r = run([a.bangfu, "check", w("no-definitions.xlsx")])
    c.true("workbook.unread-sheet" in r.stderr and "附件设置" in r.stderr,
           f"unread plugin sheet reported:\n{r.stderr}")

    # An unknown plugin for --plugin: a usage error suggesting the nearest.
    r = run([a.bangfu, "init", "-o", w("x.xlsx"), "--plugin", "lisui"], expect=2)
    c.true("lishui" in r.stderr, f"nearest plugin suggested:\n{r.stderr}")
    c.true(not os.path.exists(w("x.xlsx")), "nothing written")
    c.finish("init plugin sheets")


main()
