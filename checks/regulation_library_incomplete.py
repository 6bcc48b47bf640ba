"""规章集中公开不规范.

检查内容: 只对有规章制定权的单位（省级、设区的市、自治州人民政府及其部门）检查，默认不检查：
配置 applies = true 时检查本级和全部单位，或在 units 中列出有规章制定权的单位 id（"" 为本级）。
检查时，单位的政府信息公开专栏中应有规章库栏目（链接文字、页面标题或面包屑符合 library_patterns，
如“政府规章”“规章库”“现行有效规章”；“规章制度”不算）；没有的在专栏首页报告。栏目中每件规章的页面
（面包屑在规章库下、正文不少于 min_chars 字）应在标题下标注题注：公布时间及文号（××年×月×日
××令第×号公布，published_pattern）和施行时间（自××年×月×日起施行，effective_pattern）；修订过的
还应有修订时间及文号，因无法从页面得知是否修订，不作判断。规章页面未被爬取（附件、图片）的不判断。
为什么重要: 国办公开办函〔2021〕33号要求将现行有效规章通过政府门户网站“政府信息公开专栏”集中公开，
只公开标题、题注和正文，题注包含公布时间及文号、修订时间及文号、施行时间等标识性信息，并动态更新，
便于公众查询现行有效的规章及其沿革。
示例: 市政府规章库中的《澜江市城市供水管理办法》页面只有标题和正文，没有“××年×月×日市人民政府令
第×号公布　自××年×月×日起施行”的题注。
依据: 国办公开办函〔2021〕33号《关于做好规章集中公开并动态更新工作的通知》（GFXWJ-06）。
"""

from __future__ import annotations

import re

from .common import basis
from .rule import Context, Records, Rule
from .text import body, book, nospace
from .unit_names import matching, reached, unit_docs, unit_names

RULE = Rule(
    id="regulation.library-incomplete",
    title="规章集中公开不规范",
    severity="deduct",
    category="法定主动公开内容",
    basis=(
        basis("国办公开办函〔2021〕33号 关于做好规章集中公开并动态更新工作的通知",
              "将现行有效规章在“政府信息公开专栏”集中公开，只公开标题、题注和正文；题注应当包含公布时间及文号、"
              "修订时间及文号、施行时间等标识性信息；建立动态更新机制", "GFXWJ-06"),
    ),
    message="{unit_name}{problem}。",
    advice="在政府信息公开专栏设置规章库，集中公开本机关现行有效规章的标题、题注和正文；每件规章的题注写明"
           "公布时间及文号、修订时间及文号和施行时间，规章制定、修改、废止后及时更新。",
    options=("applies", "units", "library_patterns", "published_pattern", "effective_pattern", "min_chars"),
    description="有规章制定权的单位（需配置）专栏中没有规章库，或规章页面没有题注（公布时间及文号、施行时间）。",
)

HEAD_CHARS = 1200  # the 题注 stands under the title: only the top of the page is read


def targets(records: Records, ctx: Context) -> list[tuple[str, str]]:
    """(unit id, column home) of the units with rule-making power (config)."""
    chosen = [str(u) for u in ctx.option("units")]
    homes = dict(ctx.unit_homes)
    if ctx.option("applies") or "" in chosen:
        pages = [p["url"] for p in records.pages if p["unit"] == "" and p.get("status") == 200]
        if pages:
            homes[""] = min(pages, key=lambda u: (len(u), u))
    if ctx.option("applies"):
        return sorted(homes.items())
    return sorted((u, h) for u, h in homes.items() if u in chosen)


def caption_missing(text: str, published: re.Pattern, effective: re.Pattern) -> list[str]:
    head = nospace(text)[:HEAD_CHARS]
    missing = []
    if not published.search(head):
        missing.append("公布时间及文号")
    if not effective.search(head):
        missing.append("施行时间")
    return missing


def check(records: Records, ctx: Context):
    chosen = targets(records, ctx)
    if not chosen:
        return
    patterns = list(ctx.option("library_patterns"))
    library = [re.compile(p) for p in patterns]
    published = re.compile(ctx.option("published_pattern"))
    effective = re.compile(ctx.option("effective_pattern"))
    min_chars = int(ctx.option("min_chars"))
    seen = reached(records)
    for unit, home in chosen:
        if unit not in seen:
            continue
        unit_name = ctx.units.get(unit, unit) if unit else (ctx.site_name or "本级")
        found = matching(unit_names(records, unit), patterns)
        if not found:
            yield RULE.finding(unit, home, None, unit_name=unit_name,
                               problem="的政府信息公开专栏未设置规章集中公开栏目（规章库）", looked_for=patterns)
            continue
        rows = [d for d in unit_docs(records, unit) if d["page_type"] not in ("list", "column_index")
                and any(p.search(nospace(step)) for step in (d.get("column_path") or "").split(">")
                        for p in library)]
        for doc in records.with_columns(rows, "body", "text"):
            text = body(doc)
            if len(nospace(text)) < min_chars:
                continue
            missing = caption_missing(text, published, effective)
            if missing:
                title = book(doc.get("title") or "")
                yield RULE.finding(unit, doc["url"], None, unit_name=unit_name, title=title, missing=missing,
                                   problem=f"规章库中的《{title}》未标注题注（缺{'、'.join(missing)}）",
                                   library=[n.url for n in found][:3])
