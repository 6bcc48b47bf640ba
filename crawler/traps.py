"""URLs that never end, and the caps that stop a crawl from following them forever.

Session ids are stripped when URLs are normalised (``crawler.urls.strip_session``). Here:
search result pages, print views and calendars are recognised by their address and never
crawled as pages (their links are still checked once, like any other target); and every
crawled page counts against a cap per path (distinct query strings: ``?page=``, ``?date=``
… variants) and per directory (``max_query_variants``, ``max_pages_per_prefix``; 0 turns a
cap off). What a cap or a trap kept out is counted by reason for the run summary.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import parse_qsl, urlsplit

SEARCH_PATH = re.compile(
    r"/(?:search|jsearch|fullsearch|searchresult|sousuo|irs|was5|jrobot|solr|es)(?:/|$)"
    r"|/(?:site|full|j|adv|info|doc|gov|web|all)?_?search\w*\.(?:jsp|do|php|aspx?|action|s?html?)$|/(?:s|so)\.(?:jsp|do|php|aspx?|action)$", re.I)
SEARCH_PARAMS = {"q", "keyword", "keywords", "searchword", "searchkey", "kw", "wd", "query", "searchtext",
                 "search", "sword", "qt"}
PRINT_PATH = re.compile(r"/print(?:/|[^/]*\.(?:jsp|do|php|aspx?|action|s?html?)$)", re.I)
PRINT_PARAMS = {("print", None), ("printable", None), ("mode", "print"), ("view", "print"), ("type", "print"),
                ("format", "print"), ("action", "print")}
CALENDAR_PATH = re.compile(r"/(?:calendar|rili|cal)(?:/|\.|$)", re.I)
DATE_PARAM = re.compile(r"date|day|month|^ym$|^ymd$|^rq$|time", re.I)
DATE_VALUE = re.compile(r"^(?:19|20)\d{2}[-/.]?\d{1,2}(?:[-/.]?\d{1,2})?$")  # at least a month: a year filter is fine


def trap_kind(url: str) -> str | None:
    """``search``, ``print`` or ``calendar`` when the address is one of those, else None."""
    parts = urlsplit(url)
    path = parts.path or "/"
    params = parse_qsl(parts.query, keep_blank_values=True)
    names = {k.lower() for k, _ in params}
    if SEARCH_PATH.search(path) or (names & SEARCH_PARAMS and any(v for k, v in params if k.lower() in SEARCH_PARAMS)):
        return "search"
    if PRINT_PATH.search(path):
        return "print"
    for key, value in params:
        low, val = key.lower(), value.lower()
        if (low, None) in PRINT_PARAMS and val not in ("0", "false", "no") or (low, val) in PRINT_PARAMS:
            return "print"
    if CALENDAR_PATH.search(path):
        return "calendar"
    if any(DATE_PARAM.search(k) and DATE_VALUE.match(v.strip()) for k, v in params):
        return "calendar"
    return None


class TrapGuard:
    """Decides whether a discovered in-scope URL may be crawled as a page."""

    def __init__(self, max_query_variants: int = 0, max_pages_per_prefix: int = 0) -> None:
        self.max_query_variants = max_query_variants
        self.max_pages_per_prefix = max_pages_per_prefix
        self.variants: dict[tuple[str, str], set[str]] = {}
        self.per_prefix: Counter[str] = Counter()

    def admit(self, url: str) -> str | None:
        """None when the URL may be crawled (and count it), else the reason it may not."""
        kind = trap_kind(url)
        if kind:
            return kind
        parts = urlsplit(url)
        path = parts.path or "/"
        key = (parts.netloc, path)
        if parts.query and self.max_query_variants:
            seen = self.variants.setdefault(key, set())
            if parts.query not in seen and len(seen) >= self.max_query_variants:
                return "max_query_variants"
        prefix = f"{parts.netloc}{path.rsplit('/', 1)[0]}/"
        if self.max_pages_per_prefix and self.per_prefix[prefix] >= self.max_pages_per_prefix:
            return "max_pages_per_prefix"
        if parts.query:
            self.variants.setdefault(key, set()).add(parts.query)
        self.per_prefix[prefix] += 1
        return None

CUT_LABELS = {
    "max_pages": "超过页面总数上限 max_pages", "max_depth": "超过深度上限 max_depth",
    "max_pages_per_prefix": "超过单个目录页面上限 max_pages_per_prefix",
    "max_query_variants": "同一路径参数变体过多 max_query_variants", "search": "搜索结果页 search",
    "print": "打印页 print", "calendar": "日历页 calendar", "too_large": "页面过大未解析 too_large",
    "binary": "以网页形式返回的二进制内容 binary",
}


def describe_cut(cut: dict[str, int]) -> str:
    """One line for the run summary: what was not crawled, and why."""
    return "；".join(f"{CUT_LABELS.get(k, k)} {n}" for k, n in sorted(cut.items(), key=lambda kv: -kv[1]))
