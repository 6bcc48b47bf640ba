"""The parts of one unit's 问题通报: 问题清单 rows, 存在的主要问题, change since last run.

Every sentence is phrased here, from the rule catalogue and the findings, so that the
templates (HTML, Word, Excel) lay out the same words.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from crawler.evidence import shot_name
from crawler.lifecycle import REVIEW_STATUSES

from .text import (CN_NUM, SEVERITY_LABELS, cn_date, numbered, quoted, safe_href, severity_rank, short_date,
                   streak_breakdown, to_local)

COLUMN_SEPARATORS = (">", "＞", "›", "»", "/", "／")
# The printed 问题清单 (PDF, or the HTML printed from a browser) lists a problem type in full up
# to PRINT_FULL_TYPE problems; beyond that its first PRINT_ROWS_PER_TYPE and a line saying where
# the rest are. Screen (HTML), Word and Excel always list every problem.
PRINT_FULL_TYPE, PRINT_ROWS_PER_TYPE = 20, 10


@lru_cache(maxsize=4096)
def column_leaf(path: str) -> str:
    """The last segment of a column path: "信息公开 > 政策文件" -> "政策文件"."""
    leaf = path
    for sep in COLUMN_SEPARATORS:
        parts = [p.strip() for p in leaf.split(sep) if p.strip()]
        if parts:
            leaf = parts[-1]
    return leaf


def rule_of(catalogue: dict[str, dict[str, Any]], rule_id: str, severity: str) -> dict[str, Any]:
    if rule_id not in catalogue:
        catalogue[rule_id] = {"id": rule_id, "title": rule_id, "severity": severity,
                              "category": "其他", "order": len(catalogue), "basis": [], "advice": ""}
    return catalogue[rule_id]


def status_of(pid: str, hist: Any, previous: dict | None) -> tuple[str, int]:
    """整改状态 of a problem seen in this run, and how many runs in a row it has been seen."""
    streak = hist.streak.get(pid, 1)
    if previous and pid in previous["findings"]:
        return (f"仍未整改（连续{streak}期）" if streak >= 2 else "仍未整改"), streak
    if hist.first_run.get(pid, hist.run_id) < hist.run_id:
        return "再次出现", streak
    return "新增", streak


def shot_cell(pid: str, evidence: dict, prefix: str) -> dict[str, Any]:
    """The 截图 cell: a link to the screenshot copied beside the report, or why there is none."""
    e = evidence.get(pid)
    empty = {"href": None, "text": "—", "note": "", "src": None, "file": None, "captured": "",
             "status": None, "hash": ""}
    if not e:
        return empty
    if e.get("path") and Path(e["path"]).is_file():
        local = to_local(e.get("captured_at"))
        status = e.get("status")
        note = (f"{local:%m-%d %H:%M}" if local else "") + (f" 页面{status}" if status else "")
        name = shot_name(pid)
        return {"href": f"{prefix}evidence/{name}", "text": "截图", "note": note, "src": e["path"],
                "file": name, "captured": f"{local:%Y-%m-%d %H:%M:%S}" if local else "",
                "status": status, "hash": e.get("content_hash") or ""}
    return empty | {"text": "截图失败" if e.get("error") else "—"}


def finding_rows(findings: list[dict], catalogue: dict, columns: dict[str, str], titles: dict[str, str],
                 ctx: dict[str, Any], current: bool = True) -> list[dict[str, Any]]:
    """Rows of the 问题清单 (``current``) or of the 已整改 list (findings of the previous run)."""
    hist, previous, evidence = ctx["history"], ctx["previous"], ctx["evidence"]
    prepared = []
    for f in findings:
        rule = rule_of(catalogue, f["rule"], f["severity"])
        path = columns.get(f["url"], "")
        column = path or titles.get(f["url"], "")
        pid = f["problem_id"] or ""
        status, streak = status_of(pid, hist, previous) if current else ("已整改", 0)
        first = short_date(hist.first_seen.get(pid)) or ctx["run_day"]
        prepared.append({
            "problem_id": pid, "rule": f["rule"], "rule_title": rule["title"],
            "category": rule["category"], "severity": f["severity"],
            "severity_label": SEVERITY_LABELS.get(f["severity"], f["severity"]),
            "basis": rule["basis"][0] if rule["basis"] else "",
            "column": column, "column_leaf": column_leaf(path) if path else "",
            "page_title": titles.get(f["url"], ""),
            "message": f["message"] or "", "url": f["url"] or "", "url_href": safe_href(f["url"]),
            "target": f["target"] or "", "target_href": safe_href(f["target"]),
            "found": first, "first_seen": first,
            "last_seen": ctx["run_day"] if current else short_date(hist.last_seen.get(pid)),
            "fixed_on": "" if current else ctx["run_day"],
            "deadline": ctx["deadline_iso"] if current else "",
            "status": status, "streak": streak, "shot": shot_cell(pid, evidence, ctx["prefix"]),
            "_key": (severity_rank(f["severity"]), rule["order"], column, f["url"] or "", f["target"] or "", pid),
        })
    prepared.sort(key=lambda r: r["_key"])
    for seq, r in enumerate(prepared, 1):
        r["seq"] = seq
        del r["_key"]
    return prepared


def mark_printed(rows: list[dict[str, Any]], elsewhere: str) -> int:
    """Which rows of a 问题清单 the printed copy shows; returns how many it leaves out.

    Rows are ordered by severity and type, so each type is one run of rows. A run longer than
    ``PRINT_FULL_TYPE`` keeps its first ``PRINT_ROWS_PER_TYPE`` rows in print, the last of which
    carries ``print_more``: the sentence saying how many there are and where (``elsewhere``)
    the others are listed.
    """
    left_out = 0
    start = 0
    while start < len(rows):
        end = start
        key = (rows[start]["severity"], rows[start]["rule"])
        while end < len(rows) and (rows[end]["severity"], rows[end]["rule"]) == key:
            end += 1
        count = end - start
        for i, row in enumerate(rows[start:end]):
            row["print"] = count <= PRINT_FULL_TYPE or i < PRINT_ROWS_PER_TYPE
            row["print_more"] = ""
        if count > PRINT_FULL_TYPE:
            rest = count - PRINT_ROWS_PER_TYPE
            rows[start + PRINT_ROWS_PER_TYPE - 1]["print_more"] = (
                f"“{rows[start]['rule_title']}”共{count}处，打印稿列出以上{PRINT_ROWS_PER_TYPE}处，"
                f"其余{rest}处从略，见{elsewhere}。")
            left_out += rest
        start = end
    return left_out


def reviewed_rows(findings: list[dict], catalogue: dict, hist: Any) -> list[dict[str, Any]]:
    """附件：人工核查情况 — problems a person marked, with the reason; not counted."""
    result = []
    for f in sorted(findings, key=lambda f: (rule_of(catalogue, f["rule"], f["severity"])["order"], f["url"] or "")):
        review = hist.reviews.get(f["problem_id"], {})
        result.append({
            "problem_id": f["problem_id"], "rule_title": rule_of(catalogue, f["rule"], f["severity"])["title"],
            "message": f["message"] or "", "url": f["url"] or "", "url_href": safe_href(f["url"]),
            "review": REVIEW_STATUSES.get(review.get("review", ""), review.get("review", "")),
            "reason": review.get("review_reason") or "", "reviewed_at": short_date(review.get("reviewed_at")),
        })
    for seq, r in enumerate(result, 1):
        r["seq"] = seq
    return result


def _example(row: dict[str, Any]) -> str:
    """One finding as an example sentence, naming the page for link problems."""
    message = row["message"].rstrip("。")
    if message.startswith("页面中的") and row["page_title"]:
        message = f"《{row['page_title']}》页面中的" + message[len("页面中的"):]
    return message


def sections(findings: list[dict], catalogue: dict) -> list[dict[str, str]]:
    """二、存在的主要问题 of one unit: one paragraph per rule category, with examples."""
    by_category: dict[str, list[dict]] = defaultdict(list)
    for f in findings:
        by_category[f["category"]].append(f)

    def category_key(item: tuple[str, list[dict]]) -> tuple:
        return (min(severity_rank(f["severity"]) for f in item[1]),
                min(catalogue[f["rule"]]["order"] for f in item[1]))

    result = []
    for idx, (category, items) in enumerate(sorted(by_category.items(), key=category_key)):
        by_rule: dict[str, list[dict]] = defaultdict(list)
        for f in items:
            by_rule[f["rule"]].append(f)
        clauses, examples = [], []
        for rule_id, rfs in sorted(by_rule.items(), key=lambda kv: catalogue[kv[0]]["order"]):
            clause = f"{catalogue[rule_id]['title']}{len(rfs)}处"
            leaves = list(dict.fromkeys(f["column_leaf"] for f in rfs if f["column_leaf"]))
            targets = {f["target"] for f in rfs if f["target"]}
            extra = []
            if leaves:
                extra.append(f"涉及{quoted(leaves)}栏目")
            if targets:
                extra.append(f"链接地址{len(targets)}个")
            if extra:
                clause += "（" + "，".join(extra) + "）"
            clauses.append(clause)
            examples.extend(_example(f) for f in rfs[:2 if len(by_rule) == 1 else 1])
        if len(clauses) == 1:
            text = f"共发现{clauses[0]}。"
        else:
            text = f"共发现问题{len(items)}处，其中" + "；".join(clauses) + "。"
        if examples:
            text += "如：" + "；".join(examples) + ("等。" if len(items) > len(examples) else "。")
        heading = category if category.endswith("方面") else f"{category}方面"
        result.append({"heading": f"（{CN_NUM[idx]}）{heading}。", "text": text})
    return result


def rules_used(findings: list[dict], catalogue: dict) -> list[dict[str, Any]]:
    used = sorted({f["rule"] for f in findings}, key=lambda rid: catalogue[rid]["order"])
    counts = Counter(f["rule"] for f in findings)
    return [{"seq": i, "title": catalogue[rid]["title"],
             "severity_label": SEVERITY_LABELS.get(catalogue[rid]["severity"], ""),
             "count": counts[rid], "basis": catalogue[rid]["basis"],
             "advice": catalogue[rid]["advice"]} for i, rid in enumerate(used, 1)]


def change_sentence(rows: list[dict], fixed: list[dict], previous: dict | None) -> str:
    """Change since the previous run: 新增 / 已整改 / 仍未整改 / 连续N期."""
    if not previous:
        return ""
    remaining = [r for r in rows if r["status"].startswith("仍未整改")]
    new = len(rows) - len(remaining)
    if not (rows or fixed):
        return ""
    when = to_local(previous["run"].get("finished_at") or previous["run"].get("started_at"))
    label = f"（{cn_date(when.date())}）" if when else ""
    if not rows:
        return f"上期检查{label}发现的{len(fixed)}个问题已全部整改。"
    text = (f"与上期检查{label}相比，新增问题{new}个；上期发现的问题中，本期未再发现（已整改）{len(fixed)}个，"
            f"仍未整改{len(remaining)}个")
    repeat = streak_breakdown(r["streak"] for r in remaining)
    return text + (f"，其中{repeat}" if repeat else "") + "。"


def unit_requirements(label: str, issuer: str, deadline: str, has_findings: bool,
                      has_repeat: bool = False) -> list[str]:
    if not has_findings:
        return [f"{label}要继续加强政府信息公开专栏日常管理，定期开展自查，及时发现和解决问题，"
                "确保专栏内容准确、链接有效、信息更新及时。"]
    items = [
        f"{label}要高度重视，对照问题清单（附件1）逐条整改、销号管理，"
        f"请于{deadline}前完成整改，并填写整改反馈表报{issuer}。",
        "整改情况反馈应逐条注明问题编号、整改措施和整改后的页面链接；未按要求反馈的，视为未整改。"
        "经核实确属误报或有正当理由的，请在反馈表备注栏中说明情况并附佐证材料。",
    ]
    if has_repeat:
        items.append("对连续两期及以上仍未整改的问题，要说明未整改原因，明确责任人和完成时限，确保按期销号。")
    items += [
        "要举一反三，全面排查专栏内同类问题，建立健全日常巡查和内容保障机制，防止问题反复出现。",
        f"{issuer}将在整改期满后组织复核，复核情况另行通报。",
    ]
    return numbered(items)
