"""信息公开专栏不提供检索功能.

检查内容: 一个单位（或本级）专栏的网页上都找不到检索入口：没有搜索框（名称、提示文字为搜索、检索、
关键词的输入框，或提交到搜索服务的表单），也没有站内搜索链接。页头由脚本写入的页面看不到搜索框，
不计入；这样的页面之外采集到的专栏页面少于 min_pages 个的，不判断。
为什么重要: 条例第二十四条要求政府信息公开平台具备信息检索、查阅、下载等功能，公众应能在专栏中
检索到已公开的政府信息。
示例: 区司法局专栏的列表页和详情页都没有搜索框，也没有链接到网站的站内搜索。
依据: 条例第二十四条（PLAT-04）。
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .common import REGULATION, basis
from .rule import Context, Records, Rule
from .sites import home_urls, site_info

RULE = Rule(
    id="platform.search-missing",
    title="专栏不提供信息检索功能",
    severity="deduct",
    category="平台建设",
    basis=(basis(REGULATION, "第二十四条：政府信息公开平台应当具备信息检索、查阅、下载等功能", "PLAT-04"),),
    message="{unit_name}专栏的{pages}个页面均未提供搜索框或站内检索入口。",
    advice="在专栏页面（页头或栏目页）提供可用的站内检索功能，能按标题、文号等关键词检索已公开的政府信息。",
    options=("min_pages",),
    description="单位专栏采集到的页面都没有搜索框或站内搜索入口。",
)


def check(records: Records, ctx: Context):
    minimum = int(ctx.option("min_pages"))
    for owner, pages in sorted(records.memo(search_facts).items()):
        if owner and owner not in ctx.unit_homes:
            continue
        if pages.search:
            continue
        if len(pages.seen) < minimum:
            continue
        url = ctx.unit_homes.get(owner) or min(pages.urls)
        if url not in records.meta_by_url:
            url = min(pages.urls)
        yield RULE.finding(owner, url, None, unit_name=ctx.units.get(owner, ctx.site_name or "本级"),
                           pages=len(pages.seen), examples=sorted(pages.seen)[:5])


@dataclass
class Pages:
    urls: list[str] = field(default_factory=list)  # the owner's pages with ``extras``, but home pages
    seen: list[str] = field(default_factory=list)  # those whose page head is no script
    search: bool = False                           # one of them shows a search entry


def search_facts(records: Records) -> dict[str, Pages]:
    """owner -> its pages, from one stream of ``extras``; only those that name a search box or a
    script-built head are parsed (the rest cannot show either)."""
    homes = home_urls(records)
    found: dict[str, Pages] = {}
    for doc in records.iter_documents(columns=("extras",)):
        raw = doc.get("extras")
        if not raw or doc["url"] in homes:
            continue
        pages = found.setdefault(doc.get("unit") or "", Pages())
        pages.urls.append(doc["url"])
        info = site_info(doc) if '"search"' in raw or '"script_chrome"' in raw else {}
        pages.search = pages.search or bool(info.get("search"))
        if not info.get("script_chrome"):
            pages.seen.append(doc["url"])
    return found
