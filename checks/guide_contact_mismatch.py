"""公开指南联系方式与机构概况不一致.

检查内容: 单位政府信息公开指南中的联系电话、办公地址、办公时间，与本单位“机构概况/机构职能/联系我们”
页面上的不一致（规范化后比较：电话按数字，地址互相包含即视为一致，办公时间按钟点）。两边都写了该项
才比较；指南可能列出多个电话（信访、12345 等），只要有一个相同即视为一致。结果仅作提示，需人工核实
哪一处已过时。
为什么重要: 指南应及时更新；机构改革、办公地点搬迁后指南未同步修改，公众按指南联系不上工作机构。
示例: 指南写“办公地址：青岚区文苑路66号，联系电话：0571-86195312”，机构概况页为“文苑路88号，0571-86195300”。
依据: 条例第十二条（及时更新指南）、第二十条第二项（机关职能、办公地址、办公时间、联系方式）（GUIDE-04）。
"""

from __future__ import annotations

from .common import REGULATION, basis
from .organization import contact, org_pages, page_text, same_address
from .rule import Context, Records, Rule
from .text import bodies_of_type, book

RULE = Rule(
    id="guide.contact-mismatch",
    title="公开指南联系方式与机构概况不一致",
    severity="advice",
    category="政府信息公开指南",
    basis=(
        basis(REGULATION, "第十二条（指南应当及时更新）", "GUIDE-04"),
        basis(REGULATION, "第二十条第二项（机关职能、机构设置、办公地址、办公时间、联系方式）", "GUIDE-04"),
    ),
    message="政府信息公开指南《{title}》中的{fields_text}与本单位机构概况页面不一致，请核实更新。",
    advice="核对本单位现行的办公地址、办公时间和联系电话，同步更新政府信息公开指南和机构概况页面。",
    description="指南中的电话、地址或办公时间与机构概况/联系我们页面不同。",
)

NAMES = {"phone": "联系电话", "address": "办公地址", "hours": "办公时间"}


def _differs(kind: str, a: set[str], b: set[str]) -> bool:
    if not a or not b:
        return False
    if kind == "phone":
        return not a & b
    if kind == "address":
        return not same_address(a, b)
    return not (a <= b or b <= a)


def check(records: Records, ctx: Context):
    guides: dict[str, list[dict]] = {}
    for guide in bodies_of_type(records, "guide"):
        guides.setdefault(guide.get("unit") or "", []).append(guide)
    for unit in sorted(guides):
        pages = org_pages(records, unit)
        if not pages:
            continue
        org: dict[str, set[str]] = {"phone": set(), "address": set(), "hours": set()}
        for page in pages:
            for kind, values in contact(page_text(page)).items():
                org[kind] |= values
        for guide in guides[unit]:
            mine = contact(page_text(guide))
            fields = [k for k in NAMES if _differs(k, mine[k], org[k])]
            if fields:
                yield RULE.finding(unit, guide["url"], None, title=book(guide.get("title") or ""),
                                   fields=[NAMES[k] for k in fields], fields_text="、".join(NAMES[k] for k in fields),
                                   guide_values={NAMES[k]: sorted(mine[k]) for k in fields},
                                   organization_values={NAMES[k]: sorted(org[k]) for k in fields},
                                   organization_pages=[p["url"] for p in pages][:5],
                                   note="提示性检查：指南可能列出多个工作机构，请人工核实")
