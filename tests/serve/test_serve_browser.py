"""`bangfu serve` end to end in a real browser: Debian's chromium and chromedriver,
driven headless by python3-selenium, as a clerk uses the page (issue 19):
blank workbook, a misspelt unit found at its cell, the fixed workbook previewed
with 合计 157/77, the DOCX compared with tests/golden, a project build with its
summary, a scheme re-uploaded with its 变更对照表, and a pasted list sorted.
Screenshots of each step go to the work folder, and to $BANGFU_SCREENSHOTS
(docs/img when the docs are refreshed)."""
import glob
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from common import Checker, norm, parse_args, run  # noqa: E402

try:
    import docx
    import openpyxl
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError as e:
    print(f"missing {e.name}: apt-get install python3-selenium python3-docx python3-openpyxl")
    sys.exit(77)

CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return [[norm(c) for c in line.rstrip("\n").split("\t")] for line in f if line.strip()]


def find_table(grid, golden):
    width = len(golden[0])
    for i, row in enumerate(grid):
        if row[:width] == golden[0]:
            return [r[:width] for r in grid[i:i + len(golden)]]
    return None


def wait_file(folder, pattern, timeout=60):
    """A finished download (Chromium writes NAME.crdownload until it is complete)."""
    end = time.time() + timeout
    while time.time() < end:
        hits = [p for p in glob.glob(os.path.join(folder, pattern)) if not p.endswith(".crdownload")]
        if hits and not glob.glob(os.path.join(folder, "*.crdownload")):
            return hits[0]
        time.sleep(0.2)
    return None


def notice_lines(path):
    """The paragraphs of a notice.md: the lines after the front matter, without the 附件 line."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    body = text.split("---", 2)[2] if text.startswith("---") else text
    lines = [l.strip().lstrip("\u3000") for l in body.splitlines()]
    return [l for l in lines if l and not l.startswith("附件：") and not l.startswith("#")]


def check_notice(ok, driver, source):
    """Every paragraph of the notice source, as written and in order, in the preview."""
    got = [norm(e.text) for e in driver.find_elements(
        By.CSS_SELECTOR, "#notice-card p.body, #notice-card p.plain, #notice-card p.h1p, #notice-card p.h2p")]
    ok.eq(got, [norm(l) for l in notice_lines(source)], f"the paragraphs of {os.path.basename(os.path.dirname(source))}/notice.md in the preview")


class Shots:
    def __init__(self, driver, work):
        self.driver, self.dirs = driver, [os.path.join(work, "img")]
        if os.environ.get("BANGFU_SCREENSHOTS"):
            self.dirs.append(os.environ["BANGFU_SCREENSHOTS"])
        for d in self.dirs:
            os.makedirs(d, exist_ok=True)

    def take(self, name):
        # The whole page, not only the window: the preview is long.
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        self.driver.set_window_size(1280, min(max(900, height), 2400))
        for d in self.dirs:
            self.driver.save_screenshot(os.path.join(d, f"serve-{name}.png"))
        self.driver.set_window_size(1280, 900)


def main():
    a = parse_args()
    ok = Checker()
    if not (os.path.exists(CHROMEDRIVER) and os.path.exists(CHROMIUM)):
        print("chromium/chromium-driver missing")
        sys.exit(77)
    work = a.work
    downloads = os.path.join(work, "downloads")
    os.makedirs(downloads)
    tmp = os.path.join(work, "tmp")
    os.makedirs(tmp)

    # The clerk's workbooks: lishui-2019 as `init --from` writes it, and one misspelt unit.
    fixed = os.path.join(work, "丽水2019.xlsx")
    run([a.bangfu, "init", "--from", os.path.join(a.source, "examples/lishui-2019/scheme.json"), "-o", fixed])
    wrong = os.path.join(work, "丽水2019-有错.xlsx")
    wb = openpyxl.load_workbook(fixed)
    wb["团组成员"]["C3"] = "市人房办"
    wb.save(wrong)
    project = os.path.join(work, "project")
    shutil.copytree(os.path.join(a.source, "examples/batch-demo"), project)

    port = free_port()
    env = dict(os.environ, LANG="C.UTF-8", TMPDIR=tmp)
    server = subprocess.Popen([a.bangfu, "serve", project, "--port", str(port)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env)
    url = None
    for _ in range(50):
        line = server.stdout.readline()
        m = re.search(r"(http://127\.0\.0\.1:\d+/\?token=[0-9a-f]+)", line)
        if m:
            url = m.group(1)
            break
    ok.true(url is not None, "serve printed its address with a token")
    if url is None:
        server.kill()
        ok.finish("serve browser")
        return

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=zh-CN"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"download.default_directory": downloads,
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    wait = WebDriverWait(driver, 60)
    shots = Shots(driver, work)
    try:
        # 1. Start: the blank workbook of a region.
        driver.get(url)
        wait.until(lambda d: len(Select(d.find_element(By.ID, "region-select")).options) >= 3)
        Select(driver.find_element(By.ID, "region-select")).select_by_value("lishui")
        shots.take("1-start")
        driver.find_element(By.ID, "blank-download").click()
        blank = wait_file(downloads, "帮扶方案输入表-*.xlsx")
        ok.true(blank is not None and blank.endswith("帮扶方案输入表-浙江省丽水市.xlsx"), f"blank workbook downloaded: {blank}")
        if blank:
            sheets = openpyxl.load_workbook(blank).sheetnames
            ok.true("填表说明" in sheets and "团组" in sheets and "附件设置" in sheets,
                    f"the blank workbook has 填表说明 and lishui's sheets: {sheets}")

        # 2. Check: the misspelt unit is reported at its cell, grouped by sheet.
        driver.find_element(By.CSS_SELECTOR, "#tabs button[data-tab=check]").click()
        driver.find_element(By.ID, "file-input").send_keys(wrong)
        item = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".diag-item[data-place='团组成员!C3']")))
        ok.true("error" in item.get_attribute("class") and "市人房办" in item.text and "市人防办" in item.text,
                f"the error at 团组成员!C3 names the typo and the fix: {item.text}")
        summary = driver.find_element(By.ID, "diag-summary").text
        # The warnings: 统计数字 (157 vs the text's 158) and the notice's missing 成文日期 (the seed has none).
        ok.true("1 个错误" in summary and "2 个警告" in summary, f"counts shown: {summary}")
        groups = [g.get_attribute("data-sheet") for g in driver.find_elements(By.CSS_SELECTOR, ".diag-group")]
        ok.eq(groups, ["", "团组成员", "统计数字"], "diagnostics grouped by sheet (the notice's under 其他)")
        shots.take("2-check")
        driver.find_element(By.ID, "dl-marked").click()
        marked = wait_file(downloads, "*-已标注.xlsx")
        ok.true(marked is not None, "marked workbook downloaded")
        if marked:
            ws = openpyxl.load_workbook(marked)["团组成员"]
            ok.true(ws["C3"].fill.fgColor.rgb == "FFFFC7CE" and ws["C3"].comment is not None,
                    "the marked workbook fills and comments 团组成员!C3")

        # 3. The fixed workbook: re-dropped, checked clean, previewed with 合计 157/77.
        driver.find_element(By.ID, "file-input").send_keys(fixed)
        wait.until(EC.element_to_be_clickable((By.ID, "go-preview"))).click()
        cards = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".appendix-card"))
        ok.eq(len(cards), 2, "two appendices previewed")
        totals = [c.text for c in driver.find_elements(By.CSS_SELECTOR, "table.doc tr.total td")]
        ok.true("157" in totals and "77" in totals, f"合计 157 and 77 in the preview: {totals}")
        heads = [c.text for c in driver.find_elements(By.CSS_SELECTOR, ".appendix-card table.doc th")]
        ok.true(any("工作组数" in h for h in heads), f"preview columns as the DOCX: {heads}")
        ok.true(len(driver.find_elements(By.CSS_SELECTOR, ".appendix-card .notes li")) >= 1, "说明 in the preview")
        # The notice itself before its appendices: 版头, 主送, every paragraph of notice.md as written, 附件说明.
        notice = driver.find_elements(By.ID, "notice-card")
        ok.eq(len(notice), 1, "the notice is previewed")
        if notice:
            order = driver.execute_script(
                "const n = document.getElementById('notice-card'), a = document.querySelector('.appendix-card');"
                "return !!(n.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING);")
            ok.true(order, "the notice comes before the appendices")
            check_notice(ok, driver, os.path.join(a.source, "examples/lishui-2019/notice.md"))
            issuer = driver.find_element(By.CSS_SELECTOR, "#notice-card .issuer").text
            ok.true("中共丽水市委办公室" in issuer and "丽水市人民政府办公室" in issuer and "文件" in issuer,
                    f"发文机关标志 of both issuers: {issuer}")
            ok.eq(driver.find_element(By.CSS_SELECTOR, "#notice-card .docno").text, "丽委办发〔2019〕23号", "发文字号")
            ok.eq(driver.find_element(By.CSS_SELECTOR, "#notice-card .recipients").text,
                  "各县（市、区）党委和人民政府，市直属各单位：", "主送机关")
            atts = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#notice-card .att")]
            ok.eq([norm(t) for t in atts], ["附件：1.市级领导结对帮扶方案", "2.市级结对帮扶团组安排方案"], "附件说明")
            red = driver.execute_script("return getComputedStyle(document.querySelector('#notice-card .issuer')).color")
            ok.eq(red, "rgb(212, 0, 0)", "the 发文机关标志 is red")
        shots.take("3-preview")
        if notice:
            driver.find_element(By.ID, "dl-notice-docx").click()
            whole = wait_file(downloads, "关于做好新一轮扶贫结对帮扶工作的通知.docx")
            ok.true(whole is not None, "the whole notice downloaded as 关于做好新一轮扶贫结对帮扶工作的通知.docx")
            if whole:
                d = docx.Document(whole)
                texts = [norm(p.text) for p in d.paragraphs]
                first = norm(notice_lines(os.path.join(a.source, "examples/lishui-2019/notice.md"))[0])
                ok.true(first in texts and any("丽委办发〔2019〕23号" in t for t in texts),
                        "its DOCX has the 发文字号 and the first paragraph")
                # Table 1 is the stacked 发文机关标志 (7.2.4); the appendices' tables follow, bound in.
                golden = read_tsv(os.path.join(a.source, "tests/golden/lishui-2019/teams.tsv"))
                # rows cut at a page boundary are joined again (docs/typesetting.md "Rows across pages")
                from golden_compare import fold_cut_rows
                grids = [fold_cut_rows([[norm(c.text) for c in row.cells] for row in t.rows]) for t in d.tables]
                ok.true(any(find_table(g, golden) == golden for g in grids),
                        "and the team appendix bound in, equal to tests/golden/lishui-2019/teams.tsv")
        # Page images on request (LibreOffice + pdftoppm), where LibreOffice is installed.
        if shutil.which("soffice") or shutil.which("libreoffice"):
            first = cards[0]
            driver.find_element(By.ID, "pages-" + first.get_attribute("data-index")).click()
            img = WebDriverWait(driver, 180).until(lambda d: first.find_elements(By.CSS_SELECTOR, ".pages img"))
            WebDriverWait(driver, 30).until(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img[0]))
            width = driver.execute_script("return arguments[0].naturalWidth", img[0])
            ok.true(width > 500, f"a page image of 附件1 ({width} px wide)")
        else:
            print("LibreOffice not installed: page images not tried in the browser")

        # 3b. A notice with 署名, 成文日期, 附注 and 版记: Zhejiang 2014 (no plugin: the notice alone).
        zhejiang = os.path.join(work, "浙江2014.xlsx")
        run([a.bangfu, "init", "--from", os.path.join(a.source, "examples/zhejiang-2014/scheme.json"), "-o", zhejiang])
        driver.find_element(By.CSS_SELECTOR, "#tabs button[data-tab=check]").click()
        driver.find_element(By.ID, "file-input").send_keys(zhejiang)
        wait.until(lambda d: "浙江2014.xlsx" in d.find_element(By.ID, "check-title").text)
        wait.until(EC.element_to_be_clickable((By.ID, "go-preview"))).click()
        wait.until(EC.presence_of_element_located((By.ID, "notice-card")))
        check_notice(ok, driver, os.path.join(a.source, "examples/zhejiang-2014/notice.md"))
        sig = driver.find_element(By.CSS_SELECTOR, "#notice-card .signature").text.splitlines()
        ok.eq(sig, ["中共浙江省委办公厅", "浙江省人民政府办公厅", "2014年1月24日"], "署名 and 成文日期")
        ok.eq(driver.find_element(By.CSS_SELECTOR, "#notice-card .annotation").text, "（此件公开发布）", "附注")
        printer = driver.find_element(By.CSS_SELECTOR, "#notice-card .imprint .printer").text
        ok.true("中共浙江省委办公厅" in printer and "2014年1月27日印发" in printer, f"版记: {printer}")
        ok.true(driver.find_element(By.ID, "dl-zip").find_element(By.XPATH, "..").get_attribute("hidden") is not None,
                "no appendix zip offered for the notice alone")
        shots.take("3b-notice")
        driver.find_element(By.ID, "dl-notice-docx").click()
        # Both notices have the same title; Chromium names the second download "… (1).docx".
        zj = wait_file(downloads, "关于做好新一轮扶贫结对帮扶工作的通知 (1).docx")
        ok.true(zj is not None, "the Zhejiang notice DOCX downloaded")
        if zj:
            d = docx.Document(zj)
            texts = [norm(p.text) for p in d.paragraphs]
            cells = [norm(c.text) for t in d.tables for row in t.rows for c in row.cells]
            ok.true("2014年1月24日" in texts and "（此件公开发布）" in texts, "its DOCX has the 成文日期 and 附注")
            ok.true(any("2014年1月27日印发" in c for c in cells), f"and the 版记 (印发): {cells}")
        # Back to Lishui for the downloads below.
        driver.find_element(By.CSS_SELECTOR, "#tabs button[data-tab=check]").click()
        driver.find_element(By.ID, "file-input").send_keys(fixed)
        wait.until(lambda d: "丽水2019.xlsx" in d.find_element(By.ID, "check-title").text and d.find_elements(By.ID, "go-preview"))
        driver.find_element(By.ID, "go-preview").click()
        cards = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".appendix-card"))

        # 4. Download the DOCX of the team appendix and compare its table with the golden one.
        team = [c for c in cards if "团组" in c.find_element(By.TAG_NAME, "h2").text][0]
        index = team.get_attribute("data-index")
        driver.find_element(By.ID, f"dl-docx-{index}").click()
        got = wait_file(downloads, "附件2-市级结对帮扶团组安排方案.docx")
        ok.true(got is not None, "DOCX downloaded under the office's name 附件2-市级结对帮扶团组安排方案.docx")
        if got:
            d = docx.Document(got)
            from golden_compare import fold_cut_rows  # rows cut at a page boundary, joined
            grid = fold_cut_rows([[norm(c.text) for c in row.cells] for row in d.tables[0].rows])
            golden = read_tsv(os.path.join(a.source, "tests/golden/lishui-2019/teams.tsv"))
            ok.eq(find_table(grid, golden), golden, "the downloaded DOCX table equals tests/golden/lishui-2019/teams.tsv")

        # 5. Project: one build with live progress, ending with the summary.
        driver.find_element(By.CSS_SELECTOR, "#tabs button[data-tab=project]").click()
        wait.until(EC.element_to_be_clickable((By.ID, "build-button"))).click()
        counts = wait.until(EC.presence_of_element_located((By.ID, "build-counts")))
        text = counts.text
        ok.true("重建" in text and "内容未变" in text and "跳过" in text and "删除" in text and "失败" in text,
                f"the summary counts: {text}")
        m = re.search(r"重建\s*(\d+)", text)
        ok.true(m is not None and int(m.group(1)) > 0, f"the first build rebuilt outputs: {text}")
        ok.true("失败 0" in text.replace("\n", " "), f"nothing failed: {text}")
        log = driver.find_element(By.ID, "build-log").text
        ok.true("[1/" in log, f"live progress lines: {log[:200]}")
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#output-list a")) > 0)
        ok.true("共" in driver.find_element(By.ID, "outputs-count").text, "the outputs are listed with their count")
        shots.take("4-build")

        # 6. A scheme uploaded again replaces the old one (kept as a version); the 变更对照表 shows the change.
        scheme = json.load(open(os.path.join(project, "schemes/lishui-2019.json"), encoding="utf-8"))
        text = json.dumps(scheme, ensure_ascii=False).replace("市人防办", "市人民防空办公室")
        changed = os.path.join(work, "lishui-2019.json")
        with open(changed, "w", encoding="utf-8") as f:
            f.write(text)
        rows = driver.find_elements(By.CSS_SELECTOR, "#scheme-table tbody tr")
        lishui = [i for i, r in enumerate(rows) if "lishui" in r.text][0]
        driver.find_element(By.ID, f"scheme-file-{lishui}").send_keys(changed)
        wait.until(EC.element_to_be_clickable((By.ID, f"diff-{lishui}"))).click()
        view = wait.until(EC.presence_of_element_located((By.ID, "diff-view")))
        ok.true("市人民防空办公室" in view.text and "市人防办" in view.text, "the 变更对照表 shows old and new name")
        ok.eq(len(glob.glob(os.path.join(project, ".bangfu-versions", "*", "*lishui-2019.json"))), 1,
              "the old scheme kept as a version")
        shots.take("5-diff")
        driver.find_element(By.ID, "build-button").click()
        wait.until(lambda d: "重建" in d.find_element(By.ID, "build-summary").text)
        text = driver.find_element(By.ID, "build-counts").text.replace("\n", " ")
        ok.true("跳过" in text and not re.search(r"重建 0 ", text), f"the second build rebuilt only what changed: {text}")

        # 7. Names: a pasted list, sorted by 姓氏笔画, padded, the repeat marked.
        driver.find_element(By.CSS_SELECTOR, "#tabs button[data-tab=names]").click()
        driver.find_element(By.ID, "names-input").send_keys("欧阳修、张伟，丁一 李红\n王　峰　　张伟")
        driver.find_element(By.ID, "names-sort").click()
        wait.until(lambda d: d.find_element(By.ID, "names-output").get_attribute("value"))
        out = driver.find_element(By.ID, "names-output").get_attribute("value")
        ok.eq(out.splitlines(), ["丁\u3000一\u3000\u3000王\u3000峰\u3000\u3000李\u3000红\u3000\u3000张\u3000伟",
                                 "张\u3000伟\u3000\u3000欧阳修"], "sorted and padded, four a line")
        dups = [s.text for s in driver.find_elements(By.CSS_SELECTOR, "#names-list span.dup")]
        ok.eq(dups, ["张\u3000伟"], "the repeated name is marked")
        shots.take("6-names")
        errors = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
        ok.eq(errors, [], "no errors in the browser console")
    finally:
        driver.quit()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    ok.eq(server.returncode, 0, "serve stops cleanly on SIGTERM")
    ok.eq(os.listdir(tmp), [], "the upload folder is removed when serve stops")
    ok.finish("serve browser")


main()
