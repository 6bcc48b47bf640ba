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
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            return ""
        key = (parts.hostname.lower(), parts.port or 443)
        if key not in self.results:
            self.results[key] = asyncio.ensure_future(self._handshake(*key))
        return await self.results[key]

    async def process_response(self, request, response, spider=None):
        if request.meta.get("zwgk_kind"):
            problem = await self.problem(response.url)
            if problem:
                request.meta["zwgk_tls_error"] = f"证书校验失败 certificate verify failed: {problem}"
        return response
