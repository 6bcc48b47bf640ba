"""机构职能信息要素不全.

检查内容: 单位的“机构职能/机构概况”信息（含同单位的领导信息、内设机构、联系我们等页面，合并判断）
缺少条例第二十条第二项规定的要素：机关职能、机构设置（内设机构）、办公地址、办公时间、联系方式、
负责人姓名。只有照片、没有姓名的领导信息不算。单位没有这类页面的不在此判断（见 disclosure.categories-missing）。
为什么重要: 机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名是法定主动公开内容，
公众据此了解机关职责、找到办事地点和负责人。
示例: 区司法局机构概况页面写明了主要职责和联系电话，但没有办公时间和局领导姓名。
依据: 条例第二十条第二项（FDZD-03）；政府网站发展指引 机构职能、负责人信息（FDZD-03）。
"""

from __future__ import annotations

import re

from .common import GUIDELINE_2017, REGULATION, basis
from .organization import org_pages, page_text
from .rule import Context, Records, Rule
from .columns import page_names
from .text import nospace

RULE = Rule(
    id="disclosure.organization-fields-missing",
    title="机构职能信息要素不全",
    severity="deduct",
    category="法定主动公开内容",
    basis=(
        basis(REGULATION, "第二十条第二项（机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名）", "FDZD-03"),
        basis(GUIDELINE_2017, "三（一）：机构职能、负责人信息", "FDZD-03"),
    ),
    message="{unit_name}的机构职能信息缺少{missing_text}。",
    advice="在“机构职能”栏目完整公开机关职能、内设机构、办公地址、办公时间、联系方式和负责人姓名。",
    description="机构概况/机构职能页面缺少条例第二十条第二项的要素之一。",
)

ROLE = r"(?:局长|主任|书记|镇长|乡长|区长|县长|市长|处长|科长|主席|院长|队长|站长|所长|负责人|党组成员|委员)"
FIELDS: dict[str, re.Pattern] = {
    "机关职能": re.compile(r"职能|职责"),
    "机构设置": re.compile(r"内设机构|机构设置|科室|下设|内设|直属单位|设有.{0,12}(科|室|股|办|中心|所|队)"),
    "办公地址": re.compile(r"地址|办公地点"),
    "办公时间": re.compile(r"(办公|工作|上班|接待)时间|\d{1,2}[:：]\d{2}[-—至~到]+\d{1,2}[:：]\d{2}"),
    "联系方式": re.compile(r"电话|传真|邮箱|信箱|[\w.]+@[\w-]+\.|0\d{2,3}-?\d{7,8}"),
    "负责人姓名": re.compile(rf"{ROLE}[:：]?[\u4e00-\u9fff]{{2,3}}(?![\u4e00-\u9fff]*(?:负责|主持|分管|工作))|"
                        rf"[\u4e00-\u9fff]{{2,3}}[，,、]?(?:副)?{ROLE}|姓名[:：][\u4e00-\u9fff]{{2,4}}"),
}


def check(records: Records, ctx: Context):
    units = sorted({d.get("unit") or "" for d in records.doc_meta})
    for unit in units:
        pages = org_pages(records, unit)
        main = next((p for p in pages if any(re.search(r"机构|职能|职责", n) for n in page_names(p))), None)
        if main is None:
            continue  # a 联系我们 page alone is no 机构职能 page
        text = nospace("\n".join(page_text(p) for p in pages))
        missing = [name for name, pattern in FIELDS.items() if not pattern.search(text)]
        if not missing:
            continue
        yield RULE.finding(unit, main["url"], None, unit_name=ctx.units.get(unit, ctx.site_name or "本级"),
                           missing=missing, missing_text="、".join(missing), pages=[p["url"] for p in pages][:5])
