"""`bangfu names sort` on lists as clerks paste them (issue 18 item 10): 、，,；
and spaces, published padding, GB18030 files, duplicates warned at their place,
and --format text|docx|xlsx read back with python3-docx and openpyxl."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from common import Checker, parse_args, run  # noqa: E402

SORTED = ["丁一", "王峰", "田大利", "李红", "张伟", "欧阳修"]  # 丁2 王4 田5 李7 张7 欧8 strokes


def main():
    a = parse_args()
    ok = Checker()
    bangfu = [a.bangfu, "names", "sort"]

    pasted = "欧阳修、张伟，丁一,李红；田大利 王　峰\n"  # from Word: 、，,； and a padded name
    r = run(bangfu, input=pasted)
    ok.eq(r.stdout.splitlines(), SORTED, "one line of 、，,； and spaces, sorted by 姓氏笔画")
    r = run(bangfu, input="王　峰　　李　红\n丁　一\n")
    ok.eq(r.stdout.splitlines(), ["丁一", "王峰", "李红"], "a published list's padding is undone")
    r = run(bangfu, input="李金英（女，回族）、王峰\n")
    ok.eq(r.stdout.splitlines(), ["王峰", "李金英（女，回族）"], "a comma inside （） separates nothing")

    gbk = os.path.join(a.work, "gbk.txt")
    with open(gbk, "wb") as f:
        f.write("张伟\r\n丁一\r\n王峰\r\n".encode("gb18030"))
    r = run(bangfu + [gbk])
    ok.eq(r.stdout.splitlines(), ["丁一", "王峰", "张伟"], "a GBK/GB18030 file is read")
    bad = os.path.join(a.work, "bad.txt")
    with open(bad, "wb") as f:
        f.write(b"\xe7\x8e\x8b\xff\xff\n")
    r = run(bangfu + [bad], expect=1)
    ok.true("names.bad-encoding" in r.stderr and "bad.txt:1" in r.stderr, f"neither encoding: located {r.stderr!r}")

    dup = os.path.join(a.work, "dup.txt")
    with open(dup, "w", encoding="utf-8") as f:
        f.write("王峰、张伟\n丁一\n张伟\n")
    r = run(bangfu + [dup])
    ok.eq(r.stdout.splitlines(), ["丁一", "王峰", "张伟", "张伟"], "both copies stay, for the clerk to choose")
    ok.true("dup.txt:3:1" in r.stderr and "names.duplicate" in r.stderr and "第 1 行" in r.stderr,
            f"the repeat is a warning at its place naming the first: {r.stderr!r}")
    ok.eq(r.returncode, 0, "warnings only: exit 0")

    r = run(bangfu + ["--format", "text", "--per-line", "3"], input=pasted)
    ok.eq(r.stdout.splitlines(), ["丁\u3000一\u3000\u3000王\u3000峰\u3000\u3000田大利",
                                  "李\u3000红\u3000\u3000张\u3000伟\u3000\u3000欧阳修"], "--format text, 3 a line, padded")

    docx_path = os.path.join(a.work, "名单.docx")
    run(bangfu + ["--format", "docx", "--per-line", "3", "--title", "领导小组成员名单", "-o", docx_path], input=pasted)
    try:
        import docx
        d = docx.Document(docx_path)
        texts = [p.text for p in d.paragraphs if p.text.strip()]
        ok.true(texts and texts[0] == "领导小组成员名单", f"docx title: {texts[:1]}")
        body = "\n".join(texts[1:]).replace("\t", " ")
        lines = [re.sub("\t+", " ", x).strip(" ") for x in body.split("\n")]
        ok.eq(lines, ["丁\u3000一 王\u3000峰 田大利", "李\u3000红 张\u3000伟 欧阳修"],
              "docx: names padded, 3 a line on tab stops")
    except ImportError:
        print("python3-docx missing: docx not read back")
    xlsx_path = os.path.join(a.work, "名单.xlsx")
    run(bangfu + ["--format", "xlsx", "-o", xlsx_path], input=pasted)
    try:
        import openpyxl
        wb = openpyxl.load_workbook(xlsx_path)
        ws = wb.worksheets[0]
        ok.eq(ws.title, "名单", "xlsx sheet named 名单")
        cells = [c.value for row in ws.iter_rows() for c in row if c.value]
        ok.true(any("丁\u3000一\u3000\u3000王\u3000峰" in str(v) for v in cells), f"xlsx name list cell: {cells}")
    except ImportError:
        print("python3-openpyxl missing: xlsx not read back")

    run(bangfu + ["--format", "pdf"], input=pasted, expect=2)
    run(bangfu + ["--format", "docx"], input=pasted, expect=2)
    run(bangfu + ["--per-line", "0", "--format", "text"], input=pasted, expect=2)
    ok.finish("names sort forms")


main()
