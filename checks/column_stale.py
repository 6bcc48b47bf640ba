"""栏目长期未更新.

检查内容: 栏目中最新一条信息的日期距检查日超过该类栏目的更新周期。周期按栏目名称匹配配置
（periods，按顺序取第一条匹配）：默认 动态/要闻/新闻类 14 天，通知公告、政策文件类 183 天（6个月），
人事、规划计划类 365 天。未匹配的栏目（指南、制度、年报、规范性文件等按需发布的栏目）不检查；
条目都没有日期的不判断。同一栏目的分页一起计算。
为什么重要: 检查指标要求动态要闻类栏目2周内、通知公告和政策文件类栏目6个月内有更新，
长期不更新的栏目会被计入“栏目不更新”，累计达到规定数量即单项否决。
示例: “工作动态”栏目最新一条信息发布于40天前。
依据: 检查指标2019 单项否决“栏目不更新”；政策文件类一级栏目6个月未更新扣5分（WEB-03、WEB-04）。
"""

from __future__ import annotations

import re

from .columns import column_pages
from .common import INDICATORS_2019, basis
from .rule import Context, Records, Rule
from .text import iso, items, nospace

RULE = Rule(
    id="column.stale",
    title="栏目长期未更新",
    severity="deduct",
    category="栏目建设",
    basis=(
        basis(INDICATORS_2019, "单项否决：栏目不更新（动态要闻类2周、通知公告和政策文件类6个月）", "WEB-03"),
        basis(INDICATORS_2019, "政策文件类一级栏目6个月未更新扣分", "WEB-04"),
    ),
    message="栏目“{column}”最新信息发布于{latest}，已{age_days}天未更新，超过{max_days}天的更新要求。",
    advice="按栏目更新周期及时发布信息；确无新信息的栏目应作出说明，或按栏目设置规范调整栏目。",
    options=("periods",),
    description="栏目最新信息的日期超过按栏目名称配置的更新周期。",
)


def period_for(name: str, periods: list[dict]) -> int | None:
    for p in periods:
        if re.search(p["pattern"], name):
            return int(p["days"])
    return None


def latest_date(records: Records, doc: dict):
    """The newest item date on the column page and its other pages (same breadcrumb, same unit)."""
    newest = _newest(items(doc))
    crumb = nospace(doc.get("column_path"))
    if crumb:
        for url, latest in records.memo(_list_pages).get((doc["unit"], crumb), ()):
            if url != doc["url"] and latest and (newest is None or latest > newest):
                newest = latest
    return newest


def _newest(rows: list[dict]):
    dates = [iso(i.get("date")) for i in rows]
    return max((d for d in dates if d), default=None)


def _list_pages(records: Records) -> dict[tuple[str, str], list[tuple[str, object]]]:
    """(unit, breadcrumb) -> (url, newest item date) of every list page, once per run."""
    out: dict[tuple[str, str], list[tuple[str, object]]] = {}
    for d in records.iter_documents("list", columns=("items",)):
        crumb = nospace(d.get("column_path"))
        if crumb:
            out.setdefault((d["unit"], crumb), []).append((d["url"], _newest(items(d))))
    return out


def check(records: Records, ctx: Context):
    periods = list(ctx.option("periods"))
    today = ctx.now.date()
    for url, (doc, name) in sorted(column_pages(records).items()):
        days = period_for(name, periods)
        if days is None:
            continue
        latest = latest_date(records, doc)
        if latest is None:
            continue
        age = (today - latest).days
        if age > days:
            yield RULE.finding(doc["unit"], url, None, column=name, latest=latest.isoformat(), age_days=age,
                               max_days=days)
