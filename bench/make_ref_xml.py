#!/usr/bin/python3
"""Writes the floor's reference word/document.xml for a scheme: byte for byte the
document.xml that peers/docx_python.py --fast writes for the same JSON, but in
linear time and flat memory, so the floor can be measured at 200000 rows too
(python-docx needs minutes and gigabytes there).

How: python-docx renders a two-row scheme whose cells hold unique markers; the
XML is cut into head, row template, 合计 row and tail, and the rows are filled in
by string substitution with the same escaping lxml applies to text (&, <, >).
`--verify` also runs python-docx on the real scheme and compares the bytes.

Usage: make_ref_xml.py SCHEME.json OUT.xml [--verify]
"""
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
PEER = os.path.join(HERE, "peers", "docx_python.py")
WG_SUM, INS_SUM = 987654321, 876543219  # unique totals: found verbatim in the 合计 row


def python_docx_xml(scheme_path):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "ref.docx")
        subprocess.run([sys.executable, PEER, scheme_path, out, "--fast"], check=True)
        with zipfile.ZipFile(out) as z:
            return z.read("word/document.xml")


def templates():
    rows = [{"county": "@C%d@" % i, "villages": "@V%d@" % i, "leader": "@L%d@" % i,
             "members": "@M%d@" % i, "work_groups": WG_SUM - i, "instructors": INS_SUM - i}
            for i in (0, 1)]
    rows[1]["work_groups"], rows[1]["instructors"] = 1, 1
    rows[0]["work_groups"], rows[0]["instructors"] = WG_SUM - 1, INS_SUM - 1
    scheme = {"title": "@TITLE@", "columns": ["县（市、区）", "牵头单位", "成员单位", "工作组（个）", "指导员（名）"],
              "rows": rows}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(scheme, f, ensure_ascii=False)
        path = f.name
    try:
        xml = python_docx_xml(path).decode("utf-8")
    finally:
        os.unlink(path)
    start0 = xml.rindex("<w:tr>", 0, xml.index("@C0@"))
    start1 = xml.rindex("<w:tr>", 0, xml.index("@C1@"))
    start_total = xml.index("<w:tr>", start1 + 1)
    end_total = xml.index("</w:tr>", start_total) + len("</w:tr>")
    row = xml[start0:start1]
    total = xml[start_total:end_total]
    head, tail = xml[:start0], xml[end_total:]
    assert "@TITLE@" in head and ">%d<" % WG_SUM in total and ">%d<" % INS_SUM in total
    row = (row.replace(">%d<" % (WG_SUM - 1), ">@WG@<").replace(">%d<" % (INS_SUM - 1), ">@INS@<"))
    for k in ("@C0@", "@V0@", "@L0@", "@M0@", "@WG@", "@INS@"):
        assert row.count(k) == 1, k
    return head, row, total, tail


def write(scheme_path, out_path):
    with open(scheme_path, encoding="utf-8") as f:
        s = json.load(f)
    head, row, total, tail = templates()
    wg = ins = 0
    with open(out_path, "w", encoding="utf-8", newline="") as out:
        out.write(head.replace("@TITLE@", escape(s["title"])))
        for r in s["rows"]:
            wg += r["work_groups"]
            ins += r["instructors"]
            out.write(row.replace("@C0@", escape(r["county"])).replace("@V0@", escape(r["villages"]))
                      .replace("@L0@", escape(r["leader"])).replace("@M0@", escape(r["members"]))
                      .replace("@WG@", str(r["work_groups"])).replace("@INS@", str(r["instructors"])))
        out.write(total.replace(">%d<" % WG_SUM, ">%d<" % wg).replace(">%d<" % INS_SUM, ">%d<" % ins))
        out.write(tail)


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    write(argv[1], argv[2])
    if "--verify" in argv:
        with open(argv[2], "rb") as f:
            ours = f.read()
        if ours != python_docx_xml(argv[1]):
            sys.exit("make_ref_xml: output differs from python-docx's document.xml")
        print("make_ref_xml: byte-identical to python-docx (%d bytes)" % len(ours))


if __name__ == "__main__":
    main(sys.argv)
