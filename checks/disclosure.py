"""Shared by the 法定主动公开内容 rules: the column names a unit's directory shows, and whether a
category of 条例第二十条 / 第二十一条 is covered by one of them (or explained away by a 说明)."""

from __future__ import annotations

import re

from .column_empty import EXPLAINED
from .column_structure import home_links, home_page
from .columns import column_pages, page_names
from .rule import Context, Records
from .sites import crumb_steps, is_home
from .text import body, nospace

DIRECTORY = re.compile(r"主动公开|公开内容|公开目录|信息公开")
NEGATION = re.compile(r"不涉及|未产生|暂无|没有|无此|无相关|不承担|未设立|无(该|此|相关)?(项|类)")


def directory_names(records: Records, ctx: Context, unit: str) -> tuple[set[str], list[str]]:
    """(column names, explanation texts) of one unit: the links of its column home and of its
    directory pages (法定主动公开内容 …), the names of its crawled columns and the steps of its
    breadcrumbs; and the own text of those pages, where a 说明 may say a category does not apply."""
    names: set[str] = set()
    texts: list[str] = []
    home = home_page(records, ctx.unit_homes.get(unit, ""))
    pages = [home] if home is not None else []
    columns = {url: name for url, (doc, name) in column_pages(records).items() if doc.get("unit") == unit}
    names |= set(columns.values())
    for doc in records.documents:
        if doc.get("unit") != unit or is_home(doc):
            continue
        names |= set(crumb_steps(doc))
        if doc["url"] in columns and any(DIRECTORY.search(n) for n in page_names(doc)):
            pages.append(doc)
        if doc["url"] in columns:
            texts.append(body(doc))
    for page in pages:
        names |= {t for t in home_links(records, page["url"]) if 2 <= len(t) <= 16}
        doc = records.doc_by_url.get(page["url"])
        if doc is not None:
            texts.append(body(doc))
    return {nospace(n) for n in names if n}, texts


def explained(pattern: str, texts: list[str]) -> bool:
    """A 说明 on a directory or column page says the category does not apply to the unit."""
    for text in texts:
        for sentence in re.split(r"[。；;\n]", text):
            if re.search(pattern, sentence) and (NEGATION.search(sentence) or EXPLAINED.search(sentence)):
                return True
    return False


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
