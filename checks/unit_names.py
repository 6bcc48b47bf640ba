"""Shared by the rules that look for a column or page by its name anywhere in a unit's column
(公共企事业单位信息公开, 规章库 …): every name the crawl saw under the unit's prefix — the text
of each link on its pages, the titles and breadcrumb steps of its pages, the titles of its list
rows — and which units' columns the crawl reached at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .rule import Records
from .text import items, nospace


@dataclass(frozen=True)
class Name:
    text: str   # without spaces
    url: str    # the page it names (a link's target, a page, a list row's address)


def unit_names(records: Records) -> dict[str, list[Name]]:
    """unit id -> the names seen in its column, one per (text, url), in crawl order."""
    return records.memo(_build)


def reached(records: Records) -> set[str]:
    """Units with at least one page that answered 200."""
    return records.memo(_reached)


def matching(names: list[Name], patterns: list[str]) -> list[Name]:
    compiled = [re.compile(p) for p in patterns]
    return [n for n in names if any(p.search(n.text) for p in compiled)]


def _build(records: Records) -> dict[str, list[Name]]:
    found: dict[str, dict[tuple[str, str], Name]] = {}

    def add(unit: str, text: str | None, url: str) -> None:
        flat = nospace(text)
        if 2 <= len(flat) <= 120:
            found.setdefault(unit, {}).setdefault((flat, url), Name(flat, url))

    for link in records.links:
        page = records.page_by_url.get(link["from_url"])
        if page is not None:
            add(page["unit"], link.get("text"), link["to_url"])
    for doc in records.doc_meta:
        add(doc["unit"], doc.get("title"), doc["url"])
        for step in (doc.get("column_path") or "").split(">"):
            add(doc["unit"], step, doc["url"])
    for doc in records.iter_documents("list", "column_index", columns=("items",)):
        for item in items(doc):
            add(doc["unit"], item.get("title"), item.get("url") or doc["url"])
    return {unit: list(v.values()) for unit, v in found.items()}


def _reached(records: Records) -> set[str]:
    return {p["unit"] for p in records.pages if p.get("status") == 200}
