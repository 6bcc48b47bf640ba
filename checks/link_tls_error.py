"""链接指向的网站证书无效（HTTPS 证书错误）.

检查内容: 栏目页面上的 https 链接，其目标网站的证书无法通过校验（过期、自签名、域名不符、
证书链不完整），或 TLS 握手失败。检测程序仍会读取该页面，因此这类链接不计为断链。
为什么重要: 浏览器会对这些链接显示“不安全”警告页，公众难以正常访问，也有被仿冒的风险；
政府网站应部署有效的 HTTPS 证书。
示例: 文件页的附件链接指向 https://old.example.gov.cn/，该域名的证书已于去年过期。
依据: 政府网站发展指引（安全防护，WEB-06 链接可用性）；证书错误作提示，不计为断链。
"""

from __future__ import annotations

from .common import GUIDELINE_2017, INDICATORS_2019, basis
from .links import crawled_links, link_evidence
from .rule import Context, Records, Rule

RULE = Rule(
    id="link.tls-error",
    title="链接网站证书无效",
    severity="advice",
    category="链接可用性",
    basis=(
        basis(GUIDELINE_2017, "安全防护：采用可靠的安全证书（HTTPS）", "WEB-06"),
        basis(INDICATORS_2019, "可用性：链接可用性", "WEB-06"),
    ),
    message="页面中的链接“{link_text}”指向的网站证书无效（{error}），浏览器会提示不安全。",
    advice="通知目标网站更换有效的 HTTPS 证书；如链接地址有误，改为正确的 https 地址或可用的替代页面。",
    description="链接目标网站的 HTTPS 证书无法通过校验（或握手失败），作提示，不计为断链。",
)


def check(records: Records, ctx: Context):
    for page, link, probe in crawled_links(records, ("tls_error",)):
        yield RULE.finding(page["unit"], page["url"], link["to_url"], **link_evidence(link, probe))
