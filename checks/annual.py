"""Shared by the 年报 rules: which report is for which year, and which column holds them."""

from __future__ import annotations

import re
from datetime import date

from .rule import DOC_TEXTS, Records
from .text import items, nospace

REPORT_TITLE = re.compile(r"((?:19|20)\d{2})\s*年(?:度)?.{0,40}?(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)|"
                          r"((?:19|20)\d{2})\s*年(?:度)?.{0,30}?政务公开.{0,6}年度报告")
COLUMN = re.compile(r"年报|年度报告")


DEPARTMENT = re.compile(r"(局|委员会|委|办公室|办|中心|署|厅|院|所|站|队|处|街道办事处|街道|镇人民政府|乡人民政府|镇|乡)$")


def by_government(title: str | None) -> bool:
    """A report of a 人民政府 itself (the 本级 report, due later) rather than of a department:
    what the title names before the year is no 局/委/办/中心/街道…"""
    m = REPORT_TITLE.search(nospace(title))
    if not m:
        return False
    owner = nospace(title)[:m.start()]
    return bool(owner) and not DEPARTMENT.search(owner)


def report_year(title: str | None) -> int | None:
    m = REPORT_TITLE.search(nospace(title))
    if not m:
        return None
    return int(m.group(1) or m.group(2))


def due_year(today: date, deadline_md: tuple[int, int]) -> int:
    """The latest year whose report is already due on ``today``."""
    due = date(today.year, *deadline_md)
    return today.year - 1 if today > due else today.year - 2


def deadline_of(year: int, deadline_md: tuple[int, int]) -> date:
    return date(year + 1, *deadline_md)


def parse_md(text: str) -> tuple[int, int]:
    month, day = (int(x) for x in str(text).split("-"))
    return month, day


def reports_seen(records: Records, unit: str) -> dict[int, list[dict]]:
    """year -> what shows that unit's report of that year exists: report pages (with their
    publication date) and list rows or links naming it (a PDF-only report counts too)."""
    index = records.memo(_ReportIndex)
    seen: dict[int, list[dict]] = {}
    for doc in index.docs.get(unit, ()):
        if doc["page_type"] == "annual_report":
            year = report_year(doc.get("title"))
            if year:
                seen.setdefault(year, []).append({"url": doc["url"], "title": doc.get("title"),
                                                  "date": doc.get("published_date"), "page": True})
        for year, item in index.rows.get(doc["url"], ()):
            seen.setdefault(year, []).append({"url": item.get("url"), "title": item.get("title"),
                                              "date": item.get("date"), "page": False})
    for year, link in index.links.get(unit, ()):
        seen.setdefault(year, []).append({"url": link["to_url"], "title": link.get("text"), "date": None,
                                          "page": False})
    return seen


def dated_reports(records: Records, unit: str) -> dict[int, list[dict]]:
    """year -> the unit's own report pages, and the rows of its own 年报 columns, with dates.
    Links elsewhere (a summary page listing every department's report) are not the unit's."""
    index = records.memo(_ReportIndex)
    seen: dict[int, list[dict]] = {}
    for doc in index.docs.get(unit, ()):
        if doc["page_type"] == "annual_report":
            year = report_year(doc.get("title"))
            if year and doc.get("published_date"):
                seen.setdefault(year, []).append({"url": doc["url"], "title": doc.get("title"),
                                                  "date": doc["published_date"], "page": True})
    for column in _report_columns(records, unit):
        for year, item in index.rows.get(column["url"], ()):
            if item.get("date"):
                seen.setdefault(year, []).append({"url": item.get("url"), "title": item.get("title"),
                                                  "date": item["date"], "page": False})
    return seen


def report_columns(records: Records, unit: str) -> list[dict]:
    """The unit's 年报 column pages: list pages titled or breadcrumbed 年报/年度报告 (full
    document rows)."""
    return list(records.with_columns(_report_columns(records, unit), *DOC_TEXTS))


def _report_columns(records: Records, unit: str) -> list[dict]:
    out = []
    for doc in records.memo(_ReportIndex).docs.get(unit, ()):
        if doc["page_type"] not in ("list", "column_index", "other"):
            continue
        crumb = (doc.get("column_path") or "").split(">")[-1]
        if COLUMN.search(crumb) or COLUMN.search((doc.get("title") or "").split("_")[0]):
            out.append(doc)
    return out


class _ReportIndex:
    """Built once per run for the 年报 rules: each unit's documents (light rows, stored
    order), the list rows that name a report year (by page), and the links that do (by the
    unit of the page carrying them)."""

    def __init__(self, records: Records) -> None:
        self.docs: dict[str, list[dict]] = {}
        for doc in records.doc_meta:
            self.docs.setdefault(doc["unit"], []).append(doc)
        self.rows: dict[str, list[tuple[int, dict]]] = {}
        # a report title holds 年 and then 报 (报告 / 年报); the JSON may escape them as \\u…
        for doc in records.iter_documents(columns=("items",), contains={"items": ("年", "\\u")}):
            for item in items(doc):
                year = report_year(item.get("title"))
                if year:
                    self.rows.setdefault(doc["url"], []).append((year, item))
        self.links: dict[str, list[tuple[int, dict]]] = {}
        for link in records.links:
            text = link.get("text")
            if not text or "年" not in text or "报" not in text:
                continue  # report_year needs both
            page = records.page_by_url.get(link["from_url"])
            if page is None:
                continue
            year = report_year(text)
            if year:
                self.links.setdefault(page["unit"], []).append((year, link))
