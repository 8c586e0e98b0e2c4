"""Hostile and careless input (issue 15 items 4, 7, 8, 9): each case asserts the exit
code, the diagnostic code and its place, and that `check` reports what `render`
would refuse. Run by ctest as py.hostile.test_input."""
import copy
import json
import os
import re
import shutil
import sys
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
from common import Checker, parse_args, run, small_scheme  # noqa: E402

ZH = {"LANG": "zh_CN.UTF-8", "LC_ALL": ""}
LINE = re.compile(r"^(?P<place>.*?): (?:错误|警告|error|warning) (?P<code>[a-z0-9.\-]+): (?P<msg>.*)$")

BASE = small_scheme(plugin="", name="hostile")


def diagnostics(stderr):
    out = []
    for line in stderr.splitlines():
        m = LINE.match(line.strip())
        if m:
            out.append((m.group("code"), m.group("place"), m.group("msg")))
    return out


class Cases:
    def __init__(self, args):
        self.a = args
        self.c = Checker()
        self.n = 0

    def scheme(self, mutate=None, text=None, name=None):
        self.n += 1
        path = os.path.join(self.a.work, name or f"case{self.n}.json")
        if text is None:
            s = copy.deepcopy(BASE)
            if mutate:
                mutate(s)
            text = json.dumps(s, ensure_ascii=False, indent=1)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def check(self, path, expect, *extra, env=None):
        r = run([self.a.bangfu, "check", path, *extra], expect=None, env=env or ZH)
        self.c.eq(r.returncode, expect, f"check {os.path.basename(path)} exit code\n{r.stderr}")
        return diagnostics(r.stderr), r

    def has(self, diags, code, place_part, what):
        hits = [d for d in diags if d[0] == code and place_part in d[1]]
        self.c.true(bool(hits), f"{what}: no {code} at …{place_part}; got {diags}")
        return hits[0] if hits else None


def counts(t):
    def set_member(text, also_unknown=False):
        def m(s):
            s["teams"][0]["members"] = [text] + (["市不存在局"] if also_unknown else [])
        return m

    for text, label in (("市教育局（99999999999999999999个）", "twenty digits"),
                        ("市教育局（0个）", "zero"),
                        ("市教育局（2147483647个）", "INT_MAX"),
                        ("市教育局(1000)", "1000, half-width")):
        diags, r = t.check(t.scheme(set_member(text, also_unknown=True)), 1)
        t.c.true("stoi" not in r.stderr, f"{label}: no std::stoi text")
        t.has(diags, "member.bad-count", "[teams[0].members[0]]", label)
        # check carries on: the next member's problem is reported too
        t.has(diags, "ref.unknown-unit", "[teams[0].members[1]]", f"{label}: later problems still reported")
    diags, _ = t.check(t.scheme(set_member("市教育局（999个）")), 0)
    t.c.eq([d for d in diags if d[0] == "member.bad-count"], [], "999 is allowed")
    # the object form has the same bound
    diags, _ = t.check(t.scheme(lambda s: s["teams"][0]["members"].append(
        {"units": ["市教育局"], "multiplicity": 2147483647})), 1)
    t.has(diags, "member.bad-count", "[teams[0].members[2].multiplicity]", "object form INT_MAX")


def build_goes_on(t):
    """A scheme with a bad count fails alone; build renders the project's other schemes."""
    proj = os.path.join(t.a.work, "project")
    shutil.rmtree(proj, ignore_errors=True)
    os.makedirs(os.path.join(proj, "schemes"))
    with open(os.path.join(t.a.source, "examples", "lishui-2019", "scheme.json"), encoding="utf-8") as f:
        bad = json.load(f)
    good = copy.deepcopy(bad)
    good["name"] = "good"
    with open(os.path.join(proj, "schemes", "good.json"), "w", encoding="utf-8") as f:
        json.dump(good, f, ensure_ascii=False)
    bad["name"] = "bad"
    bad["teams"][0]["members"][0] = "市教育局（99999999999999999999个）"
    with open(os.path.join(proj, "schemes", "bad.json"), "w", encoding="utf-8") as f:
        json.dump(bad, f, ensure_ascii=False)
    with open(os.path.join(proj, "bangfu-project.json"), "w", encoding="utf-8") as f:
        json.dump({"bangfu": 1, "output": "out", "formats": ["docx"], "pattern": "{scheme}/{stem}.{ext}",
                   "schemes": [{"path": "schemes/bad.json", "plugin": "lishui"},
                               {"path": "schemes/good.json", "plugin": "lishui"}]}, f)
    # a project file with a key twice: refused, located, nothing built
    dup = os.path.join(t.a.work, "dup-project")
    shutil.rmtree(dup, ignore_errors=True)
    os.makedirs(dup)
    with open(os.path.join(dup, "bangfu-project.json"), "w", encoding="utf-8") as f:
        f.write('{"bangfu": 1,\n "output": "out",\n "schemes": [],\n "output": "elsewhere"}\n')
    r = run([t.a.bangfu, "build", dup], expect=None, env=ZH)
    t.c.eq(r.returncode, 1, f"project with a duplicate key exits 1\n{r.stderr}")
    t.has(diagnostics(r.stderr), "json.duplicate-key", "bangfu-project.json:4:2 [output]", "project duplicate key")
    t.c.true(not os.path.exists(os.path.join(dup, "out")) and not os.path.exists(os.path.join(dup, "elsewhere")),
             "nothing built for a project with a duplicate key")

    r = run([t.a.bangfu, "build", proj], expect=None, env=ZH)
    t.c.eq(r.returncode, 1, f"build with one bad scheme exits 1\n{r.stderr}")
    t.c.true("member.bad-count" in r.stderr, f"build names the bad count\n{r.stderr}")
    written = []
    for root, _, files in os.walk(os.path.join(proj, "out")):
        written += [os.path.relpath(os.path.join(root, f), proj) for f in files if f.endswith(".docx")]
    t.c.true(any(w.startswith("out/good/") for w in written), f"the good scheme is built: {written}")
    t.c.true(not any(w.startswith("out/bad/") for w in written), f"nothing of the bad scheme: {written}")


def silent_acceptances(t):
    # duplicate JSON key: Poco keeps the last, so the second "plugin" would win
    text = '{\n  "bangfu": 1,\n  "plugin": "lishui",\n  "name": "x",\n  "plugin": "suzhou"\n}\n'
    diags, _ = t.check(t.scheme(text=text), 1, "--plugin", "lishui")
    hit = t.has(diags, "json.duplicate-key", ":5:3 [plugin]", "duplicate top-level key at line 5 col 3")
    nested = json.dumps(BASE, ensure_ascii=False).replace('"level": "county"}', '"level": "county", "level": "town"}', 1)
    t.c.true('"level": "town"' in nested, "the nested duplicate was planted")
    diags, _ = t.check(t.scheme(text=nested), 1)
    t.has(diags, "json.duplicate-key", "[areas[0].level]", "nested duplicate key with its JSON path")

    def self_parent(s):
        s["areas"][0]["parent"] = "莲都区"
    diags, _ = t.check(t.scheme(self_parent), 1)
    t.has(diags, "area.self-parent", "[areas[0].parent]", "self parent")

    def cycle(s):
        s["areas"][0]["parent"] = "青田县"
        s["areas"][1]["parent"] = "莲都区"
    diags, _ = t.check(t.scheme(cycle), 1)
    hits = [d for d in diags if d[0] == "area.parent-cycle"]
    t.c.eq(len(hits), 1, f"one report per cycle: {diags}")
    t.has(diags, "area.parent-cycle", "[areas[0].parent]", "cycle at its first area")

    def dup_appendix(s):
        s["notice"]["appendices"] = [{"id": "leaders"}, {"id": "teams"}, {"id": "leaders"}]
    diags, _ = t.check(t.scheme(dup_appendix), 1)
    t.has(diags, "notice.duplicate-appendix", "[notice.appendices[2].id]", "duplicate appendix id")

    def unit_twice(s):
        s["teams"][0]["members"] = ["市教育局", "中国人民银行(丽水)", "市教育局"]
    diags, _ = t.check(t.scheme(unit_twice), 1)
    t.has(diags, "team.duplicate-unit", "[teams[0].members[2]]", "unit twice in a team")

    def empty_helper(s):
        s["pairings"].append({"kind": "leader-area", "helper": {"kind": "person", "ref": ""},
                              "target": {"kind": "area", "ref": "青田县"}})
    diags, _ = t.check(t.scheme(empty_helper), 1)
    t.has(diags, "field.required", "[pairings[1].helper.ref]", "empty pairing helper")

    def gap_with_note(s):
        s["pairings"].append({"kind": "enterprise-support", "helper": {"kind": "unit", "ref": ""},
                              "target": {"kind": "area", "ref": "青田县"}, "note": "缺口：结对企业尚未落实"})
    diags, _ = t.check(t.scheme(gap_with_note), 0)
    t.c.eq([d for d in diags if d[0] == "field.required"], [], "a recorded gap (note) is not an error")

    def dup_pairing(s):
        s["pairings"].append(copy.deepcopy(s["pairings"][0]))
    diags, _ = t.check(t.scheme(dup_pairing), 1)
    t.has(diags, "pairing.duplicate", "[pairings[1]]", "duplicated pairing")

    # an appendix the plugin does not have: check reports what render refuses
    with open(os.path.join(t.a.source, "examples", "lishui-2019", "scheme.json"), encoding="utf-8") as f:
        lishui = json.load(f)
    lishui["notice"]["appendices"][1]["id"] = "teamz"
    path = t.scheme(text=json.dumps(lishui, ensure_ascii=False))
    diags, _ = t.check(path, 1)
    hit = t.has(diags, "notice.unknown-appendix", "[notice.appendices[1].id]", "check: unknown appendix")
    if hit:
        t.c.true("改为“teams”" in hit[2] or "teams" in hit[2], f"suggests the plugin's id: {hit}")
    out = os.path.join(t.a.work, "unknown-appendix-out")
    r = run([t.a.bangfu, "render", path, "-o", out], expect=None, env=ZH)
    t.c.eq(r.returncode, 1, "render refuses the same scheme")
    t.c.true("notice.unknown-appendix" in r.stderr, "render names the same code")
    t.c.true(not os.path.exists(out) or not os.listdir(out), "render wrote nothing")


def control_characters(t):
    for raw, label in (("\\u0000", "NUL escaped"), ("\\u0007", "BEL escaped"), ("\x7f", "DEL raw"),
                       ("\u0085", "C1 NEL raw")):
        text = json.dumps(BASE, ensure_ascii=False, indent=1).replace('"测试通知"', '"测试' + raw + '通知"')
        diags, _ = t.check(t.scheme(text=text), 1)
        t.has(diags, "io.control-char", "[notice.title]", f"JSON title with {label}")
        line = [d for d in diags if d[0] == "io.control-char"]
        if line:
            t.c.true(re.search(r"\.json:\d+:\d+ \[", line[0][1]) is not None, f"file:line:col: {line[0]}")
    # a control character in a name, found by check, refused by render
    text = json.dumps(BASE, ensure_ascii=False, indent=1).replace('"王峰"', '"王\\u0000峰"')
    diags, _ = t.check(t.scheme(text=text), 1)
    t.has(diags, "io.control-char", "[people[1]]", "NUL in a person's name")
    # tab and newline stay allowed in text values
    text = json.dumps(BASE, ensure_ascii=False, indent=1).replace('"测试通知"', '"测试\\n通知"')
    diags, _ = t.check(t.scheme(text=text), 0)
    t.c.eq([d for d in diags if d[0] == "io.control-char"], [], "a line break in a title is allowed")

    # CSV for `bangfu table`
    csv = os.path.join(t.a.work, "ctrl.csv")
    with open(csv, "wb") as f:
        f.write("单位,组数\n市财政局,1\n市教\x00育局,2\n".encode("utf-8"))
    r = run([t.a.bangfu, "table", csv, "-o", os.path.join(t.a.work, "ctrl.docx")], expect=None, env=ZH)
    t.c.eq(r.returncode, 1, f"table with a NUL in a CSV cell exits 1\n{r.stderr}")
    t.has(diagnostics(r.stderr), "io.control-char", "ctrl.csv:3:1", "CSV control char at line 3, field 1")
    t.c.true(not os.path.exists(os.path.join(t.a.work, "ctrl.docx")), "nothing written for the CSV")

    # JSON data for `bangfu table`: the same rule, located
    tjson = os.path.join(t.a.work, "ctrl-table.json")
    with open(tjson, "w", encoding="utf-8") as f:
        f.write('{"title": "表", "rows": [["单位", "组数"], ["市\\u0000教育局", 2]]}')
    r = run([t.a.bangfu, "table", tjson, "-o", os.path.join(t.a.work, "ctrl3.docx")], expect=None, env=ZH)
    t.c.eq(r.returncode, 1, f"table with a NUL in JSON data exits 1\n{r.stderr}")
    t.has(diagnostics(r.stderr), "io.control-char", "ctrl-table.json:1:", "JSON table data control char")

    # XLSX data for `bangfu table`: a cell with &#1; in its shared string
    try:
        import openpyxl
    except ImportError:
        print("openpyxl missing: XLSX control-character cases skipped")
        return
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据"
    ws.append(["单位", "组数"])
    ws.append(["市财政局", 1])
    ws.append(["CTRLMARK", 2])
    plain = os.path.join(t.a.work, "plain.xlsx")
    wb.save(plain)
    bad = os.path.join(t.a.work, "ctrl.xlsx")
    patch_zip(plain, bad, b"CTRLMARK", "市教&#1;育局".encode("utf-8"))
    r = run([t.a.bangfu, "table", bad, "-o", os.path.join(t.a.work, "ctrl2.docx")], expect=None, env=ZH)
    t.c.eq(r.returncode, 1, f"table with a control char in an XLSX cell exits 1\n{r.stderr}")
    t.has(diagnostics(r.stderr), "io.control-char", "ctrl.xlsx:数据!A3", "XLSX control char at 数据!A3")

    # the input workbook of `bangfu init`
    wbook = os.path.join(t.a.work, "input.xlsx")
    run([t.a.bangfu, "init", "-o", wbook, "--from", os.path.join(t.a.source, "examples", "lishui-2019", "scheme.json")],
        env=ZH)
    title = "关于做好新一轮扶贫结对帮扶工作的通知".encode("utf-8")
    badbook = os.path.join(t.a.work, "input-ctrl.xlsx")
    if patch_zip(wbook, badbook, title, "关于做好新一轮扶贫&#1;结对帮扶工作的通知".encode("utf-8")):
        diags, _ = t.check(badbook, 1)
        hit = t.has(diags, "io.control-char", "input-ctrl.xlsx:", "input workbook control char")
        if hit:
            t.c.true(re.search(r"xlsx:[^!]+![A-Z]+\d+", hit[1]) is not None, f"located at sheet!cell: {hit}")
    else:
        t.c.true(False, "the workbook's title string was not found to patch")


def patch_zip(src, dst, old, new):
    found = False
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if old in data:
                found = True
                data = data.replace(old, new)
            zout.writestr(item, data)
    return found


def messages_and_exit_codes(t):
    data = os.path.join(t.a.work, "data.ods")
    with open(data, "w") as f:
        f.write("x")
    r = run([t.a.bangfu, "table", data, "-o", os.path.join(t.a.work, "t.docx")], expect=None, env=ZH)
    t.c.eq(r.returncode, 2, f"table with an unknown data extension exits 2\n{r.stderr}")
    notplugin = os.path.join(t.a.work, "bangfu-fake.so")
    with open(notplugin, "w") as f:
        f.write("not an ELF file\n")
    path = t.scheme()
    r = run([t.a.bangfu, "check", path, "--plugin", notplugin], expect=None, env=ZH)
    t.c.eq(r.returncode, 2, f"--plugin with a file that is not a plugin exits 2\n{r.stderr}")
    t.c.true(notplugin in r.stderr, "the message names the file")
    r = run([t.a.bangfu, "render", path, "--plugin", notplugin, "-o", os.path.join(t.a.work, "np")], expect=None, env=ZH)
    t.c.eq(r.returncode, 2, "render --plugin with a file that is not a plugin exits 2")

    # 中国人民银行(丽水) typed as registered resolves: no suggestion of the user's own text
    diags, r = t.check(t.scheme(), 0)
    t.c.true("改为“中国人民银行(丽水)”" not in r.stderr, f"no suggestion repeating the user's text\n{r.stderr}")
    t.c.eq([d for d in diags if d[0].startswith("ref.")], [], "the half-width-bracket unit resolves")

    # registered full-width, typed half-width: the registered form is suggested
    def full_width(s):
        s["units"][2] = "中国人民银行（丽水）"
    diags, _ = t.check(t.scheme(full_width), 1)
    hit = t.has(diags, "ref.unknown-unit", "[teams[0].members[1]]", "half-width against full-width")
    if hit:
        t.c.true("中国人民银行（丽水）" in hit[2] and "改为“中国人民银行(丽水)”" not in hit[2],
                 f"suggests the registered form: {hit}")

    # a unit registered with a trailing space: reported at units[1], not at the member
    def trailing(s):
        s["units"][1] = "市教育局 "
    diags, _ = t.check(t.scheme(trailing), 1)
    hit = t.has(diags, "name.space", "[units[1]]", "trailing space at the unit's own place")
    if hit:
        t.c.true("改为“市教育局”" in hit[2], f"fix without the space: {hit}")
    t.c.eq([d for d in diags if "members" in d[1]], [], f"nothing pointed at the member: {diags}")

    # 李 红: a registered name with an inner space
    def inner(s):
        s["people"][0] = "李 红"
        s["pairings"][0]["helper"]["ref"] = "李红"
    diags, r = t.check(t.scheme(inner), 1)
    hit = t.has(diags, "person.name-space", "[people[0].name]", "人名中有空格 at the person")
    if hit:
        t.c.true("人名中有空格" in hit[2] and "改为“李红”" in hit[2], f"registered name as the fix: {hit}")
    t.c.true("改为“李 红”" not in r.stderr, "never suggests the spaced form")

    # 李 红 typed in a reference, 李红 registered
    def typed(s):
        s["pairings"][0]["helper"]["ref"] = "李 红"
    diags, _ = t.check(t.scheme(typed), 1)
    hit = t.has(diags, "person.name-space", "[pairings[0].helper]", "人名中有空格 at the reference")
    if hit:
        t.c.true("改为“李红”" in hit[2], f"fix is the registered name: {hit}")


def main():
    a = parse_args()
    t = Cases(a)
    counts(t)
    build_goes_on(t)
    silent_acceptances(t)
    control_characters(t)
    messages_and_exit_codes(t)
    t.c.finish("hostile input")


if __name__ == "__main__":
    main()
