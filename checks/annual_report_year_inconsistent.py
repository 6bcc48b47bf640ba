"""政府信息公开工作年度报告数据与上一年度年报不衔接.

检查内容: 同一单位（同一标题主体）相邻两个年度的年报都能读出表格时（from_year 及以后），核对：
今年表三“二、上年结转政府信息公开申请数量”（总计；总计空白时取各类申请人之和）应与去年表三
“四、结转下年度继续办理”完全相等；启发式（check_valid_count）：今年表二规章、行政规范性文件的
“现行有效件数”应约等于去年的现行有效件数 + 今年本年制发件数 − 今年本年废止件数（允许差 valid_count_tolerance 件）。
规范性文件清理后重新统计、文件因有效期届满自动失效等会合理地打破第二个等式，所以本规则只作提示，
证据中给出两年的数字。去年年报未抓取到、或任一数字空白、无法识别的，不判断。
为什么重要: 评估机构会交叉核对相邻年度年报，上下年数据对不上说明统计不准确。
示例: 2023年度年报结转下年度2件，2024年度年报上年结转却填0件。
依据: 年报格式2021 表二、表三的统计口径（NB-06）。
"""

from __future__ import annotations

from .annual_tables import active_disclosure, find_applications, fmt, grids, listed, owner_of, report_pages, value_of
from .common import basis
from .rule import Context, Records, Rule
from .text import book

RULE = Rule(
    id="annual-report.year-inconsistent",
    title="年报数据与上年不衔接",
    severity="advice",
    category="政府信息公开年报",
    basis=(
        basis("国办公开办函〔2021〕30号 政府信息公开工作年度报告格式",
              "表三 二、上年结转 与上年 四、结转下年度继续办理；表二 现行有效件数", "NB-06"),
    ),
    message="{year}年度政府信息公开工作年度报告《{title}》的数据与{prev_year}年度年报不衔接：{issues_text}。",
    advice="核对两个年度的统计台账：今年的“上年结转”应等于去年的“结转下年度继续办理”；"
           "现行有效件数的变化应能由本年制发、废止和失效说明，如有重新统计应在年报中说明。",
    options=("from_year", "check_valid_count", "valid_count_tolerance"),
    description="今年年报的上年结转与去年年报的结转下年度不相等，或现行有效件数与上年数据明显对不上（提示）。",
)


def _parsed(doc: dict):
    tables = grids(doc)
    return find_applications(tables), active_disclosure(tables)


def issues_between(cur: dict, prev: dict, check_valid: bool, tolerance: float) -> list[str]:
    (app, t2), (p_app, p_t2) = _parsed(cur), _parsed(prev)
    issues = []
    if app is not None and p_app is not None:
        now_in, then_out = app.amount("in"), p_app.amount("out")
        if now_in.kind == "num" and then_out.kind == "num" and now_in.number != then_out.number:
            issues.append(f"上年结转{fmt(now_in.number)}件，而上一年度年报结转下年度继续办理{fmt(then_out.number)}件")
    if check_valid and t2 and p_t2:
        for item in ("规章", "行政规范性文件"):
            row, before = t2.get(item) or {}, p_t2.get(item) or {}
            new, gone = value_of(row.get("本年制发件数")), value_of(row.get("本年废止件数"))
            valid, valid_before = value_of(row.get("现行有效件数")), value_of(before.get("现行有效件数"))
            if None in (new, gone, valid, valid_before):
                continue
            expected = valid_before + new - gone
            if abs(valid - expected) > tolerance:
                issues.append(f"{item}现行有效{fmt(valid)}件，按上年现行有效{fmt(valid_before)}件+本年制发{fmt(new)}件"
                              f"−本年废止{fmt(gone)}件应为{fmt(expected)}件（提示性核对）")
    return issues


def check(records: Records, ctx: Context):
    from_year = int(ctx.option("from_year"))
    check_valid = bool(ctx.option("check_valid_count"))
    tolerance = float(ctx.option("valid_count_tolerance"))
    reports = [(doc, year) for doc, year in report_pages(records, from_year) if doc.get("tables")]
    by_key: dict[tuple[str, str, int], list[dict]] = {}
    for doc, year in reports:
        by_key.setdefault((doc["unit"], owner_of(doc.get("title")), year), []).append(doc)
    for doc, year in reports:
        previous = by_key.get((doc["unit"], owner_of(doc.get("title")), year - 1))
        if not previous:
            continue  # last year's report not seen: cannot assess
        prev = previous[0]
        issues = issues_between(doc, prev, check_valid, tolerance)
        if issues:
            yield RULE.finding(doc["unit"], doc["url"], None, year=year, title=book(doc.get("title") or ""),
                               prev_year=year - 1, prev_url=prev["url"], prev_title=prev.get("title"),
                               issues=issues, issues_text=listed(issues, 3))
