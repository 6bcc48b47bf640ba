"""政府信息公开工作年度报告未说明信息处理费收取情况.

检查内容: 2021年度及以后（from_year，《政府信息公开信息处理费管理办法》自2021年1月1日起施行）的年报正文
（表格单元格除外）中没有任何关于信息处理费的说明：如“信息处理费”“处理费”“未收取任何费用”
“收费情况”“未发生收费事项”“不收费”“免费”等。表格里的“行政事业性收费”“逾期未按收费通知要求缴纳费用”
不算。正文过短（min_chars，年报只是PDF或图片附件）的不判断。
为什么重要: 年报格式把收取信息处理费的情况列为“其他需要报告的事项”，不写就无从判断是否依法收费。
示例: 2024年度年报“六、其他需要报告的事项”只写了“无”，全文没有提到信息处理费。
依据: 国办函〔2020〕109号《政府信息公开信息处理费管理办法》；年报格式2021 六、其他需要报告的事项（NB-09，⚠️该要求未经原文核实）。
"""

from __future__ import annotations

import re

from .annual_tables import grids, report_pages
from .common import basis
from .rule import Context, Records, Rule
from .text import body, book, nospace

RULE = Rule(
    id="annual-report.fee-unstated",
    title="年报未说明信息处理费情况",
    severity="advice",
    category="政府信息公开年报",
    basis=(
        basis("国办函〔2020〕109号 政府信息公开信息处理费管理办法", "信息处理费的收取情况（要求待核实）", "NB-09"),
        basis("国办公开办函〔2021〕30号 政府信息公开工作年度报告格式", "六、其他需要报告的事项", "NB-09"),
    ),
    message="{year}年度政府信息公开工作年度报告《{title}》没有说明本年度信息处理费的收取情况。",
    advice="在年报“六、其他需要报告的事项”中写明本年度依据《政府信息公开信息处理费管理办法》收取信息处理费的情况，"
           "未收取的写明“未收取信息处理费”。",
    options=("from_year", "min_chars"),
    description="2021年度及以后的年报正文没有说明信息处理费的收取情况（提示，要求待核实）。",
)

FEE = re.compile(r"信息处理费|处理费|(收取|收缴).{0,8}费|收费(情况|事项|行为)|(未|没有|不|无|零)(发生)?.{0,6}收费|"
                 r"免费|费用(情况|收取)")


def statement(text: str, cells: set[str]) -> bool:
    for line in text.split("\n"):
        flat = nospace(line)
        if flat and FEE.search(flat) and not any(flat in cell for cell in cells):
            return True
    return False


def check(records: Records, ctx: Context):
    from_year = int(ctx.option("from_year"))
    min_chars = int(ctx.option("min_chars"))
    for doc, year in report_pages(records, from_year):
        text = body(doc)
        if len(nospace(text)) < min_chars:
            continue  # the report is an attachment: cannot assess
        cells = {t for g in grids(doc) for row in g.flat for t in row if t}
        if not statement(text, cells):
            yield RULE.finding(doc["unit"], doc["url"], None, year=year, title=book(doc.get("title") or ""))
