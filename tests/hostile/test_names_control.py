"""`bangfu names sort` refuses control characters in the pasted list (issue 15): each
line's first one is io.control-char at file:line:column, naming the character, the
text before it and the fix, exit 1, nothing printed or written; tab, CR LF stay
allowed. Run by ctest as py.hostile.test_names_control."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
from common import Checker, parse_args  # noqa: E402

ZH = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
EN = {"LANG": "en_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
LINE = re.compile(r"^(?P<place>.*?): (?:错误|error) io\.control-char: (?P<msg>.*)$")
CJK = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]")


def names(a, args, data, env):
    e = dict(os.environ)
    e.update(env)
    r = subprocess.run([a.bangfu, "names", "sort", *args], input=data, capture_output=True, env=e)
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")


def main():
    a = parse_args()
    c = Checker()
    path = os.path.join(a.work, "list.txt")
    cases = [("\x01", "U+0001"), ("\x00", "U+0000"), ("\x7f", "U+007F"), ("\u0085", "U+0085"), ("\x1b", "U+001B")]
    for raw, name in cases:
        with open(path, "wb") as f:
            f.write(("李红\n张三、王" + raw + "峰\n").encode("utf-8"))
        for env, lang in ((ZH, "zh"), (EN, "en")):
            code, out, err = names(a, [path], b"", env)
            c.eq(code, 1, f"{name} ({lang}): exit code\n{err}")
            c.eq(out, "", f"{name} ({lang}): nothing printed")
            hits = [m for m in (LINE.match(l) for l in err.splitlines()) if m]
            c.eq([h.group("place") for h in hits], [path + ":2:5"], f"{name} ({lang}): located at line 2, column 5")
            if hits:
                msg = hits[0].group("msg")
                c.true(name in msg and "张三、王" in msg, f"{name} ({lang}): names it and the text before: {msg}")
                if lang == "en":
                    c.true("(hint: delete the character" in msg, f"{name}: an English fix: {msg}")
                    c.true(not CJK.search(re.sub(r'"[^"]*"', "", msg)), f"{name}: one language: {msg}")
                else:
                    c.true("（建议：删除该字符" in msg, f"{name}: a Chinese fix: {msg}")

    # every bad line is reported, each at its own place; from stdin too
    code, out, err = names(a, [], "王\x02峰\n李红\n\x03张三\n".encode("utf-8"), ZH)
    c.eq(code, 1, f"stdin: exit code\n{err}")
    places = [m.group("place") for m in (LINE.match(l) for l in err.splitlines()) if m]
    c.eq(places, ["<stdin>:1:2", "<stdin>:3:1"], "stdin: both lines located")

    # GB18030 (a clerk's Notepad file): the place is in characters of the decoded text
    with open(path, "wb") as f:
        f.write("李红\n欧阳\x01娜娜\n".encode("gb18030"))
    code, out, err = names(a, [path], b"", ZH)
    c.eq(code, 1, f"GB18030: exit code\n{err}")
    c.true(f"{path}:2:3: 错误 io.control-char" in err and "U+0001" in err, f"GB18030: at 2:3\n{err}")

    # a typeset list is not written
    docx = os.path.join(a.work, "list.docx")
    with open(path, "wb") as f:
        f.write("李红\n王\x00峰\n".encode("utf-8"))
    code, out, err = names(a, [path, "--format", "docx", "-o", docx], b"", ZH)
    c.eq(code, 1, f"--format docx: exit code\n{err}")
    c.true(not os.path.exists(docx), "--format docx: nothing written")

    # a binary file: twenty lines listed, the rest counted
    with open(path, "wb") as f:
        f.write(b"".join(b"\x01x\n" for _ in range(50)))
    code, out, err = names(a, [path], b"", ZH)
    c.eq(code, 1, "binary: exit code")
    c.eq(len([l for l in err.splitlines() if LINE.match(l)]), 21, f"binary: 20 lines and one count\n{err[-400:]}")
    c.true("另有 30 行含有不可见的控制字符" in err, "binary: the rest counted")

    # tab, CR LF and U+3000 padding are not control characters
    with open(path, "wb") as f:
        f.write("李红\t王峰\r\n张\u3000三\r\n".encode("utf-8"))
    code, out, err = names(a, [path], b"", ZH)
    c.eq(code, 0, f"tab and CR LF allowed\n{err}")
    c.eq(sorted(out.split()), sorted(["李红", "王峰", "张三"]), f"the names are sorted and printed: {out!r}")
    c.finish("names control characters")


if __name__ == "__main__":
    main()
