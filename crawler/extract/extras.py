"""What the column-level rules need beyond the contract fields: list items, the page's own
text with its line structure, links no crawler can follow, and 留言 fields.

Collection only, like the rest of the extractor: nothing here judges. Everything is found
by what the page says (label words, dates next to titles) and by where it sits (inside the
page frame — header, nav, breadcrumb, footer — or not), never by a CMS selector.
"""

from __future__ import annotations

import re
from typing import Any

from ..urls import normalise
from .dates import parse_date
from .labels import clean

# The page frame, as page.py sees it (kept in step with page.CHROME).
CHROME = re.compile(r"foot|bottom|copyright|header|head-|nav|menu|crumb|position|location|sidebar|banner|toolbar",
                    re.I)
_CHROME_TAGS = {"footer", "header", "nav"}
_SKIP = {"script", "style", "noscript", "template", "head", "select", "option", "textarea", "title"}
_BLOCK = {"p", "div", "li", "ul", "ol", "tr", "table", "tbody", "thead", "h1", "h2", "h3", "h4", "h5", "h6",
          "dd", "dt", "dl", "section", "article", "br", "hr", "blockquote", "pre", "form", "center", "td", "th"}
DATED = re.compile(r"(19|20)\d{2}\s*[-/.年]\s*\d{1,2}")
PAGER_WORDS = re.compile(r"^(首页|上一页|下一页|尾页|末页|前一页|后一页|上页|下页|跳转|转到|go|GO|确定|\d{1,4}|"
                         r"[<>«»‹›]+|更多|more|MORE|返回|返回顶部|打印|关闭|收藏|分享)$")
ROW_STATUS = re.compile(r"(?:现行有效|部分有效|部分失效|已失效|已废止|已修改|失效|废止|有效)(?![期性率])")
DYNAMIC = re.compile(r"\$\.(ajax|get|post|getJSON)\b|\bfetch\(|XMLHttpRequest|axios\.|\.load\(|loadPageData|"
                     r"getJSON|jsonp", re.I)
# Literal pieces, one of which every DYNAMIC match holds (lower case): most scripts have none.
_DYNAMIC_HINTS = ("$.", "fetch(", "xmlhttprequest", "axios.", ".load(", "loadpagedata", "getjson", "jsonp")
UTILITY_SCRIPT = re.compile(r"jquery|baidu|cnzz|analytics|gtag|stat|share|jiathis|wza|aria|swiper|bootstrap|"
                            r"polyfill|zoom|font|print|qrcode|layer", re.I)
MAX_BODY = 30000
MAX_ITEMS = 300

# 留言 (citizen message) fields: label words as pages print them.
MESSAGE_LABELS: dict[str, tuple[str, ...]] = {
    "message_date": ("留言时间", "留言日期", "来信时间", "来信日期", "提问时间", "咨询时间", "写信时间",
                     "提交时间", "受理时间", "受理日期", "来电时间"),
    "reply_date": ("答复时间", "答复日期", "回复时间", "回复日期", "办结时间", "办结日期", "反馈时间",
                   "处理时间", "办理时间"),
    "reply_unit": ("答复单位", "答复部门", "答复机构", "回复单位", "回复部门", "回复机构", "承办单位",
                   "承办部门", "办理单位", "办理部门", "处理单位", "处理部门"),
    "reply_content": ("答复内容", "回复内容", "答复意见", "回复意见", "办理结果", "处理结果", "处理意见",
                      "办理情况", "答复情况", "回复情况"),
    "message_content": ("留言内容", "来信内容", "咨询内容", "问题描述", "信件内容", "留言标题", "来信标题",
                        "咨询标题"),
}
_MSG_WORDS = sorted(((w, f) for f, ws in MESSAGE_LABELS.items() for w in ws), key=lambda x: -len(x[0]))
_MSG_LABEL = re.compile(
    r"^[【\[〔(（]?\s*(" + "|".join(r"\s*".join(map(re.escape, w)) for w, _ in _MSG_WORDS)
    + r")\s*[】\]〕)）]?\s*(?:[:：]\s*|$)")
_MSG_FIELD = {re.sub(r"\s+", "", w): f for w, f in _MSG_WORDS}


def _tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _is_chrome(el) -> bool:
    tag = _tag(el)
    marks = f"{el.get('class') or ''} {el.get('id') or ''}" if tag else ""
    return tag in _CHROME_TAGS or bool(marks.strip() and CHROME.search(marks))


class _Frame(dict):
    """id -> element for every element inside the page frame. The elements are kept: an lxml
    proxy's id is only stable while the proxy is alive."""


def _chrome_cache(root) -> _Frame:
    inside = _Frame()

    def walk(el, chrome: bool) -> None:
        chrome = chrome or _is_chrome(el)
        if chrome:
            inside[id(el)] = el
        for child in el:
            if isinstance(child.tag, str):
                walk(child, chrome)

    walk(root, False)
    return inside


def body_text(root, chrome: _Frame) -> str:
    """The page's own text outside the frame, one line per block (headings stay lines)."""
    parts: list[str] = []

    def walk(el) -> None:
        tag = _tag(el)
        if tag in _SKIP or id(el) in chrome:
            return
        block = tag in _BLOCK
        if block:
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(root)
    lines = (clean(line) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)[:MAX_BODY]


def _titled(a) -> str:
    return clean(a.text_content()) or clean(a.get("title")) or ""


def _row_of(a):
    """The list row of a link: its nearest ancestors (up to three) holding no other titled link."""
    row = a.getparent()
    for _ in range(3):
        if row is None or DATED.search(clean(row.text_content())):
            break
        parent = row.getparent()
        if parent is None or sum(1 for x in parent.iter("a") if len(_titled(x)) >= 6) > 1:
            break
        row = parent
    return row


def list_items(root, url: str, chrome: _Frame) -> tuple[list[dict], int]:
    """(items, content links): the titled links of the page's content area, each with the date
    and the validity status its row shows; and how many content links there are at all."""
    items: list[dict] = []
    seen: set[str] = set()
    content = 0
    for a in root.iter("a"):
        if id(a) in chrome or not a.get("href"):
            continue
        target = normalise(a.get("href"), url)
        text = _titled(a)
        if not target or target == url or not text or PAGER_WORDS.match(text):
            continue
        content += 1
        if len(text) < 4 or target in seen or len(items) >= MAX_ITEMS:
            continue
        seen.add(target)
        row = _row_of(a)
        row_text = clean(row.text_content()) if row is not None else ""
        rest = row_text.replace(clean(a.text_content()), " ", 1)
        date = parse_date(rest) if DATED.search(rest) else None
        status = ROW_STATUS.search(rest)
        items.append({"url": target, "title": text[:200], "date": date,
                      "status": status.group(0) if status and len(rest) < 120 else None})
    return items, content


def file_links(root) -> list[dict]:
    """Links to the editor's own disk (file://, C:\\…): no visitor can open them."""
    out = []
    for a in root.iter("a", "area"):
        href = (a.get("href") or "").strip()
        if re.match(r"(?i)^(file:|[a-z]:[\\/])", href):
            out.append({"href": href[:500], "text": _titled(a)[:200]})
    return out


def dynamic_content(root, chrome: _Frame) -> bool:
    """Content the static HTML does not hold: frames in the content area, script-loaded lists."""
    for el in root.iter("iframe", "frame"):
        if id(el) not in chrome:
            return True
    for el in root.iter("script"):
        if el.get("type") and "template" in el.get("type", "").lower():
            return True
        if _in_head_or_frame(el, chrome):
            continue
        if el.text and _dynamic(el.text):
            return True
        if el.get("src") and not UTILITY_SCRIPT.search(el.get("src")):
            return True  # a script file in the content area may write the list
    return False


def _dynamic(script: str) -> bool:
    lowered = script.lower()
    return any(h in lowered for h in _DYNAMIC_HINTS) and bool(DYNAMIC.search(script))


def _in_head_or_frame(el, chrome: _Frame) -> bool:
    while el is not None:
        if id(el) in chrome or _tag(el) == "head":
            return True
        el = el.getparent()
    return False


def message_fields(nodes) -> dict[str, str]:
    """留言时间 / 答复时间 / 答复单位 / 答复内容 … as label → value (value may be "")."""
    found: dict[str, str] = {}
    for i, node in enumerate(nodes):
        if len(node.text) > 300:
            continue
        m = _MSG_LABEL.match(node.text)
        if not m:
            continue
        field = _MSG_FIELD[re.sub(r"\s+", "", m.group(1))]
        value = node.text[m.end():].strip()
        if not value and i + 1 < len(nodes) and not _MSG_LABEL.match(nodes[i + 1].text):
            value = nodes[i + 1].text
        if field not in found or (not found[field] and value):
            found[field] = value[:500]
    return found


def collect(root, nodes, url: str) -> tuple[list[dict], str, dict[str, Any]]:
    """(items, body, extras) of one page."""
    chrome = _chrome_cache(root)
    items, content_links = list_items(root, url, chrome)
    msg = message_fields(nodes)
    extras: dict[str, Any] = {"content_links": content_links, "dynamic": dynamic_content(root, chrome)}
    if msg:
        extras["message"] = msg
    files = file_links(root)
    if files:
        extras["file_links"] = files
    return items, body_text(root, chrome), extras
