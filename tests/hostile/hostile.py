"""Shared by the hostile-folder probes (tests/hostile/test_*.py, issue 15).

Each probe builds or renders in its own folder under --work, beside a victim tree
(work/victimdir) that nothing may touch: tree_state() hashes every file, link
and folder, before and after.
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/must_run.py
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))
from common import Checker, parse_args  # noqa: E402  (tests/cli/common.py)

ZH = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
EN = {"LANG": "en_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
TEMP_NAME = re.compile(r"(\.tmp-|\.bangfu-stage-)")


class Probe:
    def __init__(self, name):
        self.args = parse_args()
        self.work = Path(self.args.work)
        self.source = Path(self.args.source)
        self.check = Checker()
        self.name = name

    # --- running bangfu -------------------------------------------------------
    def bangfu(self, *cmd, env=ZH, timeout=300):
        e = dict(os.environ)
        e.update(env)
        r = subprocess.run([self.args.bangfu, *map(str, cmd)], capture_output=True, env=e, timeout=timeout)
        r.stdout = r.stdout.decode("utf-8", errors="replace")
        r.stderr = r.stderr.decode("utf-8", errors="replace")
        self.check.true("\ufffd" not in r.stdout + r.stderr,
                        f"bangfu {' '.join(map(str, cmd))}: output is not UTF-8 text:\n{r.stderr[-600:]}")
        return r

    def expect(self, r, code, what):
        self.check.eq(r.returncode, code, f"{what}: exit code (stderr: {r.stderr[-800:]!r})")

    def diag(self, r, code, place, what, severity="警告", under=False):
        """A diagnostic line `PLACE: SEVERITY CODE: …` is in stderr (under: PLACE is a folder the place is in)."""
        tail = f": {severity} {code}:"
        lines = r.stderr.splitlines()
        if under:
            found = any(l.startswith(place) and l.split(tail)[0].count(":") == 0 and tail in l for l in lines)
        else:
            found = any(l.startswith(place + tail) for l in lines)
        self.check.true(found, f"{what}: no line {place!r}{'…' if under else ''}{tail!r} in stderr:\n{r.stderr[-1500:]}")

    def no_diag(self, r, code, what):
        self.check.true(f" {code}:" not in r.stderr, f"{what}: unexpected {code} in stderr:\n{r.stderr[-1500:]}")

    # --- folders ----------------------------------------------------------------
    def victim(self):
        """work/victimdir: files, an empty folder and a link, which no probe may change."""
        v = self.work / "victimdir"
        if not v.exists():
            (v / "sub" / "empty").mkdir(parents=True)
            (v / "sub" / "important.txt").write_text("the clerk's only copy\n", encoding="utf-8")
            (v / "other.docx").write_bytes(b"PK\x03\x04 not ours")
            os.symlink("sub/important.txt", v / "link.txt")
        return v

    def project(self, name, output="out", schemes=None, formats=None, pattern=None):
        """A project folder with examples/lishui-2019 as schemes/lishui.json (summary appendices only)."""
        p = self.work / name
        if p.exists():
            shutil.rmtree(p)
        (p / "schemes").mkdir(parents=True)
        shutil.copy(self.source / "examples" / "lishui-2019" / "scheme.json", p / "schemes" / "lishui.json")
        self.write_project(p, output=output, schemes=schemes, formats=formats, pattern=pattern)
        return p

    @staticmethod
    def write_project(p, output="out", schemes=None, formats=None, pattern=None):
        doc = {"output": output,
               "schemes": schemes or [{"path": "schemes/lishui.json", "plugin": "lishui", "name": "lishui",
                                       "entities": False}]}
        if output is None:
            del doc["output"]
        if formats:
            doc["formats"] = formats
        if pattern:
            doc["pattern"] = pattern
        (p / "bangfu-project.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    @staticmethod
    def manifest_path(out):
        return Path(out) / ".bangfu-manifest.json"

    def manifest(self, out):
        return json.loads(self.manifest_path(out).read_text(encoding="utf-8"))

    def save_manifest(self, out, m):
        self.manifest_path(out).write_text(json.dumps(m, ensure_ascii=False), encoding="utf-8")

    @staticmethod
    def files(out):
        """Regular files below `out` (relative paths), the manifest left out."""
        out = Path(out)
        return sorted(str(f.relative_to(out)) for f in out.rglob("*")
                      if f.is_file() and not f.is_symlink() and f.name != ".bangfu-manifest.json")

    @staticmethod
    def temporaries(folder):
        """Names a writer's temporary file or staging folder takes, anywhere below `folder`."""
        return sorted(str(f) for f in Path(folder).rglob("*") if TEMP_NAME.search(f.name) and not f.is_symlink())

    def rendered_names(self, scheme):
        """The file names `render SCHEME` writes (docx and xlsx), learnt from a render into a scratch folder."""
        scratch = self.work / "render-names"
        shutil.rmtree(scratch, ignore_errors=True)
        r = self.bangfu("render", scheme, "--out", scratch)
        self.expect(r, 0, "render to learn the output names")
        names = sorted(p.name for p in scratch.iterdir())
        shutil.rmtree(scratch, ignore_errors=True)
        return names

    def finish(self):
        self.check.finish(self.name)


def tree_state(root):
    """Every entry below root: a file's SHA-256 and mode, a link's target, a folder's mode."""
    root = Path(root)
    state = {}
    if not root.exists() and not root.is_symlink():
        return state
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            rel = str(p.relative_to(root))
            st = os.lstat(p)
            if p.is_symlink():
                state[rel] = ("link", os.readlink(p))
            elif p.is_dir():
                state[rel] = ("dir", st.st_mode)
            else:
                state[rel] = ("file", st.st_mode, st.st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
    return state


def file_stamp(path):
    st = os.stat(path)
    return {"size": st.st_size, "mtimeNs": st.st_mtime_ns,
            "output": hashlib.sha256(Path(path).read_bytes()).hexdigest()}


def _bytes(size):
    """'12k', '64m' or a number, as mount's size= takes it, in bytes."""
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    size = str(size).lower()
    return int(size[:-1]) * units[size[-1]] if size[-1] in units else int(size)


class ShimDisk:
    """A full disk without mount(2), on any machine: build/test-shims/bangfu-enospc.so
    (tests/hostile/enospc_shim.c) preloaded into bangfu makes its writes into `where`
    fail with ENOSPC once `size` bytes have gone there in one run. `env` is what a
    probe adds to bangfu's environment; `resize` gives the next runs that much room.

    `ok` is False, with the reason in `why`, when the shim was not built."""

    label = "LD_PRELOAD ENOSPC shim"

    def __init__(self, where, size, bangfu):
        self.where = Path(where)
        self.where.mkdir(parents=True, exist_ok=True)
        shim = Path(bangfu).resolve().parent / "test-shims" / "bangfu-enospc.so"
        self.ok = shim.is_file()
        self.why = f"{shim} was not built"
        self.env = {"LD_PRELOAD": str(shim), "BANGFU_ENOSPC_DIR": str(self.where.resolve()),
                    "BANGFU_ENOSPC_BYTES": str(_bytes(size)),
                    "ASAN_OPTIONS": "verify_asan_link_order=0"}  # a sanitized bangfu takes the preload too

    def resize(self, size):
        self.env["BANGFU_ENOSPC_BYTES"] = str(_bytes(size))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass


class Tmpfs:
    """A small tmpfs mounted for a full-disk probe (root only); unmounted on exit.

    `ok` is False, with the reason in `why`, where mount(2) is not allowed."""

    label = "tmpfs"
    env = {}

    def __init__(self, where, size):
        self.where = Path(where)
        self.where.mkdir(parents=True, exist_ok=True)
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(self.where)],
                           capture_output=True, text=True)
        self.ok = r.returncode == 0
        self.why = r.stderr.strip()

    def resize(self, size):
        subprocess.run(["mount", "-o", f"remount,size={size}", str(self.where)], check=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.ok:
            subprocess.run(["umount", "-l", str(self.where)], check=False)
