"""PDF in `bangfu build` (issue 18 item 14; docs/batch.md "PDF").

The project is examples/batch-demo with its schemes' summary appendices only
(entities false: 6 documents) in docx and pdf. LibreOffice is reached through a
wrapper (BANGFU_SOFFICE) that logs each run's pid, arguments and exit, so the
tests see how many LibreOffice processes ran, with which profile and which files.

1. A missing LibreOffice (BANGFU_SOFFICE naming no program) is one error line
   saying how to install it, Chinese by default and English under LANG=en_US,
   exit 3, and nothing is written: no output folder, no lock file.
2. `formats` with pdf: every PDF holds its DOCX's text (pdftotext); --jobs 2 ran
   two LibreOffice processes, each with its own profile under $TMPDIR, removed
   afterwards, and a staging folder inside the output folder, removed too; the
   manifest lists the PDFs. A second build converts nothing and touches nothing.
   A change to one scheme converts that scheme's PDFs only. Dropping pdf from
   `formats` removes the PDFs (the manifest's stale outputs).
3. kill -9 of the build while LibreOffice converts, and again right after it
   finished: every PDF is the old file or the new one, never torn; the next build
   completes, equals a clean build byte for byte and leaves no staging folder.
4. A hung LibreOffice (a fake that sleeps) is killed at BANGFU_PDF_TIMEOUT with
   a clear error, exit 3; the DOCX files are written, the process is gone.

Exit 77 (skipped) without LibreOffice or poppler-utils, after part 1 and 4;
a failure instead under BANGFU_REQUIRE_ALL=1 or CI=true (tests/must_run.py).
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import must_run  # noqa: E402

import batch_runner  # noqa: E402

ARGS = None
WORK = None
ENV = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="", LC_MESSAGES="")
ENV.pop("BANGFU_SOFFICE", None)
ENV.pop("BANGFU_PDF_TIMEOUT", None)
_SPACE = re.compile(r"[\s\u3000]+")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def norm(text):
    return _SPACE.sub("", text or "")


def real_soffice():
    for name in ("soffice", "libreoffice"):
        if shutil.which(name):
            return shutil.which(name)
    for p in ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice"):
        if os.access(p, os.X_OK):
            return p
    return None


def bangfu(*args, env=None, check=True, timeout=600):
    e = dict(ENV)
    e.update(env or {})
    r = subprocess.run([ARGS.bangfu, *map(str, args)], capture_output=True, text=True, env=e, timeout=timeout)
    if check and r.returncode != 0:
        raise AssertionError(f"bangfu {' '.join(map(str, args))} exited {r.returncode}:\n{r.stdout}\n{r.stderr}")
    return r


def project(name, formats=("docx", "pdf")):
    dest = WORK / name
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(Path(ARGS.source) / "examples" / "batch-demo", dest,
                    ignore=shutil.ignore_patterns("out", ".bangfu.lock"))
    p = json.loads((dest / "bangfu-project.json").read_text(encoding="utf-8"))
    p["formats"] = list(formats)
    p["schemes"] = [dict(s, entities=False) for s in p["schemes"]]
    (dest / "bangfu-project.json").write_text(json.dumps(p, ensure_ascii=False, indent=1), encoding="utf-8")
    return dest


def wrapper(name):
    """A launcher that logs `start PID<TAB>arg…`, runs the real soffice, logs `done PID RC`."""
    log = WORK / f"{name}.log"
    script = WORK / f"{name}.sh"
    log.write_text("")
    script.write_text("#!/bin/sh\n"
                      # One write per line (O_APPEND): two runs at -j2 must not interleave.
                      "line=\"start $$\"; tab=$(printf '\\t')\n"
                      "for a in \"$@\"; do line=\"$line$tab$a\"; done\n"
                      f"printf '%s\\n' \"$line\" >> '{log}'\n"
                      f"'{real_soffice()}' \"$@\"; rc=$?\n"
                      f"echo \"done $$ $rc\" >> '{log}'\nexit $rc\n")
    script.chmod(0o755)
    return script, log


def runs(log):
    """[(pid, args)] of the LibreOffice runs logged so far."""
    out = []
    for line in Path(log).read_text().splitlines():
        if line.startswith("start "):
            parts = line[len("start "):].split("\t")
            out.append((int(parts[0]), parts[1:]))
    return out


def staged(args):
    return [a for a in args if a.endswith(".docx")]


def profile_of(args):
    url = next(a for a in args if a.startswith("-env:UserInstallation="))[len("-env:UserInstallation=file://"):]
    return re.sub(r"%([0-9A-F]{2})", lambda m: chr(int(m.group(1), 16)), url)


def outputs(proj, ext=None):
    out = proj / "out"
    # A build running beside the walk removes its staging folder when it is done: a
    # folder that vanishes while it is being listed is walked again.
    for attempt in range(100):
        try:
            found = sorted(out.rglob("*"))
            break
        except FileNotFoundError:
            if attempt == 99:
                raise
    return {str(p.relative_to(out)): p for p in found
            if p.name != ".bangfu-manifest.json" and (ext is None or p.suffix == ext)
            and not p.parent.name.startswith(".bangfu-stage-") and p.is_file()}


def manifest(proj):
    return json.loads((proj / "out" / ".bangfu-manifest.json").read_text(encoding="utf-8"))["outputs"]


def stage_folders(proj):
    return [p for p in (proj / "out").rglob(".bangfu-stage-*")]


def docx_texts(path):
    """Every paragraph's text (table cells included), whitespace removed."""
    import xml.etree.ElementTree as ET
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    texts = [norm("".join(t.text or "" for t in p.iter(W + "t"))) for p in root.iter(W + "p")]
    return [t for t in texts if t]


def pdf_text(path, raw):
    return norm(subprocess.run(["pdftotext", *(["-raw"] if raw else []), str(path), "-"],
                               capture_output=True, text=True, check=True).stdout)


def edit_scheme(proj, name, fn):
    path = proj / "schemes" / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    fn(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def new_date(data):
    # Another 成文日期: the PDFs' /CreationDate changes with it (util::outputEpoch).
    data["notice"]["date"] = "2021年3月1日"


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def kill_runs(log):
    """What a killed build left running: each LibreOffice run is its own process group."""
    for pid, _ in runs(log):
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


# ---- 1 -------------------------------------------------------------------------------

def test_missing_libreoffice_is_one_error_and_writes_nothing():
    proj = project("missing")
    before = sorted(p.name for p in proj.iterdir())
    for lang, words in (("zh_CN.UTF-8", ["未找到 LibreOffice", "apt-get install -y libreoffice-writer-nogui"]),
                        ("en_US.UTF-8", ["LibreOffice not found", "apt-get install -y libreoffice-writer-nogui"])):
        r = bangfu("build", proj, "-j", "2", env={"BANGFU_SOFFICE": str(WORK / "no-such-soffice"), "LANG": lang},
                   check=False)
        assert r.returncode == 3, (r.returncode, r.stdout, r.stderr)
        lines = [l for l in r.stderr.splitlines() if l.strip()]
        assert len(lines) == 1, r.stderr
        for w in words + ["no-such-soffice"]:
            assert w in lines[0], (w, lines[0])
        assert r.stdout == "", r.stdout
        assert sorted(p.name for p in proj.iterdir()) == before, sorted(p.name for p in proj.iterdir())
    # Under LANG=en_* the line is English only.
    assert not re.search(r"[\u4e00-\u9fff]", lines[0].replace(str(proj), "")), lines[0]


# ---- 2 -------------------------------------------------------------------------------

def test_pdfs_are_built_then_skipped_then_one_scheme_reconverts_then_removed():
    proj = project("demo")
    soffice, log = wrapper("demo-soffice")
    env = {"BANGFU_SOFFICE": str(soffice)}
    r = bangfu("build", proj, "-j", "2", env=env)
    pdfs = outputs(proj, ".pdf")
    docxs = outputs(proj, ".docx")
    assert len(pdfs) == 6 and len(docxs) == 6, (sorted(pdfs), sorted(docxs))
    assert {k[:-4] for k in pdfs} == {k[:-5] for k in docxs}
    assert "重建 12，" in r.stdout, r.stdout

    # Each PDF holds its DOCX's text: every paragraph and cell, whole, in pdftotext's
    # reading order or in the order the PDF draws it (tests/pdf/test_pdf.py page_texts).
    for rel, pdf in pdfs.items():
        reading, raw = pdf_text(pdf, False), pdf_text(pdf, True)
        texts = docx_texts(docxs[rel[:-4] + ".docx"])
        assert len(texts) >= 3, (rel, texts)
        missing = [t for t in texts if t not in reading and t not in raw]
        assert not missing, (rel, missing[:5])

    # --jobs 2: two LibreOffice runs, each its own profile (removed) and files, six in all.
    first = runs(log)
    assert len(first) == 2, first
    profiles = [profile_of(a) for _, a in first]
    assert len(set(profiles)) == 2, profiles
    tmp = ENV["TMPDIR"]
    for p in profiles:
        assert p.startswith(tmp.rstrip("/") + "/bangfu-lo-"), p
        assert not os.path.exists(p) and not os.path.exists(os.path.dirname(p)), p
    files = [f for _, a in first for f in staged(a)]
    assert len(files) == 6 and len(set(files)) == 6, files
    for f in files:
        assert os.path.dirname(f).startswith(str(proj / "out" / ".bangfu-stage-")), f
    assert not stage_folders(proj), stage_folders(proj)
    assert all(l.endswith(" 0") for l in log.read_text().splitlines() if l.startswith("done ")), log.read_text()
    m = manifest(proj)
    assert set(pdfs) <= set(m), sorted(m)

    # Nothing changed: no LibreOffice, no file touched.
    stamps = {k: p.stat().st_mtime_ns for k, p in outputs(proj).items()}
    r = bangfu("build", proj, "-j", "2", env=env)
    assert "重建 0，" in r.stdout, r.stdout
    assert len(runs(log)) == 2, runs(log)
    assert {k: p.stat().st_mtime_ns for k, p in outputs(proj).items()} == stamps

    # One scheme changed: only its PDFs are converted and rewritten.
    edit_scheme(proj, "dongli-2017", new_date)
    r = bangfu("build", proj, "-j", "2", env=env)
    third = runs(log)[2:]
    converted = [f for _, a in third for f in staged(a)]
    dongli = sorted(k for k in pdfs if k.startswith("dongli-2017/"))
    assert len(converted) == len(dongli) == 2, (converted, dongli)
    assert 1 <= len(third) <= 2, third
    now = {k: p.stat().st_mtime_ns for k, p in outputs(proj).items()}
    changed = sorted(k for k in now if now[k] != stamps[k])
    assert changed and all(k.startswith("dongli-2017/") for k in changed), changed
    assert set(dongli) <= set(changed), (dongli, changed)

    # pdf dropped from formats: the PDFs go, with their manifest entries.
    p = json.loads((proj / "bangfu-project.json").read_text(encoding="utf-8"))
    p["formats"] = ["docx"]
    (proj / "bangfu-project.json").write_text(json.dumps(p, ensure_ascii=False), encoding="utf-8")
    r = bangfu("build", proj, "-j", "2", env=env)
    assert not outputs(proj, ".pdf"), sorted(outputs(proj, ".pdf"))
    assert sum(l.startswith("删除 ") for l in r.stdout.splitlines()) == 6, r.stdout
    assert not any(k.endswith(".pdf") for k in manifest(proj)), sorted(manifest(proj))
    assert len(runs(log)) == len(third) + 2


# ---- 3 -------------------------------------------------------------------------------

def test_kill_9_during_conversion_leaves_each_pdf_old_or_new():
    proj = project("killed", formats=("pdf",))
    soffice, log = wrapper("killed-soffice")
    env = dict(ENV, BANGFU_SOFFICE=str(soffice))
    bangfu("build", proj, "-j", "2", env={"BANGFU_SOFFICE": str(soffice)})
    old = {k: p.read_bytes() for k, p in outputs(proj).items()}
    for name in ("lishui-2019", "suzhou-2022", "dongli-2017"):
        edit_scheme(proj, name, new_date)
    clean = WORK / "killed-clean"
    if clean.exists():
        shutil.rmtree(clean)
    shutil.copytree(proj, clean, ignore=shutil.ignore_patterns("out", ".bangfu.lock"))
    bangfu("build", clean, "-j", "2", env={"BANGFU_SOFFICE": str(soffice)})
    new = {k: p.read_bytes() for k, p in outputs(clean).items()}
    assert set(new) == set(old) and all(new[k] != old[k] for k in new)

    def check_old_or_new(when):
        now = {k: p.read_bytes() for k, p in outputs(proj).items() if not p.name.startswith(".")}
        assert set(now) == set(old), (when, sorted(now))
        torn = [k for k, b in now.items() if b != old[k] and b != new[k]]
        assert not torn, (when, torn)
        return sum(now[k] == new[k] for k in now)

    def first_pdf_landed(_lines):
        return any(p.stat().st_mtime_ns != old_stamps[k] for k, p in outputs(proj).items())

    # While LibreOffice converts (a second after the first run started), then as
    # soon as the first new PDF has landed (the others are being renamed into place).
    old_stamps = {k: p.stat().st_mtime_ns for k, p in outputs(proj).items()}
    for when, ready in (("converting", lambda lines: any(l.startswith("start ") for l in lines)),
                        ("committing", first_pdf_landed)):
        log.write_text("")
        child = subprocess.Popen([ARGS.bangfu, "build", str(proj), "-j", "2", "-q"], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 300
        while time.time() < deadline and child.poll() is None and not ready(log.read_text().splitlines()):
            time.sleep(0.01)
        if when == "converting":
            time.sleep(1)
        child.send_signal(signal.SIGKILL)
        child.wait()
        kill_runs(log)
        fresh = check_old_or_new(when)
        print(f"  kill -9 {when}: {fresh} of {len(old)} PDFs new, the rest old", flush=True)

    r = bangfu("build", proj, "-j", "2", env={"BANGFU_SOFFICE": str(soffice)})
    assert {k: p.read_bytes() for k, p in outputs(proj).items()} == new, r.stdout
    assert not stage_folders(proj), stage_folders(proj)


# ---- 4 -------------------------------------------------------------------------------

def test_a_hung_libreoffice_is_killed_with_a_clear_error():
    proj = project("hung")
    pidfile = WORK / "hung.pid"
    fake = WORK / "hung-soffice.sh"
    fake.write_text(f"#!/bin/sh\necho $$ >> '{pidfile}'\nexec sleep 600\n")
    fake.chmod(0o755)
    start = time.time()
    r = bangfu("build", proj, "-j", "1", env={"BANGFU_SOFFICE": str(fake), "BANGFU_PDF_TIMEOUT": "2"}, check=False)
    took = time.time() - start
    assert r.returncode == 3, (r.returncode, r.stdout, r.stderr)
    assert "LibreOffice 在 2 秒内未完成转换，已终止" in r.stderr, r.stderr
    assert "6 个 PDF 未能生成" in r.stderr, r.stderr
    assert sum(l.startswith("失败 ") for l in r.stdout.splitlines()) == 6, r.stdout
    print("  " + r.stderr.strip().splitlines()[-2], flush=True)
    assert len(outputs(proj, ".docx")) == 6 and not outputs(proj, ".pdf")
    assert took < 60, took
    pids = [int(x) for x in pidfile.read_text().split()]
    assert len(pids) == 1 and not alive(pids[0]), pids
    assert not stage_folders(proj), stage_folders(proj)
    r = bangfu("build", proj, "-j", "1", env={"BANGFU_SOFFICE": str(fake), "BANGFU_PDF_TIMEOUT": "x"}, check=False)
    assert r.returncode == 3 and "BANGFU_PDF_TIMEOUT" in r.stderr, (r.returncode, r.stderr)


def main():
    global ARGS, WORK
    ap = argparse.ArgumentParser()
    ap.add_argument("--bangfu", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    ARGS = ap.parse_args()
    ARGS.source = os.path.abspath(ARGS.source)
    WORK = Path(os.path.abspath(ARGS.work))
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    # A build killed with -9 cannot remove its LibreOffice profile folder: keep
    # those in the work folder, not in the machine's /tmp.
    (WORK / "tmp").mkdir()
    ENV["TMPDIR"] = str(WORK / "tmp")
    need_tools = {"test_pdfs_are_built_then_skipped_then_one_scheme_reconverts_then_removed",
                  "test_kill_9_during_conversion_leaves_each_pdf_old_or_new"}
    have_tools = real_soffice() is not None and shutil.which("pdftotext") is not None
    _, failed = batch_runner.run_test_functions(globals(), leave_out=() if have_tools else need_tools)
    if failed:
        return 1
    if not have_tools:
        must_run.skip("LibreOffice or poppler-utils missing: the conversion checks did not run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
