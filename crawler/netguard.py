"""Never fetch targets in loopback, private or link-local ranges unless the config allows it.

A public portal that links into an intranet must not make the auditor probe that
intranet. The hosts of the site's own start URLs are always allowed.
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


class PrivateNetworkGuard:
    def __init__(self, allowed_hosts: set[str]) -> None:
        self.allowed_hosts = allowed_hosts
        self.cache: dict[str, bool] = {}

    @classmethod
    def from_crawler(cls, crawler):
        if crawler.settings.getbool("ZWGK_ALLOW_PRIVATE"):
            raise NotConfigured("private networks allowed by config")
        return cls({h.lower() for h in crawler.settings.getlist("ZWGK_ALWAYS_ALLOWED_HOSTS")})

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

    async def process_request(self, request, spider=None):
        host = (urlsplit(request.url).hostname or "").lower()
        if host in self.allowed_hosts:
            return None
        if await self._is_private(host):
            request.meta["zwgk_skip_reason"] = "private_address"
            raise IgnoreRequest(f"private address not allowed: {host}")
        return None
