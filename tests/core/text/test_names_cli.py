"""`bangfu names sort` as a clerk uses it: names from a file or stdin, stroke or
pinyin order, both conventions, --pad, warnings on stderr, and the exit codes of
core/cli/commands.hpp. Also the four published lists (tests/core/text/data)."""
import argparse
import json
import os
import random
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bangfu", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    failures = []

    def run(args, stdin=None):
        p = subprocess.run([a.bangfu, "names", "sort", *args], input=stdin, capture_output=True,
                           env={**os.environ, "LANG": "C.UTF-8"})
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")

    def check(cond, what):
        print(("ok   " if cond else "FAIL ") + what)
        if not cond:
            failures.append(what)

    path = os.path.join(a.work, "names.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\ufeff田大利\r\n\n  王峰  \n田富\n欧阳修\n丁一\n")
    code, out, err = run([path])
    check(code == 0, f"exit 0 (got {code}, {err})")
    check(out.splitlines() == ["丁一", "王峰", "田富", "田大利", "欧阳修"], f"surname convention: {out.splitlines()}")
    code, out, _ = run(["--convention", "fullname", path])
    check(out.splitlines() == ["丁一", "王峰", "田大利", "田富", "欧阳修"], f"fullname convention: {out.splitlines()}")
    code, out, _ = run(["--pad", path])
    check(out.splitlines() == ["丁\u3000一", "王\u3000峰", "田\u3000富", "田大利", "欧阳修"], f"--pad: {out.splitlines()}")
    code, out, _ = run(["--by", "pinyin"], stdin="张伟\n曾明\n陈红\n".encode())
    check(code == 0 and out.splitlines() == ["陈红", "曾明", "张伟"], f"pinyin from stdin: {out.splitlines()}")

    code, out, err = run([], stdin="冏明\n周伟\n冏亮\n李强\n".encode())
    check(code == 0 and out.splitlines() == ["李强", "冏明", "冏亮", "周伟"], f"unknown character order: {out.splitlines()}")
    check(err.count("text.stroke-unknown") == 1, f"one warning for 冏 on stderr: {err!r}")

    with open(os.path.join(a.source, "tests", "core", "text", "data", "stroke-lists.json"), encoding="utf-8") as f:
        lists = json.load(f)["lists"]
    for lst in lists:
        shuffled = list(lst["names"])
        random.Random(5).shuffle(shuffled)
        code, out, err = run([], stdin=("\n".join(shuffled) + "\n").encode())
        check(code == 0 and out.splitlines() == lst["names"], f"published list {lst['id']} ({len(shuffled)} names)")

    bad = os.path.join(a.work, "bad.txt")
    with open(bad, "wb") as f:
        f.write("王峰\n".encode() + b"\xff\xfe\n")
    code, _, err = run([bad])
    check(code == 1 and "bad.txt:2" in err, f"invalid UTF-8 is exit 1 with its line: {code} {err!r}")
    code, _, _ = run(["--by", "radical", path])
    check(code == 2, f"unknown --by is a usage error: {code}")
    code, _, _ = run(["--by", "pinyin", "--convention", "fullname", path])
    check(code == 2, f"--convention with pinyin is a usage error: {code}")
    code, _, _ = run([os.path.join(a.work, "missing.txt")])
    check(code == 1, f"a missing file is unreadable input (exit 1): {code}")

    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
