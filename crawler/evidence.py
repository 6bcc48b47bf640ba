"""Evidence: a screenshot of the page each new finding is about, with the problem highlighted.

Evaluators keep the URL, the capture time and a picture of every negative finding before
they report it. This stage runs after the checks (``zwgk evidence``, and inside ``zwgk run``
unless ``--no-evidence``): it opens the page of every finding whose problem id has no
evidence yet in Debian's Chromium through Playwright, outlines the broken link or the
metadata block, and stores the PNG with its capture time (Asia/Shanghai), HTTP status and
content hash in the ``evidence`` table. It is collection, like the crawl: it never judges.

Cost is bounded: only new problem ids, at most ``[report] max_screenshots`` per run, a small
pool of pages in parallel, and the browser is not started when there is nothing to take.
A failed capture is recorded with its error and never fails the run.
"""

from __future__ import annotations

import asyncio
import hashlib
import ipaddress
import socket
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .store import rows
from .urls import normalise

try:
    from zoneinfo import ZoneInfo

    TZ = ZoneInfo("Asia/Shanghai")
except Exception:  # no tz database: Shanghai has had no DST since 1991
    TZ = timezone(timedelta(hours=8), "CST")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 900}
MAX_ATTEMPTS = 3
SEVERITY_ORDER = {"veto": 0, "deduct": 1, "advice": 2}

# What to outline on the page: the link whose target is the problem, or the metadata block of
# a document page; pages that are missing something (a column, a guide) are taken as they are.
META_AREAS = ("normative", "policy", "interpretation", "guide", "annual-report", "consultation", "message")


def highlight_mode(rule: str, target: str | None) -> str:
    if target:
        return "link"
    if rule.split(".", 1)[0] in META_AREAS and not rule.endswith(".missing"):
        return "meta"
    return ""


META_LABELS = ["索引号", "发文机关", "发布机构", "发文字号", "文号", "成文日期", "发布日期", "主题分类",
               "有效性", "时效性", "修订", "更新日期", "生成日期"]

_MARK_JS = """
(els, idx) => {
  let first = null;
  for (const i of idx) {
    const el = els[i];
    if (!el) continue;
    el.style.setProperty('outline', '3px solid #d40000', 'important');
    el.style.setProperty('outline-offset', '2px', 'important');
    el.style.setProperty('background-color', 'rgba(255, 225, 0, .45)', 'important');
    first = first || el;
  }
  if (first) first.scrollIntoView({block: 'center', inline: 'nearest'});
  return !!first;
}
"""

_META_JS = """
(labels) => {
  const squash = s => (s || '').replace(/[\\s\\u3000\\u2002\\u00a0]+/g, '');
  let best = null, bestLen = Infinity;
  for (const el of document.querySelectorAll('table, tbody, ul, ol, dl, div, section')) {
    const text = squash(el.innerText);
    if (!text || text.length > 1500) continue;
    const hits = labels.filter(l => text.includes(l)).length;
    if (hits >= 3 && text.length < bestLen) { best = el; bestLen = text.length; }
  }
  if (!best) best = document.querySelector('h1, .title, h2');
  if (!best) return false;
  best.style.setProperty('outline', '3px solid #d40000', 'important');
  best.style.setProperty('outline-offset', '2px', 'important');
  best.scrollIntoView({block: 'center'});
  return true;
}
"""

_CAPTION_JS = """
(text) => {
  const bar = document.createElement('div');
  bar.textContent = text;
  bar.setAttribute('style', 'position:fixed;left:0;right:0;bottom:0;z-index:2147483647;' +
    'background:rgba(0,0,0,.78);color:#fff;font:14px/1.6 "Noto Sans CJK SC",sans-serif;' +
    'padding:4px 12px;text-align:left;');
  (document.body || document.documentElement).appendChild(bar);
}
"""


@dataclass
class EvidenceOptions:
    max_screenshots: int = 200
    concurrency: int = 4
    timeout_seconds: float = 15.0
    allow_private_networks: bool = False
    allowed_hosts: set[str] = field(default_factory=set)
    executable_path: str = CHROMIUM

    @classmethod
    def from_site(cls, site: Any) -> "EvidenceOptions":
        report, crawl = site.report or {}, site.crawl or {}
        hosts = {(urlsplit(u).hostname or "").lower() for u in site.start_urls}
        hosts |= {d.lower() for d in site.allowed_domains}
        return cls(max_screenshots=int(report.get("max_screenshots", 200)),
                   concurrency=max(1, int(report.get("screenshot_concurrency", 4))),
                   timeout_seconds=float(crawl.get("timeout_seconds", 15.0)),
                   allow_private_networks=bool(crawl.get("allow_private_networks", False)),
                   allowed_hosts=hosts)


def shot_name(problem_id: str) -> str:
    """File name of a problem's screenshot (lower case, so the id text appears once in a report)."""
    return f"{problem_id.lower()}.png"


def pending(db, site_id: str, run_id: int) -> list[dict[str, Any]]:
    """Findings of the run whose problem has no screenshot yet (and is not marked by a person)."""
    found = rows(db, """
        SELECT f.problem_id, f.rule, f.severity, f.unit, f.url, f.target, COALESCE(e.attempts, 0) AS attempts
        FROM findings f
        LEFT JOIN evidence e ON e.site_id = ? AND e.problem_id = f.problem_id
        LEFT JOIN problems p ON p.site_id = ? AND p.problem_id = f.problem_id
        WHERE f.run_id = ?
          AND (e.problem_id IS NULL OR (COALESCE(e.path, '') = '' AND COALESCE(e.attempts, 0) < ?))
          AND COALESCE(p.review, '') = ''
        ORDER BY f.id""", [site_id, site_id, run_id, MAX_ATTEMPTS])
    unique = {f["problem_id"]: f for f in found if f["url"]}
    return sorted(unique.values(), key=lambda f: SEVERITY_ORDER.get(f["severity"], 9))


def collect(db, site: Any, run_id: int, out_dir: Path, options: EvidenceOptions | None = None
            ) -> dict[str, int]:
    """Capture the screenshots of the run's new findings into ``out_dir``; never raises for a page."""
    options = options or EvidenceOptions.from_site(site)
    todo = pending(db, site.id, run_id)
    cap = max(0, options.max_screenshots)
    chosen, skipped = todo[:cap], max(0, len(todo) - cap)
    summary = {"captured": 0, "failed": 0, "skipped": skipped, "pending": len(todo)}
    if not chosen:
        return summary
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        results = asyncio.run(_capture_all(chosen, out_dir, options))
    except Exception as exc:  # the browser itself could not start: record it for every item
        results = [{"error": f"浏览器无法启动 browser unavailable: {type(exc).__name__}: {exc}"[:500]}
                   for _ in chosen]
    with db.conn:
        for item, result in zip(chosen, results):
            ok = bool(result.get("path"))
            summary["captured" if ok else "failed"] += 1
            db["evidence"].upsert({
                "site_id": site.id, "problem_id": item["problem_id"], "run_id": run_id,
                "url": item["url"], "target": item["target"],
                "captured_at": result.get("captured_at") or datetime.now(TZ).replace(microsecond=0).isoformat(),
                "status": result.get("status"), "content_hash": result.get("content_hash") or "",
                "final_url": result.get("final_url") or "", "title": result.get("title") or "",
                "path": result.get("path") or "", "highlight": result.get("highlight") or "",
                "error": result.get("error") or "", "attempts": item["attempts"] + 1,
            }, pk=("site_id", "problem_id"))
    return summary


async def _capture_all(items: list[dict], out_dir: Path, options: EvidenceOptions) -> list[dict]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=options.executable_path, args=CHROMIUM_ARGS,
                                           headless=True)
        try:
            context = await browser.new_context(viewport=VIEWPORT, locale="zh-CN", timezone_id="Asia/Shanghai",
                                                ignore_https_errors=True)
            await context.route("**/*", _Guard(options).handle)
            queue: asyncio.Queue = asyncio.Queue()
            for i, item in enumerate(items):
                queue.put_nowait((i, item))
            results: list[dict] = [{} for _ in items]

            async def worker() -> None:
                page = await context.new_page()  # reused: opening a page costs more than loading one
                while not queue.empty():
                    i, item = queue.get_nowait()
                    try:
                        results[i] = await asyncio.wait_for(_capture(page, item, out_dir, options),
                                                            timeout=options.timeout_seconds * 2 + 10)
                    except Exception as exc:
                        results[i] = {"error": f"{type(exc).__name__}: {exc}".splitlines()[0][:500]}
                        await page.close()
                        page = await context.new_page()
                await page.close()

            await asyncio.gather(*(worker() for _ in range(min(options.concurrency, len(items)))))
            return results
        finally:
            await browser.close()


class _Guard:
    """Requests the screenshot browser may make: never media, never a private address unless allowed."""

    def __init__(self, options: EvidenceOptions) -> None:
        self.options = options
        self.cache: dict[str, bool] = {}

    async def _private(self, host: str) -> bool:
        if host not in self.cache:
            try:
                addresses = [str(ipaddress.ip_address(host.strip("[]")))]
            except ValueError:
                try:
                    infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
                    addresses = [i[4][0] for i in infos]
                except OSError:
                    addresses = []
            from .netguard import is_private_address

            self.cache[host] = host == "localhost" or any(is_private_address(a) for a in addresses)
        return self.cache[host]

    async def handle(self, route) -> None:
        request = route.request
        if request.resource_type == "media":
            await route.abort()
            return
        host = (urlsplit(request.url).hostname or "").lower()
        if (not self.options.allow_private_networks and host and host not in self.options.allowed_hosts
                and await self._private(host)):
            await route.abort()
            return
        await route.continue_()


async def _capture(page, item: dict, out_dir: Path, options: EvidenceOptions) -> dict:
    """Open the page, outline the problem, caption it, take the viewport as PNG."""
    timeout_ms = options.timeout_seconds * 1000
    response = await page.goto(item["url"], wait_until="domcontentloaded", timeout=timeout_ms)
    try:
        await page.wait_for_load_state("load", timeout=min(timeout_ms, 5000))
    except Exception:
        pass  # a slow image or script: the document is there, take it as it is
    captured = datetime.now(TZ).replace(microsecond=0)
    status = response.status if response else None
    body = await response.body() if response else b""
    highlight = await _highlight(page, highlight_mode(item["rule"], item.get("target")), item.get("target"))
    caption = (f"问题编号 {item['problem_id']}　截图时间 {captured:%Y-%m-%d %H:%M:%S}（北京时间）"
               f"　页面状态 HTTP {status if status is not None else '—'}　{page.url}")
    await page.evaluate(_CAPTION_JS, caption)
    path = (out_dir / shot_name(item["problem_id"])).resolve()
    await page.screenshot(path=str(path), full_page=False)
    return {"path": str(path), "captured_at": captured.isoformat(), "status": status,
            "content_hash": hashlib.sha256(body).hexdigest(), "final_url": page.url,
            "title": (await page.title())[:300], "highlight": highlight}


async def _highlight(page, mode: str, target: str | None) -> str:
    """Outline the problem on the page; returns what was outlined ("link", "meta") or ""."""
    try:
        if mode == "link" and target:
            want = normalise(target)
            for frame in page.frames:
                hrefs = await frame.eval_on_selector_all("a[href], area[href]",
                                                         "els => els.map(e => e.getAttribute('href'))")
                base = await frame.evaluate("document.baseURI")
                idx = [i for i, h in enumerate(hrefs) if h and normalise(h, base) in (want, target)]
                if idx and await frame.eval_on_selector_all("a[href], area[href]", _MARK_JS, idx):
                    return "link"
            return ""
        if mode == "meta":
            for frame in page.frames:
                if await frame.evaluate(_META_JS, META_LABELS):
                    return "meta"
    except Exception:
        return ""
    return ""
