"""Shared by the platform rules: the home pages a crawl read, what a page declares about its site
(``SiteDomain`` / ``SiteIDCode``, search box, 适老化 entries: ``extras["site"]``, see
``crawler.extract.site_features``), the host a page was really served from, and domain names."""

from __future__ import annotations

import ipaddress
import re
from typing import Callable
from urllib.parse import urlsplit

from crawler.extract.site_features import HOME_PATHS, is_home_url

from .rule import DOC_TEXTS, Records
from .text import extras

# public suffixes of two labels that matter here; anything else counts one label (example.com)
SECOND_LEVEL = {"gov.cn", "com.cn", "net.cn", "org.cn", "edu.cn", "ac.cn", "mil.cn", "xn--zfr164b.cn"}


def site_info(doc: dict) -> dict:
    return extras(doc).get("site") or {}


def home_pages(records: Records) -> list[tuple[dict, str]]:
    """(document, owner) for every home page read: owner "" is the site itself, else a unit that runs
    a site of its own. The crawler marks them (``extras["home"]``); a page at a host's root counts
    too (a site whose column starts at the root). Full rows, found once per run: do not change them."""
    return list(records.memo(_home_pages))


def _home_pages(records: Records) -> list[tuple[dict, str]]:
    marks, homes = home_marks(records), home_urls(records)
    rows = [d for d in records.doc_meta if d["url"] in homes]
    return [(doc, (marks[doc["url"]].get("unit") or "") if doc["url"] in marks else (doc.get("unit") or ""))
            for doc in records.with_columns(rows, *DOC_TEXTS)]


def is_home(doc: dict) -> bool:
    """Of a full row (with ``extras``); for light rows, ``home_urls``."""
    return isinstance(extras(doc).get("home"), dict) or is_home_url(doc["url"])


def home_urls(records: Records) -> set[str]:
    """The URLs of the documents ``is_home`` holds for, found once per run from the light rows
    and the few ``extras`` that name a home (no rule has to read every page's ``extras``)."""
    return records.memo(_home_urls)


def home_marks(records: Records) -> dict[str, dict]:
    """url -> the crawler's mark (``extras["home"]``) of the pages that carry one."""
    return records.memo(_home_marks)


def _home_marks(records: Records) -> dict[str, dict]:
    found = {}
    for doc in records.iter_documents(columns=("extras",), contains={"extras": '"home"'}):
        mark = extras(doc).get("home")
        if isinstance(mark, dict):
            found[doc["url"]] = mark
    return found


# A home URL has at most this many slashes before any "#": the other pages need no urlsplit (speed).
_HOME_SLASHES = 2 + max(p.count("/") for p in HOME_PATHS)


def _home_urls(records: Records) -> set[str]:
    marks = home_marks(records)
    return {url for url in (d["url"] for d in records.doc_meta)
            if url in marks or (url.partition("#")[0].count("/") <= _HOME_SLASHES and is_home_url(url))}


def column_root(records: Records) -> dict | None:
    """The site-level column root: the shortest crawled page (light row) that belongs to no unit
    and is no home page."""
    return records.memo(_column_root)


def _column_root(records: Records) -> dict | None:
    homes = home_urls(records)
    docs = [d for d in records.doc_meta if not d.get("unit") and d["url"] not in homes]
    return min(docs, key=lambda d: (len(d["url"]), d["url"])) if docs else None


def served_url(records: Records, url: str) -> str:
    """Where a page really came from, after redirects."""
    page = records.page_by_url.get(url) or {}
    probe = records.probes.get(url) or {}
    return page.get("final_url") or probe.get("final_url") or url


def host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().rstrip(".")


def hosts(records: Records) -> Callable[[str], str]:
    """``host`` computed once per scheme://authority of a run (urlsplit of every page is seconds
    at 100,000 pages): ``host_of = hosts(records)``, then ``host_of(url)``."""
    return records.memo(_hosts)


_AUTHORITY = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#\s]*(?=[/?#]|\Z)")  # what urlsplit reads the host from


def _hosts(records: Records) -> Callable[[str], str]:
    known: dict[str, str] = {}

    def host_of(url: str) -> str:
        m = _AUTHORITY.match(url)
        if m is None:
            return host(url)
        found = known.get(m.group())
        if found is None:
            found = known[m.group()] = host(m.group())
        return found
    return host_of


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


def crumbs_by(records: Records, by: str) -> dict[str | None, set[str]]:
    """The breadcrumb steps of the crawled pages (home pages left out), grouped ``by`` "unit" or
    "host" of the page; once per run (rules ask per unit or per home page)."""
    return records.memo(_crumbs_by, by)


def _crumbs_by(records: Records, by: str) -> dict[str | None, set[str]]:
    homes = home_urls(records)
    key = hosts(records) if by == "host" else None
    found: dict[str | None, set[str]] = {}
    for path, group in {(d.get("column_path"), key(d["url"]) if key else d.get(by)) for d in records.doc_meta
                        if d.get("column_path") and d["url"] not in homes}:
        found.setdefault(group, set()).update(crumb_steps({"column_path": path}))
    return found
