"""征求意见稿未附起草说明或解读.

检查内容: 公开征求意见的文件草案（标题写出《草案名称》或页面写明征求意见稿、草案、送审稿）
没有同时公开起草说明或解读材料：页面上没有名称含“说明”“解读”“问答”的附件或链接，正文没有
起草（编制、制定、修订）说明，全站也没有标题写出该草案名称的起草说明或解读（意见采纳情况的说明不算）。
附件是压缩包（内容看不到）的不判断；技术标准的征求意见（exempt_pattern，默认地方标准、团体标准等）
不在范围内。
为什么重要: 公布决策草案应同时公布其说明等材料，解释为什么制定、主要内容是什么，
公众才能有针对性地提出意见。
示例: 《全省市场监管部门“一照含证”改革工作方案》公开征求意见，只附了征求意见稿，没有起草说明。
依据: 重大行政决策程序暂行条例第十五条“公布决策草案及其说明等材料”；辽宁省政策解读工作规范
“征求意见稿的解读工作”（ZJ-03；规范性文件制定前征求意见 GFXWJ-07）。
"""

from __future__ import annotations

import re

from .catalogue import GFXWJ_07
from .common import basis
from .consultation import FEEDBACK_TITLE, SUBJECT_STRIP, consultations, is_consultation, subject
from .rule import Context, Records, Rule
from .text import BOOK, body, book, items, nospace, norm_title

RULE = Rule(
    id="consultation.explanation-missing",
    title="征求意见未附起草说明",
    severity="advice",
    category="意见征集",
    basis=(
        basis("重大行政决策程序暂行条例（国务院令第713号）", "第十五条：公布决策草案及其说明等材料", "ZJ-03"),
        basis("辽宁省政策解读工作规范（2022）", "一（五）：征求社会意见时做好征求意见稿的解读工作", "ZJ-03"),
        GFXWJ_07,
    ),
    message="《{title}》公开征求意见时未同时公开起草说明或解读材料。",
    advice="公开征求意见时一并公布草案的起草说明（制定背景、依据、主要内容）或解读材料，作为附件或相关链接。",
    options=("exempt_pattern",),
    description="征求意见稿没有起草说明、解读等说明材料（附件、链接或正文）。",
)

DRAFT = re.compile(r"征求意见稿|草案|送审稿|讨论稿|修订稿|代拟稿")
EXPLAIN_LINK = re.compile(r"说明|解读|问答|答记者问")
EXPLAIN_TEXT = re.compile(r"(起草|编制|制定|修订|修改|立法)(情况)?的?说明|(草案|征求意见稿)[）)》]*的?(起草)?(说明|解读)")
COLUMN_NAME = re.compile(r"^(?:政策|文字|图片|图文|视频|专家|媒体)?(?:解读|问答)(?:回应|材料|专栏|栏目)?$")  # a nav link to a column
ARCHIVE = re.compile(r"\.(zip|rar|7z|tar|gz)(?:$|[?#&])", re.I)


def in_scope(doc: dict, exempt: re.Pattern | None) -> bool:
    if not is_consultation(doc):
        return False
    title = norm_title(doc.get("title"))
    if EXPLAIN_LINK.search(title) or (exempt and exempt.search(title)):
        return False  # the 起草说明 itself, or a technical standard
    return bool(BOOK.search(title) or DRAFT.search(title) or DRAFT.search(nospace(body(doc))))


class Explanations:
    """Every page title and list row on the site that is a 说明/解读, and each page's links."""

    def __init__(self, records: Records) -> None:
        self.records = records
        self.links = records.links_from
        rows: dict[str, list[tuple[str | None, str | None]]] = {}  # page -> its list rows that may be one
        # every EXPLAIN_LINK alternative holds 说, 解 or 问 (or the JSON escapes them)
        for doc in records.iter_documents(columns=("items",), contains={"items": ("说", "解", "问", "\\u")}):
            rows[doc["url"]] = [(i.get("title"), i.get("url")) for i in items(doc)]
        self.titles: list[tuple[str, str]] = []
        for doc in records.doc_meta:
            for t, url in [(doc.get("title"), doc["url"])] + rows.get(doc["url"], []):
                t = SUBJECT_STRIP.sub("", norm_title(t))
                if t and EXPLAIN_LINK.search(t) and not FEEDBACK_TITLE.search(t):
                    self.titles.append((t, url or doc["url"]))

    def find(self, doc: dict, name: str | None) -> str | None:
        """Where the draft's 起草说明/解读 is: a link on the page, its own text, or a page/list row
        elsewhere naming the draft. "?" when an archive may hold it."""
        for link in self.links.get(doc["url"], ()):
            text = nospace(link.get("text"))
            target = self.records.meta_by_url.get(link["to_url"]) or {}
            if EXPLAIN_LINK.search(text) and not COLUMN_NAME.match(text) and not FEEDBACK_TITLE.search(text) \
                    and target.get("page_type") not in ("list", "column_index"):
                return link["to_url"]
            if ARCHIVE.search(link["to_url"]) or ARCHIVE.search(link.get("text") or ""):
                return "?"
        if EXPLAIN_TEXT.search(nospace(body(doc))):
            return doc["url"]
        key = nospace(name)
        if len(key) >= 4:
            for t, url in self.titles:
                if key in t and url != doc["url"]:
                    return url
        return None


def check(records: Records, ctx: Context):
    exempt = re.compile(ctx.option("exempt_pattern")) if ctx.option("exempt_pattern") else None
    found = None
    for doc in consultations(records):
        if not in_scope(doc, exempt):
            continue
        found = found or Explanations(records)
        name = subject(doc.get("title"))
        if found.find(doc, name) is None:
            yield RULE.finding(doc["unit"], doc["url"], None, title=book(doc.get("title") or ""), subject=name,
                               published_date=doc.get("published_date"))
