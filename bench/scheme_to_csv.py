#!/usr/bin/python3
"""Converts gen_scheme.py's JSON into the CSV that `bangfu table` reads, holding
the same table the peers write: the five columns of the scheme, one line per
row, the first cell being the county and, on a second line, 结对村：<villages>
(a quoted field with an embedded newline, RFC 4180). The 合计 row is not in the
CSV: bangfu adds it with --total, as the peers compute theirs.

Usage: scheme_to_csv.py SCHEME.json OUT.csv
"""
import csv
import json
import sys


def main(src, dst):
    with open(src, encoding="utf-8") as f:
        s = json.load(f)
    with open(dst, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(s["columns"])
        for r in s["rows"]:
            w.writerow([r["county"] + "\n结对村：" + r["villages"], r["leader"], r["members"],
                        r["work_groups"], r["instructors"]])


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
