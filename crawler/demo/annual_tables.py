"""The demo portal's 年报 in full: the six parts of the 2021 format with tables 二, 三 and 四
laid out the way real reports are (merged cells for the item headings, the 勾稽关系 note, the
two-level applicant header, empty cells for “none”), numbers that carry over from one year to
the next, section texts that change from year to year, and the seeded defects of the 年报
table rules (D70–D76).

Kept apart from portal.py like ``columns.py``; ``portal._Build._annual_reports`` calls
:func:`report_years` for the years a unit lists and :func:`report_text` for each report.
"""

from __future__ import annotations

import zlib
from html import escape

DEFECTS: list[dict] = [
    {"id": "D70", "rule": "annual-report.disclosure-table-incomplete", "unit": "zjj",
     "description": "区住房和城乡建设局上一年度年报的“主动公开政府信息情况”表漏填了“第二十条第（八）项 行政事业性收费”。"},
    {"id": "D71", "rule": "annual-report.application-table-inconsistent", "unit": "bgs",
     "description": "区政府办公室上一年度年报表三中自然人的办理结果总计少算1件，第一项加第二项不等于第三项加第四项。"},
    {"id": "D72", "rule": "annual-report.review-table-inconsistent", "unit": "sfj",
     "description": "区司法局最近一份年报表四中行政复议的总计比结果维持、纠正、其他、尚未审结之和多1件。"},
    {"id": "D73", "rule": "annual-report.year-inconsistent", "unit": "xhjd",
     "description": "新湖街道上一年度年报的“上年结转政府信息公开申请数量”与前一年度年报的“结转下年度继续办理”不一致。"},
    {"id": "D74", "rule": "annual-report.copied", "unit": "jtj",
     "description": "区教育和体育局上一年度年报的“总体情况”和“存在的主要问题及改进情况”照抄前一年度年报，只改了数字。"},
    {"id": "D75", "rule": "annual-report.archive-incomplete", "unit": "dsjd",
     "description": "东山街道年报栏目列有近两年和四年前的年报，缺少三年前的年度报告。"},
    {"id": "D76", "rule": "annual-report.fee-unstated", "unit": "zjj",
     "description": "区住房和城乡建设局上一年度年报“其他需要报告的事项”没有说明信息处理费的收取情况。"},
]

BASE_YEAR = 2015
APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
# table 三 result rows: (group label, group rows, sub-items)
RESULTS = [
    ("（一）予以公开", []),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", []),
    ("（三）不予公开", ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
                  "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"]),
    ("（四）无法提供", ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"]),
    ("（五）不予处理", ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
                  "5.要求行政机关确认或重新出具已获取信息"]),
    ("（六）其他处理", ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                  "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"]),
]
# where the processed applications of a year go, in turn: (result group, sub-item index or None)
BUCKETS = [(0, None), (3, 0), (0, None), (2, 3), (1, None), (5, 2), (0, None), (4, 1)]

GENERAL = [
    "{year}年，{org}围绕全区中心工作，把政务公开作为转变政府职能、建设法治政府的重要抓手，全年主动公开政府信息{n}条。",
    "优化政府信息公开专栏栏目设置，对机构职能、规划计划、财政预决算等栏目开展全面梳理，清理过期信息和空白栏目。",
    "建立信息发布“三审三校”制度，拟公开信息由科室初审、办公室复审、分管领导终审，全年未发生泄密和错发事件。",
    "推进决策公开，重要政策文件起草过程中通过网站公开征求意见，并在文件发布时同步公开意见采纳情况。",
    "开展政务公开业务培训两次，覆盖各科室信息员和下属单位联络员，提高了工作人员依法公开的能力。",
    "依申请公开工作严格按照法定程序受理、办理和答复，所有申请均在法定期限内办结，答复文书规范统一。",
    "配合做好政府网站集约化平台迁移，逐条核对历史信息，确保迁移后的信息完整、链接可用。",
    "加强政策解读，采用图解、问答、视频等形式解读重要政策，解读材料与政策文件同步起草、同步审签、同步发布。",
]
PROBLEMS = [
    "存在的主要问题：部分科室对主动公开范围把握不准，个别信息发布时间滞后于文件印发时间。",
    "存在的主要问题：政策解读形式还不够丰富，图文、视频等群众喜闻乐见的解读形式运用较少。",
    "存在的主要问题：专栏部分栏目更新频率不高，信息分类标注还不够准确。",
    "存在的主要问题：政务公开工作人员流动较大，新任信息员业务能力有待提高。",
    "改进情况：建立信息公开月度提醒机制，每月初梳理应公开事项清单，逐项明确责任科室和公开时限。",
    "改进情况：制定政策解读工作规程，重要政策文件至少采用两种形式进行解读，并邀请专家参与解读。",
    "改进情况：开展专栏季度自查，对空白、过期栏目即查即改，规范信息分类和有效性标注。",
    "改进情况：编印政务公开工作手册，对新任信息员开展岗前培训，推动工作规范化。",
]


def _h(*parts: object) -> int:
    return zlib.crc32("/".join(str(p) for p in parts).encode())


def report_years(b, u, backs: tuple[int, ...]) -> tuple[int, ...]:
    """The years (as years back from today) whose reports the unit lists; D75: 东山街道 also lists
    an older report but not the one between."""
    if u.id != "dsjd":
        return backs
    b.found("D75", f"/xxgk/{u.id}/nb/")
    return backs + ((3, 4) if b.is_fixed("D75") else (4,))


# ---------------------------------------------------------------- the numbers

def _norm_counts(u, year: int) -> tuple[int, int, int]:
    """(本年制发, 本年废止, 现行有效) of the unit's 行政规范性文件, carried over from year to year."""
    valid = 8 + _h(u.id, "v") % 9
    new = gone = 0
    for y in range(BASE_YEAR + 1, year + 1):
        new, gone = 1 + _h(u.id, y, "n") % 4, _h(u.id, y, "r") % 3
        gone = min(gone, valid)
        valid += new - gone
    return new, gone, valid


def _carry(u, year: int) -> int:
    """Applications (all from 自然人) carried over into the next year."""
    return _h(u.id, year, "c") % 3


def _applications(u, year: int) -> dict:
    """Table 三 as numbers: new / in / out per applicant, and the results per (group, sub)."""
    h = _h(u.id, year, "a")
    new = [4 + h % 9, h % 3, 0, (h >> 3) % 2, (h >> 5) % 2, 0]
    carry_in = [_carry(u, year - 1), 0, 0, 0, 0, 0]
    carry_out = [_carry(u, year), 0, 0, 0, 0, 0]
    results: dict[tuple[int, int | None], list[int]] = {}
    for col in range(len(APPLICANTS)):
        todo = new[col] + carry_in[col] - carry_out[col]
        k = (h + col) % len(BUCKETS)
        while todo > 0:
            key = BUCKETS[k % len(BUCKETS)]
            results.setdefault(key, [0] * len(APPLICANTS))[col] += 1
            todo -= 1
            k += 1
    return {"new": new, "in": carry_in, "out": carry_out, "results": results}


def _reviews(u, year: int) -> list[list[int]]:
    """Table 四: [维持, 纠正, 其他, 尚未审结] for 复议, 直接起诉, 复议后起诉."""
    h = _h(u.id, year, "f")
    review = [h % 2, 0, 0, (h >> 2) % 2] if u.category == "部门" else [0, 0, 0, 0]
    direct = [(h >> 4) % 2, 0, 0, 0] if u.category == "部门" else [0, 0, 0, 0]
    return [review, direct, [0, 0, 0, 0]]


# ---------------------------------------------------------------- the tables

def _td(text: object, rowspan: int = 1, colspan: int = 1) -> str:
    attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    return f'<td{attrs} style="text-align:center">{escape(str(text))}</td>'


def _table(rows: list[str]) -> str:
    return ('<table border="1" cellspacing="0" cellpadding="4" width="100%" style="border-collapse:collapse">'
            + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>")


def _cells(values: list[int], blank_zero: bool = True) -> str:
    """A row of applicant cells and its 总计; legal-person cells that are 0 stay empty, as many
    units leave them."""
    shown = [("" if blank_zero and i > 0 and v == 0 else v) for i, v in enumerate(values)]
    return "".join(_td(v) for v in shown) + _td(sum(values))


def table_two(u, year: int, *, without_fees: bool = False) -> str:
    new, gone, valid = _norm_counts(u, year)
    h = _h(u.id, year, "t2")
    dept = u.category == "部门"
    rows = [_td("第二十条第（一）项", colspan=4),
            _td("信息内容") + _td("本年制发件数") + _td("本年废止件数") + _td("现行有效件数"),
            _td("规章") + _td(0) + _td(0) + _td(0),
            _td("行政规范性文件") + _td(new) + _td(gone) + _td(valid),
            _td("第二十条第（五）项", colspan=4),
            _td("信息内容") + _td("本年处理决定数量", colspan=3),
            _td("行政许可") + _td(20 + h % 80 if dept else 0, colspan=3),
            _td("第二十条第（六）项", colspan=4),
            _td("信息内容") + _td("本年处理决定数量", colspan=3),
            _td("行政处罚") + _td(3 + h % 20 if dept else 1, colspan=3),
            _td("行政强制") + _td(h % 4 if dept else 0, colspan=3)]
    if not without_fees:
        rows += [_td("第二十条第（八）项", colspan=4),
                 _td("信息内容") + _td("本年收费金额（单位：万元）", colspan=3),
                 _td("行政事业性收费") + _td(0, colspan=3)]
    return _table(rows)


def table_three(u, year: int, *, short_total: bool = False, extra_carry: int = 0) -> str:
    data = _applications(u, year)
    if extra_carry:  # D73: more carried in than last year carried out, balanced in 予以公开
        data["in"][0] += extra_carry
        data["results"].setdefault((0, None), [0] * len(APPLICANTS))[0] += extra_carry
    total = [sum(v[c] for v in data["results"].values()) for c in range(len(APPLICANTS))]
    if short_total:  # D71: one application left out of the 自然人 total
        total[0] -= 1
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    rows = [_td(note, rowspan=3, colspan=3) + _td("申请人情况", colspan=7),
            _td("自然人", rowspan=2) + _td("法人或其他组织", colspan=5) + _td("总计", rowspan=2),
            "".join(_td(a) for a in APPLICANTS[1:])]
    rows.append(_td("一、本年新收政府信息公开申请数量", colspan=3) + _cells(data["new"]))
    rows.append(_td("二、上年结转政府信息公开申请数量", colspan=3) + _cells(data["in"]))
    n_result_rows = sum(max(1, len(subs)) for _, subs in RESULTS) + 1
    first = True
    for g, (label, subs) in enumerate(RESULTS):
        lead = _td("三、本年度办理结果", rowspan=n_result_rows) if first else ""
        first = False
        if not subs:
            values = data["results"].get((g, None), [0] * len(APPLICANTS))
            rows.append(lead + _td(label, colspan=2) + _cells(values))
            continue
        for s, sub in enumerate(subs):
            values = data["results"].get((g, s), [0] * len(APPLICANTS))
            head = _td(label, rowspan=len(subs)) if s == 0 else ""
            rows.append((lead if s == 0 else "") + head + _td(sub) + _cells(values))
            lead = ""
    rows.append(_td("（七）总计", colspan=2) + _cells(total))
    rows.append(_td("四、结转下年度继续办理", colspan=3) + _cells(data["out"]))
    return _table(rows)


def table_four(u, year: int, *, wrong_total: bool = False) -> str:
    groups = _reviews(u, year)
    heads = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    rows = [_td("行政复议", colspan=5) + _td("行政诉讼", colspan=10),
            "".join(_td(x, rowspan=2) for x in heads) + _td("未经复议直接起诉", colspan=5) + _td("复议后起诉", colspan=5),
            "".join(_td(x) for x in heads) * 2]
    values = []
    for k, g in enumerate(groups):
        values += g + [sum(g) + (1 if wrong_total and k == 0 else 0)]
    rows.append("".join(_td(v) for v in values))
    return _table(rows)


# ---------------------------------------------------------------- the text

def _picked(pool: list[str], year: int, count: int) -> list[str]:
    return [pool[(year * count + k) % len(pool)] for k in range(count)]


def report_text(b, u, year: int, path: str, *, n_active: int, newest: bool, no_problems: bool = False) -> list[str]:
    """The six parts of the 2021 format for ``u``'s report of ``year`` (``newest``: the latest it
    lists, the one that carries this module's seeded defects). Paragraphs as for ``pages.paras``."""
    copied = u.id == "jtj" and newest and not b.is_fixed("D74")  # D74: the text of the year before
    text_year = year - 1 if copied else year
    general = [s.format(year=year, org=u.full, n=n_active) for s in _picked(GENERAL, text_year, 3)]
    problems = _picked(PROBLEMS[:4], text_year, 2) + _picked(PROBLEMS[4:], text_year, 2)
    wrong = {d: newest and u.id == DEFECTS_UNIT[d] and not b.is_fixed(d) for d in DEFECTS_UNIT}
    if newest:
        for d in DEFECTS_UNIT:
            if u.id == DEFECTS_UNIT[d] and d != "D75":
                b.found(d, path)
    n_req = sum(_applications(u, year)["new"])
    fee = "本单位无其他需要报告的事项。" if wrong["D76"] else "本年度未收取信息处理费。本单位无其他需要报告的事项。"
    return [
        f"本报告根据《中华人民共和国政府信息公开条例》要求，由{u.full}编制。全文包括总体情况、主动公开政府信息情况、"
        "收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。"
        f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
        "<p><strong>一、总体情况</strong></p>",
        *general,
        "<p><strong>二、主动公开政府信息情况</strong></p>",
        table_two(u, year, without_fees=wrong["D70"]),
        "<p><strong>三、收到和处理政府信息公开申请情况</strong></p>",
        f"全年共收到政府信息公开申请{n_req}件，均在法定期限内予以答复，具体情况如下表。",
        table_three(u, year, short_total=wrong["D71"], extra_carry=2 if wrong["D73"] else 0),
        "<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>",
        table_four(u, year, wrong_total=wrong["D72"]),
    ] + ([] if no_problems else [
        "<p><strong>五、存在的主要问题及改进情况</strong></p>",
        *problems,
    ]) + [
        "<p><strong>六、其他需要报告的事项</strong></p>",
        fee,
    ]


DEFECTS_UNIT = {d["id"]: d["unit"] for d in DEFECTS}
