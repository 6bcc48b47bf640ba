"""政府信息公开年报栏目历年年报不全、排列混乱或无法打开.

检查内容: 单位的年报栏目（及其年报页面、列表条目、链接）中能看到的各年度年报：从 start_year
（默认0，即从该单位能看到的最早一份年报起；机构改革后新设的单位只有之后的年份）到能看到的最新一份之间，
每个年度都应有年报；列出的年报至少有一个地址能打开（链接检查为404、软404、超时等的算打不开）；
栏目列表中同一主体的年报应按年度从新到旧排列（check_order）。最新一个应发布年度是否缺失由
annual-report.missing 检查，这里不重复。栏目还有未抓取到的分页（脚本翻页等）时，只检查看到的年份之间。
看不到年报栏目的单位不判断。
为什么重要: 年报应当长期可查；评估中“年度报告专栏排序混乱，查询不便”“可获取性不强”都是常见扣分问题。
示例: 年报栏目列有2024、2023、2021年度年报，缺2022年度；或2019年度年报的链接返回404。
依据: 条例第四十九条、第五十条（NB-08）；中国社会科学院法学研究所2016年年报评估问题清单。
"""

from __future__ import annotations

import re

from .annual import report_columns, report_year, reports_seen
from .annual_tables import owner_of
from .common import REGULATION, basis
from .rule import Context, Records, Rule
from .text import extras, items, nospace
from crawler.linkstatus import UNREACHABLE

RULE = Rule(
    id="annual-report.archive-incomplete",
    title="历年年报不全或排列混乱",
    severity="advice",
    category="政府信息公开年报",
    basis=(
        basis(REGULATION, "第四十九条、第五十条（每年公布上一年度年度报告）", "NB-08"),
        basis("中国社会科学院法学研究所 政府信息公开工作年度报告评估（2016）",
              "年度报告专栏排序混乱、查询不便，可获取性不强", "NB-08"),
    ),
    message="{unit_name}的政府信息公开年报栏目{problems_text}。",
    advice="在年报栏目中按年度从新到旧完整列出历年政府信息公开工作年度报告，补发缺失年度的年报，修复无法打开的链接。",
    options=("start_year", "check_order"),
    description="年报栏目缺少中间年度的年报、列出的年报打不开，或未按年度从新到旧排列。",
)

PAGER = re.compile(r"^(下一页|下页|尾页|末页|后一页|\d{1,3}|>|>>|»)$")
FIRST_YEAR = 2007  # the 条例 of 2007: the first reports are for 2008


def _reachable(records: Records, url: str | None) -> bool | None:
    """True / False when the crawl knows, None when it never looked."""
    if not url:
        return None
    page = records.page_by_url.get(url)
    if page is not None and not page.get("error") and (page.get("status") or 200) < 400:
        return True
    probe = records.probes.get(url)
    if probe is not None:
        return probe["outcome"] not in UNREACHABLE
    return None if page is None else False


def _more_pages(records: Records, columns: list[dict], outgoing: dict[str, list[dict]]) -> bool:
    """The column has list pages the crawl did not see (script pagers, unfollowed 下一页 links)."""
    for column in columns:
        if extras(column).get("dynamic"):
            return True
        for link in outgoing.get(column["url"], []):
            pager = link.get("kind") == "pagination" or PAGER.match(nospace(link.get("text")))
            if pager and link["to_url"] not in records.page_by_url:
                return True
    return False


def _disorder(columns: list[dict]) -> list[int] | None:
    """The years as a column page lists them, when one owner's reports are not newest first."""
    for column in sorted(columns, key=lambda c: c["url"]):
        shown: dict[str, list[int]] = {}
        order: list[int] = []
        for item in items(column):
            year = report_year(item.get("title"))
            if year:
                shown.setdefault(owner_of(item.get("title")), []).append(year)
                order.append(year)
        for years in shown.values():
            if any(later > earlier for earlier, later in zip(years, years[1:])):
                return order[:15]
    return None


def check(records: Records, ctx: Context):
    start_year = int(ctx.option("start_year"))
    check_order = bool(ctx.option("check_order"))
    outgoing = records.links_from
    for unit_id in sorted({d["unit"] for d in records.doc_meta}):
        columns = report_columns(records, unit_id)
        if not columns:
            continue
        newest_due = ctx.now.year - 1
        seen = {y: e for y, e in reports_seen(records, unit_id).items() if FIRST_YEAR < y <= newest_due}
        if not seen:
            continue  # nothing listed at all: annual-report.missing
        first, newest = min(seen), max(seen)
        start = first
        if start_year and not _more_pages(records, columns, outgoing):
            start = min(start_year, first)
        missing = [y for y in range(start, newest) if y not in seen]
        unreachable = [y for y, entries in sorted(seen.items())
                       if all(_reachable(records, e.get("url")) is False for e in entries)]
        order = _disorder(columns) if check_order else None
        problems = []
        if missing:
            problems.append("缺少" + "、".join(str(y) for y in missing) + "年度年报")
        if unreachable:
            problems.append("、".join(str(y) for y in unreachable) + "年度年报无法打开")
        if order:
            problems.append("未按年度从新到旧排列（列表顺序：" + "、".join(str(y) for y in order) + "）")
        if problems:
            url = min((c["url"] for c in columns), key=len)
            yield RULE.finding(unit_id, url, None, unit_name=ctx.units.get(unit_id) or unit_id or ctx.site_name,
                               problems=problems, problems_text="，".join(problems), missing_years=missing,
                               unreachable_years=unreachable, listed_order=order, years_seen=sorted(seen),
                               expected_from=start)
