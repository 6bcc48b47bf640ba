"""意见征集期限不足.

检查内容: 公开征求意见的页面（标题含“征求意见”“意见征集”等）写明的征求意见期间
（“征求意见时间为2025年3月1日至3月15日”“请于…前反馈”，未写起始日的从发布日期起算，首尾两日都计入）
短于规定：草案是办法、规定、条例、细则、规则（规章和行政规范性文件的常见形式）或页面写明属于重大行政决策的，
不少于30日（min_days）；草案是意见、措施、方案、决定、通知、政策、规划、计划的，不少于7个工作日
（min_working_days，按法定节假日计算）；其他草案（如标准、规范）不判断。页面说明因情况紧急等原因缩短期限的不报。
为什么重要: 重大行政决策草案、规章草案和与市场主体生产经营活动密切相关的文件，公开征求意见的期限一般不少于30日；
其他行政规范性文件一般不少于7个工作日。期限过短，公众来不及充分表达意见。
示例: 《青岚区物业管理办法（征求意见稿）》征求意见时间为2025年3月1日至3月15日，共15日。
依据: 重大行政决策程序暂行条例第十五条；优化营商环境条例第六十二条；市县法治政府建设示范指标第24项（ZJ-01；规范性文件制定前征求意见 GFXWJ-07）。
"""

from __future__ import annotations

import re
from datetime import timedelta

from .catalogue import GFXWJ_07
from .common import basis
from .consultation import SHORTENED, consultations, period, subject
from .rule import Context, Records, Rule
from .text import body, book, nospace, working_days_after

RULE = Rule(
    id="consultation.too-short",
    title="意见征集期限不足",
    severity="deduct",
    category="意见征集",
    basis=(
        basis("重大行政决策程序暂行条例（国务院令第713号）", "第十五条：公开征求意见的期限一般不少于30日", "ZJ-01"),
        basis("优化营商环境条例（国务院令第722号）", "第六十二条：向社会公开征求意见的期限一般不少于30日", "ZJ-01"),
        basis("市县法治政府建设示范指标体系", "第24项：行政规范性文件公开征求意见的期限一般不少于7个工作日", "ZJ-01"),
        GFXWJ_07,
    ),
    message="《{title}》的征求意见期限为{start}至{end}，共{length}，少于{required}。",
    advice="公开征求意见的期限一般不少于30日；因情况紧急等原因需要缩短的，应在征求意见时予以说明。",
    options=("min_days", "min_working_days"),
    description="意见征集页面写明的征求意见期间少于规定天数且未说明缩短理由。",
)


LONG = re.compile(r"(办法|规定|条例|细则|规则)$")
SHORT = re.compile(r"(意见|措施|方案|决定|通知|政策|规划|计划|要点)$")


def requirement(doc: dict, name: str | None) -> str | None:
    """"days" (30 calendar days), "working_days" (7 working days) or None (not judged)."""
    if "重大行政决策" in nospace(body(doc)):
        return "days"
    name = re.sub(r"[（(][^）)]*[）)]$", "", nospace(name))
    if LONG.search(name):
        return "days"
    if SHORT.search(name):
        return "working_days"
    return None


def check(records: Records, ctx: Context):
    min_days = int(ctx.option("min_days"))
    min_working = int(ctx.option("min_working_days"))
    for doc in consultations(records):
        found = period(doc)
        kind = requirement(doc, subject(doc.get("title")))
        if not found or kind is None or SHORTENED.search(nospace(body(doc))):
            continue
        start, end, sentence = found
        days = (end - start).days + 1
        working = working_days_after(start - timedelta(days=1), end)
        if kind == "days" and days < min_days:
            length, required = f"{days}日", f"{min_days}日"
        elif kind == "working_days" and working < min_working:
            length, required = f"{working}个工作日", f"{min_working}个工作日"
        else:
            continue
        yield RULE.finding(doc["unit"], doc["url"], None, title=book(doc.get("title") or ""), start=start.isoformat(),
                           end=end.isoformat(), days=days, working_days=working, length=length, required=required,
                           sentence=sentence,
                           note="⚠️ 30日适用于重大行政决策、规章和与市场主体密切相关的文件，其他规范性文件一般不少于7个工作日")
