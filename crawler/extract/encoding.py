"""Decode HTML bytes the way a browser ends up showing them.

Government servers often send GBK with no charset, a wrong charset header, or a meta tag
that disagrees with the header. A body that is valid UTF-8 and not plain ASCII is UTF-8
whatever is declared (GBK text is practically never valid UTF-8, while GB18030 accepts
almost any byte string, so trying a declared GBK first would turn UTF-8 pages into
mojibake). Otherwise declared encodings are tried strictly in order of authority (header,
``<meta>``, ``<?xml encoding?>``); GB18030 (a superset of GBK and GB2312) catches undeclared
Chinese pages. A truncated body (a ranged probe) may end inside a character: that tail is
not held against an encoding.
"""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
            "gb_2312-80": "gb18030", "gb_2312": "gb18030", "euc-cn": "gb18030", "utf8": "utf-8",
            "iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}
META_SCAN_BYTES = 16384


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
    head = body[:META_SCAN_BYTES]
    m = _XML_DECL.search(head) or _META_CHARSET.search(head)
    return canonical(m.group(1).decode("ascii", "ignore")) if m else None


def _strict(body: bytes, encoding: str) -> str:
    """Decode strictly, but forgive an incomplete multi-byte sequence at the very end."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    return decoder.decode(body, final=False)


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; never raises."""
    for bom, enc in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(enc, errors="replace"), enc
    declared = [e for e in (header_charset(content_type), meta_charset(body)) if e]
    if not body.isascii():
        try:
            return _strict(body, "utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    candidates: list[str] = []
    for enc in (*declared, "gb18030"):
        if enc not in candidates and enc != "utf-8":
            candidates.append(enc)
    # cp1252 declared for Chinese pages is almost always a server default: prefer the others.
    candidates.sort(key=lambda e: e == "cp1252")
    if body.isascii():
        enc = declared[0] if declared else "utf-8"
        return body.decode(enc if enc not in ("utf-16-le", "utf-16-be", "utf-16") else "utf-8",
                           errors="replace"), enc
    for enc in candidates:
        try:
            return _strict(body, enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    return body.decode("gb18030", errors="replace"), "gb18030"
