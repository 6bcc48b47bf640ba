"""规范性文件元数据要素不全.

检查内容: 行政规范性文件详情页的元数据缺少标题、文号（发文字号）、成文日期或发布日期中的一项或几项：
对应标签不存在或值为空。有效性另由 normative.validity-missing 检查。文号写在正文标题下方、
发布日期只在页面元信息（PubDate）中的，视为已公开，不报。
为什么重要: 标题、文号、成文日期、发布日期是公众识别、引用和查找文件的基本要素，省级考评逐项检查。
示例: 规范性文件详情页元数据中有索引号、发文机关、文号、发布日期、有效性，但没有“成文日期”。
依据: 各地政务公开考评“规范性文件要素齐全”（GFXWJ-01）；政府网站发展指引三（一）4（GFXWJ-02）。
"""

from __future__ import annotations

from .common import GUIDELINE_2017, basis
from .rule import Context, Records, Rule
from .text import book, docnos_in, labels

RULE = Rule(
    id="normative.fields-missing",
    title="规范性文件要素不全",
    severity="deduct",
    category="规范性文件",
    basis=(
        basis("各地政务公开考评指标", "行政规范性文件应标注标题、文号、成文日期、发布日期、有效性", "GFXWJ-01"),
        basis(GUIDELINE_2017, "三（一）4 文件资料", "GFXWJ-02"),
    ),
    message="行政规范性文件《{title}》未标注{missing_text}。",
    advice="在文件的信息公开元数据中补全标题、文号、成文日期、发布日期等要素，与正式印发的文件保持一致。",
    description="规范性文件详情页缺少标题、文号、成文日期或发布日期标注（有效性另行检查）。",
)

FIELD_NAMES = {"title": "标题", "doc_number": "文号", "written_date": "成文日期", "published_date": "发布日期"}


def missing_fields(doc: dict) -> list[str]:
    seen = labels(doc)
    missing = []
    if not (doc.get("title") or "").strip():
        missing.append("title")
    if not seen.get("doc_number") and not docnos_in("\n".join((doc.get("body") or "").split("\n")[:40])):
        missing.append("doc_number")
    if not seen.get("written_date"):
        missing.append("written_date")
    if not seen.get("published_date") and not doc.get("published_date"):
        missing.append("published_date")
    return missing


def check(records: Records, ctx: Context):
    for doc in records.iter_documents("normative_doc", columns=("extras", "body")):
        if not doc.get("extras"):
            continue  # stored before labels were kept: cannot tell
        missing = missing_fields(doc)
        if missing:
            names = [FIELD_NAMES[m] for m in missing]
            yield RULE.finding(doc["unit"], doc["url"], None, title=book(doc.get("title") or ""),
                               missing=names, missing_text="、".join(names),
                               labels_seen=sorted(labels(doc)), doc_number=doc.get("doc_number"))
