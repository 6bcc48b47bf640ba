"""信息公开子栏目名称不规范.

检查内容: 单位的政府信息公开专栏首页设有指南、制度、法定主动公开内容、年报类子栏目，
但名称不是统一名称（“政府信息公开指南”“政府信息公开制度”“法定主动公开内容”“政府信息公开年报”），
而是“信息公开年报”“政府信息公开工作年度报告”“主动公开”等其他叫法。作为提示，不计扣分。
为什么重要: 政府信息公开专栏“必须统一名称、统一格式”，名称统一便于公众在不同网站查找同类信息。
示例: 年报栏目名为“政府信息公开工作年度报告”。
依据: 国办公开办函〔2019〕61号 一、二（PLAT-01、PLAT-03，栏目名称 ⚠️ 待核实）。
"""

from __future__ import annotations

from .column_structure import unit_status
from .common import basis
from .rule import Context, Records, Rule

RULE = Rule(
    id="column.misnamed",
    title="信息公开子栏目名称不规范",
    severity="advice",
    category="栏目建设",
    basis=(basis("国办公开办函〔2019〕61号 关于规范政府信息公开平台有关事项的通知",
                 "一、专栏必须统一名称、统一格式（子栏目统一名称 ⚠️ 待核实）", "PLAT-03"),),
    message="{unit_name}的政府信息公开专栏将“{canonical}”栏目命名为“{shown}”，建议使用统一名称。",
    advice="将栏目名称统一为“政府信息公开指南”“政府信息公开制度”“法定主动公开内容”“政府信息公开年报”。",
    description="标准子栏目存在但名称不是统一名称（提示）。",
)


def check(records: Records, ctx: Context):
    for unit_id, url, found in unit_status(records, ctx):
        wrong = [(name, shown) for name, (kind, shown) in found.items() if kind == "misnamed"]
        if wrong:
            yield RULE.finding(unit_id, url, None, unit_name=ctx.units.get(unit_id, unit_id),
                               canonical="”“".join(n for n, _ in wrong), shown="”“".join(s for _, s in wrong),
                               names=dict(wrong))
