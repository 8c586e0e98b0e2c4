#!/usr/bin/python3
"""The oracle of the format engine is LibreOffice itself: its CSV export "as shown"
(filter token 9) of tests/fixtures/sheets/numfmt_oracle*.xlsx (written by openpyxl)
must still be byte for byte the committed numfmt_oracle*.csv that
tests/core/numfmt/oracle_test.cpp compares bangfu's reader against. A LibreOffice
upgrade that changes a shown text fails here, not silently in the comparison."""
import argparse
import os
import shutil
import sys

ap = argparse.ArgumentParser()
ap.add_argument("--bangfu", required=True)
ap.add_argument("--source", required=True)
ap.add_argument("--work", required=True)
a = ap.parse_args()
if not shutil.which("soffice"):
    sys.exit(77)
try:
    import openpyxl  # noqa: F401  (make_fixtures imports it)
except ImportError:
    sys.exit(77)
fixtures = os.path.join(a.source, "tests", "fixtures", "sheets")
sys.path.insert(0, fixtures)
import make_fixtures  # noqa: E402

os.makedirs(a.work, exist_ok=True)
failed = []
for stem in ("numfmt_oracle", "numfmt_oracle_1904"):
    out = os.path.join(a.work, stem + ".csv")
    make_fixtures.as_shown_csv(os.path.join(fixtures, stem + ".xlsx"), out)
    with open(out, "rb") as f:
        got = f.read()
    with open(os.path.join(fixtures, stem + ".csv"), "rb") as f:
        want = f.read()
    rows = got.count(b"\n")
    print(f"{stem}: LibreOffice wrote {rows} lines, {'same as' if got == want else 'DIFFERENT from'} the committed CSV")
    if got != want:
        failed.append(stem)
        gl, wl = got.decode().splitlines(), want.decode().splitlines()
        for i, (g, w) in enumerate(zip(gl, wl)):
            if g != w:
                print(f"  line {i + 1}: LibreOffice now {g!r}, committed {w!r}")
                break
print(f"{2 - len(failed)} passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
