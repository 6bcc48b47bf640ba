"""Crawl a portal's 信息公开专栏 and verify every link on it once.

Pages inside the column scope are fetched, stored and parsed for links; every other
target (attachments, other sections, external sites) is probed without being crawled:
HEAD first, GET when HEAD is refused or the target is a page whose body must be read to
tell a "页面不存在" page from a real one. The spider only yields records; whether a record
is a problem is decided later by the checks.

Beyond ``<a href>`` it follows what a person can reach: script pagination, lists a CMS ships
as data (Hanweb ``<datastore>`` records and the ``dataproxy.jsp`` requests behind them),
frames and refresh redirects, and — in the browser — lists filled by script. Items of such
lists, frames and redirects are crawled even outside the prefix scope (one hop, same
hosts). Traps (search, print, calendar, query variants) and limits (pages, depth, per
directory) are cut and counted for the run summary. Anti-bot challenges are retried once
through the browser; what still refuses us is recorded as ``blocked``.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from dataclasses import replace
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response

from .. import linkstatus as ls
from ..config import SiteConfig
from ..extract import ClassifyHints, decode_html, inspect_html
from ..extract.analyse import BODY_HEAD, analyse, looks_binary
from ..extract.datalists import DataRequest
from ..extract.site_features import home_urls, probe_facts
from ..records import document_record
from ..store import body_hash, utcnow
from ..traps import TrapGuard
from ..urls import host_of, in_prefixes, is_attachment, normalise, scope_prefix, unit_for_url
from .browser import CARRIED_META, DEFERRED, BrowserMixin

ERROR_STATUSES = list(range(400, 600))
PROBE_GET_BYTES = 256 * 1024
# Crawled as pages even outside the prefix scope (same hosts, one hop): items of a list shipped
# as data (kind "list"), and the frames and redirects of a stub page that holds nothing else.
REDIRECT_KINDS = ("frame", "iframe", "refresh", "script-redirect")
MAX_EXTRA_SCOPES = 20


def _redirect_chain(response: Response) -> list[str]:
    return list(response.meta.get("redirect_urls", [])) + [response.url]


def _original_url(response: Response) -> str:
    return response.meta.get("zwgk_url") or response.meta.get("redirect_urls", [response.url])[0]


class ColumnSpider(BrowserMixin, scrapy.Spider):
    name = "column"

    def __init__(self, site: SiteConfig, run_id: int, quiet: bool = False, resume: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.site = site
        self.run_id = run_id
        self.quiet = quiet
        self.resume = resume  # continue run_id from what the database holds (crawler.resume)
        self.allowed_hosts = {h.lower() for h in site.allowed_domains}
        prefixes = [scope_prefix(u) for u in site.start_urls]
        prefixes += [scope_prefix(u) for unit in site.units for u in unit.urls]
        self.scope = sorted({normalise(p) or p for p in prefixes})
        self._base_scope = list(self.scope)
        self.unit_prefixes = [(unit.id, normalise(u) or u) for unit in site.units for u in unit.urls]
        self.hints = ClassifyHints(
            policy_columns=tuple(site.classify["policy_columns"]),
            normative_url_patterns=tuple(site.classify["normative_url_patterns"]),
            policy_url_patterns=tuple(site.classify["policy_url_patterns"]),
        )
        self.max_pages = site.crawl["max_pages"]
        self.max_depth = site.crawl["max_depth"]
        self.traps = TrapGuard(site.crawl.get("max_query_variants", 0), site.crawl.get("max_pages_per_prefix", 0))
        self.render_patterns = tuple(site.crawl.get("render_url_patterns", ()))
        self.browser_retry = bool(site.crawl.get("browser_retry_blocked", True))
        self.challenge: dict[str, str] = {}   # host -> pending / passed / failed
        self.browser_only: set[str] = set()   # hosts whose pages only the browser may read
        self.waiting: dict[str, list[Response]] = {}  # blocked while the host's challenge runs
        self.browser_stats: Counter[str] = Counter()
        self.seen: set[str] = set()
        self.pages_scheduled = 0
        self.pages_done = 0
        self.probes_done = 0
        self.cut: dict[str, int] = {}
        self._last_progress = 0.0

    # -- scheduling -----------------------------------------------------------------

    async def start(self):
        if self.resume:
            from ..resume import restart_requests

            for request in restart_requests(self, self.crawler.settings.get("ZWGK_DB")):
                yield request
            return
        for raw in self.site.start_urls + [u for unit in self.site.units for u in unit.urls]:
            url = normalise(raw)
            if url and url not in self.seen:
                self.seen.add(url)
                yield self._page_request(url, depth=0, referer="", column="")
        for request in self._home_requests():
            yield request

    def _home_requests(self, stored: set[str] | None = None):
        """The home pages of the hosts the site is served from: read for the platform rules, not
        crawled (``stored``: on resume, the pages already stored)."""
        units = [(unit.id, list(unit.urls)) for unit in self.site.units]
        for url, owner in home_urls(self.site.start_urls, units).items():
            if url in self.seen if stored is None else url in stored:
                continue
            self.seen.add(url)
            request = self._page_request(url, depth=0, referer="", column="")
            request.meta["zwgk_home"] = owner
            yield request

    def _in_scope(self, url: str) -> bool:
        if host_of(url) not in self.allowed_hosts:
            return False
        if self.site.crawl["scope"] == "host":
            return True
        return in_prefixes(url, self.scope)

    def _page_request(self, url: str, depth: int, referer: str, column: str) -> scrapy.Request:
        self.pages_scheduled += 1
        return scrapy.Request(
            url, callback=self.on_page, errback=self.on_error, dont_filter=True,
            meta={"zwgk_url": url, "zwgk_kind": "page", "depth": depth, "zwgk_depth": depth, "zwgk_referer": referer,
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

    def _follow(self, link: dict, page_url: str, depth: int, column: str, may_extend: bool = True,
                stub: bool = False):
        """A page request, a probe or nothing for one link. ``may_extend``: list items of this page
        may be crawled outside the prefix scope; ``stub``: so may its frames and redirects (a page
        that holds nothing else)."""
        url = link["url"]
        if url in self.seen:
            return None
        kind = link.get("kind", "a")
        allowed = host_of(url) in self.allowed_hosts
        in_scope = self._in_scope(url)
        if kind == "pagination" and not in_scope:
            return None  # a script's page number outside the column: not a link anybody sees
        self.seen.add(url)
        extend = not in_scope and allowed and may_extend and (kind == "list" or (stub and kind in REDIRECT_KINDS))
        if not (in_scope or extend) or is_attachment(url):
            return self._probe_request(url, "HEAD", page_url)
        if self.pages_scheduled >= self.max_pages:
            reason = "max_pages"
        elif depth + 1 > self.max_depth:
            reason = "max_depth"
        else:
            reason = self.traps.admit(url)
        if reason:
            self.cut[reason] = self.cut.get(reason, 0) + 1
            return None if kind == "pagination" else self._probe_request(url, "HEAD", page_url)
        request = self._page_request(url, depth + 1, page_url, column)
        if extend:
            request.meta["zwgk_extended"] = kind
        return request

    def _data_request(self, spec: DataRequest, owner: str, depth: int, column: str):
        """A request a list script would make (Hanweb dataproxy …); its items belong to ``owner``."""
        if spec.url in self.seen or host_of(spec.url) not in self.allowed_hosts:
            return None
        self.seen.add(spec.url)
        if self.pages_scheduled >= self.max_pages:
            self.cut["max_pages"] = self.cut.get("max_pages", 0) + 1
            return None
        self.pages_scheduled += 1
        headers = {"Referer": owner, "X-Requested-With": "XMLHttpRequest", "Accept": "*/*"}
        body = None
        if spec.method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded; charset=UTF-8"
            body = urlencode(spec.form)
        return scrapy.Request(
            spec.url, method=spec.method, body=body, headers=headers, callback=self.parse_page,
            errback=self.on_error, dont_filter=True,
            meta={"zwgk_url": spec.url, "zwgk_kind": "page", "zwgk_owner": owner, "depth": depth,
                  "zwgk_depth": depth, "zwgk_referer": owner, "zwgk_column": column,
                  "handle_httpstatus_list": ERROR_STATUSES},
        )

    # -- sending a request again ------------------------------------------------------

    def _again(self, response_or_request, cookies: list[dict] | None = None, **updates) -> scrapy.Request:
        """The same page or probe request once more (after a challenge), without counting it twice."""
        meta = response_or_request.meta
        url = meta.get("zwgk_url") or response_or_request.url
        if meta.get("zwgk_kind") == "probe":
            request = self._probe_request(url, meta.get("zwgk_method", "GET"), meta.get("zwgk_referer", ""))
        else:
            request = self._page_request(url, meta.get("zwgk_depth", meta.get("depth", 0)),
                                         meta.get("zwgk_referer", ""), meta.get("zwgk_column", ""))
            self.pages_scheduled -= 1
        request.meta.update({k: meta[k] for k in CARRIED_META if k in meta and k not in request.meta})
        request.meta.update(updates)
        return request.replace(cookies=cookies) if cookies else request

    # -- callbacks --------------------------------------------------------------------

    def _outcome(self, response: Response, text: str, soft_404: bool) -> str:
        outcome = ls.classify_status(response.status, text[:BODY_HEAD])
        if outcome == ls.OK and soft_404:
            outcome = ls.SOFT_404
        if outcome == ls.OK and response.meta.get("redirect_urls") and ls.is_home_redirect(
                _original_url(response), normalise(response.url) or response.url):
            outcome = ls.SOFT_404
        return outcome

    def on_page(self, response: Response):
        """A page answer: carried over from the previous run when unchanged (crawler.incremental), else parsed."""
        from ..incremental import reuse_or_parse

        return reuse_or_parse(self, response)

    def parse_page(self, response: Response):
        meta = response.meta
        if meta.get("zwgk_browser"):
            response = self._browser_status(response)
        url = _original_url(response)
        owner = meta.get("zwgk_owner")
        body = response.body or b""
        ctype = response.headers.get("Content-Type", b"").decode("latin-1")
        final = normalise(response.url) or response.url
        stopped = meta.get("zwgk_stopped", "")
        hints = replace(self.hints, column=meta.get("zwgk_column", ""))
        done = meta.pop("zwgk_analysis", None)  # read in another process while this one crawled on
        read = done if done is not None else analyse(body, ctype, final, hints, bool(owner), stopped)
        text, encoding, info, binary, is_html = read.text, read.encoding, read.info, read.binary, read.is_html
        outcome = self._outcome(response, text, bool(info and info.soft_404))
        if outcome == ls.BLOCKED and not owner:
            retry = self._blocked_retry(response)
            if retry is not None:
                if retry is not DEFERRED:
                    yield retry
                return
        if (outcome == ls.OK and info is not None and not owner and self.browser_on and not meta.get("zwgk_browser")
                and not meta.get("zwgk_no_render") and (self._in_scope(final) or meta.get("zwgk_extended"))):
            reason = read.render if read.render is not None else self._render_reason(text, final, info.page_type)
            if reason:
                self.browser_stats[f"render_{reason}"] += 1
                yield self._browser_request(response, "render")
                return
        self.pages_done += 1
        self._progress()
        probe = self._probe_item(url, response, outcome, method="GET", title=info.title if info else "")
        tls = meta.get("zwgk_tls_error")
        if tls and outcome == ls.OK:
            probe.update(outcome=ls.TLS_ERROR, error=tls[:500])
        yield probe
        error = "" if outcome == ls.OK else outcome
        if not error and (binary and is_html or stopped == "too_large"):
            error = "binary" if binary else "too_large"
            self.cut[error] = self.cut.get(error, 0) + 1
        depth = meta.get("zwgk_depth", meta.get("depth", 0))
        yield {
            "_type": "page", "run_id": self.run_id, "url": url, "final_url": final,
            "status": response.status, "content_type": ctype, "encoding": encoding,
            "title": info.title if info else "", "unit": unit_for_url(url, self.unit_prefixes),
            "fetched_at": utcnow(), "content_hash": read.content_hash or body_hash(body), "size": len(body),
            "depth": depth, "referer": meta.get("zwgk_referer", ""),
            "page_type": ("list" if owner else info.page_type) if info and outcome == ls.OK else "",
            "error": error, "_body": body, "_packed": read.packed,
        }
        in_scope = self._in_scope(final)
        if meta.get("zwgk_home") is not None and info is not None and not error and not in_scope:
            info.extras["home"] = {"unit": meta["zwgk_home"]}  # a home page: stored, its links not followed
            yield {"_type": "document", **document_record(info, url, meta["zwgk_home"], self.run_id)}
            return
        if info is None or error or not (in_scope or meta.get("zwgk_extended") or owner):
            return
        unit = unit_for_url(url, self.unit_prefixes)
        if not owner:
            yield {"_type": "document", **document_record(info, url, unit, self.run_id)}
            column = info.title if info.page_type in ("list", "column_index") else meta.get("zwgk_column", "")
        else:
            column = meta.get("zwgk_column", "")
        carrier = owner or url
        thin = sum(1 for link in info.links if link["kind"] == "a") <= 3
        for link in info.links:
            if link["kind"] != "pagination":
                yield {"_type": "link", "run_id": self.run_id, "from_url": carrier, "to_url": link["url"],
                       "text": link["text"], "kind": link["kind"]}
            if (thin and in_scope and link["kind"] in REDIRECT_KINDS and host_of(link["url"]) in self.allowed_hosts
                    and not self._in_scope(link["url"]) and len(self.scope) < len(self._base_scope) + MAX_EXTRA_SCOPES):
                # a stub that only redirects or frames: the column lives there
                self.scope = sorted(set(self.scope) | {scope_prefix(link["url"])})
            request = self._follow(link, carrier, depth, column, may_extend=in_scope or bool(owner), stub=thin)
            if request is not None:
                yield request
        for spec in read.data:
            request = self._data_request(spec, carrier, depth, column)
            if request is not None:
                yield request

    def _render_reason(self, text: str, final: str, page_type: str) -> str:
        from ..render import render_reason

        return render_reason(text, final, page_type, self.render_patterns) or ""

    def parse_probe(self, response: Response):
        meta = response.meta
        if meta.get("zwgk_browser"):
            response = self._browser_status(response)
        url = _original_url(response)
        method = meta.get("zwgk_method", "HEAD")
        ctype = response.headers.get("Content-Type", b"").decode("latin-1").lower()
        if method == "HEAD" and not meta.get("zwgk_browser") and (response.status >= 400 or "html" in ctype
                                                                  or response.headers.get("Content-Length") == b"0"):
            # HEAD refused, or a page (or an attachment answered by a page) whose body must be
            # read to spot a soft 404, or an empty answer to be confirmed by reading it.
            yield self._probe_request(url, "GET", meta.get("zwgk_referer", ""))
            return
        title, soft = "", False
        head = ""
        body = response.body or b""
        if body and ("html" in ctype or not ctype) and not looks_binary(body):
            head, _ = decode_html(body[:PROBE_GET_BYTES], ctype)
            info = inspect_html(head, normalise(response.url) or response.url)
            title, soft = info.title, info.soft_404
        outcome = self._outcome(response, head, soft)
        if outcome == ls.BLOCKED:
            retry = self._blocked_retry(response)
            if retry is not None:
                if retry is not DEFERRED:
                    yield retry
                return
        self.probes_done += 1
        self._progress()
        item = self._probe_item(url, response, outcome, method=method if not meta.get("zwgk_browser") else "BROWSER",
                                title=title)
        tls = meta.get("zwgk_tls_error")
        if tls and outcome == ls.OK:
            item.update(outcome=ls.TLS_ERROR, error=tls[:500])
        yield item

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
               "method": request.meta.get("zwgk_method", "GET"),
               "content_type": "", "title": "", "error": "" if outcome == ls.OK else reason[:500],
               "checked_at": utcnow(), "elapsed_ms": None}
        if request.meta.get("zwgk_kind") == "page":
            yield {"_type": "page", "run_id": self.run_id, "url": url, "final_url": None, "status": None,
                   "content_type": "", "encoding": "", "title": "", "fetched_at": utcnow(),
                   "unit": unit_for_url(url, self.unit_prefixes), "content_hash": "", "size": 0,
                   "depth": request.meta.get("zwgk_depth", request.meta.get("depth", 0)),
                   "referer": request.meta.get("zwgk_referer", ""),
                   "page_type": "", "error": "too_large" if outcome == ls.OK else outcome}

    # -- helpers ----------------------------------------------------------------------

    def _probe_item(self, url: str, response: Response, outcome: str, method: str, title: str) -> dict:
        latency = response.meta.get("download_latency")
        return {"_type": "probe", "run_id": self.run_id, "url": url, "outcome": outcome,
                "status": response.status, "final_url": normalise(response.url) or response.url,
                "redirects": json.dumps(_redirect_chain(response)[:-1] if response.meta.get("redirect_urls") else []),
                "method": method, "content_type": response.headers.get("Content-Type", b"").decode("latin-1"),
                "title": (title or "")[:300], "error": "", "checked_at": utcnow(),
                "elapsed_ms": int(latency * 1000) if latency else None, **probe_facts(response, method)}

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
        if self.crawler.settings.getbool("ZWGK_BROWSER_MISSING"):
            self.browser_stats["unavailable"] = 1  # no Chromium: nothing was rendered
        self.crawler.stats.set_value("zwgk/browser", dict(self.browser_stats))
        from ..incremental import for_crawler

        inc = for_crawler(self.crawler)
        if inc is not None:
            self.crawler.stats.set_value("zwgk/incremental_from", inc.prev)
            inc.close()
        if not self.quiet:
            print(f"\r抓取完成 crawled: 页面 {self.pages_done}，链接检查 {self.probes_done}" + " " * 10,
                  file=sys.stderr, flush=True)
