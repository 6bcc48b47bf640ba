"""未发布上一年度政府信息公开工作年度报告.

检查内容: 单位的政府信息公开年报栏目页可以访问，但截至检查日，
已到发布期限（默认每年1月31日，可配置 deadline）的最近一个年度的年报既没有页面，
也没有列表条目或链接（PDF 附件形式也算已发布）。默认不检查镇街（exempt_categories），
条例第四十九条规定的是县级以上人民政府部门。看不到年报栏目的单位不判断（栏目缺失另报）。
为什么重要: 年度报告是法定公开事项，不按时发布可被依法追责。
示例: 检查日 2026-03-10，区司法局年报栏目中最新的是2023年度报告，没有2024年度报告。
依据: 条例第四十九条、第五十条（NB-01）；年报格式2021（四）。
"""

from __future__ import annotations

from .annual import due_year, parse_md, report_columns, reports_seen
from .common import REGULATION, basis
from .rule import Context, Records, Rule

RULE = Rule(
    id="annual-report.missing",
    title="未发布上年度信息公开年报",
    severity="deduct",
    category="政府信息公开年报",
    basis=(
        basis(REGULATION, "第四十九条（县级以上人民政府部门应当在每年1月31日前公布上一年度年度报告）", "NB-01"),
        basis("国办公开办函〔2021〕30号 政府信息公开工作年度报告格式", "（四）不按时发布的严肃追究", "NB-01"),
    ),
    message="{unit_name}的政府信息公开年报栏目中未找到{year}年度政府信息公开工作年度报告（应于{deadline}前发布）。",
    advice="按照条例第五十条和2021年年报格式编制上一年度政府信息公开工作年度报告，尽快在年报栏目发布。",
    options=("deadline", "exempt_categories"),
    description="已过发布期限的最近一个年度的年报在单位年报栏目中找不到。",
)


def check(records: Records, ctx: Context):
    md = parse_md(ctx.option("deadline"))
    year = due_year(ctx.now.date(), md)
    exempt = set(ctx.option("exempt_categories"))
    categories = ctx.unit_categories
    for unit_id, home in ctx.unit_homes.items():
        if categories.get(unit_id, "") in exempt:
            continue
        columns = report_columns(records, unit_id)
        seen = reports_seen(records, unit_id)
        if not columns:
            continue  # no 年报 column seen: not assessable (a missing column is column.missing)
        if year in seen:
            continue
        url = min((c["url"] for c in columns), key=len) if columns else home
        yield RULE.finding(unit_id, url, None, unit_name=ctx.units.get(unit_id, unit_id), year=year,
                           deadline=f"{year + 1}-{md[0]:02d}-{md[1]:02d}",
                           years_seen=sorted(seen, reverse=True)[:5])
