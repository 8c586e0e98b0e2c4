"""Every Chinese fix has an English one (issue 15 item 9, issue 18 item 8), checked in
the sources: a diagnostic call (error/warning/note/fail) whose fifth argument, the
suggestion, holds Chinese must pass a sixth, the English suggestion, and a
`d.suggestion = "…中文…"` must have its `d.suggestionEn` beside it. The plain forms
改为“X” and 是否为“X”？ are exempt: Diagnostic::englishHint translates them.
tests/hostile/test_one_language.py checks what the commands print; this finds the
sites no bad input there reaches. Run by ctest as py.meta.test_english_hints."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
from common import Checker, parse_args  # noqa: E402

CALL = re.compile(r"(?:\.|->|\b)(error|warning|note|fail)\s*\(")
CJK = re.compile(r"[\u4e00-\u9fff]")
PLAIN = re.compile(r'^\s*(?:\w+(?:\.empty\(\))?\s*\?\s*"")?\s*:?\s*"(?:改为|是否为)“"\s*\+\s*[\w.()*\[\]]+\s*\+\s*"”？?"\s*$'
                   r'|^"(?:改为|是否为)“"\s*\+\s*[\w.()*\[\]]+\s*\+\s*"”？?"$')


def call_args(s, i):
    """The top-level arguments of the call whose '(' is at s[i], as source text."""
    depth, args, cur, j, quote = 0, [], [], i, None
    while j < len(s):
        c = s[j]
        if quote:
            cur.append(c)
            if quote == "R":
                if s.startswith(')"', j):
                    cur.append('"')
                    j += 2
                    quote = None
                    continue
            elif c == "\\":
                cur.append(s[j + 1])
                j += 2
                continue
            elif c == quote:
                quote = None
            j += 1
            continue
        if s.startswith('R"(', j):
            quote = "R"
            cur.append('R"(')
            j += 3
            continue
        if c in "\"'":
            quote = c
        elif c in "([{":
            depth += 1
            if depth == 1:
                j += 1
                continue
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append("".join(cur).strip())
                return args
        elif c == "," and depth == 1:
            args.append("".join(cur).strip())
            cur = []
            j += 1
            continue
        cur.append(c)
        j += 1
    return args


def main():
    a = parse_args()
    c = Checker()
    missing = []
    files = 0
    for top in ("core", "plugins"):
        for d, _, names in os.walk(os.path.join(a.source, top)):
            for n in sorted(names):
                if not n.endswith(".cpp"):
                    continue
                path = os.path.join(d, n)
                rel = os.path.relpath(path, a.source)
                with open(path, encoding="utf-8") as f:
                    s = f.read()
                files += 1
                for m in CALL.finditer(s):
                    args = call_args(s, m.end() - 1)
                    if len(args) == 5 and CJK.search(args[4]) and not PLAIN.match(args[4]):
                        line = s.count("\n", 0, m.start()) + 1
                        missing.append(f"{rel}:{line}: {m.group(1)}(…, {args[4][:80]}) has no English fix")
                for m in re.finditer(r"(\w+)\.suggestion\s*=\s*(.*?);", s, re.S):
                    if CJK.search(m.group(2)) and f"{m.group(1)}.suggestionEn" not in s[m.start(): m.end() + 400]:
                        line = s.count("\n", 0, m.start()) + 1
                        missing.append(f"{rel}:{line}: {m.group(1)}.suggestion without {m.group(1)}.suggestionEn")
    c.true(files > 100, f"the sources were found ({files} files)")
    c.true(not missing, f"{len(missing)} Chinese fixes without an English one:\n  " + "\n  ".join(missing))
    c.finish("english hints")


if __name__ == "__main__":
    main()
