"""主管部门未设公共企事业单位信息公开栏目.

检查内容: 单位名称（unit_pattern，默认含教育、卫生健康、住房和城乡建设、水务、城市管理、生态环境、
交通运输、能源等）或单位类别（categories）表明它是教育、卫生健康、供水、供电、供气、供热、环境保护、
公共交通等领域的主管部门，而它的政府信息公开专栏中找不到“公共企事业单位信息公开”栏目或页面
（链接文字、页面标题、面包屑或列表条目含 column_patterns 中的关键词，如“公共企事业单位信息公开”
“适用主体清单”）。本级专栏集中设置、名称中写明该单位的也算。爬取没有到达该单位专栏、没有看到它的
法定主动公开内容目录（directory_patterns），或在专栏中看到的栏目、信息少于 min_entries 条（列表由脚本
加载等）的不判断：看不到目录，就说不出目录里缺什么。作为提示。
为什么重要: 条例第五十五条规定，教育、卫生健康、供水、供电、供气、供热、环境保护、公共交通等与人民
群众利益密切相关的公共企事业单位公开在提供社会公共服务过程中制作、获取的信息，由有关主管部门制定
办法；主管部门在专栏中集中展示本领域公共企事业单位信息公开的规定和适用主体清单，便于公众查找、监督。
示例: 区住房和城乡建设局（主管供水、供气、供热）的专栏中没有“公共企事业单位信息公开”栏目。
依据: 条例第五十五条；国办公开办函〔2020〕50号《公共企事业单位信息公开规定制定办法》第二条、第四条（GQ-01）。
"""

from __future__ import annotations

import re

from .common import REGULATION, basis
from .rule import Context, Records, Rule
from .unit_names import matching, reached, unit_names
from .yearly import unit_key

RULE = Rule(
    id="public-enterprise.column-missing",
    title="主管部门未设公共企事业单位信息公开栏目",
    severity="advice",
    category="法定主动公开内容",
    basis=(
        basis(REGULATION, "第五十五条（教育、卫生健康、供水、供电、供气、供热、环境保护、公共交通等公共企事业单位信息公开）",
              "GQ-01"),
        basis("公共企事业单位信息公开规定制定办法（国办公开办函〔2020〕50号）",
              "第二条、第四条：条件具备的，可以列出适用主体清单", "GQ-01"),
    ),
    message="{unit_name}是{fields_text}领域的主管部门，其政府信息公开专栏未设置公共企事业单位信息公开栏目或页面。",
    advice="在政府信息公开专栏设置“公共企事业单位信息公开”栏目，集中公开本领域公共企事业单位信息公开的规定、"
           "监督管理情况，条件具备的公开适用主体清单，并链接到各单位的信息公开页面。",
    options=("unit_pattern", "categories", "column_patterns", "directory_patterns", "min_entries"),
    description="教育、卫生健康、供水供电供气供热、环境保护、公共交通等主管部门的专栏中没有公共企事业单位信息公开栏目（提示）。",
)

FIELDS = (("教育", r"教育"), ("卫生健康", r"卫生|卫健|医疗保障"), ("供水、供气、供热", r"住房和城乡建设|住建|城市管理|城管|水务|燃气|供热"),
          ("供电", r"能源|电力|发展和改革|发改"), ("环境保护", r"生态环境|环境保护|环保"), ("公共交通", r"交通"))


def fields_of(name: str, category: str) -> str:
    found = [label for label, pattern in FIELDS if re.search(pattern, name)]
    return "、".join(found) if found else (category or "公共服务")


def check(records: Records, ctx: Context):
    unit_pattern = re.compile(ctx.option("unit_pattern")) if ctx.option("unit_pattern") else None
    categories = list(ctx.option("categories"))
    patterns = list(ctx.option("column_patterns"))
    min_entries = int(ctx.option("min_entries"))
    directories = list(ctx.option("directory_patterns"))
    seen = reached(records)
    for unit, home in sorted(ctx.unit_homes.items()):
        name, category = ctx.units.get(unit, ""), ctx.unit_categories.get(unit, "")
        if not ((unit_pattern and unit_pattern.search(name)) or (category and category in categories)):
            continue
        if unit not in seen:
            continue
        mine = unit_names(records, unit)
        if len(mine) < min_entries or not matching(mine, directories):
            continue
        key = unit_key(name)
        central = [n for n in unit_names(records, "") if key in n.text] if len(key) >= 3 else []
        if matching(mine, patterns) or matching(central, patterns):
            continue
        yield RULE.finding(unit, home, None, unit_name=name, fields_text=fields_of(name, category),
                           looked_for=patterns, entries_seen=len(mine),
                           note="条例规定由主管部门制定办法；是否设栏目以本地要求为准，作提示")
