"""形式化解读（照搬原文）.

检查内容: 政策解读正文大部分照搬所解读文件的原文：解读中的五字片段（去掉全站共有的页头页脚、
元数据等套话后；全站共有指至少五分之一的详情页含有，详情页超过两万个时在均匀抽取的两万个页面中
统计）有多大比例也出现在文件正文中（包含度），达到配置的阈值（默认0.6）即报告，证据中给出比例；
把文件压缩摘抄的解读同样会得到高比例。正文较短（不足 min_chars 字）的解读，
如果七成以上的内容行只是文件的标题（“一、总体要求”“（二）……”“第三条……”）重列一遍，也报告。
图解、视频等没有文字的解读不判断。解读与文件的对应同 interpretation.late。
为什么重要: 解读应说明背景、依据、目的、主要内容和新旧变化，不能简单复制摘抄文件内容或以文件精简版呈现。
示例: 解读正文 85% 的内容与《某某管理办法》条文逐字相同。
依据: 各地政策解读工作规范“坚决杜绝把政策解读变成文件要点摘抄、文件压缩”（JD-04）。
"""

from __future__ import annotations

import re
from collections import Counter

from .common import basis
from .pairs import light_pairs
from .rule import Context, Records, Rule
from .text import body, book

RULE = Rule(
    id="interpretation.formalistic",
    title="政策解读照搬原文",
    severity="deduct",
    category="政策解读",
    basis=(
        basis("各地政策解读工作规范", "解读材料不能简单精简或摘抄政策文件，杜绝“文件要点摘抄”“文件压缩”", "JD-04"),
    ),
    message="解读《{title}》{detail}，属于照搬摘抄原文的形式化解读。",
    advice="重新编写解读材料，重点说明出台背景、政策依据、主要措施、适用对象、新旧政策变化和办理流程，"
           "可采用问答、图解等形式，不要简单复制文件条文。",
    options=("max_similarity", "ngram", "min_chars"),
    description="解读正文与文件正文的字符片段包含度达到阈值。",
)

_DROP = re.compile(r"[^\u4e00-\u9fff0-9A-Za-z]+")  # what is not a CJK character, digit or letter
DETAIL = ("normative_doc", "policy_doc", "interpretation", "guide", "annual_report", "other")
TEXT = ("body", "text")  # the columns ``body()`` reads
_DIGITS = [(chr(0xFF10 + i), str(i)) for i in range(10)]


_WIDE_DIGIT = re.compile("[\uff10-\uff19]")


def _chars(text: str | None) -> str:
    """The text's CJK characters, digits and letters (= ``_DROP.sub("", nospace(text))``:
    of what ``nospace`` changes only the full-width digits survive ``_DROP``)."""
    text = text or ""
    if _WIDE_DIGIT.search(text):
        for wide, digit in _DIGITS:
            text = text.replace(wide, digit)
    return _DROP.sub("", text)


def _grams(chars: str, n: int) -> set[str]:
    return {chars[i:i + n] for i in range(len(chars) - n + 1)}


HEADING = re.compile(r"^(第[一二三四五六七八九十百零〇]+[章节条]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|"
                     r"\d{1,2}[、.．])")
LABEL_LINE = re.compile(r"^[\u4e00-\u9fff\s]{2,8}[:：]")


def headings_only(interp: dict, doc: dict) -> tuple[int, int] | None:
    """(lines copied, content lines) when a short 解读 is little more than the document's
    headings (一、总体要求 / （一）… / 第三条…) listed again; None otherwise."""
    doc_heads = {_chars(line) for line in body(doc).split("\n") if HEADING.match(line.strip()) and len(line) <= 40}
    title = _chars(interp.get("title"))
    lines = [line.strip() for line in body(interp).split("\n")]
    content = [line for line in lines if line and not LABEL_LINE.match(line) and _chars(line) != title
               and len(_chars(line)) >= 4]
    copied = [line for line in content if _chars(line) in doc_heads]
    if len(content) >= 3 and len(copied) / len(content) >= HEADINGS_SHARE:
        return len(copied), len(content)
    return None


HEADINGS_SHARE = 0.7


def check(records: Records, ctx: Context):
    threshold = float(ctx.option("max_similarity"))
    n = int(ctx.option("ngram"))
    min_chars = int(ctx.option("min_chars"))
    all_pairs = light_pairs(records)
    if not all_pairs:
        return
    rows = list({r["url"]: r for i, d, _ in all_pairs for r in (i, d)}.values())
    chars = {d["url"]: _chars(body(d)) for d in records.with_columns(rows, *TEXT)}  # texts, once each
    short = [(i, d, how) for i, d, how in all_pairs if len(chars[i["url"]]) < min_chars]
    full = {d["url"]: d for d in records.with_columns(
        list({r["url"]: r for i, d, _ in short for r in (i, d)}.values()), *TEXT)}
    seen: set[str] = set()
    for interp, doc, how in short:  # a short 解读 that only lists the headings
        listed = headings_only(full[interp["url"]], full[doc["url"]])
        if listed and interp["url"] not in seen:
            seen.add(interp["url"])
            yield RULE.finding(interp["unit"], interp["url"], None, title=book(interp.get("title") or ""),
                               doc_title=book(doc.get("title") or ""), doc_url=doc["url"],
                               detail=f"的{listed[1]}行内容中有{listed[0]}行只是重列文件《{book(doc.get('title'))}》的标题",
                               headings_copied=listed[0], content_lines=listed[1], matched_by=how)
    pairs = [(i, d, how) for i, d, how in all_pairs if len(chars[i["url"]]) >= min_chars]
    if not pairs:
        return
    common, sizes, shared = _compare(records, pairs, chars, n)
    for k, (interp, doc, how) in enumerate(pairs):
        if interp["url"] in seen:
            continue
        in_interp = _present(common, chars[interp["url"]], n)
        own = sizes[interp["url"]] - len(in_interp)  # |grams(解读) - common|
        if own < min_chars // 2:
            continue
        share = (shared[k] - len(in_interp & _present(common, chars[doc["url"]], n))) / own  # |own & grams(文件)| / |own|
        if share >= threshold:
            seen.add(interp["url"])
            yield RULE.finding(interp["unit"], interp["url"], None, title=book(interp.get("title") or ""),
                               doc_title=book(doc.get("title") or ""), doc_url=doc["url"], similarity=round(share, 3),
                               detail=f"的正文有{share:.0%}与文件《{book(doc.get('title'))}》原文相同",
                               threshold=threshold, ngram=n, matched_by=how)


def _present(fragments: set[str], chars: str, n: int) -> set[str]:
    """``fragments & _grams(chars, n)`` (fragments of length n): a few are looked up in the text."""
    if len(fragments) <= 256:
        return {g for g in fragments if g in chars}
    return fragments & _grams(chars, n)


SAMPLE_PAGES = 20_000


def _compare(records: Records, pairs: list, chars: dict[str, str], n: int):
    """The boilerplate: the fragments of the pairs' 解读 that at least a fifth of the run's
    detail pages hold (site frames, metadata labels, set phrases); and for every pair the
    number of fragments of its 解读 and how many of them its document shares. Each page's
    fragment set is built once: the pairs' pages while their pair is compared, then every
    other page for the frequencies. Counting is most of the check's time, so above
    ``SAMPLE_PAGES`` detail pages the frequencies are counted on an even sample of that many
    (every k-th page in stored order, so every column and unit is in it): a fragment on a
    fifth of the pages is on about a fifth of the sample (±0.3 percentage points at 20,000)."""
    detail = records.meta_of_type(*DETAIL)
    if len(detail) < 10:
        shared = [len(_grams(chars[i["url"]], n) & _grams(chars[d["url"]], n)) for i, d, _ in pairs]
        return set(), {i["url"]: len(_grams(chars[i["url"]], n)) for i, _, _ in pairs}, shared
    step = -(-len(detail) // SAMPLE_PAGES)
    sample = detail[::step]
    in_sample = {d["url"] for d in sample}
    df: Counter = Counter()
    wanted: set[str] = set()
    sizes: dict[str, int] = {}
    shared: list[int] = []
    counted: set[str] = set()
    for interp, doc, _ in pairs:
        gi, gd = _grams(chars[interp["url"]], n), _grams(chars[doc["url"]], n)
        shared.append(len(gi & gd))
        sizes[interp["url"]] = len(gi)
        wanted |= gi
        for url, found in ((interp["url"], gi), (doc["url"], gd)):
            if url not in counted and url in in_sample:
                counted.add(url)
                df.update(found)
    df = Counter({g: c for g, c in df.items() if g in wanted})
    rest = (records.iter_documents(*DETAIL, columns=TEXT) if step == 1
            else records.with_columns([d for d in sample if d["url"] not in counted], *TEXT))
    for d in rest:
        if d["url"] not in counted:
            df.update(_grams(_chars(body(d)), n) & wanted)
    limit = max(5, len(sample) // 5)
    return {g for g, c in df.items() if c >= limit}, sizes, shared
