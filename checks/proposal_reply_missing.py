"""未公开建议提案办理情况.

检查内容: 单位的政府信息公开专栏中找不到本年度发布的人大代表建议、政协委员提案办理答复或办理
情况（标题含“第N号建议（提案）的答复”“建议提案办理情况”等，reply_patterns 可配置），也没有本年度
未承办建议提案的情况说明（none_patterns）。年度按发布日期，无日期时按标题年份；due_month（默认7月，
答复期限一般为交办后三个月）之前检查上一年度。本级专栏集中发布、标题写明该单位名称的也算。看不到单位栏目或栏目中没有任何带日期信息的不判断。
地方考评项目（categories 可限定单位类别，[] = 全部）。
为什么重要: 建议提案办理结果公开是对人大代表、政协委员和社会监督的回应；多地考评将“未公开
本年度人大代表建议、政协委员提案办理答复”作为扣分项。涉及国家秘密或个人信息的答复可只公开摘要。
示例: 东山街道专栏中没有本年度的建议提案办理答复，也没有未承办的说明。
依据: 宣城市宣州区政务公开考评细则“建议提案办理”（OTH-02，地方考评 ☑️）。
"""

from __future__ import annotations

from .common import basis
from .rule import Context, Records, Rule
from .yearly import assessable, due_year, entries, latest, matches, unit_targets

RULE = Rule(
    id="proposal.reply-missing",
    title="未公开建议提案办理情况",
    severity="deduct",
    category="决策和执行公开",
    basis=(
        basis("宣城市宣州区政务公开工作考评细则", "建议提案办理：未公开本年度人大代表建议、政协委员提案办理答复及责任分解的扣分（地方考评）",
              "OTH-02"),
    ),
    message="{unit_name}的政府信息公开专栏未公开{year}年度人大代表建议、政协委员提案办理答复（未承办的也未作说明）。",
    advice="公开本年度人大代表建议、政协委员提案的办理答复（或办理情况、答复摘要）；本年度未承办的，发布情况说明。",
    options=("reply_patterns", "none_patterns", "due_month", "categories"),
    description="单位专栏中没有本年度建议提案办理答复或未承办的情况说明。",
)


def check(records: Records, ctx: Context):
    patterns = list(ctx.option("reply_patterns")) + list(ctx.option("none_patterns"))
    year = due_year(ctx.now.date(), ctx.option("due_month"))
    for unit, home in unit_targets(records, ctx, list(ctx.option("categories"))):
        found = entries(records, unit, ctx.units.get(unit, ""))
        if not assessable(records, unit, found):
            continue
        newest, shown = latest(matches(found, patterns), prefer="date")
        if newest is None or newest < year:
            yield RULE.finding(unit, home, None, unit_name=ctx.units.get(unit, unit), year=year, latest_year=newest,
                               found=shown, note="地方考评项目（⚠️ 各地要求不同，可在配置中调整或停用）")
