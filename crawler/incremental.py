"""Incremental re-crawl: the second night on an unchanged site costs a fraction of the first.

The previous completed run of the same site (same database) is the reference:

- **Pages** are fetched with conditional requests (``If-None-Match`` / ``If-Modified-Since``
  from the ETag and Last-Modified stored with each page). A ``304 Not Modified`` page — or a
  ``200`` whose body hashes to the stored content hash, for servers without validators — is
  carried over: its page, document, probe and link rows are copied into the new run and its
  links are followed as if it had been parsed, so the checks see a complete run. Pages whose
  handling is not a plain function of their links (script pagination, data lists, frames), or
  any page when the extraction code or the classification settings changed since that run,
  are parsed again from the stored body instead.
- **Link targets** (probes) whose last check was ``ok`` are re-checked only when due:
  ``[crawl] recheck_ok_links_days`` after that check (0 = every run). Broken, blocked or
  skipped targets are always re-checked.

Every carried-over row says so (``reused_from`` = the run it came from), and the run summary
counts them (``zwgk/not_modified``, ``zwgk/reused_pages``, ``zwgk/reused_probes`` …).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterable

import scrapy
from scrapy.http import Headers

from .store import body_hash, utcnow
from .urls import unit_for_url

# Links of these kinds make a page's handling more than "follow its links": parse it again.
_SPECIAL_KINDS = ("list", "frame", "iframe", "refresh", "script-redirect", "pagination")
_RETRY_META = ("zwgk_cookie_retry", "zwgk_browser_done", "zwgk_challenge_wait", "zwgk_browser_final")
_SOURCES = ("extract", "records.py", "urls.py", "linkstatus.py", "spiders/column.py")


def extract_fingerprint(site) -> str:
    """Changes when the code or the settings that turn a body into rows change."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in _SOURCES:
        path = root / name
        for f in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            if f.is_file():
                digest.update(f.name.encode() + f.read_bytes())
    digest.update(json.dumps([site.classify, site.crawl.get("scope"), site.start_urls, site.allowed_domains],
                             sort_keys=True, ensure_ascii=False, default=str).encode())
    return digest.hexdigest()[:16]


def _dicts(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


class Incremental:
    """Read-only view of the previous completed run, shared by the spider and its middlewares."""

    def __init__(self, db_path: str, site_id: str, run_id: int, fingerprint: str, recheck_ok_days: float,
                 enabled: bool = True) -> None:
        self.run_id = run_id  # the new run
        self.recheck_ok_days = recheck_ok_days
        self.conn = sqlite3.connect(db_path, timeout=30, check_same_thread=False)
        self.conn.execute("PRAGMA busy_timeout=30000")
        with self.conn:
            self.conn.execute("UPDATE runs SET extract_fingerprint = ? WHERE id = ?", [fingerprint, run_id])
        row = None
        if enabled:
            row = self.conn.execute(
                "SELECT id, extract_fingerprint FROM runs WHERE site_id = ? AND id < ? AND status = 'completed' "
                "ORDER BY id DESC LIMIT 1", [site_id, run_id]).fetchone()
        self.prev: int | None = row[0] if row else None
        self.same_extractor = bool(row) and row[1] == fingerprint
        now = datetime.now(timezone.utc)
        self.fresh_after = (now - timedelta(days=recheck_ok_days)).replace(microsecond=0).isoformat()

    @property
    def active(self) -> bool:
        return self.prev is not None

    def close(self) -> None:
        self.conn.close()

    # -- lookups in the previous run
    def _one(self, sql: str, params: list) -> dict[str, Any] | None:
        found = _dicts(self.conn.execute(sql, params))
        return found[0] if found else None

    def page(self, url: str) -> dict[str, Any] | None:
        return self._one("SELECT * FROM pages WHERE run_id = ? AND url = ?", [self.prev, url])

    def probe(self, url: str) -> dict[str, Any] | None:
        return self._one("SELECT * FROM probes WHERE run_id = ? AND url = ?", [self.prev, url])

    def document(self, url: str) -> dict[str, Any] | None:
        return self._one("SELECT * FROM documents WHERE run_id = ? AND url = ?", [self.prev, url])

    def links(self, url: str) -> list[dict[str, Any]]:
        return _dicts(self.conn.execute("SELECT * FROM links WHERE run_id = ? AND from_url = ?", [self.prev, url]))

    def body(self, digest: str) -> bytes | None:
        import zlib

        row = self.conn.execute("SELECT data FROM bodies WHERE hash = ?", [digest]).fetchone()
        return zlib.decompress(row[0]) if row else None

    def has_body(self, digest: str) -> bool:
        return self.conn.execute("SELECT 1 FROM bodies WHERE hash = ?", [digest]).fetchone() is not None

    def probe_due(self, prev: dict[str, Any] | None) -> bool:
        if prev is None or prev.get("outcome") != "ok" or self.recheck_ok_days <= 0:
            return True
        return (prev.get("checked_at") or "") < self.fresh_after

    def carried(self, url: str, prev: dict[str, Any], links: list[dict[str, Any]]) -> bool:
        """May this page be carried over row by row (else: parse its stored body again)?"""
        if not self.same_extractor or not prev.get("page_type") or prev.get("error"):
            return False
        if any(link.get("kind") in _SPECIAL_KINDS for link in links):
            return False
        # children it scheduled that are not among its links (script pagination, data requests)
        linked = {link["to_url"] for link in links}
        for (child,) in self.conn.execute("SELECT url FROM pages WHERE run_id = ? AND referer = ?", [self.prev, url]):
            if child not in linked:
                return False
        return True

    # -- the spider side
    def reuse(self, spider, response) -> Iterable[Any] | None:
        """Output for a page answer that can be carried over, or None to parse it as usual."""
        meta = response.meta
        special = meta.get("zwgk_owner") or meta.get("zwgk_browser") or meta.get("zwgk_extended")
        url = meta.get("zwgk_url") or response.url
        stats = spider.crawler.stats
        if response.status == 304:
            stats.inc_value("zwgk/not_modified")
            prev = (meta.get("zwgk_prev_page") or self.page(url)) if meta.get("zwgk_conditional") and not special else None
            if prev is None or not self.has_body(prev["content_hash"]):
                return [self._refetch(spider, meta, url)]
            links = self.links(url)
            if self.carried(url, prev, links):
                stats.inc_value("zwgk/reused_pages")
                return self._carry(spider, response, url, prev, links)
            body = self.body(prev["content_hash"])
            if body is None:
                return [self._refetch(spider, meta, url)]
            stats.inc_value("zwgk/reparsed_pages")
            headers = Headers({"Content-Type": prev.get("content_type") or "text/html"})
            for name in ("ETag", "Last-Modified"):
                if response.headers.get(name):
                    headers[name] = response.headers[name]
            if not headers.get("ETag") and prev.get("etag"):
                headers["ETag"] = prev["etag"]
            if not headers.get("Last-Modified") and prev.get("last_modified"):
                headers["Last-Modified"] = prev["last_modified"]
            return spider.parse_page(response.replace(status=prev["status"] or 200, body=body, headers=headers))
        if response.status == 200 and not special and response.body:
            prev = meta.get("zwgk_prev_page") or self.page(url)
            if (prev and prev.get("status") == 200 and not prev.get("error")
                    and prev.get("content_hash") == body_hash(response.body)):
                links = self.links(url)
                if self.carried(url, prev, links):
                    stats.inc_value("zwgk/unchanged_pages")
                    return self._carry(spider, response, url, prev, links)
        return None

    def _refetch(self, spider, meta, url: str) -> scrapy.Request:
        depth = meta.get("zwgk_depth", meta.get("depth", 0))
        request = spider._page_request(url, depth, meta.get("zwgk_referer", ""), meta.get("zwgk_column", ""))
        spider.pages_scheduled -= 1
        request.meta["zwgk_no_conditional"] = True
        return request

    def _carry(self, spider, response, url: str, prev: dict[str, Any], links: list[dict[str, Any]]):
        meta = response.meta
        run_id = spider.run_id
        spider.pages_done += 1
        spider._progress()
        unit = unit_for_url(url, spider.unit_prefixes)
        probe = self.probe(url)
        if probe is not None:
            probe.update(run_id=run_id, checked_at=utcnow(), reused_from=self.prev)
            yield {"_type": "probe", **probe}
        depth = meta.get("zwgk_depth", meta.get("depth", 0))
        page = dict(prev)
        page.update(_type="page", run_id=run_id, fetched_at=utcnow(), depth=depth, unit=unit,
                    referer=meta.get("zwgk_referer", ""), reused_from=self.prev,
                    etag=_header(response, "ETag") or prev.get("etag"),
                    last_modified=_header(response, "Last-Modified") or prev.get("last_modified"))
        yield page
        doc = self.document(url)
        if doc is not None:
            doc.update(run_id=run_id, unit=unit)
            yield {"_type": "document", **doc}
        column = prev["title"] if prev["page_type"] in ("list", "column_index") else meta.get("zwgk_column", "")
        in_scope = spider._in_scope(prev.get("final_url") or url)
        for link in links:
            yield {"_type": "link", **{**link, "run_id": run_id}}
            request = spider._follow({"url": link["to_url"], "text": link["text"], "kind": link["kind"]},
                                     url, depth, column, may_extend=in_scope)
            if request is not None:
                yield request


def _header(response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def for_crawler(crawler) -> Incremental | None:
    """The crawler's shared Incremental (None when switched off or outside ``zwgk crawl``)."""
    if hasattr(crawler, "_zwgk_incremental"):
        return crawler._zwgk_incremental
    settings = crawler.settings
    inc = None
    db_path = settings.get("ZWGK_DB")
    spider = getattr(crawler, "spider", None)
    if db_path and spider is not None and getattr(spider, "site", None) is not None and Path(db_path).exists():
        inc = Incremental(db_path, spider.site.id, settings.getint("ZWGK_RUN_ID"), extract_fingerprint(spider.site),
                          settings.getfloat("ZWGK_RECHECK_OK_DAYS", 7), settings.getbool("ZWGK_INCREMENTAL", True))
    crawler._zwgk_incremental = inc
    return inc


def reuse_or_parse(spider, response):
    """The spider's page callback: carry an unchanged page over, else parse it."""
    inc = for_crawler(spider.crawler)
    if inc is not None and inc.active:
        out = inc.reuse(spider, response)
        if out is not None:
            return out
    return spider.parse_page(response)


class ConditionalRequests:
    """Downloader middleware: validators of the previous run on every page request."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        meta = request.meta
        if (meta.get("zwgk_kind") != "page" or request.method != "GET" or meta.get("zwgk_owner")
                or meta.get("zwgk_browser") or meta.get("playwright") or meta.get("zwgk_no_conditional")
                or meta.get("zwgk_extended")):
            return None
        inc = for_crawler(self.crawler)
        if inc is None or not inc.active:
            return None
        prev = inc.page(meta.get("zwgk_url", request.url))
        if not prev or prev.get("error") or prev.get("status") != 200 or not prev.get("content_hash"):
            return None
        if prev.get("etag"):
            request.headers["If-None-Match"] = prev["etag"]
        if prev.get("last_modified"):
            request.headers["If-Modified-Since"] = prev["last_modified"]
        if prev.get("etag") or prev.get("last_modified"):
            meta["zwgk_conditional"] = True
            meta["zwgk_prev_page"] = prev  # read once: the spider carries the page over on a 304
            allowed = meta.get("handle_httpstatus_list")
            if allowed is not None and 304 not in allowed:
                meta["handle_httpstatus_list"] = list(allowed) + [304]  # the spider handles "not modified"
        return None


class IncrementalSpiderMiddleware:
    """Spider middleware: link targets checked recently enough are carried over, not fetched;
    page rows get the validators of their answer."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _process(self, o: Any, response) -> Any:
        if isinstance(o, scrapy.Request):
            meta = o.meta
            if (meta.get("zwgk_kind") == "probe" and o.method == "HEAD" and not meta.get("zwgk_browser")
                    and not any(meta.get(k) for k in _RETRY_META)):
                inc = for_crawler(self.crawler)
                if inc is not None and inc.active:
                    url = meta.get("zwgk_url", o.url)
                    prev = inc.probe(url)
                    if not inc.probe_due(prev):
                        self.crawler.stats.inc_value("zwgk/reused_probes")
                        spider = self.crawler.spider
                        spider.probes_done += 1
                        prev.update(run_id=inc.run_id, reused_from=inc.prev)
                        return {"_type": "probe", **prev}
            return o
        if isinstance(o, dict) and o.get("_type") == "page" and response is not None:
            if "etag" not in o:
                o["etag"] = _header(response, "ETag")
                o["last_modified"] = _header(response, "Last-Modified")
            o.setdefault("reused_from", None)
        return o

    def process_spider_output(self, response, result, spider=None):
        for o in result:
            yield self._process(o, response)

    async def process_spider_output_async(self, response, result, spider=None):
        async for o in result:
            yield self._process(o, response)
