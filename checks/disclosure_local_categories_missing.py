"""县级、乡镇法定主动公开内容不全.

检查内容: 按配置中单位的类别（category）确定层级——县级人民政府（county_categories）或乡镇
（township_categories），不作推测——检查条例第二十一条为其增加的主动公开内容是否有对应栏目或说明：
县级为市政建设、公共服务、公益事业、土地征收、房屋征收、治安管理、社会救助；乡镇为农业农村政策、
农田水利工程建设运营、农村土地承包经营权流转、宅基地使用情况审核、土地征收、房屋征收、筹资筹劳、
社会救助。识别方式同 disclosure.categories-missing（有栏目或说明即算）；识别到的栏目名称不足 min_names 个的
（目录由脚本生成、页面未采集到）不判断。类别不在两个名单中的单位不检查。
为什么重要: 第二十一条要求设区的市级、县级人民政府及其部门和乡（镇）人民政府，根据本地方具体情况
主动公开与基层群众利益密切相关的信息。
示例: 新湖街道的法定主动公开内容中没有“筹资筹劳”“宅基地审核”栏目，也没有说明。
依据: 条例第二十一条（FDZD-02）。
"""

from __future__ import annotations

from .common import REGULATION, basis
from .disclosure import coverage, directory_names
from .rule import Context, Records, Rule

RULE = Rule(
    id="disclosure.local-categories-missing",
    title="县级乡镇重点公开内容不全",
    severity="advice",
    category="法定主动公开内容",
    basis=(basis(REGULATION, "第二十一条（设区的市级、县级人民政府及其部门和乡（镇）人民政府的重点公开内容）", "FDZD-02"),),
    message="{unit_name}（{category}，按{level}）的法定主动公开内容缺少条例第二十一条规定的{missing_text}等信息。",
    advice="根据本地实际，在法定主动公开内容中增设第二十一条规定的栏目并发布信息；确不涉及的作出说明。",
    options=("county_categories", "township_categories", "county_items", "township_items", "min_names"),
    description="按单位类别（县级/乡镇）检查第二十一条的重点公开内容栏目。",
)


def check(records: Records, ctx: Context):
    levels = (("county", "县级", ctx.option("county_categories"), ctx.option("county_items")),
              ("township", "乡镇", ctx.option("township_categories"), ctx.option("township_items")))
    minimum = int(ctx.option("min_names"))
    for unit in sorted(ctx.unit_homes):
        category = (ctx.unit_categories.get(unit) or "").strip()
        level = next(((label, items) for _, label, cats, items in levels if category and category in cats), None)
        if level is None:
            continue
        names, texts = directory_names(records, ctx, unit)
        if len(names) < minimum:
            continue  # the directory was not seen (script navigation, not crawled)
        _, missing = coverage(list(level[1]), names, texts)
        if missing:
            yield RULE.finding(unit, ctx.unit_homes[unit], None, unit_name=ctx.units.get(unit, unit), level=level[0],
                               category=category, missing=missing, missing_text="、".join(missing))
