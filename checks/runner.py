"""Load one run's records, call every enabled check, store the findings.

Re-running the checks over the same run replaces its findings, so a changed rule never
needs a re-crawl.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from crawler.config import SiteConfig
from crawler.store import rows, utcnow

from .registry import checks
from .rule import Context, Finding, Records

CHINA_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")


def load_records(db, run_id: int) -> Records:
    return Records(
        pages=rows(db, "SELECT url, final_url, status, unit, title, page_type, error FROM pages WHERE run_id = ?", [run_id]),
        links=rows(db, "SELECT from_url, to_url, text, kind FROM links WHERE run_id = ?", [run_id]),
        probes=rows(db, "SELECT * FROM probes WHERE run_id = ?", [run_id]),
        documents=rows(db, "SELECT * FROM documents WHERE run_id = ?", [run_id]),
    )


def run_time(db, run_id: int) -> datetime:
    row = db.execute("SELECT started_at FROM runs WHERE id = ?", [run_id]).fetchone()
    started = datetime.fromisoformat(row[0]) if row and row[0] else datetime.now(timezone.utc)
    return started.astimezone(CHINA_TZ)


def evaluate(records: Records, site: SiteConfig, now: datetime) -> list[Finding]:
    findings: list[Finding] = []
    for check in checks():
        rule = check.rule
        if not site.rule_enabled(rule.id):
            continue
        ctx = Context(
            now=now, options=site.rule_options(rule.id), site_name=site.name,
            units={u.id: u.name for u in site.units}, unit_homes={u.id: u.home for u in site.units},
            unit_categories={u.id: u.category for u in site.units},
        )
        findings.extend(check.run(records, ctx))
    return findings


def run_checks(db, site: SiteConfig, run_id: int) -> list[Finding]:
    records = load_records(db, run_id)
    findings = evaluate(records, site, run_time(db, run_id))
    severities = {c.rule.id: c.rule.severity for c in checks()}
    created = utcnow()
    seen: set[str] = set()
    with db.conn:
        db.execute("DELETE FROM findings WHERE run_id = ?", [run_id])
        for f in findings:
            if f.problem_id in seen:
                continue
            seen.add(f.problem_id)
            db["findings"].insert({
                "run_id": run_id, "problem_id": f.problem_id, "rule": f.rule,
                "severity": severities[f.rule], "unit": f.unit, "url": f.url, "target": f.target,
                "message": f.message, "evidence": json.dumps(f.evidence, ensure_ascii=False, default=str),
                "created_at": created,
            })
        db["runs"].update(run_id, {"checked_at": created})
    return findings
