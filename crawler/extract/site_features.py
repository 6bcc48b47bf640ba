"""What the platform rules need of a page beyond its contents: a search box, the entries to a
senior-friendly or accessible mode, the links that name the 信息公开 column, the site's declared
identity (the ``SiteDomain`` / ``SiteIDCode`` page tags every government site carries), and on
a site's home page the dates its lists show. Plus two facts of a link target's answer (how
long it was, what its body looked like) and the home pages a crawl should read.

Collection only, like the rest of the extractor: everything is recognised by what the page
says or declares (placeholder and button words, link texts, meta tags, row dates), never by a
CMS selector; whether any of it is a problem is for the checks to say.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..urls import normalise
from .labels import clean, meta_content

SEARCH_WORDS = re.compile(r"搜索|检索|查询|search|sousuo|keyword|searchword|sword|query|关键[字词]", re.I)
SEARCH_NAMES = re.compile(r"^(q|wd|kw|key|keys|word|words|qt|searchkey|text)$", re.I)
SEARCH_ACTION = re.compile(r"search|sousuo|/so/|/s\?|was5|irs|jsearch|ssp/|govsearch|trssearch|query|/sc/", re.I)
SEARCH_SCRIPT = re.compile(r"searchForm|doSearch\s*\(|[\(,]\s*['\"]#search\w*['\"]", re.I)
A11Y_WORDS = re.compile(r"长者|关怀|适老|无障碍|老年(人)?(模式|版|专区)|长辈|大字版|大字模式|读屏|助残|爱心模式")
A11Y_SCRIPTS = re.compile(r"aria\.js|/wza\b|wza[_-]?\w*\.js|slb\w*\.js|cniil|assist\w*\.js|barrier|accessib|"
                          r"aria\.(start|oldFixedStart)|ariaslh|openSlb|openWza", re.I)
# Lower-case pieces one of which every A11Y_SCRIPTS match holds: most scripts have none (speed).
_A11Y_HINTS = ("aria", "wza", "slb", "cniil", "assist", "barrier", "accessib")
DISCLOSURE_WORDS = re.compile(r"信息公开|政务公开|公开目录")
CHROME_SCRIPT = re.compile(r"(^|/)(head|header|top|nav|menu|common|public|search)\w*\.js", re.I)
HOME_PATHS = {"", "/", "/index.html", "/index.htm", "/index.shtml", "/index.jsp", "/index.php", "/index.aspx",
              "/default.html", "/default.htm", "/default.aspx", "/default.shtml", "/main.html", "/main.htm"}
MONTH_DAY = re.compile(r"(?<![\d年./-])(0?[1-9]|1[0-2])\s*[-/.月]\s*(0?[1-9]|[12]\d|3[01])(?:日)?(?![\d:/.-])")
FULL_DATE = re.compile(r"(19|20)\d{2}\s*[-/.年]\s*\d{1,2}")
MAX_ENTRIES = 10


def is_home_url(url: str) -> bool:
    """A site's home page: the root of its host (or the index file there)."""
    parts = urlsplit(url)
    return bool(parts.netloc) and parts.path.lower() in HOME_PATHS and not parts.query


def home_of(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/", "", ""))


def home_urls(start_urls: list[str], units: list[tuple[str, list[str]]]) -> dict[str, str]:
    """home URL -> owner ("" for the site itself, else the unit id) for the hosts a site is served
    from: the portal (hosts of the start URLs) and the units that run a site of their own."""
    out: dict[str, str] = {}
    for owner, urls in [("", start_urls)] + list(units):
        for url in urls:
            home = normalise(home_of(url))
            if home:
                out.setdefault(home, owner)
    return out


def _attrs(el) -> str:
    return " ".join(str(v) for k, v in el.attrib.items() if k not in ("style", "value", "src"))


def _anchors(root) -> list[tuple[Any, str]]:
    """Every link with its visible text, read once for all the collectors below."""
    return [(a, clean(a.text_content())) for a in root.iter("a")]


def has_search(root, anchors=None) -> bool:
    """A search box or a search entry: a text input named or labelled for search, a form posting to
    a search service, or a link marked as the site's search (开普云 ``role="searchbox"``)."""
    for el in root.iter("input"):
        kind = (el.get("type") or "text").lower()
        if kind not in ("text", "search", ""):
            continue
        name = el.get("name") or el.get("id") or ""
        if SEARCH_WORDS.search(_attrs(el)) or SEARCH_NAMES.match(name):
            return True
        form = next((a for a in el.iterancestors("form")), None)
        if form is not None and SEARCH_ACTION.search(form.get("action") or ""):
            return True
    for el in root.iter("form"):
        if SEARCH_ACTION.search(el.get("action") or "") or SEARCH_WORDS.search(f"{el.get('id')} {el.get('name')}"):
            return True
    entries = (anchors if anchors is not None else _anchors(root)) + [(b, clean(b.text_content()))
                                                                       for b in root.iter("button")]
    for el, text in entries:
        if (el.get("role") or "").lower() == "searchbox" or (text in ("搜索", "检索", "站内搜索", "全文检索", "高级检索")
                                                            and SEARCH_ACTION.search(el.get("href") or "search")):
            return True
    for el in root.iter("script"):
        if (el.text and "search" in el.text.lower() and SEARCH_SCRIPT.search(el.text)
                and re.search(r"submit|location", el.text, re.I)):
            return True
    return False


def a11y_entries(root, anchors=None) -> list[str]:
    """Texts of the entries to a 长者模式 / 关怀版 / 适老版 / 无障碍 mode (links, buttons, toolbar scripts)."""
    found: list[str] = []
    others = [(el, clean(el.text_content())) for el in root.xpath("//button | //*[@onclick][not(*)][not(self::a)]")]
    for el, text in (anchors if anchors is not None else _anchors(root)) + others:
        text = text or clean(el.get("title") or "")
        if text and len(text) <= 12 and A11Y_WORDS.search(text) and text not in found:
            found.append(text)
    for el in root.iter("script"):
        source = f"{el.get('src') or ''} {(el.text or '')[:4000]}"
        lowered = source.lower()
        if any(h in lowered for h in _A11Y_HINTS) and A11Y_SCRIPTS.search(source):
            found.append("（无障碍/适老化工具条脚本）")
            break
    return found[:MAX_ENTRIES]


def disclosure_links(root, url: str, anchors=None) -> list[dict[str, str]]:
    """Links whose text names a 信息公开 / 政务公开 column, wherever they sit (nav, footer, body)."""
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for a, text in anchors if anchors is not None else _anchors(root):
        text = re.sub(r"\s+", "", text)
        if not 2 <= len(text) <= 12 or not DISCLOSURE_WORDS.search(text) or text in seen:
            continue
        seen.add(text)
        out.append({"text": text, "url": normalise(a.get("href") or "", url) or ""})
        if len(out) >= MAX_ENTRIES:
            break
    return out


def script_chrome(root) -> bool:
    """Part of the page frame is written by script (a header/nav include): what it holds is unseen."""
    return any(CHROME_SCRIPT.search(urlsplit(el.get("src") or "").path) for el in root.iter("script")
               if el.get("src"))


def month_day_dates(root, anchors=None) -> list[str]:
    """``MM-DD`` dates printed next to titled links without a year (home-page lists do this);
    the year is the checks' to infer, from the audit date."""
    found: list[str] = []
    for a, text in anchors if anchors is not None else _anchors(root):
        if len(text) < 6:
            continue
        row = a.getparent()
        if row is None:
            continue
        rest = clean(row.text_content()).replace(text, " ", 1)
        if FULL_DATE.search(rest):
            continue
        m = MONTH_DAY.search(rest)
        if m:
            found.append(f"{int(m.group(1)):02d}-{int(m.group(2)):02d}")
    return found[:300]


def collect(root, url: str) -> dict[str, Any]:
    """The ``site`` entry of a page's extras (only what was found)."""
    out: dict[str, Any] = {}
    anchors = _anchors(root)
    if has_search(root, anchors):
        out["search"] = True
    entries = a11y_entries(root, anchors)
    if entries:
        out["a11y"] = entries
    links = disclosure_links(root, url, anchors)
    if links:
        out["disclosure_links"] = links
    for key, name in (("site_domain", "SiteDomain"), ("site_code", "SiteIDCode")):
        value = meta_content(root, name)[:200]
        if value:
            out[key] = value
    if script_chrome(root):
        out["script_chrome"] = True
    if is_home_url(url):
        out["links"] = sum(1 for a, _ in anchors if a.get("href"))
        dates = month_day_dates(root, anchors)
        if dates:
            out["month_days"] = dates
    return {"site": out} if out else {}


# -------------------------------------------------------------- link targets

def probe_facts(response, method: str) -> dict[str, Any]:
    """``length``: the size the target declared or sent (None when unknown); ``body_type``: what a
    read body looked like — html, binary, text or empty (None when nothing was read, e.g. HEAD)."""
    headers = response.headers
    length = None
    content_range = (headers.get("Content-Range") or b"").decode("latin-1")
    m = re.search(r"/\s*(\d+)\s*$", content_range)
    if m:
        length = int(m.group(1))
    elif headers.get("Content-Length") is not None:
        try:
            length = int(headers.get("Content-Length"))
        except ValueError:
            length = None
    body = response.body or b""
    body_type = None
    if method not in ("HEAD", "BROWSER"):  # the browser's body is its own rendering, not the target's
        if not body:
            body_type = "empty"
            if length is None and response.status == 200:
                length = 0
        else:
            head = body[:2048]
            stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
            if b"\x00" in head or stripped.startswith((b"%pdf", b"pk\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89png",
                                                       b"\xff\xd8\xff", b"gif8", b"rar!", b"7z\xbc\xaf")):
                body_type = "binary"
            elif stripped.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml", b"<!--", b"<meta",
                                      b"<script", b"<div", b"<title")) or b"<html" in stripped or b"<body" in stripped:
                body_type = "html"
            else:
                body_type = "text"
    return {"length": length, "body_type": body_type}
