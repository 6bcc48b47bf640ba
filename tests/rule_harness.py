"""Build a run's records from hand-written pages, the way the crawler would store them.

Pages go through the real extractor, so a rule case is also an extraction case.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from checks.rule import Context, Records
from checks.runner import CHINA_TZ
from crawler.config import load_defaults
from crawler.extract import ClassifyHints, decode_html, inspect_html
from crawler.records import document_record

HERE = Path(__file__).resolve().parent
CASES_DIR = HERE / "rules"
FIXTURES = HERE / "fixtures"
NOW = datetime(2026, 6, 15, 10, 0, tzinfo=CHINA_TZ)


@dataclass
class Case:
    rule: str
    name: str
    expect: list[dict]
    data: dict = field(default_factory=dict)


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        with path.open("rb") as fh:
            raw = tomllib.load(fh)
        for c in raw["case"]:
            cases.append(Case(rule=raw["rule"], name=c["name"], expect=c.get("expect", []), data=c))
    return cases


def _page_text(page: dict) -> str:
    if "html" in page:
        return page["html"]
    body = (FIXTURES / page["file"]).read_bytes()
    return decode_html(body, page.get("content_type"))[0]


def build_records(case: Case) -> Records:
    classify = load_defaults()["classify"]
    hints = ClassifyHints(policy_columns=tuple(classify["policy_columns"]))
    pages, docs, links, probes = [], [], [], {}
    for page in case.data.get("pages", []):
        url, unit = page["url"], page.get("unit", "")
        info = inspect_html(_page_text(page), url, hints)
        pages.append({"url": url, "final_url": url, "status": 200, "unit": unit, "title": info.title,
                      "page_type": info.page_type, "error": ""})
        docs.append(document_record(info, url, unit, 1))
        probes[url] = {"url": url, "outcome": "ok", "status": 200, "final_url": url}
        for link in info.links:
            links.append({"from_url": url, "to_url": link["url"], "text": link["text"], "kind": link["kind"]})
    for link in links:
        probes.setdefault(link["to_url"], {"url": link["to_url"], "outcome": "ok", "status": 200,
                                           "final_url": link["to_url"]})
    for probe in case.data.get("probes", []):
        probes[probe["url"]] = {"final_url": probe["url"], "status": None, **probe}
    return Records(pages=pages, links=links, probes=list(probes.values()), documents=docs,
                   uptime=uptime_rows(case.data.get("uptime", [])))


def uptime_rows(entries: list[dict]) -> list[dict]:
    """Rows of the ``uptime`` table: an entry with ``time`` is one row; otherwise ``per_day`` visits of
    ``url`` spread over each of the ``days`` 24-hour slices before NOW, the first ``failed_per_day`` of
    each slice failed with ``error`` (default timeout)."""
    rows = []
    for e in entries:
        if "time" in e:
            rows.append({"url": e["url"], "ok": int(e.get("ok", 1)), "status": e.get("status"),
                         "elapsed_ms": e.get("elapsed_ms", 100), "error": e.get("error", ""), "time": e["time"]})
            continue
        per_day, failed = int(e["per_day"]), int(e.get("failed_per_day", 0))
        for day in range(int(e["days"])):
            for i in range(per_day):
                at = NOW - timedelta(days=day) + timedelta(days=1) * (i + 0.5) / per_day - timedelta(days=1)
                bad = i < failed
                rows.append({"url": e["url"], "ok": 0 if bad else 1, "status": None if bad else 200,
                             "elapsed_ms": 15000 if bad else 120, "error": e.get("error", "timeout") if bad else "",
                             "time": at.astimezone(timezone.utc).isoformat()})
    return sorted(rows, key=lambda r: r["time"])


def context(case: Case) -> Context:
    options = dict(load_defaults()["rules"].get(case.rule, {}))
    options.update(case.data.get("options", {}))
    units = case.data.get("units", {})
    return Context(now=NOW, options=options, site_name="测试区人民政府",
                   units={k: v["name"] for k, v in units.items()},
                   unit_homes={k: v["home"] for k, v in units.items()},
                   unit_categories={k: v.get("category", "") for k, v in units.items()})
