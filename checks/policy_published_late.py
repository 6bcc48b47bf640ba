"""规范性文件、政策文件疑似超期公开.

检查内容: 行政规范性文件和政策文件的发布日期晚于成文日期超过规定的工作日数（默认20个工作日，
可配置 max_working_days），按国家法定节假日和调休安排（config/holidays.toml）计算工作日。
只比较页面上标注的成文日期和发布日期；缺少其中之一、发布早于成文（另有“日期标注矛盾”规则），
发文机关是上级机关（转载上级文件，exempt_issuer_patterns 可配置）、相隔超过一年（max_gap_days，多为
网站迁移或重新发布旧文件）或发布早于检查日两年以上（recent_days）的不判断。成文日期不一定是信息
“形成”之日，法律法规对公开时限另有规定的从其规定，因此只报“疑似”，请人工核实。
为什么重要: 行政机关应当自政府信息形成或者变更之日起20个工作日内及时公开，拖延公开使文件
施行初期公众无从知晓。
示例: 成文日期 2025-03-03，发布日期 2025-04-30，相隔 39 个工作日。
依据: 条例第二十六条（FDZD-04）。
"""

from __future__ import annotations

import re

from .common import REGULATION, basis
from .rule import Context, Records, Rule
from .text import book, calendar, deadline, iso, working_days_after

RULE = Rule(
    id="policy.published-late",
    title="文件疑似超期公开",
    severity="deduct",
    category="规范性文件",
    basis=(
        basis(REGULATION, "第二十六条：属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开",
              "FDZD-04"),
    ),
    message="{doc_kind}《{title}》成文日期为{written}，发布日期为{published}，相隔{working_days}个工作日，"
            "疑似超过{max_working_days}个工作日的公开时限。",
    advice="核实文件形成日期和公开日期；属于主动公开范围的文件应自形成之日起20个工作日内公开，"
           "并建立发文与公开同步的工作机制。",
    options=("max_working_days", "exempt_issuer_patterns", "max_gap_days", "recent_days"),
    description="成文日期与发布日期之间超过规定工作日数（疑似超期公开，需人工核实）。",
)


def check(records: Records, ctx: Context):
    limit = int(ctx.option("max_working_days"))
    exempt = [re.compile(p) for p in ctx.option("exempt_issuer_patterns")]
    max_gap, recent = int(ctx.option("max_gap_days")), int(ctx.option("recent_days"))
    today = ctx.now.date()
    cal = calendar()
    for doc in records.meta_of_type("normative_doc", "policy_doc"):
        written, published = iso(doc.get("written_date")), iso(doc.get("published_date"))
        if not written or not published or published <= written:
            continue
        if (max_gap and (published - written).days > max_gap) or (recent and (today - published).days > recent):
            continue  # an old document re-posted (site migration), or history no 通报 can act on
        issuer = doc.get("issuer") or ""
        if issuer and any(p.search(issuer) for p in exempt):
            continue  # an upper authority's document republished here: its own publication was elsewhere
        elapsed = working_days_after(written, published)
        if elapsed <= limit:
            continue
        provisional = cal.provisional_years(written, published)
        yield RULE.finding(
            doc["unit"], doc["url"], None, title=book(doc.get("title") or ""),
            doc_kind="行政规范性文件" if doc["page_type"] == "normative_doc" else "政策文件",
            written=written.isoformat(), published=published.isoformat(), working_days=elapsed,
            deadline=deadline(written, limit).isoformat(), max_working_days=limit, issuer=issuer or None,
            note="疑似：成文日期不一定是信息形成之日，法律法规另有规定的从其规定，请人工核实"
                 + (f"；{'、'.join(map(str, provisional))}年节假日安排未列入日历，按周一至周五计算" if provisional else ""))
