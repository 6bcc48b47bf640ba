"""政府信息公开专栏独立建站.

检查内容: 政府信息公开专栏不在门户网站上，而是一个单独的网站：专栏首页（本级专栏、各单位专栏）
所在主机的注册域名与门户网站不同（如门户 www.qinglan.gov.cn，专栏在 qlxxgk.cn），或本级专栏页面
声明的网站标识码（SiteIDCode）与门户首页声明的不同（即另行登记的网站）。门户网站取配置的
portal_url；未配置时取专栏首页上“首页/网站首页”链接指向的其他主机，否则取起始网址所在主机的首页。
配置的集约化平台主机（allowed_hosts，如省级政务公开平台）不报告；同一注册域名下的部门子站点不算独立建站。
为什么重要: 政府信息公开平台原则上依托各机关网站已有栏目，不另设专门栏目，不得设立专门网站。
示例: 区政府信息公开专栏页面的网站标识码为 3301990013，与区政府门户网站的 3301990012 不同。
依据: 国办公开办函〔2019〕61号 二 “不得设立专门网站”（PLAT-02）。
"""

from __future__ import annotations

from .common import basis
from .rule import Context, Records, Rule
from .sites import (PLATFORM_61, column_root, declared_host, home_pages, host, is_name, matches, registrable,
                    served_url, site_info)

RULE = Rule(
    id="platform.separate-site",
    title="政府信息公开专栏独立建站",
    severity="advice",
    category="平台建设",
    basis=(basis(PLATFORM_61, "二：原则上以各行政机关网站已有栏目为依托，不另设专门栏目，不得设立专门网站", "PLAT-02"),),
    message="政府信息公开专栏{reason}，属于单独设立的网站。",
    advice="将政府信息公开专栏迁回本机关门户网站（或经批准的集约化平台），不单独建设信息公开网站。",
    options=("portal_url", "allowed_hosts"),
    description="专栏所在注册域名或声明的网站标识码与门户网站不同，且不在集约化平台名单内。",
)

HOME_WORDS = {"首页", "网站首页", "门户首页", "返回首页", "门户网站", "政府门户网站"}


def _site_root(records: Records) -> dict | None:
    """The site-level column root: the shortest crawled page that belongs to no unit (with its
    ``extras``)."""
    root = column_root(records)
    return next(records.with_columns([root], "extras")) if root is not None else None


def _portal_host(records: Records, ctx: Context, root: dict | None, homes: list[dict]) -> str:
    if ctx.option("portal_url"):
        return host(ctx.option("portal_url"))
    if root is not None:
        own = host(served_url(records, root["url"]))
        for link in records.links_from.get(root["url"], ()):
            if (link.get("text") or "").strip() in HOME_WORDS:
                target = host(link["to_url"])
                if target and target != own and is_name(target):
                    return target
    return host(served_url(records, homes[0]["url"])) if homes else ""


def check(records: Records, ctx: Context):
    allowed = list(ctx.option("allowed_hosts"))
    homes = [doc for doc, owner in home_pages(records) if owner == ""]
    root = _site_root(records)
    portal = _portal_host(records, ctx, root, homes)
    if not portal:
        return
    portal_code = next((site_info(h).get("site_code") for h in homes if site_info(h).get("site_code")), "")
    candidates = [("", root)] if root is not None else []
    homes_of = [(unit_id, records.meta_by_url[url]) for unit_id, url in ctx.unit_homes.items()
                if url in records.meta_by_url]
    docs = records.with_columns([doc for _, doc in homes_of], "extras")
    candidates += [(unit_id, doc) for (unit_id, _), doc in zip(homes_of, docs)]
    for owner, doc in candidates:
        column_host = host(served_url(records, doc["url"]))
        info = site_info(doc)
        if not column_host or matches(column_host, allowed):
            continue
        if is_name(column_host) and is_name(portal) and registrable(column_host) != registrable(portal):
            reason = f"所在域名 {column_host} 与门户网站 {portal} 不同"
        elif owner == "" and portal_code and info.get("site_code") and info["site_code"] != portal_code \
                and not matches(declared_host(info.get("site_domain")) or column_host, allowed):
            reason = (f"页面声明的网站标识码 {info['site_code']}（{info.get('site_domain') or '未声明域名'}）"
                      f"与门户网站的 {portal_code} 不同")
        else:
            continue
        yield RULE.finding(owner, doc["url"], None, reason=reason, column_host=column_host, portal_host=portal,
                           column_site_code=info.get("site_code"), portal_site_code=portal_code or None,
                           column_site_domain=info.get("site_domain"))
