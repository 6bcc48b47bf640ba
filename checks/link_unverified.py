"""链接无法核验（被目标网站防护策略拦截）.

检查内容: 目标网站对检测程序返回防护挑战（HTTP 412/429/521，或带挑战脚本的 403 页面），
无法确认链接是否可用。
为什么重要: 不能把防火墙拦截当作断链写进通报；但这些链接需要人工在浏览器中核验。
示例: 站外链接返回 412 并要求执行 JavaScript 设置 Cookie。
依据: 检查指标2019 链接可用性（WEB-06，“疑似不可用链接”需复核）。
"""

from __future__ import annotations

from .common import INDICATORS_2019, basis
from .links import crawled_links, link_evidence
from .rule import Context, Records, Rule

RULE = Rule(
    id="link.unverified",
    title="链接无法核验",
    severity="advice",
    category="链接可用性",
    basis=(basis(INDICATORS_2019, "可用性：链接可用性（疑似不可用链接需复核）", "WEB-06"),),
    message="页面中的链接“{link_text}”被目标网站的安全防护拦截（HTTP {status}），未能自动核验，请人工确认。",
    advice="请在浏览器中人工打开该链接核验；如确已失效，按断链整改。",
    description="目标网站以防护挑战拒绝检测程序的链接，记为待人工核验，不计为断链。",
)


def check(records: Records, ctx: Context):
    for page, link, probe in crawled_links(records, ("blocked",)):
        yield RULE.finding(page["unit"], page["url"], link["to_url"], **link_evidence(link, probe))
