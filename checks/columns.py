"""Shared by the column rules: which crawled pages are columns (栏目), and their names.

A page is a column when a link leads to it with a short text (2–16 characters) that is the
page's own name — the last step of its breadcrumb, or without one the first part of its
<title> — and it is not an article (no 发布日期 label, no document metadata, no 留言 fields). So "规范性文件" linking to a page whose breadcrumb ends in 规范性文件
is a column; a pager link "2" or a document title is not.
"""

from __future__ import annotations

import re

from .rule import DOC_TEXTS, Records
from .text import extras, nospace
from .unit_names import flat_texts

COLUMN_TYPES = ("list", "column_index", "other")
_TITLE_SPLIT = re.compile(r"[_|｜\-—–]")


def page_names(doc: dict) -> set[str]:
    """The page's own name: the last step of its breadcrumb; without a breadcrumb, its title
    (or the title's first part, 栏目名_单位_网站)."""
    crumb = [p for p in (doc.get("column_path") or "").split(">") if p.strip()]
    if crumb:
        return {nospace(crumb[-1])}
    title = doc.get("title") or ""
    return {n for n in (nospace(_TITLE_SPLIT.split(title)[0]), nospace(title)) if n}


def column_pages(records: Records) -> dict[str, tuple[dict, str]]:
    """url -> (document, column name) for every crawled column page (full document rows;
    found once per run, do not change it)."""
    return records.memo(_column_pages)


def _is_article(doc: dict) -> bool:
    info = extras(doc)
    labels = info.get("labels") or {}
    return bool(info.get("message") or labels.get("published_date") or sum(
        1 for k in ("index_no", "doc_number", "written_date", "validity") if labels.get(k)) >= 2)


def _candidates(records: Records) -> dict[str, tuple[dict, set[str]]]:
    """link target -> (the page of a column type it leads to, the link texts that would name
    it): the document at that URL, else the one its probe ended at; pages no link text can name
    left out (the loop over every link of the run does one lookup for most)."""
    named = {url: (doc, {n for n in page_names(doc) if 2 <= len(n) <= 16})
             for url, doc in records.meta_by_url.items() if doc["page_type"] in COLUMN_TYPES}
    found = dict(named)
    for url, probe in records.probes.items():
        if url not in records.meta_by_url:
            final = (probe or {}).get("final_url") or ""
            if final in named:
                found[url] = named[final]
    return {url: target for url, target in found.items() if target[1]}


def _column_pages(records: Records) -> dict[str, tuple[dict, str]]:
    first: dict[str, tuple[dict, str]] = {}  # the first link that names each candidate page
    flat, targets = flat_texts(records), _candidates(records)
    for link in records.links:
        target = targets.get(link["to_url"])
        if target is None or target[0]["url"] in first:
            continue
        text = flat[link.get("text")]
        if text in target[1]:
            first[target[0]["url"]] = (target[0], text)
    # an article (dated, or with metadata) is no column, whatever links to it
    out = {}
    for doc in records.with_columns([doc for doc, _ in first.values()], *DOC_TEXTS):
        if not _is_article(doc):
            out[doc["url"]] = (doc, first[doc["url"]][1])
    return out
