"""Never download a whole attachment, never parse a page forever.

A downloader signal handler stops a download as soon as its headers show it is not worth
reading: a link probe's GET of an attachment (headers are all a verdict needs), a page that
turns out to be a binary file, or a page larger than ``[crawl] max_page_kb``. A probe's GET
of an HTML page stops after the first ``PROBE_BYTES`` (enough to spot a "页面不存在" page).
The response still reaches the spider, flagged ``download_stopped``, with the reason in
``meta["zwgk_stopped"]``.
"""

from __future__ import annotations

import re

from scrapy import signals
from scrapy.exceptions import StopDownload

from .urls import is_attachment

PROBE_BYTES = 256 * 1024
BINARY_TYPES = re.compile(
    r"^\s*(?:application/(?:pdf|msword|vnd\.|zip|x-zip|x-rar|x-7z|x-tar|gzip|x-gzip|octet-stream|ofd|x-msdownload|"
    r"x-shockwave|java-archive)|image/|audio/|video/|font/)", re.I)


def is_binary_type(content_type: str, disposition: str = "") -> bool:
    return bool(BINARY_TYPES.match(content_type or "")) or "attachment" in (disposition or "").lower()


class BodyLimit:
    def __init__(self, page_limit: int, probe_limit: int = PROBE_BYTES) -> None:
        self.page_limit = page_limit
        self.probe_limit = probe_limit

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler.settings.getint("ZWGK_MAX_PAGE_BYTES", 5 * 1024 * 1024))
        crawler.signals.connect(ext.headers_received, signal=signals.headers_received)
        crawler.signals.connect(ext.bytes_received, signal=signals.bytes_received)
        return ext

    def _limit(self, request) -> int:
        return self.probe_limit if request.meta.get("zwgk_kind") == "probe" else self.page_limit

    def headers_received(self, headers, body_length, request, spider=None) -> None:
        kind = request.meta.get("zwgk_kind")
        if not kind or request.method == "HEAD":
            return
        ctype = headers.get(b"Content-Type", b"").decode("latin-1")
        disposition = headers.get(b"Content-Disposition", b"").decode("latin-1")
        binary = is_binary_type(ctype, disposition)
        if kind == "probe" and (binary or (is_attachment(request.url) and "html" not in ctype.lower())):
            request.meta["zwgk_stopped"] = "headers"
            raise StopDownload(fail=False)
        if kind != "probe" and binary:
            request.meta["zwgk_stopped"] = "not_html"
            raise StopDownload(fail=False)
        if body_length and body_length > 0 and body_length > self._limit(request):
            request.meta["zwgk_stopped"] = "too_large" if kind != "probe" else "truncated"
            raise StopDownload(fail=False)

    def bytes_received(self, data, request, spider=None) -> None:
        if not request.meta.get("zwgk_kind"):
            return
        received = request.meta.get("zwgk_bytes", 0) + len(data)
        request.meta["zwgk_bytes"] = received
        if received > self._limit(request):
            request.meta["zwgk_stopped"] = "too_large" if request.meta.get("zwgk_kind") != "probe" else "truncated"
            raise StopDownload(fail=False)
