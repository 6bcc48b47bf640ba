"""政策解读发布滞后.

检查内容: 政策解读的发布日期晚于所解读文件发布日期超过规定的工作日数（默认3个工作日，可配置
max_working_days），按国家法定节假日和调休安排（config/holidays.toml）计算工作日。
解读早于文件发布（征求意见阶段的解读）不算滞后。解读与文件的对应：解读标题写出文件名称，
或二者之间只有一条互链；无法唯一对应的不判断。
为什么重要: 政策文件与解读材料应同步起草、同步审签、同步发布；解读滞后，公众在文件生效初期得不到权威解释。
示例: 文件 2025-03-03 发布，解读 2025-03-20 发布，相隔 13 个工作日。
依据: 各地政策解读工作制度“最迟应在政策文件公开发布后3个工作日内发布”（JD-02，地方规定 ⚠️ 可配置）。
"""

from __future__ import annotations

from .common import GUIDELINE_2017, basis
from .pairs import light_pairs
from .rule import Context, Records, Rule
from .text import book, deadline, iso, working_days_after

RULE = Rule(
    id="interpretation.late",
    title="政策解读发布滞后",
    severity="deduct",
    category="政策解读",
    basis=(
        basis("各地政策解读工作制度", "解读材料原则上与政策文件同步发布，最迟在文件公开发布后3个工作日内发布（地方规定，可配置）", "JD-02"),
        basis(GUIDELINE_2017, "重要政策文件应同步发布解读材料", "JD-02"),
    ),
    message="解读《{title}》于{interp_date}发布，晚于文件《{doc_title}》（{doc_date}发布）{working_days}个工作日，超过{max_working_days}个工作日的时限。",
    advice="政策解读应与文件同步起草、同步审签、同步发布；确有困难的，应在文件发布后规定的工作日内发布。",
    options=("max_working_days",),
    description="解读发布日期晚于文件发布日期超过规定工作日数。",
)


def check(records: Records, ctx: Context):
    limit = int(ctx.option("max_working_days"))
    seen: set[str] = set()
    for interp, doc, how in light_pairs(records):
        i_date, d_date = iso(interp.get("published_date")), iso(doc.get("published_date"))
        if not i_date or not d_date or interp["url"] in seen:
            continue
        elapsed = working_days_after(d_date, i_date)  # a 解读 on a holiday after the 3rd day is not late
        if elapsed > limit:
            seen.add(interp["url"])
            yield RULE.finding(
                interp["unit"], interp["url"], None, title=book(interp.get("title") or ""),
                interp_date=i_date.isoformat(), doc_title=book(doc.get("title") or ""), doc_url=doc["url"],
                doc_date=d_date.isoformat(), working_days=elapsed, deadline=deadline(d_date, limit).isoformat(),
                max_working_days=limit, matched_by=how,
                note="⚠️ 3个工作日为地方规定，全国统一时限未核实，可在配置中调整")
