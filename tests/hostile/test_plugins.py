"""Hostile plugin modules (issue 15 item 6): truncated, wrong-ABI and not-a-plugin
modules are refused from their file's metadata before dlopen, none of their code
runs (each fixture's static initialiser would append to a marker file), and a
plugin that crashes while rendering is reported as that plugin's failure.
Run by ctest as py.hostile.test_plugins."""
import json
import os
import shutil
import signal
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
from common import Checker, parse_args, run  # noqa: E402


def main():
    a = parse_args()
    c = Checker()
    build = os.path.dirname(a.bangfu)
    fixtures = os.path.join(build, "test-plugins")
    real = os.path.join(build, "plugins", "bangfu-lishui.so")
    if not os.path.exists(real) or not os.path.isdir(fixtures):
        print("plugins or fixture modules not built")
        sys.exit(77)
    lishui = os.path.join(a.source, "examples", "lishui-2019", "scheme.json")
    marker = os.path.join(a.work, "marker")
    en = {"LANG": "en_US.UTF-8", "BANGFU_FIXTURE_MARKER": marker}

    def not_killed(r, what):
        c.true(r.returncode >= 0, f"{what}: killed by signal {-r.returncode}\n{r.stderr}")

    # Truncated copies of a real plugin on the search path: every command goes on.
    size = os.path.getsize(real)
    trunc_dir = os.path.join(a.work, "truncated")
    for cut in (16, 64, 100, 4096, size // 3, size // 2, size - 1):
        shutil.rmtree(trunc_dir, ignore_errors=True)
        os.makedirs(trunc_dir)
        bad = os.path.join(trunc_dir, "bangfu-truncated.so")
        with open(real, "rb") as f, open(bad, "wb") as g:
            g.write(f.read(cut))
        env = dict(en, BANGFU_PLUGIN_PATH=trunc_dir)
        r = run([a.bangfu, "plugins"], expect=None, env=env)
        not_killed(r, f"plugins with a module cut at {cut}")
        c.eq(r.returncode, 0, f"plugins with a module cut at {cut} exits 0")
        c.true(bad in r.stderr and "not a bangfu plugin" in r.stderr, f"cut {cut}: the module is named\n{r.stderr}")
        r = run([a.bangfu, "check", lishui], expect=None, env=env)
        not_killed(r, f"check with a module cut at {cut}")
        c.eq(r.returncode, 0, f"check lishui-2019 with a module cut at {cut} on the path")
        r = run([a.bangfu, "check", lishui, "--plugin", bad], expect=None, env=env)
        not_killed(r, f"check --plugin a module cut at {cut}")
        c.eq(r.returncode, 2, f"--plugin a module cut at {cut} is a usage error")
        c.true(bad in r.stderr, "the refusal names the file")
    c.true(not os.path.exists(marker), "no code of a real plugin ran from a truncated copy")

    # Wrong ABI and not-a-plugin: refused, and their static initialisers never run.
    badabi = os.path.join(fixtures, "badabi", "bangfu-badabi.so")
    notaplugin = os.path.join(fixtures, "notaplugin", "bangfu-notaplugin.so")
    env = dict(en, BANGFU_PLUGIN_PATH=f"{fixtures}/badabi:{fixtures}/notaplugin")
    r = run([a.bangfu, "plugins"], expect=None, env=env)
    c.eq(r.returncode, 0, "plugins lists the good ones")
    c.true(badabi in r.stderr and notaplugin in r.stderr, f"both bad modules named\n{r.stderr}")
    scheme = os.path.join(a.work, "scheme.json")
    with open(scheme, "w", encoding="utf-8") as f:
        json.dump({"bangfu": 1, "plugin": "", "name": "fixture"}, f)
    for module, want in ((badabi, "has ABI 999"), (notaplugin, "no bangfu metadata")):
        for cmd in (["check", scheme, "--plugin", module],
                    ["render", scheme, "--plugin", module, "-o", os.path.join(a.work, "never")]):
            r = run([a.bangfu, *cmd], expect=None, env=env)
            c.eq(r.returncode, 2, f"{cmd[0]} --plugin {os.path.basename(module)} exits 2\n{r.stderr}")
            c.true(module in r.stderr and want in r.stderr, f"{cmd[0]}: names the file and why\n{r.stderr}")
    r = run([a.bangfu, "check", scheme, "--plugin", badabi], expect=None, env=env)
    c.true("needs ABI" in r.stderr and "999" in r.stderr, f"both ABI versions named\n{r.stderr}")
    c.true(not os.path.exists(marker), "no static initialiser of a refused module ran")
    c.true(not os.path.exists(os.path.join(a.work, "never")), "render wrote nothing")

    # A plugin that crashes in render: its failure, named, nothing written. It is
    # also the marker's positive control: a module that does load leaves its mark.
    crash_dir = os.path.join(fixtures, "crashes")
    out = os.path.join(a.work, "crash-out")
    crash_scheme = os.path.join(a.work, "crash.json")
    with open(crash_scheme, "w", encoding="utf-8") as f:
        json.dump({"bangfu": 1, "plugin": "crashes", "name": "crash"}, f)
    env = dict(en, BANGFU_PLUGIN_PATH=crash_dir)
    r = run([a.bangfu, "render", crash_scheme, "-o", out], expect=None, env=env)
    not_killed(r, "render with a crashing plugin")
    c.eq(r.returncode, 3, f"a crashing plugin is a plugin failure, exit 3\n{r.stderr}")
    c.true("plugin crashes failed rendering appendix 'roster'" in r.stderr, f"names plugin and appendix\n{r.stderr}")
    c.true(f"signal {int(signal.SIGSEGV)}" in r.stderr, f"names the signal\n{r.stderr}")
    c.true(not os.path.exists(out) or not os.listdir(out), "nothing written")
    with open(marker, encoding="utf-8") if os.path.exists(marker) else open(os.devnull) as f:
        marks = f.read().split()
    c.true("crashes" in marks, f"positive control: the loaded module left its mark ({marks})")
    c.true("badabi" not in marks and "notaplugin" not in marks, f"refused modules left none ({marks})")

    # In a build the crash fails its scheme; the project's other schemes are built.
    proj = os.path.join(a.work, "project")
    shutil.rmtree(proj, ignore_errors=True)
    os.makedirs(os.path.join(proj, "schemes"))
    shutil.copy(crash_scheme, os.path.join(proj, "schemes", "crash.json"))
    with open(lishui, encoding="utf-8") as f:
        good = json.load(f)
    with open(os.path.join(proj, "schemes", "good.json"), "w", encoding="utf-8") as f:
        json.dump(good, f, ensure_ascii=False)
    with open(os.path.join(proj, "bangfu-project.json"), "w", encoding="utf-8") as f:
        json.dump({"bangfu": 1, "output": "out", "formats": ["docx"], "pattern": "{scheme}/{stem}.{ext}",
                   "schemes": [{"path": "schemes/crash.json"}, {"path": "schemes/good.json"}]}, f)
    for jobs in ("1", "2"):
        shutil.rmtree(os.path.join(proj, "out"), ignore_errors=True)
        r = run([a.bangfu, "build", proj, "--jobs", jobs], expect=None, env=env)
        not_killed(r, f"build --jobs {jobs} with a crashing plugin")
        c.true(r.returncode != 0, f"build --jobs {jobs} reports the failure\n{r.stderr}")
        c.true("roster" in r.stderr and "signal" in r.stderr, f"build names the appendix and signal\n{r.stderr}")
        docs = []
        for root, _, files in os.walk(os.path.join(proj, "out")):
            docs += [f for f in files if f.endswith(".docx")]
        c.true(len(docs) > 0, f"build --jobs {jobs}: the good scheme's outputs are written ({docs})")
    c.finish("hostile plugins")


if __name__ == "__main__":
    main()
