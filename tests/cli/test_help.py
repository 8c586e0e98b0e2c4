"""Help in the locale's language (issue 18 item 8): `bangfu --help` and every
command's -h/--help, in Chinese by default and English under LANG=en_US,
compared with snapshots in tests/cli/golden/help/; usage lines equal README's;
usage errors and success lines speak one language; bangfu.1 is generated from
the same text and installed by `cmake --install`.

BANGFU_UPDATE_GOLDEN=1 rewrites the snapshots (then review the diff)."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import Checker, parse_args, run  # noqa: E402

LOCALES = {"zh": "C.UTF-8", "en": "en_US.UTF-8"}
CJK = re.compile(r"[\u3400-\u9fff]")


def help_env(lang):
    return {"LANG": lang, "LC_ALL": "", "LC_MESSAGES": ""}


def commands(bangfu):
    """The command names and usage lines of the overview."""
    r = run([bangfu, "--help"], env=help_env("C.UTF-8"))
    usage = [line.strip()[len("bangfu "):] for line in r.stdout.splitlines() if line.startswith("  bangfu ")]
    usage = [u for u in usage if u != "--version"]
    return [(u.split()[0], u) for u in usage]


def snapshot(c, a, name, text):
    golden = os.path.join(a.source, "tests", "cli", "golden", "help", name)
    if os.environ.get("BANGFU_UPDATE_GOLDEN"):
        os.makedirs(os.path.dirname(golden), exist_ok=True)
        with open(golden, "w", encoding="utf-8") as f:
            f.write(text)
    want = open(golden, encoding="utf-8").read() if os.path.exists(golden) else None
    c.eq(text, want, f"help snapshot {name} (BANGFU_UPDATE_GOLDEN=1 rewrites it)")


def main():
    a = parse_args()
    c = Checker()
    cmds = commands(a.bangfu)
    c.true(len(cmds) >= 9, f"the overview lists the commands: {cmds}")

    # Usage lines equal README's.
    readme = open(os.path.join(a.source, "README.md"), encoding="utf-8").read().splitlines()
    for name, usage in cmds:
        c.true(any(line == "bangfu " + usage or line.startswith("bangfu " + usage + "   ") for line in readme),
               f"README has the usage line of {name}: bangfu {usage}")

    for tag, lang in LOCALES.items():
        env = help_env(lang)
        r = run([a.bangfu, "--help"], env=env)
        snapshot(c, a, f"{tag}/overview.txt", r.stdout)
        for name, usage in cmds:
            outs = []
            for flag in ("--help", "-h"):
                argv = [a.bangfu, name] + (["sort"] if name == "names" else []) + [flag]
                r = run(argv, env=env)
                outs.append(r.stdout)
            c.eq(outs[0], outs[1], f"{name}: -h and --help print the same ({tag})")
            text = outs[0]
            snapshot(c, a, f"{tag}/{name}.txt", text)
            c.eq(run([a.bangfu, "help", name], env=env).stdout, text, f"`bangfu help {name}` ({tag})")
            first = text.splitlines()[0]
            c.eq(first, ("用法：bangfu " if tag == "zh" else "usage: bangfu ") + usage, f"{name} usage line ({tag})")
            c.true(("示例：" if tag == "zh" else "example: ") in text and f"  bangfu {name}" in text,
                   f"{name} help has an example ({tag})")
            # Every option in the usage line is explained; in Chinese each line is Chinese.
            options = [l for l in text.splitlines() if re.match(r"^  (-\w, )?--|^      --", l)]
            for opt in re.findall(r"--[a-z][a-z-]*", usage):
                c.true(any(f"{opt} " in l or l.split()[-1] == opt or f"{opt}  " in l for l in options),
                       f"{name} help explains {opt} ({tag})")
            for l in options:
                spelled = l.split("  ")[1] if l.startswith("  -") else l
                desc = l[len(spelled) + 2:] if l.startswith("  -") else l
                if tag == "zh":
                    c.true(CJK.search(desc) is not None, f"{name}: option line in Chinese: {l!r}")
            if tag == "en":
                for label in ("用法", "选项", "示例", "默认"):
                    c.true(label not in text, f"{name}: English help has no {label}")

    # Usage errors: one language each.
    r = run([a.bangfu, "init", "--bogus"], expect=2, env=help_env("C.UTF-8"))
    c.true("没有选项“bogus”" in r.stderr and "用法：bangfu init" in r.stderr and "usage" not in r.stderr,
           f"Chinese usage error:\n{r.stderr}")
    r = run([a.bangfu, "init", "--bogus"], expect=2, env=help_env("en_US.UTF-8"))
    c.true("unknown option 'bogus'" in r.stderr and "usage: bangfu init" in r.stderr and not CJK.search(
        r.stderr.replace("bangfu init -o WORKBOOK.xlsx", "")), f"English usage error:\n{r.stderr}")
    r = run([a.bangfu, "frobnicate"], expect=2, env=help_env("C.UTF-8"))
    c.true("没有命令“frobnicate”" in r.stderr, f"unknown command in Chinese:\n{r.stderr}")

    # Diagnostics under an English locale: English text and English hints, no Chinese
    # outside the quoted values (a look-alike 巿, a unit nothing is near, a stated figure).
    import json
    src = json.load(open(os.path.join(a.source, "examples", "lishui-2019", "scheme.json"), encoding="utf-8"))
    src["areas"][1]["parent"] = src["areas"][1]["parent"].replace("市", "巿") if src["areas"][1].get("parent") else "丽水巿"
    src["people"][0]["unit"] = "完全不存在的单位"
    bad = os.path.join(a.work, "typos.json")
    with open(bad, "w", encoding="utf-8") as f:
        json.dump(src, f, ensure_ascii=False)
    r = run([a.bangfu, "check", bad], expect=1, env=help_env("en_US.UTF-8"))
    outside = re.sub(r"“[^”]*”|\"[^\"]*\"|'[^']*'", "", r.stderr)
    outside = re.sub(r"^[^:]*typos\.json[^:]*:", "", outside, flags=re.M)
    c.true("hint:" in r.stderr and not CJK.search(outside), f"English diagnostics, English hints:\n{r.stderr}")

    # Success lines: 已写入 in Chinese, wrote in English, never both.
    scheme = os.path.join(a.source, "examples", "dongli-2017", "scheme.json")
    for tag, lang in LOCALES.items():
        out = os.path.join(a.work, "out-" + tag)
        r = run([a.bangfu, "render", scheme, "--out", out], env=help_env(lang))
        lines = r.stdout.splitlines()
        c.true(lines and all(l.startswith("已写入 " if tag == "zh" else "wrote ") for l in lines),
               f"render success lines ({tag}):\n{r.stdout}")
        r = run([a.bangfu, "render", scheme, "--out", out], env=help_env(lang))
        c.true(all(l.startswith("未变 " if tag == "zh" else "unchanged ") for l in r.stdout.splitlines()),
               f"render again: unchanged ({tag}):\n{r.stdout}")
        report = os.path.join(a.work, f"diff-{tag}.xlsx")
        r = run([a.bangfu, "diff", scheme, scheme, "-o", report], env=help_env(lang))
        c.true(("已写入 " if tag == "zh" else "wrote ") in r.stderr and
               ("wrote" if tag == "zh" else "已写入") not in r.stderr, f"diff success line ({tag}):\n{r.stderr}")

    # The man page: generated at build time from the help, installed.
    build = os.path.dirname(os.path.abspath(a.bangfu))
    prefix = os.path.join(a.work, "prefix")
    run(["cmake", "--install", build, "--prefix", prefix])
    for sub, tag in (("man1", "en"), ("zh_CN/man1", "zh")):
        page = os.path.join(prefix, "share", "man", sub, "bangfu.1")
        c.true(os.path.exists(page), f"installed {page}")
        if not os.path.exists(page):
            continue
        src = open(page, encoding="utf-8").read()
        c.true(src.startswith(".TH BANGFU 1"), f"{sub}: a man(7) page")
        shown = subprocess.run(["groff", "-K", "utf8", "-man", "-Tutf8", "-P-c", "-ww", page], capture_output=True, text=True,
                               env=dict(os.environ, LANG="C.UTF-8"))
        c.eq(shown.returncode, 0, f"groff renders {sub}/bangfu.1\n{shown.stderr}")
        # Line-breaking warnings are groff's for CJK text without spaces; bad input is ours.
        bad = [l for l in shown.stderr.splitlines() if "break line" not in l and "adjust line" not in l]
        c.true(not bad, f"groff warnings on {sub}/bangfu.1:\n" + "\n".join(bad[:5]))
        flat = re.sub(r".\x08", "", shown.stdout)
        for name, usage in cmds:
            c.true(name in flat, f"{sub}/bangfu.1 documents {name}")
        for phrase in (("读入方案", "退出码") if tag == "zh" else ("Reads a scheme", "EXIT STATUS")):
            c.true(phrase in flat or phrase in src, f"{sub}/bangfu.1 says {phrase}")
    c.finish("help")


main()
