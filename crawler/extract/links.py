"""Every link a person can follow from a page, including the ones written in scripts.

Besides ``<a href>``: frames and iframes that hold the real column, ``<meta refresh>`` and
``location.href`` redirects, and pagination that exists only in scripts: TRS-style
``createPageHTML(total, current, "index", "html")`` (numbers or variables) and pager plugins
configured with a page count (``totalPage: 54``, ``var pageCount = 7``) whose callback builds
the address (``location.href = 'index_' + i + '.html'``). Script pagination is a discovery
hint (kind ``pagination``): a page number that does not exist is not a broken link. Anchors
inside a list the CMS shipped as data (``data-zwgk-list``, see ``datalists``) have kind
``list``.
"""

from __future__ import annotations

import re

from ..urls import normalise
from .labels import clean

_ARG = r"""['"]?([\w$.]+)['"]?"""
_CREATE_PAGE = re.compile(
    r"createPageHTML\(\s*(?:['\"][^'\"]*['\"]\s*,\s*)?" + _ARG + r"\s*,\s*" + _ARG
    + r"\s*,\s*['\"]([^'\"]*)['\"]\s*,\s*['\"]([^'\"]*)['\"]"
)
_LOCATION = re.compile(
    r"""(?:window\.|document\.|self\.|top\.)?location(?:\.href)?\s*=\s*['"]([^'"]+)['"](?!\s*\+)""")
_REFRESH = re.compile(r"url\s*=\s*['\"]?([^'\";]+)", re.I)
_PAGE_TOTAL = re.compile(
    r"\b(?:totalPages?|pageCount|countPage|pageTotal|page_count|totalPageNum|maxPage|allPage|pagecount|"
    r"totalpage|total_page|pageSum)\b['\"]?\s*[:=]\s*['\"]?(\d{1,5})\b")
_PAGE_TEMPLATE = re.compile(
    r"""['"]([^'"<>\s]*?)['"]\s*\+\s*\(?\s*[A-Za-z_$][\w$.]*(?:\s*[-+]\s*\d+)?\s*\)?\s*\+\s*['"]"""
    r"""(\.(?:s?html?|jsp|php|aspx?)(?:\?[^'"]*)?)['"]""")
MAX_SCRIPT_PAGES = 500


def _script_number(token: str, scripts: str) -> int | None:
    if token.isdigit():
        return int(token)
    name = re.escape(token.rsplit(".", 1)[-1])
    m = re.search(rf"\b{name}\s*[:=]\s*['\"]?(\d{{1,5}})\b", scripts)
    return int(m.group(1)) if m else None


def _script_pages(scripts: str, page_url: str) -> list[str]:
    """Page addresses written only in scripts (see the module docstring)."""
    urls: list[str] = []
    for total, _current, prefix, suffix in (_CREATE_PAGE.findall(scripts) if "createPageHTML" in scripts else ()):
        count = _script_number(total, scripts)
        if not count or prefix.lower().startswith("javascript"):
            continue
        for k in range(min(count, MAX_SCRIPT_PAGES)):
            name = f"{prefix}.{suffix}" if k == 0 else f"{prefix}_{k}.{suffix}"
            url = normalise(name, page_url)
            if url:
                urls.append(url)
    # every name _PAGE_TOTAL knows holds "page" or "Page": a substring test spares the scan
    totals = [int(n) for n in _PAGE_TOTAL.findall(scripts)] if "page" in scripts or "Page" in scripts else []
    if totals:
        count = min(max(totals), MAX_SCRIPT_PAGES)
        for prefix, suffix in _PAGE_TEMPLATE.findall(scripts):
            if prefix.lower().startswith("javascript"):
                continue
            for k in range(1, count + 1):
                url = normalise(f"{prefix}{k}{suffix}", page_url)
                if url:
                    urls.append(url)
    return urls


def extract_links(root, page_url: str) -> list[dict]:
    """``[{url, text, kind}]`` in page order, one entry per distinct target (first text wins)."""
    base = page_url
    for b in root.iter("base"):
        if b.get("href"):
            base = normalise(b.get("href"), page_url) or page_url
            break
    seen: dict[str, dict] = {}
    in_data_list = {id(a) for box in root.iter() if isinstance(box.tag, str) and box.get("data-zwgk-list")
                    for a in box.iter("a")}
    scripts: list[str] = []

    def add(raw: str | None, text: str, kind: str, against: str = base) -> None:
        url = normalise(raw or "", against)
        if url and url not in seen:
            seen[url] = {"url": url, "text": text[:200], "kind": kind}

    for el in root.iter():
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in ("a", "area") and el.get("href"):
            text = clean(el.text_content()) or clean(el.get("title")) or ""
            add(el.get("href"), text, "list" if id(el) in in_data_list else "a")
        elif tag in ("iframe", "frame") and el.get("src"):
            add(el.get("src"), clean(el.get("title") or el.get("name") or ""), tag)
        elif tag == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
            m = _REFRESH.search(el.get("content") or "")
            if m:
                add(m.group(1), "", "refresh")
        elif tag == "script" and not el.get("src") and el.text:
            scripts.append(el.text)
            for target in (_LOCATION.findall(el.text) if "location" in el.text else ()):
                add(target, "", "script-redirect")
    for url in _script_pages("\n".join(scripts), base):
        add(url, "", "pagination")
    return list(seen.values())
