"""政府信息公开专栏缺少规定子栏目.

检查内容: 单位的政府信息公开专栏首页（配置中单位网址的首页）及其下一层页面中，找不到
“政府信息公开指南”“政府信息公开制度”“法定主动公开内容”“政府信息公开年报”四个子栏目之一，
按同义名称表宽松识别（“信息公开年报”“年度报告”“主动公开”等都算找到；名称不规范另由
column.misnamed 提示）。单位根本没有公开指南的由 guide.missing 报告，这里不重复。
专栏首页一个子栏目都识别不到的（导航由脚本生成等）不判断。
为什么重要: 政府信息公开平台应统一设置指南、制度、法定主动公开内容、年报等栏目，方便公众查找。
示例: 街道的政府信息公开专栏首页只有“政府信息公开指南”“法定主动公开内容”“政府信息公开年报”，没有“政府信息公开制度”。
依据: 国办公开办函〔2019〕61号 关于规范政府信息公开平台有关事项的通知（PLAT-03，栏目名单 ⚠️ 待核实）。
"""

from __future__ import annotations

from .column_structure import unit_status
from .common import basis
from .guide_missing import guide_urls_by_unit
from .rule import Context, Records, Rule

RULE = Rule(
    id="column.missing",
    title="缺少规定的信息公开子栏目",
    severity="deduct",
    category="栏目建设",
    basis=(basis("国办公开办函〔2019〕61号 关于规范政府信息公开平台有关事项的通知",
                 "政府信息公开专栏统一设置指南、制度、法定主动公开内容、年报等栏目（栏目名单 ⚠️ 待核实）", "PLAT-03"),),
    message="{unit_name}的政府信息公开专栏缺少“{missing_text}”栏目。",
    advice="按照政府信息公开平台规范，在专栏中设置缺少的子栏目并发布相应内容。",
    description="单位专栏首页及下一层找不到四个标准子栏目之一。",
)


def check(records: Records, ctx: Context):
    guides = guide_urls_by_unit(records)
    for unit_id, url, found in unit_status(records, ctx):
        missing = [name for name, (kind, _) in found.items() if kind == "missing"]
        if "政府信息公开指南" in missing and not guides.get(unit_id):
            missing.remove("政府信息公开指南")  # no guide at all: guide.missing
        if missing:
            yield RULE.finding(unit_id, url, None, unit_name=ctx.units.get(unit_id, unit_id), missing=missing,
                               missing_text="”“".join(missing),
                               note="⚠️ 四个子栏目的名单来自平台规范的地方实践，国办61号文原文待核实")
