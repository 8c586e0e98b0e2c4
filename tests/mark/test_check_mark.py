"""check --mark: the clerk's workbook comes back with the problem cells filled and
commented, and nothing else changed (values, formulas, formatting, other sheets).
Read back with openpyxl, a reader bangfu does not share code with."""
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from common import Checker, parse_args, run  # noqa: E402

try:
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
except ImportError:
    print("python3-openpyxl missing")
    sys.exit(77)

ERROR_FILL = "FFFFC7CE"
WARNING_FILL = "FFFFEB9C"


def clerk_workbook(a, path):
    """The lishui-2019 workbook as a clerk leaves it: one misspelt unit, a formula
    of their own, a bold cell and a comment of their own (saved by openpyxl, so the
    package is not bangfu's)."""
    made = os.path.join(a.work, "made.xlsx")
    run([a.bangfu, "init", "--from", os.path.join(a.source, "examples/lishui-2019/scheme.json"), "-o", made])
    wb = openpyxl.load_workbook(made)
    wb["团组成员"]["C3"] = "市人房办"  # 市人防办, misspelt
    wb["填表说明"]["C1"] = "=LEN(A1)"
    wb["单位"]["B2"].font = Font(bold=True)
    wb["单位"]["D3"].comment = Comment("核对过", "办公室")
    for row in wb["统计数字"].iter_rows():  # one sheet without any comment: the copy gains its first
        for c in row:
            c.comment = None
    wb.save(path)


def all_values(wb):
    return {(ws.title, c.coordinate): c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.value is not None}


def main():
    a = parse_args()
    ok = Checker()
    src = os.path.join(a.work, "clerk.xlsx")
    clerk_workbook(a, src)
    before = open(src, "rb").read()
    out = os.path.join(a.work, "marked.xlsx")
    r = run([a.bangfu, "check", src, "--mark", out], expect=1)
    ok.true("团组成员!C3" in r.stderr, f"the error names 团组成员!C3: {r.stderr}")
    ok.true(open(src, "rb").read() == before, "the clerk's workbook is untouched")

    orig = openpyxl.load_workbook(src)
    marked = openpyxl.load_workbook(out)
    ok.eq([ws.title for ws in marked.worksheets], [ws.title for ws in orig.worksheets], "sheets and their order")
    ok.eq([ws.sheet_state for ws in marked.worksheets], [ws.sheet_state for ws in orig.worksheets], "hidden sheets")
    ok.eq(all_values(marked), all_values(orig), "every value and formula")
    ok.eq(marked["填表说明"]["C1"].value, "=LEN(A1)", "the clerk's formula")
    ok.true(marked["单位"]["B2"].font.bold, "the clerk's bold cell")

    cell = marked["团组成员"]["C3"]
    ok.eq(cell.fill.fgColor.rgb, ERROR_FILL, "the misspelt unit is filled red")
    ok.true(cell.comment is not None and "市人房办" in cell.comment.text and "建议" in cell.comment.text,
            f"the comment holds the message and the fix: {cell.comment and cell.comment.text}")
    ok.eq(marked["统计数字"]["C4"].fill.fgColor.rgb, WARNING_FILL, "the 158/157 warning is filled yellow")
    ok.true(marked["统计数字"]["C4"].comment is not None, "the warning has its comment")
    # Formats of marked cells keep everything but the fill; nothing else gains a fill.
    ok.eq(cell.font.name, orig["团组成员"]["C3"].font.name, "the marked cell keeps its font")
    ok.eq(cell.alignment.horizontal, orig["团组成员"]["C3"].alignment.horizontal, "and its alignment")
    filled = [(ws.title, c.coordinate) for ws in marked.worksheets for row in ws.iter_rows() for c in row
              if c.fill.fgColor.rgb in (ERROR_FILL, WARNING_FILL)]
    # 人员!B11 is 杜光旻: 旻 is outside GB 2312 (glyph.outside-gb2312, a warning).
    ok.eq(sorted(filled), sorted([("人员", "B11"), ("团组成员", "C3"), ("统计数字", "C4")]),
          "only the problem cells are filled")
    # Comments already there (the clerk's, and init's header help) stay.
    ok.true(marked["单位"]["D3"].comment is not None and marked["单位"]["D3"].comment.text == "核对过",
            "the clerk's own comment")
    ok.eq(marked["团组成员"]["A1"].comment.text if marked["团组成员"]["A1"].comment else None,
          orig["团组成员"]["A1"].comment.text if orig["团组成员"]["A1"].comment else None, "init's header help")

    # The marked copy is still a workbook bangfu reads, with the same one error.
    r2 = run([a.bangfu, "check", out], expect=1)
    ok.true("团组成员!C3" in r2.stderr, "the marked copy checks the same")

    # Guards: never over the workbook itself; only for workbooks.
    run([a.bangfu, "check", src, "--mark", src], expect=2)
    run([a.bangfu, "check", os.path.join(a.source, "examples/lishui-2019/scheme.json"), "--mark", out], expect=2)
    # A clean workbook: the copy is the clerk's bytes.
    clean = os.path.join(a.work, "clean.xlsx")
    shutil.copy(os.path.join(a.work, "made.xlsx"), clean)
    wb = openpyxl.load_workbook(clean)
    wb["统计数字"]["C4"] = 157
    for ws in wb.worksheets:  # 旻 is outside GB 2312 (a warning): a clean copy uses 明 throughout
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and "旻" in c.value:
                    c.value = c.value.replace("旻", "明")
    wb.save(clean)
    run([a.bangfu, "check", clean, "--mark", os.path.join(a.work, "clean-marked.xlsx")], expect=0)
    ok.true(open(os.path.join(a.work, "clean-marked.xlsx"), "rb").read() == open(clean, "rb").read(),
            "nothing to mark: the copy is byte for byte the workbook")
    ok.finish("check --mark")


main()
