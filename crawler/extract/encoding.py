"""Decode HTML bytes the way a browser ends up showing them.

Government servers often send GBK with no charset, a wrong charset header, or a meta tag
that disagrees with the header. Declared encodings are tried strictly in order of
authority; the first that decodes without error wins; GB18030 (a superset of GBK and
GB2312) catches undeclared Chinese pages.
"""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
            "gb_2312-80": "gb18030", "utf8": "utf-8", "iso-8859-1": "cp1252", "latin1": "cp1252"}


def canonical(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def header_charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    m = _HEADER_CHARSET.search(content_type)
    return canonical(m.group(1)) if m else None


def meta_charset(body: bytes) -> str | None:
    m = _META_CHARSET.search(body[:4096])
    return canonical(m.group(1).decode("ascii", "ignore")) if m else None


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; never raises."""
    for bom, enc in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(enc, errors="replace"), enc
    candidates: list[str] = []
    for enc in (header_charset(content_type), meta_charset(body), "utf-8", "gb18030"):
        if enc and enc not in candidates:
            candidates.append(enc)
    # cp1252 declared for Chinese pages is almost always a server default: prefer the others.
    candidates.sort(key=lambda e: e == "cp1252")
    for enc in candidates:
        try:
            return body.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    enc = candidates[0]
    return body.decode(enc, errors="replace"), enc
