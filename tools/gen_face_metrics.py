#!/usr/bin/python3
"""Writes core/src/layout/face_metrics_data.cpp: the advance widths and glyph
coverage of the faces fonts/fonts.conf maps the GB/T 9704 names to, read once
from the font files, so that table layout measures text with the metrics it
prints in and gives the same bytes on every machine (ARCHITECTURE "Byte-stable").

Usage: tools/gen_face_metrics.py [OUT.cpp]

For each face: the advance (1/1000 em) of every covered BMP code point outside the
CJK Unified Ideographs, as runs of one advance, and a coverage bitmap of
U+3400..U+9FFF (Extension A and the URO). Ideographs are 1 em in every face
listed here; the generator fails if one is not. Also the GB 2312 hanzi (Python's
gb2312 codec), so `check` can warn about characters outside it.

A bounded reader: only the OpenType table directory, head, hhea, hmtx and cmap
formats 4 and 12 are read, every offset checked against the file size.
"""
import os
import struct
import sys

FANDOL = "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
NOTO = "/usr/share/fonts/opentype/noto"
# fonts/fonts.conf: the first family of each alias (docs/fonts.md).
FACES = [
    ("Fang", os.path.join(FANDOL, "FandolFang-Regular.otf"), 0),
    ("Hei", os.path.join(FANDOL, "FandolHei-Regular.otf"), 0),
    ("Kai", os.path.join(FANDOL, "FandolKai-Regular.otf"), 0),
    ("Song", os.path.join(FANDOL, "FandolSong-Regular.otf"), 0),
    ("Title", os.path.join(NOTO, "NotoSerifCJK-Bold.ttc"), 2),  # face 2 of the collection: SC
]
IDEO_FIRST, IDEO_LAST = 0x3400, 0x9FFF


class Font:
    def __init__(self, path, index):
        with open(path, "rb") as f:
            self.data = f.read()
        base = 0
        if self.data[:4] == b"ttcf":
            count = self.u32(8)
            if index >= count:
                raise SystemExit(f"{path}: no face {index}")
            base = self.u32(12 + 4 * index)
        self.tables = {}
        num = self.u16(base + 4)
        for i in range(num):
            rec = base + 12 + 16 * i
            tag = self.data[rec:rec + 4].decode("latin-1")
            off, length = self.u32(rec + 8), self.u32(rec + 12)
            if off + length > len(self.data):
                raise SystemExit(f"{path}: table {tag} past the end")
            self.tables[tag] = off
        self.upem = self.u16(self.tables["head"] + 18)
        self.nhm = self.u16(self.tables["hhea"] + 34)

    def need(self, off, n):
        if off < 0 or off + n > len(self.data):
            raise SystemExit("font offset out of range")

    def u16(self, off):
        self.need(off, 2)
        return struct.unpack_from(">H", self.data, off)[0]

    def i16(self, off):
        self.need(off, 2)
        return struct.unpack_from(">h", self.data, off)[0]

    def u32(self, off):
        self.need(off, 4)
        return struct.unpack_from(">I", self.data, off)[0]

    def advance(self, gid):
        hmtx = self.tables["hmtx"]
        return self.u16(hmtx + 4 * min(gid, self.nhm - 1))

    def cmap(self):
        cm = self.tables["cmap"]
        subtables = []
        for i in range(self.u16(cm + 2)):
            rec = cm + 4 + 8 * i
            pid, eid, off = self.u16(rec), self.u16(rec + 2), self.u32(rec + 4)
            subtables.append((pid, eid, cm + off))
        best = None
        for pid, eid, off in subtables:
            fmt = self.u16(off)
            if fmt == 12 and (pid, eid) in ((3, 10), (0, 4), (0, 6)):
                best = (12, off)
        if best is None:
            for pid, eid, off in subtables:
                if self.u16(off) == 4 and (pid, eid) in ((3, 1), (0, 3), (0, 4)):
                    best = (4, off)
        if best is None:
            raise SystemExit("no Unicode cmap")
        out = {}
        fmt, off = best
        if fmt == 12:
            n = self.u32(off + 12)
            for g in range(n):
                rec = off + 16 + 12 * g
                start, end, gid = self.u32(rec), self.u32(rec + 4), self.u32(rec + 8)
                if end - start > 0x10FFFF:
                    raise SystemExit("bad cmap group")
                for cp in range(start, end + 1):
                    out[cp] = gid + cp - start
        else:
            segx2 = self.u16(off + 6)
            ends, starts = off + 14, off + 16 + segx2
            deltas, ranges = starts + segx2, starts + 2 * segx2
            for s in range(segx2 // 2):
                end, start = self.u16(ends + 2 * s), self.u16(starts + 2 * s)
                delta, ro = self.i16(deltas + 2 * s), self.u16(ranges + 2 * s)
                for cp in range(start, min(end, 0xFFFE) + 1):
                    if ro == 0:
                        gid = (cp + delta) & 0xFFFF
                    else:
                        gid = self.u16(ranges + 2 * s + ro + 2 * (cp - start))
                        if gid:
                            gid = (gid + delta) & 0xFFFF
                    if gid:
                        out[cp] = gid
        return out


def gb2312_hanzi():
    out = []
    for cp in range(IDEO_FIRST, IDEO_LAST + 1):
        try:
            ch = chr(cp).encode("gb2312")
        except UnicodeEncodeError:
            continue
        if len(ch) == 2:
            out.append(cp)
    return out


def bitmap(cps):
    bits = bytearray((IDEO_LAST - IDEO_FIRST + 1 + 7) // 8)
    for cp in cps:
        i = cp - IDEO_FIRST
        bits[i // 8] |= 1 << (i % 8)
    return bits


def c_bytes(bits):
    lines = []
    for i in range(0, len(bits), 64):
        lines.append("    " + ",".join(f"0x{b:02x}" for b in bits[i:i + 64]) + ",")
    return "\n".join(lines)


def main(out_path):
    parts = ['// Generated by tools/gen_face_metrics.py from the font files fonts/fonts.conf maps',
             '// the GB/T 9704 faces to. Do not edit; rerun the generator.',
             '#include "layout/face_metrics_data.hpp"', '', 'namespace bangfu::layout::data {', '']
    face_refs = []
    for name, path, index in FACES:
        font = Font(path, index)
        cmap = font.cmap()
        scale = 1000 / font.upem
        ideos, others = [], []
        for cp, gid in sorted(cmap.items()):
            adv = round(font.advance(gid) * scale)
            if IDEO_FIRST <= cp <= IDEO_LAST:
                if adv != 1000:
                    raise SystemExit(f"{path}: U+{cp:04X} is {adv}/1000 em, not 1 em")
                ideos.append(cp)
            elif cp <= 0xFFFF and cp >= 0x20:
                others.append((cp, adv))
        parts.append(f"// {os.path.basename(path)} face {index}: {len(ideos)} ideographs, "
                     f"{len(others)} other BMP characters")
        runs = []  # (first, last, advance): consecutive code points of one advance
        for cp, adv in others:
            if runs and runs[-1][1] == cp - 1 and runs[-1][2] == adv:
                runs[-1][1] = cp
            else:
                runs.append([cp, cp, adv])
        parts.append(f"const AdvanceRun k{name}Advances[] = {{")
        for i in range(0, len(runs), 8):
            parts.append("    " + " ".join(f"{{0x{a:04X}, 0x{b:04X}, {adv}}}," for a, b, adv in runs[i:i + 8]))
        parts.append("};")
        parts.append(f"const unsigned char k{name}Ideographs[] = {{")
        parts.append(c_bytes(bitmap(ideos)))
        parts.append("};")
        parts.append("")
        face_refs.append((name, os.path.basename(path), len(runs)))
    parts.append("// GB 2312-1980 hanzi (levels 1 and 2), U+3400..U+9FFF.")
    parts.append("const unsigned char kGb2312Ideographs[] = {")
    parts.append(c_bytes(bitmap(gb2312_hanzi())))
    parts.append("};")
    parts.append("")
    parts.append("const FaceData kFaces[kFaceCount] = {")
    for name, file, n in face_refs:
        parts.append(f'    {{"{file}", k{name}Advances, {n}, k{name}Ideographs}},')
    parts.append("};")
    parts.append("")
    parts.append("}  // namespace bangfu::layout::data")
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("\n".join(parts) + "\n")


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "core", "src", "layout",
                                                              "face_metrics_data.cpp"))
