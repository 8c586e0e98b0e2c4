"""Golden test: every example rendered by bangfu, read back by real readers
(python3-docx, openpyxl), equals the seed's tables cell for cell (after removing
whitespace), with the same rows, cells per row and 合计, in every table of the
document (golden_compare.py), and the notes and name lists read as published."""
import glob
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import Checker, norm, parse_args, run  # noqa: E402
from golden_compare import compare_docx, compare_xlsx, docx_tables, read_tsv  # noqa: E402


def main():
    a = parse_args()
    c = Checker()
    examples = sorted(glob.glob(os.path.join(a.source, "examples", "*", "scheme.json")))
    c.true(len(examples) >= 4, f"examples found: {examples}")
    for scheme_path in examples:
        name = os.path.basename(os.path.dirname(scheme_path))
        scheme = json.load(open(scheme_path, encoding="utf-8"))
        if not scheme.get("plugin"):
            continue  # zhejiang-2014: no plugin renders it; `check` covers it
        out = os.path.join(a.work, name)
        run([a.bangfu, "render", scheme_path, "--out", out, "--split"])
        golden_dir = os.path.join(a.source, "tests", "golden", name)
        for app in scheme["notice"]["appendices"]:
            stem = f"{app['label']}-{app['title']}"
            docx_path = os.path.join(out, stem + ".docx")
            xlsx_path = os.path.join(out, stem + ".xlsx")
            c.true(os.path.exists(docx_path), f"{name}: {docx_path} written")
            c.true(os.path.exists(xlsx_path), f"{name}: {xlsx_path} written")
            if not os.path.exists(docx_path):
                continue
            d, _ = docx_tables(docx_path)
            text = norm("".join(p.text for p in d.paragraphs))
            c.true(norm(app["title"]) in text, f"{name}/{app['id']}: title in the DOCX")
            if os.path.isdir(golden_dir):
                # Every table of the document against the golden files (none for
                # an appendix without a .tsv): rows, cells per row, 合计.
                tsv = os.path.join(golden_dir, app["id"] + ".tsv")
                goldens = {app["id"]: read_tsv(tsv)} if os.path.exists(tsv) else {}
                what = f"{name}/{app['id']}"
                failures = compare_docx(docx_path, goldens, what) + compare_xlsx(xlsx_path, goldens, what)
                c.true(not failures, "\n".join(failures))
            notes = os.path.join(golden_dir, app["id"] + "-notes.txt")
            if os.path.exists(notes):
                for i, line in enumerate(open(notes, encoding="utf-8").read().splitlines()):
                    c.true(norm(line) in text, f"{name}/{app['id']}: note {i + 1} in the DOCX: {line}")
            listing = os.path.join(golden_dir, app["id"] + ".txt")
            if os.path.exists(listing):
                want = norm(open(listing, encoding="utf-8").read())
                c.true(want in text, f"{name}/{app['id']}: name list as published\n got  {text}\n want {want}")
    c.finish("render golden")


main()
