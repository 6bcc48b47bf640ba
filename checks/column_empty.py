"""空白栏目.

检查内容: 栏目页面（由同名链接进入、面包屑或标题为该栏目名的页面）既没有任何信息条目或下级栏目链接，
也没有分页，且页面上没有说明为何无内容的情况说明（如“本单位未产生此类信息”“本栏目暂无信息，
因……”）。仅有“暂无信息”“暂无数据”等系统占位字样的，仍算空白栏目。
由脚本、接口或内嵌框架加载内容的栏目（静态页面看不到条目）不判断。
为什么重要: 空白栏目是信息公开目录须严格杜绝的问题；检查指标中空白栏目达到5个即单项否决。
示例: “规划计划”栏目页面只有栏目标题，列表为空。
依据: 国务院办公厅政府网站普查 信息公开目录说明（WEB-05）；检查指标2019 栏目不更新第3项（WEB-03）。
"""

from __future__ import annotations

import re

from .columns import column_pages
from .common import INDICATORS_2019, basis
from .rule import Context, Records, Rule
from .text import body, extras, items, nospace

RULE = Rule(
    id="column.empty",
    title="空白栏目",
    severity="deduct",
    category="栏目建设",
    basis=(
        basis("全国政府网站普查 关于信息公开目录普查监测的说明", "空白栏目须严格杜绝；确未产生信息的应在栏目页面备注说明", "WEB-05"),
        basis(INDICATORS_2019, "单项否决：栏目不更新（空白栏目数量超过（含）5个）", "WEB-03"),
    ),
    message="栏目“{column}”没有任何信息，也没有情况说明。",
    advice="及时发布该栏目应公开的信息；确因职能或工作实际未产生此类信息的，在栏目页面上作出情况说明。",
    description="栏目页面没有条目、下级栏目和分页，也没有情况说明。",
)

EXPLAINED = re.compile(
    r"(本|我|该)(单位|机关|部门|局|委|办|街道|镇|乡|中心|栏目|站|院|所).{0,30}(未产生|未制定|未发生|不涉及|没有|无|暂无)|"
    r"情况说明|说明[:：]|未产生|不涉及|无此类|无相关(信息|事项|内容)")


MAX_CHARS = 300  # more own text than a heading and a placeholder: the page says something


def is_empty(records: Records, doc: dict) -> bool:
    info = extras(doc)
    if info.get("dynamic") or items(doc) or info.get("content_links", 1) > 0:
        return False
    if any(link["kind"] != "a" for link in records.links_from.get(doc["url"], ())):
        return False  # frames, script pagers, redirects: the content is elsewhere
    text = nospace(body(doc))
    return len(text) <= MAX_CHARS and not EXPLAINED.search(text)


def check(records: Records, ctx: Context):
    for url, (doc, name) in sorted(column_pages(records).items()):
        if doc.get("extras") and is_empty(records, doc):
            yield RULE.finding(doc["unit"], url, None, column=name, column_path=doc.get("column_path") or "")
