"""Shared by the platform rules: the home pages a crawl read, what a page declares about its site
(``SiteDomain`` / ``SiteIDCode``, search box, 适老化 entries: ``extras["site"]``, see
``crawler.extract.site_features``), the host a page was really served from, and domain names."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from crawler.extract.site_features import is_home_url

from .rule import Records
from .text import extras

# public suffixes of two labels that matter here; anything else counts one label (example.com)
SECOND_LEVEL = {"gov.cn", "com.cn", "net.cn", "org.cn", "edu.cn", "ac.cn", "mil.cn", "xn--zfr164b.cn"}


def site_info(doc: dict) -> dict:
    return extras(doc).get("site") or {}


def home_pages(records: Records) -> list[tuple[dict, str]]:
    """(document, owner) for every home page read: owner "" is the site itself, else a unit that runs
    a site of its own. The crawler marks them (``extras["home"]``); a page at a host's root counts
    too (a site whose column starts at the root)."""
    found = []
    for doc in records.documents:
        mark = extras(doc).get("home")
        if isinstance(mark, dict):
            found.append((doc, mark.get("unit") or ""))
        elif is_home_url(doc["url"]):
            found.append((doc, doc.get("unit") or ""))
    return found


def is_home(doc: dict) -> bool:
    return isinstance(extras(doc).get("home"), dict) or is_home_url(doc["url"])


def served_url(records: Records, url: str) -> str:
    """Where a page really came from, after redirects."""
    page = records.page_by_url.get(url) or {}
    probe = records.probes.get(url) or {}
    return page.get("final_url") or probe.get("final_url") or url


def host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().rstrip(".")


def declared_host(value: str | None) -> str:
    """The host of a ``SiteDomain`` value: ``www.x.gov.cn``, ``http://www.x.gov.cn/`` …"""
    value = (value or "").strip().lower()
    if not value:
        return ""
    if "//" not in value:
        value = "//" + value
    return host(value)


def is_name(h: str) -> bool:
    """A domain name (not an IP address, not a single-label intranet or loopback name)."""
    if not h or "." not in h or h == "localhost" or h.endswith(".localhost"):
        return False
    try:
        ipaddress.ip_address(h.strip("[]"))
        return False
    except ValueError:
        return True


def idna(h: str) -> str:
    """A host name (or a ``.suffix``) in its ASCII form: ``.政务`` is ``.xn--zfr164b``."""
    labels = []
    for label in h.lower().split("."):
        try:
            labels.append(label.encode("idna").decode("ascii") if label else label)
        except UnicodeError:
            labels.append(label)
    return ".".join(labels)


def registrable(h: str) -> str:
    """The registrable domain of a host name: ``hd.gov.cn`` for ``hdzfxxgk.hd.gov.cn``."""
    labels = idna(h).split(".")
    keep = 3 if ".".join(labels[-2:]) in SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def matches(h: str, suffixes) -> bool:
    """The host is one of, or under one of, these names / suffixes (``.gov.cn``, ``gkml.x.gov.cn``)."""
    name = idna(h)
    for suffix in suffixes:
        s = idna(str(suffix).strip().lower().lstrip("*"))
        if not s:
            continue
        if name == s.lstrip(".") or name.endswith(s if s.startswith(".") else "." + s):
            return True
    return False


PLATFORM_61 = "国办公开办函〔2019〕61号 关于规范政府信息公开平台有关事项的通知"


def crumb_steps(doc: dict) -> list[str]:
    return [s.strip().replace(" ", "") for s in (doc.get("column_path") or "").split(">") if s.strip()]
