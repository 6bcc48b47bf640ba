"""网站首页长期不更新.

检查内容: 门户网站（及自有网站的单位）首页上信息列表的最新日期距检查日超过 max_days 天（默认14天，
即2周）。日期取首页各条信息旁显示的日期（含只写“06-12”这种月日的，年份按检查日推定）；没有标注
日期的信息视为未更新。首页有 min_items 条以上信息却都没有日期的，同样报告；列表由脚本加载而页面上
看不到日期的不判断。
为什么重要: 检查指标规定监测2周内首页没有信息更新的即单项否决；未注明信息发布时间的视为不更新。
示例: 区政府门户网站首页“政务要闻”最新一条发布于20天前。
依据: 检查指标2019 单项否决“首页不更新”；普查2015 “未注明信息发布时间的视为不更新”（WEB-02）。
"""

from __future__ import annotations

from datetime import date

from .common import INDICATORS_2019, basis
from .rule import Context, Records, Rule
from .sites import home_pages, site_info
from .text import extras, iso, items

RULE = Rule(
    id="site.home-not-updated",
    title="网站首页长期不更新",
    severity="veto",
    category="网站运维",
    basis=(
        basis(INDICATORS_2019, "单项否决：首页不更新（监测2周，首页无信息更新）", "WEB-02"),
        basis("全国政府网站普查评分表（国办发〔2015〕15号）", "未注明信息发布时间的视为不更新", "WEB-02"),
    ),
    message="{owner_name}网站首页{state}。",
    advice="每日关注首页信息更新，及时发布政务动态、通知公告等信息，并在每条信息旁标注发布日期。",
    options=("max_days", "min_items"),
    description="首页信息列表的最新日期超过2周，或首页信息都没有标注日期。",
)


def month_day(value: str, today: date) -> date | None:
    """``MM-DD`` on or before the audit day: this year, else last year."""
    try:
        month, day = (int(x) for x in value.split("-"))
        found = date(today.year, month, day)
        return found if found <= today else date(today.year - 1, month, day)
    except ValueError:
        return None


def check(records: Records, ctx: Context):
    limit, minimum = int(ctx.option("max_days")), int(ctx.option("min_items"))
    today = ctx.now.date()
    for home, owner in home_pages(records):
        rows = items(home)
        dated = [(iso(i.get("date")), i.get("title") or "") for i in rows]
        dated = [(d, t) for d, t in dated if d and d <= today]
        dated += [(d, "") for d in (month_day(v, today) for v in site_info(home).get("month_days", [])) if d]
        owner_name = ctx.units.get(owner, owner) if owner else (ctx.site_name or "门户")
        if dated:
            latest, title = max(dated, key=lambda x: x[0])
            age = (today - latest).days
            if age > limit:
                yield RULE.finding(owner, home["url"], None, owner_name=owner_name, max_days=limit,
                                   state=f"最新信息的日期为{latest.isoformat()}，已{age}天未更新，超过{limit}天的要求",
                                   latest=latest.isoformat(),
                                   latest_title=title, age_days=age, dated_items=len(dated))
            continue
        news = [i for i in rows if len(i.get("title") or "") >= 8]
        if len(news) >= minimum and not extras(home).get("dynamic"):
            yield RULE.finding(owner, home["url"], None, owner_name=owner_name, max_days=limit,
                               state=f"的{len(news)}条信息均未标注发布日期，视为未更新", latest=None,
                               undated_items=[i.get("title") for i in news[:5]])
