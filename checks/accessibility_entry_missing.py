"""门户网站首页没有适老化/无障碍入口.

检查内容: 门户网站首页上找不到长者模式、关怀版、适老版、长者助手、无障碍浏览等入口（链接、按钮，
或加载无障碍/适老化工具条的脚本）。同一网站其他页面上有入口的视为已提供。首页链接少于
min_links 个的（跳转页、脚本生成的首页）不判断。
为什么重要: 国务院办公厅要求推进政府网站适老化与无障碍改造，方便老年人、残疾人获取政府信息；
各地考评普遍检查首页是否提供适老化、无障碍服务入口。
示例: 区政府门户网站首页页头只有“网站首页”“登录”，没有“长者模式”或“无障碍”入口。
依据: 国办公开办函〔2021〕28号 关于消除“数字鸿沟”推进政府网站、政务新媒体适老化与无障碍改造的通知（A11Y-01，正文 ⚠️ 待核实）；互联网网站适老化通用设计规范 阅读辅助（A11Y-03，部分：
只检查工具条入口是否存在，不检查特大字体、高对比、放大、语音阅读是否可用，验证码放大和键盘、特大鼠标操作）。
"""

from __future__ import annotations

from .catalogue import A11Y_03
from .common import basis
from .rule import Context, Records, Rule
from .sites import home_pages, host, site_info

RULE = Rule(
    id="accessibility.entry-missing",
    title="首页未提供适老化无障碍入口",
    severity="advice",
    category="适老化与无障碍",
    basis=(basis("国办公开办函〔2021〕28号 关于消除“数字鸿沟”推进政府网站、政务新媒体适老化与无障碍改造的通知",
                 "政府网站适老化与无障碍改造（正文 ⚠️ 待核实）", "A11Y-01"), A11Y_03),
    message="{site_name}门户网站首页没有长者模式、关怀版或无障碍浏览等适老化、无障碍服务入口。",
    advice="在首页显著位置提供长者模式（关怀版）和无障碍浏览入口，并确保入口可正常打开使用。",
    options=("min_links",),
    description="门户首页及同站页面都没有长者模式、关怀版、适老版或无障碍入口。",
)


def a11y_hosts(records: Records) -> set[str]:
    """The hosts with a page that shows an entry, read from the few ``extras`` naming one."""
    return {host(d["url"]) for d in records.iter_documents(columns=("extras",), contains={"extras": '"a11y"'})
            if site_info(d).get("a11y")}


def check(records: Records, ctx: Context):
    minimum = int(ctx.option("min_links"))
    for home, owner in home_pages(records):
        info = site_info(home)
        if owner or info.get("a11y") or int(info.get("links") or 0) < minimum:
            continue
        if host(home["url"]) in records.memo(a11y_hosts):
            continue
        yield RULE.finding("", home["url"], None, site_name=ctx.site_name or "", links=info.get("links"),
                           note="⚠️ 28号文正文未核实，按各地考评惯例提示")
