"""法定主动公开内容不全.

检查内容: 单位专栏的法定主动公开内容目录（专栏首页、“法定主动公开内容”等目录页上的栏目链接，
采集到的栏目名称和面包屑）中，找不到条例第二十条列举的某类信息的栏目。每类信息按关键词对应栏目
名称（categories，可配置；如“财政预决算”“部门预算”都对应第七项），有栏目即算（空栏目写明说明的
同样算），目录页上写明本单位不涉及该类信息的说明也算。识别到的类别少于 min_covered 项的（目录由脚本
生成、页面未采集到）不判断。第十五项“其他”无法按名称判断，默认不检查。
为什么重要: 第二十条规定的是各行政机关共性的法定主动公开内容，考评要求“法定主动公开内容全部公开到位”；
确无某类信息的，也应保留栏目并作出说明。
示例: 区教育和体育局的法定主动公开内容中没有“财政预决算”“政府采购”栏目，也没有说明。
依据: 条例第二十条；国办公开办函〔2019〕61号 一（FDZD-01）。
"""

from __future__ import annotations

from .common import REGULATION, basis
from .disclosure import coverage, directory_names
from .rule import Context, Records, Rule
from .sites import PLATFORM_61

RULE = Rule(
    id="disclosure.categories-missing",
    title="法定主动公开内容不全",
    severity="deduct",
    category="法定主动公开内容",
    basis=(
        basis(REGULATION, "第二十条（行政机关应当主动公开的十五类政府信息）", "FDZD-01"),
        basis(PLATFORM_61, "一：特别是第二十条规定的各行政机关共性基础内容", "FDZD-01"),
    ),
    message="{unit_name}的法定主动公开内容缺少条例第二十条规定的{count}类信息：{missing_text}。",
    advice="按照条例第二十条在“法定主动公开内容”中设置对应栏目并发布信息；本单位确无该类信息的，保留栏目并作出说明。",
    options=("categories", "min_covered"),
    description="单位的法定主动公开内容目录中找不到条例第二十条某类信息的栏目或说明。",
)


def check(records: Records, ctx: Context):
    items = list(ctx.option("categories"))
    minimum = int(ctx.option("min_covered"))
    for unit in sorted(ctx.unit_homes):
        names, texts = directory_names(records, ctx, unit)
        covered, missing = coverage(items, names, texts)
        if len(covered) < minimum or not missing:
            continue
        yield RULE.finding(unit, ctx.unit_homes[unit], None, unit_name=ctx.units.get(unit, unit), count=len(missing),
                           missing=missing, missing_text="；".join(missing), covered=covered)
