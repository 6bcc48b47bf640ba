"""The demo portal's site-level pages and the columns of the platform rules: the portal's home
page (nav, news list, senior-mode entry, declared domain), a search box in the page header,
the 机构职能 and 财政预决算 columns and the 说明 of each unit's 法定主动公开内容 directory,
通知公告 (with attachments), 咨询留言 of two more units, and the columns that make the
"栏目不更新" roll-ups — with their seeded defects D90–D117 (D99 is left out: a test uses it as an unknown id).

Applied by one call at the end of the builder (``portal._Build``): it adds pages, and edits a
few pages the builder made (the home page, the headers, the 指南's 申请方式, the unit homes'
and directories' link lists) by inserting text at fixed anchors, failing loudly if an anchor
is gone. Repaired variants keep their URLs.
"""

from __future__ import annotations

import datetime as dt
import zlib
from html import escape

from . import pages as P

DAY = dt.timedelta(days=1)

DEFECTS: list[dict] = [
    {"id": "D90", "rule": "platform.column-name", "unit": "",
     "description": "区政府门户网站首页导航中的信息公开专栏入口仍名为“信息公开目录”。"},
    {"id": "D91", "rule": "platform.separate-site", "unit": "",
     "description": "政府信息公开专栏首页声明的网站标识码（3301990013）与门户网站（3301990012）不同，是另行登记的网站。"},
    {"id": "D92", "rule": "platform.search-missing", "unit": "sfj",
     "description": "区司法局专栏页面（汉威模板）的页头没有搜索框，专栏不提供检索功能。"},
    {"id": "D93", "rule": "link.attachment-undownloadable", "unit": "bgs",
     "description": "区政府办公室通知公告的两个附件：PDF 返回“文件下载失败”网页，Word 文件长度为0。"},
    {"id": "D94", "rule": "platform.domain-noncompliant", "unit": "",
     "description": "区政府门户网站首页声明的域名为 www.qinglan.net.cn，不是 .gov.cn 域名。"},
    {"id": "D95", "rule": "site.home-not-updated", "unit": "",
     "description": "区政府门户网站首页“政务要闻”最新一条发布于20天前，超过2周未更新。"},
    {"id": "D96", "rule": "accessibility.entry-missing", "unit": "",
     "description": "区政府门户网站首页没有长者模式、无障碍浏览入口。"},
    {"id": "D97", "rule": "guide.contact-mismatch", "unit": "jtj",
     "description": "区教育和体育局机构职能页面的办公地址和电话已更新（文苑路88号），政府信息公开指南仍是旧地址、旧电话。"},
    {"id": "D98", "rule": "guide.application-channels", "unit": "dsjd",
     "description": "东山街道政府信息公开指南没有口头申请（代为填写）的途径，并要求申请人注明所需信息的用途。"},
    {"id": "D117", "rule": "disclosure.categories-missing", "unit": "zjj",
     "description": "区住房和城乡建设局法定主动公开内容没有财政预决算栏目，也没有政府集中采购的栏目或说明。"},
    {"id": "D100", "rule": "disclosure.local-categories-missing", "unit": "xhjd",
     "description": "新湖街道的法定主动公开内容没有宅基地审核、筹资筹劳的栏目或说明（条例第二十一条）。"},
    {"id": "D101", "rule": "disclosure.organization-fields-missing", "unit": "sfj",
     "description": "区司法局机构职能页面没有办公时间和负责人姓名。"},
    {"id": "D102", "rule": "message.unanswered", "unit": "dsjd",
     "description": "东山街道咨询留言“关于老旧小区停车位改造的建议”留言已100天，仍显示“待回复”。"},
    {"id": "D103", "rule": "message.late-reply", "unit": "dsjd",
     "description": "同一留言（D102）超过5个工作日未答复。"},
    {"id": "D104", "rule": "message.no-recent-reply", "unit": "zjj",
     "description": "区住房和城乡建设局咨询留言栏目最近一次答复在78天前，2个月内没有新的答复。"},
    {"id": "D105", "rule": "column.stale-veto", "unit": "",
     "description": "全站6个动态、通知公告类栏目超期未更新（含区政府办公室工作动态），达到单项否决标准。"},
    {"id": "D106", "rule": "column.stale", "unit": "dsjd",
     "description": "东山街道“街道动态”栏目25天未更新（与D105一并整改）。"},
    {"id": "D110", "rule": "column.stale", "unit": "zjj",
     "description": "区住房和城乡建设局“工作动态”栏目40天未更新（与D105一并整改）。"},
    {"id": "D111", "rule": "column.stale", "unit": "xhjd",
     "description": "新湖街道“通知公告”栏目220天未更新（与D105一并整改）。"},
    {"id": "D112", "rule": "column.stale", "unit": "sfj",
     "description": "区司法局“通知公告”栏目250天未更新（与D105一并整改）。"},
    {"id": "D113", "rule": "column.stale", "unit": "jtj",
     "description": "区教育和体育局“公示公告”栏目200天未更新（与D105一并整改）。"},
    {"id": "D107", "rule": "column.empty-veto", "unit": "",
     "description": "全站6个栏目既没有信息也没有说明（含新湖街道规划计划），达到单项否决标准。"},
    {"id": "D108", "rule": "column.empty", "unit": "jtj",
     "description": "区教育和体育局“专题专栏”“民生实事”两个栏目空白（与D107一并整改）。"},
    {"id": "D114", "rule": "column.empty", "unit": "sfj",
     "description": "区司法局“新闻发布会”栏目空白（与D107一并整改）。"},
    {"id": "D115", "rule": "column.empty", "unit": "zjj",
     "description": "区住房和城乡建设局“营商环境”栏目空白（与D107一并整改）。"},
    {"id": "D116", "rule": "column.empty", "unit": "dsjd",
     "description": "东山街道“政务督查”栏目空白（与D107一并整改）。"},
    {"id": "D109", "rule": "date.backdated", "unit": "bgs",
     "description": "区政府办公室通知公告中一则通知网址日期为5天前，页面显示的发布日期却是45天前（疑似倒签）。"},
]

HOURS = "工作日上午8:30-12:00，下午14:00-17:30（法定节假日除外）"
LEADERS = {"bgs": ("主任", "陈志华"), "jtj": ("局长", "王建国"), "sfj": ("局长", "周立新"), "zjj": ("局长", "刘海涛"),
           "xhjd": ("党工委书记", "赵文博"), "dsjd": ("党工委书记", "孙明辉")}
OFFICES = {"bgs": "秘书科、综合科、督查科、政务公开科", "jtj": "办公室、基础教育科、体育科、人事科、计划财务科",
           "sfj": "办公室、法治督察科、行政复议科、公共法律服务科", "zjj": "办公室、住房保障科、建筑业管理科、物业管理科",
           "xhjd": "党政办公室、经济发展办公室、社会事务办公室、综合治理办公室",
           "dsjd": "党政办公室、城市管理办公室、社会事务办公室、应急管理办公室"}
FDZD_NOTE = ("说明：本单位不涉及行政许可、行政处罚、行政强制、行政事业性收费、重大建设项目和政府集中采购事项，"
             "暂未产生统计信息、规划信息、扶贫教育医疗社会保障就业、应急管理、监督检查和公务员招考类信息。")
TOWNSHIP_NOTE = ("说明：本街道属城市社区，不涉及农业农村政策、农田水利工程、农村土地承包经营权流转、宅基地审核和筹资筹劳事项，"
                 "暂未产生土地征收和房屋征收信息。")

# unit, column key, name, days old (defect), days old (repaired), defect
STALE = [("dsjd", "jddt", "街道动态", 25, 3, "D106"), ("zjj", "gzdt", "工作动态", 40, 5, "D110"),
         ("xhjd", "tzgg", "通知公告", 220, 30, "D111"), ("sfj", "tzgg", "通知公告", 250, 40, "D112"),
         ("jtj", "gsgg", "公示公告", 200, 20, "D113")]
EMPTY = [("jtj", "ztzl", "专题专栏", "D108"), ("jtj", "msss", "民生实事", "D108"), ("sfj", "xwfbh", "新闻发布会", "D114"),
         ("zjj", "yshj", "营商环境", "D115"), ("dsjd", "zwdc", "政务督查", "D116")]
NEWS = ["区政府召开常务会议研究部署重点工作", "区领导调研城乡居民医疗救助工作", "全区安全生产工作会议召开",
        "区政府与澜江大学签署战略合作协议", "我区开展政务公开日活动", "区政府专题研究防汛防台风工作"]

SEARCH_ANCHOR = '<span class="sub">政府信息公开</span></div>'
SEARCH_BOX = ('<span class="sub">政府信息公开</span><form class="search" action="/search/" method="get">'
              '<input type="text" name="searchword" placeholder="请输入关键词"><button type="submit">搜索</button>'
              '</form></div>')
UNIT_ANCHOR = '</div>\n<div class="links">'
GUIDE_ANCHOR = "申请表》。"
ORAL = "采用书面形式确有困难的，申请人可以口头提出，由本机关政府信息公开工作机构代为填写政府信息公开申请。"
PURPOSE = "申请人应当在申请表中注明所需政府信息的用途。"


# ---------------------------------------------------------------- helpers

def _replace_once(page, anchor: str, new: str) -> None:
    assert anchor in page.text, f"site_extras: anchor {anchor!r} not found"
    page.text = page.text.replace(anchor, new, 1)


def _frame(u, crumbs: list[tuple[str, str]], title: str, body: str) -> str:
    return P.frame(title=title, body=body, crumbs=[("政府信息公开", "/xxgk/"), (u.name, f"/xxgk/{u.id}/")] + crumbs,
                   unit=(u.name, f"/xxgk/{u.id}/"), charset=u.charset, cms="hanweb" if u.cms == "hanweb" else "trs")


def _detail_path(b, u, col: str, d: dt.date, key: str) -> str:
    i = b.page_id(u, f"x-{col}-{key}")
    base = f"/xxgk/{u.id}/{col}/"
    if u.cms == "trs":
        return f"{base}{d:%Y%m}/t{d:%Y%m%d}_{i}.html"
    if u.cms == "hanweb":
        return f"{base}art_{3000 + zlib.crc32(col.encode()) % 900}_{i}.html"
    if u.cms == "ucap":
        return f"{base}{d:%Y}/{d:%m%d}/{i}.shtml"
    return f"{base}content_{i}.html"


def _column(b, u, col: str, name: str, items: list[tuple[str, str, dt.date]], extra: str = "",
            parent: tuple[str, str] | None = None) -> str:
    path = f"/xxgk/{u.id}/{col}/"
    rows = [(h, t, d.isoformat()) for h, t, d in items]
    body = f'<div class="column-title"><h2>{name}</h2></div>\n' + P.list_items(rows, u.list_style) + extra
    crumbs = ([parent] if parent else []) + [(name, path)]
    b.add(path, _frame(u, crumbs, f"{name}_{u.name}_{P.SITE_NAME}", body), u)
    return path


def _article(b, u, col: str, name: str, key: str, shown: dt.date, title: str, texts: list[str], extra: str = "",
             in_url: dt.date | None = None) -> str:
    path = _detail_path(b, u, col, in_url or shown, key)
    body = (f"<h1>{escape(title)}</h1>\n<div class=\"article-info\"><span>发布日期：{shown.isoformat()}</span>　"
            f"<span>来源：{u.full}</span></div>\n" + P.paras(texts) + extra)
    b.add(path, _frame(u, [(name, f"/xxgk/{u.id}/{col}/")], f"{title}_{P.SITE_NAME}", body), u)
    return path


# ---------------------------------------------------------------- the call

def add_extras(b) -> None:
    """Everything of this module, on a finished build ``b``."""
    from .portal import UNITS  # the builder's own module: imported late (it imports this one)

    links: dict[str, list[tuple[str, str]]] = {u.id: [] for u in UNITS}
    for u in UNITS:
        _organization(b, u)
        _directory(b, u)
    _guides(b, UNITS)
    links["bgs"].append((_notices(b, [u for u in UNITS if u.id == "bgs"][0]), "通知公告"))
    for u in UNITS:
        if u.id in ("zjj", "dsjd"):
            links[u.id].append((_messages(b, u), "咨询留言"))
    _stale_columns(b, UNITS, links)
    _empty_columns(b, UNITS, links)
    for u in UNITS:
        if links[u.id]:
            lis = "".join(f'\n<li><a href="{h}">{escape(t)}</a></li>' for h, t in links[u.id])
            _replace_once(b.pages[f"/xxgk/{u.id}/"], UNIT_ANCHOR, f"\n<h3>其他栏目</h3><ul>{lis}\n</ul>{UNIT_ANCHOR}")
    _search_boxes(b)
    _column_root(b)
    _home(b)


# ---------------------------------------------------------------- 机构职能, directory, 指南

def _organization(b, u) -> None:
    """The 机构职能 page: the six elements of 第二十条第二项 (D101: 区司法局 without hours and head;
    D97: 区教育和体育局 with a new address and phone that its 指南 does not show)."""
    address, phone, fax = u.address, u.phone, u.fax
    if u.id == "jtj" and not b.is_fixed("D97"):
        address, phone, fax = "青岚区文苑路88号", "0571-86195300", "0571-86195309"
    lacking = u.id == "sfj" and not b.is_fixed("D101")
    role, name = LEADERS[u.id]
    texts = [f"{u.full}是区人民政府的组成部门（派出机关），依法履行下列主要职责：{u.duties}",
             "贯彻执行国家和省、市、区有关法律法规和方针政策，拟订本领域发展规划和政策措施并组织实施；"
             "承担本领域政务公开、信息化建设和安全生产监督管理责任；完成区委、区政府交办的其他任务。",
             "（一）组织起草本领域规范性文件草案，研究提出政策建议；（二）负责本领域行政执法和监督检查工作；"
             "（三）负责本单位政务公开、政务服务和信访工作，组织编制政府信息公开指南和年度报告；"
             "（四）负责本单位机关和所属单位的人事管理、财务管理和国有资产管理。",
             f"内设机构：{OFFICES[u.id]}。",
             f"办公地址：{address}；邮政编码：{u.postcode}。"]
    if not lacking:
        texts.append(f"办公时间：{HOURS}。")
    texts.append(f"联系电话：{phone}；传真：{fax}；电子邮箱：xxgk_{u.id}@qinglan.gov.cn。")
    if not lacking:
        texts.append(f"{role}：{name}，主持全面工作。")
    path = f"/xxgk/{u.id}/jgzn/"
    parent = ("法定主动公开内容", f"/xxgk/{u.id}/fdzdgknr/")
    body = '<div class="column-title"><h2>机构职能</h2></div>\n' + P.paras(texts)
    b.add(path, _frame(u, [parent, ("机构职能", path)], f"机构职能_{u.name}_{P.SITE_NAME}", body), u)
    if u.id == "sfj":
        b.found("D101", path)


def _directory(b, u) -> None:
    """The 法定主动公开内容 directory: 机构职能 and 财政预决算 columns and a 说明 for what does not
    apply (D117: 区住建局 without 财政预决算 and with a 说明 that forgets 政府采购; D100: 新湖街道's
    township 说明 without 宅基地 and 筹资筹劳)."""
    parent = ("法定主动公开内容", f"/xxgk/{u.id}/fdzdgknr/")
    cols = [("jgzn", "机构职能")]
    note = FDZD_NOTE
    if u.id == "zjj" and not b.is_fixed("D117"):
        note = note.replace("和政府集中采购事项", "事项")
    else:
        _column(b, u, "czyjs", "财政预决算", [], '\n<p class="note">说明：本单位部门预算、决算在区财政局“预决算公开”平台'
                "统一公开，本栏目暂无信息。</p>", parent)
        cols.append(("czyjs", "财政预决算"))
    if u.id == "zjj":
        b.found("D117", f"/xxgk/{u.id}/")
    if u.category == "镇街":
        township = TOWNSHIP_NOTE
        if u.id == "xhjd" and not b.is_fixed("D100"):
            township = township.replace("、宅基地审核和筹资筹劳事项", "事项")
        _column(b, u, "shjz", "社会救助", [], f'\n<p class="note">说明：本街道社会救助对象名单按季度在社区公示栏公示，本栏目暂无信息。</p>'
                f'\n<p class="note">{township}</p>', parent)
        cols.append(("shjz", "社会救助"))
        if u.id == "xhjd":
            b.found("D100", f"/xxgk/{u.id}/")
    page = b.pages[f"/xxgk/{u.id}/fdzdgknr/"]
    lis = "".join(f'\n<li><a href="/xxgk/{u.id}/{c}/">{n}</a></li>' for c, n in cols)
    head, sep, tail = page.text.partition('<ul class="sub-columns">')
    assert sep, "site_extras: the 法定主动公开内容 list is gone"
    tail = tail.replace("\n</ul>", f"{lis}\n</ul>\n<p class=\"note\">{note}</p>", 1)
    page.text = head + sep + tail


def _guides(b, units) -> None:
    """第二十九条: every 指南 offers oral application filled in by the office (D98: 东山街道's does not,
    and asks for the intended use)."""
    for u in units:
        for path, page in list(b.pages.items()):
            if not path.startswith(f"/xxgk/{u.id}/zn/") or path.endswith("/") or "index" in path:
                continue
            if GUIDE_ANCHOR in page.text and ORAL not in page.text and PURPOSE not in page.text:
                added = PURPOSE if u.id == "dsjd" and not b.is_fixed("D98") else ORAL
                _replace_once(page, GUIDE_ANCHOR, GUIDE_ANCHOR + added)
            if u.id == "dsjd":
                b.found("D98", path)
            if u.id == "jtj":
                b.found("D97", path)  # the 指南 that still shows the old address (see _organization)


# ---------------------------------------------------------------- 通知公告, 留言

def _notices(b, u) -> str:
    """区政府办公室 通知公告: attachments that cannot be downloaded (D93) and a notice whose address
    is dated 40 days after the date it shows (D109)."""
    items = []
    when = b.ago(10)
    stem = f"/xxgk/{u.id}/tzgg/{when:%Y%m}/"
    pdf, doc = f"{stem}P0{when:%Y%m%d}91.pdf", f"{stem}P0{when:%Y%m%d}92.doc"
    broken = not b.is_fixed("D93")
    if broken:
        b.binaries[pdf] = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>文件下载</title></head><body>"
                           "<p>文件下载失败，请稍后重试或联系网站管理员。</p></body></html>".encode("utf-8"),
                           "text/html; charset=utf-8")
        b.binaries[doc] = (b"", "application/msword")
    else:
        b.binaries[pdf] = (b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
                           "application/pdf")
        b.binaries[doc] = (bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504, "application/msword")
    title = "关于开展年度政务公开工作考核的通知"
    extra = ('\n<div class="attachment"><p>附件1：<a href="' + pdf + '" target="_blank">附件1：政务公开工作考核评分细则.pdf</a></p>'
             '<p>附件2：<a href="' + doc + '" target="_blank">附件2：政务公开工作自评表.doc</a></p></div>')
    path = _article(b, u, "tzgg", "通知公告", "n1", when, title,
                    ["各街道办事处，区政府各部门：", "为推进政务公开工作规范化，区政府办公室决定开展年度政务公开工作考核，"
                     "请各单位对照考核评分细则开展自评，并于本月底前报送自评表。"], extra)
    items.append((path, title, when))
    b.found("D93", path, pdf)
    b.found("D93", path, doc)
    in_url = b.ago(5)
    shown = in_url if b.is_fixed("D109") else b.ago(45)
    title = "关于做好第三季度政府网站自查工作的通知"
    path = _article(b, u, "tzgg", "通知公告", "n2", shown, title,
                    ["各街道办事处，区政府各部门：", "请各单位按照政府网站与政务新媒体检查指标，认真开展第三季度网站自查，"
                     "重点检查栏目更新、链接可用性和互动回应情况。"], in_url=in_url)
    items.append((path, title, shown))
    b.found("D109", path)
    return _column(b, u, "tzgg", "通知公告", sorted(items, key=lambda x: x[2], reverse=True))


def _message_page(b, u, key: str, title: str, question: str, asked: dt.date, replied: dt.date | None,
                  answer: str) -> str:
    rows = [("留言标题", title), ("留言时间", asked.isoformat()), ("留言内容", question)]
    if replied is not None:
        rows += [("答复单位", u.full), ("答复时间", replied.isoformat()), ("答复内容", answer)]
    else:
        rows += [("答复内容", "待回复")]
    table = "".join(f"<tr><th width=\"15%\">{k}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    path = _detail_path(b, u, "zxly", asked, key)
    body = f"<h1>{escape(title)}</h1>\n<table class=\"ly-detail\" width=\"100%\" border=\"1\">{table}</table>"
    b.add(path, _frame(u, [("咨询留言", f"/xxgk/{u.id}/zxly/")], f"{title}_{P.SITE_NAME}", body), u)
    return path


def _messages(b, u) -> str:
    """区住建局: the newest reply is 78 days old (D104). 东山街道: a message unanswered for 100 days
    (D102, and late for D103) next to one answered the next day."""
    if u.id == "zjj":
        specs = [("m1", "关于老旧小区改造计划的咨询", "请问今年哪些老旧小区列入改造计划？", 110, 2,
                  "您好！今年计划改造老旧小区12个，名单已在区住建局网站公布。"),
                 ("m2", "关于加装电梯补助标准的咨询", "既有住宅加装电梯有没有财政补助？标准是多少？", 80, 2,
                  "您好！符合条件的加装电梯项目按规定标准给予财政补助，具体可咨询所在街道。")]
        if b.is_fixed("D104"):
            specs.append(("m3", "关于物业服务收费公示的咨询", "物业服务企业需要公示哪些收费项目？", 12, 2,
                          "您好！物业服务企业应当每半年公示服务合同履行情况、收费标准和公共收益收支情况。"))
    else:
        unanswered = not (b.is_fixed("D102") or b.is_fixed("D103"))
        specs = [("m1", "关于老旧小区停车位改造的建议", "建议在老旧小区改造中增加停车位，解决停车难问题。", 100,
                  None if unanswered else 2, "您好！已将您的建议转交改造项目实施单位，在设计中统筹考虑增设停车位。"),
                 ("m2", "关于社区养老服务的咨询", "请问社区居家养老服务中心提供哪些服务？", 20, 1,
                  "您好！社区居家养老服务中心提供助餐、助浴、日间照料等服务。")]
    items = []
    for key, title, question, off, after, answer in specs:
        asked = b.ago(off)
        replied = asked + after * DAY if after is not None else None
        path = _message_page(b, u, key, title, question, asked, replied, answer)
        items.append((path, title, asked))
        if u.id == "dsjd" and key == "m1" and replied is None:
            b.found("D102", path)
            b.found("D103", path)
    path = _column(b, u, "zxly", "咨询留言", sorted(items, key=lambda x: x[2], reverse=True))
    if u.id == "zjj":
        b.found("D104", path)
    return path


# ---------------------------------------------------------------- 栏目不更新 roll-ups

def _stale_columns(b, units, links) -> None:
    """Five news / notice columns past their period (D106), which with 区政府办公室's 工作动态 (D37)
    make six: the "栏目不更新" veto (D105)."""
    by_id = {u.id: u for u in units}
    stale = not any(b.is_fixed(d) for d in ["D105"] + [x[5] for x in STALE])  # repaired together
    for uid, col, name, bad, good, defect in STALE:
        u = by_id[uid]
        when = b.ago(bad if stale else good)
        news = "动态" in name
        title = u.full.replace("青岚区", "") + ("召开月度工作例会" if news else "关于开展年度评先评优工作的公示")
        text = ("召开工作例会，总结前一阶段工作，部署下一步重点任务" if news
                else "按照有关规定开展年度评先评优工作，现将拟表彰名单予以公示，公示期5个工作日")
        path = _article(b, u, col, name, "s1", when, title, [f"{P.fmt_date(when, 'cn')}，{u.full}{text}。"])
        links[uid].append((_column(b, u, col, name, [(path, title, when)]), name))
        if stale:
            b.found(defect, f"/xxgk/{uid}/{col}/")
    if stale:
        b.found("D105", "/xxgk/")


def _empty_columns(b, units, links) -> None:
    """Five columns with nothing and no 说明 (D108), which with 新湖街道's 规划计划 (D36) make six: the
    empty-column veto (D107)."""
    empty = not any(b.is_fixed(d) for d in ["D107"] + [x[3] for x in EMPTY])  # repaired together
    for uid, col, name, defect in EMPTY:
        u = next(x for x in units if x.id == uid)
        note = "" if empty else '\n<p class="note">说明：本栏目暂无信息，本单位本年度未产生此类信息。</p>'
        links[uid].append((_column(b, u, col, name, [], note), name))
        if empty:
            b.found(defect, f"/xxgk/{uid}/{col}/")
    if empty:
        b.found("D107", "/xxgk/")


# ---------------------------------------------------------------- header, column root, home page

def _search_boxes(b) -> None:
    """A site search box in every page header (D92: not on 区司法局's Hanweb template)."""
    for path, page in b.pages.items():
        if SEARCH_ANCHOR not in page.text or "searchword" in page.text:
            continue
        if path.startswith("/xxgk/sfj/") and not b.is_fixed("D92"):
            continue
        page.text = page.text.replace(SEARCH_ANCHOR, SEARCH_BOX, 1)
    b.found("D92", "/xxgk/sfj/")


def _column_root(b) -> None:
    """D91: the column root declares a site code of its own (a separately registered website)."""
    if not b.is_fixed("D91"):
        page = b.pages["/xxgk/"]
        _replace_once(page, f'<meta name="SiteIDCode" content="{P.SITE_CODE}">',
                      '<meta name="SiteIDCode" content="3301990013">')
        _replace_once(page, '<meta name="SiteDomain" content="www.qinglan.gov.cn">',
                      '<meta name="SiteDomain" content="xxgk.qinglan.gov.cn">')
    b.found("D91", "/xxgk/")


def _home(b) -> None:
    """The portal's home page: D90 (nav name), D94 (declared domain), D95 (news 20 days old), D96 (no
    senior-mode entry). Its news pages live under /xwzx/ (outside the column)."""
    domain = "www.qinglan.gov.cn" if b.is_fixed("D94") else "www.qinglan.net.cn"
    column = "政府信息公开" if b.is_fixed("D90") else "信息公开目录"
    newest = 1 if b.is_fixed("D95") else 20
    news = []
    for n, title in enumerate(NEWS):
        when = b.ago(newest + 6 * n)
        path = f"/xwzx/{when:%Y%m}/t{when:%Y%m%d}_{9100 + n}.html"
        b.pages[path] = type(b.pages["/"])(P.frame(
            title=f"{title}_{P.SITE_NAME}", crumbs=[("政务要闻", "/xwzx/")], unit=None,
            body=f"<h1>{escape(title)}</h1>\n<div class=\"article-info\"><span>发布日期：{when.isoformat()}</span></div>\n"
                 + P.paras([f"{P.fmt_date(when, 'cn')}，{title}。会议（活动）对下一阶段工作作出部署。"])), "utf-8")
        news.append(f'\n<li><a href="{path}" target="_blank">{escape(title)}</a><span>{when.isoformat()}</span></li>')
    care = ('<a href="javascript:void(0)" onclick="elderMode()">长者模式</a>　'
            '<a href="javascript:void(0)" onclick="barrierFree()">无障碍浏览</a>　') if b.is_fixed("D96") else ""
    nav = [("/", "首页"), ("/xxgk/", column), ("/xxgk/bgs/zcwj/", "政策文件"), ("/xxgk/bgs/zcjd/", "政策解读"),
           ("/xxgk/jtj/zxly/", "互动交流"), (P.EXT + "/ext/gov/", "政务服务")]
    quick = [("/xxgk/bgs/gfxwj/", "规范性文件"), ("/xxgk/bgs/nb/", "政府信息公开年报"), ("/xxgk/bgs/zn/", "政府信息公开指南"),
             ("/xxgk/bgs/gzdt/", "工作动态")]
    text = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="SiteName" content="{P.SITE_NAME}">
<meta name="SiteDomain" content="{domain}">
<meta name="SiteIDCode" content="{P.SITE_CODE}">
<title>{P.SITE_NAME}门户网站</title>
</head>
<body>
<div class="topbar">{care}<span>欢迎访问{P.SITE_NAME}门户网站</span></div>
<div class="header"><a href="/">{P.SITE_NAME}</a><form class="search" action="/search/" method="get">
<input type="text" name="searchword" placeholder="请输入关键词"><button type="submit">搜索</button></form></div>
<div class="nav">{''.join(f'<a href="{h}">{t}</a>' for h, t in nav)}</div>
<div class="main">
<div class="news"><h2>政务要闻</h2><ul class="list">{''.join(news)}
</ul></div>
<div class="quick"><h2>信息公开</h2><ul>{''.join(f'<li><a href="{h}">{t}</a></li>' for h, t in quick)}</ul></div>
</div>
<div class="footer"><p>主办单位：青岚区人民政府办公室　网站标识码：{P.SITE_CODE}</p></div>
</body>
</html>
"""
    b.pages["/"].text = text  # the same page object serves /index.html
    for defect in ("D90", "D94", "D95", "D96"):
        b.found(defect, "/")
