"""The summary 通报 over all units: coverage, types, units named per category, ranking,
the previous run's 整改率 and the units whose problems stay unfixed run after run.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from .chart import bar_chart
from .text import (CN_NUM, SEVERITIES, SEVERITY_LABELS, cn_date, join_counts, numbered, percent,
                   severity_counts, severity_rank, severity_sentence, streak_breakdown, to_local)
from .unit_data import rules_used

SITE_UNIT = ""


def build_summary(config: Any, units: list[dict], data: dict, catalogue: dict, common: dict,
                  method: str, period: str) -> dict[str, Any]:
    configured = [u for u in units if u["unit_id"] in {c.id for c in config.units}]
    checked = sum(1 for u in configured if u["pages"])
    total_pages = len(data["pages"])
    all_rows = [r | {"unit_name": u["unit_name"], "unit_index": i}
                for i, u in enumerate(units) for r in u["findings"]]
    counts = severity_counts(all_rows)
    report = config.report or {}
    recipients = (report.get("recipients") or "、".join(u.name for u in config.units)).rstrip("：:　 ")

    opening = (method + f"对{config.name}网站政府信息公开专栏进行了检查。" + period +
               f"本次应检查单位{len(configured)}个，实际检查{checked}个，"
               f"检查率{percent(checked, len(configured))}，共采集网页{total_pages}个"
               + (f"，涉及栏目{sum(u['columns'] for u in units)}个" if any(u["columns"] for u in units) else "")
               + "。")

    overview: list[str] = []
    if all_rows:
        with_problems = [u for u in units if u["counts"]["total"] and u["unit_id"] != SITE_UNIT]
        site_total = sum(u["counts"]["total"] for u in units if u["unit_id"] == SITE_UNIT)
        overview.append(f"本次检查{severity_sentence(counts)}"
                        + (f"{len(with_problems)}个单位存在问题" if with_problems else "")
                        + ("，" if with_problems and site_total else "")
                        + (f"本级专栏存在问题{site_total}个" if site_total else "") + "。")
        veto_units = [u for u in units if u["counts"]["veto"]]
        if veto_units:
            overview.append("存在单项否决问题的单位：" +
                            join_counts(((u["unit_name"], u["counts"]["veto"]) for u in veto_units)) + "。")
    else:
        overview.append("本次检查未发现问题。")
    clean = [u["unit_name"] for u in configured if not u["counts"]["total"] and u["pages"]]
    if clean and all_rows:
        overview.append(f"{'、'.join(clean)}等{len(clean)}个单位未发现问题。" if len(clean) > 1
                        else f"{clean[0]}未发现问题。")
    unchecked = [u["unit_name"] for u in configured if not u["pages"]]
    if unchecked:
        overview.append(f"{'、'.join(unchecked)}未采集到专栏网页，请核实专栏地址。")
    rectification = _rectification(units, data["previous"])
    if rectification["sentence"]:
        overview.append(rectification["sentence"])
    reviewed_total = sum(len(u["reviewed"]) for u in units)
    if reviewed_total:
        overview.append(f"另有{reviewed_total}个问题经人工核查不属实或已作情况说明，不计入本次通报（见附件）。")

    unit_table = [{"seq": i, "name": u["unit_name"], "category": u["category"], "pages": u["pages"],
                   "counts": [u["counts"][s] for s in SEVERITIES], "total": u["counts"]["total"],
                   "href": u["href"]} for i, u in enumerate(units, 1)]
    totals = {"pages": total_pages, "counts": [counts[s] for s in SEVERITIES], "total": counts["total"]}

    type_rows = _type_rows(all_rows, units, catalogue, data["previous"])
    sections = []
    categories: dict[str, list[dict]] = defaultdict(list)
    for row in type_rows:
        if row["count"]:
            categories[row["category"]].append(row)
    for idx, (category, trs) in enumerate(categories.items()):
        clauses = [f"{t['title']}{t['count']}处（{t['units_text']}）" for t in trs]
        n = sum(t["count"] for t in trs)
        text = (f"共发现{clauses[0]}。" if len(clauses) == 1
                else f"共发现问题{n}处，其中" + "；".join(clauses) + "。")
        heading = category if category.endswith("方面") else f"{category}方面"
        sections.append({"heading": f"（{CN_NUM[idx]}）{heading}。", "text": text})
    if rectification["repeat_sentence"]:
        sections.append({"heading": f"（{CN_NUM[len(sections)]}）整改落实方面。",
                         "text": rectification["repeat_sentence"]})

    deadline = common["deadline"]
    requirements = [
        "各单位要高度重视，对照本通报及本单位问题通报所列问题清单逐条整改、销号管理，"
        f"请于{deadline}前完成整改，并将整改反馈表报{common['issuer']}。",
        "整改情况反馈应逐条注明问题编号、整改措施和整改后的页面链接；未按要求反馈的，视为未整改。",
    ]
    veto_names = [u["unit_name"] for u in units if u["counts"]["veto"]]
    if veto_names:
        requirements.append(f"存在单项否决问题的单位（{'、'.join(veto_names)}）要立即整改，"
                            "并举一反三全面排查，确保不再出现同类问题。")
    if rectification["repeat_units"]:
        requirements.append(f"{'、'.join(rectification['repeat_units'])}要对连续两期及以上未整改的问题"
                            "逐一说明原因，明确责任人和完成时限。")
    requirements.append("各单位要建立健全政府信息公开专栏日常巡查和内容保障机制，"
                        f"{common['issuer']}将在整改期满后组织复核，复核情况另行通报。")

    unit_links = [{"name": u["unit_name"], "href": u["href"], "total": u["counts"]["total"]} for u in units]
    basis_no = len(units) + 1
    reviewed = [r | {"unit_name": u["unit_name"]} for u in units for r in u["reviewed"]]
    for seq, r in enumerate(reviewed, 1):
        r["seq"] = seq
    ranking = _ranking(units, configured)
    number = 2 if rectification["rows"] else 1
    table_no = {"units": 1, "rectification": 2 if rectification["rows"] else None}
    for group in ranking:
        number += 1
        group["no"] = number
    table_no["types"] = number + 1
    return {
        **common,
        "title": f"{common['issuer']}关于{common['period_name']}{config.name}网站政府信息公开专栏检查情况的通报",
        "recipient": f"{recipients}：", "opening": opening, "overview": overview,
        "unit_table": unit_table, "totals": totals, "type_table": type_rows, "sections": sections,
        "has_previous": data["previous"] is not None, "rectification": rectification,
        "chart": bar_chart([{"name": u["unit_name"], "counts": u["counts"]} for u in units]),
        "ranking": ranking, "table_no": table_no, "count_colspan": len(SEVERITIES) + 1,
        "requirements": numbered(requirements),
        "unit_links": unit_links, "rules_used": rules_used(all_rows, catalogue),
        "basis_attachment_no": basis_no, "reviewed": reviewed,
        "reviewed_attachment_no": basis_no + 1 if reviewed else None,
        "units_checked": checked, "units_total": len(configured), "pages": total_pages,
    }


def _type_rows(all_rows: list[dict], units: list[dict], catalogue: dict, previous: dict | None) -> list[dict]:
    by_rule: dict[str, list[dict]] = defaultdict(list)
    for r in all_rows:
        by_rule[r["rule"]].append(r)
    prev_counts = Counter(f["rule"] for f in previous["findings"].values()) if previous else Counter()
    for rule_id in prev_counts:
        by_rule.setdefault(rule_id, [])
    rows = []
    for rule_id, rfs in sorted(by_rule.items(), key=lambda kv: (
            severity_rank(catalogue[kv[0]]["severity"]) if kv[0] in catalogue else 9,
            -len(kv[1]), catalogue.get(kv[0], {}).get("order", 99))):
        if rule_id not in catalogue:
            continue
        per_unit = Counter(r["unit_index"] for r in rfs)
        ranked = sorted(per_unit.items(), key=lambda kv: (-kv[1], kv[0]))
        before = prev_counts.get(rule_id, 0)
        diff = len(rfs) - before
        rows.append({"title": catalogue[rule_id]["title"], "category": catalogue[rule_id]["category"],
                     "severity_label": SEVERITY_LABELS.get(catalogue[rule_id]["severity"], ""),
                     "count": len(rfs), "previous": before,
                     "change": ("+" if diff > 0 else "") + str(diff) if diff else "持平",
                     "units_text": join_counts(((units[i]["unit_name"], n) for i, n in ranked), "处") or "—"})
    rows = [r for r in rows if r["count"] or r["previous"]]
    for seq, row in enumerate(rows, 1):
        row["seq"] = seq
    return rows


def _rectification(units: list[dict], previous: dict | None) -> dict[str, Any]:
    """上期问题整改情况: per unit fixed / remaining / 整改率, and the repeat offenders."""
    empty = {"rows": [], "sentence": "", "repeat_sentence": "", "repeat_units": [], "rate": ""}
    if not previous:
        return empty
    rows, repeaters = [], []
    for u in units:
        remaining = [r for r in u["findings"] if r["status"].startswith("仍未整改")]
        fixed = len(u["fixed"])
        before = fixed + len(remaining)
        new = len(u["findings"]) - len(remaining)
        if not (before or new):
            continue
        streaks = [r["streak"] for r in remaining if r["streak"] >= 2]
        rows.append({"name": u["unit_name"], "href": u["href"], "previous": before, "fixed": fixed,
                     "remaining": len(remaining), "rate": percent(fixed, before) if before else "—",
                     "new": new, "repeat": len(streaks), "max_streak": max(streaks) if streaks else 0})
        if streaks:
            repeaters.append((u["unit_name"], len(streaks), max(streaks), streak_breakdown(streaks)))
    before = sum(r["previous"] for r in rows)
    fixed = sum(r["fixed"] for r in rows)
    remaining = sum(r["remaining"] for r in rows)
    new = sum(r["new"] for r in rows)
    when = to_local(previous["run"].get("finished_at") or previous["run"].get("started_at"))
    label = f"（{cn_date(when.date())}）" if when else ""
    rate = percent(fixed, before) if before else "—"
    sentence = (f"上期检查{label}发现的问题{before}个，本期复查已整改{fixed}个，仍未整改{remaining}个，"
                f"整改率{rate}；本期新增问题{new}个。") if before or new else ""
    repeat_sentence = ""
    if repeaters:
        repeaters.sort(key=lambda r: (-r[2], -r[1]))
        named = "；".join(f"{name}{text}" for name, _, _, text in repeaters)
        repeat_sentence = f"部分单位对通报问题整改不到位，同一问题在连续多期检查中反复出现：{named}，予以重点通报。"
    totals = {"previous": before, "fixed": fixed, "remaining": remaining, "new": new, "rate": rate,
              "repeat": sum(r["repeat"] for r in rows)}
    return {"rows": rows, "totals": totals, "sentence": sentence, "repeat_sentence": repeat_sentence,
            "repeat_units": [r[0] for r in repeaters], "rate": rate, "label": label}


def _ranking(units: list[dict], configured: list[dict]) -> list[dict[str, Any]]:
    """Units ordered by problems (单项否决, then 扣分, then total), per unit category."""
    groups: dict[str, list[dict]] = {}
    for u in configured:
        groups.setdefault(u["category"], []).append(u)
    named = len(groups) > 1 or "" not in groups
    result = []
    for category, members in groups.items():
        ordered = sorted(enumerate(members), key=lambda iu: (
            -iu[1]["counts"]["veto"], -iu[1]["counts"]["deduct"], -iu[1]["counts"]["total"], iu[0]))
        ranked, previous_key, rank = [], None, 0
        for pos, (_, u) in enumerate(ordered, 1):
            key = (u["counts"]["veto"], u["counts"]["deduct"], u["counts"]["total"])
            rank = pos if key != previous_key else rank
            previous_key = key
            ranked.append({"rank": rank, "name": u["unit_name"], "href": u["href"],
                           "counts": [u["counts"][s] for s in SEVERITIES], "total": u["counts"]["total"]})
        title = (category or "其他单位") if named else "各单位"
        result.append({"name": title, "rows": ranked})
    return result
