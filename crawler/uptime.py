"""``zwgk uptime``: one visit of a site's home page and column roots, for 站点无法访问 (WEB-01).

A nightly crawl cannot measure availability: the 检查指标 count visits spread over a week
(20 or more a day; a visit fails when the page is still not open after 15 seconds). So a
scheduler runs this prober every 30 minutes (``zwgk schedule --uptime`` prints the entry); each
call visits the home page of every start URL's host and the start URLs (the column roots) once
and appends one row per URL to the ``uptime`` table of the site's database (``time``, ``url``,
``ok``, ``status``, ``elapsed_ms``, ``error``). The check ``site.unreachable`` judges the rows of
the last 7 days; this module never judges.

Plain HTTP (urllib, no browser) with the crawler's User-Agent and ``timeout_seconds`` as a limit
on the whole visit, body included. Redirects are followed by hand (at most ``MAX_REDIRECTS``) so
that every hop passes the private-address guard of ``crawler.netguard``: a target in a
loopback/private range is not fetched unless ``allow_private_networks`` is set, the hosts of the
start URLs always allowed. Certificates are not verified here (``link.tls-error`` judges them);
an anti-bot refusal is recorded as ``blocked`` and a guarded target as ``skipped``, which the
check leaves out of the count.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable
from urllib.parse import urljoin, urlsplit

from .config import SiteConfig
from .extract.site_features import home_of
from .linkstatus import BLOCKED, CONNECTION_ERROR, DNS_ERROR, ERROR, OK, REDIRECT_LOOP, SKIPPED, TIMEOUT, TLS_ERROR
from .linkstatus import classify_status
from .netguard import is_private_address
from .urls import normalise

MAX_REDIRECTS = 5
MAX_BODY = 1024 * 1024  # read at most this much of a page: "open" means the answer arrived


@dataclass
class Visit:
    url: str
    ok: bool
    status: int | None
    elapsed_ms: int
    error: str  # "" when ok, else an outcome of crawler.linkstatus

    def row(self, site_id: str, at: str) -> dict[str, Any]:
        return {"site_id": site_id, "time": at, "url": self.url, "ok": int(self.ok), "status": self.status,
                "elapsed_ms": self.elapsed_ms, "error": self.error}


def probe_urls(site: SiteConfig) -> list[str]:
    """The home page of every start URL's host, then the start URLs (column roots), each once."""
    found: list[str] = []
    for url in [home_of(u) for u in site.start_urls] + list(site.start_urls):
        url = normalise(url) or url
        if url not in found:
            found.append(url)
    return found


def _private(host: str) -> bool:
    try:
        addresses = [info[4][0] for info in socket.getaddrinfo(host.strip("[]"), None, type=socket.SOCK_STREAM)]
    except OSError:
        return False  # DNS failure: the visit reports it
    return any(is_private_address(a) for a in addresses)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _opener() -> urllib.request.OpenerDirector:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return urllib.request.build_opener(_NoRedirect, urllib.request.HTTPSHandler(context=context))


def _error_outcome(exc: BaseException) -> str:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return TIMEOUT
    if isinstance(reason, socket.gaierror):
        return DNS_ERROR
    if isinstance(reason, ssl.SSLError):
        return TLS_ERROR
    if isinstance(reason, (ConnectionError, OSError, http.client.HTTPException)):
        return CONNECTION_ERROR
    return ERROR


def visit(url: str, timeout: float, user_agent: str, allowed_hosts: set[str], allow_private: bool) -> Visit:
    """One visit of ``url``: ok when a 2xx page arrives, redirects included, within ``timeout``."""
    opener = _opener()
    started = time.monotonic()
    current, status = url, None

    def done(ok: bool, error: str) -> Visit:
        return Visit(url, ok, status, int((time.monotonic() - started) * 1000), error)

    for _ in range(MAX_REDIRECTS + 1):
        host = (urlsplit(current).hostname or "").lower()
        if not allow_private and host not in allowed_hosts and _private(host):
            return done(False, SKIPPED)
        left = timeout - (time.monotonic() - started)
        if left <= 0:
            return done(False, TIMEOUT)
        request = urllib.request.Request(current, headers={"User-Agent": user_agent, "Accept": "text/html,*/*"})
        try:
            response = opener.open(request, timeout=left)
        except urllib.error.HTTPError as exc:
            response = exc
        except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
            return done(False, _error_outcome(exc))
        try:
            status = response.status if hasattr(response, "status") else response.code
            location = response.headers.get("Location") if 300 <= status < 400 else None
            body = b""
            try:
                while len(body) < MAX_BODY:
                    if time.monotonic() - started > timeout:
                        return done(False, TIMEOUT)
                    chunk = response.read(65536)
                    if not chunk:
                        break
                    body += chunk
            except (OSError, http.client.HTTPException) as exc:
                return done(False, _error_outcome(exc))
        finally:
            response.close()
        if time.monotonic() - started > timeout:
            return done(False, TIMEOUT)
        if location:
            current = urljoin(current, location)
            continue
        outcome = classify_status(status, body[:4096].decode("utf-8", "replace"))
        return done(outcome == OK and 200 <= status < 300, "" if outcome == OK else outcome)
    return done(False, REDIRECT_LOOP)


def probe_site(site: SiteConfig) -> list[Visit]:
    crawl = site.crawl
    allowed = {(urlsplit(u).hostname or "").lower() for u in site.start_urls}
    return [visit(url, float(crawl["timeout_seconds"]), str(crawl["user_agent"]), allowed,
                  bool(crawl["allow_private_networks"])) for url in probe_urls(site)]


def record(db, site_id: str, rows: Iterable[dict[str, Any]]) -> int:
    """Append uptime rows (``Visit.row`` dicts, or synthetic history of the same shape)."""
    rows = [{**r, "site_id": site_id} for r in rows]
    if rows:
        with db.conn:
            db["uptime"].insert_all(rows)
    return len(rows)


def run(site: SiteConfig, db) -> list[Visit]:
    at = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    visits = probe_site(site)
    record(db, site.id, [v.row(site.id, at) for v in visits])
    return visits


__all__ = ["Visit", "probe_urls", "visit", "probe_site", "record", "run", "BLOCKED", "SKIPPED"]
