"""Region files are as expressive as the compiled plugins they copy: rendering an
example through tests/region/lishui_r.region.json or dongli_r.region.json writes
the same bytes (DOCX and XLSX, together and --split) as plugins/lishui and
plugins/dongli, with their settings at the defaults and changed. The region file
is also a plugin like the others for `plugins`, `check` and `init`."""
import json
import os
import shutil
import sys
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from common import Checker, parse_args, read_tree, run  # noqa: E402

CASES = [
    # (region file, example, option variants: each a dict of scheme options)
    ("lishui_r.region.json", "lishui-2019", [{}, {"teams.instructor-bold": "false", "leaders.header.people": "市 级 领 导"}]),
    ("lishui_r.region.json", "lishui-2018-east-west", [{}]),
    ("dongli_r.region.json", "dongli-2017", [{}, {"villages.merge-streets": "false", "committee.office": "list"}]),
]


def main():
    a = parse_args()
    c = Checker()
    here = os.path.dirname(os.path.abspath(__file__))
    compared = 0
    for region, example, variants in CASES:
        region_path = os.path.join(here, region)
        with open(os.path.join(a.source, "examples", example, "scheme.json"), encoding="utf-8") as f:
            scheme = json.load(f)
        for n, options in enumerate(variants):
            work = os.path.join(a.work, f"{example}-{n}")
            os.makedirs(work)
            s = dict(scheme)
            s["options"] = {**scheme.get("options", {}), **options}
            path = os.path.join(work, "scheme.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(s, f, ensure_ascii=False, indent=1)
            for split in ([], ["--split"]):
                tag = "split" if split else "one"
                compiled = os.path.join(work, "compiled-" + tag)
                described = os.path.join(work, "region-" + tag)
                run([a.bangfu, "render", path, "--out", compiled, "--format", "docx,xlsx", *split])
                run([a.bangfu, "render", path, "--plugin", region_path, "--out", described, "--format", "docx,xlsx", *split])
                want, got = read_tree(compiled), read_tree(described)
                c.eq(sorted(got), sorted(want), f"{example} {options} {tag}: same files")
                c.true(len(want) >= 2, f"{example} {tag}: outputs written")
                for name in sorted(want):
                    c.true(got.get(name) == want[name], f"{example} {options} {tag}: byte-identical {name}")
                    compared += 1
    print(f"region identity: {compared} files compared byte for byte")

    # A region file on the search path is a plugin like the compiled ones.
    mods = os.path.join(a.work, "mods")
    os.makedirs(mods)
    for region in ("lishui_r.region.json", "dongli_r.region.json"):
        shutil.copy(os.path.join(here, region), mods)
    env = {"BANGFU_PLUGIN_PATH": mods}
    r = run([a.bangfu, "plugins"], env=env)
    c.true("lishui_r\t浙江省丽水市" in r.stdout and "dongli_r\t天津市东丽区" in r.stdout, f"listed:\n{r.stdout}")
    c.true("lishui\t浙江省丽水市" in r.stdout, "the compiled plugins are still listed")
    book = os.path.join(a.work, "dongli_r.xlsx")
    run([a.bangfu, "init", "-o", book, "--plugin", "dongli_r"], env=env)
    with zipfile.ZipFile(book) as z:
        workbook = z.read("xl/workbook.xml").decode("utf-8")
    c.true('name="附件设置"' in workbook, "init --plugin writes the region's settings sheet")
    # The rules run in check: a hard village without its unit is an error, at its place.
    with open(os.path.join(a.source, "examples", "dongli-2017", "scheme.json"), encoding="utf-8") as f:
        scheme = json.load(f)
    scheme["plugin"] = "dongli_r"
    village = next(x["id"] for x in scheme["areas"] if "hard-village" in x.get("flags", []))
    scheme["pairings"] = [p for p in scheme["pairings"]
                          if not (p["kind"] == "unit-village" and p["target"]["ref"] == village)]
    broken = os.path.join(a.work, "broken.json")
    with open(broken, "w", encoding="utf-8") as f:
        json.dump(scheme, f, ensure_ascii=False)
    r = run([a.bangfu, "check", broken], env=env, expect=1)
    c.true("dongli_r.village-without-unit" in r.stderr and village in r.stderr, f"rule reported:\n{r.stderr}")
    c.finish("region-identity")


main()
