"""政府信息公开工作年度报告栏目不全.

检查内容: 2021年度及以后的年报正文缺少《政府信息公开工作年度报告格式》规定的六部分之一：
一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；
四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。
只认作为标题出现的（单独成行、以序号开头或较短的一行），导语中罗列的名称不算；
“一、”“（一）”、全角半角标点、“整改措施/改进措施”等写法都接受。正文过短（年报只是附件）的不判断。
为什么重要: 年报内容要严格按照条例第五十条和统一格式确定，不能遗漏。
示例: 2024年度年报没有“五、存在的主要问题及改进情况”一节。
依据: 条例第五十条；国办公开办函〔2021〕30号 年报格式（NB-02）。
"""

from __future__ import annotations

import re

from .annual import report_year
from .annual_tables import report_rows
from .common import REGULATION, basis
from .rule import Context, Records, Rule
from .text import body, book, nospace

RULE = Rule(
    id="annual-report.sections-missing",
    title="信息公开年报内容不全",
    severity="deduct",
    category="政府信息公开年报",
    basis=(
        basis(REGULATION, "第五十条（年度报告应当包括的内容）", "NB-02"),
        basis("国办公开办函〔2021〕30号 政府信息公开工作年度报告格式", "六部分结构", "NB-02"),
    ),
    message="{year}年度政府信息公开工作年度报告《{title}》缺少规定的部分：{missing_text}。",
    advice="按照2021年年报格式补全六个部分，逐项填报主动公开、依申请公开、复议诉讼数据和存在问题及改进情况。",
    options=("from_year", "min_chars"),
    description="2021年格式年报缺少六个规定部分中的一个或几个。",
)

SECTIONS: list[tuple[str, re.Pattern]] = [
    ("总体情况", re.compile(r"总体情况|基本情况|总体概况")),
    ("主动公开政府信息情况", re.compile(r"主动公开(政府)?信息(的)?情况|主动公开情况")),
    ("收到和处理政府信息公开申请情况", re.compile(r"收到和处理.{0,8}申请|依申请公开(政府信息)?(的)?情况|申请(的)?(办理|处理)情况")),
    ("政府信息公开行政复议、行政诉讼情况", re.compile(r"行政复议")),
    ("存在的主要问题及改进情况", re.compile(r"存在的(主要)?问题|主要问题及|问题及改进|改进情况|整改措施")),
    ("其他需要报告的事项", re.compile(r"其他需要报告|其他需报告")),
]
HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,2}[、.．:：]|[（(][一二三四五六七八九十]{1,2}[）)]|第[一二三四五六七八九十]部分|"
                     r"[1-9][、.．]|[【\[])")


def headings(text: str) -> list[str]:
    out = []
    for line in text.split("\n"):
        flat = nospace(line)
        if flat and (HEADING.match(flat) or len(flat) <= 24):
            out.append(flat[:60])
    return out


def missing_sections(text: str) -> list[str]:
    heads = headings(text)
    return [name for name, pattern in SECTIONS if not any(pattern.search(h) for h in heads)]


def check(records: Records, ctx: Context):
    from_year = int(ctx.option("from_year"))
    min_chars = int(ctx.option("min_chars"))
    for doc in report_rows(records):
        year = report_year(doc.get("title"))
        text = body(doc)
        if not year or year < from_year or len(nospace(text)) < min_chars:
            continue
        missing = missing_sections(text)
        if missing:
            yield RULE.finding(doc["unit"], doc["url"], None, year=year, title=book(doc.get("title") or ""),
                               missing=missing, missing_text="、".join(missing))
