"""URL normalisation, unit ownership and link kinds: shared by crawler, checks and reports."""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from urllib.parse import urljoin, urlsplit, urlunsplit

from w3lib.url import safe_url_string

ATTACHMENT_EXTS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".zip", ".rar", ".7z", ".wps", ".ofd",
                   ".ppt", ".pptx", ".et", ".txt", ".csv", ".jpg", ".jpeg", ".png", ".gif", ".mp4")
IGNORED_SCHEMES = ("mailto:", "javascript:", "tel:", "sms:", "data:", "about:", "#", "vbscript:")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Session ids make one page look like endless different URLs. Named session parameters
# always go; short generic names (sid, sessid) only when their value looks like a token,
# because some CMSs use ``sid=12`` for a site id.
_PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sid|sessionid)=[^/?#;]*", re.I)
_SESSION_PARAMS = {"jsessionid", "phpsessid", "sessionid", "session_id", "cfid", "cftoken", "aspsessionid"}
_TOKEN_PARAMS = {"sid", "sessid"}
_TOKEN = re.compile(r"^[0-9A-Za-z_\-]{16,}$")


def strip_session(path: str, query: str) -> tuple[str, str]:
    """``path;jsessionid=…`` and ``?PHPSESSID=…&id=1`` lose their session ids."""
    path = _PATH_SESSION.sub("", path)
    if not query:
        return path, query
    kept = []
    for part in query.split("&"):
        name, _, value = part.partition("=")
        low = name.lower()
        if low in _SESSION_PARAMS or low.startswith("aspsessionid"):
            continue
        if low in _TOKEN_PARAMS and _TOKEN.match(value):
            continue
        kept.append(part)
    return path, "&".join(kept)


@lru_cache(maxsize=1 << 16)  # navigation links repeat on every page; a pure function of its strings
def normalise(url: str, base: str | None = None) -> str | None:
    """Absolute, fragment-free URL with a lower-case host and no default port; None if not http(s)."""
    url = (url or "").strip().replace("\\", "/")
    if not url or url.lower().startswith(IGNORED_SCHEMES):
        return None
    if base:
        url = urljoin(base, url)
    try:
        parts = urlsplit(safe_url_string(url))
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    try:
        port = parts.port
    except ValueError:
        return None
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if ":" in host and not host.startswith("["):
        netloc = f"[{host}]" + (f":{port}" if port not in (None, _DEFAULT_PORTS[scheme]) else "")
    path, query = strip_session(parts.path or "/", parts.query)
    if "/." in path:
        trailing = path.endswith("/")
        path = posixpath.normpath(path)
        path = path + "/" if trailing and not path.endswith("/") else path
        if path.startswith("//"):
            path = "/" + path.lstrip("/")
    return urlunsplit((scheme, netloc, path, query, ""))


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def is_attachment(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(ATTACHMENT_EXTS)


def unit_for_url(url: str, unit_prefixes: list[tuple[str, str]]) -> str:
    """The unit whose URL prefix is the longest match; "" (本级) when none matches."""
    best, best_len = "", -1
    for unit_id, prefix in unit_prefixes:
        if url.startswith(prefix) and len(prefix) > best_len:
            best, best_len = unit_id, len(prefix)
    return best


def in_prefixes(url: str, prefixes: list[str]) -> bool:
    return any(url.startswith(p) for p in prefixes)


def scope_prefix(url: str) -> str:
    """The directory of a start or unit URL: /xxgk/index.html -> /xxgk/."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if not path.endswith("/"):
        path = path.rsplit("/", 1)[0] + "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))
