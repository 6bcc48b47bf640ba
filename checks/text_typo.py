"""错别字.

检查内容: 单位自己页面（列表页除外）的标题和正文中出现配置的常见错别字（pairs：每项一个正则 pattern
和正确写法 right，只收录没有歧义的搭配，如“截止目前”应为“截至目前”、“截止到……为止”应为“截至……
为止”、“做为”应为“作为”、“既使”应为“即使”、“按装”应为“安装”、“帐户/帐号”应为“账户/账号”、
“再接再励”应为“再接再厉”）。《》中引用的文件名，以及发布机构/来源为上级机关、媒体（quoted_sources）
的转载页面不检查。每个页面一条，证据中引用出现错字的上下文。
为什么重要: 错别字影响政府网站的权威性和信息的准确性，是网站检查和第三方评估中“信息内容不准确”的
扣分项。
示例: 工作动态中写“截止目前，全区已有12所学校完成信息公开目录编制”。
依据: 政府网站与政务新媒体检查指标（国办秘函〔2019〕19号）内容准确性；政府网站发展指引 信息发布（SEC-02）。
"""

from __future__ import annotations

import re

try:
    from re import _parser
except ImportError:  # Python < 3.11
    import sre_parse as _parser

from .common import GUIDELINE_2017, INDICATORS_2019, basis
from .rule import Context, Records, Rule
from .text import book
from .wording import context, own_documents, own_lines, own_text

RULE = Rule(
    id="text.typo",
    title="错别字",
    severity="advice",
    category="内容准确性",
    basis=(
        basis(INDICATORS_2019, "内容准确性：信息内容不准确（错别字）", "SEC-02"),
        basis(GUIDELINE_2017, "三（一）信息发布：加强内容审核，确保信息准确", "SEC-02"),
    ),
    message="页面《{title}》中有错别字：{first}{more}。",
    advice="更正页面中的错别字，并加强信息发布前的校对审核。",
    options=("pairs", "quoted_sources", "max_hits"),
    description="页面标题或正文中出现配置的常见错别字（如“截止目前”“做为”“帐户”），引文和上级转载除外。",
)


def check(records: Records, ctx: Context):
    pairs = [(re.compile(p["pattern"]), str(p["right"])) for p in ctx.option("pairs")]
    if not pairs:
        return
    max_hits = int(ctx.option("max_hits"))
    # one scan per line finds the few lines worth trying pattern by pattern (same hits, far faster)
    try:
        anywhere = re.compile("|".join(f"(?:{p.pattern})" for p, _ in pairs))
    except re.error:  # patterns that cannot be joined (inline flags, back-references): try each
        anywhere = re.compile("")
    whole_page = context_free(anywhere)
    for doc in own_documents(records, ctx.option("quoted_sources")):
        if whole_page and not anywhere.search(own_text(doc)):
            continue  # no line of the page can match: one scan of the page instead of one per line
        hits, seen = [], set()
        for line in own_lines(doc):
            if not anywhere.search(line):
                continue
            for pattern, right in pairs:
                for m in pattern.finditer(line):
                    if m.group(0) in seen:
                        continue
                    seen.add(m.group(0))
                    hits.append({"wrong": m.group(0), "right": right, "context": context(line, m.start(), m.end())})
        if hits:
            first = f"“{hits[0]['wrong']}”应为“{hits[0]['right']}”"
            more = f"等{len(hits)}处" if len(hits) > 1 else ""
            yield RULE.finding(doc["unit"], doc["url"], None, title=book(doc.get("title") or ""), first=first,
                               more=more, hits=hits[:max_hits])


def context_free(pattern: re.Pattern) -> bool:
    """True when the pattern neither anchors nor looks around (^, $, \\b, lookarounds): whatever
    it matches inside one line it then also matches inside the lines joined by line breaks."""
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - an internal module: when in doubt, scan line by line
        return False

    def plain(node) -> bool:
        if isinstance(node, (list, tuple, _parser.SubPattern)):
            return all(plain(x) for x in node)
        return str(node) not in ("AT", "ASSERT", "ASSERT_NOT")

    return plain(parsed)
