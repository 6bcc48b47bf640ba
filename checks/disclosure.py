"""Shared by the 法定主动公开内容 rules: the column names a unit's directory shows, and whether a
category of 条例第二十条 / 第二十一条 is covered by one of them (or explained away by a 说明)."""

from __future__ import annotations

import re

from .column_empty import EXPLAINED
from .column_structure import home_links, home_page
from .columns import column_pages, page_names
from .rule import Context, Records
from .sites import crumbs_by, home_urls
from .text import body, nospace

DIRECTORY = re.compile(r"主动公开|公开内容|公开目录|信息公开")
NEGATION = re.compile(r"不涉及|未产生|暂无|没有|无此|无相关|不承担|未设立|无(该|此|相关)?(项|类)")


def directory_names(records: Records, ctx: Context, unit: str) -> tuple[set[str], list[str]]:
    """(column names, explanation texts) of one unit: the links of its column home and of its
    directory pages (法定主动公开内容 …), the names of its crawled columns and the steps of its
    breadcrumbs; and the own text of those pages, where a 说明 may say a category does not apply."""
    steps, columns = records.memo(_by_unit).get(unit, (set(), []))
    names: set[str] = set(steps)
    texts: list[str] = []
    pages: list[str] = []
    home = home_page(records, ctx.unit_homes.get(unit, ""))
    if home is not None:
        pages.append(home["url"])
        if home["url"] in records.meta_by_url:
            texts += [body(doc) for doc in records.with_columns([records.meta_by_url[home["url"]]], "body", "text")]
    for doc, name, is_home in columns:
        names.add(name)
        if is_home:
            continue
        texts.append(body(doc))
        if any(DIRECTORY.search(n) for n in page_names(doc)):
            pages.append(doc["url"])
            texts.append(body(doc))
    for url in pages:
        names |= {t for t in home_links(records, url) if 2 <= len(t) <= 16}
    return {nospace(n) for n in names if n}, texts


def _by_unit(records: Records) -> dict[str, tuple[set[str], list[tuple[dict, str, bool]]]]:
    """unit -> (the breadcrumb steps of its pages but the home pages, its column pages with
    their names and whether each is a home page), built once per run (the rules ask for every
    unit)."""
    homes = home_urls(records)
    steps = crumbs_by(records, "unit")
    columns: dict[str, list[tuple[dict, str, bool]]] = {}
    for url, (doc, name) in column_pages(records).items():
        columns.setdefault(doc.get("unit"), []).append((doc, name, url in homes))
    return {unit: (steps.get(unit, set()), columns.get(unit, [])) for unit in steps.keys() | columns.keys()}


def explained(pattern: str, texts: list[str]) -> bool:
    """A 说明 on a directory or column page says the category does not apply to the unit."""
    found = re.compile(pattern)
    words = _WORDS.fullmatch(pattern) is not None
    for text in texts:
        if words and not found.search(text):
            continue  # plain words: no sentence holds them if the page does not (speed)
        for sentence in re.split(r"[。；;\n]", text):
            if found.search(sentence) and (NEGATION.search(sentence) or EXPLAINED.search(sentence)):
                return True
    return False


_WORDS = re.compile(r"[^\\^$.*+?()\[\]{}]*")  # a pattern of plain words joined by |


def coverage(items: list[dict], names: set[str], texts: list[str]) -> tuple[list[str], list[str]]:
    """(covered, uncovered) item labels: a column name matches the item's pattern, or a 说明 covers it."""
    covered, uncovered = [], []
    for item in items:
        pattern = item["pattern"]
        if any(re.search(pattern, n) for n in names) or explained(pattern, texts):
            covered.append(item["item"])
        else:
            uncovered.append(item["item"])
    return covered, uncovered
