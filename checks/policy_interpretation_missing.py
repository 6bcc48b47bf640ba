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


def _names_an_interpretation(link: dict) -> bool:
    """A link such as 相关解读：《…》解读: to a page outside the crawl that answered (see
    ``linked_urls``), a 解读 hosted elsewhere. Column links ("政策解读" in the nav) are crawled
    pages, so never count."""
    text = link.get("text") or ""
    return len(text) > 6 and bool(INTERP_LINK_TEXT.search(text))


def linked_urls(records: Records, interps: set[str]) -> set[str]:
    """Documents linked to or from a 解读."""
    linked: set[str] = set()
    for src in interps:
        for link in records.links_from.get(src, ()):
            linked.add(link["to_url"])
            linked.add(_final(records, link["to_url"]))
    kinds: dict[str, int] = {}  # target URL -> INTERP, REMOTE or 0
    for link in records.links:
        kind = kinds.get(link["to_url"])
        if kind is None:
            kind = kinds[link["to_url"]] = _target_kind(records, link["to_url"], interps)
        if kind == INTERP or (kind == REMOTE and _names_an_interpretation(link)):
            linked.add(link["from_url"])
    return linked


INTERP, REMOTE = 1, 2


def _final(records: Records, url: str) -> str:
    return (records.probes.get(url) or {}).get("final_url") or url


def _target_kind(records: Records, url: str, interps: set[str]) -> int:
    """INTERP: a 解读 (or redirects to one); REMOTE: a page outside the crawl that answered."""
    if url in interps or _final(records, url) in interps:
        return INTERP
    if url not in records.page_by_url and (records.probes.get(url) or {}).get("outcome") == "ok":
        return REMOTE
    return 0


class SubstringIndex:
    """Which of many texts contain a string of at least ``k`` characters, without scanning
    them all: the texts by their ``k``-character pieces; a query is checked against the texts
    that hold its rarest piece."""

    def __init__(self, texts: list[str], k: int) -> None:
        self.texts, self.k = texts, k
        self.pieces: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            for piece in {text[j:j + k] for j in range(len(text) - k + 1)}:
                self.pieces.setdefault(piece, []).append(i)

    def containing(self, query: str) -> list[int]:
        """Positions (ascending) of the texts that contain ``query``; len(query) >= k."""
        k, best = self.k, None
        for j in range(len(query) - k + 1):
            found = self.pieces.get(query[j:j + k])
            if found is None:
                return []
            if best is None or len(found) < len(best):
                best = found
        return [i for i in best or () if query in self.texts[i]]


class TitleIndex:
    """``any(title_matches(i, doc) for i in interps)`` without the pairwise loop (which is
    quadratic: hours at 100,000 pages): every 解读 title normalised once and indexed for the
    substring test, and the 《》 names of all of them in sets."""

    def __init__(self, interp_titles: list[str]) -> None:
        norms = [_norm(t) for t in interp_titles]
        self.titles = SubstringIndex(norms, 8)
        self.quoted = {q for n in norms for q in _BOOK.findall(n)}
        self.long_quoted = {q for q in self.quoted if len(q) >= 6}
        self.sizes = _sizes_by_prefix(self.long_quoted, 6)  # a long name starts with one of these

    def matches(self, doc_title: str) -> bool:
        doc = _norm(doc_title)
        if len(doc) >= 8 and self.titles.containing(doc):
            return True
        if self.quoted & names_in(doc_title):
            return True
        for i in range(len(doc) - 5):  # a long 《》 name of some 解读 inside the document's title
            for size in self.sizes.get(doc[i:i + 6], ()):
                if i + size > len(doc):
                    break
                if doc[i:i + size] in self.long_quoted:
                    return True
        return False


def _sizes_by_prefix(texts, k: int) -> dict[str, list[int]]:
    """first ``k`` characters -> the lengths (ascending) of the texts that start with them: the
    only slices worth looking up at a place where those characters stand."""
    sizes: dict[str, set[int]] = {}
    for text in texts:
        sizes.setdefault(text[:k], set()).add(len(text))
    return {prefix: sorted(found) for prefix, found in sizes.items()}


class DocTitleIndex:
    """The documents whose title ``title_matches`` a 解读's title, in document order, without
    testing every (解读, document) pair."""

    def __init__(self, docs: list[dict]) -> None:
        self.docs = docs
        norms = [_norm(d.get("title") or "") for d in docs]
        self.by_norm: dict[str, list[int]] = {}
        self.by_name: dict[str, list[int]] = {}
        for k, (doc, norm) in enumerate(zip(docs, norms)):
            if len(norm) >= 8:
                self.by_norm.setdefault(norm, []).append(k)
            for name in names_in(doc.get("title") or ""):
                self.by_name.setdefault(name, []).append(k)
        self.sizes = _sizes_by_prefix(self.by_norm, 8)  # every indexed title starts with one of these
        self.norms = norms
        self._titles: SubstringIndex | None = None

    def matching(self, interp_title: str) -> list[dict]:
        interp = _norm(interp_title)
        hit: set[int] = set()
        for i in range(len(interp) - 7):  # a document's whole title inside the 解读's
            for size in self.sizes.get(interp[i:i + 8], ()):
                if i + size > len(interp):
                    break
                hit.update(self.by_norm.get(interp[i:i + size], ()))
        for quoted in _BOOK.findall(interp):  # a name in 《》 that is the document's, or inside its title
            hit.update(self.by_name.get(quoted, ()))
            if len(quoted) >= 6:
                if self._titles is None:
                    self._titles = SubstringIndex(self.norms, 6)
                hit.update(self._titles.containing(quoted))
        return [self.docs[k] for k in sorted(hit)]


def check(records: Records, ctx: Context):
    interps = records.meta_of_type("interpretation")
    interp_urls = {d["url"] for d in interps}
    linked = linked_urls(records, interp_urls)
    index = TitleIndex([i.get("title") or "" for i in interps])
    for doc in records.meta_of_type("normative_doc", "policy_doc"):
        if doc["url"] in linked:
            continue
        if index.matches(doc.get("title") or ""):
            continue
        yield RULE.finding(
            doc["unit"], doc["url"], None, title=doc.get("title") or "",
            doc_kind="行政规范性文件" if doc["page_type"] == "normative_doc" else "政策文件",
            doc_number=doc.get("doc_number"), published_date=doc.get("published_date"),
            interpretations_seen=len(interps),
        )
