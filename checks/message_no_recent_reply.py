"""留言答复长期未更新.

检查内容: 单位公开的网民留言中，最近一次答复（答复时间）距检查日超过 max_days 天（默认2个月，60天），
即检查日前2个月内没有新的留言答复。没有公开任何留言的不判断；有留言但都没有答复（且最早的留言已超过 max_days 天）的，同样报告。
报告位置为留言所在的列表页（找不到时为最近一条留言）。
为什么重要: 互动交流栏目应持续受理、答复公众留言；检查指标将“监测时间点前2个月内未更新留言答复”
作为扣分项。
示例: 区住建局“咨询留言”栏目最近一条答复在3个月前。
依据: 检查指标2019（国管局自查：监测时间点前2个月内未更新留言答复，扣3分）（HD-02）。
"""

from __future__ import annotations

from .common import INDICATORS_2019, basis
from .message_unanswered import EXCLUDED
from .messages import dates, message_fields, message_pages
from .rule import Context, Records, Rule
from .text import items, nospace

RULE = Rule(
    id="message.no-recent-reply",
    title="留言答复长期未更新",
    severity="deduct",
    category="互动回应",
    basis=(basis(INDICATORS_2019, "互动交流：监测时间点前2个月内未更新留言答复（国管局自查扣3分）", "HD-02"),),
    message="{unit_name}公开的{count}条网民留言中，{state}，检查日前{max_days}天内没有新的留言答复。",
    advice="及时办理并公开网民留言答复，保持互动交流栏目持续更新。",
    options=("max_days",),
    description="单位最近一次留言答复早于检查日前2个月。",
)


def check(records: Records, ctx: Context):
    limit = int(ctx.option("max_days"))
    today = ctx.now.date()
    by_unit: dict[str, list[tuple[dict, object, object]]] = {}
    for doc in message_pages(records):
        fields = message_fields(doc)
        if fields is None or EXCLUDED.search(nospace(f"{doc.get('column_path')} {doc.get('title')}")):
            continue
        asked, replied = dates(fields)
        by_unit.setdefault(doc.get("unit") or "", []).append((doc, asked, replied))
    listing: dict[str, set[str]] | None = None
    for unit, messages in sorted(by_unit.items()):
        replies = [r for _, _, r in messages if r and r <= today]
        latest = max(replies, default=None)
        if latest is not None and (today - latest).days <= limit:
            continue
        if latest is None and all(a and (today - a).days <= limit for _, a, _ in messages):
            continue  # only recent messages, none answered yet: there was no time to answer
        listing = listing if listing is not None else _lists_of(records, by_unit)
        lists = sorted({page for doc, _, _ in messages for page in listing.get(doc["url"], ())})
        newest = max(messages, key=lambda m: (m[1] or today.min, m[0]["url"]))[0]["url"]
        state = f"最近一次答复在{latest.isoformat()}（{(today - latest).days}天前）" if latest else "没有一条公开答复"
        yield RULE.finding(unit, min(lists, key=len) if lists else newest, None,
                           unit_name=ctx.units.get(unit, ctx.site_name or "本级"), count=len(messages), state=state,
                           latest_reply=latest.isoformat() if latest else None, max_days=limit)


def _lists_of(records: Records, by_unit: dict[str, list[tuple[dict, object, object]]]) -> dict[str, set[str]]:
    """message URL -> the list pages that have a row leading to it (one reading of the lists,
    not one per unit)."""
    messages = {doc["url"] for rows in by_unit.values() for doc, _, _ in rows}
    found: dict[str, set[str]] = {}
    for page in records.iter_documents("list", columns=("items",)):
        for item in items(page):
            if item.get("url") in messages:
                found.setdefault(item["url"], set()).add(page["url"])
    return found
