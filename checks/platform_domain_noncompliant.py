"""网站域名不规范.

检查内容: 门户网站（及自有网站的单位）首页经重定向后最终所在的域名不是政府网站专用域名
（.gov.cn 或中文“.政务”，名单见 suffixes），也不在配置的例外名单（allowed_domains）中。旧域名
重定向到规范域名的，以最终域名为准，不报告。网站以 IP 地址或内网主机名访问时（测试、内网镜像），
以首页声明的 SiteDomain 页面标签为准；两者都无法判断的不报告。链接指向内网或 IP 地址由
link.internal-host 报告，这里只看网站自身的域名。
为什么重要: 政府网站应使用以 .gov.cn 为后缀的英文域名（或“.政务”中文域名），部门网站原则上使用
本级政府门户网站的下级域名，公众据此辨别官方网站。
示例: 区政府门户网站使用 www.qinglan.net.cn，而不是 www.qinglan.gov.cn。
依据: 政府网站发展指引 域名规范（PLAT-05）；检查指标2019 网站域名名称及网站标识（PLAT-05）。
"""

from __future__ import annotations

from .common import GUIDELINE_2017, INDICATORS_2019, basis
from .rule import Context, Records, Rule
from .sites import declared_host, home_pages, host, is_name, matches, served_url, site_info

RULE = Rule(
    id="platform.domain-noncompliant",
    title="网站域名不规范",
    severity="deduct",
    category="平台建设",
    basis=(
        basis(GUIDELINE_2017, "域名规范：政府网站使用 .gov.cn 英文域名或“.政务”中文域名", "PLAT-05"),
        basis(INDICATORS_2019, "网站域名名称及网站标识", "PLAT-05"),
    ),
    message="{owner_name}网站{how}域名 {domain} 不是政府网站专用域名（.gov.cn 或 .政务）。",
    advice="启用并统一使用以 .gov.cn 为后缀的规范域名（部门网站使用门户网站的下级域名），旧域名设置跳转到规范域名。",
    options=("suffixes", "allowed_domains"),
    description="网站首页最终所在的域名（或以 IP 访问时声明的 SiteDomain）不以 .gov.cn / .政务 结尾。",
)


def check(records: Records, ctx: Context):
    suffixes = list(ctx.option("suffixes"))
    allowed = list(ctx.option("allowed_domains"))
    judged: set[str] = set()
    for home, owner in home_pages(records):
        final = served_url(records, home["url"])
        served = host(final)
        if is_name(served):
            domain, how = served, "使用的"
        else:
            domain, how = declared_host(site_info(home).get("site_domain")), "页面声明的"
            if not is_name(domain):
                continue
        if domain in judged or matches(domain, suffixes) or matches(domain, allowed):
            continue
        judged.add(domain)
        yield RULE.finding(owner, home["url"], None, owner_name=ctx.units.get(owner, ctx.site_name) if owner else
                           (ctx.site_name or "门户"), how=how, domain=domain, served_host=served, final_url=final,
                           declared=site_info(home).get("site_domain"))
