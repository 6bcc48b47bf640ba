"""政府信息公开指南要素不全.

检查内容: 政府信息公开指南正文缺少条例第十二条规定的要素：政府信息的分类、编排体系、获取方式，
政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式
（电子邮箱、网址或在线申请渠道）。按关键词和号码、时间、邮箱等格式识别，写法宽松
（“传 真”“咨询时间”“通信地址”都算）。正文过短（指南只是附件或图片）、不含“主动公开/依申请公开”
字样或识别到的要素不足3项（页面并未载有指南正文）的不判断。
要检查的要素可在配置中调整（elements）。
为什么重要: 指南是公众申请政府信息的“说明书”，缺少联系方式或获取方式，公众无从申请。
示例: 指南写明了办公地址和联系电话，但没有传真号码和办公时间。
依据: 条例第十二条第二款（GUIDE-02）。
"""

from __future__ import annotations

import re

from .common import REGULATION, basis
from .rule import Context, Records, Rule
from .text import bodies_of_type, body, book, nospace

RULE = Rule(
    id="guide.elements-missing",
    title="公开指南要素不全",
    severity="deduct",
    category="政府信息公开指南",
    basis=(basis(REGULATION, "第十二条第二款（指南包括分类、编排体系、获取方式和工作机构的名称、办公地址、"
                             "办公时间、联系电话、传真号码、互联网联系方式等内容）", "GUIDE-02"),),
    message="政府信息公开指南《{title}》缺少条例第十二条规定的要素：{missing_text}。",
    advice="对照条例第十二条补充指南内容，写明信息分类、编排体系、获取方式和工作机构的名称、办公地址、"
           "办公时间、联系电话、传真号码、互联网联系方式。",
    options=("elements", "min_chars"),
    description="指南正文缺少条例第十二条列举的要素。",
)

ELEMENTS: dict[str, tuple[str, re.Pattern]] = {
    "分类": ("信息分类", re.compile(r"分类|类别|公开目录|信息目录")),
    "编排体系": ("编排体系", re.compile(r"编排|编目|排列")),
    "获取方式": ("获取方式", re.compile(r"获取|获得|查阅|公开渠道|公开方式|公开形式|公开途径|申请方式")),
    "机构名称": ("工作机构名称", re.compile(r"工作机构|受理机构|受理单位|受理部门|机构名称|名称[:：]|"
                                          r"(办公室|中心|科|股|处)(负责|受理)")),
    "办公地址": ("办公地址", re.compile(r"地址|地点|办公场所|受理场所|来访")),
    "办公时间": ("办公时间", re.compile(r"(办公|工作|受理|咨询|接待|服务|上班)时间|\d{1,2}[:：]\d{2}[-—至到~]+\d{1,2}[:：]\d{2}|"
                                      r"(上午|下午)\d{1,2}[:：]\d{2}")),
    "联系电话": ("联系电话", re.compile(r"电话|0\d{2,3}[-－—]?\d{7,8}|1[3-9]\d{9}")),
    "传真": ("传真号码", re.compile(r"传真|fax", re.I)),
    "互联网联系方式": ("互联网联系方式", re.compile(r"[\w.+-]+[@＠][\w-]+(\.[\w-]+)+|https?://|www\.|网址|网站|电子邮箱|"
                                               r"电子信箱|邮箱|E-?mail|网上申请|在线申请|互联网", re.I)),
}


GUIDE_TEXT = re.compile(r"主动公开|依申请|申请公开|申请获取")
MIN_FOUND = 3


def missing_elements(text: str, wanted: list[str]) -> list[str]:
    flat = nospace(text)
    return [name for name in wanted if name in ELEMENTS and not ELEMENTS[name][1].search(flat)]


def check(records: Records, ctx: Context):
    wanted = list(ctx.option("elements"))
    min_chars = int(ctx.option("min_chars"))
    for doc in bodies_of_type(records, "guide"):
        text = body(doc)
        if len(nospace(text)) < min_chars:
            continue  # an attachment or image guide: not assessable from the page
        missing = missing_elements(text, wanted)
        if not GUIDE_TEXT.search(nospace(text)) or len(wanted) - len(missing) < MIN_FOUND:
            continue  # the page does not hold the guide's text (a frame, a script, a template)
        if missing:
            names = [ELEMENTS[m][0] for m in missing]
            yield RULE.finding(doc["unit"], doc["url"], None, title=book(doc.get("title") or ""),
                               missing=names, missing_text="、".join(names), chars=len(nospace(text)))
