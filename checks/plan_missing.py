"""未公开本年度工作计划或上年度工作总结.

检查内容: 单位的政府信息公开专栏中找不到本年度的工作计划（标题含“工作计划”“工作要点”等，
plan_patterns 可配置）或上一年度的工作总结（summary_patterns）。年度按标题中紧挨在前面的年份
（“2024年工作总结和2025年工作计划”两项都算）；标题没有年份时，计划按发布年份，总结按发布年份的
上一年（下半年发布的按当年）。due_month（默认4月）之前检查上一年度的计划和前一年度的总结。
缺少的合并为单位的一条问题。本级专栏集中发布、标题写明该单位名称的也算。看不到单位栏目或栏目中没有任何带日期信息的不判断。
地方考评项目（categories 可限定单位类别，[] = 全部）。
为什么重要: 规划计划是条例第二十条规定的主动公开内容，工作计划和总结让公众了解单位做什么、做得怎样；
多地考评将“未公开本年度工作计划、上年度工作总结”作为扣分项。
示例: 区教育和体育局专栏中有上年度工作总结，没有本年度工作计划（要点）。
依据: 条例第二十条第（三）项；宣城市宣州区政务公开考评细则“规划计划”（OTH-01，地方考评 ☑️）。
"""

from __future__ import annotations

from .common import REGULATION, basis
from .rule import Context, Records, Rule
from .yearly import Entry, assessable, due_year, entries, latest, matches, title_year, unit_targets

RULE = Rule(
    id="plan.missing",
    title="未公开工作计划或工作总结",
    severity="deduct",
    category="决策和执行公开",
    basis=(
        basis(REGULATION, "第二十条第（三）项：国民经济和社会发展规划、专项规划、区域规划及相关政策", "OTH-01"),
        basis("宣城市宣州区政务公开工作考评细则", "规划计划：未公开本年度工作计划、上年度工作总结的扣分（地方考评）", "OTH-01"),
    ),
    message="{unit_name}的政府信息公开专栏未公开{missing_text}。",
    advice="在专栏（规划计划栏目）公开本年度工作计划（要点）和上年度工作总结。",
    options=("plan_patterns", "summary_patterns", "due_month", "categories"),
    description="单位专栏中没有本年度工作计划或上年度工作总结。",
)


def newest(found: list[tuple[Entry, int]], summary: bool) -> tuple[int | None, list[dict]]:
    """The latest year found; a summary without a year in its title is for the year before it
    was published (the year itself when published in the second half)."""
    if not summary:
        return latest(found)
    years, shown = [], []
    for e, at in found:
        y = title_year(e.title, at)
        if y is None and e.published:
            y = e.published.year - 1 if e.published.month <= 6 else e.published.year
        if y is not None:
            years.append(y)
            shown.append({"title": e.title, "url": e.url, "year": y})
    shown.sort(key=lambda x: -x["year"])
    return (max(years) if years else None), shown[:5]


def check(records: Records, ctx: Context):
    year = due_year(ctx.now.date(), ctx.option("due_month"))
    plans, summaries = list(ctx.option("plan_patterns")), list(ctx.option("summary_patterns"))
    for unit, home in unit_targets(records, ctx, list(ctx.option("categories"))):
        found = entries(records, unit, ctx.units.get(unit, ""))
        if not assessable(records, unit, found):
            continue
        plan_year, plan_seen = newest(matches(found, plans), summary=False)
        summary_year, summary_seen = newest(matches(found, summaries), summary=True)
        missing = []
        if plan_year is None or plan_year < year:
            missing.append(f"{year}年度工作计划（要点）")
        if summary_year is None or summary_year < year - 1:
            missing.append(f"{year - 1}年度工作总结")
        if missing:
            yield RULE.finding(unit, home, None, unit_name=ctx.units.get(unit, unit), year=year,
                               missing=missing, missing_text="和".join(missing),
                               plans_seen=plan_seen, summaries_seen=summary_seen,
                               note="地方考评项目（⚠️ 各地要求不同，可在配置中调整或停用）")
