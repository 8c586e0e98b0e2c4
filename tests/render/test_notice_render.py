#!/usr/bin/python3
"""Render test of the whole notice, 版头 to 版记 (issue 17 "Verification").

Run by ctest as: /usr/bin/python3 test_notice_render.py --bangfu BIN --source SRC --work DIR
Exit 0 = pass, 1 = fail, 77 = skipped (no LibreOffice or poppler).

For each of the five seed examples, `bangfu render examples/<ex>/scheme.json --format pdf`
(LibreOffice headless, fonts/fonts.conf) and then, on the PDF:
  1. 22 text lines on every full body page of the notice (GB/T 9704-2012 5.2.3);
  2. 28 characters on every full line of Han text (5.2.3);
  3. the 发文机关标志 red, its upper edge 35 mm below the 版心's (7.2.4), and a red rule
     as wide as the 版心 4 mm below the 发文字号 (7.2.7), both measured on pixels
     (pdftoppm at 288 dpi);
  4. the 版记 on the last page, an even one, its last rule on the 版心's lower edge (7.4.1);
  5. page numbers "— N —" counting 1, 2, 3 … with odd ones right and even ones left (7.5);
     when a blank page precedes the 版记 (the text ends on an even page), neither the
     blank page nor the 版记 page carries one (7.5); otherwise the 版记 page is numbered;
  5a. the pages bangfu computed for the text (the DOCX's document variable
     bangfu.noticeTextPages, core/src/docx/notice_pagination.cpp) equal the page on
     which LibreOffice ends the text;
  6. the notice's text, from the 发文字号 to the 附注 (and the 版记), equal character for
     character and in order to the transcription (examples/<ex>/notice.md with the
     scheme's metadata: 发文字号, title, 主送, 附件说明 from the appendices, 署名 and
     成文日期), whitespace aside; the 发文机关标志's lines are all present on page 1;
  7. tools/transcribe_notices.py --check: each notice.md is its seed with only the
     listed edits (the seed texts live in ../shared/seeds beside the checkout).
  5b. with appendices bound in (7.3.7), the page bangfu computed for the end of the last
     appendix (bangfu.noticeBodyPages, core/src/docx/notice_appendix_pages.cpp) equals
     the page on which LibreOffice ends it: the last page, or the page before the 版记
     (and before the blank page in front of it);
Synthetic notices (SYNTHETIC: zhejiang-2014's text shortened or lengthened) run the same
checks, so both 版记 cases of 7.5 and a text ending on the last line of a page are set.
Bound notices (BOUND): none of the five seeds has both bound appendices and a 版记, so a
seed's notice.md gets the 版记 settings (抄送, 印发机关 = the seed's first issuer, 印发日期)
and its scheme.json a longer or shorter appendix; each must give the 7.5 case named.
"""
import zipfile
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

SKIP = 77
MM = 72 / 25.4
TOP = 2098 / 20  # 版心 top, pt (GB/T 9704-2012 5.2.1)
BOTTOM = (16838 - 1984) / 20
LEFT = 1587 / 20
RIGHT = (11906 - 1474) / 20
WIDTH_PT = RIGHT - LEFT
EXAMPLES = ["lishui-2019", "lishui-2018-east-west", "zhejiang-2014", "suzhou-2022", "dongli-2017"]
# name: (how zhejiang-2014's text lines 9–16 are changed, whether a blank page must
# precede the 版记). Measured: "odd" ends on page 3 (版记 on page 4, numbered), "long"
# on page 6 (blank page 7, 版记 page 8, no numbers), "full" on the 21st line of page 3,
# its 附件说明 and 署名 kept on it (版记 on page 4).
SYNTHETIC = {
    "zhejiang-odd": (lambda b: b[:5] + b[7:], False),
    "zhejiang-long": (lambda b: b[:3] + [b[2]] * 5 + b[3:], True),
    "zhejiang-full": (lambda b: b[:7] + [b[7][:-80]], False),
}
# Bound notices: name: (seed, how its scheme.json is changed, whether a blank page must
# precede the 版记). Measured (appendices end on, computed = LibreOffice): lishui 12 (blank
# page 13, 版记 page 14 unnumbered); with 4 more 说明 items still 12, their last line on
# the 15th and last row of the landscape page; with 5 more 13 (版记 on 14, numbered);
# without the last 2 teams 11; without the last 4 teams 11 and the last 5 teams 10 (since
# the table layout measures the table styles' condensing, docs/typesetting.md "The line
# model"; before, without the last 4 teams was 10, once the pager measured the condensing
# itself: unmeasured, the 庆元县 row took a line more and the computed end was 11);
# dongli 16, suzhou 39 (30 pages of tables), lishui-2018 11.
BOUND = {
    "lishui-bound-even": ("lishui-2019", None, True),
    "lishui-bound-notes-fit": ("lishui-2019", lambda s: more_notes(s, 4), True),
    "lishui-bound-odd": ("lishui-2019", lambda s: more_notes(s, 5), False),
    "lishui-bound-short": ("lishui-2019", lambda s: fewer_teams(s, 2), False),
    "lishui-bound-shorter": ("lishui-2019", lambda s: fewer_teams(s, 5), True),
    "dongli-bound": ("dongli-2017", None, True),
    "suzhou-bound": ("suzhou-2022", None, False),
    "lishui-2018-bound": ("lishui-2018-east-west", None, False),
}


def more_notes(scheme, n):
    """附件2's 说明 with n more one-line items (copies of item 2)."""
    scheme["notes"]["teams"] += [scheme["notes"]["teams"][1]] * n


def fewer_teams(scheme, n):
    """附件2 without its last n teams; the stated totals that no longer hold are dropped."""
    scheme["teams"] = scheme["teams"][:-n]
    scheme["stated"] = [x for x in scheme["stated"] if not x["key"].startswith("total.") and x["key"] != "count.teams"]


FOOTER_RE = re.compile(r"^—\s*(\d+)\s*—$")
LABEL_RE = re.compile(r"^附件\d*$")
HANGING = "、，。；：？！）》”’"
OPENING = "（《“‘〔【"
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kw)


# ---- PDF reading -------------------------------------------------------------------
def pdf_lines(pdf, html):
    run(["pdftotext", "-bbox-layout", pdf, html])
    text = open(html, encoding="utf-8").read()
    pages = []
    for p in text.split("<page ")[1:]:
        size = re.match(r'width="([\d.]+)" height="([\d.]+)"', p)
        lines = []
        for m in re.finditer(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', p, re.S):
            words = re.findall(r">([^<]*)</word>", m.group(5))
            lines.append(dict(x0=float(m.group(1)), y0=float(m.group(2)), x1=float(m.group(3)), y1=float(m.group(4)),
                              text="".join(words).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")))
        landscape = size is not None and float(size.group(1)) > float(size.group(2))
        pages.append(dict(lines=lines, landscape=landscape))
    return pages


def page_pixels(pdf, page, dpi):
    out = subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), pdf], capture_output=True,
                         check=True, timeout=120).stdout
    parts = out.split(b"\n", 3)
    w, h = map(int, parts[1].split())
    return w, h, parts[3]


def row_counts(pdf, page, dpi=288):
    """Per pixel row: (red pixels, dark pixels, longest red run)."""
    w, h, d = page_pixels(pdf, page, dpi)
    rows = []
    for y in range(h):
        row = d[y * w * 3:(y + 1) * w * 3]
        red = dark = run_len = best = 0
        for x in range(0, w * 3, 3):
            r, g, b = row[x], row[x + 1], row[x + 2]
            if r > 160 and g < 110 and b < 110:
                red += 1
                run_len += 1
                best = max(best, run_len)
            else:
                run_len = 0
                if r < 110 and g < 110 and b < 110:
                    dark += 1
        rows.append((red, dark, best))
    return rows, dpi


# ---- expected text -----------------------------------------------------------------
def strip_ws(s):
    return re.sub(r"[\s\u3000]+", "", s)


def expected_notice(ex_dir):
    """(mark lines, text from the 发文字号 to the 附注, 版记 text) from notice.md and the scheme."""
    scheme = json.load(open(os.path.join(ex_dir, "scheme.json"), encoding="utf-8"))
    meta = scheme["notice"]
    lines = open(os.path.join(ex_dir, "notice.md"), encoding="utf-8").read().split("\n")
    settings = {}
    if lines and lines[0].strip() == "---":
        end = lines.index("---", 1)
        for l in lines[1:end]:
            if l.strip():
                k, v = re.split(r"[：:]", l, maxsplit=1)
                settings.setdefault(k.strip(), []).append(v.strip())
        lines = lines[end + 1:]
    mark = settings.get("发文机关标志") or (meta["issuers"] if len(meta["issuers"]) > 1 else [meta["issuers"][0] + "文件"])
    if "发文机关标志" not in settings and len(meta["issuers"]) > 1:
        mark = mark + ["文件"]
    titles = [a["title"] for a in meta["appendices"]]
    if len(titles) == 1:
        note = "附件：" + titles[0]
    else:
        note = "附件：" + "".join(f"{i + 1}.{t}" for i, t in enumerate(titles))
    signature = ("".join(meta["issuers"]) + meta["date"]) if meta["date"] else ""
    signature += "".join(settings.get("附注", []))
    out = [meta["docNumber"], "".join(settings.get("标题", [meta["title"]])), meta["recipients"] + "："]
    signed = False
    placed = False
    for l in lines:
        t = l.strip()
        if not t:
            continue
        if t.startswith("#"):
            if not signed:
                out.append(signature)
                signed = True
            out.append(t.lstrip("#").strip())
        elif t.startswith("附件：") or t.startswith("附件:"):
            out.append(note)
            placed = True
        else:
            out.append(t)
    if not placed and titles:
        out.append(note)
    if not signed:
        out.append(signature)
    imprint = ""
    if "印发机关" in settings:
        if "抄送" in settings:
            imprint += "抄送：" + settings["抄送"][0].rstrip("。") + "。"
        imprint += settings["印发机关"][0] + settings["印发日期"][0] + "印发"
    return mark, strip_ws("".join(out)), strip_ws(imprint)


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b)) if len(a) != len(b) else -1


def han_only(s):
    return all(ord(c) >= 0x2E80 for c in s)


# ---- the checks ----------------------------------------------------------------------
def make_synthetic(name, args):
    """examples/zhejiang-2014 with its text lines 9–16 (the body before 附件) changed."""
    change, _ = SYNTHETIC[name]
    src = os.path.join(args.source, "examples", "zhejiang-2014")
    d = os.path.join(args.work, "synthetic", name)
    shutil.rmtree(d, ignore_errors=True)
    shutil.copytree(src, d)
    lines = open(os.path.join(src, "notice.md"), encoding="utf-8").read().split("\n")
    body = lines[8:16]
    open(os.path.join(d, "notice.md"), "w", encoding="utf-8").write("\n".join(lines[:8] + change(body) + lines[16:]))
    return d


def make_bound(name, args):
    """BOUND[name]: its seed example with a 版记 added to notice.md and scheme.json changed."""
    seed, change, _ = BOUND[name]
    src = os.path.join(args.source, "examples", seed)
    d = os.path.join(args.work, "bound", name)
    shutil.rmtree(d, ignore_errors=True)
    shutil.copytree(src, d)
    scheme = json.load(open(os.path.join(d, "scheme.json"), encoding="utf-8"))
    if change:
        change(scheme)
        json.dump(scheme, open(os.path.join(d, "scheme.json"), "w", encoding="utf-8"), ensure_ascii=False)
    meta = scheme["notice"]
    imprint = ["抄送：市委各部门，市人大常委会办公室，市政协办公室。", "印发机关：" + meta["issuers"][0],
               "印发日期：" + (meta["date"] or "2019年5月31日")]
    lines = open(os.path.join(d, "notice.md"), encoding="utf-8").read().split("\n")
    if lines[0].strip() != "---":
        lines = ["---", "---"] + lines
    end = lines.index("---", 1)
    open(os.path.join(d, "notice.md"), "w", encoding="utf-8").write("\n".join(lines[:end] + imprint + lines[end:]))
    return d


def check_example(ex, args, ex_dir=None, blank_expected=None):
    ex_dir = ex_dir or os.path.join(args.source, "examples", ex)
    out = os.path.join(args.work, ex)
    shutil.rmtree(out, ignore_errors=True)
    r = run([args.bangfu, "render", os.path.join(ex_dir, "scheme.json"), "--format", "docx,pdf", "--out", out])
    if r.returncode != 0:
        fail(f"{ex}: bangfu render exited {r.returncode}: {r.stderr[-400:]}")
        return
    pdfs = [f for f in os.listdir(out) if f.endswith(".pdf") and not f.startswith("附件-")]
    if len(pdfs) != 1:
        fail(f"{ex}: expected one notice PDF, got {pdfs}")
        return
    pdf = os.path.join(out, pdfs[0])
    parsed = pdf_lines(pdf, os.path.join(out, "bbox.html"))
    pages = [p["lines"] for p in parsed]
    mark, expected, imprint = expected_notice(ex_dir)

    # 5. page numbers; 7.5: no number on the 版记 page when a blank page precedes it.
    blank_before_imprint = bool(imprint) and len(pages) >= 2 and not pages[-2]
    if blank_expected is not None and blank_before_imprint != blank_expected:
        fail(f"{ex}: blank page before the 版记: {blank_before_imprint}, expected {blank_expected}")
    for i, lines in enumerate(pages, 1):
        if parsed[i - 1]["landscape"]:
            continue  # the turned number of GB/T 9704-2012 8: tests/render/test_docx_render.py
        nums = [l for l in lines if FOOTER_RE.match(l["text"])]
        unnumbered = blank_before_imprint and i >= len(pages) - 1
        if unnumbered:
            if nums:
                fail(f"{ex} p{i}: page number {nums[-1]['text']} on the blank page or the 版记 page after it (7.5)")
            continue
        if not nums:
            if lines:
                fail(f"{ex} p{i}: no page number")
            continue
        n = nums[-1]
        if int(FOOTER_RE.match(n["text"]).group(1)) != i:
            fail(f"{ex} p{i}: page number {n['text']}")
        portrait = n["y0"] > BOTTOM  # landscape pages carry a turned number in the margin
        if portrait and i % 2 == 1 and not n["x1"] > RIGHT - 30:
            fail(f"{ex} p{i}: odd page number not at the right ({n['x0']:.1f}–{n['x1']:.1f})")
        if portrait and i % 2 == 0 and not n["x0"] < LEFT + 30:
            fail(f"{ex} p{i}: even page number not at the left ({n['x0']:.1f}–{n['x1']:.1f})")

    # The notice's own pages: up to the first appendix label; the 版记 page apart.
    body_pages = []
    for i, lines in enumerate(pages):
        content = [l for l in lines if not FOOTER_RE.match(l["text"])]
        if content and LABEL_RE.match(content[0]["text"]):
            break
        body_pages.append(i)
    imprint_page = None
    if imprint:
        imprint_page = len(pages) - 1
        if body_pages and body_pages[-1] == imprint_page:
            body_pages.pop()
        # The blank page LibreOffice inserts so that the 版记 falls on an even page.
        while body_pages and not pages[body_pages[-1]]:
            body_pages.pop()

    # 5a. the computed pagination against LibreOffice's
    docx = pdf[:-4] + ".docx"
    settings = zipfile.ZipFile(docx).read("word/settings.xml").decode("utf-8")
    m = re.search(r'w:name="bangfu.noticeTextPages" w:val="(\d+)"', settings)
    if not m:
        fail(f"{ex}: no bangfu.noticeTextPages in word/settings.xml")
    elif body_pages:
        computed, laid = int(m.group(1)), body_pages[-1] + 1
        if computed != laid:
            fail(f"{ex}: bangfu computed {computed} pages of text, LibreOffice set {laid}")
        print(f"{ex}: text on {laid} pages (computed {computed}); {len(pages)} pages in all"
              + ("; blank page and 版记 page unnumbered" if blank_before_imprint else ""))

    # 5b. the computed end of the bound appendices against LibreOffice's
    bound = any((lambda c: c and LABEL_RE.match(c[0]["text"]))([l for l in p if not FOOTER_RE.match(l["text"])])
                for p in pages)
    m = re.search(r'w:name="bangfu.noticeBodyPages" w:val="(\d+)"', settings)
    if bound and not m:
        fail(f"{ex}: appendices bound in, but no bangfu.noticeBodyPages in word/settings.xml")
    elif bound:
        laid = (imprint_page - (1 if blank_before_imprint else 0)) if imprint else len(pages)
        computed = int(m.group(1))
        if computed != laid or not pages[laid - 1]:
            fail(f"{ex}: bangfu computed the appendices to end on page {computed}, LibreOffice ends them on {laid}")
        print(f"{ex}: appendices end on page {laid} (computed {computed})"
              + (f"; 版记 on page {imprint_page + 1}" + (", after a blank page, both unnumbered"
                                                        if blank_before_imprint else ", numbered")
                 if imprint else ""))

    # 1, 2. full body pages: not the first, not the last of the notice or of the short
    # 印发 notice (the page before the issued document's title), no title line.
    is_title = lambda l: l["y1"] - l["y0"] > 24
    for k, i in enumerate(body_pages):
        content = [l for l in pages[i] if not FOOTER_RE.match(l["text"])]
        if k == 0 or k == len(body_pages) - 1:
            continue
        following = [l for l in pages[i + 1] if not FOOTER_RE.match(l["text"])]
        if any(is_title(l) for l in content) or (following and is_title(following[0])):
            continue
        # Grid lines, counting empty ones (pdftotext shows no empty line): the slot of
        # each text line on the 28.95-pt pitch from the first.
        pitch = 579 / 20
        slots = [(l["y0"] - content[0]["y0"]) / pitch for l in content]
        if any(abs(x - round(x)) > 0.2 for x in slots):
            fail(f"{ex} p{i + 1}: lines off the 28.95-pt grid: {[round(x, 2) for x in slots]}")
        used = round(slots[-1]) + 1
        before_note = bool(following) and following[0]["text"].startswith("附件：")
        if used > 22 or (used != 22 and not before_note) or content[0]["y0"] > TOP + 12:
            fail(f"{ex} p{i + 1}: {used} grid lines ({len(content)} with text) on a full body page, not 22")
        for n, l in enumerate(content):
            t = l["text"]
            # A 、，。 after the 28th character hangs in the margin (Word's default).
            core = t[:-1] if len(t) == 29 and t[-1] in HANGING and l["x1"] > RIGHT else t
            full = l["x0"] < LEFT + 2 and l["x1"] > RIGHT - 8
            nxt = content[n + 1]["text"] if n + 1 < len(content) else ""
            # 27 when the 28th would be an opening mark, which may not end a line, or
            # is pushed out with the mark after it, which may not start one (clreq).
            k = len(nxt[1:]) - len(nxt[1:].lstrip(HANGING))  # marks after the pushed character
            pushed = (len(core) == 27 and nxt[:1] in OPENING) or (k >= 1 and 28 - k <= len(core) <= 27)
            if full and han_only(core) and len(core) != 28 and not pushed:
                fail(f"{ex} p{i + 1}: full line of {len(core)} characters: {t}")
            if len(core) > 28 and han_only(core):
                fail(f"{ex} p{i + 1}: {len(core)} characters: {t}")

    # 3. the 版头 on pixels
    rows, dpi = row_counts(pdf, 1)
    to_pt = lambda y: y * 72 / dpi
    red_rows = [y for y, (r, _, _) in enumerate(rows) if r > 0]
    sep = [y for y, (_, _, best) in enumerate(rows) if best * 72 / dpi > WIDTH_PT - 3]
    if not red_rows or not sep:
        fail(f"{ex}: no red 发文机关标志 or no red separator on page 1")
    else:
        top_mm = (to_pt(red_rows[0]) - TOP) / MM
        if abs(top_mm - 35) > 1.0:
            fail(f"{ex}: 发文机关标志 upper edge {top_mm:.1f} mm below the 版心 top, not 35 mm (7.2.4)")
        longest = max(rows[y][2] for y in sep) * 72 / dpi
        if abs(longest - WIDTH_PT) > 3:
            fail(f"{ex}: separator {longest:.1f} pt wide, the 版心 is {WIDTH_PT:.1f} pt (7.2.7)")
        dark_above = [y for y in range(sep[0]) if rows[y][1] > 0]
        if dark_above:
            gap = (to_pt(sep[0]) - to_pt(dark_above[-1])) / MM
            scheme = json.load(open(os.path.join(ex_dir, "scheme.json"), encoding="utf-8"))
            if scheme["notice"]["docNumber"] and abs(gap - 4) > 0.5:
                fail(f"{ex}: separator {gap:.2f} mm below the 发文字号, not 4 mm (7.2.7)")
        print(f"{ex}: mark {top_mm:.2f} mm below the 版心 top; separator {longest:.1f} pt wide")
    page1 = "".join(l["text"] for l in pages[0])
    for m in mark:
        if strip_ws(m) not in strip_ws(page1):
            fail(f"{ex}: 发文机关标志 line {m} not on page 1")

    # 6. the text, character for character
    got = ""
    for i in body_pages:
        for l in pages[i]:
            if FOOTER_RE.match(l["text"]):
                continue
            got += l["text"]
    got = strip_ws(got)
    for m in mark:  # the mark's lines come first; their order across table cells varies
        got = got.replace(strip_ws(m), "", 1)
    d = first_difference(got, expected)
    if d >= 0:
        fail(f"{ex}: text differs at character {d}: got …{got[max(0, d - 15):d + 15]}… expected …{expected[max(0, d - 15):d + 15]}…")
    else:
        print(f"{ex}: {len(expected)} characters of notice text equal to the transcription")

    # 4. the 版记
    if imprint:
        got_imprint = strip_ws("".join(l["text"] for l in pages[imprint_page] if not FOOTER_RE.match(l["text"])))
        if got_imprint != imprint:
            fail(f"{ex}: 版记 reads {got_imprint}, expected {imprint}")
        if (imprint_page + 1) % 2 != 0:
            fail(f"{ex}: 版记 on page {imprint_page + 1}, an odd page (7.4: the last even page)")
        rows, dpi = row_counts(pdf, imprint_page + 1, 144)
        rules = [y for y, (_, dark, _) in enumerate(rows) if dark * 72 / dpi > WIDTH_PT - 3]
        if not rules:
            fail(f"{ex}: no 版记 rules on page {imprint_page + 1}")
        else:
            last_mm = (BOTTOM - rules[-1] * 72 / dpi) / MM
            if abs(last_mm) > 1.0:
                fail(f"{ex}: last 版记 rule {last_mm:.2f} mm above the 版心's lower edge (7.4.1)")
            print(f"{ex}: 版记 on page {imprint_page + 1}, last rule {last_mm:.2f} mm from the 版心 bottom")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bangfu", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    for tool in ("pdftotext", "pdftoppm"):
        if not shutil.which(tool):
            print(f"skip: {tool} missing")
            return SKIP
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        print("skip: LibreOffice missing")
        return SKIP
    os.makedirs(args.work, exist_ok=True)
    seeds = os.path.join(args.source, "..", "shared", "seeds")
    if not os.path.isdir(seeds):
        seeds = "/work/shared/seeds"
    if os.path.isdir(seeds):
        r = run([sys.executable, os.path.join(args.source, "tools", "transcribe_notices.py"), "--seeds", seeds, "--check"])
        if r.returncode != 0:
            fail("notice.md differs from its seed transcription: " + r.stdout)
    else:
        print("note: no seed texts beside the checkout; the transcription check is left out")
    for ex in EXAMPLES:
        check_example(ex, args)
    for name, (_, blank) in SYNTHETIC.items():
        check_example(name, args, make_synthetic(name, args), blank)
    for name, (_, _, blank) in BOUND.items():
        check_example(name, args, make_bound(name, args), blank)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
