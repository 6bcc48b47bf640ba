"""解读发布机构与文件制发机关不一致.

检查内容: 政策解读的发布机构（发布机构、来源、信息来源等标签）与所解读文件的发文机关不是同一
单位，也不是其内设机构（“新湖街道综合治理办公室”之于“新湖街道办事处”）。以下情形不判断：
文件由人民政府、政府办公室（厅）、街道办事处、管委会等制发（由哪个部门起草、解读无从判断）；
解读来源是代为发布的网站、政府办公室或媒体（publisher_pattern，可配置）；解读正文写明由文件
制发机关负责人解读或答记者问；任一方缺少机构标签。解读与文件的对应关系同“政策解读发布滞后”。
信号较弱，只作提示。
为什么重要: 政策解读应坚持“谁起草、谁解读”，由文件起草部门对政策出台背景、主要内容作出权威解释。
示例: 区教育和体育局的《课后服务经费管理办法》，其政策解读的发布机构是区财政局。
依据: 辽宁、武汉、云南等地政策解读工作规定“谁起草、谁解读”（JD-05，地方规定 ☑️）。
"""

from __future__ import annotations

import re

from .common import basis
from .pairs import interpretation_pairs
from .rule import Context, Records, Rule
from .text import body, book, nospace

RULE = Rule(
    id="interpretation.issuer-mismatch",
    title="解读发布机构与文件制发机关不一致",
    severity="advice",
    category="政策解读",
    basis=(
        basis("各地政策解读工作规定（辽宁2022、武汉2019、云南2018）", "谁起草、谁解读，解读材料由文件起草部门提供", "JD-05"),
    ),
    message="《{title}》的发布机构为“{interp_issuer}”，与所解读文件《{doc_title}》的发文机关“{doc_issuer}”不一致。",
    advice="政策解读应由文件起草部门负责（谁起草、谁解读）；由其他单位代为发布的，应注明解读来源于起草部门。",
    options=("publisher_pattern",),
    description="政策解读的发布机构与所解读文件的发文机关不是同一单位（提示）。",
)

GOVERNMENT = re.compile(r"人民政府|政府办|办事处|管委会|管理委员会|^中共|[省市区县旗]委(?:办公[室厅])?$|街道$|镇$|乡$")
REGION = re.compile(r"^(?:[\u4e00-\u9fff]{0,6}?(?:省|自治区|市(?!场)|自治州|地区|盟|区|县|旗))+")
SPLIT = re.compile(r"[\s、，,;；/|｜]+")
QUOTES = r"(?:(?:有关|主要)?负责(?:人|同志)|答记者问|解读|介绍)"


def core(name: str) -> str:
    """The organisation without its region: 青岚区教育和体育局 and 区教育和体育局 → 教育和体育局."""
    n = nospace(name)
    m = REGION.match(n)
    return n[m.end():] if m and len(n) - m.end() >= 2 else n


def _common(a: str, b: str) -> int:
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def same_org(a: str, b: str) -> bool:
    """The same unit, or one inside the other (a 科室/办公室 of a 街道), by name."""
    ca, cb = core(a), core(b)
    if not ca or not cb:
        return True
    return ca in cb or cb in ca or _common(ca, cb) >= 4


def check(records: Records, ctx: Context):
    skip = re.compile(ctx.option("publisher_pattern")) if ctx.option("publisher_pattern") else None
    seen: set[tuple[str, str]] = set()
    for interp, doc, how in interpretation_pairs(records):
        doc_issuer, interp_issuer = nospace(doc.get("issuer")), nospace(interp.get("issuer"))
        if not doc_issuer or not interp_issuer or (interp["url"], doc["url"]) in seen:
            continue
        seen.add((interp["url"], doc["url"]))
        issuers = [x for x in SPLIT.split(doc.get("issuer") or "") if x]
        if any(GOVERNMENT.search(nospace(x)) for x in issuers):
            continue  # a government's document: any of its departments may have drafted it
        if skip and skip.search(interp_issuer):
            continue
        if any(same_org(x, interp_issuer) for x in issuers):
            continue
        text = nospace(body(interp))
        if any(re.search(re.escape(core(x)) + r".{0,10}" + QUOTES, text) for x in issuers if len(core(x)) >= 2):
            continue  # the issuer's official explains it, published by someone else
        yield RULE.finding(interp["unit"], interp["url"], None, title=book(interp.get("title") or ""),
                           interp_issuer=interp.get("issuer"), doc_title=book(doc.get("title") or ""),
                           doc_url=doc["url"], doc_issuer=doc.get("issuer"), matched_by=how,
                           note="提示：信号较弱，常见由办公室代为发布，请人工核实")
