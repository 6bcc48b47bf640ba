"""文号格式不规范.

检查内容: 行政规范性文件、政策文件标注的文号（发文字号）不符合“机关代字〔年份〕序号号”的结构：
缺少机关代字、年份、序号或“号”字，年份不是四位或不合理。方括号、圆括号等常见括号写法、
“第N号”“××令第N号”“××公告2024年第N号”以及联合发文的多个文号都视为规范。
为什么重要: 文号是引用、检索和关联文件（废止、修改、解读）的依据，写错会使公众无法准确查找文件。
示例: 文号标注为“青建规〔2025〕号”（缺序号）或“〔2025〕3号”（缺机关代字）。
依据: 党政机关公文格式 GB/T 9704-2012 发文字号；各地政务公开考评 元数据准确（GFXWJ-01）。
"""

from __future__ import annotations

import re

from .common import basis
from .rule import Context, Records, Rule
from .text import book, nospace

RULE = Rule(
    id="normative.docnumber-malformed",
    title="文号格式不规范",
    severity="advice",
    category="规范性文件",
    basis=(
        basis("党政机关公文格式（GB/T 9704-2012）", "7.2.4 发文字号：由发文机关代字、年份、发文顺序号组成", "GFXWJ-01"),
        basis("各地政务公开考评指标", "行政规范性文件元数据应准确", "GFXWJ-01"),
    ),
    message="{doc_kind}《{title}》标注的文号“{doc_number}”格式不规范：{reason}。",
    advice="按照“机关代字〔年份〕序号号”的格式核对并更正文号，年份用六角括号〔〕括入。",
    description="文号缺少机关代字、四位年份、序号或“号”字。",
)

_TR = str.maketrans({"[": "〔", "［": "〔", "(": "〔", "（": "〔", "【": "〔", "﹝": "〔", "〈": "〔",
                     "]": "〕", "］": "〕", ")": "〕", "）": "〕", "】": "〕", "﹞": "〕", "〉": "〕", "號": "号"})
AGENCY = r"[\u4e00-\u9fffA-Za-z]{1,20}"
GOOD = (
    re.compile(rf"^{AGENCY}〔((?:19|20)\d{{2}})〕第?\d{{1,5}}号$"),
    re.compile(rf"^{AGENCY}第\d{{1,5}}号$"),
    re.compile(rf"^{AGENCY}?((?:19|20)\d{{2}})年第?\d{{1,5}}号$"),
)
SPLIT = re.compile(r"(?<=号)|[、，,;；/]")


def _reason(part: str) -> str:
    if not re.match(r"^[\u4e00-\u9fffA-Za-z]", part):
        return "缺少发文机关代字"
    year = re.search(r"〔(\d*)〕", part)
    if year is None:
        return "年份未用六角括号〔〕括入" if re.search(r"(19|20)\d{2}", part) else "缺少年份"
    if len(year.group(1)) != 4:
        return "年份应为四位数字"
    tail = part[year.end():]
    if not re.search(r"\d", tail):
        return "缺少发文顺序号"
    if not tail.endswith("号"):
        return "缺少“号”字"
    return "格式不规范"


def problem(value: str | None, this_year: int) -> str | None:
    """Why a 文号 is malformed, or None. Values that are no number at all are not judged."""
    text = nospace(value).translate(_TR)
    text = re.sub(r"(?<=号)〔(?!\d{2,4}〕)[^〕]*〕$", "", text)  # a remark after it: （试行）（登记号：…）
    if not re.search(r"\d", text) or not re.search(r"[\u4e00-\u9fff]", text):
        return None
    for part in (p for p in SPLIT.split(text) if p):
        m = next((g.match(part) for g in GOOD if g.match(part)), None)
        if m is None:
            return _reason(part)
        year = next((int(x) for x in m.groups() if x), None)
        if year is not None and not 1949 <= year <= this_year + 1:
            return f"年份{year}不合理"
    return None


def check(records: Records, ctx: Context):
    year = ctx.now.year
    for doc in records.meta_of_type("normative_doc", "policy_doc"):
        reason = problem(doc.get("doc_number"), year)
        if reason:
            yield RULE.finding(
                doc["unit"], doc["url"], None, title=book(doc.get("title") or ""), doc_number=doc["doc_number"],
                reason=reason, doc_kind="行政规范性文件" if doc["page_type"] == "normative_doc" else "政策文件")
