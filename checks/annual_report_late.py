"""政府信息公开工作年度报告发布超期.

检查内容: 年报栏目中某一年度的年报，其发布日期（报告页面的发布日期，没有页面时取列表中的日期）
晚于次年的发布期限（部门默认1月31日，可配置 deadline；本级政府的年报由主管部门在3月31日前
公布，site_deadline，网站本级和标题以人民政府名义而非局、委、办、中心等部门名义的年报都按此期限）。
只看单位自己的年报页面和年报栏目列表。默认不检查镇街（exempt_categories）。
为什么重要: 条例规定县级以上人民政府部门应当在每年1月31日前公布上一年度年报，超期发布属于“不按时发布”。
示例: 《区教育局2024年政府信息公开工作年度报告》发布日期为 2025-03-15。
依据: 条例第四十九条（NB-01）；年报格式2021（四）。
"""

from __future__ import annotations

from .annual import by_government, dated_reports, deadline_of, parse_md
from .common import REGULATION, basis
from .rule import Context, Records, Rule
from .text import book, iso

RULE = Rule(
    id="annual-report.late",
    title="信息公开年报发布超期",
    severity="deduct",
    category="政府信息公开年报",
    basis=(
        basis(REGULATION, "第四十九条（县级以上人民政府部门应当在每年1月31日前公布上一年度年度报告）", "NB-01"),
        basis("国办公开办函〔2021〕30号 政府信息公开工作年度报告格式", "（四）不按时发布的严肃追究", "NB-01"),
    ),
    message="{year}年度政府信息公开工作年度报告《{title}》于{published}发布，晚于{deadline}的发布期限。",
    advice="今后按照条例第四十九条在每年1月31日前发布上一年度年报；发布日期应如实标注。",
    options=("deadline", "site_deadline", "exempt_categories"),
    description="年报发布日期晚于次年的发布期限。",
)


def check(records: Records, ctx: Context):
    exempt = set(ctx.option("exempt_categories"))
    for unit_id in sorted({d["unit"] for d in records.doc_meta}):
        if ctx.unit_categories.get(unit_id, "") in exempt:
            continue
        for year, seen in sorted(dated_reports(records, unit_id).items()):
            # a 人民政府's own (本级) report is published by the 主管部门 later (条例第四十九条)
            own = not unit_id or any(by_government(s.get("title")) for s in seen)
            md = parse_md(ctx.option("site_deadline" if own else "deadline"))
            pages = [s for s in seen if s["page"] and iso(s["date"])]
            dated = pages or [s for s in seen if iso(s["date"])]
            if not dated:
                continue
            first = min(dated, key=lambda s: iso(s["date"]))
            published, limit = iso(first["date"]), deadline_of(year, md)
            if published > limit:
                yield RULE.finding(unit_id, first["url"], None, year=year, title=book(first["title"] or ""),
                                   published=published.isoformat(), deadline=limit.isoformat(),
                                   days_late=(published - limit).days)
