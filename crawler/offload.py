"""Reading pages in other processes while the crawling process keeps downloading.

Parsing a page (lxml, labels, dates, links) is the largest share of a crawl's CPU, and the
Twisted/asyncio loop that drives the downloads can use only one core. This downloader
middleware hands each page answer to a small pool of worker processes
(``crawl.extract_processes``) and attaches the result (``crawler.extract.analyse.Analysis``)
to the response; the spider then only decides what to store and follow. The result is the
same as reading in the spider, which is what happens when the pool is off, full (more
answers waiting than ``MAX_WAITING``: reading in place is the back-pressure) or broken, and
for the first ``WARMUP_PAGES`` pages: a small site is done before a worker would have started.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import deferred_from_coro

from .extract.analyse import analyse_for_store
from .urls import normalise

log = logging.getLogger(__name__)
MAX_WAITING = 64
WARMUP_PAGES = 100
MAX_AUTO_PROCESSES = 3


def process_count(configured: int) -> int:
    """``-1``: one per core the crawling process leaves free (at most 3); ``0``: none."""
    if configured >= 0:
        return configured
    return max(0, min(MAX_AUTO_PROCESSES, (os.cpu_count() or 1) - 1))


class ExtractionOffload:
    def __init__(self, crawler, processes: int) -> None:
        self.crawler = crawler
        self.processes = processes
        self.pool: ProcessPoolExecutor | None = None
        self.waiting = 0
        self.seen = 0
        self.broken = False
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        processes = process_count(crawler.settings.getint("ZWGK_EXTRACT_PROCESSES", 0))
        if processes <= 0:
            raise NotConfigured
        middleware = cls(crawler, processes)
        crawler.signals.connect(middleware.close, signal=signals.spider_closed)
        return middleware

    def _executor(self) -> ProcessPoolExecutor:
        if self.pool is None:  # started on the first page: a crawl of robots.txt only never pays for it
            # spawn, not fork: the crawling process runs threads (DNS, the browser driver)
            self.pool = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"))
        return self.pool

    def process_response(self, request, response, spider):
        """The response itself when it is not to be read here, else a Deferred of it: a
        coroutine for every answer would cost Scrapy a future and a Deferred each."""
        meta = request.meta
        if (self.broken or meta.get("zwgk_kind") != "page" or meta.get("playwright") or response.status == 304
                or not response.body or self.waiting >= MAX_WAITING or not hasattr(spider, "hints")):
            return response
        self.seen += 1
        if self.seen <= WARMUP_PAGES:
            return response
        return deferred_from_coro(self._read(meta, response, spider))

    async def _read(self, meta, response, spider):
        ctype = response.headers.get("Content-Type", b"").decode("latin-1")
        hints = replace(spider.hints, column=meta.get("zwgk_column", ""))
        final = normalise(response.url) or response.url
        self.waiting += 1
        try:
            meta["zwgk_analysis"] = await asyncio.get_running_loop().run_in_executor(
                self._executor(), analyse_for_store, response.body, ctype, final, hints,
                bool(meta.get("zwgk_owner")), meta.get("zwgk_stopped", ""),
                spider.render_patterns if getattr(spider, "browser_on", False) else None)
            self.stats.inc_value("zwgk/extract_offloaded")
        except Exception as exc:  # noqa: BLE001 - a lost worker: the spider reads the page itself
            self.broken = True
            log.warning("页面解析子进程不可用，改为在爬虫进程内解析 (extraction workers unavailable): %r", exc)
        finally:
            self.waiting -= 1
        return response

    def close(self, spider=None) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None
