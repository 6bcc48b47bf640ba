"""规范性文件、政策文件未同步发布政策解读.

检查内容: 行政规范性文件和配置为政策文件的文件，没有任何方式关联的政策解读：文件页链接解读、
解读页链接文件（相关解读/相关文件/原文链接），或解读标题以《》写出文件名称（或写出文件全称）。
为什么重要: 政策文件与解读材料应同步起草、同步审签、同步发布（三同步）。
示例: 《青岚区城乡居民医疗救助办法》发布后，政策解读栏目中没有对应解读。
依据: 政府网站发展指引；各地政务公开工作要点（JD-01）。工作动态等普通信息不在范围内。
"""

from __future__ import annotations

import re

from .common import GUIDELINE_2017, basis
from .rule import Context, Records, Rule

RULE = Rule(
    id="policy.interpretation-missing",
    title="政策文件未同步发布解读",
    severity="deduct",
    category="政策解读",
    basis=(
        basis(GUIDELINE_2017, "重要政策文件应同步发布解读材料", "JD-01"),
        basis("各地政务公开工作要点", "规范性文件和政策文件与解读材料同步起草、同步审签、同步发布", "JD-01"),
    ),
    message="{doc_kind}《{title}》未发布（或未关联）政策解读。",
    advice="由文件起草部门提供解读材料，与文件同步发布，并在文件页与解读页之间互相添加链接。",
    description="规范性文件或政策文件没有通过链接或标题关联的政策解读。",
)

INTERP_LINK_TEXT = re.compile(r"解读|图解|一图读懂|答记者问|问答")
_BOOK = re.compile(r"《([^《》]{2,120})》")
_PUNCT = re.compile(r"[\s\u3000“”\"'‘’「」]")


def _norm(text: str) -> str:
    return _PUNCT.sub("", (text or "").replace("〈", "《").replace("〉", "》"))


def names_in(title: str) -> set[str]:
    """What a title can be called by: its whole text and every name in 《》 (nested too)."""
    title = _norm(title)
    names = {title} if title else set()
    names.update(m for m in _BOOK.findall(title))
    inner = title.replace("《", "", 1)[::-1].replace("》", "", 1)[::-1] if title.count("《") > 1 else ""
    names.update(_BOOK.findall(inner))
    return {n for n in names if len(n) >= 4}


def title_matches(interp_title: str, doc_title: str) -> bool:
    interp = _norm(interp_title)
    doc = _norm(doc_title)
    if len(doc) >= 8 and doc in interp:
        return True
    doc_names = names_in(doc_title)
    for quoted in _BOOK.findall(interp):
        if quoted in doc_names or (len(quoted) >= 6 and quoted in doc):
            return True
    return False


def _names_a_remote_interpretation(records: Records, link: dict, probe: dict) -> bool:
    """A link such as 相关解读：《…》解读 to a page outside the crawl that answered: a 解读
    hosted elsewhere. Column links ("政策解读" in the nav) are crawled pages, so never count."""
    text = link.get("text") or ""
    return (link["to_url"] not in records.page_by_url and bool(INTERP_LINK_TEXT.search(text))
            and len(text) > 6 and probe.get("outcome") == "ok")


def linked_urls(records: Records, interps: set[str]) -> set[str]:
    """Documents linked to or from a 解读."""
    linked: set[str] = set()
    for link in records.links:
        src, dst = link["from_url"], link["to_url"]
        probe = records.probes.get(dst) or {}
        dst_final = probe.get("final_url") or dst
        if src in interps:
            linked.add(dst)
            linked.add(dst_final)
        if dst in interps or dst_final in interps:
            linked.add(src)
        elif _names_a_remote_interpretation(records, link, probe):
            linked.add(src)
    return linked


def check(records: Records, ctx: Context):
    interps = records.documents_of_type("interpretation")
    interp_urls = {d["url"] for d in interps}
    linked = linked_urls(records, interp_urls)
    for doc in records.documents_of_type("normative_doc", "policy_doc"):
        if doc["url"] in linked:
            continue
        if any(title_matches(i.get("title") or "", doc.get("title") or "") for i in interps):
            continue
        yield RULE.finding(
            doc["unit"], doc["url"], None, title=doc.get("title") or "",
            doc_kind="行政规范性文件" if doc["page_type"] == "normative_doc" else "政策文件",
            doc_number=doc.get("doc_number"), published_date=doc.get("published_date"),
            interpretations_seen=len(interps),
        )
