"""The browser, for the few pages that need one (through scrapy-playwright).

Most government pages carry their lists in the HTML. A page is rendered in Chromium only
when its static HTML shows a list that script fills in — a list-like container with no
items next to a script that loads data, or a client-side item template — or when its URL
matches ``[crawl] render_url_patterns``. Rendering waits for the network to settle, then
pages through a script-driven pager (下一页 buttons that are not links) and keeps every
item it saw. The browser is also used, when ``[crawl] browser_retry_blocked`` is on, to
pass an anti-bot JavaScript cookie challenge (412/521 … with ``document.cookie=…``): the
cookies it earns are handed to the crawler for the rest of the host.

One browser, one context, at most ``[crawl] max_browser_pages`` pages at a time, each page
closed after use; images, media and fonts are not loaded, and the private-address guard
applies to every request the page makes. Debian's ``/usr/bin/chromium`` is used (Playwright
never downloads a browser here); without a browser the crawl goes on without rendering.
"""

from __future__ import annotations

import asyncio
import re
import shutil
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet.defer import inlineCallbacks

from .extract.datalists import expand_embedded_lists
from .netguard import browser_request_blocked

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"]
BROWSER_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
SKIPPED_RESOURCES = {"image", "media", "font"}
MAX_PAGER_CLICKS = 30
SETTLE_MS = 5000
CHALLENGE_MS = 3000


class BrowserTimeout(Exception):
    """The browser did not finish a request within ``browser_timeout_seconds``."""


def browser_executable(configured: str = "") -> str | None:
    for candidate in ((configured,) if configured else BROWSER_CANDIDATES):
        path = shutil.which(candidate) or (candidate if Path(candidate).is_file() else None)
        if path:
            return path
    return None


def playwright_settings(crawl: dict) -> dict:
    """Scrapy settings that install the browser, or ``{}`` when it is off or missing."""
    pages = int(crawl.get("max_browser_pages", 0))
    executable = browser_executable(crawl.get("browser_path", "")) if pages > 0 else None
    if not executable:
        return {"ZWGK_BROWSER": False, "ZWGK_BROWSER_MISSING": pages > 0}
    handler = "crawler.render.BrowserDownloadHandler"
    return {
        "ZWGK_BROWSER": True,
        "DOWNLOAD_HANDLERS": {"http": handler, "https": handler},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": {"executable_path": executable, "headless": True, "args": CHROMIUM_ARGS},
        "PLAYWRIGHT_MAX_CONTEXTS": 1,
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": pages,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": float(crawl["timeout_seconds"]) * 1000,
        "PLAYWRIGHT_ABORT_REQUEST": "crawler.render.abort_request",
        # The browser keeps its own headers and cookie jar (a challenge's reload must carry the
        # cookie it just set); the context gets the crawler's User-Agent (see context_kwargs).
        "PLAYWRIGHT_PROCESS_REQUEST_HEADERS": None,
        "ZWGK_BROWSER_TIMEOUT": float(crawl.get("browser_timeout_seconds", 120)),
    }


def context_kwargs(user_agent: str) -> dict:
    """Options of the one browser context (created on first use)."""
    return {"ignore_https_errors": True, "user_agent": user_agent, "locale": "zh-CN"}


def browser_limit(settings, meta: dict) -> float:
    """Seconds a browser request may take, launch included; a challenge is one navigation
    and a short wait, so it gets less than a list walked through its script pager."""
    limit = settings.getfloat("ZWGK_BROWSER_TIMEOUT", 120)
    if meta.get("zwgk_browser") == "challenge":
        limit = min(limit, 2 * settings.getfloat("PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT", 15000) / 1000 + 15)
    return limit


async def bounded(download, limit: float, url: str):
    """A browser that stalls (a launch that never returns, a page that reloads for ever) must
    not stall the crawl: past the limit the request fails, and the spider records what the
    plain crawler was answered (``blocked`` is unverified, never broken)."""
    try:
        return await asyncio.wait_for(download, timeout=limit)
    except asyncio.TimeoutError as exc:
        raise BrowserTimeout(f"browser gave no answer within {limit:g} s: {url}") from exc


class BrowserDownloadHandler(HTTP11DownloadHandler):
    """The plain HTTP handler, which hands the few browser requests (``meta["playwright"]``)
    to scrapy-playwright — imported, created and started only when the first one comes, so a
    crawl that never needs the browser never starts it."""

    def __init__(self, settings, crawler=None) -> None:
        super().__init__(settings, crawler=crawler)
        self._zwgk_crawler = crawler
        self._browser = None
        self._browser_lock = asyncio.Lock()

    async def _browser_handler(self):
        async with self._browser_lock:
            if self._browser is None:
                from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

                handler = ScrapyPlaywrightDownloadHandler(self._zwgk_crawler)
                await handler._launch()  # what it would have done at engine start
                self._browser = handler
        return self._browser

    async def _browser_download(self, request, spider):
        handler = await self._browser_handler()
        return await maybe_deferred_to_future(handler.download_request(request, spider))

    async def _bounded_browser_download(self, request, spider):
        limit = browser_limit(self._zwgk_crawler.settings, request.meta)
        return await bounded(self._browser_download(request, spider), limit, request.url)

    def download_request(self, request, spider):
        if request.meta.get("playwright"):
            return deferred_from_coro(self._bounded_browser_download(request, spider))
        return super().download_request(request, spider)

    @inlineCallbacks
    def close(self):
        yield super().close()
        if self._browser is not None:
            yield self._browser.close()


async def abort_request(request) -> bool:
    if request.resource_type in SKIPPED_RESOURCES:
        return True
    return await browser_request_blocked(request.url)


# -- which pages need the browser -------------------------------------------------------------

LISTISH = re.compile(r"list|lb|news|article|item|data|content|con\b|xxgk|wj|doc|result|info|gk|tab-?con|main", re.I)
NOT_LISTISH = re.compile(r"nav|menu|foot|head|banner|crumb|search|share|friend|link|slide|swiper|pic|img|logo|"
                         r"title|tit\b|page|pager|fenye|tool|weather|date|time", re.I)
FETCHES = re.compile(r"\$\.(?:ajax|get|post|getJSON)\s*\(|\bfetch\s*\(|XMLHttpRequest|axios|\.load\s*\(|"
                     r"\b\w*(?:[Ll]ist|[Pp]age|[Dd]ata|[Ll]oad|[Qq]uery|[Rr]ender)\w*\s*\(", re.S)
TEMPLATE_TYPES = re.compile(r"template|x-tmpl|text/html|jsrender|handlebars|mustache|art", re.I)
TEMPLATE_LOOP = re.compile(r"\{\{\s*[#~]?\s*(?:each|for|list)\b|\{\{#\w+|\{@each|<%\s*(?:for|each)|\beach\b.*\bas\b|"
                           r"v-for=|ms-(?:repeat|for)|ng-repeat|x-for=", re.S)
BOUND_ATTRS = ("v-for", "ms-repeat", "ms-for", "ng-repeat", "x-for", ":href", "v-bind:href", "ms-attr-href",
               "ng-href", "th:each")
DATED = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}")


def _tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


PROMISED = re.compile(r"\b(?:recordCount|totalRecords?|totalCount|recordTotal|allRecord)['\"]?\s*[:=]\s*['\"]?(\d{1,6})")
NEXT_WORDS = re.compile(r"^\s*(?:下一页|下页|后页|尾页|末页|最后一页)\s*$")


def _dated_rows(root, limit: int = 500) -> int:
    count = 0
    for a in root.iter("a"):
        if len((a.text_content() or "").strip()) < 6:
            continue
        row, steps = a.getparent(), 0
        while row is not None and steps < 3:
            if DATED.search(row.text_content() or ""):
                count += 1
                break
            row, steps = row.getparent(), steps + 1
        if count >= limit:
            break
    return count


def _static_pager(root, scripts: str) -> bool:
    """Further pages a crawler can follow without a browser: links or script pagination."""
    if "createPageHTML" in scripts or ".jpage(" in scripts:
        return True
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if href and not href.startswith("#") and not href.lower().startswith("javascript") \
                and NEXT_WORDS.match(a.text_content() or ""):
            return True
    return False


def _empty_list_container(root) -> bool:
    for el in root.iter("ul", "ol", "div", "tbody", "table", "dl", "section"):
        marks = f"{el.get('id') or ''} {el.get('class') or ''}".strip()
        if not marks or not LISTISH.search(marks) or NOT_LISTISH.search(marks):
            continue
        if next(el.iter("a"), None) is not None or next(el.iter("img"), None) is not None:
            continue
        text = re.sub(r"\s+", "", el.text_content() or "")
        if len(text) <= 12:  # empty, or "加载中…"
            return True
    return False


def _template_list(root) -> bool:
    for el in root.iter("script"):
        kind = el.get("type") or ""
        if kind and TEMPLATE_TYPES.search(kind) and el.text and "href" in el.text and TEMPLATE_LOOP.search(el.text):
            return True
    for el in root.iter():
        if isinstance(el.tag, str) and any(attr in el.attrib for attr in BOUND_ATTRS[:5]):
            return True
    return False


def render_reason(text: str, url: str, page_type: str, patterns: tuple[str, ...] = ()) -> str | None:
    """Why this page must be rendered in the browser, or None when its HTML is enough."""
    if any(re.search(p, url) for p in patterns):
        return "pattern"
    if page_type not in ("list", "column_index", "other"):
        return None
    try:
        root = lxml_html.document_fromstring(expand_embedded_lists(text or "<html></html>"))
    except (etree.ParserError, ValueError):
        return None
    scripts = "\n".join(el.text or "" for el in root.iter("script") if not el.get("src"))
    rows = _dated_rows(root)
    if rows >= 2:
        # a static first page whose script promises more records than it shows (TRS 动静结合 lists)
        promised = max((int(n) for n in PROMISED.findall(scripts)), default=0)
        return "more_records" if promised > rows and not _static_pager(root, scripts) else None
    if _template_list(root) and FETCHES.search(scripts):
        return "template"
    if _empty_list_container(root) and FETCHES.search(scripts):
        return "empty_list"
    return None


# -- what the browser does on a page ----------------------------------------------------------

_COLLECT_JS = """() => Array.from(document.querySelectorAll('a[href]')).map(a => [a.href, (a.innerText || a.title || '').trim()])"""
_STATUS_JS = """() => { const n = performance.getEntriesByType('navigation')[0];
  return n && n.responseStatus ? n.responseStatus : 0; }"""
_NEXT_JS = """() => {
  const words = ['下一页', '下页', '后一页', '后页', '下一頁', 'next', 'Next', 'NEXT', '>', '›', '»', '>>'];
  const disabled = el => /disable|forbid|unclick|gray|grey/i.test(el.className || '')
      || el.hasAttribute('disabled') || el.getAttribute('aria-disabled') === 'true';
  const candidates = Array.from(document.querySelectorAll('a, button, span, li, input[type=button], div'));
  for (const word of words) {
    for (const el of candidates) {
      const text = (el.innerText || el.value || el.title || '').trim();
      if (text !== word || el.children.length > 1) continue;
      if (word.length <= 2 && !/page|next|pg|fy|fenye/i.test(
            (el.className || '') + (el.parentElement ? el.parentElement.className || '' : ''))) continue;
      if (disabled(el) || (el.parentElement && disabled(el.parentElement))) return false;
      if (el.tagName === 'A') {
        const href = (el.getAttribute('href') || '').trim();
        if (href && !href.startsWith('#') && !/^javascript/i.test(href)) return false;
      }
      if (/location/.test(el.getAttribute('onclick') || '')) return false;
      el.click();
      return true;
    }
  }
  return false;
}"""
_APPEND_JS = """(links) => { const box = document.createElement('div');
  box.setAttribute('data-zwgk-list', 'rendered'); box.hidden = true;
  for (const [href, text] of links) { const a = document.createElement('a'); a.href = href;
    a.textContent = text; const li = document.createElement('li'); li.appendChild(a); box.appendChild(li); }
  document.body.appendChild(box); }"""


async def _settle(page, timeout_ms: int = SETTLE_MS) -> None:
    try:
        await page.wait_for_load_state("networkidle", timeout=timeout_ms)
    except Exception:  # noqa: BLE001 - a page that keeps polling is still rendered enough
        pass


async def _changed(page, before: set[str], timeout_ms: int = 4000) -> list[tuple[str, str]]:
    """The anchors once the page's links differ from ``before`` (a pager click has landed)."""
    waited, current = 0, []
    while waited < timeout_ms:
        await page.wait_for_timeout(100)
        waited += 100
        current = [tuple(x) for x in await page.evaluate(_COLLECT_JS)]
        if {h for h, _ in current} != before:
            await _settle(page, 2000)  # let the rest of the new page arrive
            return [tuple(x) for x in await page.evaluate(_COLLECT_JS)]
    return []


async def render_list(page) -> dict:
    """Let scripts fill the list, then walk a script pager and keep every item seen."""
    await _settle(page)
    start_url = page.url
    current = [tuple(x) for x in await page.evaluate(_COLLECT_JS)]
    seen: dict[str, str] = dict(current)
    clicks = 0
    try:
        for clicks in range(1, MAX_PAGER_CLICKS + 1):
            if not await page.evaluate(_NEXT_JS):
                break
            landed = await _changed(page, {h for h, _ in current})
            if page.url != start_url or not landed:
                break  # a pager that navigates is followed by static crawling; nothing came: done
            fresh = [(h, t) for h, t in landed if h not in seen]
            current = landed
            if not fresh:
                break
            seen.update(fresh)
    except Exception:  # noqa: BLE001 - navigation or a script error ends the walk, not the page
        pass
    if page.url != start_url:
        try:
            await page.goto(start_url)
            await _settle(page, 3000)
        except Exception:  # noqa: BLE001
            pass
    shown = {h for h, _ in await page.evaluate(_COLLECT_JS)}
    missing = [(h, t) for h, t in seen.items() if h not in shown]
    if missing:
        await page.evaluate(_APPEND_JS, missing)
    return {"status": await page.evaluate(_STATUS_JS), "pager_clicks": clicks, "pager_items": len(missing)}


async def pass_challenge(page) -> dict:
    """Let a JavaScript challenge run (it sets a cookie and reloads), then report the result."""
    await _settle(page, CHALLENGE_MS)  # a page that reloads for ever is given up after that
    status = 0
    try:
        status = await page.evaluate(_STATUS_JS)
    except Exception:  # noqa: BLE001 - still navigating
        pass
    result = {"status": status, "cookies": await page.context.cookies(), "url": page.url}
    try:  # stop a page that keeps reloading, so that its content can be read
        await page.goto("about:blank", timeout=CHALLENGE_MS)
    except Exception:  # noqa: BLE001
        pass
    return result
