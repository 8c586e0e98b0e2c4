#!/usr/bin/python3
"""Render test of the DOCX writer (issue 4 "Verification"; spec/gbt9704.md §1, §1a).

Run by ctest as: /usr/bin/python3 test_docx_render.py --bangfu BIN --source SRC --work DIR
Exit 0 = pass, 1 = fail, 77 = skipped (no LibreOffice/poppler; a failure instead under
BANGFU_REQUIRE_ALL=1 or CI=true, tests/must_run.py).

Inputs, all written by bangfu's own writer:
  * `bangfu table DATA.csv -o table.docx --title … --label 附件1 --total 工作组数` on a
    generated 150-row CSV (a multi-page table);
  * the sample writer bangfu_docx_samples (tools/docx_samples.cpp, beside the bangfu
    binary; a tool, not a ctest) writes body.docx (long 3号 body text: the 22 × 28 grid needs a table-less page,
    which `bangfu table` cannot make), table.docx (80 rows, merges, 黑体 runs) and
    mixed.docx (portrait, landscape, portrait sections); mixed-vml.docx is mixed.docx with
    the landscape page-number boxes reduced to their mc:Fallback (VML), so both forms
    of the box are measured.
Both must be there and work: a missing one is a failure.

Each DOCX is converted with LibreOffice headless (private profile, timeout) to PDF,
with FONTCONFIG_FILE=SRC/fonts/fonts.conf when present, then measured with
`pdftotext -bbox-layout` and `pdffonts`:
  1. 22 text lines on a full portrait body page, and no body line over 28 characters;
  2. "— N —" right (空一字 from the 版心 edge) on odd pages, left on even pages, and the
     dash about 7 mm below the 版心 (GB/T 9704-2012 7.5); on landscape pages (rule 25,
     GB/T 9704-2012 8) nothing in the bottom margin, and the number turned 90° clockwise
     in the left margin, at the bottom end on odd pages and the top end on even pages,
     空一字 inside the 版心's ends and about 7 mm outside it; the mixed sample must have
     an odd and an even landscape page;
  3. the header row repeated at the top of every page of a multi-page table;
  4. a CJK font embedded (glyphs, not boxes);
  5. python-docx reopens the `bangfu table` output and the table text matches the CSV
     cell by cell.
"""
import argparse
import csv
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import must_run  # noqa: E402
PT_PER_TW = 1 / 20
MM = 72 / 25.4
# Page geometry of GB/T 9704-2012 5.2.1 (spec §1 rules 1-4, 25), in points.
PORTRAIT = dict(w=11906 * PT_PER_TW, h=16838 * PT_PER_TW, top=2098 * PT_PER_TW, left=1587 * PT_PER_TW,
                right=1474 * PT_PER_TW, bottom=1984 * PT_PER_TW)
LANDSCAPE = dict(w=16838 * PT_PER_TW, h=11906 * PT_PER_TW, top=1587 * PT_PER_TW, left=1984 * PT_PER_TW,
                 right=2098 * PT_PER_TW, bottom=1474 * PT_PER_TW)
ONE_CHAR_4HAO = 14.0  # 空一字 at 4号
HANGING = "，。、；：？！）》」』”’"
FOOTER_RE = re.compile(r"^—\s*(\d+)\s*—$")

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def pages_of(pdf):
    """[(width, height, [line dicts])] from pdftotext -bbox-layout."""
    out = run(["pdftotext", "-bbox-layout", pdf, "-"], timeout=120).stdout
    out = re.sub(r'xmlns="[^"]+"', "", out, count=1)
    root = ET.fromstring(out)
    pages = []
    for page in root.iter("page"):
        lines = []
        for line in page.iter("line"):
            words = [dict(text=w.text or "", **{k: float(w.get(k)) for k in ("xMin", "xMax", "yMin", "yMax")})
                     for w in line.iter("word")]
            lines.append(dict(text="".join(w["text"] for w in words), words=words,
                              xMin=float(line.get("xMin")), xMax=float(line.get("xMax")),
                              yMin=float(line.get("yMin")), yMax=float(line.get("yMax"))))
        pages.append((float(page.get("width")), float(page.get("height")), lines))
    return pages


def geometry(w, h):
    return LANDSCAPE if w > h else PORTRAIT


def body_lines(w, h, lines):
    g = geometry(w, h)
    return [l for l in lines if l["yMax"] <= h - g["bottom"] + 2]


def check_footers(name, pages):
    """Rule 18 on portrait pages, rule 25 on landscape pages. Returns the parities
    ("odd"/"even") of the landscape pages whose number was measured."""
    landscape = set()
    for n, (w, h, lines) in enumerate(pages, start=1):
        g = geometry(w, h)
        if w > h:
            if check_landscape_number(name, n, w, h, lines):
                landscape.add("odd" if n % 2 else "even")
            continue
        feet = [l for l in lines if FOOTER_RE.match(l["text"].replace(" ", "")) and l["yMin"] > h - g["bottom"]]
        if not feet:
            fail(f"{name} p{n}: no '— N —' page number below the 版心")
            continue
        f = feet[0]
        number = int(FOOTER_RE.match(f["text"].replace(" ", "")).group(1))
        if number != n:
            fail(f"{name} p{n}: page number reads {number}")
        if n % 2:  # odd: right, 空一字 from the right edge of the 版心
            want = w - g["right"] - ONE_CHAR_4HAO
            if abs(f["xMax"] - want) > 4:
                fail(f"{name} p{n}: odd page number ends at x={f['xMax']:.1f}, want {want:.1f}")
        else:
            want = g["left"] + ONE_CHAR_4HAO
            if abs(f["xMin"] - want) > 4:
                fail(f"{name} p{n}: even page number starts at x={f['xMin']:.1f}, want {want:.1f}")
        # GB/T 9704-2012 7.5: the 一字线 7 mm below the 版心 (spec §1a: 6.9 mm measured)
        gap = ((f["yMin"] + f["yMax"]) / 2 - (h - g["bottom"])) / MM
        if not 5.0 <= gap <= 9.0:
            fail(f"{name} p{n}: page number {gap:.1f} mm below the 版心, want about 7")
        if n == 1:
            print(f"{name}: page number centre {gap:.1f} mm below the 版心")
    return landscape


def check_landscape_number(name, n, w, h, lines):
    """GB/T 9704-2012 8 (spec rule 25). The sheet turns back to portrait with its
    landscape top on the 订口 side: the portrait foot is the landscape left edge and
    the portrait right edge is the landscape bottom. So the number must be in the
    left margin, read top to bottom (turned 90° clockwise), end 空一字 above the
    版心's bottom on odd pages and start 空一字 below its top on even pages, 7 mm
    left of the 版心; and the bottom margin must hold no text (§6 check 18)."""
    g = geometry(w, h)
    below = [l["text"] for l in lines if l["yMin"] > h - g["bottom"]]
    if below:
        fail(f"{name} p{n}: landscape page has text in the bottom margin: {below}")
    side = [l for l in lines if l["xMax"] < g["left"] and FOOTER_RE.match(l["text"].replace(" ", ""))]
    if len(side) != 1:
        fail(f"{name} p{n}: want one '— N —' in the left margin of the landscape page, found "
             f"{[l['text'] for l in lines if l['xMax'] < g['left']]}")
        return False
    f = side[0]
    number = int(FOOTER_RE.match(f["text"].replace(" ", "")).group(1))
    if number != n:
        fail(f"{name} p{n}: landscape page number reads {number}")
    # Turned 90° clockwise: the words run down the page, first word on top
    # (pdftotext emits a rotated line in reading order).
    tops = [x["yMin"] for x in f["words"]]
    if not (f["yMax"] - f["yMin"] > f["xMax"] - f["xMin"] and tops == sorted(tops) and len(set(tops)) == len(tops)):
        fail(f"{name} p{n}: page number is not turned 90° clockwise (words {f['words']})")
    if n % 2:  # odd: the portrait right end, 空一字 above the 版心's bottom edge
        want, got, end = h - g["bottom"] - ONE_CHAR_4HAO, f["yMax"], "ends"
    else:  # even: the portrait left end, 空一字 below the 版心's top edge
        want, got, end = g["top"] + ONE_CHAR_4HAO, f["yMin"], "starts"
    if abs(got - want) > 4:
        fail(f"{name} p{n}: landscape page number {end} at y={got:.1f}, want {want:.1f}")
    gap = (g["left"] - (f["xMin"] + f["xMax"]) / 2) / MM
    if not 5.0 <= gap <= 9.0:
        fail(f"{name} p{n}: landscape page number {gap:.1f} mm outside the 版心, want about 7")
    print(f"{name} p{n} (landscape, {'odd' if n % 2 else 'even'}): '{f['text']}' at x {f['xMin']:.1f}–{f['xMax']:.1f}, "
          f"y {f['yMin']:.1f}–{f['yMax']:.1f} pt ({end} at {got:.1f}, want {want:.1f}); centre {gap:.1f} mm "
          f"left of the 版心")
    return True


def check_grid(name, pages):
    """Rules 5-6: a full body page has 22 lines, no line more than 28 characters."""
    full = 0
    for n, (w, h, lines) in enumerate(pages, start=1):
        body = body_lines(w, h, lines)
        for l in body:
            # In 字: a full-width character is one, a half-width digit or letter half.
            text = l["text"].replace(" ", "")
            # LibreOffice 7.4 hangs a line-end full-width mark past the 版心 even
            # with w:overflowPunct="0" (Word honours it): the 28 字 inside still hold.
            if text and text[-1] in HANGING and l["xMax"] > w - geometry(w, h)["right"] + 1:
                text = text[:-1]
            chars = sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)
            if chars > 28:
                fail(f"{name} p{n}: a line of {chars} characters: {l['text']}")
        if n < len(pages):  # every page but the last is full
            rows = sorted({round(l["yMin"]) for l in body})
            print(f"{name} p{n}: {len(rows)} lines")
            if n > 1:
                full += 1
                if len(rows) != 22:
                    fail(f"{name} p{n}: {len(rows)} lines on a full body page, want 22")
    if full == 0:
        fail(f"{name}: no full body page to count")


def check_repeated_header(name, pages, header_word):
    table_pages = 0
    for n, (w, h, lines) in enumerate(pages, start=1):
        g = geometry(w, h)
        body = [l for l in body_lines(w, h, lines) if l["yMin"] >= g["top"] - 2]
        if not body:
            continue
        top = min(l["yMin"] for l in body)
        # The header row is the first thing on a continuation page (within ~3 lines of 20 pt).
        head = [l for l in body if l["yMin"] <= top + 70]
        if n > 1:
            table_pages += 1
            if not any(header_word in l["text"] for l in head):
                fail(f"{name} p{n}: header '{header_word}' not repeated at the top")
    if table_pages == 0:
        fail(f"{name}: the table did not run onto a second page")


def check_fonts(name, pdf):
    out = run(["pdffonts", pdf], timeout=60).stdout
    cjk = [l for l in out.splitlines()[2:]
           if re.search(r"CJK|Fandol|UMing|UKai|Hei|Song|Fang|Kai|Ming|WenQuanYi|Source Han", l)
           and " yes " in l]
    if not cjk:
        fail(f"{name}: no CJK font embedded:\n{out}")


def write_csv(path, rows):
    counties = ["莲都区", "青田县", "缙云县", "遂昌县", "松阳县", "云和县", "庆元县", "景宁畲族自治县", "龙泉市"]
    data = [["序号", "县（市、区）", "结对单位", "工作组数"]]
    for i in range(rows):
        data.append([str(i + 1), counties[i % len(counties)],
                     "市发展改革委、市财政局、市人力社保局" if i % 2 else "市委办公室（2个）", str(1 + i % 4)])
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(data)
    return data


def check_python_docx(path, data):
    try:
        import docx  # python3-docx (scripts/setup.sh)
    except ImportError:
        fail("python3-docx missing: the cell check cannot run (scripts/setup.sh installs it)")
        return
    d = docx.Document(path)
    if not d.tables:
        fail(f"{path}: no table")
        return
    t = d.tables[0]
    rows = [[c.text for c in r.cells] for r in t.rows]
    for i, want in enumerate(data):
        if i >= len(rows):
            fail(f"{path}: only {len(rows)} rows, want at least {len(data)}")
            return
        if rows[i] != want:
            fail(f"{path}: row {i + 1} is {rows[i]}, want {want}")
            return
    total = rows[len(data)] if len(rows) > len(data) else None
    if total is None or "合计" not in total[0].replace("　", "").replace(" ", ""):
        fail(f"{path}: no 合计 row after the data: {total}")
    elif total[-1] != str(sum(int(r[-1]) for r in data[1:])):
        fail(f"{path}: 合计 {total[-1]}, want {sum(int(r[-1]) for r in data[1:])}")


def vml_only(src, dst):
    """A copy of `src` whose landscape footers keep only the mc:Fallback (VML) box:
    what a consumer without wps reads (ECMA-376 Part 3 AlternateContent)."""
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for n in z.namelist():
            data = z.read(n)
            if n in ("word/footer3.xml", "word/footer4.xml"):
                data, k = re.subn(rb"<mc:AlternateContent><mc:Choice Requires=\"wps\">.*?</mc:Choice>"
                                  rb"<mc:Fallback>(.*?)</mc:Fallback></mc:AlternateContent>", rb"\1", data, flags=re.S)
                if k != 1:
                    fail(f"{src}: {n} holds {k} AlternateContent boxes, want 1")
            out.writestr(n, data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bangfu", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftotext") or not shutil.which("pdffonts"):
        must_run.skip("LibreOffice or poppler-utils missing")
    work = os.path.abspath(a.work)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    env = dict(os.environ)
    fonts_conf = os.path.join(a.source, "fonts", "fonts.conf")
    if os.path.exists(fonts_conf):
        env["FONTCONFIG_FILE"] = fonts_conf

    docs = {}
    samples = os.path.join(os.path.dirname(os.path.abspath(a.bangfu)), "bangfu_docx_samples")
    r = run([samples, work], env=env, timeout=120)
    if r.returncode != 0:
        fail(f"{samples} exited {r.returncode}:\n{r.stdout}\n{r.stderr}")
    for n in ("body", "table", "mixed"):
        if os.path.exists(os.path.join(work, n + ".docx")):
            docs[n] = os.path.join(work, n + ".docx")
        else:
            fail(f"{samples} wrote no {n}.docx")
    if "mixed" in docs:
        docs["mixed-vml"] = os.path.join(work, "mixed-vml.docx")
        vml_only(docs["mixed"], docs["mixed-vml"])
    data = write_csv(os.path.join(work, "data.csv"), 150)
    r = run([a.bangfu, "table", os.path.join(work, "data.csv"), "-o", os.path.join(work, "bangfu-table.docx"),
             "--title", "结对帮扶安排表", "--label", "附件1", "--total", "工作组数"], env=env, timeout=120)
    if r.returncode == 0:
        docs["bangfu-table"] = os.path.join(work, "bangfu-table.docx")
    else:
        fail(f"bangfu table exited {r.returncode}:\n{r.stderr}")
    if not docs:
        return 1

    profile = f"file:///tmp/lo-bangfu-{os.getpid()}"
    try:
        r = run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                 "--outdir", work] + list(docs.values()), env=env, timeout=600)
    except subprocess.TimeoutExpired:
        fail("LibreOffice timed out")
        return 1
    finally:
        shutil.rmtree(profile[len("file://"):], ignore_errors=True)
    for name, path in docs.items():
        pdf = os.path.splitext(path)[0] + ".pdf"
        if not os.path.exists(pdf):
            fail(f"{name}: LibreOffice wrote no PDF ({r.stderr.strip()})")
            continue
        pages = pages_of(pdf)
        print(f"{name}: {len(pages)} pages")
        check_fonts(name, pdf)
        parities = check_footers(name, pages)
        if name.startswith("mixed") and parities != {"odd", "even"}:
            fail(f"{name}: landscape page numbers measured on {sorted(parities)} pages, want an odd and an even one")
        if name == "body":
            check_grid(name, pages)
        if name == "table":
            check_repeated_header(name, pages, "组长单位")
        if name == "bangfu-table":
            check_repeated_header(name, pages, data[0][2])
            check_python_docx(path, data)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
