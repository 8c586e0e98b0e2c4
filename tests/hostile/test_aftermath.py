#!/usr/bin/python3
"""Issue 15 items 4 and 9 for the write path: what a failed `render` or `build`
leaves, and what it says.

Run by ctest as: test_aftermath.py --bangfu PATH --source SRCDIR --work WORKDIR

- `render` onto a full disk (a small tmpfs) exits 3, names the user's file and
  the reason, and leaves nothing: no partial, extension-less or temporary file,
  the earlier output untouched;
- a title with a control character: `render` refuses the name (exit 1) and
  writes nothing;
- `build` with such a name in one scheme exits 1, builds the other scheme,
  and a second build does exactly the same (the manifest converges);
- `build` onto a full disk prints its summary and the reason (exit 3, in Chinese
  and English), leaves no temporary file, and once there is room builds
  everything and then is up to date;
- each full disk twice where mount(2) is allowed: a small tmpfs, and on every
  machine (CI too) the LD_PRELOAD shim tests/hostile/enospc_shim.c, whose writes
  into the folder fail with ENOSPC after N bytes;
- a corrupt manifest is warned at its place (manifest.unreadable) and nothing is
  deleted on its strength.
"""
import json
import re
import shutil
from pathlib import Path

from hostile import EN, ZH, Probe, ShimDisk, Tmpfs, tree_state
from must_run import not_checked

P = Probe("test_aftermath")
SCHEME = P.source / "examples" / "lishui-2019" / "scheme.json"
STEM = Path(P.rendered_names(SCHEME)[0]).stem  # the notice's file name, without .docx


def no_staged_names(text, what):
    P.check.true(".tmp-" not in text and ".bangfu-stage-" not in text, f"{what}: a temporary name leaked:\n{text}")


def scheme_with(path, edit):
    data = json.loads(SCHEME.read_text(encoding="utf-8"))
    edit(data)
    Path(path).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return Path(path)


def render_onto_a_full_disk(disk):
    out = disk.where / "render-out"
    out.mkdir()
    (out / f"{STEM}.docx").write_bytes(b"the earlier output")
    before = tree_state(out)
    r = P.bangfu("render", SCHEME, "--out", out, env={**ZH, **disk.env})
    P.expect(r, 3, f"render onto a full disk ({disk.label})")
    P.check.true("磁盘空间不足" in r.stderr, f"render names the reason: {r.stderr}")
    P.check.true(f"{out}/{STEM}." in r.stderr, f"render names the user's file: {r.stderr}")
    no_staged_names(r.stderr, "render onto a full disk")
    P.check.eq(tree_state(out), before, "a failed render leaves the folder as it was")
    shutil.rmtree(out)


def render_with_a_control_character():
    scheme = scheme_with(P.work / "bell.json", lambda d: d["notice"].update(title="关于做好\u0007结对帮扶工作的通知"))
    out = P.work / "bell-out"
    r = P.bangfu("render", scheme, "--out", out)
    P.expect(r, 1, "render of a title with a control character")
    P.check.true(str(scheme) in r.stderr, f"the error is located in the scheme: {r.stderr}")
    P.check.true("\x07" not in r.stderr, "the control character is not echoed to the terminal")
    P.check.eq(P.files(out) if out.exists() else [], [], "nothing is written, not even an extension-less file")


def build_with_a_control_character_converges():
    p = P.project("bell-build", schemes=[
        {"path": "schemes/lishui.json", "plugin": "lishui", "name": "good", "entities": False},
        {"path": "schemes/bad.json", "plugin": "lishui", "name": "bad"}])

    def bell(d):
        d["areas"][1]["name"] = "莲都\u0007区"
    scheme_with(p / "schemes" / "bad.json", bell)
    runs = []
    for i in range(3):
        r = P.bangfu("build", p, "--quiet")
        P.expect(r, 1, f"build {i + 1} with a control character in one scheme")
        located = sorted(l.split(": ")[0] + " " + l.split(" ")[2] for l in r.stderr.splitlines() if " 错误 " in l)
        runs.append((located, (p / "out" / ".bangfu-manifest.json").read_bytes(), tree_state(p / "out")))
    located = runs[0][0]
    P.check.true(located and all(l.startswith(str(p / "schemes" / "bad.json")) for l in located),
                 f"every error is located in the bad scheme: {located}")
    P.check.true(any(f.startswith("good/") for f in P.files(p / "out")), "the good scheme is built")
    P.check.eq([f for f in P.files(p / "out") if not f.startswith("good/")], [], "nothing of the bad scheme is written")
    P.check.true(runs[1] == runs[0] and runs[2] == runs[1],
                 "a second and third build say and do exactly the same (the manifest converges)")
    en = P.bangfu("build", p, "--quiet", env=EN)
    P.expect(en, 1, "the same build in English")
    P.check.true(f"{p}/schemes/bad.json" in en.stderr and ": error " in en.stderr and "error 错误" not in en.stderr,
                 f"the English diagnostic names the scheme file: {en.stderr[-600:]}")


def build_onto_a_full_disk(disk):
    p = P.project("full-build", schemes=[{"path": "schemes/lishui.json", "plugin": "lishui", "name": "lishui"}])
    out = disk.where / "build-out"
    r = P.bangfu("build", p, "--out", out, "--quiet", "--jobs", "2", env={**ZH, **disk.env})
    P.expect(r, 3, f"build onto a full disk ({disk.label})")
    summary = [l for l in r.stdout.splitlines() if l.startswith("重建 ")]
    P.check.true(len(summary) == 1 and re.search(r"失败 [1-9]", summary[0]) is not None,
                 f"the summary is printed with the failures: {r.stdout[-400:]}")
    P.diag(r, "build.output", f"{out}/lishui/", "a failed output is located at the user's file", "错误", under=True)
    P.check.true("磁盘空间不足" in r.stderr, f"the reason is given: {r.stderr[-600:]}")
    no_staged_names(r.stderr + r.stdout, "build onto a full disk")
    P.check.eq(P.temporaries(out), [], "a failed build leaves no temporary file")
    en = P.bangfu("build", p, "--out", out, "--quiet", env={**EN, **disk.env})
    P.expect(en, 3, f"the same in English ({disk.label})")
    P.check.true("No space left on device" in en.stderr and any(l.startswith("rebuilt ") for l in en.stdout.splitlines()),
                 f"English reason and summary: {en.stdout[-300:]} {en.stderr[-300:]}")
    disk.resize("64m")
    ok = P.bangfu("build", p, "--out", out, "--quiet", "--jobs", "2", env={**ZH, **disk.env})
    P.expect(ok, 0, f"the build once there is room ({disk.label})")
    P.check.true("失败 0" in ok.stdout, f"nothing fails once there is room: {ok.stdout[-300:]}")
    again = P.bangfu("build", p, "--out", out, "--quiet", env={**ZH, **disk.env})
    P.check.true(re.search(r"^重建 0，内容未变 0，跳过 (\d+)，删除 0，失败 0", again.stdout, re.M) is not None,
                 f"then the build is up to date: {again.stdout}")


def corrupt_manifest_deletes_nothing():
    for name, text in (("torn", '{"format": 2, "outputs": {"lishui/'), ("other-format", '{"format": 99}'),
                       ("binary", "\x89PNG\r\n\x1a\n"), ("not-an-object", "[]")):
        p = P.project(f"corrupt-{name}")
        r = P.bangfu("build", p, "--quiet")
        P.expect(r, 0, f"first build ({name})")
        before = P.files(p / "out")
        (p / "out" / ".bangfu-manifest.json").write_text(text, encoding="utf-8")
        P.write_project(p, formats=["docx"])  # the XLSX outputs vanish, but nothing vouches for them
        r = P.bangfu("build", p, "--quiet")
        P.expect(r, 0, f"build over a {name} manifest")
        P.diag(r, "manifest.unreadable", f"{p}/out/.bangfu-manifest.json", f"a {name} manifest is warned")
        P.check.eq(P.files(p / "out"), before, f"nothing is deleted on a {name} manifest")
        again = P.bangfu("build", p, "--quiet")
        P.no_diag(again, "manifest.unreadable", f"the manifest is whole again after a {name} one")


render_with_a_control_character()
build_with_a_control_character_converges()
corrupt_manifest_deletes_nothing()
# Sizes: render writes about 21 KB (DOCX and XLSX), so 12 KB fills; the build's
# 364 outputs need about 3 MB, so 64 KB fills a few outputs in. The shim counts the
# bytes of one run, a tmpfs what is on it: the same sizes fill both.
for probe, size in ((render_onto_a_full_disk, "12k"), (build_onto_a_full_disk, "64k")):
    with ShimDisk(P.work / f"shim-{probe.__name__}", size, P.args.bangfu) as disk:
        if disk.ok:
            probe(disk)
        else:
            not_checked(f"{probe.__name__}: {disk.why}", lambda message: P.check.true(False, message))
    with Tmpfs(P.work / f"disk-{probe.__name__}", size) as disk:
        if disk.ok:
            probe(disk)
        else:  # the shim above has checked the same promises without mount(2)
            print(f"{probe.__name__}: no tmpfs here ({disk.why}); checked through the ENOSPC shim only")
P.finish()
