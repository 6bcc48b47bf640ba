"""Prepare the data of the 问题通报: read one run from the DB, return plain dicts.

Every count, grouping, ordering, date and variable sentence is made here (with
``unit_data``, ``summary`` and ``chart``), so that the templates only lay the dicts out.
Reports never judge and never fetch: the findings come from the checks, the rule texts
(title, category, basis, advice) from the rule catalogue, the lifecycle (first seen,
已整改, 连续N期, reviews) from ``crawler.lifecycle`` and the screenshots from the evidence stage.
Problems a person marked 不属实 / 情况说明 are left out of every count and listed apart.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import datetime, timezone
from typing import Any, Iterable

from crawler.lifecycle import history
from crawler.store import rows
from urllib.parse import quote

from reports.outputs import feedback_name, formats_of, output_names
from reports.summary import SITE_UNIT, build_summary
from reports.text import (SEVERITIES, SEVERITY_LABELS, TZ, cn_date, cn_datetime, cn_month, join_counts,
                          severity_counts, severity_sentence, to_local)
from reports.unit_data import (change_sentence, finding_rows, mark_printed, reviewed_rows, rules_used,
                               sections, unit_requirements)
from reports.workdays import WorkCalendar, add_working_days, default_calendar

SITE_UNIT_NAME = "本级"
HOME_SEGMENTS = ("网站首页", "首页")
BASIS_TEXT = ("《中华人民共和国政府信息公开条例》",
              "《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）")
METHOD_TEXT = ("技术检测：以网络爬虫自动采集专栏页面，逐一检测页面链接可用性（含超时重试、跳转和“页面不存在”识别），"
               "抽取规范性文件、政策文件、政策解读和政府信息公开指南的标注信息并比对；"
               "人工核查：对发现的问题逐条复核，保留页面截图、采集时间和页面内容摘要作为取证记录，"
               "经核实不属实或有正当理由的问题不予通报。")

__all__ = ["build_report_data", "to_local", "cn_date"]


def _column_text(value: str | None) -> str:
    if not value:
        return ""
    text = value.strip()
    if text.startswith("["):
        try:
            parts = json.loads(text)
            text = " > ".join(str(p).strip() for p in parts if str(p).strip())
        except (ValueError, TypeError):
            pass
    for home in HOME_SEGMENTS:  # "首页 > 政府信息公开 > …": the portal's home adds nothing
        if text.startswith(home):
            text = text[len(home):].lstrip(" >＞›»/／")
            break
    return text


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


def _load(db: Any, run_id: int) -> dict[str, Any]:
    found = rows(db, "SELECT * FROM runs WHERE id = ?", [run_id])
    if not found:
        raise LookupError(f"运行记录不存在 (run {run_id} not found)")
    run = found[0]
    # Plain tuples: a large run has ~100k pages and documents, and dicts cost more than the query.
    pages = db.execute("SELECT url, final_url, unit, title FROM pages WHERE run_id = ?", [run_id]).fetchall()
    docs = db.execute("SELECT url, unit, column_path FROM documents WHERE run_id = ? AND column_path IS NOT NULL "
                      "AND column_path != ''", [run_id]).fetchall()
    findings = rows(db, "SELECT id, problem_id, rule, severity, unit, url, target, message FROM findings "
                        "WHERE run_id = ? ORDER BY id", [run_id])
    hist = history(db, run_id)
    evidence = {e["problem_id"]: e for e in rows(db, "SELECT * FROM evidence WHERE site_id = ?",
                                                 [run.get("site_id") or ""])}
    reviewed = set(hist.reviews)
    current = {f["problem_id"] for f in findings}
    previous = None
    if hist.previous_run is not None:
        prev_active = {pid: f for pid, f in hist.previous.items() if pid not in reviewed}
        previous = {"run": hist.previous_run, "findings": prev_active,
                    "fixed": [f for pid, f in prev_active.items() if pid not in current]}
    return {"run": run, "pages": pages, "docs": docs,
            "findings": [f for f in findings if f["problem_id"] not in reviewed],
            "reviewed": [f for f in findings if f["problem_id"] in reviewed],
            "previous": previous, "history": hist, "evidence": evidence}


def _attachments(has_findings: bool, has_fixed: bool, has_reviewed: bool,
                 feedback_href: str | None = None) -> dict[str, Any]:
    """Numbered 附件 of a unit report: 问题清单, 已整改清单, 人工核查情况, 检查依据, 反馈表."""
    order = [("findings", "问题清单", has_findings), ("fixed", "上期问题整改情况", has_fixed),
             ("reviewed", "人工核查情况说明", has_reviewed), ("basis", "检查依据及整改建议", has_findings),
             ("feedback", "整改反馈表", has_findings and feedback_href is not None)]
    listed = [(key, title) for key, title, present in order if present]
    numbers = {key: i for i, (key, _) in enumerate(listed, 1)}
    return {"list": [{"no": numbers[k], "title": t, "href": feedback_href if k == "feedback" else None}
                     for k, t in listed], "no": numbers}


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
    formats = formats_of(config)

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
        "period_line": "", "period_name": cn_month(run_day), "report_date": cn_date(now_local.date()),
        "period_text": f"{cn_datetime(started)}至{cn_datetime(finished)}",
        "cutoff_text": cn_datetime(finished), "deadline": cn_date(deadline), "deadline_iso": deadline.isoformat(),
        "deadline_days": days, "calendar_note": calendar_note, "method_text": METHOD_TEXT,
        "basis_documents": list(BASIS_TEXT), "run_id": run_id,
        "severities": [{"key": s, "label": SEVERITY_LABELS[s]} for s in SEVERITIES],
    }
    method = (f"为深入贯彻落实{BASIS_TEXT[0]}，进一步规范政府信息公开专栏建设和管理，根据"
              f"{BASIS_TEXT[1]}有关要求，{issuer}采取技术检测与人工核查相结合的方式，")
    period = f"监测时间段为{common['period_text']}，数据采集截止时间为{common['cutoff_text']}。"

    page_title: dict[str, str] = {}
    pages_by_unit: Counter[str] = Counter()
    for url, _, unit, title in data["pages"]:
        page_title[url] = title or ""
        pages_by_unit[unit or ""] += 1
    for _, final_url, _, title in data["pages"]:
        if final_url:
            page_title.setdefault(final_url, title or "")
    column_of: dict[str, str] = {}
    texts: dict[str, str] = {}  # a few hundred distinct column paths over many documents
    for url, _, path in data["docs"]:
        if path not in texts:
            texts[path] = _column_text(path)
        column_of[url] = texts[path]
    columns_by_unit: dict[str, set[str]] = defaultdict(set)
    for url, unit, _ in data["docs"]:
        if column_of.get(url):
            columns_by_unit[unit or ""].add(column_of[url])
    by_unit: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for key in ("findings", "reviewed"):
        for f in data[key]:
            by_unit[f["unit"] or ""][key].append(f)
    for f in (data["previous"] or {}).get("fixed", []):
        by_unit[f["unit"] or ""]["fixed"].append(f)

    unit_specs = [(u.id, u.name, u.category or "") for u in config.units]
    known = {u.id for u in config.units}
    for uid in by_unit:
        if uid != SITE_UNIT and uid not in known:
            unit_specs.append((uid, f"{uid}（未配置单位）", ""))
    if any(by_unit.get(SITE_UNIT, {}).values()):
        unit_specs.append((SITE_UNIT, SITE_UNIT_NAME, ""))
    site_file = "site" if "site" not in known else "_site"

    ctx = {"history": data["history"], "previous": data["previous"], "evidence": data["evidence"],
           "run_day": run_day.isoformat(), "deadline_iso": deadline.isoformat(), "prefix": "../"}
    units = []
    for uid, name, category in unit_specs:
        mine = by_unit.get(uid, {})
        rows_now = finding_rows(mine.get("findings", []), catalogue, column_of, page_title, ctx)
        fixed = finding_rows(mine.get("fixed", []), catalogue, column_of, page_title, ctx, current=False)
        reviewed = reviewed_rows(mine.get("reviewed", []), catalogue, data["history"])
        counts = severity_counts(rows_now)
        label = name if uid != SITE_UNIT else f"{config.name}本级"
        n_pages, n_columns = pages_by_unit.get(uid, 0), len(columns_by_unit.get(uid, ()))
        scope = f"本次检查共采集该单位专栏网页{n_pages}个" + (f"，涉及栏目{n_columns}个" if n_columns else "") + "。"
        if rows_now:
            overview = [f"本次检查{severity_sentence(counts)}"]
            if counts["veto"]:
                overview[0] += "单项否决问题须立即整改。"
            types = Counter(r["rule_title"] for r in rows_now)
            overview.append("按问题类型分：" + join_counts(types.most_common(), "处") + "。")
        change = change_sentence(rows_now, fixed, data["previous"])
        if not rows_now:
            overview = [f"本次检查未发现问题。{change}请继续做好专栏日常维护，确保信息发布及时、准确、规范。"]
        elif change:
            overview.append(change)
        if reviewed:
            overview.append(f"另有{len(reviewed)}个问题经人工核查不属实或已作情况说明，不计入本次通报"
                            f"（见附件{_attachments(bool(rows_now), bool(fixed), True)['no']['reviewed']}）。")
        stem = uid or site_file
        file_name = f"{stem}.html"
        feedback = quote(feedback_name(stem)) if "xlsx" in formats else None
        attachments = _attachments(bool(rows_now), bool(fixed), bool(reviewed), feedback)
        elsewhere = (f"本通报网页版附件{attachments['no'].get('findings')}"
                     + (f"及附件{attachments['no']['feedback']}整改反馈表（电子表格）"
                        if "feedback" in attachments["no"] else ""))
        print_left_out = mark_printed(rows_now, elsewhere)
        units.append({
            **common,
            "unit_id": uid, "unit_name": name, "category": category, "file": file_name, "stem": stem,
            "href": f"units/{file_name}",
            "downloads": output_names(stem, formats if rows_now else tuple(f for f in formats if f != "xlsx"),
                                      summary=False),
            "title": f"{issuer}关于{common['period_name']}{label}政府信息公开专栏检查情况的通报",
            "recipient": f"{label}：",
            "opening": method + f"对{label}政府信息公开专栏进行了检查。" + period + scope,
            "scope_text": scope,
            "overview": overview, "counts": counts, "pages": n_pages, "columns": n_columns,
            "sections": sections(rows_now, catalogue), "findings": rows_now, "fixed": fixed,
            "print_left_out": print_left_out,
            "reviewed": reviewed, "attachments": attachments,
            "rules_used": rules_used(rows_now, catalogue),
            "requirements": unit_requirements(label, issuer, common["deadline"], bool(rows_now),
                                              any(r["streak"] >= 2 for r in rows_now)),
            "requirements_heading": "三、整改要求" if rows_now else "三、工作要求",
        })

    summary = build_summary(config, units, data, catalogue, common, method, period)
    summary["downloads"] = output_names("index", formats, summary=True)
    return {"summary": summary, "units": units, "formats": formats}
