"""The CLI contract (design.md): exit codes 0/1/2/3, located diagnostics with a
fix, nothing written on failure, previous outputs untouched, byte-stable output."""
import glob
import hashlib
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import Checker, parse_args, run  # noqa: E402


def digest(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def main():
    a = parse_args()
    c = Checker()
    ex = os.path.join(a.source, "examples")
    lishui = os.path.join(ex, "lishui-2019", "scheme.json")

    # Every example checks without errors (warnings allowed, exit 0).
    for scheme in sorted(glob.glob(os.path.join(ex, "*", "scheme.json"))):
        r = run([a.bangfu, "check", scheme], expect=None)
        c.eq(r.returncode, 0, f"check {scheme} exit\n{r.stderr}")
    # zhejiang-2014: 合计 2000 against the ten published rows (646) is a warning.
    r = run([a.bangfu, "check", os.path.join(ex, "zhejiang-2014", "scheme.json")], expect=0)
    c.true("stated.mismatch" in r.stderr and "2000" in r.stderr and "646" in r.stderr,
           f"zhejiang 合计 mismatch reported:\n{r.stderr}")

    # 市人防办 misspelt as 市人房办: exit 1, the place, and the suggestion.
    scheme = json.load(open(lishui, encoding="utf-8"))
    bad = json.loads(json.dumps(scheme, ensure_ascii=False))
    # The reference in 莲都区's team is misspelt; the unit list keeps the real name.
    c.eq(bad["teams"][0]["members"][0], "市人防办", "the seed's first member of 莲都区")
    bad["teams"][0]["members"][0] = "市人房办"
    bad_path = os.path.join(a.work, "lishui-typo.json")
    json.dump(bad, open(bad_path, "w", encoding="utf-8"), ensure_ascii=False)
    r = run([a.bangfu, "check", bad_path], expect=1)
    c.true("ref.unknown-unit" in r.stderr, f"typo: code\n{r.stderr}")
    c.true("lishui-typo.json" in r.stderr and "teams[0].members[0]" in r.stderr, f"typo: place\n{r.stderr}")
    c.true("是否为“市人防办”" in r.stderr, f"typo: suggestion\n{r.stderr}")
    r = run([a.bangfu, "check", bad_path], expect=1, env={"LANG": "en_US.UTF-8"})
    c.true("did you mean '市人防办'" in r.stderr, f"typo: English message\n{r.stderr}")

    # render: bad input writes nothing and leaves earlier outputs untouched.
    out = os.path.join(a.work, "out")
    run([a.bangfu, "render", lishui, "--out", out])
    before = {p: (digest(p), os.stat(p).st_mtime_ns) for p in glob.glob(os.path.join(out, "*"))}
    c.eq(len(before), 2, "render writes one DOCX and one XLSX")
    r = run([a.bangfu, "render", bad_path, "--out", out], expect=1)
    after = {p: (digest(p), os.stat(p).st_mtime_ns) for p in glob.glob(os.path.join(out, "*"))}
    c.eq(after, before, "a failed render leaves the previous outputs as they were")
    c.eq(sorted(os.listdir(out)), sorted(os.path.basename(p) for p in before), "no temporary files left")

    # Byte-stable: a second render writes nothing (same bytes, same mtimes).
    r = run([a.bangfu, "render", lishui, "--out", out])
    c.true(r.stdout.count("未变 ") == 2, f"second render unchanged:\n{r.stdout}")
    after = {p: (digest(p), os.stat(p).st_mtime_ns) for p in glob.glob(os.path.join(out, "*"))}
    c.eq(after, before, "byte-stable rerender")
    # Another folder gives the same bytes.
    out2 = os.path.join(a.work, "out2")
    run([a.bangfu, "render", lishui, "--out", out2])
    for p in before:
        c.eq(digest(os.path.join(out2, os.path.basename(p))), before[p][0], f"same bytes in another run: {p}")

    # --split: one file per appendix, named as an office would.
    split = os.path.join(a.work, "split")
    run([a.bangfu, "render", lishui, "--out", split, "--split"])
    c.eq(sorted(os.listdir(split)), sorted(["附件1-市级领导结对帮扶方案.docx", "附件1-市级领导结对帮扶方案.xlsx",
                                           "附件2-市级结对帮扶团组安排方案.docx", "附件2-市级结对帮扶团组安排方案.xlsx"]),
         "split file names")

    # Usage errors exit 2; an unknown plugin names the nearest.
    c.eq(run([a.bangfu, "render"], expect=None).returncode, 2, "render without SCHEME")
    c.eq(run([a.bangfu, "frobnicate"], expect=None).returncode, 2, "unknown command")
    c.eq(run([a.bangfu, "render", lishui, "--format", "odt"], expect=None).returncode, 2, "unknown format")
    r = run([a.bangfu, "check", lishui, "--plugin", "lishu"], expect=2)
    c.true("lishui" in r.stderr, f"nearest plugin named:\n{r.stderr}")
    # Unreadable input: exit 1 with the place.
    broken = os.path.join(a.work, "broken.json")
    open(broken, "w").write('{"bangfu": 1, "units": [')
    r = run([a.bangfu, "check", broken], expect=1)
    c.true("broken.json" in r.stderr, f"broken JSON located:\n{r.stderr}")
    c.eq(run([a.bangfu, "check", os.path.join(a.work, "missing.json")], expect=None).returncode in (1, 3), True,
         "missing file is an input or I/O error")

    # table: located errors for bad data, exit 1, nothing written.
    def table(csv_text, *extra, name="t.csv", encoding="utf-8"):
        path = os.path.join(a.work, name)
        with open(path, "w", encoding=encoding, newline="") as f:
            f.write(csv_text)
        outp = os.path.join(a.work, name + ".docx")
        r = run([a.bangfu, "table", path, "-o", outp, *extra], expect=None)
        return r, outp
    r, outp = table("县,村数\n莲都区,16\n龙泉市,二十五\n", "--total", "村数")
    c.eq(r.returncode, 1, "non-numeric total cell exits 1")
    c.true("t.csv:3:2" in r.stderr and "table.not-a-number" in r.stderr, f"non-numeric located:\n{r.stderr}")
    c.true(not os.path.exists(outp), "nothing written for bad data")
    r, _ = table("县,村数\n莲都区,16,多余\n", name="ragged.csv")
    c.true(r.returncode == 1 and "ragged.csv:2" in r.stderr and "table.ragged" in r.stderr, f"ragged row:\n{r.stderr}")
    r, _ = table("", name="empty.csv")
    c.true(r.returncode == 1 and "table.empty" in r.stderr, f"empty file:\n{r.stderr}")
    r, _ = table("县,村数\n莲都区,16\n", "--total", "村树", name="col.csv")
    c.true(r.returncode == 1 and "村数" in r.stderr, f"unknown total column suggests the nearest:\n{r.stderr}")
    r, outp = table("县,村数\n莲都区,16\n龙泉市,25\n", "--total", "村数", name="gbk.csv", encoding="gb18030")
    c.eq(r.returncode, 0, f"GB18030 CSV renders\n{r.stderr}")
    c.true(os.path.exists(outp), "GB18030 table written")

    c.finish("cli contract")


main()
