"""政府信息公开指南长期未更新.

检查内容: 指南最近一次修订日期早于检查日前的规定天数（默认 365 天，可配置 max_age_days）。
为什么重要: 指南中的机构、地址、电话、申请渠道变化后未更新，会误导申请人。
示例: 指南标注“（2023年3月修订）”，检查时已超过一年。
依据: 条例第十二条、第五十三条（GUIDE-03）。
"""

from __future__ import annotations

from datetime import date

from .common import REGULATION, basis
from .rule import Context, Records, Rule

RULE = Rule(
    id="guide.revision-outdated",
    title="公开指南长期未更新",
    severity="deduct",
    category="政府信息公开指南",
    basis=(basis(REGULATION, "第十二条、第五十三条（不及时更新政府信息公开指南）", "GUIDE-03"),),
    message="政府信息公开指南《{title}》最近修订于{revised_date}，已超过{max_age_days}天未更新。",
    advice="对照现行机构职能、办公地址、联系方式和申请渠道修订指南，并标注新的修订日期。",
    options=("max_age_days",),
    description="指南的最近修订日期早于检查日前 max_age_days 天。",
)


def check(records: Records, ctx: Context):
    limit = int(ctx.option("max_age_days"))
    today = ctx.now.date()
    for doc in records.meta_of_type("guide"):
        revised = doc.get("revised_date")
        if not revised:
            continue
        age = (today - date.fromisoformat(revised)).days
        if age > limit:
            yield RULE.finding(doc["unit"], doc["url"], None, title=doc.get("title") or "",
                               revised_date=revised, age_days=age, max_age_days=limit)
