"""Never fetch targets in loopback, private or link-local ranges unless the config allows it.

A public portal that links into an intranet must not make the auditor probe that
intranet. The hosts of the site's own start URLs are always allowed. Redirects are caught
too: a redirect is a new request and passes this middleware again. Pages rendered in the
browser make their own requests (scripts, XHR, redirects); ``browser_request_blocked``
applies the same rule to them.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest, NotConfigured


def is_private_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved
            or ip.is_multicast or ip.is_unspecified)


_ACTIVE: "PrivateNetworkGuard | None" = None


class PrivateNetworkGuard:
    def __init__(self, allowed_hosts: set[str]) -> None:
        self.allowed_hosts = allowed_hosts
        self.cache: dict[str, bool] = {}

    @classmethod
    def from_crawler(cls, crawler):
        global _ACTIVE
        if crawler.settings.getbool("ZWGK_ALLOW_PRIVATE"):
            _ACTIVE = None
            raise NotConfigured("private networks allowed by config")
        _ACTIVE = cls({h.lower() for h in crawler.settings.getlist("ZWGK_ALWAYS_ALLOWED_HOSTS")})
        return _ACTIVE

    async def blocks(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return bool(host) and host not in self.allowed_hosts and await self._is_private(host)

    async def _is_private(self, host: str) -> bool:
        if host in self.cache:
            return self.cache[host]
        try:
            ipaddress.ip_address(host.strip("[]"))
            addresses = [host.strip("[]")]
        except ValueError:
            if host == "localhost" or host.endswith(".localhost"):
                addresses = ["127.0.0.1"]
            else:
                try:
                    infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
                    addresses = [info[4][0] for info in infos]
                except OSError:
                    addresses = []  # DNS failure: let the download report it
        private = any(is_private_address(a) for a in addresses)
        self.cache[host] = private
        return private

    def process_request(self, request, spider=None):
        """Decided at once for a host seen before; a coroutine (the DNS look-up) only for a new
        one: an ``async def`` would cost Scrapy a Task and a Deferred on every request."""
        host = (urlsplit(request.url).hostname or "").lower()
        if host in self.allowed_hosts:
            return None
        private = self.cache.get(host)
        if private is None:
            return self._check(request, host)
        return self._decide(request, host, private)

    async def _check(self, request, host: str):
        return self._decide(request, host, await self._is_private(host))

    @staticmethod
    def _decide(request, host: str, private: bool):
        if private:
            request.meta["zwgk_skip_reason"] = "private_address"
            raise IgnoreRequest(f"private address not allowed: {host}")
        return None


async def browser_request_blocked(url: str) -> bool:
    """True when the browser must not fetch ``url`` (the guard of the running crawl)."""
    return _ACTIVE is not None and await _ACTIVE.blocks(url)
