"""The Debian packages, as a user gets them: `cpack -G DEB` in this build, then
`apt-get install ./bangfu_*.deb ./bangfu-dev_*.deb`. The installed bangfu runs every
example from a folder outside the tree with no BANGFU_* variable and writes the same
bytes as the build tree's; the steps of docs/plugin-guide.md "Outside the tree" (the
block marked `ci: out-of-tree`) scaffold, build, test and install a plugin against
the installed SDK; then the packages are purged and nothing of theirs is left.

Needs root and dpkg (CI has both); elsewhere it is skipped, which --require-all
turns into a failure."""
import glob
import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from common import Checker, parse_args, read_tree, run  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import must_run  # noqa: E402

PACKAGES = ("bangfu", "bangfu-dev")


def clean_env(home):
    env = {k: v for k, v in os.environ.items() if not k.startswith("BANGFU_")}
    env.update(LANG="C.UTF-8", HOME=home)
    return env


def installed(name):
    r = subprocess.run(["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True)
    return r.returncode == 0 and "install ok installed" in r.stdout


def guide_block(source):
    text = open(os.path.join(source, "docs", "plugin-guide.md"), encoding="utf-8").read()
    m = re.search(r"<!-- ci: out-of-tree[^>]*-->\s*```sh\n(.*?)```", text, re.S)
    return m.group(1) if m else None


def render_all(c, exe, source, out, cwd, env):
    """Every example with a plugin rendered to DOCX+XLSX; the plugin-less one checked."""
    codes = {}
    for scheme in sorted(glob.glob(os.path.join(source, "examples", "*", "scheme.json"))):
        name = os.path.basename(os.path.dirname(scheme))
        r = subprocess.run([exe, "render", scheme, "--out", os.path.join(out, name), "--format", "docx,xlsx"],
                           capture_output=True, text=True, env=env, cwd=cwd)
        codes[name] = r.returncode
    return codes


def main():
    a = parse_args()
    c = Checker()
    if os.geteuid() != 0 or not shutil.which("dpkg") or not shutil.which("apt-get"):
        must_run.skip("installing a .deb needs root and dpkg")
    already = [p for p in PACKAGES if installed(p)]
    if already:
        must_run.skip(f"{' '.join(already)} already installed on this machine; not replacing it")
    build = os.path.dirname(a.bangfu)
    debs = os.path.join(a.work, "debs")
    run(["cpack", "-G", "DEB", "--config", os.path.join(build, "CPackConfig.cmake"), "-B", debs])
    runtime = glob.glob(os.path.join(debs, "bangfu_*_amd64.deb"))
    dev = glob.glob(os.path.join(debs, "bangfu-dev_*_amd64.deb"))
    c.eq((len(runtime), len(dev)), (1, 1), "cpack made bangfu_VERSION_amd64.deb and bangfu-dev_VERSION_amd64.deb")
    if c.failures:
        c.finish("deb")
    fields = run(["dpkg-deb", "-f", runtime[0], "Depends", "Recommends"]).stdout
    c.true("libpocofoundation80" in fields and "libxlsxwriter" in fields, f"Depends on the runtime libraries:\n{fields}")
    c.true("libreoffice-writer-nogui" in fields and "fonts-noto-cjk" in fields, f"Recommends LibreOffice and fonts:\n{fields}")

    home = os.path.join(a.work, "home")
    outside = os.path.join(a.work, "elsewhere")
    os.makedirs(home)
    os.makedirs(outside)
    env = clean_env(home)
    owned = []
    try:
        run(["apt-get", "install", "-y", "-q", "--no-install-recommends", runtime[0], dev[0]],
            env={"DEBIAN_FRONTEND": "noninteractive"})
        for p in PACKAGES:
            owned += [f for f in run(["dpkg-query", "-L", p]).stdout.splitlines() if f.startswith("/")]
        for f in ("/usr/bin/bangfu", "/usr/share/bangfu/fonts/fonts.conf",
                  "/usr/share/bash-completion/completions/bangfu", "/usr/include/bangfu/plugin/plugin.hpp",
                  "/usr/share/bangfu/templates/plugin/plugin.cpp.in"):
            c.true(f in owned, f"package holds {f}")
        c.true(any(f.startswith("/usr/lib/bangfu/plugins/bangfu-") for f in owned), "plugins in /usr/lib/bangfu/plugins")
        for man in ("/usr/share/man/man1/bangfu.1", "/usr/share/man/zh_CN/man1/bangfu.1"):
            c.true(man in owned or man + ".gz" in owned, f"man page {man}")
        c.true(any(f.endswith("/cmake/bangfu/bangfuConfig.cmake") for f in owned), "CMake package config")
        c.true(any(re.search(r"/libbangfu_core\.so$", f) for f in owned), "libbangfu_core development link")

        r = subprocess.run(["bangfu", "plugins"], capture_output=True, text=True, env=env, cwd=outside)
        c.eq(r.returncode, 0, f"installed `bangfu plugins`\n{r.stderr}")
        listed = [line for line in r.stdout.splitlines() if line and not line.startswith(" ")]
        real = sorted(d for d in os.listdir(os.path.join(a.source, "plugins"))
                      if os.path.exists(os.path.join(a.source, "plugins", d, "CMakeLists.txt")))
        c.eq(sorted(line.split("\t")[0] for line in listed), real, "installed bangfu lists every plugin")
        c.true(all("/usr/bin/../lib/bangfu/plugins/" in line for line in listed), f"from the package:\n{r.stdout}")

        # Same bytes from the package as from the build tree, run from outside the tree.
        got_codes = render_all(c, "/usr/bin/bangfu", a.source, os.path.join(a.work, "pkg-out"), outside, env)
        want_codes = render_all(c, a.bangfu, a.source, os.path.join(a.work, "tree-out"), outside, env)
        c.eq(got_codes, want_codes, "exit codes of every example, package vs build tree")
        c.true(sum(1 for v in want_codes.values() if v == 0) >= 4, f"examples rendered: {want_codes}")
        got = read_tree(os.path.join(a.work, "pkg-out"))
        want = read_tree(os.path.join(a.work, "tree-out"))
        c.eq(sorted(got), sorted(want), "same output files")
        c.true(len(want) >= 8, f"outputs compared: {len(want)}")
        for name in sorted(want):
            c.true(got.get(name) == want[name], f"byte-identical: {name}")

        # The guide's out-of-tree steps, as written, against the installed SDK.
        block = guide_block(a.source)
        c.true(block is not None, "docs/plugin-guide.md has the `ci: out-of-tree` block")
        if block:
            work = os.path.join(a.work, "guide")
            os.makedirs(work)
            start = time.monotonic()
            r = subprocess.run(["bash", "-euo", "pipefail", "-c", block], capture_output=True, text=True,
                               env=env, cwd=work)
            elapsed = time.monotonic() - start
            c.eq(r.returncode, 0, f"guide steps\nstdout:\n{r.stdout[-3000:]}\nstderr:\n{r.stderr[-3000:]}")
            print(f"guide's out-of-tree steps (scaffold, configure, build, test, install, render): {elapsed:.1f} s")
            c.true("100% tests passed" in r.stdout, "the scaffold's own test ran and passed")
            c.true(os.path.exists(os.path.join(home, ".local", "lib", "bangfu", "plugins", "bangfu-quzhou.so")),
                   "plugin installed into ~/.local/lib/bangfu/plugins")
            c.true(re.search(r"^quzhou\t衢州市\t.*/\.local/lib/bangfu/plugins/bangfu-quzhou\.so$", r.stdout, re.M)
                   is not None, "bangfu plugins lists the out-of-tree plugin from ~/.local")
            out = os.path.join(work, "quzhou", "out")
            made = sorted(os.listdir(out)) if os.path.isdir(out) else []
            c.eq([os.path.splitext(f)[1] for f in made], [".docx", ".xlsx"], "the scaffold's example renders")
    finally:
        subprocess.run(["apt-get", "purge", "-y", "-q", *PACKAGES], capture_output=True, text=True,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    for p in PACKAGES:
        c.true(not installed(p), f"{p} removed")
    left = [f for f in owned if os.path.isfile(f) or os.path.islink(f)]
    c.eq(left, [], "no file of the packages is left after purge")
    for d in ("/usr/lib/bangfu", "/usr/share/bangfu", "/usr/include/bangfu"):
        c.true(not os.path.exists(d), f"{d} removed")
    c.finish("deb")


main()
