"""栏目不更新达到单项否决.

检查内容: 全站（本级和各单位专栏合计）长期未更新的栏目数量达到检查指标的单项否决线，任一即报告一次：
（1）动态、要闻类栏目2周内未更新，加上通知公告、政策文件类栏目6个月内未更新，合计达到 min_stale 个
（默认5个；更新周期不超过 short_period_days 天的栏目计入）；（2）应更新而长期未更新的栏目（按 periods
任一周期超期）达到 min_long_stale 个（默认10个）。栏目识别和更新周期同 column.stale（逐个栏目的问题由它报告）；
指标原文限于“一级栏目”，本检查无法区分栏目层级，按全部栏目计数。
为什么重要: 检查指标规定栏目不更新达到上述数量之一即单项否决，网站整体判为不合格。
示例: 全站有6个动态、通知公告类栏目分别超过2周、6个月未更新。
依据: 检查指标2019 单项否决“栏目不更新”第1、2项（WEB-03）。
"""

from __future__ import annotations

from .column_stale import latest_date, period_for
from .columns import column_pages
from .common import INDICATORS_2019, basis
from .rule import Context, Records, Rule
from .sites import column_root

RULE = Rule(
    id="column.stale-veto",
    title="栏目不更新（单项否决）",
    severity="veto",
    category="栏目建设",
    basis=(basis(INDICATORS_2019, "单项否决：栏目不更新（动态要闻类2周、通知公告和政策文件类6个月未更新累计超过（含）5个；"
                                  "应更新但长期未更新的栏目超过（含）10个）", "WEB-03"),),
    message="全站有{count}个栏目{condition}，达到“栏目不更新”单项否决标准（{threshold}个）。",
    advice="立即更新超期栏目；确无新信息的栏目作出说明或调整栏目设置，建立栏目更新巡查机制。",
    options=("periods", "short_period_days", "min_stale", "min_long_stale"),
    description="超期未更新的动态、通知公告、政策文件类栏目达到5个，或长期未更新栏目达到10个。",
)


def stale_columns(records: Records, periods: list[dict], today) -> list[dict]:
    out = []
    for url, (doc, name) in sorted(column_pages(records).items()):
        days = period_for(name, periods)
        if days is None:
            continue
        latest = latest_date(records, doc)
        if latest is not None and (today - latest).days > days:
            out.append({"url": url, "unit": doc.get("unit") or "", "column": name, "latest": latest.isoformat(),
                        "age_days": (today - latest).days, "max_days": days})
    return out


def site_root(records: Records) -> str | None:
    root = column_root(records)
    return root["url"] if root is not None else None


def check(records: Records, ctx: Context):
    periods = list(ctx.option("periods"))
    stale = stale_columns(records, periods, ctx.now.date())
    short = [c for c in stale if c["max_days"] <= int(ctx.option("short_period_days"))]
    if len(short) >= int(ctx.option("min_stale")):
        chosen, threshold = short, ctx.option("min_stale")
        condition = "超过更新周期未更新（动态要闻类2周、通知公告和政策文件类6个月）"
    elif len(stale) >= int(ctx.option("min_long_stale")):
        chosen, condition, threshold = stale, "应更新但长期未更新", ctx.option("min_long_stale")
    else:
        return
    url = site_root(records) or chosen[0]["url"]
    yield RULE.finding("", url, None, count=len(chosen), condition=condition, threshold=threshold,
                       columns=[{k: c[k] for k in ("unit", "column", "url", "latest", "age_days")} for c in chosen])
