"""The closed set of link outcomes, and how a response or an error maps onto it.

Whether an outcome is a *problem* is for the checks to say; here we only record what the
target did, keeping anti-bot refusals, timeouts and TLS failures apart from "not found".
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest
from twisted.internet.defer import CancelledError
from twisted.internet import error as net_error
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

OK = "ok"
HTTP_ERROR = "http_error"        # 4xx/5xx after retries
SOFT_404 = "soft_404"            # 200, but the page says it does not exist
BLOCKED = "blocked"              # anti-bot / WAF challenge: unverified, never "broken"
TIMEOUT = "timeout"
DNS_ERROR = "dns_error"
CONNECTION_ERROR = "connection_error"
TLS_ERROR = "tls_error"
REDIRECT_LOOP = "redirect_loop"
SKIPPED = "skipped"              # not fetched on purpose: private address, robots.txt, limits
ERROR = "error"                  # anything else; recorded with its message

OUTCOMES = (OK, HTTP_ERROR, SOFT_404, BLOCKED, TIMEOUT, DNS_ERROR, CONNECTION_ERROR, TLS_ERROR,
            REDIRECT_LOOP, SKIPPED, ERROR)
UNREACHABLE = (HTTP_ERROR, SOFT_404, TIMEOUT, DNS_ERROR, CONNECTION_ERROR, REDIRECT_LOOP)

ANTI_BOT_STATUSES = {412, 429, 521, 523, 418}
_CHALLENGE = re.compile(
    r"<script|challenge|captcha|验证码|人机验证|安全验证|访问验证|waf|防火墙|云防护|安全狗|创宇|加速乐|"
    r"yunsuo|jiasule|cloudflare|just a moment|访问被拦截|拦截|频繁|security|ddos|cookie", re.I)


def classify_status(status: int, body_head: str = "") -> str:
    """Outcome for a final HTTP status (after redirects and retries)."""
    if status in ANTI_BOT_STATUSES:
        return BLOCKED
    if status == 403:
        # A WAF answers 403 with a challenge page; a plain server 403 page is just forbidden.
        return BLOCKED if _CHALLENGE.search(body_head or "") else HTTP_ERROR
    if status == 416:
        return OK  # the Range of a probe was refused: the resource is there
    if status >= 400:
        return HTTP_ERROR
    return OK


_HOME_PATHS = re.compile(r"^/(?:(?:index|default|home|main)\.(?:s?html?|jsp|php|aspx?))?$", re.I)


def _bare_host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def is_home_redirect(original: str, final: str) -> bool:
    """A deep link that was redirected to its site's home page: the target is gone (soft 404).

    Only a redirect from a deep path to the root (``/``, ``/index.html`` …) of the same host
    counts; a redirect from ``/xxgk`` to ``/xxgk/`` or between two deep pages does not."""
    if not original or not final or original == final:
        return False
    if _bare_host(original) != _bare_host(final):
        return False
    src, dst = urlsplit(original), urlsplit(final)
    return bool(_HOME_PATHS.match(dst.path or "/")) and not _HOME_PATHS.match(src.path or "/") \
        and not dst.query


def classify_failure(exc: BaseException) -> str:
    if isinstance(exc, CancelledError) and "size" in str(exc).lower():
        return OK  # the target answered with more than we wanted to download: it is there
    if isinstance(exc, IgnoreRequest):
        text = str(exc).lower()
        return REDIRECT_LOOP if "redirect" in text else SKIPPED
    if isinstance(exc, net_error.DNSLookupError):
        return DNS_ERROR
    if isinstance(exc, (net_error.TimeoutError, net_error.TCPTimedOutError)):
        return TIMEOUT
    name = type(exc).__name__
    if "SSL" in name or "TLS" in name or "Certificate" in name:
        return TLS_ERROR
    if isinstance(exc, (ResponseNeverReceived, ResponseFailed)):
        reasons = " ".join(repr(r) for r in getattr(exc, "reasons", []))
        if "SSL" in reasons or "certificate" in reasons.lower():
            return TLS_ERROR
        return CONNECTION_ERROR
    if isinstance(exc, (net_error.ConnectionRefusedError, net_error.ConnectError,
                        net_error.ConnectionLost, net_error.ConnectionDone)):
        return CONNECTION_ERROR
    return ERROR
