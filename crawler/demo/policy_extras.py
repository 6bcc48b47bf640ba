"""The demo portal's policy extras: the 三统一 registration number of 规范性文件, two-way links
between documents and their 解读, 起草说明 of consultations, and each unit's 决策和执行公开
column (重大行政决策事项目录, 工作计划/总结, 建议提案办理, 任务分解/落实情况, 规范性文件清理、
备案和制定程序), with their seeded defects D50–D60.

Kept apart from portal.py like columns.py; the builder (``portal._Build``) calls the small
hooks below while it renders documents, 解读, consultations and unit pages, and owns the pages.
Every item is dated relative to ``today`` and titled with the year of its date, so the yearly
rules find this year's information on any day of the year.
"""

from __future__ import annotations

import datetime as dt
from html import escape

EXTRA_COLUMNS = {"jczx": "决策和执行公开"}
REGISTRATION = "QLDR"  # the demo province's 统一编号 prefix: QLDR-2025-0123
REGISTRATION_PATTERN = r"QLDR-\d{4}-\d{4}"

DEFECTS: list[dict] = [
    {"id": "D50", "rule": "policy.published-late", "unit": "bgs",
     "description": "政策文件《青岚区突发事件总体应急预案》成文50天后才公开，超过20个工作日。"},
    {"id": "D51", "rule": "normative.registration-missing", "unit": "zjj",
     "description": "规范性文件《青岚区既有住宅加装电梯实施办法》页面没有标注统一编号（QLDR-年份-序号）。"},
    {"id": "D52", "rule": "normative.procedure-missing", "unit": "sfj",
     "description": "区司法局本年度未公开规范性文件备案信息和公众参与、专家论证等制定程序情况。"},
    {"id": "D53", "rule": "interpretation.link-missing", "unit": "bgs",
     "description": "《青岚区行政规范性文件合法性审核办法》的解读页面没有链回文件（文件页已链接解读）。"},
    {"id": "D54", "rule": "interpretation.link-missing", "unit": "bgs",
     "description": "规范性文件《青岚区政府投资项目管理办法》页面没有链接其政策解读（解读页已链接文件）。"},
    {"id": "D55", "rule": "interpretation.issuer-mismatch", "unit": "jtj",
     "description": "《青岚区中小学校课后服务经费管理办法》的政策解读由区财政局发布，不是文件制发机关区教育和体育局。"},
    {"id": "D56", "rule": "consultation.explanation-missing", "unit": "bgs",
     "description": "《青岚区养犬管理办法（征求意见稿）》公开征求意见时没有附起草说明。"},
    {"id": "D57", "rule": "decision.catalogue-missing", "unit": "zjj",
     "description": "区住房和城乡建设局专栏中的重大行政决策事项目录是前年的，没有本年度目录。"},
    {"id": "D58", "rule": "plan.missing", "unit": "jtj",
     "description": "区教育和体育局专栏中有上年度工作总结，没有本年度工作计划（要点）。"},
    {"id": "D59", "rule": "proposal.reply-missing", "unit": "dsjd",
     "description": "东山街道专栏中没有本年度建议提案办理答复，也没有未承办的情况说明。"},
    {"id": "D60", "rule": "task.breakdown-missing", "unit": "xhjd",
     "description": "新湖街道专栏中没有本年度重点工作任务分解或落实情况。"},
]

DAY = dt.timedelta(days=1)
LATE_DAYS = 50             # D50: days between 成文 and 发布 (about 35 working days)
NO_REGISTRATION = {"Z2": "D51"}
INTERP_NO_BACKLINK = {"B2": "D53"}   # "doc" mode: the document links its 解读, which does not link back
DOC_NO_LINK = {"B1": "D54"}          # "interp" mode: the 解读 links its document, which does not link it
OTHER_ISSUER = {"J2": ("D55", "青岚区财政局")}
NO_DRAFT_NOTE = {"C1": "D56"}


# ---------------------------------------------------------------- documents and 解读

def prepare(b, by_key: dict) -> None:
    """Seeded document defects decided before the documents are rendered (the 解读 ones are
    recorded by the hooks that render them, once their addresses exist)."""
    for d in by_key.values():
        # The 成文日期 is never part of an address, so it need not dodge "404" the way URL dates
        # do (portal._safe): in April 2024 that dodge moved it a month back, a false 超期公开.
        gap = (d.published - d.written).days
        if gap > 7:
            written = d.published - (2 + d.spec["off"] % 4) * DAY
            d.docno = d.docno.replace(f"〔{d.written.year}〕", f"〔{written.year}〕")
            d.written = written
    doc = by_key["B8"]  # D50: published long after it was written
    if not b.is_fixed("D50"):
        old = doc.written
        doc.written = doc.published - LATE_DAYS * DAY
        doc.docno = doc.docno.replace(f"〔{old.year}〕", f"〔{doc.written.year}〕")
    b.found("D50", doc.path)
    for key, defect in NO_REGISTRATION.items():
        b.found(defect, by_key[key].path)
    for key, defect in DOC_NO_LINK.items():
        b.found(defect, by_key[key].path)


def registration(d) -> str:
    return f"{REGISTRATION}-{d.written.year}-{d.seq % 10000:04d}"


def doc_rows(b, d) -> list[tuple[str, str]]:
    """The 统一编号 row of a 规范性文件's metadata block."""
    if d.col != "gfxwj":
        return []
    defect = NO_REGISTRATION.get(d.spec["key"])
    if defect and not b.is_fixed(defect):
        return []
    return [("统一编号", registration(d))]


def doc_links(b, d) -> list[str]:
    """相关解读 on a document whose 解读 links it (the other direction is portal.py's "doc" mode)."""
    if d.interp_mode != "interp":
        return []
    defect = DOC_NO_LINK.get(d.spec["key"])
    if defect and not b.is_fixed(defect):
        return []
    return [f'<div class="xgjd"><p>相关解读：<a href="{d.interp_path}" target="_blank">'
            f'{escape(d.interp_title)}</a></p></div>']


def interp_links(b, d) -> list[str]:
    """相关文件 on a 解读 whose document links it."""
    if d.interp_mode != "doc":
        return []
    defect = INTERP_NO_BACKLINK.get(d.spec["key"])
    if defect:
        b.found(defect, d.interp_path)
        if not b.is_fixed(defect):
            return []
    return [f'<div class="xgwj"><p>相关文件：<a href="{d.path}" target="_blank">{escape(d.title)}</a></p></div>']


def interp_issuer(b, d) -> str | None:
    """The 发布机构 of a 解读 published by another department than the document's (D55)."""
    defect, issuer = OTHER_ISSUER.get(d.spec["key"], (None, None))
    if defect is None:
        return None
    b.found(defect, d.interp_path)
    return None if b.is_fixed(defect) else issuer


# ---------------------------------------------------------------- consultations

def draft_note(b, u, key: str, name: str, path: str) -> str:
    """The 起草说明 attached to a consultation (D56: missing on one)."""
    defect = NO_DRAFT_NOTE.get(key)
    if defect:
        b.found(defect, path)
        if not b.is_fixed(defect):
            return ""
    href = path.rsplit(".", 1)[0] + "_sm.docx"
    fname = f"关于《{name}（征求意见稿）》的起草说明.docx"
    _attach(b, href, "docx", fname)
    return f'<div class="attachment"><p>附件：<a href="{href}" target="_blank">{escape(fname)}</a></p></div>'


# ---------------------------------------------------------------- the 决策和执行公开 column

def _attach(b, href: str, ext: str, title: str) -> None:
    from .portal import ATTACH_TYPES, _attachment_bytes  # portal imports this module first
    b.binaries[href] = (_attachment_bytes(ext, title), ATTACH_TYPES[ext])


def _items(b, u) -> list[tuple[str, str, int]]:
    """(kind, title, days before today) of the unit's yearly items; {y} is the year of the date."""
    org, short = u.full, u.full.replace("青岚区", "")
    township = u.category == "镇街"
    out = [
        ("jc", f"{org}{{y}}年度重大行政决策事项目录" if u.id != "dsjd" else f"{short}关于{{y}}年度无重大行政决策事项的说明", 40),
        ("jh", f"{org}{{y1}}年工作总结和{{y}}年工作计划", 30),
        ("ta", f"{short}关于{{y}}年度未承办人大代表建议和政协委员提案的情况说明" if township
         else "关于区十届人大三次会议第{n}号建议的答复", 20),
        ("ls", f"{org}{{y}}年区政府工作报告重点任务分解及落实情况", 15),
        ("gf", f"{short}{{y}}年度行政规范性文件清理结果及废止、失效文件目录", 25),
        ("gf", f"{short}{{y}}年度行政规范性文件备案情况", 10),
        ("gf", f"{short}{{y}}年度行政规范性文件公众参与、专家论证和集体讨论情况", 12),
    ]
    if u.id == "jtj" and not b.is_fixed("D58"):  # D58: the summary only, no plan for this year
        out[1] = ("jh", f"{org}{{y1}}年工作总结", 30)
    if u.id == "dsjd" and not b.is_fixed("D59"):  # D59: no 建议提案 reply, no 情况说明
        out = [x for x in out if x[0] != "ta"]
    if u.id == "xhjd" and not b.is_fixed("D60"):  # D60: no task breakdown
        out = [x for x in out if x[0] != "ls"]
    if u.id == "sfj" and not b.is_fixed("D52"):  # D52: neither 备案 nor 制定程序 this year
        out = [x for x in out if not ("备案" in x[1] or "公众参与" in x[1])]
    if u.id == "zjj" and not b.is_fixed("D57"):  # D57: the 目录 of the year before last only
        out[0] = ("jc", f"{org}{{y}}年度重大行政决策事项目录", (b.today - dt.date(b.today.year - 2, 3, 10)).days)
    return out


def add_columns(b, u) -> list[tuple[str, str]]:
    """Build the unit's 决策和执行公开 column; returns (href, name) for its column home."""
    col = "jczx"
    rows = []
    for n, (kind, title, days) in enumerate(_items(b, u), 1):
        when = b.ago(days)
        text = title.format(y=when.year, y1=when.year - 1, n=20 + n + len(u.id))
        ext = "pdf" if kind in ("jc", "gf") else "docx"
        href = f"/xxgk/{u.id}/{col}/P{when:%Y%m%d}_{n}.{ext}"
        _attach(b, href, ext, text)
        rows.append((href, text, when))
    b._list_pages(u, col, sorted(rows, key=lambda x: (x[2], x[0]), reverse=True))
    for defect, unit in (("D57", "zjj"), ("D58", "jtj"), ("D59", "dsjd"), ("D60", "xhjd")):
        if u.id == unit:
            b.found(defect, f"/xxgk/{u.id}/")
    if u.id == "sfj":
        b.found("D52", f"/xxgk/{u.id}/gfxwj/")
    return [(f"/xxgk/{u.id}/{col}/", EXTRA_COLUMNS[col])]


def config_lines() -> list[str]:
    """The demo province requires the 统一编号 on its 规范性文件."""
    return ['[rules."normative.registration-missing"]', f"pattern = '{REGISTRATION_PATTERN}'", ""]
