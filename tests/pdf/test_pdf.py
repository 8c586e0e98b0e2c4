"""PDF output through the CLI, read back with poppler (docs/pdf.md).

1. A missing LibreOffice (BANGFU_SOFFICE pointing nowhere) gives exit 3, the
   install hint, and writes nothing, not even the DOCX of the same run.
2. `bangfu render examples/lishui-2019/scheme.json --format docx,pdf`: the PDF's
   pages follow the DOCX (each appendix label opens a page, in DOCX order; every
   table cell of an appendix appears on that appendix's pages; page numbers
   "— N —" run on; each cell whole, one run of the page's text in reading or in
   drawing order, see page_texts), and the faces embedded are the ones
   fonts/fonts.conf maps the DOCX's font names to (pdffonts), with 仿宋 and 黑体
   distinct.
3. `bangfu table DATA.csv -o OUT.pdf` gives a one-page PDF with the cells.

Exit 77 (skipped) when LibreOffice or poppler-utils is missing, after step 1;
a failure instead under BANGFU_REQUIRE_ALL=1 or CI=true (tests/must_run.py).
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import must_run  # noqa: E402
_SPACE = re.compile(r"[\s\u3000]+")


def norm(text):
    return _SPACE.sub("", text or "")


def without_page_number(text):
    """A page's text without its "— N —" (the last one, as the page-number check
    reads it). On landscape pages the number stands turned in the left margin
    (GB/T 9704-2012 8; docs/typesetting.md "Landscape sections"), at the top on even
    pages, so pdftotext may read it before or inside the first line."""
    m = list(re.finditer(r"—\d+—", text))
    return text[:m[-1].start()] + text[m[-1].end():] if m else text


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--bangfu", required=True)
    p.add_argument("--source", required=True)
    p.add_argument("--work", required=True)
    a = p.parse_args()
    # fontconfig reads a relative FONTCONFIG_FILE against its own folder, not ours.
    a.source = os.path.abspath(a.source)
    a.work = os.path.abspath(a.work)
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work, exist_ok=True)
    return a


def run(cmd, env=None):
    e = dict(os.environ)
    e.setdefault("LANG", "C.UTF-8")
    e.update(env or {})
    return subprocess.run(cmd, capture_output=True, text=True, env=e, timeout=600)


class Checker:
    def __init__(self):
        self.failures = []
        self.checks = 0

    def true(self, cond, what):
        self.checks += 1
        if not cond:
            self.failures.append(what)
        return cond


def have(tool):
    return shutil.which(tool) is not None


def files_under(d):
    return sorted(os.path.relpath(os.path.join(r, f), d) for r, _, fs in os.walk(d) for f in fs)


def page_texts(pdf, raw=False):
    """Each page's text, whitespace removed: in pdftotext's reading order, or with
    `raw` in the order the PDF draws it (pdftotext -raw). A cell must be one run
    of either: LibreOffice draws a table cell's lines one after the other, so a
    cell that wraps is whole in the raw text, where reading order interleaves it
    with its neighbours' lines; a glyph from a fallback face (旻) is drawn after
    its line, so such a one-line cell is whole in reading order only."""
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    mode = ["-raw"] if raw else []
    return [norm(subprocess.run(["pdftotext", *mode, "-f", str(i), "-l", str(i), pdf, "-"],
                                capture_output=True, text=True).stdout) for i in range(1, pages + 1)]


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_appendices(path):
    """[(label, title, [cell texts])] in document order, read from document.xml:
    an appendix starts at a paragraph that is exactly 附件N (GB/T 9704 7.3.7),
    its title is the next non-empty paragraph."""
    import xml.etree.ElementTree as ET
    with zipfile.ZipFile(path) as z:
        body = ET.fromstring(z.read("word/document.xml")).find(W + "body")
    apps = []
    want_title = False
    for el in body:
        if el.tag == W + "p":
            text = norm("".join(t.text or "" for t in el.iter(W + "t")))
            if re.fullmatch(r"附件\d*", text):
                apps.append([text, None, []])
                want_title = True
            elif text and want_title:
                apps[-1][1] = text
                want_title = False
        elif el.tag == W + "tbl" and apps:
            for tc in el.iter(W + "tc"):
                text = norm("".join(t.text or "" for t in tc.iter(W + "t")))
                if text:
                    apps[-1][2].append(text)
    return apps


def docx_font_names(path):
    """Every font name the DOCX asks for: w:rFonts in the document, styles,
    footers and font table (ECMA-376 17.3.2.26)."""
    names = set()
    with zipfile.ZipFile(path) as z:
        for part in z.namelist():
            if part.startswith("word/") and part.endswith(".xml"):
                xml = z.read(part).decode("utf-8")
                for tag in re.findall(r"<w:rFonts\b[^>]*>", xml):
                    names.update(re.findall(r'w:(?:ascii|hAnsi|eastAsia)="([^"]+)"', tag))
    return names


def family_key(name):
    """Comparable key for a fontconfig family or a PDF BaseFont: spaces and the
    subset tag dropped, style suffix dropped, Noto CJK's region dropped
    ("Noto Serif CJK SC" and "NotoSerifCJKjp-Bold-VKana" → NotoSerifCJK)."""
    name = name.split("+", 1)[-1].split("-", 1)[0].replace(" ", "")
    m = re.match(r"(Noto(?:Serif|Sans)CJK)", name)
    return m.group(1) if m else name


def mapped(conf, name):
    r = subprocess.run(["fc-match", "-f", "%{family[0]}", name], capture_output=True, text=True,
                       env=dict(os.environ, FONTCONFIG_FILE=conf))
    return family_key(r.stdout.strip())


def embedded(pdf):
    out = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout.splitlines()[2:]
    return {family_key(line.split()[0]): line for line in out if line.strip()}


def check_missing_libreoffice(a, c, scheme):
    out = os.path.join(a.work, "no-lo")
    r = run([a.bangfu, "render", scheme, "--format", "docx,pdf", "--out", out],
            env={"BANGFU_SOFFICE": os.path.join(a.work, "no-such-soffice"), "LANG": "zh_CN.UTF-8"})
    c.true(r.returncode == 3, f"missing LibreOffice: exit {r.returncode}, want 3\n{r.stderr}")
    c.true("未找到 LibreOffice" in r.stderr, f"missing LibreOffice: message\n{r.stderr}")
    c.true("apt-get install -y libreoffice-writer-nogui" in r.stderr, f"missing LibreOffice: install hint\n{r.stderr}")
    left = files_under(out) if os.path.isdir(out) else []
    c.true(not left, f"missing LibreOffice: nothing may be written, found {left}")


def check_render(a, c, scheme, conf):
    out = os.path.join(a.work, "render")
    # The appendices' pages; the whole notice's PDF is tests/render/test_notice_render.py's.
    r = run([a.bangfu, "render", scheme, "--format", "docx,pdf", "--appendices-only", "--out", out])
    if not c.true(r.returncode == 0, f"render --format docx,pdf: exit {r.returncode}\n{r.stderr}"):
        return
    docxs = [f for f in files_under(out) if f.endswith(".docx")]
    pdfs = [f for f in files_under(out) if f.endswith(".pdf")]
    c.true(len(pdfs) == len(docxs) >= 1, f"one PDF per DOCX: {docxs} {pdfs}")
    for name in docxs:
        stem = name[:-len(".docx")]
        docx_path, pdf_path = os.path.join(out, name), os.path.join(out, stem + ".pdf")
        if not c.true(os.path.exists(pdf_path), f"{pdf_path} written"):
            continue
        pages = page_texts(pdf_path)
        drawn = page_texts(pdf_path, raw=True)
        apps = docx_appendices(docx_path)
        c.true(len(apps) >= 1, f"{name}: appendices found in the DOCX")
        c.true(len(pages) >= len(apps), f"{name}: {len(pages)} pages for {len(apps)} appendices")

        # Each appendix label opens a page (GB/T 9704 7.3.7: 附件N on line 1),
        # in order; its title follows; its pages run to the next label.
        starts = []
        bodies = [without_page_number(t) for t in pages]
        for label, title, _ in apps:
            after = starts[-1] + 1 if starts else 0
            found = next((i for i in range(after, len(pages)) if bodies[i].startswith(label)), None)
            if not c.true(found is not None, f"{name}: no page after {after} opens with {label}"):
                break
            starts.append(found)
            c.true(bodies[found][len(label):].startswith(title or ""),
                   f"{name}: page {found + 1} title, want {title}: {bodies[found][:60]}")
        if len(starts) == len(apps):
            c.true(starts[0] == 0, f"{name}: the PDF opens with {apps[0][0]}")
            for k, (label, _, cells) in enumerate(apps):
                end = starts[k + 1] if k + 1 < len(apps) else len(pages)
                read = "".join(pages[starts[k]:end])
                text = "".join(drawn[starts[k]:end])
                missing = [t for t in cells if t not in text and t not in read]
                c.true(not missing, f"{name}: {label} cells not on its pages {starts[k] + 1}-{end}: {missing[:5]}")

        # Page numbers "— N —" (GB/T 9704 7.5) run on from page to page.
        numbers = []
        for text in pages:
            m = re.findall(r"—(\d+)—", text)
            numbers.append(int(m[-1]) if m else None)
        c.true(None not in numbers, f"{name}: every page has a page number: {numbers}")
        if None not in numbers:
            c.true(numbers == list(range(numbers[0], numbers[0] + len(numbers))), f"{name}: page numbers {numbers}")

        # Faces: every embedded font is what fonts.conf maps a name in the DOCX
        # to, and the body (仿宋), label (黑体), page number (宋体) faces are there.
        requested = docx_font_names(docx_path)
        want = {mapped(conf, n): n for n in requested}
        got = embedded(pdf_path)
        stray = {k: v for k, v in got.items() if k not in want}
        c.true(not stray, f"{name}: embedded faces not mapped from the DOCX's names {sorted(requested)}: {stray}")
        for role in ("仿宋_GB2312", "黑体", "宋体"):
            if role in requested:
                c.true(mapped(conf, role) in got, f"{name}: {role} → {mapped(conf, role)} not embedded: {sorted(got)}")
        c.true(mapped(conf, "仿宋_GB2312") != mapped(conf, "黑体"), "仿宋 and 黑体 map to distinct faces")
        unembedded = [line for line in got.values() if " yes " not in line]
        c.true(not unembedded, f"{name}: fonts not embedded: {unembedded}")
        print(f"{name}: {len(pages)} pages, faces {sorted(got)}")


def check_table(a, c):
    csv = os.path.join(a.work, "data.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write("县（市、区）,结对单位\n莲都区,市农业农村局\n龙泉市,市文联\n")
    pdf = os.path.join(a.work, "table", "附件1.pdf")
    r = run([a.bangfu, "table", csv, "-o", pdf, "--label", "附件1", "--title", "结对关系一览表"])
    if not c.true(r.returncode == 0, f"table -o x.pdf: exit {r.returncode}\n{r.stderr}"):
        return
    pages = page_texts(pdf)
    c.true(len(pages) == 1, f"table PDF: {len(pages)} pages, want 1")
    c.true(pages[0].startswith("附件1结对关系一览表"), f"table PDF opens with label and title: {pages[0][:40]}")
    for cell in ("县（市、区）", "结对单位", "莲都区市农业农村局", "龙泉市市文联"):
        c.true(cell in pages[0], f"table PDF: {cell} missing: {pages[0]}")


def main():
    a = parse_args()
    c = Checker()
    scheme = os.path.join(a.source, "examples", "lishui-2019", "scheme.json")
    conf = os.path.join(a.source, "fonts", "fonts.conf")
    check_missing_libreoffice(a, c, scheme)
    tools = ["pdftotext", "pdfinfo", "pdffonts", "fc-match"]
    lo = os.environ.get("BANGFU_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
    if not lo or not all(have(t) for t in tools):
        report(c)
        must_run.skip("LibreOffice or poppler-utils missing: conversion checks not run")
    check_render(a, c, scheme, conf)
    check_table(a, c)
    report(c)
    sys.exit(0)


def report(c):
    if c.failures:
        print("\n".join(c.failures[:40]))
        print(f"test_pdf: {len(c.failures)} of {c.checks} checks failed")
        sys.exit(1)
    print(f"test_pdf: {c.checks} checks passed")


if __name__ == "__main__":
    main()
