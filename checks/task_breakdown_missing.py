"""未公开决策部署任务分解和落实情况.

检查内容: 单位的政府信息公开专栏中找不到本年度的重点工作任务分解（责任分工）或落实情况
（标题含“任务分解”“责任分工”“落实情况”“推进情况”等，patterns 可配置）。年度按标题中的年份，
无年份时按发布年份；due_month（默认6月）之前检查上一年度。本级专栏集中发布、标题写明该单位名称的也算。看不到单位栏目或栏目中没有任何
带日期信息的不判断。地方考评项目（categories 可限定单位类别，[] = 全部）。
为什么重要: 公开政府工作报告和重大决策部署的任务分解与落实情况，是执行公开、接受监督的要求；
多地考评将“决策部署落实情况”作为扣分项。
示例: 新湖街道专栏中没有本年度政府工作报告重点任务分解或落实情况。
依据: 宣城市宣州区政务公开考评细则“决策部署落实情况”（OTH-03，地方考评 ☑️）。
"""

from __future__ import annotations

from .common import basis
from .rule import Context, Records, Rule
from .yearly import assessable, due_year, entries, latest, matches, unit_targets

RULE = Rule(
    id="task.breakdown-missing",
    title="未公开决策部署落实情况",
    severity="deduct",
    category="决策和执行公开",
    basis=(
        basis("宣城市宣州区政务公开工作考评细则", "决策部署落实情况：未公开本年度重大决策部署、政府工作报告任务分解及落实情况的扣分（地方考评）",
              "OTH-03"),
    ),
    message="{unit_name}的政府信息公开专栏未公开{year}年度重点工作任务分解或落实情况。",
    advice="公开本年度政府工作报告和重大决策部署的任务分解（责任分工）及推进、落实情况。",
    options=("patterns", "due_month", "categories"),
    description="单位专栏中没有本年度重点工作任务分解或落实情况。",
)


def check(records: Records, ctx: Context):
    year = due_year(ctx.now.date(), ctx.option("due_month"))
    patterns = list(ctx.option("patterns"))
    for unit, home in unit_targets(records, ctx, list(ctx.option("categories"))):
        found = entries(records, unit, ctx.units.get(unit, ""))
        if not assessable(records, unit, found):
            continue
        newest, shown = latest(matches(found, patterns))
        if newest is None or newest < year:
            yield RULE.finding(unit, home, None, unit_name=ctx.units.get(unit, unit), year=year, latest_year=newest,
                               found=shown, note="地方考评项目（⚠️ 各地要求不同，可在配置中调整或停用）")
