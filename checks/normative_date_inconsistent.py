"""规范性文件日期标注矛盾.

检查内容: 行政规范性文件或政策文件标注的成文日期晚于发布日期，或成文日期、发布日期晚于检查当日
（尚未到来的日期）。只比较页面上可见的日期标签（成文日期、发布日期…），页面元信息（PubDate）
不算；各种写法统一换算后比较。
为什么重要: 文件先成文、后发布；日期标注错误使公众无法判断文件形成和公开的时间，
也影响“20个工作日内公开”等时限的核查。
示例: 成文日期 2025-03-10，发布日期 2025-03-02。
依据: 条例第二十六条（FDZD-04）；政府网站发展指引 信息准确（GFXWJ-01）。
"""

from __future__ import annotations

from datetime import timedelta

from .common import GUIDELINE_2017, REGULATION, basis
from .rule import Context, Records, Rule
from .text import book, iso, labels

RULE = Rule(
    id="normative.date-inconsistent",
    title="文件日期标注矛盾",
    severity="deduct",
    category="规范性文件",
    basis=(
        basis(REGULATION, "第二十六条（自政府信息形成之日起20个工作日内公开）", "FDZD-04"),
        basis(GUIDELINE_2017, "三（一）4 文件资料应准确", "GFXWJ-01"),
    ),
    message="{doc_kind}《{title}》的日期标注有误：{problem}。",
    advice="核对正式印发文件，更正成文日期、发布日期的标注。",
    description="成文日期晚于发布日期，或日期晚于检查当日。",
)


def problems(written, published, today) -> list[str]:
    out = []
    if written and published and written > published:
        out.append(f"成文日期（{written}）晚于发布日期（{published}）")
    for name, value in (("成文日期", written), ("发布日期", published)):
        if value and value > today + timedelta(days=1):
            out.append(f"{name}（{value}）晚于检查日（{today}）")
    return out


def check(records: Records, ctx: Context):
    today = ctx.now.date()
    for doc in records.iter_documents("normative_doc", "policy_doc", columns=("extras",)):
        seen = labels(doc)  # visible labels only: a CMS PubDate meta may be the upload time
        written = iso(doc.get("written_date")) if seen.get("written_date") else None
        published = iso(seen.get("published_date")) if seen.get("published_date") else None
        found = problems(written, published, today)
        if found:
            yield RULE.finding(
                doc["unit"], doc["url"], None, title=book(doc.get("title") or ""), problem="；".join(found),
                doc_kind="行政规范性文件" if doc["page_type"] == "normative_doc" else "政策文件",
                written_date=doc.get("written_date"), published_date=doc.get("published_date"),
                checked_on=today.isoformat())
