#!/usr/bin/python3
"""Deliberately breaking what the suite depends on makes it fail (issue 23 "Done"):

1. LibreOffice removed from PATH, the seeds dropped (BANGFU_SEEDS pointing
   nowhere): `scripts/test.sh --require-all` (and CI=true alone) fails, naming
   py.pdf.test_pdf (skipped otherwise), py.golden.test_examples and
   DongliEntitiesTest's seed check (not checked otherwise); without it the run
   passes and lists each by name at the end.
2. A reader that throws std::logic_error: each fuzz target, replaying its corpus
   (bangfu_fuzz_replay_*), dies with it instead of counting it as bad input.
3. (A golden table with rows deleted: tests/meta/test_golden_catches_deleted_rows.py.)

The nested runs use the existing build (test.sh --no-build) through a small ctest
folder of their own, so they do not touch this run's Testing/ log."""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
from common import Checker, parse_args  # noqa: E402

LIBREOFFICE = {"soffice", "libreoffice", "localc", "lowriter", "loimpress", "lodraw", "lomath", "lobase", "loffice"}
SEED_TESTS = ["py.pdf.test_pdf", "py.golden.test_examples",
              "DongliEntitiesTest.EachDocumentRendersItsVillagesRowsAsTheSeedHasThem"]


def path_without_libreoffice(work):
    """A folder of links to every program on PATH except LibreOffice's launchers."""
    shadow = os.path.join(work, "bin")
    os.makedirs(shadow, exist_ok=True)
    for d in os.environ.get("PATH", "/usr/bin:/bin").split(":"):
        if not os.path.isdir(d):
            continue
        for name in os.listdir(d):
            target = os.path.join(shadow, name)
            if name in LIBREOFFICE or os.path.lexists(target):
                continue
            os.symlink(os.path.join(d, name), target)
    return shadow


def main():
    a = parse_args()
    c = Checker()
    build = os.path.dirname(a.bangfu)
    shim = os.path.join(a.work, "ctest")
    os.makedirs(shim)
    with open(os.path.join(shim, "CTestTestfile.cmake"), "w") as f:
        f.write(f'subdirs("{build}")\n')
    shadow = path_without_libreoffice(a.work)
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "BANGFU_REQUIRE_ALL")}
    env.update(PATH=shadow, BANGFU_BUILD_DIR=shim, BANGFU_SEEDS=os.path.join(a.work, "no-seeds"))
    env.pop("BANGFU_SOFFICE", None)
    only = "^(" + "|".join(t.replace(".", r"\.") for t in SEED_TESTS) + ")$"
    test_sh = os.path.join(a.source, "scripts", "test.sh")

    def suite(*flags, extra=None):
        r = subprocess.run(["bash", test_sh, "--no-build", *flags, "-R", only], capture_output=True, text=True,
                           env=dict(env, **(extra or {})), timeout=900)
        return r.returncode, r.stdout + r.stderr

    r = subprocess.run(["bash", "-c", "command -v soffice libreoffice"], capture_output=True, text=True,
                       env=env)
    c.eq(r.stdout.strip(), "", "no LibreOffice launcher on the shadow PATH")

    rc, out = suite()
    c.eq(rc, 0, f"without --require-all the broken run passes:\n{out}")
    c.true("1 test(s) skipped:\n  py.pdf.test_pdf" in out, f"the skipped test is named at the end:\n{out}")
    for name in SEED_TESTS[1:]:
        c.true(f"  {name}: seeds " in out, f"{name}: its unchecked part is named at the end:\n{out}")

    for flags, extra, what in ((["--require-all"], None, "--require-all"), ([], {"CI": "true"}, "CI=true")):
        rc, out = suite(*flags, extra=extra)
        c.true(rc != 0, f"{what}: the broken run must fail (exit {rc}):\n{out}")
        failed = out[out.find("The following tests FAILED:"):] if "The following tests FAILED:" in out else ""
        for name in SEED_TESTS:
            c.true(f" - {name} (Failed)" in failed, f"{what}: {name} among the failed tests:\n{out}")
        print(f"{what}: exit {rc}; failed: {[n for n in SEED_TESTS if n in failed]}")

    for target, site in (("csv", "csv.parse"), ("json", "json.parse"), ("json", "json.read"), ("xlsx", "xlsx.zip"),
                         ("xlsx", "xlsx.inflate")):
        replay = os.path.join(build, f"bangfu_fuzz_replay_{target}")
        corpus = os.path.join(a.source, "tests", "fuzz", "corpus", target)
        ok = subprocess.run([replay, corpus], capture_output=True, text=True, timeout=300)
        c.eq(ok.returncode, 0, f"{target}: the corpus replays cleanly\n{ok.stderr}")
        bad = subprocess.run([replay, "--fault", site, corpus], capture_output=True, text=True, timeout=300)
        c.true(bad.returncode != 0 and "logic_error" in bad.stderr,
               f"{target} with std::logic_error at {site}: the fuzz target must die of it, exit {bad.returncode}\n"
               f"{bad.stderr[-800:]}")
        print(f"{target} fuzz target, std::logic_error at {site}: exit {bad.returncode}")
    c.finish("breakage fails the suite")


main()
