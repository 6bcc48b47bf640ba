"""Shared by the 机构职能 rules (disclosure.organization-fields-missing, guide.contact-mismatch): which
pages describe a unit's organisation, and the contact data (phone, address, office hours) a text
gives, normalised so that two pages can be compared."""

from __future__ import annotations

import re

from .columns import page_names
from .rule import DOC_TEXTS, Records
from .sites import home_urls
from .text import body, nospace

# 机构概况 / 机构职能 / 领导信息 / 联系我们 … as a page's own name (breadcrumb end or title)
ORG_PAGE = re.compile(r"(机构(概况|职能|信息|简介|设置)|单位(概况|简介|信息)|部门(概况|简介|职能)|主要职责|工作职责|"
                      r"职能职责|内设机构|领导(信息|简介|之窗|介绍|分工)|联系(我们|方式))$")
CONTACT_PAGE = re.compile(r"联系(我们|方式)")

PHONE = re.compile(r"(?<!\d)(0\d{2,3})\s*[-－—]?\s*(\d{7,8})(?!\d)|(?<!\d)(1[3-9]\d{9})(?!\d)")
ADDRESS = re.compile(r"(?:办公|通信|通讯|联系|单位|机关)?(?:地址|地点)\s*[:：]\s*([^\s，,。；;：:]{4,40})")
TIME = re.compile(r"(\d{1,2})\s*[:：]\s*(\d{2})")
HOURS = re.compile(r"(?:办公|工作|受理|接待|上班)时间\s*[:：为]?\s*([^。；;\n]{4,80})")
_ADDRESS_TAIL = re.compile(r"(邮编|邮政编码|电话|联系电话).*$")


def org_pages(records: Records, unit: str) -> list[dict]:
    """The unit's pages that describe the organisation, by their own name (not list items, not 指南),
    full rows, shortest URL first."""
    rows = records.memo(_org_rows).get(unit, [])
    return sorted(records.with_columns(rows, *DOC_TEXTS), key=lambda d: (len(d["url"]), d["url"]))


def _org_rows(records: Records) -> dict[str, list[dict]]:
    """unit -> its organisation pages (light rows), found once per run (rules ask per unit)."""
    homes = home_urls(records)
    crumbed: dict[str | None, bool] = {}
    named: dict[tuple[str | None, str | None], bool] = {}  # the pages of a column share its name
    found: dict[str, list[dict]] = {}
    for doc in records.doc_meta:
        if doc["url"] in homes or doc["page_type"] in ("guide", "annual_report"):
            continue
        path = doc.get("column_path")
        if path not in crumbed:
            crumbed[path] = any(p.strip() for p in (path or "").split(">"))
        key = (path, None if crumbed[path] else doc.get("title"))
        if key not in named:
            named[key] = any(ORG_PAGE.search(n) and len(n) <= 20 for n in page_names(doc))
        if named[key]:
            found.setdefault(doc.get("unit"), []).append(doc)
    return found


def phones(text: str) -> set[str]:
    """Phone numbers as digits (area code kept): 0571-86190201 and 0571 86190201 are one."""
    out = set()
    for m in PHONE.finditer(text.replace("（", "(").replace("）", ")")):
        out.add(m.group(3) or f"{m.group(1)}{m.group(2)}")
    return out


def addresses(text: str) -> set[str]:
    out = set()
    for m in ADDRESS.finditer(nospace(text)):
        value = _ADDRESS_TAIL.sub("", m.group(1)).rstrip("（(")
        if len(value) >= 4 and re.search(r"[路街道巷号楼区镇村大道]", value):
            out.add(value)
    return out


def office_hours(text: str) -> set[str]:
    """The clock times of the office-hours sentence: {"08:30", "12:00", "14:00", "17:30"}."""
    out = set()
    for m in HOURS.finditer(nospace(text)):
        out |= {f"{int(h):02d}:{mm}" for h, mm in TIME.findall(m.group(1)) if int(h) <= 24}
    return out


def contact(text: str) -> dict[str, set[str]]:
    return {"phone": phones(nospace(text)), "address": addresses(text), "hours": office_hours(text)}


def same_address(a: set[str], b: set[str]) -> bool:
    return any(x in y or y in x for x in a for y in b)


def page_text(doc: dict) -> str:
    return body(doc) or doc.get("text") or ""
