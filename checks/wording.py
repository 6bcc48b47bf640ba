"""Shared by the wording rules (text.typo, text.serious-error): the unit's own words on a page —
its title and body lines — without what it only quotes: names of documents in 《》, and whole
pages reprinted from a higher authority (发布机构/来源 such as 新华社, 国务院 …, configurable).
"""

from __future__ import annotations

import re
from typing import Iterator

from .rule import Records
from .text import body, nospace

NOT_PAGES = ("list", "column_index")
QUOTED_NAME = re.compile(r"《[^《》]{0,120}》")
CONTEXT_CHARS = 24


def own_pages(records: Records, quoted_sources: str) -> Iterator[tuple[dict, list[str]]]:
    """(document, lines of its own text) for every crawled page that is no list, whose
    发布机构/来源 is not a quoted higher authority; the title is the first line."""
    skip = re.compile(quoted_sources) if quoted_sources else None
    for doc in records.iter_documents(columns=("body", "text")):
        if doc["page_type"] in NOT_PAGES:
            continue
        if skip and skip.search(doc.get("issuer") or ""):
            continue
        lines = [doc.get("title") or ""] + body(doc).splitlines()
        yield doc, [QUOTED_NAME.sub("《》", nospace(line)) for line in lines if line.strip()]


def context(line: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> str:
    """The words around a match, for the evidence."""
    head = "…" if start > chars else ""
    tail = "…" if end + chars < len(line) else ""
    return head + line[max(0, start - chars):end + chars] + tail
