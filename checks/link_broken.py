"""链接不可用（断链/错链）.

检查内容: 栏目页面上的链接（站内、附件、站外）在重试后仍无法访问：HTTP 4xx/5xx、域名无法解析、
连接被拒绝或中断、超时、重定向循环，或返回 200 却显示“页面不存在”的软404页面。
为什么重要: 断链使公众无法获取已公开的信息，是检查指标“链接可用性”的扣分项。
示例: 规范性文件详情页的附件链接返回 404。
依据: 条例第二十四条；检查指标2019 可用性；普查2015 链接可用性（WEB-06、WEB-07）。
被防护策略拦截（403/412/429 挑战页）的链接不在此列，见 link.unverified。
"""

from __future__ import annotations

from .common import INDICATORS_2019, REGULATION, basis
from .links import crawled_links, link_evidence
from .rule import Context, Records, Rule
from crawler.linkstatus import UNREACHABLE

RULE = Rule(
    id="link.broken",
    title="链接不可用",
    severity="deduct",
    category="链接可用性",
    basis=(
        basis(REGULATION, "第二十四条", "WEB-06"),
        basis(INDICATORS_2019, "可用性：链接可用性", "WEB-06"),
    ),
    message="页面中的链接“{link_text}”无法正常访问：{detail}。",
    advice="逐条核对失效链接：恢复被删除的页面或附件，或更正链接地址；确已撤销的信息应同步删除指向它的链接。",
    description="栏目页面上的链接在重试后仍无法访问（含软404），每个页面与目标的组合记一处。",
)


def check(records: Records, ctx: Context):
    for page, link, probe in crawled_links(records, UNREACHABLE):
        yield RULE.finding(page["unit"], page["url"], link["to_url"], **link_evidence(link, probe))
