"""Which link targets no member of the public can reach: the editor's own disk, loopback,
private address ranges, intranet host names — judged against the site's own hosts, which
are never a problem (an intranet portal or the demo served on 127.0.0.1 links to itself)."""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import urlsplit

from .rule import Context, Records

INTRANET_SUFFIXES = (".local", ".lan", ".intranet", ".internal", ".corp", ".home", ".localdomain", ".home.arpa",
                     ".localhost")


def _ip(host: str):
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def host_kind(host: str) -> str:
    """public | loopback | private | intranet | bare_ip (a public address written as digits)."""
    host = (host or "").lower().rstrip(".")
    ip = _ip(host)
    if ip is not None:
        if ip.is_loopback or ip.is_unspecified:
            return "loopback"
        if ip.is_private or ip.is_link_local or ip.is_reserved:
            return "private"
        return "bare_ip"
    if host == "localhost" or host.endswith(".localhost"):
        return "loopback"
    if "." not in host or host.endswith(INTRANET_SUFFIXES):
        return "intranet"
    return "public"


_ORIGIN = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*")


def hostname(url: str) -> str:
    """``(urlsplit(url).hostname or "").lower()``, parsed once per scheme and host (the
    checks ask for it on every link of a run)."""
    origin = _ORIGIN.match(url)
    return _origin_host(origin.group(0)) if origin else (urlsplit(url).hostname or "").lower()


@lru_cache(maxsize=4096)
def _origin_host(origin: str) -> str:
    return (urlsplit(origin).hostname or "").lower()


def own_hosts(records: Records, ctx: Context) -> set[str]:
    hosts = set(records.memo(_page_hosts))
    hosts |= {(urlsplit(u).hostname or "").lower() for u in ctx.unit_homes.values()}
    return {h for h in hosts if h}


def _page_hosts(records: Records) -> frozenset[str]:
    return frozenset(hostname(p["url"]) for p in records.pages)


def internal_kind(url: str, own: set[str]) -> str | None:
    """The kind of an internal target, or None when the public can reach it (or it is the site's own)."""
    host = hostname(url)
    if not host or host in own:
        return None
    kind = host_kind(host)
    if kind == "public":
        return None
    own_kinds = {host_kind(h) for h in own}
    if kind in ("loopback", "private") and kind in own_kinds:
        return None  # the audited site itself is served from such an address: cannot judge
    return kind
