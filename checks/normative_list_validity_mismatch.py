"""列表页标注的有效性与文件页不一致.

检查内容: 规范性文件列表的某一行标注“有效/现行有效”，而该文件详情页标注失效、废止
（或标题带【已失效】【已废止】），或者相反。列表未标注有效性的不检查。
为什么重要: 公众往往只看列表；列表把已失效、已废止的文件显示为现行有效，会误导公众适用。
示例: 规范性文件列表中《某某暂行办法》一行显示“现行有效”，点开详情页显示“有效性：废止”。
依据: 政府网站发展指引三（一）4 明确标注（GFXWJ-02）；规范性文件清理与标注（GFXWJ-04）。
"""

from __future__ import annotations

import re

from .common import GUIDELINE_2017, basis
from .rule import Context, Records, Rule
from .text import book, items, nospace

RULE = Rule(
    id="normative.list-validity-mismatch",
    title="列表与文件有效性标注不一致",
    severity="deduct",
    category="规范性文件",
    basis=(
        basis(GUIDELINE_2017, "三（一）4 文件资料发生修改、废止、失效等情况应明确标注", "GFXWJ-02"),
        basis("各地政务公开工作要点", "规范性文件清理结果应及时标注", "GFXWJ-04"),
    ),
    message="《{title}》在列表中标注为“{list_status}”，但文件页标注为“{page_status}”。",
    advice="核实文件的实际效力状态，同步更正列表和详情页的有效性标注。",
    description="列表行的有效性标注与文件详情页相反（有效 / 失效、废止）。",
)

VALID = re.compile(r"^(现行)?有效$")
INVALID = re.compile(r"^(已)?(失效|废止)$")


def _kind(status: str | None) -> str | None:
    s = nospace(status)
    return "valid" if VALID.match(s) else "invalid" if INVALID.match(s) else None


def check(records: Records, ctx: Context):
    seen: set[str] = set()
    for page in records.iter_documents("list", "column_index", "other", columns=("items",)):
        for item in items(page):
            status = item.get("status")
            if not status:
                continue
            doc = records.meta_by_url.get(item.get("url") or "")
            if doc is None:
                final = (records.probes.get(item.get("url") or "") or {}).get("final_url")
                doc = records.meta_by_url.get(final or "")
            if doc is None or doc["page_type"] not in ("normative_doc", "policy_doc") or not doc.get("validity"):
                continue
            a, b = _kind(status), _kind(doc["validity"])
            if a and b and a != b and doc["url"] not in seen:
                seen.add(doc["url"])
                yield RULE.finding(doc["unit"], doc["url"], None, title=book(doc.get("title") or item.get("title") or ""),
                                   list_status=status, page_status=doc["validity"], list_url=page["url"])
