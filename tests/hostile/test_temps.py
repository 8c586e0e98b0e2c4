#!/usr/bin/python3
"""Issue 15 item 2: planted symlinks never make bangfu write elsewhere.

Run by ctest as: test_temps.py --bangfu PATH --source SRCDIR --work WORKDIR

- symlinks planted at bangfu 0.1's predictable temporary names
  (.NAME.tmp-PID-N, for the next PIDs) before `render` and `build`: the victim is
  untouched, the outputs are real files, and no temporary is left behind;
- a symlink at an output's own name is replaced by the output, never followed;
- a symlinked lock file (.bangfu.lock) is refused, not truncated;
- a symlinked manifest is not read (manifest.unreadable) and is replaced.
"""
import os
import zipfile
from pathlib import Path

from hostile import Probe, tree_state

P = Probe("test_temps")
VICTIM = P.victim()
TARGET = VICTIM / "sub" / "important.txt"
SCHEME = P.source / "examples" / "lishui-2019" / "scheme.json"
RENDERED = P.rendered_names(SCHEME)  # the .docx and the .xlsx
#: PIDs ahead of the last one handed out that get a planted link each: the
#: machine's other processes take some of them before bangfu starts.
PID_SPAN = 400
COUNTERS = range(1, 3)


def next_pid():
    try:
        return int(Path("/proc/sys/kernel/ns_last_pid").read_text()) + 1
    except OSError:
        return os.getpid() + 1


def plant(folder, names):
    """Links to the victim at every name bangfu 0.1 would have used for `names` next."""
    first = next_pid()
    count = 0
    for name in names:
        for pid in range(first, first + PID_SPAN):
            for n in COUNTERS:
                os.symlink(TARGET, Path(folder) / f".{name}.tmp-{pid}-{n}")
                count += 1
    return count


def planted_links_intact(folder):
    links = [p for p in Path(folder).iterdir() if p.is_symlink()]
    return bool(links) and all(os.readlink(p) == str(TARGET) for p in links)


def outputs_are_real(folder, names, what):
    for name in names:
        f = Path(folder) / name
        P.check.true(f.is_file() and not f.is_symlink() and zipfile.is_zipfile(f), f"{what}: {name} is a real output")


def render_with_planted_links():
    P.check.eq([Path(n).suffix for n in RENDERED], [".docx", ".xlsx"], "render writes a DOCX and an XLSX")
    before = tree_state(VICTIM)
    out = P.work / "render-out"
    out.mkdir()
    planted = plant(out, RENDERED)
    os.symlink(TARGET, out / RENDERED[1])  # a link at the output's own name
    r = P.bangfu("render", SCHEME, "--out", out)
    P.expect(r, 0, "render among planted links")
    outputs_are_real(out, RENDERED, "render")
    P.check.true(planted_links_intact(out), f"render: the {planted} planted links were neither followed nor removed")
    P.check.eq(P.temporaries(out), [], "render leaves no temporary file")
    P.check.eq(tree_state(VICTIM), before, "victim tree after render among planted links")


def build_with_planted_links():
    before = tree_state(VICTIM)
    p = P.project("planted")
    lishui = p / "out" / "lishui"
    lishui.mkdir(parents=True)
    names = [f"附件{i}-{t}.{ext}" for i, t in ((1, "市级领导结对帮扶方案"), (2, "市级结对帮扶团组安排方案"))
             for ext in ("docx", "xlsx")]
    plant(lishui, names)
    os.symlink(TARGET, lishui / names[0])
    r = P.bangfu("build", p, "--quiet", "--jobs", "2")
    P.expect(r, 0, "build among planted links")
    outputs_are_real(lishui, names, "build")
    P.check.true(planted_links_intact(lishui), "build: the planted links were neither followed nor removed")
    P.check.eq(P.temporaries(p / "out"), [], "build leaves no temporary file")
    P.check.eq(tree_state(VICTIM), before, "victim tree after build among planted links")


def symlinked_lock_file():
    before = tree_state(VICTIM)
    p = P.project("locklink")
    os.symlink(TARGET, p / ".bangfu.lock")
    r = P.bangfu("build", p, "--quiet")
    P.expect(r, 3, "build with .bangfu.lock linked to a user's file")
    P.check.true(f"{p}/.bangfu.lock" in r.stderr and "锁文件" in r.stderr, f"the lock file is named: {r.stderr}")
    P.check.eq(tree_state(VICTIM), before, "the lock's link target is not truncated")


def symlinked_manifest():
    before = tree_state(VICTIM)
    p = P.project("manifestlink")
    (p / "out").mkdir()
    os.symlink(TARGET, p / "out" / ".bangfu-manifest.json")
    r = P.bangfu("build", p, "--quiet")
    P.expect(r, 0, "build with a symlinked manifest")
    P.diag(r, "manifest.unreadable", f"{p}/out/.bangfu-manifest.json", "a symlinked manifest is not read")
    m = p / "out" / ".bangfu-manifest.json"
    P.check.true(m.is_file() and not m.is_symlink(), "the manifest link is replaced by a manifest")
    P.check.eq(tree_state(VICTIM), before, "victim tree after a symlinked manifest")


for case in (render_with_planted_links, build_with_planted_links, symlinked_lock_file, symlinked_manifest):
    case()
P.finish()
