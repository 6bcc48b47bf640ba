"""规范性文件未标注有效性.

检查内容: 行政规范性文件详情页没有有效性标注：没有“有效性/时效性/效力状态…”标签，或标签的值为空，
且标题中也没有【已失效】（已废止）一类标记。正文中的“有效期5年”不是标注。
为什么重要: 公众需要知道文件是否仍然有效；文件修改、废止、失效后应在原文件上明确标注。
示例: 详情页元数据表只有索引号、文号、成文日期、发布日期，没有有效性一栏。
依据: 政府网站发展指引三(一)4；各地政务公开工作要点（GFXWJ-01、GFXWJ-02）。
"""

from __future__ import annotations

from .common import GUIDELINE_2017, basis
from .rule import Context, Records, Rule

RULE = Rule(
    id="normative.validity-missing",
    title="规范性文件未标注有效性",
    severity="deduct",
    category="规范性文件",
    basis=(
        basis(GUIDELINE_2017, "三（一）4 文件资料：发生修改、废止、失效等情况应在原文件上明确标注", "GFXWJ-02"),
        basis("各地政务公开工作要点", "行政规范性文件应标注标题、文号、成文日期、发布日期、有效性", "GFXWJ-01"),
    ),
    message="行政规范性文件《{title}》未标注有效性{detail}。",
    advice="在该文件的元数据中补充“有效性”标注（有效/失效/废止/已修改等），文件修改、废止后及时更新。",
    description="规范性文件详情页没有带值的有效性标签，也没有标题失效标记。",
)


def check(records: Records, ctx: Context):
    for doc in records.meta_of_type("normative_doc"):
        if doc.get("validity"):
            continue
        empty = doc.get("validity_label") == "empty"
        yield RULE.finding(
            doc["unit"], doc["url"], None,
            title=doc.get("title") or "", doc_number=doc.get("doc_number"),
            detail="（有效性一栏为空）" if empty else "", label_present_but_empty=empty,
            column=doc.get("column_path") or "",
        )
