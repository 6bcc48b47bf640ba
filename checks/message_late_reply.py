"""留言答复超期.

检查内容: 栏目中公开的网民留言，答复时间晚于留言时间超过配置的工作日数（默认5个工作日，按法定节假日
和调休计算）；或页面显示“待回复/办理中”且留言已超过该期限仍未答复。留言时间、答复时间以页面上
的“留言时间/来信时间…”“答复时间/回复时间…”标注为准，缺少留言时间的不判断。
为什么重要: 网民留言应及时答复；超过3个月未答复的有效留言可导致“互动回应差”单项否决。
示例: 留言时间 2025-03-03，答复时间 2025-03-20，相隔13个工作日。
依据: 各地政府网站管理办法“答复期限不超过5个工作日”（HD-04，地方规定 ⚠️ 可配置）；检查指标2019 互动回应（HD-01）。
"""

from __future__ import annotations

from .common import INDICATORS_2019, basis
from .messages import answered, dates, message_fields, message_pages
from .rule import Context, Records, Rule
from .text import book, working_days_after

RULE = Rule(
    id="message.late-reply",
    title="留言答复超期",
    severity="deduct",
    category="互动回应",
    basis=(
        basis("各地政府网站与政务新媒体管理办法", "网民留言答复期限不超过5个工作日（地方规定，可配置）", "HD-04"),
        basis(INDICATORS_2019, "单项否决：互动回应差（有效留言超过3个月未答复）", "HD-01"),
    ),
    message="{message_date}的网民留言{status}，超过{max_working_days}个工作日的答复时限。",
    advice="建立留言办理督办机制，在规定时限内答复；确需延期的，应向留言人说明。",
    options=("max_working_days",),
    description="留言答复晚于留言时间超过规定工作日数，或超期仍未答复。",
)


def check(records: Records, ctx: Context):
    limit = int(ctx.option("max_working_days"))
    today = ctx.now.date()
    for doc in message_pages(records):
        fields = message_fields(doc)
        if fields is None:
            continue
        asked, replied = dates(fields)
        if not asked:
            continue
        if answered(fields):
            if not replied:
                continue
            elapsed = working_days_after(asked, replied)
            status = f"于{replied}答复，相隔{elapsed}个工作日"
        elif "reply_date" in fields or "reply_content" in fields:
            elapsed = working_days_after(asked, today)
            status = f"至检查日已{elapsed}个工作日仍未答复"
            if elapsed > 60:
                status += "（超过3个月未答复的有效留言可构成单项否决）"
        else:
            continue
        if elapsed > limit:
            yield RULE.finding(doc["unit"], doc["url"], None, title=book(doc.get("title") or ""),
                               message_date=asked.isoformat(), reply_date=replied.isoformat() if replied else None,
                               working_days=elapsed, status=status, max_working_days=limit,
                               note="⚠️ 5个工作日为地方规定，未见全国统一时限，可在配置中调整")
