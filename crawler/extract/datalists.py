"""Lists a CMS ships as data instead of markup, turned into the markup a browser would show.

- 大汉 Hanweb JCMS writes a column's first records into
  ``<script type="text/xml"><datastore><recordset><record><![CDATA[<li>…</li>]]></record>…``
  and its jpage plugin fetches the rest from ``dataproxy.jsp``: a POST to
  ``proxyUrl?startrecord=S&endrecord=E&perpage=P`` with the page's ``ajaxParam``
  (col, appid, webid, path, columnid, unitid, webname, permissiontype). The answer is the
  same ``<datastore>`` XML. Older versions only carry a ``<nextgroup>`` link to the proxy.
- JSON list endpoints answer ``{…, "data": [{"title": …, "url": …}, …]}`` in many shapes,
  or an HTML fragment inside JSON.

``expand_embedded_lists`` replaces each embedded datastore by its records inside a
``<div data-zwgk-list>``, so classification and list extraction see a list;
``data_requests`` builds the requests for the records that are not in the page;
``data_to_html`` turns an endpoint's answer (XML or JSON) into a list page.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode, urljoin

from ..urls import normalise

_DATASTORE_SCRIPT = re.compile(r"<script\b[^>]*>\s*(<datastore\b.*?</datastore>)\s*</script>", re.S | re.I)
_RECORD = re.compile(r"<record\b[^>]*>\s*(?:<!\[CDATA\[(.*?)\]\]>|(.*?))\s*</record>", re.S | re.I)
_NEXTGROUP = re.compile(r"<nextgroup\b[^>]*>\s*(?:<!\[CDATA\[(.*?)\]\]>|(.*?))\s*</nextgroup>", re.S | re.I)
_HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.I)
_JPAGE = re.compile(r"\.jpage\(\s*\{", re.I)
MAX_DATA_REQUESTS = 500


@dataclass
class DataRequest:
    """A request for list records that only a script would make."""

    url: str
    method: str = "GET"
    form: dict[str, str] = field(default_factory=dict)
    kind: str = "dataproxy"


def _records(datastore: str) -> list[str]:
    out = []
    for cdata, plain in _RECORD.findall(datastore):
        fragment = cdata if cdata else html_lib.unescape(plain or "")
        if fragment.strip():
            out.append(fragment.strip())
    return out


def _wrap(records: list[str], source: str) -> str:
    first = records[0].lstrip().lower() if records else ""
    inner = "".join(records)
    if first.startswith("<li"):
        inner = f"<ul>{inner}</ul>"
    elif first.startswith("<tr"):
        inner = f"<table>{inner}</table>"
    return f'<div data-zwgk-list="{source}">{inner}</div>'


_DATASTORE_VAR = re.compile(r"dataStore\s*:\s*([A-Za-z_$][\w$]*)")
_JS_STRING = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"")


def _array_records(name: str, text: str) -> list[str]:
    """Older jpage pages ship records as ``var InitData123 = ['<li>…</li>', …]``."""
    m = re.search(rf"\b{re.escape(name)}\s*=\s*\[", text)
    if not m:
        return []
    array = _balanced(text, m.end() - 1)
    out = []
    for single, double in _JS_STRING.findall(array):
        item = (single or double).replace("\\'", "'").replace('\\"', '"').replace("\\/", "/")
        if "<" in item and "href" in item:
            out.append(item)
    return out


def expand_embedded_lists(text: str) -> str:
    """The page as a browser shows it once jpage has written the embedded records."""
    if "<datastore" in text:
        text = _DATASTORE_SCRIPT.sub(lambda m: _wrap(_records(m.group(1)), "datastore"), text)
    if "dataStore" in text:
        arrays = [r for name in dict.fromkeys(_DATASTORE_VAR.findall(text)) for r in _array_records(name, text)]
        if arrays:
            block = _wrap(arrays, "jsarray")
            at = text.lower().rfind("</body>")
            text = text[:at] + block + text[at:] if at >= 0 else text + block
    return text


# -- JavaScript object literals (jpage options) ----------------------------------------------

def _balanced(text: str, start: int) -> str:
    """The ``{…}`` or ``[…]`` that opens at ``text[start]``, strings respected."""
    opening = text[start]
    closing = "}" if opening == "{" else "]"
    depth, quote, i = 0, "", start
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif c in "'\"":
            quote = c
        elif c == opening:
            depth += 1
        elif c == closing:
            depth -= 1
            if depth == 0:
                return text[start:i + 1]
        i += 1
    return text[start:]


_KEY = re.compile(r"""[\s,]*['"]?([A-Za-z_$][\w$]*)['"]?\s*:\s*""")


def _object(literal: str) -> dict[str, str]:
    """Top-level key/value pairs of a JS object literal; nested values are kept as literals."""
    body = literal.strip()[1:-1] if literal.strip().startswith("{") else ""
    values: dict[str, str] = {}
    i = 0
    while i < len(body):
        m = _KEY.match(body, i)
        if not m:
            break
        key, j = m.group(1), m.end()
        if j >= len(body):
            break
        c = body[j]
        if c in "{[":
            value = _balanced(body, j)
            i = j + len(value)
        elif c in "'\"":
            end = j + 1
            while end < len(body) and body[end] != c:
                end += 2 if body[end] == "\\" else 1
            value = body[j + 1:end]
            i = end + 1
        else:
            rest = re.match(r"[^,}]*", body[j:])
            value = rest.group(0).strip()
            i = j + rest.end()
        values[key] = value
    return values


def _variable_object(name: str, scripts: str) -> str:
    m = re.search(rf"\b{re.escape(name)}\s*=\s*\{{", scripts)
    return _balanced(scripts, m.end() - 1) if m else ""


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(float(value)) if value not in (None, "") else default
    except ValueError:
        return default


def data_requests(text: str, page_url: str) -> list[DataRequest]:
    """Requests for the records a jpage list would fetch beyond those in the page."""
    found: list[DataRequest] = []
    datastores = [m.group(1) for m in _DATASTORE_SCRIPT.finditer(text)]
    calls = []
    for m in _JPAGE.finditer(text):
        calls.append(_object(_balanced(text, m.end() - 1)))
    for options in calls:
        total = _int(options.get("totalRecord"))
        proxy = options.get("proxyUrl") or ""
        if not total or not proxy:
            continue
        per_page = max(_int(options.get("perPage"), 20), 1)
        group = max(_int(options.get("groupSize"), 1), 1)
        param = options.get("ajaxParam", "")
        if param and not param.startswith("{"):
            param = _variable_object(param, text)
        form = {k: v for k, v in _object(param).items() if not v.startswith(("{", "["))} if param else {}
        step = per_page * group
        store_var = options.get("dataStore", "")
        if len(calls) == 1 and len(datastores) == 1:
            shipped = len(_records(datastores[0]))
        elif store_var and not store_var.startswith(("{", "[")) and _array_records(store_var, text):
            shipped = len(_array_records(store_var, text))
        else:
            shipped = step
        endpoint = urljoin(page_url, proxy)
        for start in range(shipped + 1, total + 1, step):
            query = urlencode({"startrecord": start, "endrecord": start + step - 1, "perpage": per_page})
            url = normalise(f"{endpoint}{'&' if '?' in endpoint else '?'}{query}", page_url)
            if url:
                found.append(DataRequest(url=url, method="POST", form=form))
            if len(found) >= MAX_DATA_REQUESTS:
                return found
    if not found:
        for store in datastores:
            found.extend(_nextgroup_requests(store, page_url))
    return found


def _nextgroup_requests(datastore: str, base: str) -> list[DataRequest]:
    out = []
    for cdata, plain in _NEXTGROUP.findall(datastore):
        m = _HREF.search(cdata or html_lib.unescape(plain or ""))
        url = normalise(html_lib.unescape(m.group(1)), base) if m else None
        if url:
            out.append(DataRequest(url=url))
    return out


# -- endpoint answers ------------------------------------------------------------------------

_URL_KEYS = ("url", "href", "link", "linkurl", "docurl", "docpuburl", "chnldocurl", "pcurl", "pc", "detailurl",
             "articleurl", "infourl", "weburl", "urls", "art_url", "fileurl")
_TITLE_KEYS = ("title", "doctitle", "showtitle", "infotitle", "articletitle", "subject", "name", "filename")
_DATE_KEYS = ("pubdate", "docreltime", "publishdate", "releasetime", "pubtime", "date", "time", "createtime",
              "writtendate", "docpubtime")
_TAGS = re.compile(r"<[^>]+>")


def _pick(obj: dict, keys: tuple[str, ...]) -> str:
    lowered = {k.lower(): v for k, v in obj.items() if isinstance(k, str)}
    for key in keys:
        value = lowered.get(key)
        if isinstance(value, (str, int)) and str(value).strip():
            return str(value).strip()
    return ""


def _json_url(value: str) -> str:
    value = value.strip()
    if value.startswith("{"):
        try:
            inner = json.loads(value)
        except ValueError:
            return ""
        return _pick(inner, ("pc", "url", "href")) if isinstance(inner, dict) else ""
    return value


def _walk(obj, items: list[str], depth: int = 0) -> None:
    if depth > 12:
        return
    if isinstance(obj, dict):
        url = _json_url(_pick(obj, _URL_KEYS))
        if url and not url.lower().startswith(("javascript:", "#")):
            title = _TAGS.sub("", _pick(obj, _TITLE_KEYS)) or url
            date = _pick(obj, _DATE_KEYS)
            items.append(f'<li><a href="{html_lib.escape(url)}">{html_lib.escape(title)}</a>'
                         f'<span>{html_lib.escape(date)}</span></li>')
        for value in obj.values():
            _walk(value, items, depth + 1)
    elif isinstance(obj, list):
        for value in obj:
            _walk(value, items, depth + 1)
    elif isinstance(obj, str) and "<a" in obj and "href" in obj:
        items.append(obj)


def data_to_html(text: str, page_url: str) -> tuple[str, list[DataRequest]]:
    """An endpoint's answer as a list page, and the further requests it points to."""
    stripped = text.lstrip()
    if "<datastore" in stripped[:2000].lower() or "<record" in stripped[:4000].lower():
        records = _records(stripped)
        follow = _nextgroup_requests(stripped, page_url)
        return f"<html><body>{_wrap(records, 'dataproxy') if records else ''}</body></html>", follow
    try:
        data = json.loads(stripped)
    except ValueError:
        return text, []
    items: list[str] = []
    _walk(data, items)
    body = f'<div data-zwgk-list="json"><ul>{"".join(items)}</ul></div>' if items else ""
    return f"<html><body>{body}</body></html>", []

