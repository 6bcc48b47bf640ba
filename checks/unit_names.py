"""Shared by the rules that look for a column or page by its name anywhere in a unit's column
(公共企事业单位信息公开, 规章库 …): every name the crawl saw under the unit's prefix — the text
of each link on its pages, the titles and breadcrumb steps of its pages, the titles of its list
rows — and which units' columns the crawl reached at all.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .rule import Records
from .text import PerValue, items, nospace


class Name(NamedTuple):  # a tuple: quick to make (one per link), and its own dict key
    text: str   # without spaces
    url: str    # the page it names (a link's target, a page, a list row's address)


def unit_names(records: Records, unit: str) -> list[Name]:
    """The names seen in the unit's column, one per (text, url), in crawl order (found for the
    units a rule asks about, once each: most rules ask about a few)."""
    return records.memo(_build, unit)


def reached(records: Records) -> set[str]:
    """Units with at least one page that answered 200."""
    return records.memo(_reached)


def matching(names: list[Name], patterns: list[str]) -> list[Name]:
    compiled = [re.compile(p) for p in patterns]
    return [n for n in names if any(p.search(n.text) for p in compiled)]


def flat_texts(records: Records) -> dict[str | None, str]:
    """text -> ``nospace(text)``, each distinct text computed once per run: link texts repeat
    (更多, 首页, a column's name on every page of it), and several indexes read them all."""
    return records.memo(_flat_texts)


def _flat_texts(records: Records) -> PerValue:
    return PerValue(nospace)


def _build(records: Records, unit: str) -> list[Name]:
    found: dict[Name, None] = {}
    flat_of = flat_texts(records)

    def add(flat: str, url: str) -> None:
        if 2 <= len(flat) <= 120:
            found.setdefault(Name(flat, url))

    for link in links_by_unit(records).get(unit, ()):
        add(flat_of[link.get("text")], link["to_url"])
    docs = unit_docs(records, unit)
    for doc in docs:
        add(flat_of[doc.get("title")], doc["url"])
        for step in (doc.get("column_path") or "").split(">"):
            add(flat_of[step], doc["url"])
    for doc in records.with_columns([d for d in docs if d["page_type"] in ("list", "column_index")], "items"):
        for item in items(doc):
            add(nospace(item.get("title")), item.get("url") or doc["url"])
    return list(found)


def page_units(records: Records) -> dict[str, str]:
    """page URL (or final URL) -> its unit, as ``page_by_url`` finds the page."""
    return records.memo(_page_units)


def _page_units(records: Records) -> dict[str, str]:
    return {url: page["unit"] for url, page in records.page_by_url.items()}


def links_by_unit(records: Records) -> dict[str, list[dict]]:
    """unit -> the links on its crawled pages, in link order; once per run."""
    return records.memo(_links_by_unit)


def _links_by_unit(records: Records) -> dict[str, list[dict]]:
    unit_of = page_units(records)
    found: dict[str, list[dict]] = {}
    for link in records.links:
        unit = unit_of.get(link["from_url"], NO_UNIT)
        if unit is not NO_UNIT:
            mine = found.get(unit)
            if mine is None:
                mine = found[unit] = []
            mine.append(link)
    return found


NO_UNIT = object()  # for page_units(records).get(url, NO_UNIT): a link from no crawled page


def unit_docs(records: Records, unit: str) -> list[dict]:
    """The unit's documents (light rows), in stored order."""
    return records.memo(_docs_by_unit).get(unit, [])


def _docs_by_unit(records: Records) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for doc in records.doc_meta:
        found.setdefault(doc["unit"], []).append(doc)
    return found


def _reached(records: Records) -> set[str]:
    return {p["unit"] for p in records.pages if p.get("status") == 200}
