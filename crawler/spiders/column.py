"""Crawl a portal's 信息公开专栏 and verify every link on it once.

Pages inside the column scope are fetched, stored and parsed for links; every other
target (attachments, other sections, external sites) is probed without being crawled:
HEAD first, GET when HEAD is refused or the target is a page whose body must be read to
tell a "页面不存在" page from a real one. The spider only yields records; whether a record
is a problem is decided later by the checks.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import replace
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from .. import linkstatus as ls
from ..config import SiteConfig
from ..extract import ClassifyHints, decode_html, inspect_html
from ..records import document_record
from ..store import body_hash, utcnow
from ..urls import host_of, in_prefixes, is_attachment, normalise, scope_prefix, unit_for_url

ERROR_STATUSES = list(range(400, 600))
PROBE_GET_BYTES = 256 * 1024


def _redirect_chain(response: Response) -> list[str]:
    return list(response.meta.get("redirect_urls", [])) + [response.url]


def _original_url(response: Response) -> str:
    return response.meta.get("zwgk_url") or response.meta.get("redirect_urls", [response.url])[0]


class ColumnSpider(scrapy.Spider):
    name = "column"

    def __init__(self, site: SiteConfig, run_id: int, quiet: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.site = site
        self.run_id = run_id
        self.quiet = quiet
        self.allowed_hosts = {h.lower() for h in site.allowed_domains}
        prefixes = [scope_prefix(u) for u in site.start_urls]
        prefixes += [scope_prefix(u) for unit in site.units for u in unit.urls]
        self.scope = sorted({normalise(p) or p for p in prefixes})
        self.unit_prefixes = [(unit.id, normalise(u) or u) for unit in site.units for u in unit.urls]
        self.hints = ClassifyHints(
            policy_columns=tuple(site.classify["policy_columns"]),
            normative_url_patterns=tuple(site.classify["normative_url_patterns"]),
            policy_url_patterns=tuple(site.classify["policy_url_patterns"]),
        )
        self.max_pages = site.crawl["max_pages"]
        self.seen: set[str] = set()
        self.pages_scheduled = 0
        self.pages_done = 0
        self.probes_done = 0
        self.cut: dict[str, int] = {}
        self._last_progress = 0.0

    # -- scheduling -----------------------------------------------------------------

    async def start(self):
        for raw in self.site.start_urls + [u for unit in self.site.units for u in unit.urls]:
            url = normalise(raw)
            if url and url not in self.seen:
                self.seen.add(url)
                yield self._page_request(url, depth=0, referer="", column="")

    def _in_scope(self, url: str) -> bool:
        if host_of(url) not in self.allowed_hosts:
            return False
        if self.site.crawl["scope"] == "host":
            return True
        return in_prefixes(url, self.scope)

    def _page_request(self, url: str, depth: int, referer: str, column: str) -> scrapy.Request:
        self.pages_scheduled += 1
        return scrapy.Request(
            url, callback=self.parse_page, errback=self.on_error, dont_filter=True,
            meta={"zwgk_url": url, "zwgk_kind": "page", "depth": depth, "zwgk_referer": referer,
                  "zwgk_column": column, "handle_httpstatus_list": ERROR_STATUSES},
            headers={"Referer": referer} if referer else None,
        )

    def _probe_request(self, url: str, method: str, referer: str) -> scrapy.Request:
        headers = {"Referer": referer} if referer else {}
        if method == "GET":
            headers["Range"] = f"bytes=0-{PROBE_GET_BYTES - 1}"
        return scrapy.Request(
            url, method=method, callback=self.parse_probe, errback=self.on_error, dont_filter=True,
            headers=headers, priority=-1,
            meta={"zwgk_url": url, "zwgk_kind": "probe", "zwgk_method": method,
                  "zwgk_referer": referer, "handle_httpstatus_list": ERROR_STATUSES,
                  "download_maxsize": 4 * PROBE_GET_BYTES},
        )

    def _follow(self, link: dict, page_url: str, depth: int, column: str):
        url = link["url"]
        if url in self.seen:
            return None
        self.seen.add(url)
        if self._in_scope(url) and not is_attachment(url):
            if self.pages_scheduled >= self.max_pages:
                self.cut["max_pages"] = self.cut.get("max_pages", 0) + 1
                return self._probe_request(url, "HEAD", page_url)
            return self._page_request(url, depth + 1, page_url, column)
        return self._probe_request(url, "HEAD", page_url)

    # -- callbacks --------------------------------------------------------------------

    def parse_page(self, response: Response):
        url = _original_url(response)
        self.pages_done += 1
        self._progress()
        body = response.body or b""
        ctype = response.headers.get("Content-Type", b"").decode("latin-1")
        text, encoding = ("", "")
        info = None
        final = normalise(response.url) or response.url
        is_html = (not ctype or "html" in ctype.lower() or "xml" in ctype.lower()) and b"\x00" not in body[:2048]
        if is_html and body:
            text, encoding = decode_html(body, ctype)
            info = inspect_html(text, final, replace(self.hints, column=response.meta.get("zwgk_column", "")))
        outcome = ls.classify_status(response.status, text[:4000])
        if outcome == ls.OK and info is not None and info.soft_404:
            outcome = ls.SOFT_404
        yield self._probe_item(url, response, outcome, method="GET", title=info.title if info else "")
        yield {
            "_type": "page", "run_id": self.run_id, "url": url, "final_url": final,
            "status": response.status, "content_type": ctype, "encoding": encoding,
            "title": info.title if info else "", "unit": unit_for_url(url, self.unit_prefixes),
            "fetched_at": utcnow(), "content_hash": body_hash(body), "size": len(body),
            "depth": response.meta.get("depth", 0), "referer": response.meta.get("zwgk_referer", ""),
            "page_type": info.page_type if info and outcome == ls.OK else "",
            "error": "" if outcome == ls.OK else outcome, "_body": body,
        }
        if info is None or outcome != ls.OK or not self._in_scope(final):
            return
        unit = unit_for_url(url, self.unit_prefixes)
        yield {"_type": "document", **document_record(info, url, unit, self.run_id)}
        column = info.title if info.page_type in ("list", "column_index") else response.meta.get("zwgk_column", "")
        depth = response.meta.get("depth", 0)
        for link in info.links:
            yield {"_type": "link", "run_id": self.run_id, "from_url": url, "to_url": link["url"],
                   "text": link["text"], "kind": link["kind"]}
            request = self._follow(link, url, depth, column)
            if request is not None:
                yield request

    def parse_probe(self, response: Response):
        url = _original_url(response)
        method = response.meta.get("zwgk_method", "HEAD")
        ctype = response.headers.get("Content-Type", b"").decode("latin-1").lower()
        if method == "HEAD" and (response.status >= 400 or ("html" in ctype and not is_attachment(url))):
            # HEAD refused, or a page whose body must be read to spot a soft 404.
            yield self._probe_request(url, "GET", response.meta.get("zwgk_referer", ""))
            return
        title, soft = "", False
        head = ""
        if response.body and ("html" in ctype or not ctype):
            head, _ = decode_html(response.body[:PROBE_GET_BYTES], ctype)
            info = inspect_html(head, normalise(response.url) or response.url)
            title, soft = info.title, info.soft_404
        outcome = ls.classify_status(response.status, head[:4000])
        if outcome == ls.OK and soft:
            outcome = ls.SOFT_404
        self.probes_done += 1
        self._progress()
        yield self._probe_item(url, response, outcome, method=method, title=title)

    def on_error(self, failure):
        request = failure.request
        url = request.meta.get("zwgk_url", request.url)
        outcome = ls.classify_failure(failure.value)
        reason = request.meta.get("zwgk_skip_reason") or f"{type(failure.value).__name__}: {failure.value}"
        if request.meta.get("zwgk_kind") == "page":
            self.pages_done += 1
        else:
            self.probes_done += 1
        self._progress()
        yield {"_type": "probe", "run_id": self.run_id, "url": url, "outcome": outcome, "status": None,
               "final_url": None, "redirects": json.dumps(request.meta.get("redirect_urls", [])),
               "method": request.meta.get("zwgk_method", "GET"), "content_type": "", "title": "",
               "error": reason[:500], "checked_at": utcnow(), "elapsed_ms": None}
        if request.meta.get("zwgk_kind") == "page":
            yield {"_type": "page", "run_id": self.run_id, "url": url, "final_url": None, "status": None,
                   "content_type": "", "encoding": "", "title": "", "fetched_at": utcnow(),
                   "unit": unit_for_url(url, self.unit_prefixes), "content_hash": "", "size": 0,
                   "depth": request.meta.get("depth", 0), "referer": request.meta.get("zwgk_referer", ""),
                   "page_type": "", "error": outcome}

    # -- helpers ----------------------------------------------------------------------

    def _probe_item(self, url: str, response: Response, outcome: str, method: str, title: str) -> dict:
        latency = response.meta.get("download_latency")
        return {"_type": "probe", "run_id": self.run_id, "url": url, "outcome": outcome,
                "status": response.status, "final_url": normalise(response.url) or response.url,
                "redirects": json.dumps(_redirect_chain(response)[:-1] if response.meta.get("redirect_urls") else []),
                "method": method, "content_type": response.headers.get("Content-Type", b"").decode("latin-1"),
                "title": (title or "")[:300], "error": "", "checked_at": utcnow(),
                "elapsed_ms": int(latency * 1000) if latency else None}

    def _progress(self) -> None:
        if self.quiet:
            return
        now = time.monotonic()
        if now - self._last_progress >= 1.0:
            self._last_progress = now
            print(f"\r抓取中 crawling: 页面 {self.pages_done}/{self.pages_scheduled}，链接检查 {self.probes_done}",
                  end="", file=sys.stderr, flush=True)

    def closed(self, reason: str) -> None:
        self.crawler.stats.set_value("zwgk/pages", self.pages_done)
        self.crawler.stats.set_value("zwgk/probes", self.probes_done)
        self.crawler.stats.set_value("zwgk/cut", dict(self.cut))
        if not self.quiet:
            print(f"\r抓取完成 crawled: 页面 {self.pages_done}，链接检查 {self.probes_done}" + " " * 10,
                  file=sys.stderr, flush=True)
