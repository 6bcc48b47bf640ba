"""政府信息公开工作年度报告“行政复议、行政诉讼情况”表合计不符.

检查内容: 年报表四（from_year 及以后）按表头找到行政复议、行政诉讼（未经复议直接起诉、复议后起诉）
各组的结果维持、结果纠正、其他结果、尚未审结、总计五列，核对每组“总计 = 结果维持 + 结果纠正 +
其他结果 + 尚未审结”。每种情况单列一行的写法也能识别。空白按0计算（证据中注明），总计空白而分项有数的
记为未填写；“—”“/”“无”按0计算并注明；列未能全部识别或单元格无法识别的组记为无法判断。
年报没有表格（PDF、图片）的不判断。
为什么重要: 年报数据要准确，总计与分项对不上属于“发布内容不准确”。
示例: 行政复议结果维持1件、尚未审结1件，总计却填1件。
依据: 条例第五十条；国办公开办函〔2021〕30号 年报格式 表四（NB-05）。
"""

from __future__ import annotations

from .annual_tables import audit_reviews, find_reviews, grids, listed, report_pages
from .common import REGULATION, basis
from .rule import Context, Records, Rule
from .text import book

RULE = Rule(
    id="annual-report.review-table-inconsistent",
    title="年报复议诉讼情况表合计不符",
    severity="deduct",
    category="政府信息公开年报",
    basis=(
        basis(REGULATION, "第五十条（年度报告应当包括因政府信息公开工作被申请行政复议、提起行政诉讼的情况）", "NB-05"),
        basis("国办公开办函〔2021〕30号 政府信息公开工作年度报告格式", "表四 政府信息公开行政复议、行政诉讼情况",
              "NB-05"),
    ),
    message="{year}年度政府信息公开工作年度报告《{title}》的“行政复议、行政诉讼情况”表合计不符：{failures_text}。",
    advice="核对表四各组数字：总计应等于结果维持、结果纠正、其他结果和尚未审结之和；更正后重新发布年报。",
    options=("from_year",),
    description="年报表四中行政复议或行政诉讼的总计不等于各项结果之和。",
)


def check(records: Records, ctx: Context):
    from_year = int(ctx.option("from_year"))
    for doc, year in report_pages(records, from_year):
        found = find_reviews(grids(doc))
        if not found:
            continue  # no table 四 recognised: cannot assess
        audit = audit_reviews(found)
        if audit.failures:
            yield RULE.finding(doc["unit"], doc["url"], None, year=year, title=book(doc.get("title") or ""),
                               failures=audit.failures, failures_text=listed(audit.failures, 3),
                               checked=audit.checked, notes=audit.notes, not_assessed=audit.skipped)
