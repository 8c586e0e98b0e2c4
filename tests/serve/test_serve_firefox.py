"""`bangfu serve` in Firefox (issue 19): Debian 12's firefox-esr, headless, driven
over its Marionette protocol by tests/serve/marionette.py (Debian has no
geckodriver for Selenium). The clerk's main workflow: the blank workbook of a
region downloaded, a misspelt unit found at its cell, the fixed workbook previewed
with the whole notice and 合计 157/77, the team appendix's DOCX downloaded by a
click and its table compared with tests/golden, a pasted list sorted; no error in
the page. A screenshot goes to the work folder and to $BANGFU_SCREENSHOTS."""
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
sys.path.insert(0, os.path.dirname(__file__))
from common import SKIP, Checker, norm, parse_args, run  # noqa: E402

try:
    import docx
    import openpyxl
except ImportError as e:
    print(f"missing {e.name}: apt-get install python3-docx python3-openpyxl")
    sys.exit(SKIP)
from marionette import Firefox  # noqa: E402

FIREFOX = shutil.which("firefox-esr") or shutil.which("firefox")


def wait_file(folder, pattern, timeout=60):
    """A finished download (Firefox writes NAME.part beside it until it is complete)."""
    end = time.time() + timeout
    while time.time() < end:
        hits = [p for p in glob.glob(os.path.join(folder, pattern)) if not p.endswith(".part")]
        if hits and not glob.glob(os.path.join(folder, "*.part")) and os.path.getsize(hits[0]) > 0:
            return hits[0]
        time.sleep(0.2)
    return None


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return [[norm(c) for c in line.rstrip("\n").split("\t")] for line in f if line.strip()]


def main():
    a = parse_args()
    ok = Checker()
    if not FIREFOX:
        print("firefox-esr missing (apt-get install firefox-esr)")
        sys.exit(SKIP)
    work = a.work
    downloads = os.path.join(work, "downloads")
    tmp = os.path.join(work, "tmp")
    os.makedirs(downloads)
    os.makedirs(tmp)
    fixed = os.path.join(work, "丽水2019.xlsx")
    run([a.bangfu, "init", "--from", os.path.join(a.source, "examples/lishui-2019/scheme.json"), "-o", fixed])
    wrong = os.path.join(work, "丽水2019-有错.xlsx")
    wb = openpyxl.load_workbook(fixed)
    wb["团组成员"]["C3"] = "市人房办"
    wb.save(wrong)

    server = subprocess.Popen([a.bangfu, "serve"], stdout=subprocess.PIPE, text=True,
                              env=dict(os.environ, LANG="C.UTF-8", TMPDIR=tmp))
    m = re.search(r"(http://127\.0\.0\.1:\d+/\?token=[0-9a-f]+)", server.stdout.readline() + server.stdout.readline())
    ok.true(m is not None, "serve printed its address")
    shots = [os.path.join(work, "img")] + ([os.environ["BANGFU_SCREENSHOTS"]] if os.environ.get("BANGFU_SCREENSHOTS") else [])
    for d in shots:
        os.makedirs(d, exist_ok=True)
    ff = Firefox(FIREFOX, downloads)
    try:
        ok.eq(ff.capabilities["browserName"], "firefox", f"driving Firefox {ff.capabilities['browserVersion']} headless")
        ff.get(m.group(1))
        # Uncaught errors of the page's script are collected from here on.
        ff.js("window.__errors = []; window.addEventListener('error', (e) => window.__errors.push(String(e.message)));"
              "window.addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason)));")
        ok.true(ff.wait("return document.querySelectorAll('#region-select option').length >= 3"), "regions listed")
        ok.eq(ff.js("return document.documentElement.lang"), "zh-CN", "the page is Chinese")

        # 1. The blank workbook of Lishui, downloaded by a click.
        ff.js("const s = document.getElementById('region-select'); s.value = 'lishui'; s.dispatchEvent(new Event('change'));")
        ff.click("#blank-download")
        blank = wait_file(downloads, "帮扶方案输入表-*.xlsx")
        ok.true(blank is not None and os.path.basename(blank) == "帮扶方案输入表-浙江省丽水市.xlsx",
                f"blank workbook downloaded under its Chinese name: {blank}")
        if blank:
            ok.true("团组" in openpyxl.load_workbook(blank).sheetnames, "with lishui's sheets")

        # 2. Check: the misspelt unit at its cell.
        ff.click("#tabs button[data-tab=check]")
        ff.send_keys("#file-input", wrong)
        place = ff.wait("const e = document.querySelector(\".diag-item[data-place='团组成员!C3']\"); return e && e.textContent")
        ok.true(place and "市人房办" in place and "市人防办" in place, f"the error at 团组成员!C3 with the fix: {place}")
        summary = ff.js("return document.getElementById('diag-summary').textContent")
        ok.true("1 个错误" in summary, f"counts shown: {summary}")

        # 3. The fixed workbook: the whole notice, then the appendices with 合计 157/77.
        ff.send_keys("#file-input", fixed)
        ok.true(ff.wait("return document.getElementById('go-preview')"), "checked without errors")
        ff.click("#go-preview")
        ok.true(ff.wait("return document.querySelectorAll('.appendix-card').length === 2"), "two appendices previewed")
        notice = ff.js("const n = document.getElementById('notice-card'); return n && n.textContent")
        ok.true(notice and "丽委办发〔2019〕23号" in notice and "一、范围对象" in notice and "附件：" in notice,
                "the notice previewed: 发文字号, headings, 附件说明")
        totals = ff.js("return [...document.querySelectorAll('table.doc tr.total td')].map((e) => e.textContent)")
        ok.true("157" in totals and "77" in totals, f"合计 157 and 77: {totals}")
        red = ff.js("return getComputedStyle(document.querySelector('#notice-card .issuer')).color")
        ok.eq(red, "rgb(212, 0, 0)", "the 发文机关标志 is red in Firefox too")
        for d in shots:
            ff.screenshot(os.path.join(d, "serve-firefox-preview.png"))

        # 4. The team appendix's DOCX, downloaded by a click, equal to the golden table.
        index = ff.js("return [...document.querySelectorAll('.appendix-card')].find((c) => c.querySelector('h2').textContent.includes('团组')).dataset.index")
        ff.click(f"#dl-docx-{index}")
        got = wait_file(downloads, "附件2-市级结对帮扶团组安排方案.docx")
        ok.true(got is not None, "DOCX downloaded as 附件2-市级结对帮扶团组安排方案.docx")
        if got:
            from golden_compare import fold_cut_rows  # rows cut at a page boundary, joined
            grid = fold_cut_rows([[norm(c.text) for c in row.cells] for row in docx.Document(got).tables[0].rows])
            golden = read_tsv(os.path.join(a.source, "tests/golden/lishui-2019/teams.tsv"))
            start = next((i for i, r in enumerate(grid) if r[:len(golden[0])] == golden[0]), None)
            ok.eq(None if start is None else [r[:len(golden[0])] for r in grid[start:start + len(golden)]], golden,
                  "the DOCX table equals tests/golden/lishui-2019/teams.tsv")

        # 5. Names pasted and sorted by 姓氏笔画.
        ff.click("#tabs button[data-tab=names]")
        ff.send_keys("#names-input", "欧阳修、张伟，丁一 李红\n王　峰　　张伟")
        ff.click("#names-sort")
        out = ff.wait("return document.getElementById('names-output').value")
        ok.eq((out or "").splitlines(), ["丁\u3000一\u3000\u3000王\u3000峰\u3000\u3000李\u3000红\u3000\u3000张\u3000伟",
                                         "张\u3000伟\u3000\u3000欧阳修"], "sorted and padded, four a line")
        ok.eq(ff.js("return window.__errors"), [], "no uncaught error in the page")
    finally:
        ff.quit()
        shutil.rmtree(ff.profile, ignore_errors=True)
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    ok.eq(server.returncode, 0, "serve stops cleanly")
    ok.finish("serve firefox")


main()
