"""Prepare the data of the 问题通报: read one run from the DB, return plain dicts.

Every count, grouping, ordering, date and variable sentence is made here, so that the
templates only lay the dicts out. Reports never judge and never fetch: the findings come
from the checks, the rule texts (title, category, basis, advice) from the rule catalogue.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta, timezone
from typing import Any, Iterable
from urllib.parse import urlsplit

from crawler.store import previous_run_id, rows
from reports.workdays import WorkCalendar, add_working_days, default_calendar

try:
    from zoneinfo import ZoneInfo

    TZ = ZoneInfo("Asia/Shanghai")
except Exception:  # no tz database: Shanghai has had no DST since 1991
    TZ = timezone(timedelta(hours=8), "CST")

SEVERITIES = ("veto", "deduct", "advice")
SEVERITY_LABELS = {"veto": "单项否决", "deduct": "扣分", "advice": "提示"}
SITE_UNIT = ""
SITE_UNIT_NAME = "本级"
BASIS_TEXT = ("《中华人民共和国政府信息公开条例》",
              "《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）")
COLUMN_SEPARATORS = (">", "＞", "›", "»", "/", "／")


# ---------------------------------------------------------------- dates

def to_local(value: str | datetime | None) -> datetime | None:
    """A stored timestamp (UTC when naive) in Asia/Shanghai time."""
    if not value:
        return None
    dt = value if isinstance(value, datetime) else datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(TZ)


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def cn_datetime(dt: datetime) -> str:
    return f"{cn_date(dt)} {dt:%H:%M}"


def cn_month(d: date) -> str:
    return f"{d.year}年{d.month}月"


# ---------------------------------------------------------------- small helpers

def _safe_href(url: str | None) -> str | None:
    """Only http(s) URLs become links; anything else (javascript:, data:) stays text."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def _column_text(value: str | None) -> str:
    if not value:
        return ""
    text = value.strip()
    if text.startswith("["):
        try:
            parts = json.loads(text)
            return " > ".join(str(p).strip() for p in parts if str(p).strip())
        except (ValueError, TypeError):
            pass
    return text


def _column_leaf(path: str) -> str:
    """The last segment of a column path: "信息公开 > 政策文件" -> "政策文件"."""
    leaf = path
    for sep in COLUMN_SEPARATORS:
        parts = [p.strip() for p in leaf.split(sep) if p.strip()]
        if parts:
            leaf = parts[-1]
    return leaf


def _join_counts(items: Iterable[tuple[str, int]], noun: str = "个") -> str:
    return "、".join(f"{name}{count}{noun}" for name, count in items)


def _percent(part: int, whole: int) -> str:
    if not whole:
        return "0%"
    value = 100 * part / whole
    return f"{value:.0f}%" if value == int(value) else f"{value:.1f}%"


def _quoted(names: Iterable[str], limit: int = 5) -> str:
    names = list(names)
    text = "".join(f"“{n}”" for n in names[:limit])
    return text + ("等" if len(names) > limit else "")


def _rule_catalogue(rules: Iterable[Any]) -> dict[str, dict[str, Any]]:
    catalogue: dict[str, dict[str, Any]] = {}
    for order, item in enumerate(rules):
        rule = item.rule if not hasattr(item, "title") and hasattr(item, "rule") else item
        catalogue[rule.id] = {
            "id": rule.id, "title": rule.title, "severity": rule.severity,
            "category": rule.category or "其他", "order": order,
            "basis": [str(b) for b in rule.basis], "advice": rule.advice,
        }
    return catalogue


def _rule_of(catalogue: dict[str, dict[str, Any]], rule_id: str, severity: str) -> dict[str, Any]:
    if rule_id not in catalogue:
        catalogue[rule_id] = {"id": rule_id, "title": rule_id, "severity": severity,
                              "category": "其他", "order": len(catalogue), "basis": [], "advice": ""}
    return catalogue[rule_id]


def _severity_counts(findings: list[dict]) -> dict[str, int]:
    counts = Counter(f["severity"] for f in findings)
    result = {s: counts.get(s, 0) for s in SEVERITIES}
    result["total"] = len(findings)
    return result


def _severity_sentence(counts: dict[str, int]) -> str:
    parts = [(f"{SEVERITY_LABELS[s]}问题", counts[s]) for s in SEVERITIES if counts[s]]
    return f"共发现问题{counts['total']}个，其中" + _join_counts(parts) + "。"


# ---------------------------------------------------------------- loading

def _load(db: Any, run_id: int) -> dict[str, Any]:
    found = rows(db, "SELECT * FROM runs WHERE id = ?", [run_id])
    if not found:
        raise LookupError(f"运行记录不存在 (run {run_id} not found)")
    run = found[0]
    pages = rows(db, "SELECT url, final_url, unit, title FROM pages WHERE run_id = ?", [run_id])
    docs = rows(db, "SELECT url, unit, title, column_path FROM documents WHERE run_id = ?", [run_id])
    findings = rows(db, "SELECT * FROM findings WHERE run_id = ? ORDER BY id", [run_id])
    previous = None
    if run.get("site_id"):
        prev_id = previous_run_id(db, run_id, run["site_id"])
        if prev_id is not None:
            prev_run = rows(db, "SELECT * FROM runs WHERE id = ?", [prev_id])[0]
            prev_keys = {(r["unit"] or "", r["problem_id"]) for r in
                         rows(db, "SELECT unit, problem_id FROM findings WHERE run_id = ?", [prev_id])}
            previous = {"run": prev_run, "keys": prev_keys}
    return {"run": run, "pages": pages, "docs": docs, "findings": findings, "previous": previous}


# ---------------------------------------------------------------- per unit

def _finding_rows(findings: list[dict], catalogue: dict, columns: dict[str, str],
                  titles: dict[str, str], found_on: str) -> list[dict[str, Any]]:
    prepared = []
    for f in findings:
        rule = _rule_of(catalogue, f["rule"], f["severity"])
        path = columns.get(f["url"], "")
        column = path or titles.get(f["url"], "")
        prepared.append({
            "problem_id": f["problem_id"] or "", "rule": f["rule"], "rule_title": rule["title"],
            "category": rule["category"], "severity": f["severity"],
            "severity_label": SEVERITY_LABELS.get(f["severity"], f["severity"]),
            "column": column, "column_leaf": _column_leaf(path) if path else "",
            "message": f["message"] or "", "url": f["url"] or "", "url_href": _safe_href(f["url"]),
            "target": f["target"] or "", "target_href": _safe_href(f["target"]), "found": found_on,
            "_key": (SEVERITIES.index(f["severity"]) if f["severity"] in SEVERITIES else 9,
                     rule["order"], column, f["url"] or "", f["target"] or "", f["problem_id"] or ""),
        })
    prepared.sort(key=lambda r: r["_key"])
    for seq, r in enumerate(prepared, 1):
        r["seq"] = seq
        del r["_key"]
    return prepared


def _sections(findings: list[dict], catalogue: dict) -> list[dict[str, str]]:
    """二、存在的主要问题 of one unit: one paragraph per rule category."""
    by_category: dict[str, list[dict]] = defaultdict(list)
    for f in findings:
        by_category[f["category"]].append(f)

    def category_key(item: tuple[str, list[dict]]) -> tuple:
        rank = min(SEVERITIES.index(f["severity"]) if f["severity"] in SEVERITIES else 9 for f in item[1])
        return rank, min(catalogue[f["rule"]]["order"] for f in item[1])

    sections = []
    for idx, (category, items) in enumerate(sorted(by_category.items(), key=category_key)):
        by_rule: dict[str, list[dict]] = defaultdict(list)
        for f in items:
            by_rule[f["rule"]].append(f)
        clauses = []
        for rule_id, rfs in sorted(by_rule.items(), key=lambda kv: catalogue[kv[0]]["order"]):
            clause = f"{catalogue[rule_id]['title']}{len(rfs)}处"
            leaves = list(dict.fromkeys(f["column_leaf"] for f in rfs if f["column_leaf"]))
            targets = {f["target"] for f in rfs if f["target"]}
            extra = []
            if leaves:
                extra.append(f"涉及{_quoted(leaves)}栏目")
            if targets:
                extra.append(f"链接地址{len(targets)}个")
            if extra:
                clause += "（" + "，".join(extra) + "）"
            clauses.append(clause)
        if len(clauses) == 1:
            text = f"共发现{clauses[0]}。"
        else:
            text = f"共发现问题{len(items)}处，其中" + "；".join(clauses) + "。"
        heading = category if category.endswith("方面") else f"{category}方面"
        sections.append({"heading": f"（{_CN_NUM[idx]}）{heading}。", "text": text})
    return sections


_CN_NUM = "一二三四五六七八九十" + "".join(f"十{c}" for c in "一二三四五六七八九")


def _rules_used(findings: list[dict], catalogue: dict) -> list[dict[str, Any]]:
    used = sorted({f["rule"] for f in findings}, key=lambda rid: catalogue[rid]["order"])
    counts = Counter(f["rule"] for f in findings)
    return [{"seq": i, "title": catalogue[rid]["title"],
             "severity_label": SEVERITY_LABELS.get(catalogue[rid]["severity"], ""),
             "count": counts[rid], "basis": catalogue[rid]["basis"],
             "advice": catalogue[rid]["advice"]} for i, rid in enumerate(used, 1)]


def _change_sentence(unit_keys: set, previous: dict | None, unit_id: str | None) -> str:
    if not previous:
        return ""
    prev = {k for k in previous["keys"] if unit_id is None or k[0] == unit_id}
    new, fixed, remaining = len(unit_keys - prev), len(prev - unit_keys), len(unit_keys & prev)
    if not (new or fixed or remaining):
        return ""
    when = to_local(previous["run"].get("finished_at") or previous["run"].get("started_at"))
    label = f"（{cn_date(when.date())}）" if when else ""
    return (f"与上期检查{label}相比，新增问题{new}个；上期发现的问题中，本期未再发现（已整改）{fixed}个，"
            f"仍未整改{remaining}个。")


# ---------------------------------------------------------------- entry point

def build_report_data(db: Any, config: Any, run_id: int, rules: Iterable[Any] | None = None,
                      now: datetime | None = None, calendar: WorkCalendar | None = None) -> dict[str, Any]:
    """Everything the templates need for one run: ``{"summary": {...}, "units": [...]}``."""
    if rules is None:
        from checks.registry import rules as registry_rules
        rules = registry_rules()
    catalogue = _rule_catalogue(rules)
    data = _load(db, run_id)
    run = data["run"]
    calendar = calendar or default_calendar()

    now = now or datetime.now(timezone.utc)
    now_local = now.astimezone(TZ) if now.tzinfo else now.replace(tzinfo=TZ)
    started = to_local(run.get("started_at"))
    finished = to_local(run.get("finished_at") or run.get("checked_at")) or started or now_local
    started = started or finished
    run_day = finished.date()
    report = config.report or {}
    days = int(report.get("deadline_working_days", 5) or 0)
    deadline = add_working_days(run_day, days, calendar)
    provisional = calendar.provisional_years(run_day, deadline)
    calendar_note = ""
    if provisional:
        years = "、".join(f"{y}年" for y in provisional)
        calendar_note = (f"注：{years}法定节假日安排尚未正式发布，整改时限暂按周一至周五工作日推算，"
                         "如遇法定节假日相应顺延。")

    issuer = config.issuer
    common = {
        "issuer": issuer, "site_name": config.name, "doc_number": report.get("doc_number") or "",
        "period_line": f"（{cn_month(run_day)}）", "report_date": cn_date(now_local.date()),
        "period_text": f"{cn_datetime(started)}至{cn_datetime(finished)}",
        "cutoff_text": cn_datetime(finished), "deadline": cn_date(deadline),
        "deadline_days": days, "calendar_note": calendar_note,
        "severities": [{"key": s, "label": SEVERITY_LABELS[s]} for s in SEVERITIES],
    }
    method = (f"为深入贯彻落实{BASIS_TEXT[0]}，进一步规范政府信息公开专栏建设和管理，根据"
              f"{BASIS_TEXT[1]}有关要求，{issuer}采取技术检测与人工核查相结合的方式，")
    period = f"监测时间段为{common['period_text']}，数据采集截止时间为{common['cutoff_text']}。"

    page_title = {p["url"]: p["title"] or "" for p in data["pages"]}
    for p in data["pages"]:
        if p.get("final_url"):
            page_title.setdefault(p["final_url"], p["title"] or "")
    column_of = {d["url"]: _column_text(d["column_path"]) for d in data["docs"] if d["column_path"]}
    pages_by_unit = Counter(p["unit"] or "" for p in data["pages"])
    columns_by_unit: dict[str, set[str]] = defaultdict(set)
    for d in data["docs"]:
        if column_of.get(d["url"]):
            columns_by_unit[d["unit"] or ""].add(column_of[d["url"]])
    findings_by_unit: dict[str, list[dict]] = defaultdict(list)
    for f in data["findings"]:
        findings_by_unit[f["unit"] or ""].append(f)

    unit_specs = [(u.id, u.name, u.category or "") for u in config.units]
    known = {u.id for u in config.units}
    for uid in findings_by_unit:
        if uid != SITE_UNIT and uid not in known:
            unit_specs.append((uid, f"{uid}（未配置单位）", ""))
    if findings_by_unit.get(SITE_UNIT):
        unit_specs.append((SITE_UNIT, SITE_UNIT_NAME, ""))
    site_file = "site" if "site" not in known else "_site"

    units = []
    found_on = run_day.isoformat()
    for uid, name, category in unit_specs:
        finding_rows = _finding_rows(findings_by_unit.get(uid, []), catalogue, column_of,
                                     page_title, found_on)
        counts = _severity_counts(finding_rows)
        label = name if uid != SITE_UNIT else f"{config.name}本级"
        n_pages, n_columns = pages_by_unit.get(uid, 0), len(columns_by_unit.get(uid, ()))
        scope = f"本次检查共采集该单位专栏网页{n_pages}个" + (f"，涉及栏目{n_columns}个" if n_columns else "") + "。"
        if finding_rows:
            overview = [f"本次检查{_severity_sentence(counts)}"]
            types = Counter(r["rule_title"] for r in finding_rows)
            overview.append("按问题类型分：" + _join_counts(types.most_common(), "处") + "。")
            if counts["veto"]:
                overview.append(f"存在单项否决问题{counts['veto']}个，须立即整改。")
        else:
            overview = ["本次检查未发现问题。请继续做好专栏日常维护，确保信息发布及时、准确、规范。"]
        change = _change_sentence({(uid, r["problem_id"]) for r in finding_rows}, data["previous"], uid)
        if change:
            overview.append(change)
        file_name = f"{uid or site_file}.html"
        units.append({
            **common,
            "unit_id": uid, "unit_name": name, "category": category, "file": file_name,
            "href": f"units/{file_name}",
            "title": f"{issuer}关于{label}政府信息公开专栏检查情况的通报",
            "recipient": f"{label}：",
            "opening": method + f"对{label}政府信息公开专栏进行了检查。" + period + scope,
            "overview": overview, "counts": counts, "pages": n_pages, "columns": n_columns,
            "sections": _sections(finding_rows, catalogue), "findings": finding_rows,
            "rules_used": _rules_used(finding_rows, catalogue),
            "requirements": _unit_requirements(label, issuer, common["deadline"], bool(finding_rows)),
            "requirements_heading": "三、整改要求" if finding_rows else "三、工作要求",
        })

    summary = _summary(config, units, data, catalogue, common, method, period)
    return {"summary": summary, "units": units}


def _unit_requirements(label: str, issuer: str, deadline: str, has_findings: bool) -> list[str]:
    if not has_findings:
        return [f"{label}要继续加强政府信息公开专栏日常管理，定期开展自查，及时发现和解决问题，"
                "确保专栏内容准确、链接有效、信息更新及时。"]
    return _numbered([
        f"{label}要高度重视，对照问题清单（附件1）逐条整改、销号管理，"
        f"请于{deadline}前完成整改并反馈整改情况。",
        "整改情况反馈应逐条注明问题编号、整改措施和整改后的页面链接；未按要求反馈的，视为未整改。",
        "要举一反三，全面排查专栏内同类问题，建立健全日常巡查和内容保障机制，防止问题反复出现。",
        f"{issuer}将在整改期满后组织复核，复核情况另行通报。",
    ])


def _numbered(paragraphs: list[str]) -> list[str]:
    return [f"（{_CN_NUM[i]}）{p}" for i, p in enumerate(paragraphs)]


# ---------------------------------------------------------------- summary

def _summary(config: Any, units: list[dict], data: dict, catalogue: dict, common: dict,
             method: str, period: str) -> dict[str, Any]:
    configured = [u for u in units if u["unit_id"] in {c.id for c in config.units}]
    checked = sum(1 for u in configured if u["pages"])
    total_pages = sum(1 for _ in data["pages"])
    all_rows = [r | {"unit_name": u["unit_name"], "unit_index": i}
                for i, u in enumerate(units) for r in u["findings"]]
    counts = _severity_counts(all_rows)
    report = config.report or {}
    recipients = report.get("recipients") or "、".join(u.name for u in config.units)

    opening = (method + f"对{config.name}政府信息公开专栏进行了检查。" + period +
               f"本次应检查单位{len(configured)}个，实际检查{checked}个，"
               f"检查率{_percent(checked, len(configured))}，共采集网页{total_pages}个。")

    overview: list[str] = []
    if all_rows:
        with_problems = [u for u in units if u["counts"]["total"] and u["unit_id"] != SITE_UNIT]
        site_total = sum(u["counts"]["total"] for u in units if u["unit_id"] == SITE_UNIT)
        overview.append(f"本次检查{_severity_sentence(counts)}"
                        + (f"{len(with_problems)}个单位存在问题" if with_problems else "")
                        + ("，" if with_problems and site_total else "")
                        + (f"本级专栏存在问题{site_total}个" if site_total else "") + "。")
        veto_units = [u for u in units if u["counts"]["veto"]]
        if veto_units:
            overview.append("存在单项否决问题的单位：" +
                            _join_counts(((u["unit_name"], u["counts"]["veto"]) for u in veto_units)) + "。")
    else:
        overview.append("本次检查未发现问题。")
    clean = [u["unit_name"] for u in configured if not u["counts"]["total"] and u["pages"]]
    if clean and all_rows:
        overview.append(f"{'、'.join(clean)}{'等' if len(clean) > 1 else ''}{len(clean)}个单位未发现问题。")
    unchecked = [u["unit_name"] for u in configured if not u["pages"]]
    if unchecked:
        overview.append(f"{'、'.join(unchecked)}未采集到专栏网页，请核实专栏地址。")
    prev_sentence = _change_sentence({(u["unit_id"], r["problem_id"]) for u in units for r in u["findings"]},
                                     data["previous"], None)
    if prev_sentence:
        overview.append(prev_sentence)

    unit_table = [{"seq": i, "name": u["unit_name"], "category": u["category"], "pages": u["pages"],
                   "counts": [u["counts"][s] for s in SEVERITIES], "total": u["counts"]["total"],
                   "href": u["href"]} for i, u in enumerate(units, 1)]
    totals = {"pages": total_pages, "counts": [counts[s] for s in SEVERITIES], "total": counts["total"]}

    by_rule: dict[str, list[dict]] = defaultdict(list)
    for r in all_rows:
        by_rule[r["rule"]].append(r)
    type_rows = []
    for rule_id, rfs in sorted(by_rule.items(), key=lambda kv: (
            SEVERITIES.index(catalogue[kv[0]]["severity"]) if catalogue[kv[0]]["severity"] in SEVERITIES else 9,
            -len(kv[1]), catalogue[kv[0]]["order"])):
        per_unit = Counter(r["unit_index"] for r in rfs)
        ranked = sorted(per_unit.items(), key=lambda kv: (-kv[1], kv[0]))
        type_rows.append({"title": catalogue[rule_id]["title"], "category": catalogue[rule_id]["category"],
                          "severity_label": SEVERITY_LABELS.get(catalogue[rule_id]["severity"], ""),
                          "count": len(rfs),
                          "units_text": _join_counts(((units[i]["unit_name"], n) for i, n in ranked), "处")})
    for seq, row in enumerate(type_rows, 1):
        row["seq"] = seq

    sections = []
    categories: dict[str, list[dict]] = defaultdict(list)
    for row in type_rows:
        categories[row["category"]].append(row)
    for idx, (category, trs) in enumerate(categories.items()):
        clauses = [f"{t['title']}{t['count']}处（{t['units_text']}）" for t in trs]
        n = sum(t["count"] for t in trs)
        text = (f"共发现{clauses[0]}。" if len(clauses) == 1
                else f"共发现问题{n}处，其中" + "；".join(clauses) + "。")
        heading = category if category.endswith("方面") else f"{category}方面"
        sections.append({"heading": f"（{_CN_NUM[idx]}）{heading}。", "text": text})

    deadline = common["deadline"]
    requirements = [
        "各单位要高度重视，对照本通报及本单位问题通报所列问题清单逐条整改、销号管理，"
        f"请于{deadline}前完成整改并反馈整改情况。",
        "整改情况反馈应逐条注明问题编号、整改措施和整改后的页面链接；未按要求反馈的，视为未整改。",
    ]
    veto_names = [u["unit_name"] for u in units if u["counts"]["veto"]]
    if veto_names:
        requirements.append(f"存在单项否决问题的单位（{'、'.join(veto_names)}）要立即整改，"
                            "并举一反三全面排查，确保不再出现同类问题。")
    requirements.append("各单位要建立健全政府信息公开专栏日常巡查和内容保障机制，"
                        f"{common['issuer']}将在整改期满后组织复核，复核情况另行通报。")

    return {
        **common,
        "title": f"{common['issuer']}关于{config.name}政府信息公开专栏检查情况的通报",
        "recipient": f"{recipients}：", "opening": opening, "overview": overview,
        "unit_table": unit_table, "totals": totals, "type_table": type_rows, "sections": sections,
        "ranking": _ranking(units, configured), "requirements": _numbered(requirements),
        "unit_links": [{"name": u["unit_name"], "href": u["href"], "total": u["counts"]["total"]}
                       for u in units],
        "rules_used": _rules_used(all_rows, catalogue), "basis_attachment_no": len(units) + 1,
        "units_checked": checked, "units_total": len(configured), "pages": total_pages,
    }


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
