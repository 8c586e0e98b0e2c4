#!/usr/bin/python3
"""Render test of the notice head marks and the joint sealed 署名 (issue 17), on
LibreOffice's PDF read with pdftotext -bbox.

A copy of examples/lishui-2018-east-west (two issuers, 成文日期 2018年8月16日) gets the
settings 份号：12, 密级：机密, 保密期限：1年, 紧急程度：特急 and 印章：有; then:
  1. GB/T 9704-2012 7.2.1–7.2.3: 000012, 机密★1年 and 特急 are the first three lines of
     page 1, 顶格 (at the 版心's left edge), one per 579-tw grid line from the 版心 top;
  2. 7.2.4: the 发文机关标志 sits where it sits without the marks (its line unmoved);
  3. 7.3.5.1 联合行文: the two 署名 on one line, side by side, at least a 42-mm seal
     apart, the last one centred on the date, the date 右空四字.
A third and fourth issuer (a row of three, then one under the last) are checked too.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import must_run  # noqa: E402

MM = 72 / 25.4
TOP = 2098 / 20
LEFT = 1587 / 20
RIGHT = (11906 - 1474) / 20
PITCH = 579 / 20
CHAR = 16.0  # one 3号 字
SEAL = 42 * MM
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def words(pdf, page):
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), pdf, "-"],
                         capture_output=True, text=True, timeout=120).stdout
    return [(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out)]


def lines(ws):
    """Words joined into lines by their top (pdftotext -bbox splits at digits)."""
    rows = {}
    for w in ws:
        rows.setdefault(round(w[1], 1), []).append(w)
    out = []
    for y, row in sorted(rows.items()):
        row.sort()
        out.append({"y": y, "x0": row[0][0], "x1": row[-1][2], "text": "".join(w[4] for w in row), "words": row})
    return out


def render(bangfu, folder):
    r = subprocess.run([bangfu, "render", os.path.join(folder, "scheme.json"), "--format", "pdf",
                        "-o", os.path.join(folder, "out")], capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        fail(f"render {folder}: exit {r.returncode}: {r.stderr[-400:]}")
        return None
    pdfs = [f for f in os.listdir(os.path.join(folder, "out")) if f.endswith(".pdf")]
    return os.path.join(folder, "out", pdfs[0])


def prepare(src, folder, settings, issuers=None):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    scheme = json.load(open(os.path.join(src, "scheme.json"), encoding="utf-8"))
    if issuers:
        scheme["notice"]["issuers"] = issuers
    json.dump(scheme, open(os.path.join(folder, "scheme.json"), "w", encoding="utf-8"), ensure_ascii=False)
    text = open(os.path.join(src, "notice.md"), encoding="utf-8").read()
    assert text.startswith("---\n")
    open(os.path.join(folder, "notice.md"), "w", encoding="utf-8").write("---\n" + settings + text[4:])


def signature(pdf, date):
    """The page holding the date line, its lines."""
    for page in range(1, 5):
        ls = lines(words(pdf, page))
        for i, l in enumerate(ls):
            if l["text"] == date:
                return ls, i
    return None, None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bangfu", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    if not shutil.which("pdftotext") or not (shutil.which("soffice") or shutil.which("libreoffice")):
        must_run.skip("LibreOffice or poppler-utils missing")
    src = os.path.join(a.source, "examples", "lishui-2018-east-west")
    plain = os.path.join(a.work, "plain")
    marked = os.path.join(a.work, "marked")
    prepare(src, plain, "")
    prepare(src, marked, "份号：12\n密级：机密\n保密期限：1年\n紧急程度：特急\n印章：有\n")
    before = render(a.bangfu, plain)
    after = render(a.bangfu, marked)
    if not before or not after:
        return 1

    # 1, 2: the head marks and the mark's place
    first = lines(words(after, 1))
    expected = ["000012", "机密★1年", "特急"]
    got = [l["text"] for l in first[:3]]
    if got != expected:
        fail(f"first lines of page 1 are {got}, expected {expected} (7.2.1–7.2.3)")
    else:
        for k, l in enumerate(first[:3]):
            if abs(l["x0"] - LEFT) > 1.5:
                fail(f"{l['text']} starts at {l['x0']:.1f} pt, the 版心 at {LEFT:.1f} (顶格)")
            slot = (l["y"] - first[0]["y"]) / PITCH
            if abs(slot - k) > 0.1:
                fail(f"{l['text']} on grid slot {slot:.2f}, not {k}")
        if first[0]["y"] - TOP > PITCH:
            fail(f"份号 {first[0]['y'] - TOP:.1f} pt below the 版心 top: not on its first line")
        print("head marks:", [(l["text"], round(l["x0"], 1), round(l["y"], 1)) for l in first[:3]])
    mark_before = lines(words(before, 1))[0]
    mark_after = first[3] if len(first) > 3 else None
    if not mark_after or abs(mark_after["y"] - mark_before["y"]) > 0.5:
        fail(f"发文机关标志 moved: {mark_before['y']} → {mark_after and mark_after['y']} (7.2.4: 35 mm)")

    # 3: two issuers side by side
    date = "2018年8月16日"
    ls, i = signature(after, date)
    if ls is None:
        fail("no 成文日期 line")
    else:
        names = ls[i - 1]
        d = ls[i]
        if abs(d["x1"] - (RIGHT - 4 * CHAR)) > 2:
            fail(f"date ends at {d['x1']:.1f} pt, 右空四字 is {RIGHT - 4 * CHAR:.1f} (7.3.5.1)")
        groups = []
        for w in names["words"]:
            if groups and w[0] - groups[-1][-1][2] < 4:
                groups[-1].append(w)
            else:
                groups.append([w])
        centres = [(g[0][0] + g[-1][2]) / 2 for g in groups]
        texts = ["".join(w[4] for w in g) for g in groups]
        if texts != ["中共丽水市委办公室", "丽水市人民政府办公室"]:
            fail(f"署名 line reads {texts}: not the two issuers side by side")
        else:
            date_centre = (d["x0"] + d["x1"]) / 2
            if abs(centres[-1] - date_centre) > 2:
                fail(f"last 署名 centred at {centres[-1]:.1f}, the date at {date_centre:.1f} (7.3.5.1)")
            if centres[1] - centres[0] < SEAL:
                fail(f"署名 {centres[1] - centres[0]:.1f} pt apart: their 42-mm seals would touch")
            if groups[0][0][0] < LEFT - 0.5:
                fail("first 署名 outside the 版心")
            print(f"joint 署名 centres {[round(c, 1) for c in centres]}, date centre {date_centre:.1f}, "
                  f"date end {d['x1']:.1f}")

    # Four issuers: three in a row, the fourth under the last, over the date.
    four = os.path.join(a.work, "four")
    prepare(src, four, "印章：有\n", ["中共丽水市委办公室", "丽水市人民政府办公室", "丽水市扶贫办", "丽水市财政局"])
    pdf = render(a.bangfu, four)
    ls, i = signature(pdf, date) if pdf else (None, None)
    if ls is None:
        fail("four issuers: no 成文日期 line")
    else:
        last = ls[i - 1]
        d = ls[i]
        if last["text"] != "丽水市财政局" or abs((last["x0"] + last["x1"]) / 2 - (d["x0"] + d["x1"]) / 2) > 2:
            fail(f"four issuers: the line above the date is {last['text']} at {last['x0']:.1f}–{last['x1']:.1f}")
        row = [l for l in ls[:i - 1] if "丽水市扶贫办" in l["text"]]
        if not row:
            fail("four issuers: no row of three")
        else:
            top = row[0]
            right = [w for w in top["words"] if "扶贫办" in w[4]]
            if right and abs((right[0][0] + right[0][2]) / 2 - (last["x0"] + last["x1"]) / 2) > 2:
                fail("four issuers: the third seal's 署名 not above the fourth's (整齐排列)")
            if (last["y"] - top["y"]) < SEAL:
                fail(f"four issuers: rows {last['y'] - top['y']:.1f} pt apart, seals would overlap")
            print(f"four issuers: row of three at {top['y']:.1f}, fourth at {last['y']:.1f}")
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
