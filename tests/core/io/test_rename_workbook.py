#!/usr/bin/python3
"""A rename in one cell (issue 18 item 5), in workbooks made the way a clerk edits
them (openpyxl, as Excel saves them):
- `init --from` gives areas, units and people codes (A001, U001, P001) and the
  other sheets refer to them by code;
- renaming 市人力社保局 in its 名称 cell alone: check passes, diff says 更名 (against
  the old workbook and against the JSON it came from) and nothing else, and
  `build` rewrites exactly the outputs that print the name;
- an older workbook, whose 编号 are the names, keeps working, and a rename there
  that also changed the 编号 gets a hint about the rename, never the advice to
  register the old name again."""
import hashlib
import os
import re
import shutil
import sys
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "cli"))
from common import Checker, parse_args, run  # noqa: E402

try:
    import openpyxl
except ImportError:
    sys.exit(77)

OLD, NEW = "市人力社保局", "市人力资源和社会保障局"
CODED = ("区划", "单位", "人员")  # the sheets whose 编号 are codes


def errors(stderr):
    return [l for l in stderr.splitlines() if " 错误 " in l or ": error " in l]


def printed_text(path):
    """The text an output prints: each DOCX paragraph's runs joined, each XLSX cell."""
    if path.endswith(".docx"):
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml").decode("utf-8")
        paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, re.S)
        return "\n".join("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)) for p in paragraphs)
    wb = openpyxl.load_workbook(path)
    return "\n".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v)


def digests(folder):
    out = {}
    for d, _, names in os.walk(folder):
        for n in names:
            if n.startswith("."):
                continue  # the manifest
            p = os.path.join(d, n)
            with open(p, "rb") as f:
                out[os.path.relpath(p, folder)] = hashlib.sha256(f.read()).hexdigest()
    return out


def rename_cell(path, out, sheet, column, old, new):
    """Changes the one cell of `sheet` whose `column` holds `old`; returns its row."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    rows = [c.row for c in ws[column] if c.value == old]
    assert len(rows) == 1, f"{old} in {sheet}!{column}: {rows}"
    ws[f"{column}{rows[0]}"] = new
    wb.save(out)
    return rows[0]


def names_as_ids(path, out):
    """The workbook as bangfu wrote it before 编号 were codes: every code replaced
    by the name it stands for, in every sheet."""
    wb = openpyxl.load_workbook(path)
    name_of = {}
    for sheet in CODED:
        for code, name in wb[sheet].iter_rows(min_row=2, max_col=2, values_only=True):
            if code:
                name_of[code] = name
    for ws in wb.worksheets:
        if ws.title in ("填表说明", "示例"):
            continue
        for row in ws.iter_rows(min_row=2):
            for c in row:
                if isinstance(c.value, str) and c.value:
                    parts = re.split(r"(、)", c.value)
                    c.value = "".join(name_of.get(p, p) for p in parts)
    wb.save(out)
    return name_of


def main():
    a = parse_args()
    c = Checker()
    w = lambda name: os.path.join(a.work, name)  # noqa: E731
    scheme = os.path.join(a.source, "examples", "lishui-2019", "scheme.json")
    run([a.bangfu, "init", "-o", w("old.xlsx"), "--from", scheme])

    # The codes, and references by code.
    wb = openpyxl.load_workbook(w("old.xlsx"))
    units = {name: code for code, name in wb["单位"].iter_rows(min_row=2, max_col=2, values_only=True)}
    code = units[OLD]
    c.true(re.fullmatch(r"U\d{3}", code or ""), f"{OLD} has a unit code: {code}")
    members = [row[2] for row in wb["团组成员"].iter_rows(min_row=2, values_only=True)]
    c.true(code in members and OLD not in members, "团组成员 refers to the unit by its code")
    c.true(all(re.fullmatch(r"A\d{3}", v) for v, in wb["区划"].iter_rows(min_row=2, max_col=1, values_only=True)),
           "every area has a code")

    # One cell: the 名称.
    rename_cell(w("old.xlsx"), w("new.xlsx"), "单位", "B", OLD, NEW)
    r = run([a.bangfu, "check", w("new.xlsx")])
    c.eq(errors(r.stderr), [], "the renamed workbook checks without errors")
    for old in (w("old.xlsx"), scheme):
        r = run([a.bangfu, "diff", old, w("new.xlsx")])
        lines = [l for l in r.stdout.splitlines() if l.startswith("[")]
        c.eq(lines, [f"[单位] 更名：{OLD} → {NEW}"], f"diff {os.path.basename(old)}: one 更名 and nothing else")
    r = run([a.bangfu, "diff", scheme, w("old.xlsx")])
    c.true(not [l for l in r.stdout.splitlines() if l.startswith("[")],
           f"the workbook with codes and the JSON it came from say the same:\n{r.stdout}")

    # build rewrites exactly the outputs that print the name.
    proj = w("proj")
    os.makedirs(os.path.join(proj, "schemes"))
    shutil.copy(w("old.xlsx"), os.path.join(proj, "schemes", "lishui.xlsx"))
    with open(os.path.join(proj, "bangfu-project.json"), "w", encoding="utf-8") as f:
        f.write('{"bangfu": 1, "output": "out", "formats": ["docx", "xlsx"], "pattern": "{scheme}/{stem}.{ext}",'
                ' "schemes": [{"path": "schemes/lishui.xlsx", "plugin": "lishui"}]}')
    run([a.bangfu, "build", proj, "--jobs", "1"])
    out = os.path.join(proj, "out")
    before = digests(out)
    printing_old = {p for p in before if OLD in printed_text(os.path.join(out, p))}
    c.true(len(printing_old) >= 4, f"several outputs print {OLD}: {sorted(printing_old)}")
    c.true(len(printing_old) < len(before) / 2, f"most outputs do not print it ({len(printing_old)} of {len(before)})")
    shutil.copy(w("new.xlsx"), os.path.join(proj, "schemes", "lishui.xlsx"))
    r = run([a.bangfu, "build", proj, "--jobs", "1"])
    after = digests(out)
    written = {p for p, h in after.items() if before.get(p) != h}
    printing_new = {p for p in after if NEW in printed_text(os.path.join(out, p))}
    c.eq(sorted(written), sorted(printing_new), "the files written are exactly those that print the new name")
    c.true(not any(OLD in printed_text(os.path.join(out, p)) for p in after), "the old name is printed nowhere")
    gone = set(before) - set(after)
    c.eq(sorted(gone), sorted(p for p in printing_old if os.path.basename(p).startswith(OLD)),
         "only the renamed unit's own documents (named after it) are gone")
    summary = re.search(r"重建 (\d+)，内容未变 (\d+)，跳过 (\d+)", r.stdout + r.stderr)
    c.true(summary and int(summary.group(3)) == len(after) - int(summary.group(1)) - int(summary.group(2)) and
           int(summary.group(3)) > len(written), f"the others are skipped:\n{(r.stdout + r.stderr)[-300:]}")

    # An older workbook: 编号 are the names. It reads as before, and a 名称 cell is a rename.
    name_of = names_as_ids(w("old.xlsx"), w("legacy.xlsx"))
    c.true(name_of.get(code) == OLD, "the legacy workbook names the unit by its name")
    r = run([a.bangfu, "check", w("legacy.xlsx")])
    c.eq(errors(r.stderr), [], "an older workbook still checks")
    r = run([a.bangfu, "diff", scheme, w("legacy.xlsx")])
    c.true(not [l for l in r.stdout.splitlines() if l.startswith("[")], f"and says what the JSON says:\n{r.stdout}")
    rename_cell(w("legacy.xlsx"), w("legacy-named.xlsx"), "单位", "B", OLD, NEW)
    r = run([a.bangfu, "check", w("legacy-named.xlsx")])
    c.eq(errors(r.stderr), [], "renaming the 名称 of an older workbook checks")
    r = run([a.bangfu, "diff", w("legacy.xlsx"), w("legacy-named.xlsx")])
    c.eq([l for l in r.stdout.splitlines() if l.startswith("[")], [f"[单位] 更名：{OLD} → {NEW}"], "and is a 更名")

    # Typing names where codes are: accepted (the reader resolves a unique name).
    wb = openpyxl.load_workbook(w("old.xlsx"))
    ws = wb["团组成员"]
    for row in ws.iter_rows(min_row=2):
        if row[2].value == code:
            row[2].value = OLD
    wb.save(w("typed-name.xlsx"))
    r = run([a.bangfu, "diff", w("old.xlsx"), w("typed-name.xlsx")])
    c.eq(errors(r.stderr), [], "a unit typed by its name where a code was is read as that unit")
    c.true(not [l for l in r.stdout.splitlines() if l.startswith("[")], f"no change:\n{r.stdout}")

    # An older workbook where the clerk changed both the 编号 and the 名称 (they looked alike).
    wb = openpyxl.load_workbook(w("legacy.xlsx"))
    ws = wb["单位"]
    row = [c_.row for c_ in ws["A"] if c_.value == OLD][0]
    ws[f"A{row}"] = NEW
    ws[f"B{row}"] = NEW
    wb.save(w("legacy-both.xlsx"))
    r = run([a.bangfu, "check", w("legacy-both.xlsx")], expect=1)
    errs = [e for e in errors(r.stderr) if "ref.unknown-unit" in e]
    c.true(errs, f"the references to the old name are errors:\n{r.stderr}")
    c.true(all(f"单位!A{row}" in e and "更名" in e and f"改为“{NEW}”" in e for e in errs),
           f"each names the renamed row and the rename:\n{r.stderr}")
    c.true(f"登记“{OLD}”" not in r.stderr, f"never: register the old name again:\n{r.stderr}")
    r = run([a.bangfu, "check", w("legacy-both.xlsx")], expect=1, env={"LANG": "en_US.UTF-8"})
    c.true("renamed" in r.stderr and "register" not in r.stderr.split("renamed")[0][-80:],
           f"English says the same:\n{r.stderr}")
    c.finish("rename in one cell")


main()
