"""One language a locale (issue 15 item 9, issue 18 item 8): a broad set of bad
inputs runs through every command twice, under LANG=en_US.UTF-8 and under the
default (Chinese) locale, and stderr is judged line by line:

- English: no CJK character outside quoted user data. What counts as user data is
  the place of a diagnostic (`file:sheet!B12 [field]`), text in quotes ('…', "…",
  “…”) and file paths; everything else is bangfu's own text and must be English.
- Chinese: every line says something in Chinese (a line that is only a path or
  quoted data counts as Chinese too: it carries no words of bangfu's own).
- The two runs print the same diagnostics in the same order; a Chinese line with a
  fix (（建议：…）) has an English hint ((hint: …)) and the other way round, so an
  English hint dropped for want of a translation is found as well.

A failure lists every offending line. Run by ctest as py.hostile.test_one_language."""
import copy
import json
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
from common import Checker, parse_args, run, small_scheme  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from must_run import not_checked  # noqa: E402

ZH = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
EN = {"LANG": "en_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}

# CJK ideographs, radicals, CJK punctuation and symbols, kana, full-width forms.
CJK = re.compile(r"[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
DIAG = re.compile(r"^(?P<place>.*?): (?P<sev>错误|警告|已确认|error|warning|acknowledged) "
                  r"(?P<code>[a-z0-9][a-z0-9.\-]*): (?P<msg>.*)$")
# Quoted user data: “…”, "…", and '…' opened after a non-letter and closed before one
# (so the apostrophe of "sheet's" opens nothing).
QUOTED = [re.compile(r"“[^”]*”"), re.compile(r'"[^"]*"'), re.compile(r"(?<![A-Za-z])'[^']*'(?![A-Za-z])"),
          re.compile(r"‘[^’]*’"), re.compile(r"「[^」]*」")]
# A path ends at a space or at Chinese punctuation after it (`x.json：未发现问题`).
PATH = re.compile(r"[^\s：，。；（）]*/[^\s：，。；（）]*|[^\s：，。；（）]+\.(?:json|xlsx|xlsm|csv|docx|pdf|txt|so|ods)\b")
IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Three lower-case English words in a row outside quotes: a sentence, not a command,
# an option or a proper name (Noto Serif CJK SC).
ENGLISH_PHRASE = re.compile(r"(?<![-\w.])[a-z]{2,}(?: [a-z]{2,}){2,}(?![\w.])")
# A command's synopsis (usage lines, the command list): one text in both locales,
# pinned to the README (tests/cli/test_help.py), so not judged here.
SYNOPSIS = re.compile(r"^\s*(?:usage: |用法：)?bangfu (?:[a-z][a-z-]*|--version)(?: .*)?$")
HINT_ZH = "（建议："
HINT_EN = " (hint: "


def unquoted(text):
    for q in QUOTED:
        text = q.sub("''", text)
    return PATH.sub("", text)


def own_text(line):
    """The part of a stderr line that is bangfu's own words: place, quotes and paths removed."""
    m = DIAG.match(line)
    if m:
        line = m.group("sev") + " " + m.group("msg")
    return unquoted(line)


def offending_english(line):
    return not SYNOPSIS.match(line) and CJK.search(own_text(line)) is not None


def offending_chinese(line):
    if SYNOPSIS.match(line):
        return False
    body = own_text(line).strip()
    if not re.search(r"[A-Za-z]{2,}", body):
        return False  # a count, a path or quoted data alone: no words of bangfu's own
    m = DIAG.match(line)
    if m and m.group("sev") not in ("错误", "警告", "已确认"):
        return True
    # a Chinese line with an English sentence in it speaks two languages
    return IDEOGRAPH.search(body) is None or ENGLISH_PHRASE.search(body) is not None


BASE = small_scheme(plugin="lishui", name="语言测试")


class Cases:
    def __init__(self, a):
        self.a = a
        self.work = a.work
        self.cases = []  # (label, argv, extra env, setup run before each locale's run)
        self.lishui = os.path.join(a.source, "examples", "lishui-2019", "scheme.json")

    def path(self, name):
        return os.path.join(self.work, name)

    def write(self, name, data, binary=False):
        p = self.path(name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as f:
            f.write(data)
        return p

    def scheme(self, name, mutate=None, text=None):
        if text is None:
            s = copy.deepcopy(BASE)
            if mutate:
                mutate(s)
            text = json.dumps(s, ensure_ascii=False, indent=1)
        return self.write(name, text)

    def add(self, label, *argv, env=None, setup=None):
        self.cases.append((label, [str(x) for x in argv], env or {}, setup))

    def out(self, label):
        return self.path("out-" + re.sub(r"[^A-Za-z0-9]+", "-", label))


def json_schemes(t):
    """Bad JSON schemes: every kind of reader and validator finding."""
    def mutations():
        yield "unknown-refs", lambda s: (s["teams"][0]["members"].append("市教育厅"),
                                         s["pairings"][0]["helper"].update(ref="李宏"),
                                         s["teams"][0].update(target="莲都县"))
        yield "bad-count", lambda s: s["teams"][0]["members"].append("市教育局（99999999999999999999个）")
        yield "zero-count", lambda s: s["teams"][0]["members"].append("市财政局（0个）")
        yield "cycle", lambda s: (s["areas"][0].update(parent="青田县"), s["areas"][1].update(parent="莲都区"))
        yield "self-parent", lambda s: s["areas"][0].update(parent="莲都区")
        yield "dup-appendix", lambda s: s["notice"].update(appendices=[{"id": "leaders"}, {"id": "leaders"}])
        yield "unknown-appendix", lambda s: s["notice"].update(appendices=[{"id": "teamz"}])
        yield "unit-twice", lambda s: s["teams"][0]["members"].append("市教育局")
        yield "empty-helper", lambda s: s["pairings"].append(
            {"kind": "leader-area", "helper": {"kind": "person", "ref": ""}, "target": {"kind": "area", "ref": "青田县"}})
        yield "dup-pairing", lambda s: s["pairings"].append(copy.deepcopy(s["pairings"][0]))
        yield "spaces", lambda s: (s["people"].__setitem__(0, "李 红"), s["units"].__setitem__(1, "市教育局 "),
                                   s["pairings"][0]["helper"].update(ref="李 红"))
        yield "full-width", lambda s: s["units"].__setitem__(2, "中国人民银行（丽水）")
        yield "lookalike", lambda s: s["units"].append("丽水巿民政局")
        yield "unknown-field", lambda s: s.update(notise={"title": "x"}, teems=[])
        yield "wrong-types", lambda s: (s.update(bangfu="1"), s["notice"].update(date=20190530),
                                        s["areas"][0].update(level="township"), s.update(people="李红"))
        yield "wrong-version", lambda s: s.update(bangfu=9)
        yield "no-version", lambda s: s.pop("bangfu")
        yield "unknown-plugin", lambda s: s.update(plugin="lishiu")
        yield "unknown-kind", lambda s: s["pairings"][0].update(kind="leader-village")
        yield "stated", lambda s: s.update(stated={"teams": 5, "units": "三"})
        yield "empty", lambda s: [s.pop(k) for k in ("areas", "units", "people", "teams", "pairings")]
    for name, mutate in mutations():
        p = t.scheme(f"{name}.json", mutate)
        t.add(f"check {name}", "check", p)
        t.add(f"render {name}", "render", p, "--out", t.out(name))
    texts = {
        "syntax": '{"bangfu": 1, "plugin": "lishui",\n "name": "x" "notice": {}}\n',
        "dup-key": '{\n "bangfu": 1,\n "plugin": "lishui",\n "name": "x",\n "plugin": "suzhou"\n}\n',
        "control": json.dumps(BASE, ensure_ascii=False).replace("测试通知", "测试\\u0007通知"),
        "not-object": "[1, 2, 3]\n",
        "empty-file": "",
    }
    for name, text in texts.items():
        p = t.scheme(f"{name}.json", text=text)
        t.add(f"check {name}", "check", p)
    p = t.write("latin1.json", '{"bangfu": 1, "name": "caf\xe9"}'.encode("latin-1"), binary=True)
    t.add("check not-utf8", "check", p)
    t.add("check missing file", "check", t.path("没有这个文件.json"))
    t.add("check unknown type", "check", t.write("scheme.txt", "x"))
    t.add("check folder", "check", t.work)
    # diff with bad sides
    t.add("diff bad sides", "diff", t.path("syntax.json"), t.path("unknown-refs.json"))
    t.add("diff missing", "diff", t.lishui, t.path("没有.json"), "-o", t.path("d.docx"))
    t.add("diff bad output", "diff", t.lishui, t.lishui, "-o", t.path("d.txt"))


def workbooks(t):
    """Bad workbooks: the hostile zip fixtures, table sheets, and a clerk's input workbook gone wrong."""
    hostile = os.path.join(t.a.source, "tests", "fixtures", "io", "hostile")
    for name in sorted(os.listdir(hostile)):
        p = os.path.join(hostile, name)
        t.add(f"check {name}", "check", p)
        t.add(f"table {name}", "table", p, "-o", t.path("t.docx"))
    sheets = os.path.join(t.a.source, "tests", "fixtures", "sheets")
    for name in sorted(os.listdir(sheets)):
        if name.endswith((".xlsx", ".xlsm")):
            p = os.path.join(sheets, name)
            t.add(f"table {name}", "table", p, "-o", t.path("t.xlsx"), "--total", "组数", "--total", "人数")
    t.add("table missing sheet", "table", os.path.join(sheets, "totals.xlsx"), "--sheet", "数据表", "-o",
          t.path("t.docx"))
    t.add("table header row", "table", os.path.join(sheets, "totals.xlsx"), "--header-row", "99", "-o",
          t.path("t.docx"))
    io = os.path.join(t.a.source, "tests", "fixtures", "io")
    for name in ("undecodable.csv", "unclosed_quote.csv", "gbk.csv"):
        t.add(f"table {name}", "table", os.path.join(io, name), "-o", t.path("t.docx"), "--total", "金额")
    t.add("table ragged csv", "table", t.write("ragged.csv", "单位,组数\n市财政局,1,3\n市教育局\n"), "-o",
          t.path("t.docx"), "--total", "组数")
    t.add("table text number", "table", t.write("number.csv", "单位,组数\n市财政局,2个\n"), "-o", t.path("t.docx"),
          "--total", "组数")
    t.add("table bad json", "table", t.write("table.json", '{"rows": 3}'), "-o", t.path("t.docx"))
    t.add("table bad notes", "table", t.write("ok.csv", "单位,组数\n市财政局,1\n"), "-o", t.path("t.docx"),
          "--notes", t.path("没有说明.txt"))
    t.add("table unknown ext", "table", t.write("data.ods", "x"), "-o", t.path("t.docx"))
    t.add("table bad out", "table", t.path("ok.csv"), "-o", t.path("t.odt"))

    # An input workbook as a clerk gets it wrong.
    try:
        import openpyxl
    except ImportError:
        not_checked("python3-openpyxl missing: the input-workbook cases did not run",
                    lambda message: sys.exit(f"FAIL: {message}"))
        return
    book = t.path("input.xlsx")
    run([t.a.bangfu, "init", "-o", book, "--from", t.lishui], expect=0, env=ZH)
    wb = openpyxl.load_workbook(book)
    names = wb.sheetnames
    for ws in wb.worksheets:
        if ws.max_row >= 2 and ws.title not in ("通知", "说明", "示例"):
            cell = ws.cell(row=2, column=1)
            if isinstance(cell.value, str):
                cell.value = cell.value + "乙"  # an unknown name everywhere it is referenced
            if ws.max_column >= 2 and isinstance(ws.cell(row=2, column=2).value, str):
                ws.cell(row=2, column=2).value = " " + ws.cell(row=2, column=2).value
    wb.save(t.path("input-bad.xlsx"))
    wb = openpyxl.load_workbook(book)
    ws = wb[names[1]] if len(names) > 1 else wb.active
    ws.cell(row=1, column=1).value = "改名的列"
    wb.save(t.path("input-renamed.xlsx"))
    wb = openpyxl.Workbook()
    wb.active.title = "随便"
    wb.save(t.path("not-input.xlsx"))
    for name in ("input-bad.xlsx", "input-renamed.xlsx", "not-input.xlsx"):
        t.add(f"check {name}", "check", t.path(name))
        t.add(f"render {name}", "render", t.path(name), "--out", t.out(name))
    t.add("check --mark onto itself", "check", t.path("input-bad.xlsx"), "--mark", t.path("input-bad.xlsx"))
    t.add("init over existing", "init", "-o", t.path("input-bad.xlsx"))
    t.add("init from bad", "init", "-o", t.path("new.xlsx"), "--from", t.path("unknown-plugin.json"))
    t.add("init from broken", "init", "-o", t.path("new2.xlsx"), "--from", t.path("syntax.json"))


def projects(t):
    """Bad project folders and manifests for `build`."""
    def project(name, doc=None, text=None, scheme=None):
        p = t.path(name)
        shutil.rmtree(p, ignore_errors=True)
        os.makedirs(os.path.join(p, "schemes"))
        shutil.copy(scheme or t.lishui, os.path.join(p, "schemes", "lishui.json"))
        if text is None:
            text = json.dumps(doc if doc is not None else {
                "output": "out", "schemes": [{"path": "schemes/lishui.json", "plugin": "lishui", "name": "丽水"}]},
                ensure_ascii=False)
        with open(os.path.join(p, "bangfu-project.json"), "w", encoding="utf-8") as f:
            f.write(text)
        return p
    good = {"output": "out", "schemes": [{"path": "schemes/lishui.json", "plugin": "lishui", "name": "丽水"}]}
    t.add("build syntax", "build", project("p-syntax", text='{"output": "out", "schemes": [}'))
    t.add("build no project", "build", t.path("没有项目"))
    empty = t.path("p-empty")
    os.makedirs(empty, exist_ok=True)
    t.add("build no project file", "build", empty)
    t.add("build outside", "build", project("p-outside", dict(good, output="../shared-out")))
    t.add("build absolute", "build", project("p-absolute", dict(good, output="/tmp/x")))
    t.add("build dot", "build", project("p-dot", dict(good, output=".")))
    t.add("build bad format", "build", project("p-format", dict(good, formats=["docx", "odt"])))
    t.add("build missing scheme", "build", project("p-missing", {"output": "out", "schemes": [
        {"path": "schemes/没有.json", "plugin": "lishui", "name": "无"}]}))
    t.add("build bad scheme path", "build", project("p-badpath", {"output": "out", "schemes": [
        {"path": "../../etc/passwd", "plugin": "lishui", "name": "x"}]}))
    t.add("build bad fields", "build", project("p-fields", {"output": 3, "schemes": "lishui", "jobs": "many"}))
    t.add("build unknown plugin", "build", project("p-plugin", {"output": "out", "schemes": [
        {"path": "schemes/lishui.json", "plugin": "lishiu", "name": "丽水"}]}))
    t.add("build bad schemes", "build", project("p-bad", scheme=t.path("unknown-refs.json")))
    # corrupt and hostile manifests (build once, then spoil the manifest)
    p = project("p-manifest", good)
    run([t.a.bangfu, "build", p], expect=None, env=ZH)
    def corrupt(p=p):
        with open(os.path.join(p, "out", ".bangfu-manifest.json"), "w", encoding="utf-8") as f:
            f.write("{not json")
    t.add("build corrupt manifest", "build", p, "--force", setup=corrupt)
    p2 = project("p-manifest2", good)
    run([t.a.bangfu, "build", p2], expect=None, env=ZH)
    mp = os.path.join(p2, "out", ".bangfu-manifest.json")
    with open(mp, encoding="utf-8") as f:
        m = json.load(f)
    m["outputs"]["../../victimdir/sub/important.txt"] = next(iter(m["outputs"].values()))
    m["outputs"]["丽水/\x01重要.txt"] = next(iter(m["outputs"].values()))
    hostile = json.dumps(m, ensure_ascii=False)

    def plant(mp=mp, hostile=hostile):
        with open(mp, "w", encoding="utf-8") as f:
            f.write(hostile)
    t.add("build hostile manifest", "build", p2, "--force", setup=plant)
    t.add("build jobs", "build", p, "--jobs", "零")


def plugins(t):
    """Bad plugin files: not a plugin, wrong ABI, truncated, on --plugin and on the search path."""
    build = os.path.dirname(t.a.bangfu)
    fixtures = os.path.join(build, "test-plugins")
    real = os.path.join(build, "plugins", "bangfu-lishui.so")
    scheme = t.scheme("plugin-scheme.json", lambda s: s.update(plugin=""))
    fake = t.write("bangfu-fake.so", "not an ELF file\n")
    mods = [fake]
    if os.path.exists(real):
        with open(real, "rb") as f:
            mods.append(t.write("trunc/bangfu-truncated.so", f.read(4096), binary=True))
    for sub in ("badabi", "notaplugin", "duplicate"):
        d = os.path.join(fixtures, sub)
        if os.path.isdir(d):
            mods += [os.path.join(d, n) for n in sorted(os.listdir(d)) if n.endswith(".so")]
    for m in mods:
        base = os.path.basename(m)
        t.add(f"check --plugin {base}", "check", scheme, "--plugin", m)
        t.add(f"render --plugin {base}", "render", scheme, "--plugin", m, "--out", t.out(base))
        t.add(f"init --plugin {base}", "init", "-o", t.path(f"i-{base}.xlsx"), "--plugin", m)
    search = ":".join(sorted({os.path.dirname(m) for m in mods}))
    t.add("plugins with bad modules", "plugins", env={"BANGFU_PLUGIN_PATH": search})
    t.add("check with bad modules", "check", t.path("unknown-refs.json"), env={"BANGFU_PLUGIN_PATH": search})
    t.add("check --plugin unknown id", "check", scheme, "--plugin", "lishiu")
    crash = os.path.join(fixtures, "crashes")
    throws = os.path.join(fixtures, "throws")
    for d in (crash, throws):
        if os.path.isdir(d):
            so = [n for n in os.listdir(d) if n.endswith(".so")]
            if so:
                t.add(f"render {os.path.basename(d)}", "render", scheme, "--plugin", os.path.join(d, so[0]),
                      "--out", t.out(os.path.basename(d)))
    # region files
    t.add("check-region syntax", "check-region", t.write("bad.region.json", '{"id": "x", '))
    t.add("check-region fields", "check-region", t.write("worse.region.json", json.dumps(
        {"id": "Bad Id", "region": 3, "appendices": [{"id": "a"}, {"id": "a"}], "extra": True}, ensure_ascii=False)))
    t.add("check-region missing", "check-region", t.path("没有.region.json"))
    t.add("new-region bad id", "new-region", "衢州")
    t.add("new-plugin bad id", "new-plugin", "Qu-Zhou")
    os.makedirs(t.path("plugins-here/lishui"), exist_ok=True)
    t.add("new-plugin existing", "new-plugin", "lishui", "--dir", t.path("plugins-here"))


def usage_and_names(t):
    """Usage errors on every command, and bad names input."""
    t.add("no command", )
    t.add("unknown command", "rendr")
    t.add("unknown option", "check", t.lishui, "--plugn", "lishui")
    t.add("missing argument", "render")
    t.add("too many", "check", t.lishui, t.lishui)
    t.add("option without value", "render", t.lishui, "--out")
    t.add("duplicate option", "render", t.lishui, "--out", "a", "--out", "b")
    t.add("bad format", "render", t.lishui, "--format", "odt", "--out", t.path("x"))
    t.add("table no output", "table", t.path("ok.csv"))
    t.add("table bad number", "table", t.path("ok.csv"), "-o", t.path("t.docx"), "--header-row", "x")
    t.add("init no output", "init")
    t.add("build no dir", "build")
    t.add("build bad jobs", "build", t.work, "--jobs", "0")
    t.add("build out empty", "build", t.work, "--out", "")
    t.add("diff one", "diff", t.lishui)
    t.add("serve too many", "serve", t.work, t.work)
    t.add("serve bad port", "serve", t.work, "--port", "http")
    t.add("names no sub", "names")
    t.add("names bad sub", "names", "shuffle")
    t.add("names bad by", "names", "sort", "--by", "length")
    t.add("names bad convention", "names", "sort", "--convention", "x")
    t.add("names pinyin convention", "names", "sort", "--by", "pinyin", "--convention", "surname")
    t.add("names bad format", "names", "sort", "--format", "pdf")
    t.add("names format no out", "names", "sort", "--format", "docx")
    t.add("names out no format", "names", "sort", "-o", t.path("n.txt"))
    t.add("names per-line", "names", "sort", "--per-line", "99", "--format", "text", "-o", t.path("n.txt"))
    t.add("names two files", "names", "sort", t.lishui, t.lishui)
    t.add("names missing file", "names", "sort", t.path("没有名单.txt"))
    t.add("names bad bytes", "names", "sort", t.write("names-bad.txt", b"\xff\xfe\x00\x01\x80\x80", binary=True))
    t.add("names control", "names", "sort", t.write("names-ctrl.txt", "张三\n李\x07四\n"))
    t.add("names duplicates", "names", "sort", t.write("names-dup.txt", "张三、李四，张三 王五\n李四\n"))
    t.add("names latin", "names", "sort", t.write("names-latin.txt", "Smith\n张三\n"))


def main():
    a = parse_args()
    c = Checker()
    t = Cases(a)
    json_schemes(t)
    workbooks(t)
    projects(t)
    plugins(t)
    usage_and_names(t)

    offending_en, offending_zh, unpaired = [], [], []
    lines_en = lines_zh = 0
    for label, argv, env, setup in t.cases:
        got = {}
        for lang, base in (("en", EN), ("zh", ZH)):
            e = dict(base, **env)
            if setup:
                setup()
            # the same output folders for both runs: each run starts from the same state
            for x in argv:
                if x.startswith(t.path("out-")):
                    shutil.rmtree(x, ignore_errors=True)
            r = run([a.bangfu, *argv], expect=None, env=e, timeout=120)
            c.true(r.returncode >= 0, f"{label} ({lang}): killed by signal {-r.returncode}\n{r.stderr[-800:]}")
            got[lang] = r
        en_lines = [line for line in got["en"].stderr.splitlines() if line.strip()]
        zh_lines = [line for line in got["zh"].stderr.splitlines() if line.strip()]
        lines_en += len(en_lines)
        lines_zh += len(zh_lines)
        offending_en += [f"[{label}] {line}" for line in en_lines if offending_english(line)]
        offending_zh += [f"[{label}] {line}" for line in zh_lines if offending_chinese(line)]
        c.eq(got["en"].returncode, got["zh"].returncode, f"{label}: the same exit code in both locales")
        den = [line for line in en_lines if DIAG.match(line)]
        dzh = [line for line in zh_lines if DIAG.match(line)]
        if len(den) != len(dzh):
            unpaired.append(f"[{label}] {len(dzh)} diagnostics in Chinese, {len(den)} in English")
            continue
        for le, lz in zip(den, dzh):
            me, mz = DIAG.match(le), DIAG.match(lz)
            if me.group("code") != mz.group("code"):
                unpaired.append(f"[{label}] {mz.group('code')} against {me.group('code')}")
            elif (HINT_ZH in lz) != (HINT_EN in le):
                unpaired.append(f"[{label}] fix in one language only:\n      zh: {lz}\n      en: {le}")

    print(f"{len(t.cases)} cases; {lines_en} English and {lines_zh} Chinese stderr lines")
    c.true(lines_en > 300, f"the cases print enough to judge ({lines_en} English lines)")
    c.true(not offending_en, f"{len(offending_en)} English lines with Chinese outside quoted user data:\n  "
           + "\n  ".join(offending_en))
    c.true(not offending_zh, f"{len(offending_zh)} Chinese-locale lines without Chinese:\n  " + "\n  ".join(offending_zh))
    c.true(not unpaired, f"{len(unpaired)} diagnostics whose fix is in one language only:\n  " + "\n  ".join(unpaired))
    print(f"offending: {len(offending_en)} English, {len(offending_zh)} Chinese, {len(unpaired)} unpaired fixes")
    c.finish("one language a locale")


if __name__ == "__main__":
    main()
