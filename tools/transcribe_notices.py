#!/usr/bin/python3
"""Writes examples/<ex>/notice.md from the seed texts in shared/seeds (issue 17).

Each notice.md is cut out of its seed by line numbers, with only the edits listed
in EDITS below (each one also listed in the example's README under "The notice
text"). `--check` compares the committed files with what this script makes and
fails on any difference, so a hand edit that is not listed here shows up.

    python3 tools/transcribe_notices.py --seeds ../shared/seeds [--check]
"""
import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Zhejiang's seed is an OCR of the printed notice: it has half-width , : ; ( ) where
# the notice prints full-width marks (GB/T 15834). They are mapped back.
HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）"}


def full_width(s):
    return "".join(HALF_TO_FULL.get(c, c) for c in s)


def lines_of(seed, first, last):
    """Seed lines first..last (1-based, inclusive), stripped, empty ones dropped."""
    out = []
    for raw in seed[first - 1:last]:
        t = raw.strip().strip("\u3000")
        if t:
            out.append(t)
    return out


def join_broken(lines, pairs):
    """Joins line i with the next one for every (prefix_of_first) in pairs."""
    out = []
    for t in lines:
        if out and any(out[-1].endswith(end) for end in pairs):
            out[-1] += t
        else:
            out.append(t)
    return out


def lishui_2019(seed):
    settings = ["标题：中共丽水市委办公室  丽水市人民政府办公室", "标题：关于做好新一轮扶贫结对帮扶工作的通知"]
    body = lines_of(seed, 6, 20)
    return settings, body


def lishui_2018(seed):
    settings = ["标题：中共丽水市委办公室  丽水市人民政府办公室", "标题：印发《关于丽水市助力东西部扶贫协作地区",
                "标题：脱贫攻坚的实施意见》的通知"]
    body = lines_of(seed, 5, 5)
    body += ["# 关于丽水市助力东西部扶贫协作地区", "# 脱贫攻坚的实施意见"]
    # Seed lines 13-14 are one paragraph broken after “(中办发”.
    body += join_broken(lines_of(seed, 13, 47), ["(中办发"])
    return settings, body


def zhejiang_2014(seed):
    settings = ["发文机关标志：中共浙江省委办公厅文件", "标题：中共浙江省委办公厅　浙江省人民政府办公厅",
                "标题：关于做好新一轮扶贫结对帮扶工作的通知", "附注：（此件公开发布）", "印发机关：中共浙江省委办公厅",
                "印发日期：2014年1月27日"]
    raw = [re.sub(r"^#+\s*", "", t) for t in lines_of(seed, 45, 65)]
    # Page breaks of the scan split two paragraphs (“…全面建成小康” / “社会步伐…”,
    # “…确定的目标” / “任务…”); they are joined. The seed lacks the pages between
    # “…帮扶工作格” and “助。各级新闻媒体…”: both fragments are kept as printed.
    body = join_broken(raw, ["全面建成小康", "完成计划确定的目标"])
    return settings, [full_width(t) for t in body]


def suzhou_2022(seed):
    settings = []
    body = lines_of(seed, 7, 7)
    body += ["# 关于深入推进“五大帮扶”工作实施方案"]
    body += lines_of(seed, 13, len(seed))
    return settings, body


def dongli_2017(seed):
    settings = ["标题：中共东丽区委办公室 东丽区人民政府办公室印发《关于开展新一轮结对帮扶困难村", "标题：工作的实施方案》的通知"]
    body = lines_of(seed, 5, 5)
    body += ["# 关于开展新一轮结对帮扶困难村", "# 工作的实施方案"]
    # Seed line 52 (附件：东丽区结对帮扶困难村工作领导小组及办公室组成) names one appendix
    # under a shortened title; the example has two (README), so the 附件说明 is generated.
    body += lines_of(seed, 15, 51)
    return settings, body


EXAMPLES = {
    "lishui-2019": ("000_5c417f67f70bf3f8.txt", lishui_2019),
    "lishui-2018-east-west": ("001_56174073b50e21eb.txt", lishui_2018),
    "zhejiang-2014": ("002_94366c72aaec8c8a.txt", zhejiang_2014),
    "suzhou-2022": ("003_edb7204d99b95347.txt", suzhou_2022),
    "dongli-2017": ("004_f3154bab04004104.txt", dongli_2017),
}


def render(settings, body):
    out = ""
    if settings:
        out += "---\n" + "\n".join(settings) + "\n---\n"
    return out + "\n".join(body) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", default=str(ROOT.parent / "shared" / "seeds"))
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    bad = 0
    for ex, (seed_name, fn) in EXAMPLES.items():
        seed = (Path(a.seeds) / seed_name).read_text(encoding="utf-8").split("\n")
        text = render(*fn(seed))
        target = ROOT / "examples" / ex / "notice.md"
        if a.check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                print(f"{target}: differs from its transcription of {seed_name}")
                bad += 1
        else:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
