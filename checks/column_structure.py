"""Shared by column.missing and column.misnamed: the four standard sub-columns and what
the unit's column home shows of them."""

from __future__ import annotations

import re

from .rule import Context, Records
from .unit_names import flat_texts

# canonical name -> (other names that mean the same column, patterns that show it is reachable at all)
SUB_COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "政府信息公开指南": (("信息公开指南", "公开指南", "政务公开指南", "政府信息公开工作指南"), ("公开指南",)),
    "政府信息公开制度": (("信息公开制度", "公开制度", "政务公开制度", "政府信息公开工作制度"), ("公开.{0,8}制度",)),
    "法定主动公开内容": (("法定主动公开", "主动公开内容", "法定公开内容", "主动公开信息", "主动公开目录",
                     "法定主动公开信息", "主动公开"), ("主动公开",)),
    "政府信息公开年报": (("政府信息公开工作年度报告", "政府信息公开年度报告", "信息公开年报", "信息公开年度报告",
                     "政府信息公开工作年报", "政务公开年报", "年度报告", "年报"), ("年报", "年度报告")),
}


def home_page(records: Records, home: str) -> dict | None:
    page = records.page_by_url.get(home)  # by URL, else the first page that ended there
    return page if page is not None and not page.get("error") else None


def home_links(records: Records, url: str) -> list[str]:
    flat = flat_texts(records)
    return [flat[l["text"]] for l in records.links_from.get(url, ()) if l.get("text")]


def reachable_texts(records: Records, url: str) -> list[str]:
    """Link texts on the home page and on the pages it links to (depth 2 of the column), page
    by page (by the page's URL), each page's in link order."""
    direct = records.links_from.get(url, ())
    pages = sorted({url} | {l["to_url"] for l in direct if l["to_url"] in records.page_by_url})
    return [text for page in pages for text in home_links(records, page)]


def status(texts_home: list[str], texts_near: list[str]) -> dict[str, tuple[str, str | None]]:
    """canonical -> ("ok" | "misnamed" | "missing", the name shown)."""
    out = {}
    for canonical, (synonyms, words) in SUB_COLUMNS.items():
        if any(t.startswith(canonical) for t in texts_home):
            out[canonical] = ("ok", canonical)
            continue
        other = next((t for t in texts_home if t in synonyms), None)
        if other:
            out[canonical] = ("misnamed", other)
        elif any(canonical in t or t in synonyms or any(re.search(w, t) for w in words) for t in texts_near):
            out[canonical] = ("ok", None)  # reachable under some other wording deeper in the column
        else:
            out[canonical] = ("missing", None)
    return out


def unit_status(records: Records, ctx: Context):
    """(unit id, home URL, status) for every unit whose column home was crawled and shows at
    least one of the four sub-columns (a script-built navigation shows none: not assessable)."""
    for unit_id, home in ctx.unit_homes.items():
        page = home_page(records, home)
        if page is None:
            continue
        texts = home_links(records, page["url"])
        found = status(texts, reachable_texts(records, page["url"]))
        if all(kind == "missing" for kind, _ in found.values()):
            continue
        yield unit_id, page["url"], found
