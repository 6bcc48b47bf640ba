"""The spider's use of the browser: rendering list pages, passing anti-bot challenges.

Kept apart from ``column.py`` so that the crawl logic reads without it. A blocked answer
(412/429/521 …) starts, once per host, a browser visit that lets the challenge script run;
the cookies it earns go into the crawler's cookie jar and the request is sent again. Other
blocked answers from that host wait for the visit (``waiting``) instead of starting their
own. When the crawler is still refused although the browser got through, the host's pages
are fetched by the browser itself (``fetch``). Attachments never go through the browser
(it would download them whole). A page is ``render``-ed when ``crawler.render.render_reason``
says its list is filled by script.
"""

from __future__ import annotations

import scrapy
from scrapy.http import Response

from ..urls import host_of, is_attachment

ERROR_STATUSES = list(range(400, 600))
DEFERRED = object()  # a blocked answer parked until the host's browser challenge is over
# meta carried over when a request is sent again (cookies, browser)
CARRIED_META = ("zwgk_url", "zwgk_kind", "zwgk_method", "zwgk_referer", "zwgk_column", "zwgk_depth", "depth",
                "zwgk_extended", "zwgk_browser_done", "zwgk_browser_final", "zwgk_cookie_retry")


def _original_url(response: Response) -> str:
    return response.meta.get("zwgk_url") or response.meta.get("redirect_urls", [response.url])[0]


def _cookie_for(host: str, domain: str) -> bool:
    domain = (domain or "").lstrip(".").lower()
    return bool(domain) and (host == domain or host.endswith("." + domain))


class BrowserMixin:
    """Needs from the spider: ``challenge``, ``waiting``, ``browser_only``, ``browser_stats``,
    ``browser_retry``, ``_again``, ``parse_page`` and ``parse_probe``."""

    @property
    def browser_on(self) -> bool:
        crawler = getattr(self, "crawler", None)
        return bool(crawler and crawler.settings.getbool("ZWGK_BROWSER"))

    def _browser_request(self, response: Response, purpose: str) -> scrapy.Request:
        """``render`` a list page, pass a ``challenge``, or ``fetch`` what only the browser may read."""
        from scrapy_playwright.page import PageMethod

        from ..render import context_kwargs, pass_challenge, render_list

        self.browser_stats[purpose] += 1
        meta = {k: response.meta[k] for k in CARRIED_META if k in response.meta}
        kind = meta.get("zwgk_kind", "page")
        method = render_list if purpose == "render" or (purpose == "fetch" and kind == "page") else pass_challenge
        meta.update({
            "playwright": True, "playwright_page_methods": [PageMethod(method)], "zwgk_browser": purpose,
            "playwright_context_kwargs": context_kwargs(self.crawler.settings.get("USER_AGENT", "")),
            "handle_httpstatus_list": ERROR_STATUSES,
        })
        if purpose == "challenge":
            meta["playwright_page_goto_kwargs"] = {"wait_until": "commit"}
        callback = self.parse_challenge if purpose == "challenge" else (
            self.parse_page if kind == "page" else self.parse_probe)
        return scrapy.Request(_original_url(response), callback=callback, errback=self.on_browser_error,
                              dont_filter=True, meta=meta, priority=-2)

    def _blocked_retry(self, response: Response):
        """What to do when a target answered with an anti-bot challenge; None: record it blocked."""
        meta = response.meta
        url = _original_url(response)
        host = host_of(url)
        if (meta.get("zwgk_browser") == "fetch" or meta.get("zwgk_browser_final") or not self.browser_on
                or not self.browser_retry):
            return None
        state = self.challenge.get(host)
        if state == "passed":
            if meta.get("zwgk_browser_done") or meta.get("zwgk_cookie_retry") or host in self.browser_only:
                if is_attachment(url):
                    return None  # the browser would download the whole file
                self.browser_only.add(host)  # the browser got through, the crawler does not
                return self._browser_request(response, "fetch")
            return self._again(response, zwgk_cookie_retry=True)  # the jar holds the cookies now
        if state == "failed" or meta.get("zwgk_browser_done") or (is_attachment(url) and state is None):
            return None
        if state == "pending":  # sent again once the browser is through (or has failed)
            self.waiting.setdefault(host, []).append(response)
            return DEFERRED
        self.challenge[host] = "pending"
        return self._browser_request(response, "challenge")

    def _release(self, host: str):
        for waiting in self.waiting.pop(host, []):
            yield self._again(waiting, zwgk_browser_done=self.challenge.get(host) != "passed")

    def parse_challenge(self, response: Response):
        host = host_of(_original_url(response))
        methods = response.meta.get("playwright_page_methods") or []
        result = (methods[0].result if methods else None) or {}
        passed = 200 <= int(result.get("status") or 0) < 400
        self.challenge[host] = "passed" if passed else "failed"
        self.browser_stats["challenge_passed" if passed else "challenge_failed"] += 1
        # the jar keeps them for the host (path "/" as the browser set them, not the page's directory)
        cookies = [{"name": c["name"], "value": c["value"], "path": c.get("path") or "/"}
                   for c in result.get("cookies", []) if _cookie_for(host, c.get("domain"))]
        yield self._again(response, cookies=cookies or None, zwgk_browser_done=True)
        yield from self._release(host)

    def on_browser_error(self, failure):
        request = failure.request
        purpose = request.meta.get("zwgk_browser")
        self.browser_stats[f"{purpose}_error"] += 1
        if purpose == "challenge":
            host = host_of(request.meta.get("zwgk_url", request.url))
            self.challenge[host] = "failed"
            yield self._again(request, zwgk_browser_done=True)
            yield from self._release(host)
        elif purpose == "render":
            yield self._again(request, zwgk_no_render=True)
        else:  # the browser could not fetch it either: record what the crawler was answered
            yield self._again(request, zwgk_browser_final=True)

    def _browser_status(self, response: Response) -> Response:
        """A rendered page's status is that of the document the browser ended on."""
        methods = response.meta.get("playwright_page_methods") or []
        result = (methods[0].result if methods else None) or {}
        status = int(result.get("status") or 0) if isinstance(result, dict) else 0
        return response.replace(status=status) if status and status != response.status else response
