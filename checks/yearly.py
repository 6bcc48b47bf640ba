"""Shared by the rules that look for a yearly item in a unit's column — 工作计划/总结,
建议提案办理, 任务分解/落实情况, 重大行政决策事项目录, 规范性文件清理/备案: what the unit
has published (titles with their dates), which year an item is for, and which year is due.

An entry is anything the crawl saw under the unit's prefix that names a publication: a page
(its title and 发布日期), a row of one of its lists (title and the date beside it), or a link
on one of its pages (text only, e.g. an attachment named ``2025年工作计划.pdf``).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from .rule import Context, Records
from .text import PerValue, iso, items, nospace
from .unit_names import flat_texts, links_by_unit

YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)\s*(?:年|—|－|-|至|[）)])")
NOT_ITEMS = ("column_index",)


class Entry(NamedTuple):  # a tuple: one is made for nearly every link and list row of a run
    title: str          # without spaces, full-width digits made ASCII
    url: str
    published: date | None


def entries(records: Records, unit: str, name: str = "") -> list[Entry]:
    """The unit's publications, one per URL (a page's own title and date win over a list row),
    and the 本级 column's ones whose title names the unit (建议提案答复 or 决策目录 published
    centrally for every department)."""
    mine = _index(records)[0].get(unit, [])
    key = unit_key(name)
    if not unit or len(key) < 3:
        return mine
    return mine + [e for e in _index(records)[0].get("", []) if key in e.title]


def unit_key(name: str) -> str:
    """What titles call a unit: 区教育和体育局 → 教育和体育局, 新湖街道办事处 → 新湖街道."""
    n = nospace(name)
    m = re.match(r"[\u4e00-\u9fff]{1,6}?(?:省|市(?!场)|区|县|旗)", n)
    key = n[m.end():] if m and len(n) - m.end() >= 3 else re.sub(r"^[区县市](?!场)", "", n)
    return re.sub(r"(办事处|人民政府)$", "", key)


def assessable(records: Records, unit: str, found: list[Entry]) -> bool:
    """The crawl reached the unit's column and saw at least one dated publication in it;
    otherwise (column not reached, lists filled by script) nothing can be said about what
    is missing."""
    return unit in _index(records)[1] and any(e.published or YEAR.search(e.title) for e in found)


def _index(records: Records) -> tuple[dict[str, list[Entry]], set[str]]:
    """Every unit's entries and the units whose pages answered, in one pass over the run
    (several rules ask, for every unit)."""
    return records.memo(_build)


def _build(records: Records) -> tuple[dict[str, list[Entry]], set[str]]:
    found: dict[str, dict[str, Entry]] = {}
    flat, dated = flat_texts(records), PerValue(iso)  # list rows repeat the titles and dates of pages
    for doc in records.iter_documents(columns=("items",)):
        if doc["page_type"] in NOT_ITEMS:
            continue
        mine = found.setdefault(doc["unit"], {})
        if doc["page_type"] != "list" and doc.get("title"):
            mine[doc["url"]] = Entry(nospace(doc["title"]), doc["url"], dated[doc.get("published_date")])
        for item in items(doc):
            url = item.get("url") or ""
            if url and url not in mine and item.get("title"):
                mine[url] = Entry(flat[item["title"]], url, dated[item.get("date")])
    _add_links(records, found)
    reached = {p["unit"] for p in records.pages if p.get("status") == 200}
    return {u: list(v.values()) for u, v in found.items()}, reached


def _add_links(records: Records, found: dict[str, dict[str, Entry]]) -> None:
    """The links on the unit's pages whose text may name a publication, after its pages and rows."""
    flat_of = flat_texts(records)
    for unit, links in links_by_unit(records).items():
        mine = found.get(unit)
        for link in links:
            if len(link.get("text") or "") < 8:  # nospace only shortens a text: too short already
                continue
            if mine is None:
                mine = found[unit] = {}
            if link["to_url"] not in mine:
                text = flat_of[link["text"]]
                if len(text) >= 8:
                    mine[link["to_url"]] = Entry(text, link["to_url"], None)


def applies(ctx: Context, unit: str, categories: list[str]) -> bool:
    """Whether a rule limited to some unit categories (config) applies; [] = every unit."""
    return not categories or ctx.unit_categories.get(unit, "") in categories


def due_year(today: date, due_month: int) -> int:
    """The year whose information is expected: this year from ``due_month`` on, the year
    before until then (nobody publishes this year's plan on 2 January)."""
    return today.year if today.month >= max(1, int(due_month)) else today.year - 1


def title_year(title: str, at: int) -> int | None:
    """The year written nearest before position ``at`` of the title (``2024年工作总结和2025年
    工作计划``: 2024 for the 总结, 2025 for the 计划), else the first one after it."""
    before = [int(m.group(1)) for m in YEAR.finditer(title) if m.start() < at]
    if before:
        return before[-1]
    after = [int(m.group(1)) for m in YEAR.finditer(title, at)]
    return after[0] if after else None


def matches(found: list[Entry], patterns: list[str]) -> list[tuple[Entry, int]]:
    """(entry, position of the first match) for every entry whose title matches a pattern."""
    compiled = [re.compile(p) for p in patterns]
    anywhere = _any_of(tuple(patterns))
    out = []
    for e in found:
        if anywhere is not None and not anywhere.search(e.title):
            continue
        hits = [m.start() for p in compiled for m in [p.search(e.title)] if m]
        if hits:
            out.append((e, min(hits)))
    return out


@lru_cache(maxsize=64)
def _any_of(patterns: tuple[str, ...]) -> re.Pattern | None:
    """One regex that matches where any of the patterns does (a title none of them names costs
    one search, not one per pattern); None when joining could change what they match
    (back-references count groups; a pattern's own global flags)."""
    if any(re.search(r"\\[1-9]|\(\?P=|\(\?\(", p) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns))
    except re.error:
        return None


def year_of(entry: Entry, at: int, prefer: str = "title") -> int | None:
    """Which year an entry is for: the year in its title (``prefer="title"``), or the year it
    was published (``prefer="date"``), each falling back to the other."""
    written = title_year(entry.title, at)
    dated = entry.published.year if entry.published else None
    first, second = (written, dated) if prefer == "title" else (dated, written)
    return first if first is not None else second


def latest(found: list[tuple[Entry, int]], prefer: str = "title") -> tuple[int | None, list[dict]]:
    """The latest year among matched entries and up to five of them as evidence."""
    years = [(year_of(e, at, prefer), e) for e, at in found]
    years = [(y, e) for y, e in years if y is not None]
    years.sort(key=lambda x: (-x[0], x[1].url))
    shown = [{"title": e.title, "url": e.url, "year": y,
              "date": e.published.isoformat() if e.published else None} for y, e in years[:5]]
    return (years[0][0] if years else None), shown


def unit_targets(records: Records, ctx: Context, categories: list[str]) -> list[tuple[str, str]]:
    """(unit id, column home) of the configured units the rule applies to."""
    return [(u, home) for u, home in sorted(ctx.unit_homes.items()) if applies(ctx, u, categories)]
