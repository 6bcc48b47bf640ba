"""附件无法正常下载.

检查内容: 栏目页面上的附件链接（地址以 .pdf、.doc、.xls、.zip、.wps、.ofd 等结尾，或下载程序的
filename 参数带这些扩展名）能打开，却下载不到文件：返回的是一个网页（出错、登录或提示页面，而不是
文件内容），或文件长度为0。打不开的（404、超时、软404等）由 link.broken 报告，这里不重复。
为什么重要: 条例第二十四条要求平台具备下载功能；所需的文件附件能否正常下载是网站普查的检查项，
附件下载不到，公开就不完整。
示例: 通知公告中的“附件1：申报表.pdf”返回一个“文件下载失败”的网页。
依据: 条例第二十四条（PLAT-04）；全国政府网站普查 附件下载（WEB-07）。
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from crawler.urls import is_attachment

from .common import REGULATION, basis
from .rule import Context, Records, Rule

RULE = Rule(
    id="link.attachment-undownloadable",
    title="附件无法正常下载",
    severity="deduct",
    category="链接可用性",
    basis=(
        basis(REGULATION, "第二十四条：政府信息公开平台应当具备信息检索、查阅、下载等功能", "PLAT-04"),
        basis("全国政府网站普查评分表（国办发〔2015〕15号）", "所需的办事表格、文件附件等资料能否正常下载", "WEB-07"),
    ),
    message="页面中的附件“{link_text}”{detail}，无法下载到文件。",
    advice="重新上传附件文件，并检查下载地址、文件权限和服务器配置，确保附件能直接下载且内容完整。",
    description="附件链接返回网页而不是文件，或文件长度为0。",
)

FILE_EXT = re.compile(r"\.(pdf|docx?|xlsx?|wps|et|ofd|zip|rar|7z|pptx?|txt|csv)$", re.I)


def is_file_link(url: str) -> bool:
    if is_attachment(url):
        return not urlsplit(url).path.lower().endswith((".jpg", ".jpeg", ".png", ".gif", ".mp4"))
    return any(FILE_EXT.search(v) for k, v in parse_qsl(urlsplit(url).query) if "file" in k.lower() or
               "name" in k.lower())


def problem(probe: dict) -> str | None:
    if probe.get("outcome") != "ok" or not 200 <= (probe.get("status") or 0) < 300:
        return None
    if probe.get("body_type") == "html":
        return f"返回的是网页（{(probe.get('content_type') or '').split(';')[0] or '未声明类型'}）而不是文件"
    if probe.get("body_type") == "empty":
        return "的文件长度为0"  # read, not only announced: a HEAD answer's length of 0 is confirmed by a GET
    return None


def check(records: Records, ctx: Context):
    details: dict[str, str | None] = {}  # target URL -> what is wrong with it as a file, found once
    for link in records.links:
        url = link["to_url"]
        if url not in details:
            probe = records.probes.get(url)
            details[url] = problem(probe) if probe and is_file_link(url) else None
        detail = details[url]
        if not detail:
            continue
        page = records.page_by_url.get(link["from_url"])
        if page is None or page.get("error"):
            continue
        probe = records.probes[url]
        yield RULE.finding(page["unit"], page["url"], url, link_text=link.get("text") or "",
                           detail=detail, status=probe.get("status"), content_type=probe.get("content_type"),
                           length=probe.get("length"), body_type=probe.get("body_type"),
                           final_url=probe.get("final_url"), checked_at=probe.get("checked_at"))
