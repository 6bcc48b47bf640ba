"""Scrapy settings: polite defaults; per-site values come from ``build_settings``."""

from __future__ import annotations

from typing import Any

from .render import playwright_settings

BOT_NAME = "zwgk"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
ROBOTSTXT_OBEY = True
COOKIES_ENABLED = True
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "WARNING"
CONCURRENT_REQUESTS = 32
WARN_ON_GENERATOR_RETURN_VALUE = False  # else Scrapy re-reads the callback's source (ast) for every response
CONCURRENT_ITEMS = 1          # the store pipeline is synchronous: parallel item slots only cost (100 tasks per response)
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.5
RANDOMIZE_DOWNLOAD_DELAY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 15
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 0
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 408, 429, 522, 524]
REDIRECT_MAX_TIMES = 10
METAREFRESH_ENABLED = False  # refresh targets are recorded as links and followed by the spider
HTTPERROR_ALLOW_ALL = True   # every status reaches the spider, which records it
DEPTH_PRIORITY = 1           # breadth-first: column pages before deep detail pages
SCHEDULER_DISK_QUEUE = "crawler.resume.JsonFifoDiskQueue"  # with JOBDIR (set per run): beyond 2,000 per priority, on disk
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"
SCHEDULER_START_DISK_QUEUE = "crawler.resume.JsonFifoDiskQueue"  # start requests too (all pending ones on --resume)
DOWNLOADER_MIDDLEWARES = {
    "crawler.offload.ExtractionOffload": 40,       # last on the way back: pages read in worker processes
    "crawler.netguard.PrivateNetworkGuard": 50,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.retry.BackoffRetryMiddleware": 550,   # exponential backoff between attempts
    "crawler.tlscheck.TlsVerifier": 900,           # after redirects: every hop's host is checked
    "crawler.incremental.ConditionalRequests": 560,  # If-None-Match / If-Modified-Since from the last run
}
SPIDER_MIDDLEWARES = {
    "crawler.incremental.IncrementalSpiderMiddleware": 950,  # next to the spider: skip link checks not due
    "crawler.resume.FrontierMiddleware": 10,                 # next to the engine: one batch per response
}
EXTENSIONS = {"crawler.bodylimit.BodyLimit": 100}  # never download whole attachments or huge pages
ITEM_PIPELINES = {"crawler.pipelines.StorePipeline": 300}
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "zh-CN,zh;q=0.9",
}


def build_settings(site, db_path: str, run_id: int) -> dict[str, Any]:
    """Settings for one site run, from its ``[crawl]`` section."""
    crawl = site.crawl
    rps = crawl["requests_per_second_per_host"]
    values = {k: v for k, v in globals().items() if k.isupper()}
    values.update({
        "CONCURRENT_REQUESTS_PER_DOMAIN": crawl["concurrency_per_host"],
        "DOWNLOAD_DELAY": (1.0 / rps) if rps else 0,
        "AUTOTHROTTLE_ENABLED": bool(rps),
        "RANDOMIZE_DOWNLOAD_DELAY": bool(rps),
        "DOWNLOAD_TIMEOUT": crawl["timeout_seconds"],
        "RETRY_TIMES": crawl["retries"],
        "ROBOTSTXT_OBEY": crawl["obey_robots"],
        "USER_AGENT": crawl["user_agent"],
        "DEPTH_LIMIT": 0,  # the spider enforces max_depth itself, probing (not dropping) deeper links
        "ZWGK_RETRY_BACKOFF": crawl["retry_backoff_seconds"],
        "ZWGK_VERIFY_TLS": crawl["verify_tls"],
        "ZWGK_MAX_PAGE_BYTES": crawl["max_page_kb"] * 1024,
        "ZWGK_DB": db_path,
        "ZWGK_RUN_ID": run_id,
        "ZWGK_ALLOW_PRIVATE": crawl["allow_private_networks"],
        "ZWGK_ALWAYS_ALLOWED_HOSTS": sorted({h for h in site.allowed_domains}),
        "ZWGK_INCREMENTAL": crawl.get("incremental", True),
        "ZWGK_RECHECK_OK_DAYS": crawl.get("recheck_ok_links_days", 7),
        "ZWGK_EXTRACT_PROCESSES": crawl.get("extract_processes", -1),
    })
    values.update(playwright_settings(crawl))
    return values
