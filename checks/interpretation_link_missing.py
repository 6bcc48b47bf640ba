"""文件与解读未双向关联.

检查内容: 一件规范性文件（政策文件）与它的政策解读只有单向链接：文件页有“相关解读”链接而解读页
没有链回文件（“相关文件”“原文链接”等），或解读页链接了文件而文件页没有链接解读。解读与文件的
对应关系同“政策解读发布滞后”：解读标题写出文件名称，或二者之间只有一条链接。链接可以在任何
关联区块中（相关解读、相关文件、政策解读、原文链接）；指向站外原文、附件原件的链接，链接文字
写出文件名称或“原文”的也算。页面上有空的关联区块标题（如“相关解读”“文字解读”下面没有链接）的，
说明关联由脚本加载，抓取看不到，不判断；双方都没有链接的默认也不判断（judge_unlinked）。
没有解读的文件是“政策文件未同步发布解读”规则的问题，不在本规则报告。
为什么重要: 政策文件与解读材料相互关联，公众看文件能找到解读、看解读能回到原文；
多地考评要求“政策文件与解读材料相互关联”。
示例: 《青岚区行政规范性文件合法性审核办法》页面链接了解读，解读页面没有链回文件。
依据: 各省政务公开考评“政策文件与解读材料相互关联”（JD-03，⚠️ 无全国统一文本）；政府网站发展指引。
"""

from __future__ import annotations

import re

from .common import GUIDELINE_2017, basis
from .pairs import light_pairs
from .policy_interpretation_missing import INTERP_LINK_TEXT, title_matches
from .rule import Context, Records, Rule
from .text import body, book, nospace

RULE = Rule(
    id="interpretation.link-missing",
    title="文件与解读未双向关联",
    severity="deduct",
    category="政策解读",
    basis=(
        basis("各省政务公开工作考评", "政策文件与解读材料相互关联（地方考评 ⚠️ 无全国统一文本）", "JD-03"),
        basis(GUIDELINE_2017, "重要政策文件应同步发布解读材料", "JD-03"),
    ),
    message="{page_kind}《{title}》页面没有链接{other_kind}{others}，文件与解读未实现双向关联。",
    advice="在文件页面“相关解读”和解读页面“相关文件（原文链接）”中互相添加链接，实现文件与解读双向关联。",
    options=("judge_unlinked",),
    description="文件与解读之间只有单向链接（文件页或解读页缺少指向对方的链接）。",
)

ORIGINAL_TEXT = re.compile(r"^(?:查看|点击)?(?:政策|文件)?原文(?:链接|件)?$|^(?:相关|关联)文件$|^文件(?:原文|全文)$|原件", re.I)
RELATION_HEADING = re.compile(
    r"^(?:相关|关联|政策|文字|图片|图文|视频|音频|H5|动漫|媒体|专家|部门)?解读(?:材料|文章|稿件|链接)?[:：]?$|"
    r"^(?:相关|关联)(?:文件|文档|稿件|政策|链接|信息|阅读)[:：]?$|^(?:政策)?原文(?:链接|件)?[:：]?$", re.I)


class Links:
    """The outgoing links of every page, and where each target finally landed."""

    def __init__(self, records: Records) -> None:
        self.records = records
        self.docs = records.meta_by_url
        self.out = records.links_from
        self._lands: dict[str, set[str]] = {}

    def lands(self, url: str) -> set[str]:
        """The URL, where it redirects and the page it was crawled as (found once per URL)."""
        if url not in self._lands:
            probe = self.records.probes.get(url) or {}
            page = self.records.page_by_url.get(url) or {}
            self._lands[url] = {u for u in (url, probe.get("final_url"), page.get("url")) if u}
        return self._lands[url]

    def crawled(self, url: str) -> bool:
        return any(u in self.docs for u in self.lands(url))

    def points_to(self, src: str, dst: str) -> bool:
        return any(dst in self.lands(link["to_url"]) for link in self.out.get(src, ()))

    def interp_to_doc(self, interp: dict, doc: dict) -> bool:
        """The 解读 links its document: to the page, or to an uncrawled original (another site,
        the signed PDF) whose link text names the document or says 原文/相关文件."""
        if self.points_to(interp["url"], doc["url"]):
            return True
        title = doc.get("title") or ""
        for link in self.out.get(interp["url"], ()):
            text = link.get("text") or ""
            if text and not self.crawled(link["to_url"]) and (
                    ORIGINAL_TEXT.search(nospace(text)) or title_matches(text, title) or title_matches(title, text)):
                return True
        return False

    def doc_to_interp(self, doc: dict, interp: dict) -> bool:
        """The document links its 解读: to the page, or to an uncrawled 解读 named in the link."""
        if self.points_to(doc["url"], interp["url"]):
            return True
        for link in self.out.get(doc["url"], ()):
            text = link.get("text") or ""
            if len(text) > 6 and INTERP_LINK_TEXT.search(text) and not self.crawled(link["to_url"]):
                return True
        return False

    def empty_relation_block(self, doc: dict) -> bool:
        """A heading such as 相关解读 / 文字解读 / 相关文件 with no link under it: the block is
        filled by script, so what it holds is unknown."""
        texts = {nospace(link.get("text")) for link in self.out.get(doc["url"], ())}
        lines = [nospace(x) for x in body(doc).splitlines()]
        for i, line in enumerate(lines):
            if RELATION_HEADING.match(line) and line not in texts:
                after = lines[i + 1] if i + 1 < len(lines) else ""
                if after not in texts:
                    return True
        return False


def check(records: Records, ctx: Context):
    judge_unlinked = bool(ctx.option("judge_unlinked"))
    links = Links(records)
    missing: dict[str, dict] = {}
    for interp, doc, how in light_pairs(records):
        i2d, d2i = links.interp_to_doc(interp, doc), links.doc_to_interp(doc, interp)
        if i2d and d2i or (not i2d and not d2i and not judge_unlinked):
            continue
        if not i2d:
            missing.setdefault(interp["url"], {"page": interp, "kind": "interp", "others": {}, "how": how})[
                "others"][doc["url"]] = doc
        if not d2i:
            missing.setdefault(doc["url"], {"page": doc, "kind": "doc", "others": {}, "how": how})[
                "others"][interp["url"]] = interp
    ordered = sorted(missing.items())
    texts = records.with_columns([m["page"] for _, m in ordered], "body", "text")
    for (url, m), page in zip(ordered, texts):
        if links.empty_relation_block(page):
            continue
        others = [m["others"][k] for k in sorted(m["others"])]
        if m["kind"] == "interp":
            page_kind, other_kind = "政策解读", "所解读的文件"
        else:
            page_kind = "行政规范性文件" if page["page_type"] == "normative_doc" else "政策文件"
            other_kind = "其政策解读"
        yield RULE.finding(
            page["unit"], url, None, page_kind=page_kind, title=book(page.get("title") or ""), other_kind=other_kind,
            others="".join(f"《{book(o.get('title') or '')}》" for o in others),
            missing_links=[{"title": o.get("title"), "url": o["url"]} for o in others], matched_by=m["how"])
