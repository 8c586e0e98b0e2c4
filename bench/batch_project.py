"""The batch bench's project (issue 8: a project with ≥ 1000 per-entity outputs):
a synthetic Lishui-style scheme of COUNTIES counties × 21 units, rendered to DOCX
and XLSX. Per county: its leaders sheet, its 团组 sheet and 21 unit sheets, each
in two formats, so 24 counties give 1104 per-entity outputs plus the 4 summary
appendices.

Used by bench.py (section "batch"); bench/batch_bench.sh runs that section alone.
"""
import json
import os

UNITS_PER_TEAM = 21  # 1 leader + 20 members


def scheme(counties):
    areas = [{"id": "丽水市", "name": "丽水市", "level": "city"}]
    units, people, teams, pairings = [], [], [], []
    for c in range(counties):
        county = f"第{c + 1}县"
        areas.append({"id": county, "name": county, "level": "county", "parent": "丽水市"})
        ids = [f"{county}帮扶单位{u + 1}" for u in range(UNITS_PER_TEAM)]
        units += ids
        teams.append({"id": f"{county}团组", "target": county, "leader": ids[0], "members": ids[1:],
                      "statedGroups": len(ids)})
        for k in range(3):
            pid = f"{county}领导{k + 1}"
            people.append(pid)
            pairings.append({"kind": "leader-area", "helper": {"kind": "person", "ref": pid},
                             "target": {"kind": "area", "ref": county}, "period": "2018-2022"})
    return {"bangfu": 1, "plugin": "lishui", "name": "bench", "source": "synthetic (bench/batch_project.py)",
            "fictional": True,
            "notice": {"issuers": ["中共丽水市委办公室"], "docNumber": "丽委办发〔2019〕23号",
                       "title": "关于做好新一轮扶贫结对帮扶工作的通知", "date": "2019年5月30日",
                       "appendices": [{"id": "leaders", "label": "附件1", "title": "市级领导结对帮扶方案"},
                                      {"id": "teams", "label": "附件2", "title": "市级结对帮扶团组安排方案"}]},
            "areas": areas, "units": units, "people": people, "teams": teams, "pairings": pairings}


def write_project(project, counties):
    """Writes the project folder; returns the scheme (a dict) for change_one_county."""
    os.makedirs(os.path.join(project, "schemes"), exist_ok=True)
    data = scheme(counties)
    save(project, data)
    with open(os.path.join(project, "bangfu-project.json"), "w", encoding="utf-8") as f:
        json.dump({"output": "out", "formats": ["docx", "xlsx"],
                   "schemes": [{"path": "schemes/bench.json", "plugin": "lishui"}]}, f, ensure_ascii=False)
    return data


def set_output(project, folder):
    """Points the project at another output folder (relative to the project)."""
    path = os.path.join(project, "bangfu-project.json")
    with open(path, encoding="utf-8") as f:
        p = json.load(f)
    p["output"] = folder
    with open(path, "w", encoding="utf-8") as f:
        json.dump(p, f, ensure_ascii=False)


def save(project, data):
    with open(os.path.join(project, "schemes", "bench.json"), "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)


def change_one_county(project, data, i):
    """One county's row changes: the order of its 团组单位 (swapped back and forth, so
    every call is a change). Its 团组 sheet and the summary appendices must rebuild."""
    team = data["teams"][i % len(data["teams"])]
    team["members"][0], team["members"][1] = team["members"][1], team["members"][0]
    save(project, data)


def expected_outputs(counties):
    return counties * (2 + UNITS_PER_TEAM) * 2 + 4
