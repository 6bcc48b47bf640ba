"""未发布政府信息公开指南.

检查内容: 单位的信息公开栏目中找不到政府信息公开指南页面（标题含“政府信息公开指南”的正文页面），
既不在该单位的网址范围内，也没有从该单位页面链接到的指南。
为什么重要: 条例第十二条要求行政机关编制、公布政府信息公开指南并及时更新。
示例: 街道的信息公开栏目没有“政府信息公开指南”子栏目。
依据: 条例第十二条（GUIDE-01）；平台61号 四个子栏目（PLAT-03）。
"""

from __future__ import annotations

import re

from .common import REGULATION, basis
from .rule import Context, Records, Rule

RULE = Rule(
    id="guide.missing",
    title="未发布政府信息公开指南",
    severity="deduct",
    category="政府信息公开指南",
    basis=(
        basis(REGULATION, "第十二条", "GUIDE-01"),
        basis("国办公开办函〔2019〕61号 关于规范政府信息公开平台有关事项的通知", "政府信息公开指南栏目", "PLAT-03"),
    ),
    message="{unit_name}的政府信息公开栏目中未找到政府信息公开指南。",
    advice="按照条例第十二条编制并在“政府信息公开指南”栏目发布本单位的政府信息公开指南，标注修订日期。",
    description="单位栏目内没有可访问的政府信息公开指南正文页面。",
)

GUIDE_LINK = re.compile(r"信息公开指南|公开指南")


def guide_urls_by_unit(records: Records) -> dict[str, set[str]]:
    """Guides a unit owns: under its URL prefix, or linked from its pages as a 指南 (found
    once per run; do not change the sets)."""
    return records.memo(_guide_urls_by_unit)


def _guide_urls_by_unit(records: Records) -> dict[str, set[str]]:
    guides = {d["url"] for d in records.meta_of_type("guide")}
    owned: dict[str, set[str]] = {}
    for doc in records.meta_of_type("guide"):
        owned.setdefault(doc["unit"], set()).add(doc["url"])
    for link in records.links:
        if link["to_url"] not in guides:
            continue
        page = records.page_by_url.get(link["from_url"])
        if page is None:
            continue
        owned.setdefault(page["unit"], set()).add(link["to_url"])
    return owned


def check(records: Records, ctx: Context):
    owned = guide_urls_by_unit(records)
    crawled_units = {p["unit"] for p in records.pages if not p.get("error")}
    for unit_id, home in ctx.unit_homes.items():
        if owned.get(unit_id):
            continue
        if unit_id not in crawled_units:
            continue  # the unit's column itself was unreachable: reported as a broken link
        yield RULE.finding(unit_id, home, None, unit_name=ctx.units.get(unit_id, unit_id),
                           guides_seen=sorted({u for urls in owned.values() for u in urls})[:5])
