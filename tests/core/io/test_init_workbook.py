#!/usr/bin/python3
"""`bangfu init` output opened by a reader that is not bangfu's (openpyxl):
sheet order, frozen Chinese headers, drop-down validations, filled rows."""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
import must_run  # noqa: E402

try:
    import openpyxl
except ImportError:
    must_run.skip("python3-openpyxl missing")

ap = argparse.ArgumentParser()
ap.add_argument("--bangfu", required=True)
ap.add_argument("--source", required=True)
ap.add_argument("--work", required=True)
a = ap.parse_args()
os.makedirs(a.work, exist_ok=True)

out = os.path.join(a.work, "lishui.xlsx")
scheme = os.path.join(a.source, "examples", "lishui-2019", "scheme.json")
subprocess.run([a.bangfu, "init", "-o", out, "--from", scheme], check=True)
wb = openpyxl.load_workbook(out)
expected = ["填表说明", "通知", "区划", "单位", "人员", "团组", "团组成员", "结对", "领导小组", "统计数字", "说明", "选项",
            "附件设置", "正文", "插件表定义"]  # the lishui plugin's sheet, the notice text, the hidden definitions
assert wb.sheetnames == expected, wb.sheetnames
assert wb["插件表定义"].sheet_state == "hidden"

teams = wb["团组"]
assert teams.freeze_panes == "A2", teams.freeze_panes
assert [c.value for c in teams[1]][:5] == ["编号", "名称", "帮扶对象", "其他帮扶对象", "工作组数"]
assert teams.max_row > 1 and isinstance(teams["E2"].value, (int, float)), teams["E2"].value

members = wb["团组成员"]
formulas = sorted(str(dv.formula1) for dv in members.data_validations.dataValidation)
assert any("团组" in f for f in formulas) and any("单位" in f for f in formulas), formulas
areas = wb["区划"]
lists = [dv.formula1 for dv in areas.data_validations.dataValidation]
assert any("乡镇" in str(f) for f in lists), lists
# CJK-aware widths: the 单位 name column is wider than the default.
units = wb["单位"]
assert units.column_dimensions["B"].width > 12, units.column_dimensions["B"].width
print("ok")
