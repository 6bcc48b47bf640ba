"""行政规范性文件未标注统一登记号.

检查内容: 实行规范性文件“统一登记、统一编号、统一印发”（三统一）的省份，行政规范性文件页面上
（标题、元数据、正文任一处）找不到符合本省编号格式的登记号/统一编号。编号格式由配置给出
（pattern，正则表达式，例如山东 `SDPR-\\d{4}-\\d{7}`、惠州 `HFGS[—-]\\d{4}[—-]\\d+`）；
未配置格式时本规则不检查、不报告任何问题。可用 from_date 只检查该日期（成文日期，缺失时用发布日期）
之后的文件，三统一制度实施前的文件没有登记号；已失效、已废止的文件不检查。
为什么重要: 登记号是规范性文件经合法性审核、统一登记的标志，公众据此识别文件是否为合法有效的
规范性文件，也便于备案审查和清理。
示例: 配置格式 `QLDR-\\d{4}-\\d{3,4}`，《青岚区既有住宅加装电梯实施办法》页面没有“QLDR-2025-0003”式的统一编号。
依据: 国办发〔2018〕37号 统一登记、统一编号、统一印发（⚠️ 原文未核实）；山东省行政程序规定第五十三条
“重新登记、编制登记号”（GFXWJ-05，各省规定不同，按省配置）。
"""

from __future__ import annotations

import re

from .common import basis
from .rule import Context, Records, Rule
from .text import body, book, iso, labels, nospace

RULE = Rule(
    id="normative.registration-missing",
    title="规范性文件未标注登记号",
    severity="advice",
    category="规范性文件",
    basis=(
        basis("国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知（国办发〔2018〕37号）",
              "行政规范性文件统一登记、统一编号、统一印发（⚠️ 原文未核实）", "GFXWJ-05"),
        basis("山东省行政程序规定", "第五十三条：重新登记、编制登记号（各省规定不同，按省配置编号格式）", "GFXWJ-05"),
    ),
    message="行政规范性文件《{title}》页面未标注符合本省格式的统一登记号（编号）。",
    advice="按本省规范性文件“三统一”制度，在文件页面（元数据或文件首部）标注统一登记号。",
    options=("pattern", "from_date"),
    description="配置了本省登记号格式时，规范性文件页面找不到符合格式的登记号。",
)

ENDED = re.compile(r"失效|废止")


def check(records: Records, ctx: Context):
    pattern = (ctx.option("pattern") or "").strip()
    if not pattern:
        return  # the province's numbering is not configured: nothing to judge
    number = re.compile(pattern)
    since = iso(ctx.option("from_date") or None)
    for doc in records.iter_documents("normative_doc", columns=("extras", "body", "text")):
        if ENDED.search(doc.get("validity") or ""):
            continue
        when = iso(doc.get("written_date")) or iso(doc.get("published_date"))
        if since and (when is None or when < since):
            continue
        text = "\n".join([doc.get("title") or "", doc.get("doc_number") or "", *labels(doc).values(), body(doc)])
        if number.search(text) or number.search(nospace(text)):
            continue
        yield RULE.finding(doc["unit"], doc["url"], None, title=book(doc.get("title") or ""), pattern=pattern,
                           doc_number=doc.get("doc_number"),
                           note="登记号格式按省配置（⚠️ 各省规定不同，请确认本省是否要求在页面标注）")
