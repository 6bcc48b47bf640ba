"""The closed set of link outcomes, and how a response or an error maps onto it.

Whether an outcome is a *problem* is for the checks to say; here we only record what the
target did, keeping anti-bot refusals, timeouts and TLS failures apart from "not found".
"""

from __future__ import annotations

import re

from scrapy.exceptions import IgnoreRequest
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


def classify_failure(exc: BaseException) -> str:
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
