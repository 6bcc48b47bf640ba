"""政府信息公开工作年度报告“收到和处理政府信息公开申请情况”表数据勾稽关系不成立.

检查内容: 年报表三（from_year 及以后）按表头找到申请人各列（自然人、商业企业、科研机构、社会公益组织、
法律服务机构、其他、总计）和各行（一、本年新收；二、上年结转；三、本年度办理结果（一）至（七）；
四、结转下年度继续办理），逐项核对：每行“总计”等于各类申请人之和；有本行数字的（三）至（六）等于
其分项之和；（七）总计等于（一）至（六）之和；每列“第一项加第二项之和等于第三项加第四项之和”。
空白按0计算（证据中注明），但某行“总计”空白而分项有数的只记为未填写、不判错；“—”“/”“无”按0计算并
注明；无法识别的单元格、未能全部识别的行列记为无法判断。年报没有表格（PDF、图片）的不判断。
为什么重要: 年报数据要准确，表三自带勾稽关系说明，数字对不上属于“发布内容不准确”。
示例: 本年新收26件、上年结转0件，但办理结果总计25件、结转下年度0件。
依据: 条例第五十条；国办公开办函〔2021〕30号 年报格式 表三勾稽关系（NB-04）。
"""

from __future__ import annotations

from .annual_tables import audit_applications, find_applications, grids, listed, report_pages
from .common import REGULATION, basis
from .rule import Context, Records, Rule
from .text import book

RULE = Rule(
    id="annual-report.application-table-inconsistent",
    title="年报依申请公开情况表数据不符",
    severity="deduct",
    category="政府信息公开年报",
    basis=(
        basis(REGULATION, "第五十条（年度报告应当包括收到和处理政府信息公开申请的情况）", "NB-04"),
        basis("国办公开办函〔2021〕30号 政府信息公开工作年度报告格式",
              "表三（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "NB-04"),
    ),
    message="{year}年度政府信息公开工作年度报告《{title}》的“收到和处理政府信息公开申请情况”表数据不符：{failures_text}。",
    advice="逐列核对表三：本年新收加上年结转应等于办理结果总计加结转下年度，总计列应等于各类申请人之和，"
           "各项办理结果之和应等于（七）总计；更正后重新发布年报并说明更正情况。",
    options=("from_year",),
    description="年报表三的行列合计或“第一项加第二项等于第三项加第四项”的勾稽关系不成立。",
)


def check(records: Records, ctx: Context):
    from_year = int(ctx.option("from_year"))
    for doc, year in report_pages(records, from_year):
        app = find_applications(grids(doc))
        if app is None:
            continue  # no table 三 recognised: cannot assess
        audit = audit_applications(app)
        if audit.failures:
            yield RULE.finding(doc["unit"], doc["url"], None, year=year, title=book(doc.get("title") or ""),
                               failures=audit.failures, failures_text=listed(audit.failures, 3),
                               checked=audit.checked, notes=audit.notes, not_assessed=audit.skipped[:20])
