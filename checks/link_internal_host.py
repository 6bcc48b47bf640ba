"""链接指向内网或本机地址.

检查内容: 栏目页面上的链接指向公众无法访问的地址：编辑人员本机的文件（file://、C:\\…）、
本机回环地址（localhost、127.0.0.1）、内网地址（10.x、172.16–31.x、192.168.x 等）、
没有域名后缀的内网主机名（如 http://oa/、*.local），以及直接以公网 IP 地址书写的链接
（可在配置中关闭 flag_bare_ip）。网站自身配置的主机永远不算；网站本身架设在回环或内网地址上时，
同类地址无法判断，不报。
为什么重要: 这类链接通常是编辑时误用了内网预览地址或本机路径，公众点击后无法打开，
也暴露内部系统信息；网站链接应使用规范的政府网站域名。
示例: 附件链接写成 file:///D:/工作/附件1.doc，或 http://192.168.10.8:8080/xxgk/…。
依据: 检查指标2019 链接可用性（WEB-06）；政府网站发展指引 域名规范（PLAT-05）。
"""

from __future__ import annotations

from urllib.parse import urlsplit

from .common import GUIDELINE_2017, INDICATORS_2019, basis
from .hosts import internal_kind, own_hosts
from .rule import Context, Records, Rule
from .text import extras

RULE = Rule(
    id="link.internal-host",
    title="链接指向内网、本机或IP地址",
    severity="deduct",
    category="链接可用性",
    basis=(
        basis(INDICATORS_2019, "可用性：链接可用性", "WEB-06"),
        basis(GUIDELINE_2017, "网站域名规范：使用政府网站域名", "PLAT-05"),
    ),
    message="页面中的链接“{link_text}”指向{kind_text}（{host}），{consequence}。",
    advice="将链接改为公网可访问的正式地址；附件应上传到网站后使用网站地址链接，不要使用本机路径或内网预览地址。",
    options=("flag_bare_ip",),
    description="链接指向 file://、localhost、内网地址、内网主机名或裸公网 IP。",
)

KIND_TEXT = {"file": "编辑人员本机的文件", "loopback": "本机回环地址", "private": "内网地址",
             "intranet": "内网主机名", "bare_ip": "以 IP 地址书写的网址"}
CONSEQUENCE = {"bare_ip": "未使用规范的政府网站域名"}
UNREACHABLE_TEXT = "公众无法访问"


def check(records: Records, ctx: Context):
    own = own_hosts(records, ctx)
    flag_ip = bool(ctx.option("flag_bare_ip"))
    kinds: dict[str, str | None] = {}  # target URL -> internal_kind
    for link in records.links:
        kind = kinds.get(link["to_url"], "")
        if kind == "":
            kind = kinds[link["to_url"]] = internal_kind(link["to_url"], own)
        if kind is None or (kind == "bare_ip" and not flag_ip):
            continue
        page = records.page_by_url.get(link["from_url"])
        if page is None or page.get("error"):
            continue
        yield RULE.finding(page["unit"], page["url"], link["to_url"], link_text=link.get("text") or "",
                           kind=kind, kind_text=KIND_TEXT[kind], host=urlsplit(link["to_url"]).netloc,
                           consequence=CONSEQUENCE.get(kind, UNREACHABLE_TEXT))
    for doc in records.iter_documents(columns=("extras",), contains={"extras": "file_links"}):
        hrefs = {item["href"]: item for item in extras(doc).get("file_links", [])}
        for item in hrefs.values():
            yield RULE.finding(doc["unit"], doc["url"], item["href"], link_text=item.get("text") or "",
                               kind="file", kind_text=KIND_TEXT["file"], host=item["href"][:60],
                               consequence=UNREACHABLE_TEXT)
