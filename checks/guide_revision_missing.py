"""政府信息公开指南未标注修订日期.

检查内容: 指南页面上没有明确的修订/更新标记（“修订时间：…”“更新日期：…”“（2024年3月修订）”）。
页面的发布日期、PubDate 元标签、“页面生成时间”都不算修订日期。
为什么重要: 指南应随机构、地址、电话等变化及时调整，并标注修订日期，公众才能判断是否现行。
示例: 指南正文只有发布日期 2021-05-10，无任何修订标注。
依据: 条例第十二条“及时更新”；各地政务公开工作要点（GUIDE-03）。
"""

from __future__ import annotations

from .common import REGULATION, basis
from .rule import Context, Records, Rule

RULE = Rule(
    id="guide.revision-missing",
    title="公开指南未标注修订日期",
    severity="deduct",
    category="政府信息公开指南",
    basis=(
        basis(REGULATION, "第十二条（指南应当及时更新）", "GUIDE-03"),
        basis("各地政务公开工作要点", "公开指南应及时调整并标注修订日期", "GUIDE-03"),
    ),
    message="政府信息公开指南《{title}》未标注修订（更新）日期。",
    advice="核对指南内容是否与现行机构、地址、联系方式一致，修订后在指南标题下注明“（YYYY年M月修订）”。",
    description="指南页面没有明确的修订或更新日期标记。",
)


def check(records: Records, ctx: Context):
    for doc in records.meta_of_type("guide"):
        if doc.get("revised_date"):
            continue
        yield RULE.finding(doc["unit"], doc["url"], None, title=doc.get("title") or "",
                           published_date=doc.get("published_date"))
