"""政府信息公开工作年度报告“主动公开政府信息情况”表填报不全.

检查内容: 2021年度及以后（from_year）的年报，其“二、主动公开政府信息情况”表应有2021年格式规定的
各项：第二十条第（一）项 规章、行政规范性文件 × 本年制发件数 / 本年废止件数 / 现行有效件数；
第（五）项 行政许可、第（六）项 行政处罚 / 行政强制 的本年处理决定数量；第（八）项 行政事业性收费
的本年收费金额。行和列都按表头文字查找，不按位置；缺行、缺列、单元格空白（blank_is_missing）都列入
证据。“—”“/”“无”视为已填（按0理解，证据中注明）。只有识别出年报的表格（表二或表三）才判断：
年报正文没有表格（PDF、图片附件）、或表二写成文字而非表格的，记为无法判断，不报问题。
为什么重要: 年报内容要严格按照条例第五十条和统一格式填报，表格缺项属于“发布内容不准确不全面”。
示例: 2024年度年报的表二没有“第二十条第（八）项 行政事业性收费”一行。
依据: 条例第五十条；国办公开办函〔2021〕30号 年报格式 附件表二（NB-03）。
"""

from __future__ import annotations

from .annual_tables import TABLE2, active_disclosure, find_applications, grids, listed, report_pages, table2_mark
from .common import REGULATION, basis
from .rule import Context, Records, Rule
from .text import body, book, nospace

RULE = Rule(
    id="annual-report.disclosure-table-incomplete",
    title="年报主动公开情况表填报不全",
    severity="deduct",
    category="政府信息公开年报",
    basis=(
        basis(REGULATION, "第五十条（年度报告应当包括主动公开政府信息的情况）", "NB-03"),
        basis("国办公开办函〔2021〕30号 政府信息公开工作年度报告格式", "附件 二、主动公开政府信息情况", "NB-03"),
    ),
    message="{year}年度政府信息公开工作年度报告《{title}》的“主动公开政府信息情况”表填报不全：{problems_text}。",
    advice="按照2021年年报格式补全表二：规章和行政规范性文件的本年制发、本年废止、现行有效件数，"
           "行政许可、行政处罚、行政强制的本年处理决定数量，行政事业性收费的本年收费金额，没有的填0。",
    options=("from_year", "blank_is_missing"),
    description="2021年格式年报的表二缺少规定的行、列或数字。",
)


def problems_of(table: dict, blank_is_missing: bool) -> tuple[list[str], list[str]]:
    """(problems, notes) of a found table 二."""
    problems, notes = [], []
    for name, _, columns in TABLE2:
        if name not in table:
            problems.append(f"缺少“{name}”行")
            continue
        for col_name, _ in columns:
            cell = table[name].get(col_name)
            if cell is None:
                problems.append(f"“{name}”缺少“{col_name}”栏")
            elif cell.kind == "absent" or (cell.kind == "blank" and blank_is_missing):
                problems.append(f"“{name}”的“{col_name}”未填写")
            elif cell.kind == "text":
                problems.append(f"“{name}”的“{col_name}”不是数字（{cell.text[:20]}）")
            elif cell.kind == "dash":
                notes.append(f"“{name}”的“{col_name}”填写为“{cell.text.strip()}”，按0理解")
    return problems, notes


def check(records: Records, ctx: Context):
    from_year = int(ctx.option("from_year"))
    blank_is_missing = bool(ctx.option("blank_is_missing"))
    for doc, year in report_pages(records, from_year):
        tables = grids(doc)
        if not tables:
            continue  # no table on the page (PDF / image report, or text only): cannot assess
        table = active_disclosure(tables)
        if table is None:
            if find_applications(tables) is None or table2_mark(tables) or "第二十条" in nospace(body(doc)):
                continue  # no table 二 recognised, but it may be there in another form: cannot assess
            problems, notes = ["缺少“主动公开政府信息情况”表"], []
        else:
            problems, notes = problems_of(table, blank_is_missing)
        if problems:
            yield RULE.finding(doc["unit"], doc["url"], None, year=year, title=book(doc.get("title") or ""),
                               problems=problems, problems_text=listed(problems), notes=notes)
