#!/usr/bin/python3
"""`bangfu build` and `bangfu diff` through the CLI, on copies of examples/batch-demo.

Run by ctest as: test_batch.py --bangfu PATH --source SRCDIR --work WORKDIR

- the demo builds ≥ 200 per-entity outputs, each a valid zip that python-docx /
  openpyxl open; the demo's scheme copies equal the examples;
- byte stability: a second build writes nothing (mtimes kept);
- one edited field rebuilds exactly the expected outputs;
- crash: builds killed with SIGKILL at several moments, then a rebuild: every output
  opens and equals a clean build's bytes, and no temporary file is left;
- lock contention: a held lock gives exit 3 and 另一个构建正在进行（pid N）;
- --watch: a save rebuilds; bad input keeps the last good outputs (the debounce is
  WatchDebounceTest's, tests/core/batch/watch_test.cpp);
- diff: a rename, a move, an addition and a removal, with the DOCX/XLSX 变更对照表.
"""
import argparse
import fcntl
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import batch_runner

ARGS = None
WORK = None
ENV = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="", LC_MESSAGES="")


def bangfu(*args, check=True):
    r = subprocess.run([ARGS.bangfu, *map(str, args)], capture_output=True, text=True, env=ENV, timeout=300)
    if check and r.returncode != 0:
        raise AssertionError(f"bangfu {' '.join(map(str, args))} exited {r.returncode}:\n{r.stdout}\n{r.stderr}")
    return r


def demo(name):
    dest = WORK / name
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(Path(ARGS.source) / "examples" / "batch-demo", dest, ignore=shutil.ignore_patterns("out", ".bangfu.lock"))
    return dest


def manifest(project):
    return json.loads((project / "out" / ".bangfu-manifest.json").read_text(encoding="utf-8"))["outputs"]


def outputs(project):
    out = project / "out"
    return {str(p.relative_to(out)): p for p in sorted(out.rglob("*")) if p.is_file() and p.name != ".bangfu-manifest.json"}


def stamps(project):
    return {k: p.stat().st_mtime_ns for k, p in outputs(project).items()}


def summary(stdout):
    line = [l for l in stdout.splitlines() if l.startswith("重建 ")][-1]
    return line


def edit(path, fn):
    data = json.loads(path.read_text(encoding="utf-8"))
    fn(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def test_demo_builds_over_200_entity_outputs_that_open():
    p = demo("demo")
    for name, example in (("lishui-2019", "lishui-2019"), ("suzhou-2022", "suzhou-2022")):
        a = (p / "schemes" / f"{name}.json").read_bytes()
        b = (Path(ARGS.source) / "examples" / example / "scheme.json").read_bytes()
        assert a == b, f"examples/batch-demo/schemes/{name}.json differs from examples/{example}/scheme.json"
    r = bangfu("build", p, "--jobs", "2")
    m = manifest(p)
    entity = [k for k, v in m.items() if not v["entity"].startswith("appendix:")]
    assert len(entity) >= 200, len(entity)
    files = outputs(p)
    assert set(files) == set(m), set(files) ^ set(m)
    for rel, path in files.items():
        with zipfile.ZipFile(path) as z:
            assert z.testzip() is None, rel
    import docx
    import openpyxl
    for rel in ["lishui-2019/团组/莲都区.docx", "suzhou-2022/履职日历/市财政局.docx"]:
        d = docx.Document(str(p / "out" / rel))
        assert d.tables, rel
    t = docx.Document(str(p / "out" / "lishui-2019/团组/莲都区.docx")).tables[0]
    text = "\n".join(c.text for row in t.rows for c in row.cells)
    assert "莲都区" in text and "合计" in text, text[:200]
    wb = openpyxl.load_workbook(str(p / "out" / "lishui-2019/单位/市人防办.xlsx"))
    cells = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert any("市人防办" in c for c in cells), cells[:20]
    assert f"共 {len(m)} 个输出" in r.stdout, r.stdout


def test_dongli_documents_per_street_and_per_unit_carry_their_rows():
    p = demo("dongli")
    a = (p / "schemes" / "dongli-2017.json").read_bytes()
    assert a == (Path(ARGS.source) / "examples" / "dongli-2017" / "scheme.json").read_bytes(), \
        "examples/batch-demo/schemes/dongli-2017.json differs from examples/dongli-2017/scheme.json"
    bangfu("build", p, "--jobs", "2")
    m = manifest(p)
    dongli = sorted(k for k in m if k.startswith("dongli-2017/"))
    kinds = {}
    for k in dongli:
        kinds[m[k]["entity"].split(":")[0]] = kinds.get(m[k]["entity"].split(":")[0], 0) + 1
    # 6 streets and 5 helping units, plus the 2 appendices, each as DOCX and XLSX.
    assert kinds == {"street": 12, "unit": 10, "appendix": 4}, kinds
    import docx
    import openpyxl

    def rows(rel):
        t = docx.Document(str(p / "out" / rel)).tables[0]
        return [[c.text for c in row.cells] for row in t.rows]
    # The seed's cells (tests/golden/dongli-2017/villages.tsv), 序号 renumbered per document.
    assert rows("dongli-2017/街道/新立街道.docx")[1:] == [
        ["1", "新立街道", "稻地村", "市委办公厅", "", "市委办公厅帮扶组"],
        ["2", "新立街道", "务本二村", "区建委", "天津市建城基业集团、天津市精美伟业集团", "区建委帮扶组"],
        ["3", "新立街道", "窑上村", "滨丽公司", "天津市建城基业集团、天津市精美伟业集团", "滨丽公司帮扶组"],
    ], rows("dongli-2017/街道/新立街道.docx")
    assert rows("dongli-2017/帮扶单位/公安东丽分局.docx")[1:] == [
        ["1", "金钟街道", "欢坨村", "公安东丽分局", "天津市建城基业集团、天津市精美伟业集团", "公安东丽分局帮扶组"],
        ["2", "无瑕街道", "小北村", "公安东丽分局", "天津市建城基业集团、天津市精美伟业集团", "公安东丽分局帮扶组"],
    ], rows("dongli-2017/帮扶单位/公安东丽分局.docx")
    wb = openpyxl.load_workbook(str(p / "out" / "dongli-2017/帮扶单位/区建委.xlsx"))
    values = [row for ws in wb.worksheets for row in ws.iter_rows(values_only=True)]
    assert ("区建委结对帮扶困难村安排表",) == tuple(v for v in values[1] if v is not None), values[:3]
    assert [r[2] for r in values[3:] if r[2]] == ["务本二村", "增兴窑村"], values


def test_second_build_writes_nothing_and_one_field_rebuilds_only_its_outputs():
    p = demo("incremental")
    bangfu("build", p)
    before = stamps(p)
    r = bangfu("build", p)
    assert summary(r.stdout).startswith("重建 0，内容未变 0，跳过 %d" % len(before)), r.stdout
    assert stamps(p) == before
    # One field: the name of a 帮扶联系人 of 市财政局 (suzhou). Only that unit's duty
    # calendar and the summary calendar print it.
    def rename(d):
        for person in d["people"]:
            if isinstance(person, dict) and person.get("id") == "袁丽":
                person["name"] = "袁莉"
    edit(p / "schemes" / "suzhou-2022.json", rename)
    r = bangfu("build", p)
    after = stamps(p)
    changed = sorted(k for k in before if after[k] != before[k])
    assert changed == ["suzhou-2022/履职日历/市财政局.docx", "suzhou-2022/履职日历/市财政局.xlsx",
                       "suzhou-2022/附件2-帮扶责任人履职日历.docx", "suzhou-2022/附件2-帮扶责任人履职日历.xlsx"], changed
    assert summary(r.stdout).startswith("重建 4，"), r.stdout
    # A village disappears: its roster outputs are removed and reported.
    def drop(d):
        d["areas"] = [a for a in d["areas"] if a["id"] != "北岗村"]
        d["pairings"] = [x for x in d["pairings"] if x["target"]["ref"] != "北岗村" and not x["target"]["ref"].startswith("北岗村-")]
    edit(p / "schemes" / "suzhou-2022.json", drop)
    r = bangfu("build", p, check=False)
    removed = [l for l in r.stdout.splitlines() if l.startswith("删除 ")]
    assert len(removed) == 2 and all("北岗村" in l for l in removed), r.stdout + r.stderr
    assert not any("北岗村" in k for k in outputs(p))


def test_killed_builds_leave_whole_files_and_the_rebuild_matches_a_clean_build():
    clean = demo("clean")
    bangfu("build", clean)
    p = demo("crash")
    schemes = {n: (p / "schemes" / n).read_text(encoding="utf-8") for n in ("lishui-2019.json", "suzhou-2022.json")}
    for i, delay in enumerate((0.15, 0.5, 0.9, 0.3, 0.7)):
        # Alternate the 成文日期 (it dates every output's document properties), so
        # each killed build is replacing files, not finding the same bytes there.
        for n, text in schemes.items():
            date = "2019年5月30日" if i % 2 == 0 else "2020年1月2日"
            (p / "schemes" / n).write_text(text.replace('"date": ""', f'"date": "{date}"'), encoding="utf-8")
        proc = subprocess.Popen([ARGS.bangfu, "build", str(p), "--jobs", "2"], env=ENV,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # Every output there is whole: an old or a new file, never torn.
        for rel, path in outputs(p).items():
            if ".tmp-" in path.name:
                continue
            with zipfile.ZipFile(path) as z:
                assert z.testzip() is None, rel
    for n, text in schemes.items():
        (p / "schemes" / n).write_text(text, encoding="utf-8")
    bangfu("build", p)
    got, want = outputs(p), outputs(clean)
    assert set(got) == set(want), set(got) ^ set(want)
    for rel in want:
        assert got[rel].read_bytes() == want[rel].read_bytes(), rel
    r = bangfu("build", p)
    assert summary(r.stdout).startswith("重建 0，"), r.stdout


STRACE_LINE = re.compile(r"^(\d+)\s+(?:<\.\.\. (\w+) resumed>|(\w+)\((.*?)(?: <unfinished \.\.\.>|\)\s+= (-?\d+).*))")


def traced_calls(log):
    """[(name, first string argument or rename target, start index, end index)] from an
    `strace -f` log, a call split by another thread (<unfinished ...>, <... resumed>)
    joined up: its start is where it was entered, its end where it returned."""
    calls, open_calls = [], {}
    for i, line in enumerate(log.splitlines()):
        m = STRACE_LINE.match(line)
        if not m:
            continue
        pid, resumed, name, args = m.group(1), m.group(2), m.group(3), m.group(4) or ""
        if resumed:
            if pid in open_calls:
                call = open_calls.pop(pid)
                call[3] = i
                calls.append(call)
            continue
        strings = re.findall(r'"((?:[^"\\]|\\.)*)"', args)
        target = strings[-1] if name.startswith("rename") and strings else (strings[0] if strings else args)
        call = [name, target, i, i]
        if "<unfinished ...>" in line:
            open_calls[pid] = call
        else:
            calls.append(call)
    calls.sort(key=lambda c: c[2])
    return calls


def test_outputs_are_flushed_by_one_syncfs_before_each_manifest():
    # The batch build's durability (docs/batch.md): no fsync per output, one
    # syncfs of the output folder, then the manifest that vouches for the
    # outputs. Observed from outside with strace: every manifest rename is preceded
    # by a syncfs that began after the outputs it covers were renamed in.
    if shutil.which("strace") is None:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        import must_run
        failures = []
        must_run.not_checked("strace missing (scripts/setup.sh installs it): syncfs order not observed",
                             failures.append)
        assert not failures, failures
        return
    p = demo("strace")
    log = WORK / "strace.log"
    r = subprocess.run(["strace", "-f", "-qq", "-e", "trace=syncfs,fsync,fdatasync,rename,renameat,renameat2",
                        "-o", str(log), ARGS.bangfu, "build", str(p), "--jobs", "2", "--quiet"],
                       capture_output=True, text=True, env=ENV, timeout=600)
    assert r.returncode == 0, (r.returncode, r.stderr[-2000:])
    text = log.read_text(encoding="utf-8", errors="replace")
    print("     " + sync_order(traced_calls(text), len(outputs(p))))
    # The check itself catches a build whose final manifest is not preceded by
    # its syncfs: the same trace with that syncfs taken out must fail it.
    lines = text.splitlines()
    last_sync = max(i for i, l in enumerate(lines) if re.match(r"^\d+\s+syncfs\(", l))
    broken = "\n".join(l for i, l in enumerate(lines)
                       if i != last_sync and not (i > last_sync and "<... syncfs resumed>" in l))
    try:
        sync_order(traced_calls(broken), len(outputs(p)))
    except AssertionError as e:
        print(f"     without the last syncfs: {str(e)[:120]}")
    else:
        raise AssertionError("the order check passed a trace without the final syncfs")


def sync_order(calls, written):
    """Checks the traced calls of one batch build; returns a one-line summary."""
    is_manifest = lambda c: c[0].startswith("rename") and c[1].endswith("/.bangfu-manifest.json")
    renamed = [c for c in calls if c[0].startswith("rename") and not is_manifest(c)]
    manifests = [c for c in calls if is_manifest(c)]
    syncs = [c for c in calls if c[0] == "syncfs"]
    fsyncs = [c for c in calls if c[0] in ("fsync", "fdatasync")]
    assert written >= 200 and len(renamed) == written, f"{len(renamed)} output renames for {written} outputs"
    assert manifests, "no manifest written"
    # Each manifest (the checkpoints and the final one) has a syncfs of its own
    # that returned before the manifest was renamed in.
    previous = -1
    for m in manifests:
        own = [x for x in syncs if previous < x[2] and x[3] < m[2]]
        assert own, f"manifest rename at strace line {m[2]} without a syncfs after line {previous}"
        previous = m[2]
    # The final manifest vouches for every output: its syncfs began after the last
    # output was renamed in.
    last_output = max(c[3] for c in renamed)
    final = manifests[-1]
    assert any(x[2] > last_output and x[3] < final[2] for x in syncs), (
        f"no syncfs between the last output rename (strace line {last_output}) and the final manifest "
        f"(line {final[2]})")
    # One sync per manifest, not per file: the outputs are never fsynced one by one.
    assert len(syncs) <= len(manifests), f"{len(syncs)} syncfs for {len(manifests)} manifests"
    assert len(fsyncs) <= 2 * len(manifests), f"{len(fsyncs)} fsyncs for {len(renamed)} outputs"
    return (f"{len(renamed)} outputs renamed, {len(syncs)} syncfs, {len(fsyncs)} fsync, "
            f"{len(manifests)} manifest writes, each after its own syncfs")


def test_a_held_lock_is_reported_with_its_pid():
    p = demo("lock")
    with open(p / ".bangfu.lock", "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        f.write(f"{os.getpid()}\n")
        f.flush()
        r = bangfu("build", p, check=False)
    assert r.returncode == 3, (r.returncode, r.stderr)
    assert f"另一个构建正在进行（pid {os.getpid()}）" in r.stderr, r.stderr
    assert not (p / "out").exists()
    bangfu("build", p)  # released: builds


def test_watch_rebuilds_on_a_save_and_keeps_good_outputs_on_bad_input():
    # The debounce itself (which saves make one rebuild) is WatchDebounceTest's, on
    # a scripted clock: here a real save through inotify, waited for by event, not
    # by sleeping, and no assertion on how soon anything happened.
    p = demo("watch")
    proc = subprocess.Popen([ARGS.bangfu, "build", str(p), "--watch", "--watch-cycles", "2", "--debounce", "300",
                             "--quiet"], env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    ready = threading.Event()
    rebuilt = threading.Event()

    def read():
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("正在监视"):
                ready.set()
            if sum(l.startswith("重建 ") for l in lines) >= 2:  # the first build, then the rebuild
                rebuilt.set()

    t = threading.Thread(target=read, daemon=True)
    t.start()
    try:
        assert ready.wait(120), "".join(lines)
        scheme = p / "schemes" / "lishui-2019.json"
        original = scheme.read_text(encoding="utf-8")
        before = manifest(p)
        scheme.write_text(original.replace("中共丽水市委办公室", "中共丽水市委办公室　"), encoding="utf-8")
        assert rebuilt.wait(120), "".join(lines)
        assert manifest(p) != before, "the save rebuilt outputs"
        good = stamps(p)
        scheme.write_text("{\"bangfu\": 1, \"teams\": [", encoding="utf-8")
        proc.wait(120)
    finally:
        if proc.poll() is None:
            proc.kill()
    err = proc.stderr.read()
    assert proc.returncode == 1, (proc.returncode, err)
    assert "lishui-2019.json" in err, err
    assert stamps(p) == good


def test_diff_reports_a_rename_a_move_an_addition_and_a_removal():
    src = Path(ARGS.source) / "examples" / "lishui-2019" / "scheme.json"
    new = WORK / "diff-new.json"
    data = json.loads(src.read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False).replace('"市人防办"', '"市人民防空办"')
    data = json.loads(text)
    for x in data["pairings"]:
        if x["helper"]["ref"] == "丁绍雄":
            x["target"]["ref"] = "龙泉市"
    data["people"].append({"id": "王新", "name": "王新"})
    data["pairings"].append({"kind": "leader-area", "helper": {"kind": "person", "ref": "王新"},
                             "target": {"kind": "area", "ref": "青田县"}})
    gone = data["pairings"][-2]["helper"]["ref"]
    data["people"] = [x for x in data["people"] if (x if isinstance(x, str) else x["id"]) != gone]
    data["pairings"] = [x for x in data["pairings"] if x["helper"]["ref"] != gone]
    new.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    docx_path, xlsx_path = WORK / "report.docx", WORK / "report.xlsx"
    r = bangfu("diff", src, new, "-o", docx_path, "-o", xlsx_path)
    out = r.stdout
    assert "[单位] 更名：市人防办 → 市人民防空办" in out, out
    assert "[人员] 调整：丁绍雄：领导联系 莲都区 → 领导联系 龙泉市" in out, out
    assert "[人员] 新增：王新" in out, out
    assert f"[人员] 删除：{gone}" in out, out
    assert "新增：市人民防空办" not in out and "删除：市人防办" not in out, out
    import docx
    import openpyxl
    d = docx.Document(str(docx_path))
    header = [c.text for c in d.tables[0].rows[0].cells]
    assert header == ["序号", "类别", "变更类型", "对象", "变更前", "变更后"], header
    body = [[c.text for c in row.cells] for row in d.tables[0].rows[1:]]
    assert ["更名", "市人防办", "市人民防空办"] == [body[0][2], body[0][4], body[0][5]], body[0]
    wb = openpyxl.load_workbook(str(xlsx_path))
    values = [c.value for row in wb.worksheets[0].iter_rows() for c in row]
    assert "市人民防空办" in values, values[:30]


def main():
    global ARGS, WORK
    ap = argparse.ArgumentParser()
    ap.add_argument("--bangfu", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    ARGS = ap.parse_args()
    WORK = Path(ARGS.work)
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    _, failed = batch_runner.run_test_functions(globals())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
