"""Every link a person can follow from a page, including the ones written in scripts.

Besides ``<a href>``: frames and iframes that hold the real column, ``<meta refresh>`` and
``location.href`` redirects, and TRS-style ``createPageHTML(total, current, "index", "html")``
pagination that exists only as a script call.
"""

from __future__ import annotations

import re

from ..urls import normalise
from .labels import clean

_CREATE_PAGE = re.compile(
    r"createPageHTML\(\s*['\"]?(\d+)['\"]?\s*,\s*['\"]?(\d+)['\"]?\s*,\s*['\"]([^'\"]*)['\"]\s*,\s*['\"]([^'\"]*)['\"]"
)
_LOCATION = re.compile(r"""(?:window\.|document\.|self\.|top\.)?location(?:\.href)?\s*=\s*['"]([^'"]+)['"]""")
_REFRESH = re.compile(r"url\s*=\s*['\"]?([^'\";]+)", re.I)
MAX_SCRIPT_PAGES = 500


def _script_pages(script: str, page_url: str) -> list[str]:
    urls: list[str] = []
    for total, _current, prefix, suffix in _CREATE_PAGE.findall(script):
        count = min(int(total), MAX_SCRIPT_PAGES)
        for k in range(count):
            name = f"{prefix}.{suffix}" if k == 0 else f"{prefix}_{k}.{suffix}"
            url = normalise(name, page_url)
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

    def add(raw: str | None, text: str, kind: str, against: str = base) -> None:
        url = normalise(raw or "", against)
        if url and url not in seen:
            seen[url] = {"url": url, "text": text[:200], "kind": kind}

    for el in root.iter():
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in ("a", "area") and el.get("href"):
            text = clean(el.text_content()) or clean(el.get("title")) or ""
            add(el.get("href"), text, "a")
        elif tag in ("iframe", "frame") and el.get("src"):
            add(el.get("src"), clean(el.get("title") or el.get("name") or ""), tag)
        elif tag == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
            m = _REFRESH.search(el.get("content") or "")
            if m:
                add(m.group(1), "", "refresh")
        elif tag == "script" and not el.get("src") and el.text:
            for url in _script_pages(el.text, base):
                add(url, "", "pagination")
            for target in _LOCATION.findall(el.text):
                add(target, "", "script-redirect")
    return list(seen.values())
