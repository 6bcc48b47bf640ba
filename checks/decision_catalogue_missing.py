"""未公开本年度重大行政决策事项目录.

检查内容: 单位的政府信息公开专栏中找不到本年度的重大行政决策事项目录（标题含“重大行政决策事项目录”
“重大行政决策事项清单”或公布重大行政决策事项的公告，catalogue_patterns 可配置），也没有“本年度无
重大行政决策事项”的说明（none_patterns）。年度按标题中的年份，标题无年份时按发布年份；
due_month（默认4月）之前检查上一年度。适用于县级人民政府（本级专栏有自己发布的文件时）及其部门、
乡镇（街道）（categories 可限定单位类别，[] = 全部；include_site 控制本级）。本级专栏集中发布、标题写明该单位名称的也算。看不到单位栏目或
栏目中没有任何带日期信息的不判断。条例规定的是“可以”公布，作为提示。
为什么重要: 决策机关确定并向社会公布重大行政决策事项目录，是决策公开、公众参与的前提。
示例: 区住房和城乡建设局专栏中最新的重大行政决策事项目录是前年的。
依据: 重大行政决策程序暂行条例第三条、第四十二条（JC-01）。
"""

from __future__ import annotations

from .common import basis
from .rule import Context, Records, Rule
from .yearly import assessable, due_year, entries, latest, matches, unit_targets

RULE = Rule(
    id="decision.catalogue-missing",
    title="未公开重大行政决策事项目录",
    severity="advice",
    category="决策和执行公开",
    basis=(
        basis("重大行政决策程序暂行条例（国务院令第713号）", "第三条：决策机关可以确定决策事项目录、标准，经同级党委同意后向社会公布", "JC-01"),
        basis("重大行政决策程序暂行条例（国务院令第713号）", "第四十二条：县级以上人民政府部门和乡级人民政府参照本条例规定执行",
              "JC-01"),
    ),
    message="{unit_name}的政府信息公开专栏未公开{year}年度重大行政决策事项目录（无决策事项的也未作说明）。",
    advice="确定本年度重大行政决策事项目录，经同级党委同意后在专栏公开；本年度无重大行政决策事项的，发布情况说明。",
    options=("catalogue_patterns", "none_patterns", "due_month", "categories", "include_site"),
    description="单位专栏中没有本年度重大行政决策事项目录或无事项的说明（提示）。",
)


def site_level(records: Records) -> str | None:
    """The 本级 column's first page, when the site publishes documents of its own (outside
    every unit prefix); a site whose 本级 is only an index has nothing to judge."""
    own = [d for d in records.meta_of_type("normative_doc", "policy_doc") if d["unit"] == ""]
    if not own:
        return None
    pages = [p["url"] for p in records.pages if p["unit"] == "" and p.get("status") == 200]
    return min(pages, key=lambda u: (len(u), u)) if pages else None


def check(records: Records, ctx: Context):
    patterns = list(ctx.option("catalogue_patterns")) + list(ctx.option("none_patterns"))
    year = due_year(ctx.now.date(), ctx.option("due_month"))
    targets = unit_targets(records, ctx, list(ctx.option("categories")))
    if ctx.option("include_site") and (home := site_level(records)):
        targets.append(("", home))
    for unit, home in targets:
        found = entries(records, unit, ctx.units.get(unit, ""))
        if not assessable(records, unit, found):
            continue
        newest, shown = latest(matches(found, patterns))
        if newest is None or newest < year:
            name = ctx.units.get(unit, unit) if unit else (ctx.site_name or "本级")
            yield RULE.finding(unit, home, None, unit_name=name, year=year, latest_year=newest, found=shown,
                               note="条例规定“可以”公布，作提示；省级规定要求公布的可调整")
