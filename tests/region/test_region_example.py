"""examples/ganzhou-region, the region written from docs/region-files.md alone:
its region file checks clean, renders the tables the page promises (cell for cell,
read back with python3-docx and openpyxl), and its three rules fire at their place."""
import copy
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from common import Checker, norm, parse_args, run  # noqa: E402

import docx  # noqa: E402
import openpyxl  # noqa: E402

VILLAGES = [
    ["序号", "县（市、区）", "乡（镇）", "结对村", "帮扶单位", "帮扶期限"],
    ["1", "于都县", "贡江镇", "樟树村", "市农业农村局", "2026-2028"],
    ["2", "于都县", "罗坳镇", "石坑村", "市水利局", "2026-2028"],
    ["3", "宁都县", "梅江镇", "竹坑村", "市交通运输局", "2026-2028"],
    ["4", "兴国县", "潋江镇", "桃源村", "市卫生健康委", "2026-2028"],
    ["5", "兴国县", "潋江镇", "长冈村", "市教育局", "2026-2028"],
]
CADRES = [  # 按姓氏笔画: 丁 2, 王 4, 刘 6, 曾 12
    ["序号", "姓名", "派出单位", "职务"],
    ["1", "丁一鸣", "市教育局", "科员"],
    ["2", "王敏", "市交通运输局", "科长"],
    ["3", "刘建华", "市农业农村局", "四级调研员"],
    ["4", "曾小平", "市水利局", "副科长"],
]


def main():
    a = parse_args()
    c = Checker()
    ex = os.path.join(a.source, "examples", "ganzhou-region")
    env = {"BANGFU_PLUGIN_PATH": ex}
    r = run([a.bangfu, "check-region", os.path.join(ex, "ganzhou.region.json")])
    c.true("未发现问题" in r.stderr, f"region file clean:\n{r.stderr}")
    scheme = os.path.join(ex, "scheme.json")
    r = run([a.bangfu, "check", scheme], env=env)
    c.true("未发现问题" in r.stderr, f"scheme clean:\n{r.stderr}")
    out = os.path.join(a.work, "out")
    run([a.bangfu, "render", scheme, "--out", out, "--format", "docx,xlsx"], env=env)
    [name] = [f for f in os.listdir(out) if f.endswith(".docx")]
    d = docx.Document(os.path.join(out, name))
    c.eq(len(d.tables), 2, "two tables (附件1, 附件2; 附件3 is a name list)")
    tables = [[[norm(cell.text) for cell in row.cells] for row in t.rows] for t in d.tables]
    c.eq(tables[0], [[norm(x) for x in row] for row in VILLAGES], "附件1 cell for cell")
    c.eq(tables[1], [[norm(x) for x in row] for row in CADRES], "附件2 cell for cell (stroke order)")
    # The county is one merged cell over its villages (w:vMerge), as the page promises.
    body = d.tables[0]._tbl.xml
    c.true(body.count("w:vMerge") >= 2, "附件1 county cells merged")
    text = "\n".join(p.text for p in d.paragraphs)
    c.true("办公室主任由黄强同志担任。" in text, "office as a sentence")
    c.true("1.帮扶期限为3年。" in norm(text) and "2.结对村按县（市、区）排列。" in norm(text), "说明 printed")
    [xlsx] = [f for f in os.listdir(out) if f.endswith(".xlsx")]
    wb = openpyxl.load_workbook(os.path.join(out, xlsx))
    values = [[norm(v) for v in row] for row in wb.worksheets[0].iter_rows(values_only=True)]
    c.true(any(row[:4] == ["1", "于都县", "贡江镇", "樟树村"] for row in values), f"XLSX 附件1 rows: {values[:4]}")

    # Rules at their place.
    base = json.load(open(scheme, encoding="utf-8"))
    broken = copy.deepcopy(base)
    broken["pairings"] = [p for p in broken["pairings"] if p["target"]["ref"] != "示例乙村"]
    broken["people"][1]["unit"] = ""
    broken["stated"][0]["value"] = 6
    path = os.path.join(a.work, "broken.json")
    json.dump(broken, open(path, "w", encoding="utf-8"), ensure_ascii=False)
    r = run([a.bangfu, "check", path], env=env, expect=1)
    c.true("ganzhou.village-without-unit" in r.stderr and "石坑村" in r.stderr, f"village rule:\n{r.stderr}")
    c.true("ganzhou.cadre-without-unit" in r.stderr and "王敏" in r.stderr, "cadre rule")
    c.true("ganzhou.villages-count" in r.stderr, f"count rule:\n{r.stderr}")
    # A setting changes the table: no merge.
    base["options"] = {"villages.merge-counties": "false"}
    path = os.path.join(a.work, "nomerge.json")
    json.dump(base, open(path, "w", encoding="utf-8"), ensure_ascii=False)
    out2 = os.path.join(a.work, "out2")
    run([a.bangfu, "render", path, "--out", out2, "--format", "docx"], env=env)
    [name] = os.listdir(out2)
    c.true("w:vMerge" not in docx.Document(os.path.join(out2, name)).tables[0]._tbl.xml, "merge setting off")
    # Merges nest: a town merged under its county never runs into the next county,
    # even when the next county's first town has the same name.
    variant = os.path.join(a.work, "nest")
    os.makedirs(variant)
    region = json.load(open(os.path.join(ex, "ganzhou.region.json"), encoding="utf-8"))
    region["appendices"][0]["blocks"][0]["table"]["columns"][2]["merge"] = True
    json.dump(region, open(os.path.join(variant, "ganzhou.region.json"), "w", encoding="utf-8"), ensure_ascii=False)
    same = json.load(open(scheme, encoding="utf-8"))
    for area in same["areas"]:
        if area["id"] == "宁都县梅江镇":
            area["name"] = "罗坳镇"  # 于都县's last town is 罗坳镇 too
        if area["id"] == "示例丙村":
            area["name"] = "竹坑村"
    json.dump(same, open(os.path.join(variant, "scheme.json"), "w", encoding="utf-8"), ensure_ascii=False)
    run([a.bangfu, "render", os.path.join(variant, "scheme.json"), "--out", os.path.join(variant, "out"),
         "--format", "docx"])
    [name] = os.listdir(os.path.join(variant, "out"))
    t = docx.Document(os.path.join(variant, "out", name)).tables[0]
    towns = [(row.cells[1].text, row.cells[2].text, row.cells[2]._tc) for row in t.rows[1:]]
    c.eq([x[:2] for x in towns], [("于都县", "贡江镇"), ("于都县", "罗坳镇"), ("宁都县", "罗坳镇"), ("兴国县", "潋江镇"),
                                  ("兴国县", "潋江镇")], "town column")
    c.true(towns[1][2] is not towns[2][2], "罗坳镇 of 于都县 and of 宁都县 are separate cells")
    c.true(towns[3][2] is towns[4][2], "潋江镇 merged within 兴国县")

    # Per-entity documents in a project build: one 安排表 per county, and an edit to
    # one county's pairing rebuilds that county's document only (and the summary).
    import shutil
    proj = os.path.join(a.work, "project")
    os.makedirs(os.path.join(proj, "schemes"))
    shutil.copy(os.path.join(ex, "ganzhou.region.json"), os.path.join(proj, "schemes"))
    spath = os.path.join(proj, "schemes", "ganzhou.json")
    json.dump(json.load(open(scheme, encoding="utf-8")), open(spath, "w", encoding="utf-8"), ensure_ascii=False)
    json.dump({"bangfu": 1, "output": "out", "formats": ["docx"], "schemes": [{"path": "schemes/ganzhou.json"}]},
              open(os.path.join(proj, "bangfu-project.json"), "w"))
    run([a.bangfu, "build", proj])
    counties = sorted(os.listdir(os.path.join(proj, "out", "ganzhou-region", "按县")))
    c.eq(counties, sorted(["于都县.docx", "宁都县.docx", "兴国县.docx"]), "one document per county")
    rows = [[cell.text for cell in row.cells] for row in
            docx.Document(os.path.join(proj, "out", "ganzhou-region", "按县", "兴国县.docx")).tables[0].rows]
    c.eq([r[3] for r in rows[1:]], ["桃源村", "长冈村"], "兴国县's document holds its villages only")
    edited = json.load(open(spath, encoding="utf-8"))
    edited["pairings"][0]["period"] = "2026-2030"  # 竹坑村, 宁都县
    json.dump(edited, open(spath, "w", encoding="utf-8"), ensure_ascii=False)
    r = run([a.bangfu, "build", proj])
    rebuilt = [line for line in r.stdout.splitlines() + r.stderr.splitlines() if "重建 ganzhou" in line]
    c.eq(sorted(x.split("/")[-1] for x in rebuilt), sorted(["附件1-市直单位结对帮扶村安排表.docx", "宁都县.docx"]),
         f"one county's edit rebuilds its document and the summary:\n{r.stdout}{r.stderr}")
    # The region written from the page alone by someone else (examples/qiandongnan-region).
    qd = os.path.join(a.source, "examples", "qiandongnan-region")
    r = run([a.bangfu, "check-region", os.path.join(qd, "qiandongnan.region.json")])
    c.true("未发现问题" in r.stderr, f"qiandongnan region file clean:\n{r.stderr}")
    qout = os.path.join(a.work, "qiandongnan")
    run([a.bangfu, "render", os.path.join(qd, "scheme.json"), "--out", qout, "--format", "docx", "--appendices-only"])
    [name] = os.listdir(qout)
    c.true(len(docx.Document(os.path.join(qout, name)).tables) >= 3, "qiandongnan renders its tables")
    c.finish("region-example")


main()
