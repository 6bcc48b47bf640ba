"""Resumable crawls: what a killed run had stored is kept, and ``--resume`` continues it.

Two pieces make a crawl survive SIGKILL:

- ``FrontierMiddleware`` (a spider middleware next to the engine) gathers every record one
  response produced into a single ``batch`` item, so the store pipeline writes a page together
  with its links, document and probe in one transaction — never half a page — and one item
  per response instead of one per link keeps Scrapy's per-item cost low. It also records
  every request the spider schedules in the ``frontier`` table, in the same batch as the page
  that found it.
- ``restart_requests`` rebuilds the spider's state from the database: every recorded request
  whose page or probe is not stored yet is scheduled again, and everything recorded is "seen".

Scrapy's own JOBDIR (one directory per run next to the DB) only keeps memory flat on large
sites: ``JsonFifoDiskQueue`` holds the first ``MEMORY_REQUESTS`` pending requests of each
priority as objects and writes the rest to disk. It is never a resume source: its state is
complete only after a clean stop, so after a kill it cannot be trusted — ``--resume`` removes
it and rebuilds from the ``frontier`` table (the database is the record of what is done and
what is due), and a finished run removes it too.
"""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
from collections import deque
from contextlib import suppress
from pathlib import Path
from typing import Any, Iterable

import scrapy
from queuelib.queue import FifoDiskQueue
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

logger = logging.getLogger(__name__)

# meta keys that describe a request (everything else is set while it is downloaded)
_VOLATILE_META = {"download_slot", "download_latency", "download_timeout", "retry_times", "redirect_times",
                  "redirect_ttl", "redirect_urls", "redirect_reasons", "depth_done", "zwgk_conditional",
                  "zwgk_prev_page"}


def jobdir_for(db_path: str | Path, run_id: int) -> Path:
    """Scrapy's JOBDIR of one run: ``<db>.jobs/run-<id>/`` beside the database."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".jobs") / f"run-{run_id}"


def remove_jobdir(db_path: str | Path, run_id: int) -> None:
    path = jobdir_for(db_path, run_id)
    shutil.rmtree(path, ignore_errors=True)
    try:
        path.parent.rmdir()  # only when no other run's directory is left
    except OSError:
        pass


# -- request <-> JSON -------------------------------------------------------------------------

def _jsonable(value: Any) -> bool:
    if isinstance(value, dict):
        try:  # the common case, at C speed
            json.dumps(value)
            return all(isinstance(k, str) for k in value)
        except (TypeError, ValueError):
            pass
    if value is None or isinstance(value, (str, int, float, bool)):
        return True
    if isinstance(value, (list, tuple)):
        return all(_jsonable(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _jsonable(v) for k, v in value.items())
    return False


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _str_keys(value: Any) -> bool:
    """What ``_jsonable`` asks beyond what ``json.dumps`` accepts: string keys in a dict that is
    the value itself or sits in its lists (json.dumps would write an int key as a string)."""
    if type(value) in _SCALARS:
        return True
    if isinstance(value, dict):
        return all(isinstance(k, str) for k in value)
    if isinstance(value, (list, tuple)):
        return all(map(_SCALARS.__contains__, map(type, value))) or all(map(_str_keys, value))
    return True  # anything else: json.dumps refuses it


def _method_name(func, spider) -> str | None:
    if func is None:
        return None
    if getattr(func, "__self__", None) is spider:
        return func.__name__
    return None


_EXTRAS = ("cookies", "cb_kwargs", "flags")


def _payload(request: scrapy.Request, spider, meta: dict) -> dict | None:
    """The request as a dict for JSON, with ``meta`` as given; None when its callback or
    errback is not a method of the spider (it could not be rebuilt)."""
    callback, errback = _method_name(request.callback, spider), _method_name(request.errback, spider)
    if (request.callback is not None and callback is None) or (request.errback is not None and errback is None):
        return None
    headers = {k.decode("latin-1"): [v.decode("latin-1") for v in vs] for k, vs in request.headers.items()
               if k.lower() not in (b"if-none-match", b"if-modified-since")}
    data = {"url": request.url, "method": request.method, "cb": callback, "eb": errback, "meta": meta,
            "headers": headers, "priority": request.priority}
    if request.body:
        data["body"] = request.body.decode("latin-1")
    for attr in _EXTRAS:
        value = getattr(request, attr, None)
        if value:
            data[attr] = value
    if not request.dont_filter:
        data["dont_filter"] = False
    return data


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _fresh_meta(request: scrapy.Request) -> dict:
    return {k: v for k, v in request.meta.items() if k not in _VOLATILE_META and not k.startswith("_")}


def encode_checked(request: scrapy.Request, spider, fresh: bool = True) -> str | None:
    """What ``encode_request`` means, every value checked with ``_jsonable`` before writing:
    its fallback when one ``json.dumps`` of the whole request fails, and the reference its fast
    path is tested against."""
    if fresh:
        meta = {k: v for k, v in _fresh_meta(request).items() if _jsonable(v)}
    else:
        meta = dict(request.meta)
        if not _jsonable(meta):
            return None
    data = _payload(request, spider, meta)
    if data is None or not all(_jsonable(data[attr]) for attr in _EXTRAS if attr in data):
        return None
    return _dumps(data)


def encode_request(request: scrapy.Request, spider, fresh: bool = True) -> str | None:
    """A compact JSON form of a spider request, or None if it cannot be rebuilt later.

    ``fresh``: as a new attempt (download state such as retry counts left out, values that
    are not JSON dropped), for the frontier; else exactly (None when a value is not JSON),
    for the disk queue.

    The whole request is written by one ``json.dumps``; only when that fails (a value that is
    not JSON, rare) does ``encode_checked`` look at every value on its own."""
    if fresh:
        meta = _fresh_meta(request)
        keys_ok = all(map(_str_keys, meta.values()))
    else:
        meta = dict(request.meta)
        keys_ok = all(isinstance(k, str) for k in meta)  # _jsonable(meta): its own keys only
    data = _payload(request, spider, meta)
    if data is None:
        return None
    if keys_ok and all(_str_keys(data[attr]) for attr in _EXTRAS if attr in data):
        try:
            return _dumps(data)
        except (TypeError, ValueError):
            pass
    # something is not JSON: the disk queue refuses the request, the frontier leaves such meta out
    return encode_checked(request, spider) if fresh else None


def decode_request(text: str, spider) -> scrapy.Request:
    data = json.loads(text)
    return scrapy.Request(
        data["url"], method=data["method"], dont_filter=data.get("dont_filter", True),
        priority=data.get("priority", 0), cookies=data.get("cookies"), cb_kwargs=data.get("cb_kwargs"),
        flags=data.get("flags"),
        callback=getattr(spider, data["cb"]) if data.get("cb") else None,
        errback=getattr(spider, data["eb"]) if data.get("eb") else None,
        meta=data.get("meta") or {}, headers=data.get("headers") or None,
        body=data["body"].encode("latin-1") if data.get("body") else None,
    )


MEMORY_REQUESTS = 2000  # requests one disk queue (one per priority) holds as objects before writing to disk
_HELD = "memory.json"  # beside a queue's chunks after a clean stop: what it held in memory


class JsonFifoDiskQueue:
    """Scrapy's FIFO disk queue (``SCHEDULER_DISK_QUEUE``), memory first: the oldest
    ``MEMORY_REQUESTS`` requests are kept as objects (no encoding at all), later ones go to a
    queuelib ``FifoDiskQueue`` as the compact JSON above (no pickling, no ``inspect`` of the
    spider per request). Scrapy makes one queue per priority level, so the memory held is at most
    ``MEMORY_REQUESTS`` times the number of levels, whatever the size of the site.

    Order is exactly FIFO: everything on disk is newer than everything in memory, so a request
    is kept in memory only while the disk part is empty, and ``pop`` takes from memory first.
    The disk part is opened with the first request it gets and closed (its files removed) once
    it is drained, which happens only when the whole queue is empty.

    A request that cannot be written as JSON raises ValueError when it would go to disk (the
    scheduler keeps it in its memory queue instead); in the memory part it is simply kept.

    ``close`` (a clean stop) writes the memory part beside the disk part, as Scrapy expects of a
    JOBDIR it may reopen with the priorities still active; a request in it that is not JSON is
    dropped with a warning. That loses nothing: the JOBDIR is never a resume source — ``--resume``
    removes it and rebuilds from the database's ``frontier`` table."""

    def __init__(self, crawler, key: str) -> None:
        self.spider = crawler.spider
        self.stats = crawler.stats
        self.path = Path(key)
        self.bound = MEMORY_REQUESTS
        self.memory: deque[scrapy.Request] = deque()
        self.disk: FifoDiskQueue | None = None
        if self.path.exists():  # reopened after a clean stop (Scrapy passes the priorities that were active)
            held = self.path / _HELD
            if held.exists():  # older than anything on disk
                self.memory.extend(decode_request(text, self.spider) for text in json.loads(held.read_text("utf-8")))
                held.unlink()
            if (self.path / "info.json").exists():
                self.disk = FifoDiskQueue(key)
                if not len(self.disk):
                    self._close_disk()
            else:
                with suppress(OSError):
                    self.path.rmdir()

    @classmethod
    def from_crawler(cls, crawler, key: str, *args, **kwargs):
        return cls(crawler, key)

    def push(self, request: scrapy.Request) -> None:
        if self.disk is None and len(self.memory) < self.bound:
            self.memory.append(request)
            return
        text = encode_request(request, self.spider, fresh=False)
        if text is None:
            raise ValueError(f"request not serialisable as JSON: {request.url}")
        if self.disk is None:
            self.disk = FifoDiskQueue(self.path)
        self.disk.push(text.encode("utf-8"))
        if self.stats is not None:
            self.stats.inc_value("zwgk/disk_queue_written")

    def pop(self) -> scrapy.Request | None:
        if self.memory:
            return self.memory.popleft()
        if self.disk is None:
            return None
        data = self.disk.pop()
        if not len(self.disk):
            self._close_disk()
        return decode_request(data.decode("utf-8"), self.spider) if data else None

    def peek(self) -> scrapy.Request | None:
        if self.memory:
            return self.memory[0]
        if self.disk is None:
            return None
        data = self.disk.peek()
        return decode_request(data.decode("utf-8"), self.spider) if data else None

    def __len__(self) -> int:
        return len(self.memory) + (len(self.disk) if self.disk is not None else 0)

    def _close_disk(self) -> None:
        assert self.disk is not None
        self.disk.close()  # removes its files (and the directory) when it is empty
        self.disk = None

    def close(self) -> None:
        if self.disk is not None:
            self._close_disk()
        if not self.memory:
            return
        texts, dropped = [], 0
        for request in self.memory:
            text = encode_request(request, self.spider, fresh=False)
            if text is None:
                dropped += 1
            else:
                texts.append(text)
        self.memory.clear()
        if dropped:
            logger.warning("%d pending request(s) not serialisable as JSON left out of the JOBDIR %s "
                           "(not needed to resume: the frontier table is)", dropped, self.path)
        if texts:
            self.path.mkdir(parents=True, exist_ok=True)
            (self.path / _HELD).write_text(json.dumps(texts, ensure_ascii=False), "utf-8")


# -- the middleware -----------------------------------------------------------------------

class FrontierMiddleware(BaseSpiderMiddleware):
    """One ``batch`` item per response (atomic in the DB) and a frontier record per request."""

    def __init__(self, crawler) -> None:
        super().__init__(crawler)
        self.run_id = crawler.settings.getint("ZWGK_RUN_ID")
        self.record = crawler.settings.getbool("ZWGK_RECORD_FRONTIER", True)

    def _frontier(self, request: scrapy.Request) -> dict | None:
        if not self.record or request.meta.get("zwgk_kind") not in ("page", "probe"):
            return None
        encoded = encode_request(request, self.crawler.spider)
        if encoded is None:
            return None
        return {"_type": "frontier", "run_id": self.run_id, "url": request.meta.get("zwgk_url", request.url),
                "request": encoded}

    def _split(self, o: Any, records: list) -> Any:
        if isinstance(o, scrapy.Request):
            entry = self._frontier(o)
            if entry is not None:
                records.append(entry)
            return o
        if isinstance(o, dict) and "_type" in o:
            if o["_type"] == "batch":
                records.extend(o["items"])
            else:
                records.append(o)
            return None
        return o  # something else (not ours): pass it on untouched

    def process_spider_output(self, response, result: Iterable[Any], spider=None):
        records: list[dict] = []
        for o in result:
            o = self._split(o, records)
            if o is not None:
                yield o
        if records:
            yield {"_type": "batch", "items": records}

    async def process_spider_output_async(self, response, result, spider=None):
        records: list[dict] = []
        async for o in result:
            o = self._split(o, records)
            if o is not None:
                yield o
        if records:
            yield {"_type": "batch", "items": records}


# -- resuming -----------------------------------------------------------------------------

def unfinished_run(db, site_id: str) -> int | None:
    """The site's latest run if it never finished (killed or stopped), else None."""
    row = db.execute("SELECT id, status FROM runs WHERE site_id = ? ORDER BY id DESC LIMIT 1", [site_id]).fetchone()
    if row and row[1] in ("running", "interrupted"):
        return row[0]
    return None


def mark_abandoned(db, site_id: str, keep: int | None = None) -> None:
    """Runs left 'running' by a killed process (we hold the site's lock, so none is alive)."""
    with db.conn:
        db.execute("UPDATE runs SET status = 'interrupted' WHERE site_id = ? AND status = 'running' AND id != ?",
                   [site_id, keep or -1])


def clear_frontier(db, run_id: int) -> None:
    with db.conn:
        db.execute("DELETE FROM frontier WHERE run_id = ?", [run_id])


def restart_requests(spider, db_path: str) -> Iterable[scrapy.Request]:
    """Requests that continue ``spider.run_id``: recorded but not stored, and unreached start URLs."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30)
    try:
        run_id = spider.run_id
        pages = {r[0] for r in conn.execute("SELECT url FROM pages WHERE run_id = ?", [run_id])}
        probes = {r[0] for r in conn.execute("SELECT url FROM probes WHERE run_id = ?", [run_id])}
        pending = []
        seen = set(pages) | probes
        page_requests = len(pages)
        for url, text in conn.execute("SELECT url, request FROM frontier WHERE run_id = ?", [run_id]):
            seen.add(url)
            kind = '"zwgk_kind":"page"' in text
            page_requests += kind and url not in pages
            if url in (pages if kind else probes):
                continue
            pending.append((url, text))
        spider.seen |= seen
        spider.pages_done = len(pages)
        spider.probes_done = len(probes - pages)
        spider.pages_scheduled = page_requests
        spider.crawler.stats.set_value("zwgk/resumed_pending", len(pending))
        spider.crawler.stats.set_value("zwgk/resumed_stored_pages", len(pages))
    finally:
        conn.close()
    from .urls import normalise

    started = set()
    for raw in spider.site.start_urls + [u for unit in spider.site.units for u in unit.urls]:
        url = normalise(raw)
        if url and url not in pages and url not in started:
            started.add(url)
            spider.seen.add(url)
            yield spider._page_request(url, depth=0, referer="", column="")
    yield from spider._home_requests(pages)  # home pages not read yet (never in the frontier)
    for url, text in pending:
        if url not in started:
            yield decode_request(text, spider)


# -- the run around a crawl ----------------------------------------------------------------------

def begin_run(db, db_path: str, site, resume: bool) -> tuple[int, bool]:
    """The run to crawl into: the site's unfinished one when ``resume`` (and there is one), else
    a new one. Runs left 'running' by a killed process become 'interrupted'."""
    from .store import start_run

    run_id = unfinished_run(db, site.id) if resume else None
    if run_id is not None:
        with db.conn:
            db.execute("UPDATE runs SET status = 'running', finished_at = NULL, error = '' WHERE id = ?", [run_id])
        remove_jobdir(db_path, run_id)  # written only on a clean stop: after a kill it cannot be trusted
        return run_id, True
    mark_abandoned(db, site.id)
    return start_run(db, site.id, site.name, str(site.path)), False


def end_run(db, db_path: str, run_id: int) -> None:
    """A completed run needs neither its frontier nor its JOBDIR any more."""
    clear_frontier(db, run_id)
    remove_jobdir(db_path, run_id)


SCALE_STATS = ("not_modified", "reused_pages", "reparsed_pages", "unchanged_pages", "reused_probes",
               "incremental_from", "resumed_pending", "resumed_stored_pages")


def scale_summary(stats: dict) -> dict:
    """The incremental / resume counters of a crawl's Scrapy stats, for the run summary."""
    return {k: stats[f"zwgk/{k}"] for k in SCALE_STATS if stats.get(f"zwgk/{k}") is not None}
