"""留言超过3个月未答复.

检查内容: 政务咨询类栏目中公开的网民留言，留言时间在检查日前 window_days 天（默认1年）内，页面显示
待回复/办理中（有答复栏但没有答复），且距检查日已超过 max_days 天（默认3个月，90天）；或答复时间晚于
留言时间超过 max_days 天（count_late_replies）。在线访谈、调查征集、网上信访、纪检举报类栏目不在此列。
栏目中没有公开任何留言的无法判断，不报告（很多系统不公开未答复的留言）。
为什么重要: 检查指标规定，监测前1年内政务咨询类栏目存在超过3个月未答复的有效留言的，即单项否决
（“互动回应差”）。
示例: 2025年2月10日的留言“关于公交线路调整的建议”至检查日仍显示“办理中”。
依据: 检查指标2019 单项否决“互动回应差”（HD-01）。
"""

from __future__ import annotations

import re

from .common import INDICATORS_2019, basis
from .messages import answered, dates, message_fields, message_pages
from .rule import Context, Records, Rule
from .text import book, nospace

RULE = Rule(
    id="message.unanswered",
    title="留言超过3个月未答复",
    severity="veto",
    category="互动回应",
    basis=(basis(INDICATORS_2019, "单项否决：互动回应差（监测前1年内政务咨询类栏目存在超过3个月未答复的有效留言）",
                 "HD-01"),),
    message="{message_date}的网民留言《{title}》{status}，超过3个月未答复。",
    advice="立即办理并答复该留言；建立留言限时办结和督办机制，不得让有效留言长期得不到答复。",
    options=("max_days", "window_days", "count_late_replies"),
    description="一年内的有效留言超过3个月仍未答复（或超过3个月才答复）。",
)

EXCLUDED = re.compile(r"信访|举报|纪检|监察|访谈|调查|征集|投票")


def check(records: Records, ctx: Context):
    limit, window = int(ctx.option("max_days")), int(ctx.option("window_days"))
    late_counts = bool(ctx.option("count_late_replies"))
    today = ctx.now.date()
    for doc in message_pages(records):
        fields = message_fields(doc)
        if fields is None or EXCLUDED.search(nospace(f"{doc.get('column_path')} {doc.get('title')}")):
            continue
        asked, replied = dates(fields)
        if not asked or not 0 <= (today - asked).days <= window:
            continue
        if answered(fields):
            if not (late_counts and replied and (replied - asked).days > limit):
                continue
            status = f"于{replied.isoformat()}才答复，相隔{(replied - asked).days}天"
        elif "reply_date" in fields or "reply_content" in fields:
            if (today - asked).days <= limit:
                continue
            status = f"至检查日已{(today - asked).days}天仍未答复"
        else:
            continue
        yield RULE.finding(doc["unit"], doc["url"], None, title=book(doc.get("title") or ""),
                           message_date=asked.isoformat(), reply_date=replied.isoformat() if replied else None,
                           status=status, max_days=limit)
