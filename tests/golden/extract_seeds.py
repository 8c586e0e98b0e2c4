#!/usr/bin/python3
"""Transcribe the real seed notices into scheme JSON files and golden tables.

    extract_seeds.py --seeds /work/shared/seeds --source /work/main          # write
    extract_seeds.py --seeds /work/shared/seeds --source /work/main --check  # compare

Every name, unit and number is cut out of the seed text; nothing is typed in here
except the few corrections of text-extraction artefacts listed in FIXES (each one
must match exactly once, and each is recorded in the example's README.md). The
fictional Suzhou example is not a transcription and is not written by this script.

Layout of the outputs: docs/scheme-json.md (schemes), tests/golden/README.md (tables).
"""
import argparse
import json
import re
import sys
from pathlib import Path

SEED_LISHUI_2019 = "000_5c417f67f70bf3f8.txt"
SEED_LISHUI_2018 = "001_56174073b50e21eb.txt"
SEED_ZHEJIANG_2014 = "002_94366c72aaec8c8a.txt"
SEED_DONGLI_2017 = "004_f3154bab04004104.txt"

# Text-extraction artefacts of the seeds, corrected as (seed text, published form).
FIXES = {
    SEED_LISHUI_2019: [
        ("丽水开发区管委会(2)", "丽水开发区管委会（2个）"),
        ("（市委改革办、市科协)", "（市委改革办、市科协）"),
    ],
    SEED_ZHEJIANG_2014: [
        ("省 统计局", "省统计局"),
        ("杭 州萧山机场公司", "杭州萧山机场公司"),
        ("浙 江农林大学", "浙江农林大学"),
        ("嘉善 县", "嘉善县"),
        ("省纪委(省监察厅)", "省纪委（省监察厅）"),
    ],
}

OPEN = "（"
CLOSE = "）"


def fail(msg):
    raise SystemExit("extract_seeds: " + msg)


def apply_fixes(seed, text):
    for old, new in FIXES.get(seed, []):
        if text.count(old) != 1:
            fail(f"{seed}: fix {old!r} matches {text.count(old)} times, expected 1")
        text = text.replace(old, new)
    return text


def squash(s):
    """Remove all whitespace (ASCII and U+3000), as the golden comparison does."""
    return re.sub(r"[\s\u3000]+", "", s)


def split_top(text, sep="、"):
    """Split on sep outside brackets (either width)."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return [p.strip() for p in parts]


def member_units(entry):
    """Unit names and multiplicity of a published member entry (as model::parseMemberText)."""
    mult = 1
    m = re.search(r"（([0-9]+)(?:个)?）$", entry)
    if m and m.start() > 0:
        mult = int(m.group(1))
        entry = entry[: m.start()]
    if entry.startswith(OPEN) and entry.endswith(CLOSE):
        units = [u.strip() for u in entry[1:-1].split("、") if u.strip()]
        if len(units) > 1:
            return units, mult
    return [entry], mult


def table_rows(lines):
    """Rows of a tab-indented table dump: a blank line ends a row, a line starting
    with a TAB starts a cell, any other line continues the previous cell."""
    rows, row = [], []
    for line in lines:
        if not line.strip(" \t"):
            if row:
                rows.append(row)
                row = []
        elif line.startswith("\t"):
            row.append(line[1:])
        elif row:
            row[-1] += "\n" + line
        elif rows:
            # A cell broken over a blank line (说明 item 5 of 000): continue the last cell.
            rows[-1][-1] += "\n" + line
        else:
            fail(f"stray line outside a table cell: {line!r}")
    if row:
        rows.append(row)
    return rows


def name_with_annotation(text):
    m = re.fullmatch(r"(.+?)（(.+)）", text)
    return (m.group(1), m.group(2)) if m else (text, "")


def area(id_, level, parent="", annotation="", flags=None, name=None):
    a = {"id": id_, "name": name if name is not None else id_, "level": level}
    if parent:
        a["parent"] = parent
    if annotation:
        a["annotation"] = annotation
    if flags:
        a["flags"] = flags
    return a


def add_once(lst, item):
    if item not in lst:
        lst.append(item)


# ---------------------------------------------------------------- lishui 2019


def lishui_2019(text):
    lines = text.split("\n")
    doc_number = lines[0].strip()
    issuers = re.split(r"\s{2,}", lines[2].strip())
    title = lines[3].strip()
    recipients = lines[4].strip().rstrip("：")
    body = "\n".join(lines[5:])
    if re.search(r"\n\s*\d{4}年\d{1,2}月\d{1,2}日\s*\n", text):
        fail("lishui-2019: found a date line; the README says there is none")

    i_leaders = lines.index(" 市级领导结对帮扶方案")
    i_app2 = lines.index("附件2")
    leader_rows = table_rows(lines[i_leaders + 1 : i_app2])
    leaders_header = [squash(c) for c in leader_rows[0]]
    i_teams_header = lines.index("\t县（市、区）")
    team_rows = table_rows(lines[i_teams_header:])
    teams_header = [c.replace("\n", "") for c in team_rows[0]]

    areas = [area("丽水市", "city")]
    people, pairings = [], []
    leaders_tsv = [leaders_header]
    for row in leader_rows[1:]:
        if len(row) != 2:
            fail(f"lishui-2019 附件1 row {row!r}")
        county, annotation = name_with_annotation(row[0])
        areas.append(area(county, "county", "丽水市", annotation))
        for entry in row[1].split("、"):
            name, note = name_with_annotation(entry)
            people.append({"id": name, "name": name, "annotation": note} if note else name)
            pairings.append({"kind": "leader-area", "helper": {"kind": "person", "ref": name},
                             "target": {"kind": "area", "ref": county}, "period": "2018-2022"})
        leaders_tsv.append(row)

    units, teams, arithmetic = [], [], []
    teams_tsv = [teams_header]
    notes = None
    total = None
    for row in team_rows[1:]:
        if len(row) == 1 and row[0].startswith("说明："):
            notes = row[0][len("说明："):]
            continue
        if len(row) != 5:
            fail(f"lishui-2019 附件2 row {row!r}")
        if squash(row[2]) == "合计":
            total = (int(row[3]), int(row[4]))
            teams_tsv.append(["", "", "合计", row[3], row[4]])
            continue
        county, leader, members_text, groups, instructors = row
        members = split_top(members_text)
        computed = 0
        for entry in [leader] + members:
            names, mult = member_units(entry)
            for u in names:
                add_once(units, u)
            computed += mult
        arithmetic.append((county, computed, int(groups)))
        teams.append({"id": county + "团组", "target": county, "leader": leader, "members": members,
                      "statedGroups": int(groups), "statedInstructors": int(instructors)})
        teams_tsv.append(row)
    if total is None or notes is None:
        fail("lishui-2019: 合计 row or 说明 not found")

    # 说明 1.–5.; item 5 is broken over a blank line in the seed ("括\n\n号中的数字").
    items = [re.sub(r"\n", "", it) for it in re.split(r"(?:^|\n)[1-9]\.", notes) if it.strip()]
    if len(items) != 5:
        fail(f"lishui-2019: expected 5 说明 items, got {items!r}")

    villages = re.search(r"结对帮扶9个县（市、区）中较困难的(\d+)个重点帮扶村", body)
    n_teams = re.search(r"组成(\d+)个市级帮扶团组", body)
    scheme = {
        "bangfu": 1,
        "plugin": "lishui",
        "name": "lishui-2019",
        "source": "shared/seeds/" + SEED_LISHUI_2019,
        "fictional": False,
        "notice": {
            "issuers": issuers,
            "docNumber": doc_number,
            "title": title,
            "date": "",
            "recipients": recipients,
            "appendices": [
                {"id": "leaders", "label": "附件1", "title": squash(lines[i_leaders])},
                {"id": "teams", "label": "附件2", "title": squash(team_title(lines, i_app2))},
            ],
        },
        "areas": areas,
        "units": units,
        "people": people,
        "teams": teams,
        "pairings": pairings,
        "stated": [
            {"key": "total.groups", "label": "附件2 合计 工作组数", "value": total[0]},
            {"key": "total.instructors", "label": "附件2 合计 指导员数", "value": total[1]},
            {"key": "count.target-villages", "label": "正文“" + villages.group(0) + "”",
             "value": int(villages.group(1))},
            {"key": "count.teams", "label": "正文“" + n_teams.group(0) + "”", "value": int(n_teams.group(1))},
        ],
        "notes": {"teams": items},
        "options": {"leaders.header.area": leaders_header[0], "leaders.header.people": leaders_header[1]},
    }
    golden = {
        "lishui-2019/leaders.tsv": leaders_tsv,
        "lishui-2019/teams.tsv": teams_tsv,
        "lishui-2019/teams-notes.txt": items,
    }
    return scheme, golden, arithmetic


def team_title(lines, i_app2):
    for line in lines[i_app2 + 1 :]:
        if line.strip():
            return line
    fail("lishui-2019: 附件2 title not found")


# ---------------------------------------------------------------- lishui 2018 east-west


def lishui_2018(text):
    lines = text.split("\n")
    issuers = re.split(r"\s{2,}", lines[0].strip())
    title = lines[1].strip() + lines[2].strip()
    recipients = lines[3].strip().rstrip("：")
    date = next(l.strip() for l in lines[:15] if re.fullmatch(r"\s*\d{4}年\d{1,2}月\d{1,2}日\s*", l))
    i_label = lines.index("附件")
    app_title = lines[i_label + 1].strip()
    rows = table_rows(lines[i_label + 2 :])
    areas = [area("丽水市", "city")]
    sichuan = []
    pairings = []
    for row in rows[1:]:
        seq, county, partner = row
        m = re.fullmatch(r"(.+?省)(.+?市)(.+?[县区市])", partner)
        if not m:
            fail(f"lishui-2018: cannot split {partner!r}")
        province, city, pcounty = m.groups()
        areas.append(area(county, "county", "丽水市"))
        for a in (area(province, "province"), area(city, "city", province), area(pcounty, "county", city)):
            if a not in sichuan:
                sichuan.append(a)
        pairings.append({"kind": "county-county", "helper": {"kind": "area", "ref": county},
                         "target": {"kind": "area", "ref": pcounty}})
    count = re.search(r"对口帮扶的四川省(\d+)个县（区）", text)
    scheme = {
        "bangfu": 1,
        "plugin": "lishui",
        "name": "lishui-2018-east-west",
        "source": "shared/seeds/" + SEED_LISHUI_2018,
        "fictional": False,
        "notice": {
            "issuers": issuers,
            "docNumber": "",
            "title": title,
            "date": date,
            "recipients": recipients,
            "appendices": [{"id": "east-west", "label": "附件", "title": app_title}],
        },
        "areas": areas + sichuan,
        "pairings": pairings,
        "stated": [{"key": "count.partner-counties", "label": "正文“" + count.group(0) + "”",
                    "value": int(count.group(1))}],
    }
    return scheme, {"lishui-2018-east-west/east-west.tsv": rows}


# ---------------------------------------------------------------- zhejiang 2014


def zhejiang_2014(text):
    lines = text.split("\n")
    doc_number = "浙委办发〔2014〕8号"
    if text.count(doc_number) != 2:
        fail("zhejiang-2014: docNumber")
    heading = next(l for l in lines if l.startswith("## 中共浙江省委办公厅 "))
    parts = heading[3:].split(" ")
    issuers, title = parts[:2], parts[2]
    i_rec = next(i for i, l in enumerate(lines) if l.startswith("各市、县"))
    recipients = lines[i_rec].rstrip(":：")
    i_app = lines.index("附件:省级结对帮扶团组安排方案")
    date = next(l for l in lines[i_app:] if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", l))
    app_title = lines[lines.index("## 附件") + 2][2:]
    header = "帮扶县 (市、区)\t帮扶 村数\t组长单位\t发达县 (市、区)\t帮扶成员单位"
    areas, units, teams = [], [], []
    total = None
    for line in lines[lines.index("## 附件") :]:
        cells = line.split("\t")
        if line == header or len(cells) != 5:
            continue
        if cells[0] == "合计":
            total = int(cells[1])
            continue
        county, villages, leader, partners, members_text = cells
        partner_list = partners.split(" ")
        members = split_top(members_text)
        add_once(areas, county)
        for p in partner_list:
            add_once(areas, p)
        for entry in [leader] + members:
            for u in member_units(entry)[0]:
                add_once(units, u)
        teams.append({"id": county + "团组", "target": county, "leader": leader, "members": members,
                      "statedVillages": int(villages), "partnerAreas": partner_list})
    if len(teams) != 10 or total is None:
        fail("zhejiang-2014: table")
    groups = re.search(r"组成(\d+)个省级帮扶团组", text)
    scheme = {
        "bangfu": 1,
        "plugin": "",
        "name": "zhejiang-2014",
        "source": "shared/seeds/" + SEED_ZHEJIANG_2014,
        "fictional": False,
        "notice": {
            "issuers": issuers,
            "docNumber": doc_number,
            "title": title,
            "date": date,
            "recipients": recipients,
            "appendices": [{"id": "teams", "label": "附件", "title": app_title}],
        },
        "areas": [area(a, "county") for a in areas],
        "units": units,
        "teams": teams,
        "stated": [{"key": "total.villages", "label": "附件 合计 帮扶村数", "value": total}],
    }
    info = {"rows": len(teams), "row_sum": sum(t["statedVillages"] for t in teams), "total": total,
            "groups_in_text": int(groups.group(1))}
    return scheme, {}, info


# ---------------------------------------------------------------- dongli 2017

DONGLI_PERIOD = "2017-2020"  # 正文“从2017年8月开始到2020年”
ENTERPRISE_ROLE = "配合帮扶"


def dongli_2017(text):
    lines = text.split("\n")
    title = lines[0].strip() + lines[1].strip()
    m = re.match(r"(\S+) (\S+?办公室)印发", title)
    issuers = [m.group(1), m.group(2)]
    recipients = lines[2].strip().rstrip("：")
    date = next(l.strip() for l in lines[:15] if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", l.strip()))
    if not re.search(DONGLI_PERIOD[:4] + r"年8月开始到" + DONGLI_PERIOD[5:] + "年", text):
        fail("dongli-2017: period")

    # 10 villages, by street: “包含无瑕街道小北村、官房村，万新街道增兴窑村，…”.
    m = re.search(r"的(\d+)个村作为新一轮结对帮扶对象，包含(.+?)。", text)
    n_villages = int(m.group(1))
    streets, villages = [], []
    for seg in m.group(2).split("，"):
        sm = re.match(r"(.+?街道)(.+)", seg)
        street = sm.group(1)
        streets.append(street)
        for v in sm.group(2).split("、"):
            villages.append((street, v))
    street_of = {v: s for s, v in villages}

    # Helpers: 市委办公厅 and the 4 district units.
    m = re.search(r"(市委办公厅)选派(\d)个帮扶组结对帮扶(.+?)；其他(\d)个村由区级部门驻村帮扶，"
                  r"并由市委组织部统一选派(.+?)进行配合帮扶", text)
    city_unit, city_groups, city_villages_text, n_other, ent_text = m.groups()
    enterprises = ent_text.split("、")
    m2 = re.search(r"精准选取(.+?)等(\d)家单位帮扶(\d)个村，其中(.+?)。", text)
    main_units_text, n_main, n_main_villages, assign_text = m2.groups()
    main_units = re.split(r"、|和", main_units_text)
    assignments = [(city_unit, city_villages_text)]
    for seg in assign_text.split("，"):
        am = re.match(r"(.+?)帮扶(.+)", seg)
        assignments.append(am.groups())
    m3 = re.search(r"以(.+?)(\d)家单位为主，(.+?)等(\d)家单位为辅，.+?的(\d)名处级和(\d)名科级"
                   r"优秀后备干部组成(\d)个帮扶组全脱产驻村帮扶(\d)个村", text)
    aux_units = m3.group(3).split("、")
    m4 = re.search(r"每个驻村工作组帮扶(\d)个困难村。驻村工作组由(\d)名干部组成", text)

    areas = [area("东丽区", "county")]
    areas += [area(s, "town", "东丽区") for s in streets]
    areas += [area(v, "village", s, flags=["hard-village"]) for s, v in villages]

    def unit_id(name):
        # 华明街道 is both a street (area) and a helping unit; ids are kept apart.
        return "unit:" + name if name in streets else name

    units = [city_unit] + main_units + aux_units
    unit_objs = [{"id": unit_id(u), "name": u} if unit_id(u) != u else u for u in units]
    unit_objs += [{"id": e, "name": e, "flags": ["enterprise"]} for e in enterprises]

    teams, pairings, helped = [], [], {}
    for unit, vtext in assignments:
        vs = []
        for item in vtext.split("、"):
            vm = re.fullmatch(r"(.+?街道)(.+)", item)
            if street_of.get(vm.group(2)) != vm.group(1):
                fail(f"dongli-2017: {item} not in the target list")
            vs.append(vm.group(2))
        team_id = unit + "帮扶组"
        teams.append({"id": team_id, "name": team_id, "target": vs[0], "targets": vs[1:], "leader": unit})
        for v in vs:
            helped[v] = (unit, team_id)
            pairings.append({"kind": "unit-village", "helper": {"kind": "unit", "ref": unit_id(unit)},
                             "target": {"kind": "area", "ref": v}, "period": DONGLI_PERIOD})
    if sorted(helped) != sorted(v for _, v in villages):
        fail("dongli-2017: not every village has a helper")
    for team in teams:
        for v in [team["target"]] + team["targets"]:
            pairings.append({"kind": "resident-group", "helper": {"kind": "team", "ref": team["id"]},
                             "target": {"kind": "area", "ref": v}, "period": DONGLI_PERIOD})
    supported = [v for _, v in villages if helped[v][0] != city_unit]
    if len(supported) != int(n_other):
        fail("dongli-2017: 其他8个村")
    for v in supported:
        for e in enterprises:
            pairings.append({"kind": "enterprise-support", "helper": {"kind": "unit", "ref": e},
                             "target": {"kind": "area", "ref": v}, "period": DONGLI_PERIOD,
                             "role": ENTERPRISE_ROLE})

    villages_tsv = [["序号", "街道", "村", "帮扶单位", "配合帮扶企业", "驻村工作组"]]
    for i, (s, v) in enumerate(villages, 1):
        unit, team_id = helped[v]
        ents = "、".join(enterprises) if v in supported else ""
        villages_tsv.append([str(i), s, v, unit, ents, team_id])

    committees, people, committee_txt = committee_2017(lines)
    for t in teams:
        if len(t["targets"]) + 1 != int(m4.group(1)):
            fail("dongli-2017: a group does not help 2 villages")

    def q(s):
        return "正文“" + s + "”"

    stated = [
        {"key": "count.target-villages", "label": q(f"确定……的{n_villages}个村作为新一轮结对帮扶对象"),
         "value": n_villages},
        {"key": "team.villages", "label": q(f"每个驻村工作组帮扶{m4.group(1)}个困难村"), "value": int(m4.group(1))},
        {"key": "team.cadres", "label": q(f"驻村工作组由{m4.group(2)}名干部组成"), "value": int(m4.group(2))},
        {"key": "count.teams.city", "label": q(f"市委办公厅选派{city_groups}个帮扶组"), "value": int(city_groups)},
        {"key": "count.teams.district", "label": q(f"组成{m3.group(7)}个帮扶组全脱产驻村帮扶{m3.group(8)}个村"),
         "value": int(m3.group(7))},
        {"key": "count.villages.district", "label": q(f"其他{n_other}个村由区级部门驻村帮扶"), "value": int(n_other)},
        {"key": "count.units.district", "label": q(f"{main_units_text}等{n_main}家单位帮扶{n_main_villages}个村"),
         "value": int(n_main)},
        {"key": "count.units.auxiliary", "label": q(f"{m3.group(3)}等{m3.group(4)}家单位为辅"),
         "value": int(m3.group(4))},
        {"key": "count.cadres.district", "label": q(f"{m3.group(5)}名处级和{m3.group(6)}名科级优秀后备干部"),
         "value": int(m3.group(5)) + int(m3.group(6))},
    ]
    scheme = {
        "bangfu": 1,
        "plugin": "dongli",
        "name": "dongli-2017",
        "source": "shared/seeds/" + SEED_DONGLI_2017,
        "fictional": False,
        "notice": {
            "issuers": issuers,
            "docNumber": "",
            "title": title,
            "date": date,
            "recipients": recipients,
            "appendices": [
                {"id": "villages", "label": "附件1", "title": "东丽区结对帮扶困难村安排表"},
                {"id": "committee", "label": "附件2", "title": committee_title(lines)},
            ],
        },
        "areas": areas,
        "units": unit_objs,
        "people": people,
        "teams": teams,
        "pairings": pairings,
        "committees": committees,
        "stated": stated,
    }
    golden = {"dongli-2017/villages.tsv": villages_tsv, "dongli-2017/committee.txt": committee_txt}
    return scheme, golden


def committee_title(lines):
    i = lines.index(" 附件")
    return lines[i + 1].strip() + lines[i + 3].strip()


def split_names(text):
    """Names of a padded list: 2-character names are printed 王  峰, so single
    characters pair up; every name in this seed has 2 or 3 characters."""
    tokens = text.split()
    names, i = [], 0
    while i < len(tokens):
        if len(tokens[i]) == 1:
            if i + 1 >= len(tokens) or len(tokens[i + 1]) != 1:
                fail(f"dongli-2017: unpaired character in {text!r}")
            names.append(tokens[i] + tokens[i + 1])
            i += 2
        else:
            names.append(tokens[i])
            i += 1
    return names


def committee_2017(lines):
    i_intro = next(i for i, l in enumerate(lines) if l.endswith("组成人员如下："))
    intro = lines[i_intro].strip()
    name = re.match(r"区委、区政府决定，成立(.+?)及办公室", intro).group(1)
    roles, cur = [], None
    closing = None
    for line in lines[i_intro + 1 :]:
        if not line.strip():
            continue
        if line.startswith("领导小组办公室设在"):
            closing = line.strip()
            break
        m = re.match(r"\s*([^：]+)：(.*)", line)
        if m:
            cur = {"title": squash(m.group(1)), "people": split_names(m.group(2))}
            roles.append(cur)
        else:
            cur["people"] += split_names(line)
    om = re.fullmatch(r"(领导小组办公室)设在(区委组织部)，办公室(主任)由(.+?)同志担任，(副主任)由(.+?)同志担任。", closing)
    office_roles = [{"title": om.group(3), "people": om.group(4).split("、")},
                    {"title": om.group(5), "people": om.group(6).split("、")}]
    committees = [
        {"id": "领导小组", "name": name, "intro": intro, "roles": roles, "closing": closing},
        {"id": "办公室", "name": om.group(1), "intro": om.group(1) + "设在" + om.group(2), "roles": office_roles},
    ]
    people = []
    for c in committees:
        for r in c["roles"]:
            for p in r["people"]:
                add_once(people, p)
    txt = [r["title"] + "：" + " ".join(r["people"]) for r in roles] + [closing]
    return committees, people, txt


# ---------------------------------------------------------------- output


def dump(value, indent=0, width=140):
    """JSON with short values on one line and long ones broken one item a line."""
    flat = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    pad = "  " * indent
    if len(pad) + len(flat) <= width or not isinstance(value, (dict, list)) or not value:
        return flat
    inner = "  " * (indent + 1)
    if isinstance(value, list):
        items = [inner + dump(v, indent + 1, width) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    items = [inner + json.dumps(k, ensure_ascii=False) + ": " + dump(v, indent + 1, width).lstrip()
             for k, v in value.items()]
    return "{\n" + ",\n".join(items) + "\n" + pad + "}"


def render_golden(rows):
    if rows and isinstance(rows[0], list):
        return "".join("\t".join(c.replace("\n", "") for c in r) + "\n" for r in rows)
    return "".join(r + "\n" for r in rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", required=True, help="folder of the seed .txt files")
    ap.add_argument("--source", required=True, help="repository root")
    ap.add_argument("--check", action="store_true", help="compare with the committed files instead of writing")
    args = ap.parse_args()
    seeds, root = Path(args.seeds), Path(args.source)

    def read(seed):
        return apply_fixes(seed, (seeds / seed).read_text(encoding="utf-8"))

    outputs = {}
    s, g, arithmetic = lishui_2019(read(SEED_LISHUI_2019))
    outputs["examples/lishui-2019/scheme.json"] = dump(s) + "\n"
    for k, v in g.items():
        outputs["tests/golden/" + k] = render_golden(v)
    s, g = lishui_2018(read(SEED_LISHUI_2018))
    outputs["examples/lishui-2018-east-west/scheme.json"] = dump(s) + "\n"
    for k, v in g.items():
        outputs["tests/golden/" + k] = render_golden(v)
    s, _, zj = zhejiang_2014(read(SEED_ZHEJIANG_2014))
    outputs["examples/zhejiang-2014/scheme.json"] = dump(s) + "\n"
    s, g = dongli_2017(read(SEED_DONGLI_2017))
    outputs["examples/dongli-2017/scheme.json"] = dump(s) + "\n"
    for k, v in g.items():
        outputs["tests/golden/" + k] = render_golden(v)

    for county, computed, stated in arithmetic:
        flag = "" if computed == stated else "  MISMATCH"
        print(f"lishui-2019 {county}: computed {computed}, stated {stated}{flag}")
    print(f"zhejiang-2014: {zj}")

    stale = []
    for rel, content in outputs.items():
        path = root / rel
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                stale.append(rel)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    if stale:
        print("differs from the seeds: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
