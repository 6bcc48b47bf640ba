"""疑似伪造发稿日期.

检查内容: 信息页面显示的发布日期比网址中的日期路径早 max_days 天以上（默认7天）：内容管理系统在
网址中写入的是稿件生成、发布的日期（如 /202111/t20211118_… 、/art/2021/11/18/art_…、/2021/1118/…），
页面却显示更早的发布日期（如 2021-09-29），疑似事后补发、倒签日期。网址只有年月的，按该月第一天计。
同一网址日期下有 migration_min 条以上（默认5条）这样的信息时，视为栏目迁移或批量转载旧文件，不报告；
相差超过 max_gap_days 天（默认200天）的视为补录、转载旧文件，不报告；规范性文件、政策文件、年报、指南等
载有成文日期的文件页面（转发上级文件时照录原发布日期）不在此列；显示日期晚于网址日期的（先建稿、后发布）
不报告。结果为“疑似”，需人工核实。
为什么重要: 检查指标将“存在弄虚作假行为（如伪造发稿日期等）”列为单项否决；为应付“栏目不更新”检查
补发信息并倒签日期，是监测中常见的问题。
示例: 网址为 /202111/t20211118_1337823.html 的通知，页面显示发布日期 2021-09-29。
依据: 检查指标2019 单项否决“弄虚作假（如伪造发稿日期等）”（SEC-03，疑似，需人工核实）。
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .common import INDICATORS_2019, basis
from .rule import Context, Records, Rule
from .text import book, iso

RULE = Rule(
    id="date.backdated",
    title="疑似伪造发稿日期",
    severity="veto",
    category="内容准确",
    basis=(basis(INDICATORS_2019, "单项否决：存在弄虚作假行为（如伪造发稿日期等）", "SEC-03"),),
    message="《{title}》页面显示的发布日期为{published}，而网址中的日期为{url_date}，早了{days}天，疑似倒签发稿日期，请人工核实。",
    advice="核实该信息的实际发布时间；如为补发，应如实标注发布日期，不得倒签日期应付检查。",
    options=("max_days", "max_gap_days", "migration_min"),
    description="页面显示的发布日期比网址中的日期路径早7天以上（疑似倒签）。",
)

DAY_PATTERNS = (
    re.compile(r"/t((?:19|20)\d{2})(\d{2})(\d{2})_\d+"),                                 # TRS /t20211118_123
    re.compile(r"/art/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/art_"),                       # Hanweb /art/2021/11/18/art_
    re.compile(r"/((?:19|20)\d{2})[-_]?(\d{2})/(\d{2})/[^/]+$"),                         # /2021-11/18/content_1.htm
    re.compile(r"/((?:19|20)\d{2})/(\d{2})(\d{2})/[^/]+$"),                              # /2021/1118/123.shtml
    re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})/[^/]+$"),                               # /20211118/123.html
)
FILED = ("list", "column_index", "normative_doc", "policy_doc", "annual_report", "guide")
MONTH_PATTERNS = (re.compile(r"/((?:19|20)\d{2})[-_]?(\d{2})/[^/]+$"),)               # /202111/content_1.html


def url_date(url: str) -> tuple[date, str] | None:
    """(date, precision) written in a page address: ``day``, or ``month`` (the first of the month)."""
    path = url.split("?", 1)[0]
    for pattern in DAY_PATTERNS:
        m = pattern.search(path)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day"
            except ValueError:
                continue
    for pattern in MONTH_PATTERNS:
        m = pattern.search(path)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), 1), "month"
            except ValueError:
                continue
    return None


def check(records: Records, ctx: Context):
    limit, batch, gap = int(ctx.option("max_days")), int(ctx.option("migration_min")), int(ctx.option("max_gap_days"))
    suspects: dict[date, list[tuple[dict, date, date, str]]] = {}
    for doc in records.doc_meta:
        if doc["page_type"] in FILED or doc.get("written_date"):
            continue  # lists, and documents that keep the date of their original (转发上级文件)
        shown = iso(doc.get("published_date"))
        found = url_date(doc["url"])
        if shown is None or found is None:
            continue
        written, precision = found
        if written - timedelta(days=gap) <= shown < written - timedelta(days=limit):
            key = written if precision == "day" else written.replace(day=1)
            suspects.setdefault(key, []).append((doc, shown, written, precision))
    for key, docs in sorted(suspects.items()):
        if len(docs) >= batch:
            continue  # many old items under one date: a migration or a batch of re-posted documents
        for doc, shown, written, precision in docs:
            yield RULE.finding(doc["unit"], doc["url"], None, title=book(doc.get("title") or ""),
                               published=shown.isoformat(),
                               url_date=written.isoformat() if precision == "day" else written.strftime("%Y年%m月"),
                               days=(written - shown).days, precision=precision, max_days=limit,
                               note="疑似，需人工核实：合法的补录、转载旧文件也会出现这种情况")
