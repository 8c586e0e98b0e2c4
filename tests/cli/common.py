"""Shared helpers for the CLI-level tests run by /usr/bin/python3 under ctest."""
import argparse
import os
import re
import shutil
import subprocess
import sys

SKIP = 77  # ctest SKIP_RETURN_CODE; a test that skips goes through tests/must_run.py


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--bangfu", required=True)
    p.add_argument("--source", required=True)
    p.add_argument("--work", required=True)
    a = p.parse_args()
    a.bangfu, a.source, a.work = (os.path.abspath(x) for x in (a.bangfu, a.source, a.work))
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work, exist_ok=True)
    return a


def small_scheme(plugin="", name="hostile"):
    """A small valid scheme (two counties, three units, two people, one team, one
    pairing) that a test breaks one field at a time; a fresh dict on every call."""
    return {
        "bangfu": 1,
        "plugin": plugin,
        "name": name,
        "notice": {"title": "测试通知", "date": "2019年5月30日"},
        "areas": [{"id": "莲都区", "name": "莲都区", "level": "county"},
                  {"id": "青田县", "name": "青田县", "level": "county"}],
        "units": ["市财政局", "市教育局", "中国人民银行(丽水)"],
        "people": ["李红", "王峰"],
        "teams": [{"id": "T1", "name": "莲都区团组", "target": "莲都区", "leader": "市财政局",
                   "members": ["市教育局", "中国人民银行(丽水)"]}],
        "pairings": [{"kind": "leader-area", "helper": {"kind": "person", "ref": "李红"},
                      "target": {"kind": "area", "ref": "莲都区"}}],
    }


def read_tree(folder):
    """Every file under folder as {relative path: bytes}, for byte-for-byte comparisons."""
    out = {}
    for d, _, names in os.walk(folder):
        for n in names:
            p = os.path.join(d, n)
            with open(p, "rb") as f:
                out[os.path.relpath(p, folder)] = f.read()
    return out


def run(cmd, expect=0, env=None, **kw):
    e = dict(os.environ)
    e.setdefault("LANG", "C.UTF-8")
    if env:
        e.update(env)
    r = subprocess.run(cmd, capture_output=True, text=True, env=e, **kw)
    if expect is not None and r.returncode != expect:
        sys.exit(f"FAIL: {' '.join(cmd)} exited {r.returncode}, expected {expect}\nstdout:\n{r.stdout}\nstderr:\n{r.stderr}")
    return r


_SPACE = re.compile(r"[\s\u3000]+")


def norm(text):
    """Comparison form of a cell: all whitespace (ASCII and U+3000) removed."""
    return _SPACE.sub("", "" if text is None else str(text))


class Checker:
    def __init__(self):
        self.failures = []
        self.checks = 0

    def eq(self, got, want, what):
        self.checks += 1
        if got != want:
            self.failures.append(f"{what}: got {got!r}, want {want!r}")

    def true(self, cond, what):
        self.checks += 1
        if not cond:
            self.failures.append(what)

    def finish(self, name):
        if self.failures:
            print("\n".join(self.failures[:40]))
            print(f"{name}: {len(self.failures)} of {self.checks} checks failed")
            sys.exit(1)
        if self.checks == 0:
            sys.exit(f"{name}: no checks ran")
        print(f"{name}: {self.checks} passed, 0 failed")
