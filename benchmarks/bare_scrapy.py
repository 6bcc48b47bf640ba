"""The engine's own floor: a plain Scrapy link-check spider, for ``benchmarks.run --only scrapy``.

It does what every Scrapy link checker must do and nothing zwgk adds: GET the site's pages and
take their ``a``/``iframe``/``img`` links (lxml, through Scrapy's selectors), HEAD every other
target, with Scrapy's own dupefilter and memory queues — no extraction, no storage, no
frontier, no conditional requests. Same concurrency per host, retries and robots.txt as zwgk's
benchmark run. Timing it in the same run tells how much of zwgk's time is Scrapy/Twisted
itself (one process, one core) and how much is zwgk's work on top.

    .venv/bin/python -m benchmarks.bare_scrapy http://127.0.0.1:PORT/xxgk/ --concurrency 8
"""

from __future__ import annotations

import argparse
import re
import sys
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import CrawlerProcess

NOT_HTML = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|zip|rar|7z|ofd|wps|jpe?g|png|gif|mp4)$", re.I)


class BareLinkSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, start: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.start_url = start
        parts = urlsplit(start)
        self.host, self.prefix = parts.netloc, parts.path
        self.pages = self.checked = 0

    async def start(self):
        yield scrapy.Request(self.start_url, callback=self.parse)

    def _inside(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.netloc == self.host and parts.path.startswith(self.prefix) and not NOT_HTML.search(parts.path)

    def parse(self, response):
        self.pages += 1
        if not isinstance(response, scrapy.http.TextResponse):
            return
        for href in response.xpath("//a/@href | //iframe/@src | //img/@src").getall():
            url = response.urljoin(href.strip())
            if not url.startswith(("http://", "https://")):
                continue
            if self._inside(url):
                yield scrapy.Request(url, callback=self.parse)
            else:
                yield scrapy.Request(url, method="HEAD", callback=self.checked_target)

    def checked_target(self, response):
        self.checked += 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("url")
    ap.add_argument("--concurrency", type=int, default=8)
    args = ap.parse_args(argv)
    process = CrawlerProcess({
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        "LOG_LEVEL": "WARNING", "TELNETCONSOLE_ENABLED": False, "ROBOTSTXT_OBEY": True,
        "CONCURRENT_REQUESTS": 32, "CONCURRENT_REQUESTS_PER_DOMAIN": args.concurrency, "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False, "RETRY_TIMES": 2, "HTTPERROR_ALLOW_ALL": True, "DOWNLOAD_TIMEOUT": 15,
        "DEPTH_PRIORITY": 1, "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7", "COOKIES_ENABLED": True,
    })
    crawler = process.create_crawler(BareLinkSpider)
    process.crawl(crawler, start=args.url)
    process.start()
    spider = crawler.spider
    print(f"pages {spider.pages}, targets {spider.checked}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
