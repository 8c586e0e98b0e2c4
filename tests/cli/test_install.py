"""An installed build finds its plugins without any environment variable:
`cmake --install` into a fresh prefix, then run bangfu from there. Neither the
build-tree nor the installed binary looks for its libraries in the current
directory (an empty RUNPATH entry, as CMake's install-time RPATH padding left,
would load a library planted in whatever folder bangfu is run from)."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import Checker, parse_args, run  # noqa: E402


def main():
    a = parse_args()
    c = Checker()
    build = os.path.dirname(os.path.abspath(a.bangfu))
    prefix = os.path.join(a.work, "prefix")
    run(["cmake", "--install", build, "--prefix", prefix])
    exe = os.path.join(prefix, "bin", "bangfu")
    c.true(os.path.exists(exe), "bangfu installed")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BANGFU_")}
    env["LANG"] = "C.UTF-8"
    import subprocess
    r = subprocess.run([exe, "plugins"], capture_output=True, text=True, env=env, cwd=a.work)
    c.eq(r.returncode, 0, f"installed plugins exit\n{r.stderr}")
    ids = sorted(line.split("\t")[0] for line in r.stdout.splitlines() if line and not line.startswith(" "))
    real = sorted(d for d in os.listdir(os.path.join(a.source, "plugins"))
                  if os.path.exists(os.path.join(a.source, "plugins", d, "CMakeLists.txt")))
    c.eq(ids, real, "installed plugins: every folder under plugins/")
    c.true(all(prefix in line for line in r.stdout.splitlines() if line and not line.startswith(" ")),
           f"plugins come from the prefix, not the build tree:\n{r.stdout}")
    out = os.path.join(a.work, "out")
    r = subprocess.run([exe, "render", os.path.join(a.source, "examples", "dongli-2017", "scheme.json"), "--out", out],
                       capture_output=True, text=True, env=env, cwd=a.work)
    c.eq(r.returncode, 0, f"installed render\n{r.stderr}")
    c.eq(len(os.listdir(out)) if os.path.isdir(out) else 0, 2, "installed render wrote DOCX and XLSX")

    planted = os.path.join(a.work, "planted")
    os.makedirs(planted)
    for lib in ("libPocoFoundation.so.80", "libbangfu_core.so.0", "libstdc++.so.6"):
        with open(os.path.join(planted, lib), "w") as f:
            f.write("not a library")
    for name, binary in (("build-tree", a.bangfu), ("installed", exe)):
        r = subprocess.run([binary, "plugins"], capture_output=True, text=True, env=env, cwd=planted)
        c.eq(r.returncode, 0, f"{name} bangfu run from a folder holding files named like its libraries\n{r.stderr}")
    c.finish("install")


main()
