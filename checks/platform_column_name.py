"""政府信息公开专栏名称不规范.

检查内容: 门户网站（及自有网站的单位）首页导航中指向信息公开专栏的链接，名称不是“政府信息公开”，
而是“信息公开目录”“信息公开专栏”“政务信息公开”等旧名称（名单可配置）。首页只有“政务公开”入口的
（政府信息公开嵌套在政务公开下），以专栏页面的面包屑为准：出现“政府信息公开”即可，只出现旧名称的
才报告。首页没有任何信息公开类链接（导航由脚本生成等）且面包屑也看不出名称的，不判断。
为什么重要: 政府信息公开平台要求“专栏姓专”、统一名称，未设置“政府信息公开”栏目或使用其他名称的
应统一设置，方便公众在各级政府网站的同一位置找到。
示例: 区政府门户网站首页导航为“信息公开目录”，而不是“政府信息公开”。
依据: 国办公开办函〔2019〕61号 一、二（PLAT-01；须统一命名为“政府信息公开”的要求 ⚠️ 待核实原文）。
"""

from __future__ import annotations

from .common import basis
from .rule import Context, Records, Rule
from .sites import PLATFORM_61, crumbs_by, home_pages, host, site_info

CANONICAL = "政府信息公开"

RULE = Rule(
    id="platform.column-name",
    title="政府信息公开专栏名称不规范",
    severity="deduct",
    category="平台建设",
    basis=(basis(PLATFORM_61, "一、二：统一名称，原则上依托“政府信息公开”栏目；使用其他名称的应统一设置（⚠️ 原文后半句待核实）",
                 "PLAT-01"),),
    message="网站首页的信息公开专栏入口名为“{shown}”，未统一使用“政府信息公开”名称。",
    advice="将首页导航中的信息公开专栏入口及专栏名称统一为“政府信息公开”；嵌套在“政务公开”下的，子栏目名称也应为“政府信息公开”。",
    options=("old_names",),
    description="首页导航中的信息公开专栏入口使用“信息公开目录”等旧名称，而非“政府信息公开”。",
)


def check(records: Records, ctx: Context):
    old_names = set(ctx.option("old_names"))
    for home, owner in home_pages(records):
        names = [entry["text"] for entry in site_info(home).get("disclosure_links", [])]
        if CANONICAL in names:
            continue
        shown = [n for n in names if n in old_names]
        source = "首页导航"
        if not shown:
            steps = crumbs_by(records, "host").get(host(home["url"]), set())
            if CANONICAL in steps:
                continue
            shown = sorted(steps & old_names)
            source = "专栏页面面包屑"
        if shown:
            yield RULE.finding(owner, home["url"], None, shown=shown[0], names_seen=names, source=source,
                               note="⚠️ 须命名为“政府信息公开”出自61号文被截断的原文，待核实")
