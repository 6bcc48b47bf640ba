"""Shared by the wording rules (text.typo, text.serious-error): the unit's own words on a page —
its title and body lines — without what it only quotes: names of documents in 《》, and whole
pages reprinted from a higher authority (发布机构/来源 such as 新华社, 国务院 …, configurable).
"""

from __future__ import annotations

import re
from typing import Iterator

from .rule import Records
from .text import body, nospace, nospace_lines, with_body

NOT_PAGES = ("list", "column_index")
QUOTED_NAME = re.compile(r"《[^《》]{0,120}》")
QUOTED_LINE_NAME = re.compile(r"《[^《》\n]{0,120}》")  # = QUOTED_NAME inside each line of a text
CONTEXT_CHARS = 24


def own_documents(records: Records, quoted_sources: str) -> Iterator[dict]:
    """Every crawled page that is no list, whose 发布机构/来源 is not a quoted higher authority,
    with what ``body`` reads (the list pages are not even read)."""
    skip = re.compile(quoted_sources) if quoted_sources else None
    kinds = {d["page_type"] for d in records.doc_meta} - set(NOT_PAGES)
    if not kinds:
        return
    for doc in with_body(records, *(sorted(kinds) if None not in kinds else ())):
        if doc["page_type"] in NOT_PAGES or (skip and skip.search(doc.get("issuer") or "")):
            continue
        yield doc


def own_lines(doc: dict) -> list[str]:
    """The unit's own lines of ``doc``: its title, then its body, 《》 names blanked."""
    lines = [doc.get("title") or ""] + body(doc).splitlines()
    return [QUOTED_NAME.sub("《》", nospace(line)) for line in lines if line.strip()]


def own_text(doc: dict) -> str:
    """``own_lines`` joined by line breaks (and blank lines), found in one pass over the page."""
    return "\n".join((QUOTED_NAME.sub("《》", nospace(doc.get("title"))),
                      QUOTED_LINE_NAME.sub("《》", nospace_lines(body(doc)))))


def context(line: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> str:
    """The words around a match, for the evidence."""
    head = "…" if start > chars else ""
    tail = "…" if end + chars < len(line) else ""
    return head + line[max(0, start - chars):end + chars] + tail
