"""疑似严重表述错误（领导人姓名、固定提法写错）.

检查内容: 只在配置了标准写法时检查（names：领导人姓名；phrases：固定提法；默认均为空，什么也不报）。
单位自己页面（列表页除外）的标题和正文中，与某个标准写法字数相同、只差一个字的写法：姓名须紧挨着
contexts 中的称谓（同志、总书记、书记、主席、总理 …，在前或在后，中间至多 context_chars 字）才算，两个字的姓名
另一侧还不能紧接汉字（不是更长姓名的一部分）；不少于
min_phrase_chars 字的固定提法不需要称谓。本身就是另一个标准写法的不算；《》中引用的文件名和上级机关、
媒体转载的页面（quoted_sources）不检查。报告为“疑似”，证据中引用上下文：姓名相近的另有其人、
历史人物、引文等都可能误报，须人工核实后再写入通报。
为什么重要: 网站出现严重表述错误（如将党和国家领导人姓名写错、固定提法写错）属于单项否决情形，
一经发现须立即更正。
示例: 新闻稿中把配置的领导人姓名写错一个字，后接“同志”。
依据: 政府网站与政务新媒体检查指标（国办秘函〔2019〕19号）单项否决：出现严重表述错误；
全国政府网站普查（国办发〔2015〕15号）严重错别字单项否决（SEC-01）。
"""

from __future__ import annotations

import re

from .common import INDICATORS_2019, basis
from .rule import Context, Records, Rule
from .text import book, nospace
from .wording import context, own_documents, own_lines, own_text

RULE = Rule(
    id="text.serious-error",
    title="疑似严重表述错误",
    severity="veto",
    category="内容准确性",
    basis=(
        basis(INDICATORS_2019, "单项否决：安全、泄密事故等严重问题——出现严重表述错误", "SEC-01"),
        basis("全国政府网站普查评分表（国办发〔2015〕15号）", "单项否决：网站出现严重错别字（例如将党和国家领导人姓名写错）",
              "SEC-01"),
    ),
    message="页面《{title}》中疑似将“{canonical}”误写为“{found}”（需人工核实）。",
    advice="人工核实后立即更正错误表述，排查同类页面，并落实信息发布“三审三校”制度。",
    options=("names", "phrases", "contexts", "context_chars", "min_phrase_chars", "quoted_sources"),
    description="与配置的领导人姓名、固定提法只差一个字的疑似错误写法（未配置时不检查；须人工核实）。",
)

CJK = re.compile(r"[\u4e00-\u9fff]+")


def near_misses(canon: str) -> re.Pattern:
    """Every string of the same length that differs from ``canon`` in exactly one CJK character
    (the exact form is filtered out afterwards); overlapping matches through a lookahead."""
    options = [re.escape(canon[:i]) + r"[\u4e00-\u9fff]" + re.escape(canon[i + 1:]) for i in range(len(canon))]
    return re.compile("(?=(" + "|".join(options) + "))")


def halves(canon: str) -> tuple[str, str]:
    """A form one character off ``canon`` keeps one of these two intact."""
    k = len(canon) // 2
    return canon[:k], canon[k:]


def near_context(line: str, start: int, end: int, contexts: list[str], chars: int) -> str | None:
    """The title word (同志, 总书记 …) right before or after the match (at most ``chars``
    characters between); a two-character name must also stand alone on its other side, so that
    it is not the first two characters of a longer name (韩汝琦委员 is no 韩正)."""
    for word in sorted(contexts, key=len, reverse=True):
        after = word in line[end:end + len(word) + chars]
        before = word in line[max(0, start - len(word) - chars):start]
        if not (after or before):
            continue
        if end - start >= 3:
            return word
        other = line[start - 1:start] if after else line[end:end + 1]
        titled = any((line[:start] if after else line[end:]).endswith(w) if after else line[end:].startswith(w)
                     for w in contexts)
        if not other or not CJK.match(other) or titled:
            return word
    return None


def check(records: Records, ctx: Context):
    names = [nospace(n) for n in ctx.option("names") if CJK.fullmatch(nospace(n) or "-")]
    phrases = [nospace(p) for p in ctx.option("phrases") if nospace(p)]
    min_phrase = int(ctx.option("min_phrase_chars"))
    phrases = [p for p in phrases if len(p) >= min_phrase]
    if not names and not phrases:
        return
    canon = set(names) | set(phrases)
    contexts = [nospace(c) for c in ctx.option("contexts") if nospace(c)]
    chars = int(ctx.option("context_chars"))
    wanted = [(n, near_misses(n), True) for n in names if len(n) >= 2] + [(p, near_misses(p), False) for p in phrases]
    for doc in own_documents(records, ctx.option("quoted_sources")):
        text = own_text(doc)
        here = [w for w in wanted if any(half in text for half in halves(w[0]))]
        if not here:
            continue  # no line holds half of any standard form, so none a form one character off
        hits, shown = [], set()
        for line in own_lines(doc):
            for right, pattern, needs_context in here:
                for m in pattern.finditer(line):
                    found = m.group(1)
                    start, end = m.start(1), m.start(1) + len(found)
                    if found in canon or found in shown:
                        continue
                    word = near_context(line, start, end, contexts, chars) if needs_context else None
                    if needs_context and word is None:
                        continue
                    shown.add(found)
                    hits.append({"canonical": right, "found": found, "context": context(line, start, end),
                                 "kind": "姓名" if needs_context else "固定提法", "context_word": word})
        if hits:
            yield RULE.finding(doc["unit"], doc["url"], None, title=book(doc.get("title") or ""),
                               canonical=hits[0]["canonical"], found=hits[0]["found"], context=hits[0]["context"],
                               hits=hits, needs_review=True,
                               note="疑似，须人工核实（同名、历史人物、引文等可能误报）后再通报")
