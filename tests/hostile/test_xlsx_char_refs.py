"""Character references to control characters inside XLSX parts (issue 15): `&#0;`
(or `&#x0000;`) in a shared string, an inline string or a value used to end the cell
there in silence (pugixml writes the NUL into the text it decodes in place). Each is
now io.control-char at file:sheet!cell naming U+0000 and the text before it, with the
fix, exit 1, nothing written; in Chinese by default and English under LANG=en_*.
Workbooks are written here part by part, as a hostile or broken program would.
Run by ctest as py.hostile.test_xlsx_char_refs."""
import os
import re
import sys
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
from common import Checker, parse_args, run  # noqa: E402

ZH = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
EN = {"LANG": "en_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
LINE = re.compile(r"^(?P<place>.*?): (?:错误|警告|error|warning) (?P<code>[a-z0-9.\-]+): (?P<msg>.*)$")
CJK = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]")
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def workbook(path, cells, shared=None, sheet_name="数据"):
    """A minimal SpreadsheetML package: `cells` is [(ref, attributes and content of <c>)]."""
    rows = {}
    for ref, xml in cells:
        rows.setdefault(int(re.sub(r"[A-Z]", "", ref)), []).append(f'<c r="{ref}"{xml}</c>')
    data = "".join(f'<row r="{r}">{"".join(rows[r])}</row>' for r in sorted(rows))
    shared_rel = (f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
                  if shared is not None else "")
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml":
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{REL}"><sheets>'
            f'<sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" '
            f'Target="worksheets/sheet1.xml"/>{shared_rel}</Relationships>',
        "xl/worksheets/sheet1.xml":
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>{data}</sheetData></worksheet>',
    }
    if shared is not None:
        parts["xl/sharedStrings.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}">' +
                                         "".join(f"<si>{s}</si>" for s in shared) + "</sst>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text.encode("utf-8"))


def inline(text):
    return f' t="inlineStr"><is><t>{text}</t></is>'


HEADER = [("A1", inline("单位")), ("B1", inline("组数"))]


class Cases:
    def __init__(self, a):
        self.a = a
        self.c = Checker()

    def table(self, name, cells, shared=None, sheet_name="数据", env=ZH):
        book = os.path.join(self.a.work, name + ".xlsx")
        workbook(book, cells, shared, sheet_name)
        out = os.path.join(self.a.work, name + ".docx")
        r = run([self.a.bangfu, "table", book, "-o", out], expect=None, env=env)
        diags = [(m.group("code"), m.group("place"), m.group("msg"))
                 for m in (LINE.match(l.strip()) for l in r.stderr.splitlines()) if m]
        return r, diags, out

    def refused(self, name, cells, place, before, shared=None, sheet_name="数据", char="U+0000"):
        for env, lang in ((ZH, "zh"), (EN, "en")):
            r, diags, out = self.table(f"{name}-{lang}", cells, shared, sheet_name, env)
            self.c.eq(r.returncode, 1, f"{name} ({lang}): exit code\n{r.stderr}")
            hits = [d for d in diags if d[0] == "io.control-char" and d[1].endswith(f"/{name}-{lang}.xlsx:{place}")]
            self.c.true(bool(hits), f"{name} ({lang}): io.control-char at {place}; got {diags}")
            self.c.true(not os.path.exists(out), f"{name} ({lang}): nothing written")
            if not hits:
                continue
            msg = hits[0][2]
            self.c.true(char in msg, f"{name} ({lang}): names {char}: {msg}")
            if before:
                self.c.true(before in msg, f"{name} ({lang}): names the text before it ({before}): {msg}")
            if lang == "zh":
                self.c.true("（建议：删除该字符" in msg, f"{name}: the fix in Chinese: {msg}")
            else:
                self.c.true("(hint: delete the character" in msg, f"{name}: the fix in English: {msg}")
                # English throughout: Chinese only inside the quoted cell text
                self.c.true(not CJK.search(re.sub(r'"[^"]*"', "", msg)), f"{name}: one language: {msg}")


def main():
    a = parse_args()
    t = Cases(a)
    # the brief's case: an inline string in B12
    t.refused("inline", HEADER + [("A12", inline("市财政局")), ("B12", inline("市教&#0;育局"))], "数据!B12", "市教")
    # a shared string, the NUL in its second run, written in hex
    t.refused("shared", [("A1", ' t="s"><v>0</v>'), ("B1", ' t="s"><v>1</v>'), ("A3", ' t="s"><v>2</v>')],
              "数据!A3", "市教育", shared=["<t>单位</t>", "<t>组数</t>", "<r><t>市教</t></r><r><t>育&#x0000;局</t></r>"])
    # zeros padded, in a number's value and in a formula's cached text
    t.refused("number", HEADER + [("A2", inline("市财政局")), ("B2", "><v>1&#00;2</v>")], "数据!B2", "1")
    t.refused("formula", HEADER + [("A2", ' t="str"><f>"市"&amp;"局"</f><v>市&#x0;局</v>')], "数据!A2", "市")
    # the cell is the one reported, not a neighbour sharing the string item
    t.refused("later", HEADER + [("A2", inline("市财政局")), ("A5", inline("&#0;"))], "数据!A5", "")
    # other control characters still decode and are reported at their cell
    t.refused("bell", HEADER + [("A4", inline("市教&#7;育局"))], "数据!A4", "市教", char="U+0007")
    t.refused("escape", HEADER + [("A4", inline("市教_x0000_育局"))], "数据!A4", "市教")

    # in a sheet name (an attribute of xl/workbook.xml): refused at that part
    r, diags, out = t.table("sheetname", HEADER, sheet_name="数&#0;据")
    t.c.eq(r.returncode, 1, f"a &#0; in a sheet name exits 1\n{r.stderr}")
    t.c.true(any(d[0] == "io.control-char" and "[xl/workbook.xml]" in d[1] and "U+0000" in d[2] for d in diags),
             f"located at the workbook part: {diags}")

    # a line break written as &#10; stays allowed; an unused shared string is never shown
    r, diags, out = t.table("allowed", [("A1", ' t="s"><v>0</v>'), ("B1", ' t="s"><v>1</v>'),
                                        ("A2", inline("市教&#10;育局")), ("B2", "><v>2</v>")],
                            shared=["<t>单位</t>", "<t>组数</t>", "<t>未用&#0;</t>"])
    t.c.eq(r.returncode, 0, f"&#10; in a cell and &#0; in an unused string item are not errors\n{r.stderr}")
    t.c.true(os.path.exists(out), "the table is written")

    # the input workbook of `bangfu init`, through check and render
    wbook = os.path.join(a.work, "input.xlsx")
    run([a.bangfu, "init", "-o", wbook, "--from", os.path.join(a.source, "examples", "lishui-2019", "scheme.json")],
        env=ZH)
    title = "关于做好新一轮扶贫结对帮扶工作的通知".encode("utf-8")
    bad = os.path.join(a.work, "input-nul.xlsx")
    found = False
    with zipfile.ZipFile(wbook) as zin, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if title in data:
                found = True
                data = data.replace(title, "关于做好新一轮扶贫&#0;结对帮扶工作的通知".encode("utf-8"))
            zout.writestr(item, data)
    t.c.true(found, "the workbook's title string was found to patch")
    r = run([a.bangfu, "check", bad], expect=None, env=ZH)
    t.c.eq(r.returncode, 1, f"check of the input workbook with &#0; exits 1\n{r.stderr}")
    t.c.true(re.search(r"input-nul\.xlsx:[^!\s]+![A-Z]+\d+: 错误 io\.control-char: .*U\+0000.*扶贫", r.stderr)
             is not None, f"located at sheet!cell with the text before it\n{r.stderr}")
    out = os.path.join(a.work, "input-nul-out")
    r = run([a.bangfu, "render", bad, "-o", out], expect=None, env=ZH)
    t.c.eq(r.returncode, 1, f"render refuses it\n{r.stderr}")
    t.c.true(not os.path.exists(out) or not os.listdir(out), "render wrote nothing")
    t.c.finish("XLSX character references")


if __name__ == "__main__":
    main()
