"""The demo portal's extra columns: 工作动态, 规划计划, 意见征集 and 咨询留言, with their seeded
defects (a stale news column, an empty column, a too-short and an unanswered consultation,
a late and an incomplete message reply).

Kept apart from portal.py so that the model of the original columns stays readable; the
builder (``portal._Build``) calls :func:`add_columns` once per unit and owns the pages.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from . import pages as P
from . import policy_extras as PX

DAY = dt.timedelta(days=1)

EXTRA_COLUMNS = {"gzdt": "工作动态", "ghjh": "规划计划", "yjzj": "意见征集", "zxly": "咨询留言"}

# Which unit carries which extra column (others do not have it: not every unit must).
UNIT_COLUMNS = {"bgs": ("gzdt", "yjzj"), "jtj": ("zxly",), "xhjd": ("ghjh",)}

DEFECTS: list[dict] = [
    {"id": "D36", "rule": "column.empty", "unit": "xhjd",
     "description": "新湖街道法定主动公开内容下的“规划计划”栏目没有任何信息，也没有情况说明。"},
    {"id": "D37", "rule": "column.stale", "unit": "bgs",
     "description": "区政府办公室“工作动态”栏目最新一条信息发布于30天前，超过动态类栏目2周的更新要求。"},
    {"id": "D40", "rule": "consultation.too-short", "unit": "bgs",
     "description": "《青岚区城市绿化管理办法（征求意见稿）》征求意见期限只有15日，少于30日且未说明理由。"},
    {"id": "D41", "rule": "consultation.no-feedback", "unit": "bgs",
     "description": "《青岚区机动车停车管理办法（征求意见稿）》征求意见结束已4个月，未公开意见采纳情况。"},
    {"id": "D42", "rule": "message.late-reply", "unit": "jtj",
     "description": "咨询留言“关于学区划分调整的咨询”在留言20天后才答复，超过5个工作日。"},
    {"id": "D43", "rule": "message.fields-missing", "unit": "jtj",
     "description": "咨询留言“关于课后服务收费标准的咨询”的答复页面没有公开答复单位。"},
]

NEWS = [  # key, title, days before today (defect), days before today (repaired)
    ("N1", "区政府召开全区安全生产工作会议", 30, 2),
    ("N2", "区政府办公室开展政务公开业务培训", 45, 20),
    ("N3", "区政府专题研究城乡居民医疗救助工作", 60, 45),
]

# key, draft name, days before today it opened, period in days, feedback after (days) or None; defect
CONSULTATIONS = [
    ("C1", "青岚区养犬管理办法", 200, 30, 45, None),
    ("C2", "青岚区城市绿化管理办法", 120, 15, 30, "D40"),
    ("C3", "青岚区机动车停车管理办法", 150, 30, None, "D41"),
]

# key, title, question, days before today, reply after (days), answer, defect
MESSAGES = [
    ("M1", "关于小学一年级网上报名时间的咨询", "请问今年小学一年级网上报名什么时候开始？需要准备哪些材料？", 40, 2,
     "您好！一年级网上报名时间以区教育和体育局发布的招生公告为准，一般在7月上旬，需准备户口簿、房产证明等材料。", None),
    ("M2", "关于学区划分调整的咨询", "听说今年部分小区的学区划分有调整，请问具体涉及哪些小区？", 60, 20,
     "您好！今年学区划分调整方案已在区教育和体育局网站公布，涉及新建小区3个，详情可查阅招生公告附件。", "D42"),
    ("M3", "关于课后服务收费标准的咨询", "请问学校课后服务怎么收费？家庭困难的学生能否减免？", 25, 1,
     "您好！课后服务收费标准按照区物价部门核定的标准执行，家庭经济困难学生可以申请减免，具体向就读学校提出。", "D43"),
]


def _fmt(d: dt.date) -> str:
    return d.isoformat()


def add_columns(b, u) -> list[tuple[str, str]]:
    """Build the unit's extra columns; returns (href, name) for its column home."""
    links = []
    for col in UNIT_COLUMNS.get(u.id, ()):
        if col == "gzdt":
            _news(b, u)
        elif col == "yjzj":
            _consultations(b, u)
        elif col == "zxly":
            _messages(b, u)
        elif col == "ghjh":
            _empty_plan(b, u)
            continue  # linked from the 法定主动公开内容 index, not from the column home
        links.append((f"/xxgk/{u.id}/{col}/", EXTRA_COLUMNS[col]))
    return links


def _detail(b, u, col: str, key: str, when: dt.date, title: str, body: str) -> str:
    path, _ = b.detail_path(u, col, when, key)
    b.add(path, b.frame(u, col, b.page_title(u, col, title), body), u)
    return path


def _news(b, u) -> None:
    stale = not b.is_fixed("D37")
    items = []
    for key, title, off_bad, off_good in NEWS:
        when = b.ago(off_bad if stale else off_good)
        body = (f"<h1>{escape(title)}</h1>\n<div class=\"article-info\"><span>发布时间：{_fmt(when)}</span>　"
                f"<span>来源：{u.full}</span></div>\n" + P.paras([
                    f"{P.fmt_date(when, 'cn')}，{title.replace('区政府', '区政府领导', 1)}。会议（活动）总结了前一阶段工作，"
                    "分析了当前面临的形势，对下一步重点任务作出部署。",
                    "会议要求，各部门、各街道要提高思想认识，压实工作责任，细化工作举措，确保各项工作按时保质完成。"]))
        items.append((_detail(b, u, "gzdt", key, when, title, body), title, when))
    b._list_pages(u, "gzdt", sorted(items, key=lambda x: x[2], reverse=True))
    b.found("D37", f"/xxgk/{u.id}/gzdt/")


def _empty_plan(b, u) -> None:
    body = f'<div class="column-title"><h2>{EXTRA_COLUMNS["ghjh"]}</h2></div>\n<ul class="list"></ul>'
    if b.is_fixed("D36"):
        body += "\n<p class=\"note\">说明：本单位本年度未制定专项规划，暂未产生此类信息。</p>"
    path = f"/xxgk/{u.id}/ghjh/"
    b.add(path, b.frame(u, "ghjh", f"{EXTRA_COLUMNS['ghjh']}_{u.name}_{P.SITE_NAME}", body), u)
    b.found("D36", path)


def _consultations(b, u) -> None:
    items = []
    for key, name, off, days, feedback, defect in CONSULTATIONS:
        start = b.ago(off)
        if defect == "D40" and b.is_fixed("D40"):
            days = 30
        if defect == "D41" and b.is_fixed("D41"):
            feedback = 50
        end = start + (days - 1) * DAY
        title = f"关于公开征求《{name}（征求意见稿）》意见的公告"
        body = (f"<h1>{escape(title)}</h1>\n<div class=\"article-info\"><span>发布日期：{_fmt(start)}</span></div>\n"
                + P.paras([
                    f"为提高立法质量，广泛听取社会各界意见，现将《{name}（征求意见稿）》全文公布，公开征求社会公众意见。",
                    f"征求意见时间为{P.fmt_date(start, 'cn')}至{P.fmt_date(end, 'cn')}。"
                    "社会公众可以通过电子邮件或者信函方式提出意见，信函请注明“征求意见”字样。",
                    "联系单位：青岚区人民政府办公室法制科，联系电话：0571-86190211。"]))
        body += "\n" + PX.draft_note(b, u, key, name, b.detail_path(u, "yjzj", start, key)[0])  # 起草说明 (D56)
        path = _detail(b, u, "yjzj", key, start, title, body)
        items.append((path, title, start))
        if defect:
            b.found(defect, path)
        if feedback is not None:
            when = b.ago(off - feedback)
            ftitle = f"《{name}（征求意见稿）》意见采纳情况的说明"
            fbody = (f"<h1>{escape(ftitle)}</h1>\n<div class=\"article-info\"><span>发布日期：{_fmt(when)}</span></div>\n"
                     + P.paras([
                         f"{P.fmt_date(start, 'cn')}至{P.fmt_date(end, 'cn')}，区政府办公室就《{name}（征求意见稿）》"
                         "公开征求社会公众意见，共收到意见建议12条。",
                         "经认真研究，采纳或部分采纳8条，主要涉及管理责任划分和执法程序；未采纳4条，主要原因是超出地方立法权限"
                         "或与上位法规定不一致。感谢社会各界的关心和支持。"]))
            items.append((_detail(b, u, "yjzj", key + "-fk", when, ftitle, fbody), ftitle, when))
    b._list_pages(u, "yjzj", sorted(items, key=lambda x: (x[2], x[0]), reverse=True))


def _messages(b, u) -> None:
    items = []
    for key, title, question, off, after, answer, defect in MESSAGES:
        asked = b.ago(off)
        if defect == "D42" and b.is_fixed("D42"):
            after = 2
        replied = asked + after * DAY
        rows = [("留言标题", title), ("留言时间", _fmt(asked)), ("留言内容", question)]
        if not (defect == "D43" and not b.is_fixed("D43")):
            rows.append(("答复单位", u.full))
        rows += [("答复时间", _fmt(replied)), ("答复内容", answer)]
        table = "".join(f"<tr><th width=\"15%\">{k}</th><td>{escape(v)}</td></tr>" for k, v in rows)
        body = f"<h1>{escape(title)}</h1>\n<table class=\"ly-detail\" width=\"100%\" border=\"1\">{table}</table>"
        path = _detail(b, u, "zxly", key, asked, title, body)
        items.append((path, title, asked))
        if defect:
            b.found(defect, path)
    b._list_pages(u, "zxly", sorted(items, key=lambda x: x[2], reverse=True))
