"""错链：链接文字与目标页面标题明显不符.

检查内容: 链接文字写的是一份文件的名称（含《》，或以办法、通知、意见、方案、解读、报告等结尾，
至少8个字），目标页面可以打开，但其标题与链接文字明显不同：互不包含、《》中的名称不一致，
去掉两者相同的开头和结尾（如“青岚区……管理办法”）后，不同部分都至少4个字且字符相似度低于阈值
（max_similarity，默认0.3）。“更多”“详情”“附件”“点击查看”等通用文字、
被截断的列表标题（以…结尾时只比较前缀）、目标标题不像文件名称（只有网站名称等）的都不判断。
为什么重要: 点击文件名称却打开另一份文件，公众会被误导，属于检查指标中的“错链”。
示例: 文件页“相关文件：《青岚区中小学校课后服务管理办法》”链接到《青岚区普惠性民办幼儿园认定和管理办法》。
依据: 检查指标2019 链接可用性（错链、断链）（WEB-06）。
"""

from __future__ import annotations

import re

from .common import INDICATORS_2019, basis
from .rule import Context, Records, Rule
from .text import BOOK, book, norm_title

RULE = Rule(
    id="link.mismatch",
    title="链接与目标内容不符（错链）",
    severity="deduct",
    category="链接可用性",
    basis=(basis(INDICATORS_2019, "可用性：链接可用性（错链、断链）", "WEB-06"),),
    message="链接“{link_text}”打开的是《{target_title}》，与链接文字不符。",
    advice="核对链接地址，改为指向链接文字所写的文件；文件已调整的，同步修改链接文字。",
    options=("max_similarity",),
    description="链接文字所写的文件名称与目标页面标题明显不同。",
)

DOC_WORDS = re.compile(r"(办法|通知|意见|方案|规定|决定|细则|规则|措施|计划|要点|报告|指南|解读|公告|通告|制度|标准|"
                       r"规划|批复|纲要|条例|预案|答记者问|问答|一图读懂|通报|决议|命令|函)")
GENERIC = re.compile(r"^(更多|详情|附件|下载|点击|查看|阅读|原文|全文|首页|返回|打印|关闭|上一篇|下一篇|上一条|下一条|"
                     r"相关|链接|网站|pdf|doc|docx|xls)", re.I)
_ELLIPSIS = re.compile(r"(\.{2,}|…+|。{3,})$")
_SUFFIX = re.compile(r"\.(pdf|docx?|xlsx?|wps|ofd|zip|rar)$", re.I)
_PREFIX = re.compile(r"^(相关解读|相关文件|原文链接|政策解读|文件原文|解读|附件\d*)[:：]")


def _clean(text: str) -> str:
    return _SUFFIX.sub("", _PREFIX.sub("", norm_title(text)))


def looks_like_document(text: str) -> bool:
    return len(text) >= 8 and not GENERIC.match(text) and bool(BOOK.search(text) or DOC_WORDS.search(text[-8:]))


def bigrams(text: str) -> set[str]:
    text = re.sub(r"[《》（）()〔〕【】、，,。：:\s]", "", text)
    return {text[i:i + 2] for i in range(len(text) - 1)}


def similarity(a: str, b: str) -> float:
    x, y = bigrams(a), bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def cores(a: str, b: str) -> tuple[str, str]:
    """What differs: both texts without their common beginning and end (青岚区…管理办法)."""
    a, b = (re.sub(r"[《》（）()〔〕【】、，,。：:\s]", "", t) for t in (a, b))
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    j = 0
    while j < min(len(a), len(b)) - i and a[-1 - j] == b[-1 - j]:
        j += 1
    return a[i:len(a) - j], b[i:len(b) - j]


def agrees(text: str, title: str) -> bool:
    bare_text, bare_title = text.replace("《", "").replace("》", ""), title.replace("《", "").replace("》", "")
    if bare_text in bare_title or bare_title in bare_text:
        return True
    names = set(BOOK.findall(text)) & set(BOOK.findall(title))
    return bool(names)


def target_title(records: Records, url: str) -> str | None:
    doc = records.meta_by_url.get(url)
    if doc is not None:
        return doc.get("title") if doc["page_type"] not in ("list", "column_index") else None
    probe = records.probes.get(url) or {}
    if probe.get("outcome") != "ok":
        return None
    final = records.meta_by_url.get(probe.get("final_url") or "")
    if final is not None:
        return final.get("title") if final["page_type"] not in ("list", "column_index") else None
    return probe.get("title")


def check(records: Records, ctx: Context):
    limit = float(ctx.option("max_similarity"))
    document_text: dict[str, str | None] = {}  # link text -> its cleaned form when it names a document
    targets: dict[str, tuple[str, list[str]] | None] = {}  # target URL -> (its title, the document names in it)
    for link in records.links:
        raw = link.get("text") or ""
        if len(raw) < 8 or link.get("kind") != "a" or link["to_url"] == link["from_url"]:
            continue  # cleaning only shortens: no document name
        if link["to_url"] not in targets:
            targets[link["to_url"]] = _target(records, link["to_url"])
        target = targets[link["to_url"]]
        if target is None:
            continue
        if raw not in document_text:
            cleaned = _clean(raw)
            document_text[raw] = cleaned if looks_like_document(cleaned) else None
        text = document_text[raw]
        if text is None:
            continue
        page = records.page_by_url.get(link["from_url"])
        if page is None or page.get("error"):
            continue
        raw_title, titles = target
        found = _mismatch(text, titles, limit)
        if found is not None:
            yield RULE.finding(page["unit"], page["url"], link["to_url"], link_text=link.get("text") or "",
                               target_title=book(raw_title), similarity=round(found, 3), threshold=limit)


def _target(records: Records, url: str) -> tuple[str, list[str]] | None:
    """The target's title and the parts of it that name a document; None when there are none
    (computed once per target, not once per link)."""
    raw_title = target_title(records, url)
    if not raw_title:
        return None
    titles = [_clean(t) for t in re.split(r"[_|｜]", raw_title) if t.strip()]
    titles = [t for t in titles if looks_like_document(t)]
    return (raw_title, titles) if titles else None


def _mismatch(text: str, titles: list[str], limit: float) -> float | None:
    """The best similarity of a link text with the document names of its target, when it
    clearly names another document; else None."""
    truncated = _ELLIPSIS.search(text)
    if truncated:
        stem = text[:truncated.start()]
        if len(stem) < 8 or any(t.startswith(stem) or stem in t for t in titles):
            return None
    if any(agrees(text, t) for t in titles):
        return None
    pairs = [cores(text, t) for t in titles]
    if any(len(x) < 4 or len(y) < 4 for x, y in pairs):
        return None  # a few characters apart: a typo or a year, not clearly another document
    best = max(similarity(x, y) for x, y in pairs)
    return best if best < limit else None
