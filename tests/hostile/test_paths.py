#!/usr/bin/python3
"""Issue 15 items 1–3 through `bangfu build`: nothing outside the output folder is
written or deleted, whatever the manifest or the project file says.

Run by ctest as: test_paths.py --bangfu PATH --source SRCDIR --work WORKDIR

- manifest entries that leave the folder ("../../victimdir/sub/important.txt",
  absolute, through a symlinked folder, with control characters) delete nothing
  and are warned (manifest.bad-path at the manifest's entry);
- a manifest of another project (a copied folder) deletes nothing (manifest.foreign);
- a vanished output changed by hand is kept (build.kept);
- only folders bangfu created are removed when emptied;
- a project's "output" outside the project (../shared-out, absolute, ".", a
  symlinked out) is refused at bangfu-project.json [output], in both languages;
- two projects given one folder with --out: the second is refused
  (build.output-taken) and the first's outputs are untouched;
and in every case the victim tree hashes the same before and after.
"""
import json
import os
import shutil
from pathlib import Path

from hostile import EN, Probe, file_stamp, tree_state

P = Probe("test_paths")
VICTIM = P.victim()
SUMMARY = ["lishui/附件1-市级领导结对帮扶方案", "lishui/附件2-市级结对帮扶团组安排方案"]
DOCX = [s + ".docx" for s in SUMMARY]
XLSX = [s + ".xlsx" for s in SUMMARY]


def build(p, *extra, code=0, env=None, what="build"):
    r = P.bangfu("build", p, "--quiet", *extra, **({"env": env} if env else {}))
    P.expect(r, code, f"{what} of {p.name}")
    return r


def manifest_escapes():
    before = tree_state(VICTIM)
    p = P.project("escape")
    build(p)
    out = p / "out"
    m = P.manifest(out)
    real = file_stamp(VICTIM / "sub" / "important.txt")  # the victim's true stamp: a forger's best try
    entry = dict(real, input="x", scheme="lishui", entity="appendix:gone")
    hostile = ["../../victimdir/sub/important.txt", "lishui/../../../victimdir/sub/important.txt",
               str(VICTIM / "sub" / "important.txt"), "lishui/\u0001important.txt", "lishui/a\u007f.docx"]
    for key in hostile:
        m["outputs"][key] = entry
    m.setdefault("folders", []).append("../../victimdir/sub/empty")
    P.save_manifest(out, m)
    P.write_project(p, formats=["docx"])  # the XLSX outputs vanish: legitimate deletions still happen
    r = build(p, what="build with a hostile manifest")
    P.diag(r, "manifest.bad-path", f"{out}/.bangfu-manifest.json [outputs[../../victimdir/sub/important.txt]]",
           "the issue's probe is warned at its entry")
    P.diag(r, "manifest.bad-path", f"{out}/.bangfu-manifest.json [outputs[lishui/\\x01important.txt]]",
           "a control character is shown escaped")
    P.diag(r, "manifest.bad-path", f"{out}/.bangfu-manifest.json [folders[../../victimdir/sub/empty]]",
           "a hostile folder entry is warned")
    P.check.eq(sorted(l for l in r.stdout.splitlines() if l.startswith("删除 ")), sorted("删除 " + x for x in XLSX),
               "only the vanished outputs are deleted")
    P.check.eq(P.files(out), DOCX, "the DOCX outputs stay")
    P.check.eq(tree_state(VICTIM), before, "victim tree after a hostile manifest")
    again = build(p, what="rebuild")
    P.no_diag(again, "manifest.bad-path", "the rewritten manifest is clean")
    P.check.true(all(k in DOCX for k in P.manifest(out)["outputs"]), "the rewritten manifest lists only outputs")


def symlinked_folder_in_output():
    before = tree_state(VICTIM)
    p = P.project("linked")
    build(p)
    out = p / "out"
    os.symlink(VICTIM, out / "link")
    m = P.manifest(out)
    m["outputs"]["link/sub/important.txt"] = dict(file_stamp(VICTIM / "sub" / "important.txt"), input="x",
                                                  scheme="lishui", entity="appendix:gone")
    P.save_manifest(out, m)
    # A link planted at a declared output's own name is replaced, not written through.
    (out / DOCX[0]).unlink()
    os.symlink(VICTIM / "sub" / "important.txt", out / DOCX[0])
    r = build(p, what="build with links in the output folder")
    P.diag(r, "build.kept", f"{out}/link/sub/important.txt", "an entry through a symlinked folder is kept")
    P.check.true(not (out / DOCX[0]).is_symlink() and (out / DOCX[0]).stat().st_size > 1000,
                 "the link at an output's name was replaced by the output")
    P.check.true("link/sub/important.txt" not in P.manifest(out)["outputs"], "the refused entry leaves the manifest")
    P.check.eq(tree_state(VICTIM), before, "victim tree after links in the output folder")


def copied_project_deletes_nothing():
    p = P.project("original")
    build(p)
    original = tree_state(p)
    copy = P.work / "copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(p, copy, symlinks=True)
    P.write_project(copy, formats=["docx"])
    r = build(copy, what="first build of a copied project")
    P.diag(r, "manifest.foreign", f"{copy}/out/.bangfu-manifest.json", "a copied manifest is another project's")
    P.check.true("删除 0，" in r.stdout, f"nothing deleted on a copied manifest: {r.stdout}")
    P.check.true("跳过 2" in r.stdout, f"a copied project does not rebuild its unchanged outputs: {r.stdout}")
    P.check.eq(P.files(copy / "out"), sorted(DOCX + XLSX), "the copied XLSX files are not deleted")
    again = build(copy, what="second build of the copy")
    P.no_diag(again, "manifest.foreign", "the copy's own manifest")
    P.check.eq(P.files(copy / "out"), sorted(DOCX + XLSX), "files this manifest never wrote are never deleted")
    P.check.eq(tree_state(p), original, "the original project is untouched by its copy's builds")


def changed_by_hand_is_kept():
    p = P.project("handmade")
    build(p)
    out = p / "out"
    with open(out / XLSX[0], "ab") as f:
        f.write(b"the clerk's edit")
    edited = (out / XLSX[0]).read_bytes()
    P.write_project(p, formats=["docx"])
    r = build(p, what="build after a hand edit")
    P.diag(r, "build.kept", f"{out}/{XLSX[0]}", "a vanished output edited by hand is kept")
    P.check.true((out / XLSX[0]).read_bytes() == edited, "the edited file keeps its bytes")
    P.check.true(not (out / XLSX[1]).exists(), "the unedited vanished output is deleted")
    again = build(p, what="rebuild")
    P.no_diag(again, "build.kept", "the kept file left the manifest")
    P.check.true((out / XLSX[0]).exists(), "the kept file stays on later builds")


def only_bangfus_folders_are_pruned():
    def scheme(name):
        return {"path": "schemes/lishui.json", "plugin": "lishui", "name": name, "entities": False}

    p = P.project("folders", schemes=[scheme("lishui"), scheme("second"), scheme("third")])
    (p / "out" / "second").mkdir(parents=True)  # the clerk's folder, made before bangfu ran
    build(p)
    P.check.true((p / "out" / "third").is_dir(), "bangfu made out/third")
    P.write_project(p, schemes=[scheme("lishui")])
    r = build(p, what="build after two schemes left")
    P.check.true("删除 8" in r.stdout, f"the two schemes' outputs are deleted: {r.stdout}")
    P.check.true((p / "out" / "second").is_dir(), "a folder bangfu did not make stays, though empty")
    P.check.true(not (p / "out" / "third").exists(), "a folder bangfu made is removed once empty")


def output_outside_the_project():
    before = tree_state(VICTIM)
    for output, shown in (("../shared-out", "../shared-out"), (str(P.work / "abs-out"), str(P.work / "abs-out")),
                          (".", "."), ("out/../..", "out/../.."), ("./", "./")):
        p = P.project("outside")
        P.write_project(p, output=output)
        r = build(p, code=1, what=f"output {output!r}")
        P.diag(r, "project.output-outside", f"{p}/bangfu-project.json [output]", f"output {output!r}", "错误")
        P.check.true(shown in r.stderr, f"output {output!r} is named in the message")
        P.check.true("--out" in r.stderr, f"output {output!r}: the hint names --out")
    P.check.true(not (P.work / "shared-out").exists() and not (P.work / "abs-out").exists(),
                 "no folder is made outside the project")
    r = build(p, code=1, env=EN, what="output '.' in English")
    P.check.true(f"{p}/bangfu-project.json [output]: error project.output-outside: the output folder" in r.stderr,
                 f"English message: {r.stderr}")
    # A symlink planted where the output folder goes (a copied folder can carry one).
    p = P.project("outside-link")
    os.symlink(VICTIM, p / "out")
    r = build(p, code=1, what="output folder that is a symlink")
    P.diag(r, "project.output-outside", f"{p}/bangfu-project.json [output]", "a symlinked output folder", "错误")
    # --out may not be the project folder or hold it.
    for out in (p, P.work):
        r = build(p, "--out", out, code=1, what=f"--out {out}")
        P.diag(r, "project.output-outside", f"{p}/bangfu-project.json [--out]", f"--out {out}", "错误")
    P.check.eq(tree_state(VICTIM), before, "victim tree after refused output folders")


def two_projects_one_folder():
    shared = P.work / "shared"
    shutil.rmtree(shared, ignore_errors=True)
    a = P.project("project-a", output="../shared-out")  # refused as it stands; --out is the way out
    b = P.project("project-b", output="../shared-out",
                  schemes=[{"path": "schemes/lishui.json", "plugin": "lishui", "name": "other", "entities": False}])
    for p in (a, b):
        build(p, code=1, what=f"{p.name} with output ../shared-out")
    build(a, "--out", shared, what="project A into the shared folder")
    first = tree_state(shared)
    P.check.eq(P.files(shared), sorted(DOCX + XLSX), "project A's outputs")
    r = build(b, "--out", shared, code=1, what="project B into A's folder")
    P.diag(r, "build.output-taken", f"{shared}/.bangfu-manifest.json [project]", "the second project is refused", "错误")
    P.check.eq(tree_state(shared), first, "project B deleted and wrote nothing in A's folder")
    again = build(a, "--out", shared, what="project A again")
    P.check.true("跳过 4" in again.stdout, f"project A is still up to date: {again.stdout}")


for case in (manifest_escapes, symlinked_folder_in_output, copied_project_deletes_nothing, changed_by_hand_is_kept,
             only_bangfus_folders_are_pruned, output_outside_the_project, two_projects_one_folder):
    case()
P.finish()
