"""未公开规范性文件制定程序和清理信息.

检查内容: 设有规范性文件栏目（或发布了行政规范性文件）的单位，专栏中找不到本年度发布的
规范性文件管理信息：清理结果、废止类（失效）规范性文件目录、备案信息、公众参与/专家论证/
风险评估/集体讨论等制定程序开展情况。每类信息按标题关键词识别（items，可配置名称和正则），
按发布日期（无日期时按标题年份）判断年度；due_month（默认7月）之前检查上一年度。
缺少的各类信息合并为单位的一条问题，定位到规范性文件栏目。本级专栏集中发布、标题写明该单位名称的也算。看不到单位栏目或栏目中没有任何
带日期信息的不判断。地方考评项目，不是全国统一规定，可按省份停用或调整。
为什么重要: 规范性文件“立改废”全过程公开，公众才能监督文件是否依法制定、是否仍然有效；
多地考评将其作为扣分项。
示例: 区司法局专栏中本年度只有规范性文件清理结果，没有备案信息和公众参与、专家论证等程序情况。
依据: 宣城市宣州区政务公开考评细则“规范性文件立改废”（GFXWJ-08，地方考评 ☑️）。
"""

from __future__ import annotations

from .columns import column_pages
from .common import basis
from .rule import Context, Records, Rule
from .yearly import assessable, due_year, entries, latest, matches, unit_targets

RULE = Rule(
    id="normative.procedure-missing",
    title="未公开规范性文件制定程序和清理信息",
    severity="deduct",
    category="规范性文件",
    basis=(
        basis("宣城市宣州区政务公开工作考评细则", "规范性文件立改废：未公开本年度公众参与、专家论证、风险评估、集体讨论等程序开展情况，"
              "备案信息，清理结果、废止类规范性文件目录的扣分（地方考评）", "GFXWJ-08"),
    ),
    message="{unit_name}的政府信息公开专栏未公开{year}年度规范性文件{missing_text}。",
    advice="在规范性文件栏目公开本年度规范性文件的制定程序开展情况、备案信息、清理结果和废止（失效）文件目录。",
    options=("items", "due_month", "categories"),
    description="设有规范性文件栏目的单位未公开本年度规范性文件清理、备案、制定程序等信息。",
)


def normative_columns(records: Records) -> dict[str, str]:
    """unit -> its 规范性文件 column page (shortest URL); "" for a unit that has no such column
    but publishes 行政规范性文件 elsewhere (it has them, so it must manage them)."""
    out: dict[str, str] = {}
    for url, (doc, name) in column_pages(records).items():
        if "规范性文件" in name and (doc["unit"] not in out or (len(url), url) < (len(out[doc["unit"]]), out[doc["unit"]])):
            out[doc["unit"]] = url
    for d in records.meta_of_type("normative_doc"):
        out.setdefault(d["unit"], "")
    return out


def check(records: Records, ctx: Context):
    groups = [(g["name"], [g["pattern"]]) for g in ctx.option("items")]
    year = due_year(ctx.now.date(), ctx.option("due_month"))
    columns = normative_columns(records)
    for unit, home in unit_targets(records, ctx, list(ctx.option("categories"))):
        column = columns.get(unit)
        if column is None:
            continue
        found = entries(records, unit, ctx.units.get(unit, ""))
        if not assessable(records, unit, found):
            continue
        missing, seen = [], {}
        for name, patterns in groups:
            newest, shown = latest(matches(found, patterns), prefer="date")
            if newest is None or newest < year:
                missing.append(name)
            if shown:
                seen[name] = shown
        if missing:
            yield RULE.finding(unit, column or home, None, unit_name=ctx.units.get(unit, unit), year=year,
                               missing=missing, missing_text="、".join(missing), found=seen,
                               note="地方考评项目（⚠️ 各地要求不同，可在配置中调整或停用）")
