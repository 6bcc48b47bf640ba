"""What the extractor sees in one page: type, contract fields, column path, links.

Pages are recognised by what they say — label words, title words (指南, 解读, 年度报告),
the breadcrumb (当前位置：… > 规范性文件) — never by a CMS selector. Per-site hints come
from the ``[classify]`` config section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from .datalists import expand_embedded_lists
from .dates import find_dates, parse_date
from .accessibility import collect as collect_accessibility
from .extras import collect as collect_extras
from .labels import clean, extract_labels, meta_content, text_nodes
from .links import extract_links
from .site_features import collect as collect_site_features
from .tables import extract_tables

PAGE_TYPES = ("guide", "normative_doc", "policy_doc", "interpretation", "annual_report", "list",
              "column_index", "other")

GUIDE_TITLE = re.compile(r"(政府)?信息公开(工作)?指南|公开指南")
INTERP_TITLE = re.compile(r"解读|一图读懂|图解|答记者问|政策问答|读懂")
ANNUAL_TITLE = re.compile(r"(政府)?信息公开(工作)?(年度)?(报告|年报)|政务公开.{0,6}年度报告")
NORMATIVE_MARK = re.compile(r"规范性文件")
TITLE_VALIDITY = re.compile(r"[【\[（(〔]\s*(已?失效|已?废止|已?修改|已?修订|部分失效|有效|现行有效)\s*[】\]）)〕]")
SOFT_404 = re.compile(r"页面不存在|页面未找到|找不到(该|此|您要访问的)?页面|信息不存在|文章不存在|已被删除|已删除|"
                      r"无法访问|not\s*found|\b404\b|访问的页面.{0,6}不存在|出错了|error\s*page", re.I)
BREADCRUMB = re.compile(r"^(当前位置|您的位置|您现在的位置|所在位置|当前栏目|位置)\s*[:：]?")
REVISION = re.compile(
    r"(?:修订|更新|修改)(?:时间|日期)\s*[:：]?\s*(?P<a>[^\s，。；;]{6,20})"
    r"|[（(]\s*(?P<b>[^（()）]{6,20}?)\s*(?:修订|更新|修改)(?:版)?\s*[）)]"
    r"|(?:于|最后)\s*(?P<c>[^\s，。；;]{6,20}?)\s*(?:修订|更新)"
    r"|(?P<d>[0-9〇○O零一二三四五六七八九十]{4}\s*年\s*[0-9〇○O零一二三四五六七八九十]{1,3}\s*月(?:\s*[0-9〇○O零一二三四五六七八九十]{1,3}\s*日)?)\s*(?:修订|更新)"
)
DATED_TEXT = re.compile(r"(19|20)\d{2}\s*[-/.年]\s*\d{1,2}")
COLUMN_WORDS = re.compile(r"指南|制度|法定主动公开|年报|年度报告|规范性文件|政策文件|解读|机构|信息公开")
LIST_TEMPLATE = re.compile(r"\{\{~?\s*#?\s*(?:each|list)\b|\{\{#\w+\}\}|<%\s*for\b|\bv-for=|\bms-(?:repeat|for)\b")
_SEP = re.compile(r"\s*(?:>>|>|＞|»|›|→|/|\\|－|—)\s*")


@dataclass
class ClassifyHints:
    """What the crawl knows about a page besides its HTML, and per-site config hints."""

    column: str = ""                      # title of the list page that linked it
    policy_columns: tuple[str, ...] = ()
    normative_url_patterns: tuple[str, ...] = ()
    policy_url_patterns: tuple[str, ...] = ()


@dataclass
class PageInfo:
    url: str
    page_type: str
    title: str
    fields: dict[str, Any]
    links: list[dict]
    column_path: str = ""
    text: str = ""
    soft_404: bool = False
    labels: dict[str, str] = field(default_factory=dict)
    items: list[dict] = field(default_factory=list)   # list rows: [{url, title, date, status}]
    body: str = ""                                    # own text outside the frame, one line per block
    extras: dict[str, Any] = field(default_factory=dict)  # see extras.collect
    tables: list[dict] = field(default_factory=list)  # 年报 pages: cell grids (tables.extract_tables)

    def as_contract(self) -> dict:
        return {"url": self.url, "page_type": self.page_type, "fields": self.fields,
                "links": [{"url": l["url"], "text": l["text"]} for l in self.links]}


def _title_tag(root) -> str:
    for t in root.iter("title"):
        return clean(t.text_content())
    return ""


def _best_title(root, labels: dict[str, str]) -> str:
    article = meta_content(root, "ArticleTitle", "articletitle")
    if article:
        return article
    raw = _title_tag(root)
    segments = [s.strip() for s in re.split(r"[_|｜]|\s-\s|\s—\s|\s{1,}", raw) if s.strip()]
    site = meta_content(root, "SiteName")
    segments = [s for s in segments if s != site] or segments  # the site's name is not the page's
    best_segment = max(segments, key=len) if segments else ""
    for tag in ("ucaptitle", "h1", "h2"):
        for el in root.iter(tag):
            text = clean(el.text_content())
            if len(text) >= 4 and (not raw or text in raw or best_segment in text or tag == "ucaptitle"):
                return text
    if labels.get("title") and len(labels["title"]) >= 4:
        return labels["title"]
    return best_segment or raw


def _breadcrumb(nodes) -> str:
    for node in nodes[:400]:
        if not (BREADCRUMB.match(node.text) and len(node.text) <= 160):
            continue
        text = node.text
        if len(BREADCRUMB.sub("", text, count=1).strip()) < 2:
            # the label alone: the path is in the following links, inside a small container
            container = node.owner
            for _ in range(4):
                parent = container.getparent()
                grown = clean(container.text_content())
                if len(grown) > len(node.text) + 2 or parent is None:
                    break
                container = parent
            text = clean(container.text_content())
            if len(text) > 300:
                return ""
        text = BREADCRUMB.sub("", text, count=1)
        return " > ".join(p for p in _SEP.split(text) if p)
    return ""


CHROME = re.compile(r"foot|bottom|copyright|header|head-|nav|menu|crumb|position|location|sidebar|banner|toolbar",
                    re.I)
_CHROME_TAGS = {"footer", "header", "nav"}


def _in_chrome(el, cache: dict) -> bool:
    """Inside the page's frame (header, nav, breadcrumb, footer) rather than its content."""
    chain = []
    result = False
    while el is not None:
        key = id(el)
        if key in cache:
            result = cache[key]
            break
        chain.append(key)
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        marks = f"{el.get('class') or ''} {el.get('id') or ''}" if tag else ""
        if tag in _CHROME_TAGS or (marks.strip() and CHROME.search(marks)):
            result = True
            break
        el = el.getparent()
    for key in chain:
        cache[key] = result
    return result


def _article_chars(nodes) -> int:
    """Running text outside links and outside the page frame: what makes an article."""
    cache: dict = {}
    return sum(len(n.text) for n in nodes
               if not n.in_link and len(n.text) >= 20 and not _in_chrome(n.owner, cache))


def _several_titled_links(el) -> bool:
    seen = 0
    for a in el.iter("a"):
        if len(clean(a.text_content())) >= 6:
            seen += 1
            if seen > 1:
                return True
    return False


def _dated_links(root) -> int:
    """Links whose list item carries a date. The item is the link's nearest ancestors (up to
    three) that hold no other titled link, so a date in a sibling cell counts too:
    ``<li><a>title</a><span>date</span></li>``, ``<dl><dd><a>title</a></dd><dd>date</dd></dl>``."""
    count = 0
    for a in root.iter("a"):
        text = clean(a.text_content())
        if len(text) < 6:
            continue
        row = a.getparent()
        for _ in range(3):
            if row is None or DATED_TEXT.search(clean(row.text_content())):
                break
            parent = row.getparent()
            if parent is None or _several_titled_links(parent):
                break
            row = parent
        if row is not None and DATED_TEXT.search(clean(row.text_content())):
            count += 1
    return count


def _script_list_template(root) -> bool:
    """An item template that script fills in (Handlebars/Mustache/art-template/Vue/avalon):
    the list exists but its items are not in the static HTML."""
    for el in root.iter("script"):
        if "template" in (el.get("type") or "").lower() and el.text and LIST_TEMPLATE.search(el.text) \
                and "href" in el.text:
            return True
    return False


def revision_date(text: str) -> str | None:
    """An explicit 修订/更新 mark on the page; publication dates do not count."""
    for m in REVISION.finditer(text):
        for group in ("a", "b", "c", "d"):
            chunk = m.group(group)
            if chunk:
                if "日" not in chunk and chunk.rstrip().endswith("月"):
                    chunk += "1日"  # month precision: the first of that month
                parsed = parse_date(chunk)
                if parsed:
                    return parsed
    return None


def _validity(labels: dict[str, str], title: str) -> tuple[str | None, str]:
    """(value, how it was found): a label with a value, or a title marker."""
    value = labels.get("validity")
    if value:
        return value[:20], "label"
    m = TITLE_VALIDITY.search(title)
    if m:
        return m.group(1), "title"
    return None, "empty" if "validity" in labels else ""


def _is_soft_404(title: str, article_chars: int, visible: str) -> bool:
    if SOFT_404.search(title):
        return True
    return len(visible) < 600 and bool(SOFT_404.search(visible))


def parse_document(text: str):
    try:
        root = lxml_html.document_fromstring(text or "<html></html>")
    except (etree.ParserError, ValueError):
        root = lxml_html.document_fromstring("<html></html>")
    return root


def inspect_html(text: str, url: str, hints: ClassifyHints | None = None) -> PageInfo:
    hints = hints or ClassifyHints()
    root = parse_document(expand_embedded_lists(text))  # lists shipped as data, as a browser shows them
    nodes = text_nodes(root)
    labels = extract_labels(nodes)
    title = _best_title(root, labels)
    links = extract_links(root, url)
    column_path = _breadcrumb(nodes)
    column_meta = meta_content(root, "ColumnName", "columnname", "ColumnType")
    visible = " ".join(n.text for n in nodes)
    article = _article_chars(nodes)

    doc_fields = [k for k in ("index_no", "doc_number", "written_date", "published_date", "validity", "issuer")
                  if k in labels]
    has_doc_meta = len(doc_fields) >= 2
    # An article: document metadata, enough running text, a CMS article marker, or a
    # dated 发布日期 line (image-only 图解 pages have nothing else).
    detail = (has_doc_meta or article >= 200 or bool(meta_content(root, "ArticleTitle", "ContentSource"))
              or bool(parse_date(labels.get("published_date"))))
    dated = _dated_links(root)
    listing_like = dated >= 2 or (dated == 1 and article < 50) or any(l["kind"] == "pagination" for l in links)
    listing = not detail and listing_like
    # a page titled as a guide / 解读 / 年报 is that page when it carries running text and is no list
    titled_detail = detail or (article >= 50 and not listing_like)
    soft_404 = _is_soft_404(title, article, visible)
    context = " ".join([column_path, column_meta, hints.column, labels.get("category", "")])

    validity, validity_how = _validity(labels, title)
    revised = revision_date(visible) if GUIDE_TITLE.search(title) else None

    if soft_404:
        page_type = "other"
    elif titled_detail and GUIDE_TITLE.search(title):
        page_type = "guide"
    elif titled_detail and INTERP_TITLE.search(title):
        page_type = "interpretation"
    elif titled_detail and ANNUAL_TITLE.search(title):
        page_type = "annual_report"
    elif detail and has_doc_meta and (
        NORMATIVE_MARK.search(context) or "validity" in labels or validity_how == "title"
        or any(re.search(p, url) for p in hints.normative_url_patterns)
    ):
        page_type = "normative_doc"
    elif detail and has_doc_meta and (
        any(c and c in context for c in hints.policy_columns)
        or any(re.search(p, url) for p in hints.policy_url_patterns)
    ):
        page_type = "policy_doc"
    elif listing:
        page_type = "list"
    elif not detail and sum(1 for l in links if COLUMN_WORDS.search(l["text"] or "")) >= 3:
        page_type = "column_index"
    elif not detail and _script_list_template(root):
        page_type = "list"  # a column whose items are filled in by script (none in the markup)
    else:
        page_type = "other"

    fields = {
        "title": title or None,
        "index_no": labels.get("index_no") or None,
        "issuer": labels.get("issuer") or None,
        "doc_number": labels.get("doc_number") or None,
        "written_date": parse_date(labels.get("written_date")),
        "published_date": parse_date(labels.get("published_date")) or parse_date(meta_content(root, "PubDate", "pubdate")),
        "validity": validity,
        "revised_date": revised,
    }
    main_text = " ".join(n.text for n in nodes if not n.in_link and len(n.text) >= 20)
    items, body, extras = collect_extras(root, nodes, url)
    extras["labels"] = dict(labels)
    extras.update(collect_site_features(root, url))
    extras.update(collect_accessibility(root))  # lang, title, alt, form labels (A11Y-04)
    return PageInfo(url=url, page_type=page_type, title=title, fields=fields, links=links,
                    column_path=column_path or column_meta, text=main_text, soft_404=soft_404,
                    labels={**labels, "_validity_source": validity_how}, items=items, body=body, extras=extras,
                    tables=extract_tables(root) if page_type == "annual_report" else [])


__all__ = ["inspect_html", "PageInfo", "ClassifyHints", "PAGE_TYPES", "revision_date", "find_dates"]
