"""Verify the TLS certificate of every HTTPS host once per run.

The crawler itself does not verify certificates (a page behind an expired certificate can
still be read and its links checked), so a certificate problem would go unseen. This
middleware makes one verifying handshake per host and port (system CA store, host name
check) and marks every response from a host that fails it with
``meta["zwgk_tls_error"]``; the spider records the link outcome as ``tls_error`` — a
finding of its own (``link.tls-error``), not a broken link. A host that cannot be reached
for the check is not blamed.
"""

from __future__ import annotations

import asyncio
import ssl
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured


class TlsVerifier:
    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.results: dict[tuple[str, int], asyncio.Future] = {}

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("ZWGK_VERIFY_TLS", True):
            raise NotConfigured("TLS verification switched off")
        return cls(min(crawler.settings.getfloat("DOWNLOAD_TIMEOUT", 15), 15))

    async def _handshake(self, host: str, port: int) -> str:
        context = ssl.create_default_context()
        try:
            _, writer = await asyncio.wait_for(
                asyncio.open_connection(host, port, ssl=context, server_hostname=host), self.timeout)
        except ssl.SSLCertVerificationError as exc:
            return exc.verify_message or str(exc)
        except (OSError, asyncio.TimeoutError, ssl.SSLError, ValueError):
            return ""
        writer.close()
        return ""

    async def problem(self, url: str) -> str:
        key = _host_port(url)
        if key is None:
            return ""
        if key not in self.results:
            self.results[key] = asyncio.ensure_future(self._handshake(*key))
        return await self.results[key]

    def process_response(self, request, response, spider=None):
        """The response at once unless an HTTPS host's verdict is still due: an ``async def``
        would cost Scrapy a Task and a Deferred on every answer."""
        if not request.meta.get("zwgk_kind") or response.url[:6].lower() != "https:":
            return response
        known = self.results.get(_host_port(response.url))
        if known is not None and known.done():
            return self._mark(request, response, known.result())
        return self._marked(request, response)

    async def _marked(self, request, response):
        return self._mark(request, response, await self.problem(response.url))

    @staticmethod
    def _mark(request, response, problem: str):
        if problem:
            request.meta["zwgk_tls_error"] = f"证书校验失败 certificate verify failed: {problem}"
        return response


def _host_port(url: str) -> tuple[str, int] | None:
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return None
    return parts.hostname.lower(), parts.port or 443
