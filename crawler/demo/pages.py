"""HTML and text builders for the demo portal.

Kept apart from the portal model so that the model (which page carries which defect) stays
readable. The markup imitates what real county portals serve (TRS, Hanweb, Ucap-like
metadata blocks, breadcrumbs, list pages) because the auditor must cope with exactly that.
Every string returned here is the page *text*; the portal encodes it (UTF-8, or GBK for
the one unit that still serves GBK). Absolute links to the other host and to the closed
port are written with the placeholders ``EXT`` and ``DEAD`` below, filled in when the
server has a port.
"""

from __future__ import annotations

import datetime as dt
from html import escape

SITE_NAME = "青岚区人民政府"
SITE_CODE = "3301990012"
EXT = "__EXT_ORIGIN__"    # replaced by http://localhost:PORT (a different host)
DEAD = "__DEAD_ORIGIN__"  # replaced by http://127.0.0.1:CLOSED_PORT

# ---------------------------------------------------------------- dates

_DIGITS = "〇一二三四五六七八九"


def _cn_small(n: int) -> str:
    """1..31 in Chinese numerals as written in dates (十一, 二十, 三十一)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _DIGITS[tens]
    return f"{head}十{_DIGITS[ones] if ones else ''}"


def fmt_date(d: dt.date, style: str) -> str:
    if style == "iso":
        return d.isoformat()
    if style == "cn":
        return f"{d.year}年{d.month}月{d.day}日"
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    if style == "cnum":
        return "".join(_DIGITS[int(c)] for c in str(d.year)) + f"年{_cn_small(d.month)}月{_cn_small(d.day)}日"
    if style == "cnum_month":
        return "".join(_DIGITS[int(c)] for c in str(d.year)) + f"年{_cn_small(d.month)}月"
    if style == "cn_month":
        return f"{d.year}年{d.month}月"
    raise ValueError(style)


# ---------------------------------------------------------------- page frame

_CSS = (
    "body{margin:0;font-family:'Microsoft YaHei',SimSun,sans-serif;font-size:15px;color:#333}"
    ".header{background:#0b4f9c;color:#fff;padding:18px 40px}.header a{color:#fff;font-size:26px;text-decoration:none}"
    ".header .sub{font-size:16px;margin-left:16px}.nav{background:#e9f0f8;padding:8px 40px}.nav a{margin-right:24px}"
    ".breadcrumb,.position{padding:10px 40px;color:#666}.main{padding:10px 40px;min-height:400px}"
    "h1{font-size:22px;text-align:center}.footer{background:#f2f2f2;color:#777;padding:16px 40px;font-size:13px}"
    ".red{color:#c00}.list li{line-height:32px}.list span{float:right;color:#999}"
    ".content p{text-indent:2em;line-height:1.9}"
)


def frame(*, title: str, body: str, crumbs: list[tuple[str, str]], unit: tuple[str, str] | None,
          charset: str = "utf-8", metas: dict[str, str] | None = None, cms: str = "trs") -> str:
    """A whole page: header, nav, breadcrumb (``当前位置：首页 > … > column``), body, footer.

    ``crumbs`` are (text, href) after 首页; ``unit`` is (name, home href) for the nav.
    """
    if charset == "utf-8":
        head_charset = '<meta charset="utf-8">'
    else:
        head_charset = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    meta_html = "".join(
        f'\n<meta name="{escape(k)}" content="{escape(v)}">' for k, v in (metas or {}).items()
    )
    nav = ['<a href="/">首页</a>', '<a href="/xxgk/">政府信息公开</a>']
    if unit:
        nav.append(f'<a href="{unit[1]}">{escape(unit[0])}</a>')
    crumb_links = ['<a href="/">首页</a>'] + [f'<a href="{href}">{escape(text)}</a>' for text, href in crumbs]
    if cms == "hanweb":
        # Hanweb JCMS: a table of cells, each " > " + link
        cells = "".join(f"<td>{' &gt; ' if i else ''}{c}</td>" for i, c in enumerate(crumb_links))
        crumb_html = (f'<div class="position"><span>当前位置：</span><table cellspacing="0" cellpadding="0" '
                      f'border="0"><tr>{cells}</tr></table></div>')
    else:
        crumb_html = f'<div class="breadcrumb"><span>当前位置：</span>{" &gt; ".join(crumb_links)}</div>'
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
{head_charset}
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="SiteName" content="{SITE_NAME}">
<meta name="SiteDomain" content="www.qinglan.gov.cn">
<meta name="SiteIDCode" content="{SITE_CODE}">{meta_html}
<title>{escape(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<div class="header"><a href="/">{SITE_NAME}</a><span class="sub">政府信息公开</span></div>
<div class="nav">{''.join(nav)}</div>
{crumb_html}
<div class="main">
{body}
</div>
<div class="footer">
<p>主办单位：青岚区人民政府办公室　承办单位：青岚区大数据发展中心</p>
<p>网站标识码：{SITE_CODE}　浙ICP备13011235号-1　浙公网安备 33019902000123号</p>
<p>地址：青岚区府前路18号　邮编：311999　（建议使用1366×768以上分辨率浏览本网站）</p>
</div>
</body>
</html>
"""


# ---------------------------------------------------------------- metadata blocks

def meta_block(style: str, rows: list[tuple[str, str | None]], *, validity_label: str | None = None) -> str:
    """The 信息公开 metadata block in one of three CMS styles.

    ``rows`` are (label as printed, value); a value of None drops the row. The row whose
    label is ``validity_label`` is rendered the way that CMS highlights validity.
    """
    rows = [(lab, val) for lab, val in rows if val is not None]
    if style == "table":
        cells = []
        for lab, val in rows:
            cells.append(f'<td class="label" width="12%">{lab}：</td><td width="38%">{escape(val)}</td>')
        trs = []
        for i in range(0, len(cells), 2):
            pair = cells[i:i + 2]
            if len(pair) == 1:
                pair.append('<td class="label"></td><td></td>')
            trs.append(f"<tr>{''.join(pair)}</tr>")
        return ('<table class="xxgk_table" width="100%" border="1" cellspacing="0" cellpadding="6">\n'
                + "\n".join(trs) + "\n</table>")
    if style == "ul":
        lis = "".join(f"\n<li><span>{lab}：</span>{escape(val)}</li>" for lab, val in rows)
        return f'<div class="xxgk-info"><ul>{lis}\n</ul></div>'
    if style == "div":
        ps = []
        for lab, val in rows:
            spaced = "&ensp;".join(lab) if len(lab) == 3 else lab
            if lab == validity_label:
                ps.append(f'<p>{spaced}：<em class="red">{escape(val)}</em></p>')
            else:
                ps.append(f"<p>{spaced}：<span>{escape(val)}</span></p>")
        return '<div class="xxgk-meta">\n' + "\n".join(ps) + "\n</div>"
    raise ValueError(style)


# ---------------------------------------------------------------- lists and pagination

def list_items(items: list[tuple], style: str) -> str:
    """items: (href, title, date text) or (href, title, date text, validity shown in the row)."""
    def status(item: tuple) -> str:
        return f'<span class="status">{item[3]}</span>' if len(item) > 3 and item[3] else ""
    if style == "table":
        trs = "".join(
            f'\n<tr><td><a href="{it[0]}" title="{escape(it[1])}" target="_blank">{escape(it[1])}</a></td>'
            + (f'<td width="80">{status(it)}</td>' if len(it) > 3 else "")
            + f'<td width="110">{it[2]}</td></tr>' for it in items)
        return f'<table class="list-table" width="100%">{trs}\n</table>'
    lis = "".join(f'\n<li><a href="{it[0]}" title="{escape(it[1])}" target="_blank">{escape(it[1])}</a>'
                  f'{status(it)}<span>{it[2]}</span></li>' for it in items)
    return f'<ul class="list">{lis}\n</ul>'


# TRS WCM writes its pager from a template function; the static HTML has no links to the
# other pages, a crawler must read the call.
_TRS_PAGER = """<script>
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
  if(_nPageCount == null || _nPageCount <= 1){ return; }
  var nCurrIndex = _nCurrIndex || 0;
  var sName = function(i){ return i == 0 ? _sPageName + "." + _sPageExt : _sPageName + "_" + i + "." + _sPageExt; };
  var html = "<div class='pages'>";
  html += (nCurrIndex == 0) ? "<span>首页</span>" : "<a href='" + sName(0) + "'>首页</a>";
  html += (nCurrIndex == 0) ? "<span>上一页</span>" : "<a href='" + sName(nCurrIndex - 1) + "'>上一页</a>";
  html += (nCurrIndex + 1 == _nPageCount) ? "<span>下一页</span>" : "<a href='" + sName(nCurrIndex + 1) + "'>下一页</a>";
  html += (nCurrIndex + 1 == _nPageCount) ? "<span>尾页</span>" : "<a href='" + sName(_nPageCount - 1) + "'>尾页</a>";
  html += "<span>共" + _nPageCount + "页</span></div>";
  document.write(html);
}
</script>"""


def trs_pager(count: int, current: int) -> str:
    return (f'{_TRS_PAGER}\n<div class="page-box"><script>createPageHTML({count}, {current}, "index", "html");'
            f"</script></div>")


def plain_pager(count: int, current: int) -> str:
    def name(i: int) -> str:
        return "index.html" if i == 0 else f"index_{i}.html"
    parts = []
    parts.append('<span>首页</span>' if current == 0 else f'<a href="{name(0)}">首页</a>')
    parts.append('<span>上一页</span>' if current == 0 else f'<a href="{name(current - 1)}">上一页</a>')
    for i in range(count):
        parts.append(f"<b>{i + 1}</b>" if i == current else f'<a href="{name(i)}">{i + 1}</a>')
    last = current + 1 == count
    parts.append('<span>下一页</span>' if last else f'<a href="{name(current + 1)}">下一页</a>')
    parts.append('<span>尾页</span>' if last else f'<a href="{name(count - 1)}">尾页</a>')
    parts.append(f"<span>共{count}页</span>")
    return f'<div class="pages">{" ".join(parts)}</div>'


def paras(texts: list[str]) -> str:
    out = []
    for t in texts:
        if t.startswith("<"):
            out.append(t)
        else:
            out.append(f"<p>{t}</p>")
    return '<div class="content" id="zoom">\n' + "\n".join(out) + "\n</div>"


# ---------------------------------------------------------------- document texts

def kind_of(name: str) -> str:
    for k in ("实施细则", "细则", "办法", "规定", "规范", "标准", "措施", "政策", "方案", "预案", "计划", "要点", "意见"):
        if name.rstrip("》").split("（")[0].endswith(k):
            return k
    return "文件"


def normative_text(*, name: str, issuer: str, recipients: str, approve: str, purpose: str, basis: str,
                   scope: str, lead: str, clauses: list[str], signed: dt.date, effective: str,
                   repeal: str = "") -> list[str]:
    """A 印发 notice with the regulation itself: the usual shape of a 行政规范性文件."""
    k = kind_of(name)
    k = "细则" if k == "实施细则" else k
    arts = [
        f"为{purpose}，根据{basis}等有关规定，结合本区实际，制定本{k}。",
        f"本{k}适用于{scope}。",
        f"{lead}负责本{k}的组织实施和监督检查，区级有关部门、各街道办事处按照各自职责做好相关工作。",
    ] + clauses + [f"本{k}由{lead}负责解释。", effective + repeal]
    nums = "一二三四五六七八九十"
    out = [f"{recipients}",
           f"《{name}》已经{approve}研究同意，现印发给你们，请结合实际认真贯彻执行。",
           f'<p style="text-align:right">{issuer}</p>',
           f'<p style="text-align:right">{fmt_date(signed, "cn")}</p>',
           "（此件公开发布）",
           f'<p style="text-align:center"><strong>{escape(name)}</strong></p>']
    for i, a in enumerate(arts):
        n = nums[i] if i < 10 else "十" + nums[i - 10]
        out.append(f"第{n}条　{a}")
    return out


def policy_text(*, subject: str, issuer: str, recipients: str, purpose: str, tasks: list[str],
                signed: dt.date, lead: str) -> list[str]:
    """A 政策文件 (work plan, opinion, notice) with 总体要求 / 主要任务 / 保障措施."""
    out = [recipients,
           f"为{purpose}，经研究，现就{subject}有关事项通知如下。",
           "<p><strong>一、总体要求</strong></p>",
           f"坚持以人民为中心的发展思想，坚持问题导向和目标导向，统筹推进{subject}各项工作，"
           "确保各项任务按期落实、取得实效。",
           "<p><strong>二、主要任务</strong></p>"]
    for i, t in enumerate(tasks, 1):
        out.append(f"（{'一二三四五六'[i - 1]}）{t}")
    out += ["<p><strong>三、保障措施</strong></p>",
            f"各单位要高度重视，明确分管领导和具体责任人，细化工作举措。{lead}要加强统筹协调和跟踪问效，"
            "定期通报工作进展，对工作推进不力的单位予以督促整改。",
            f'<p style="text-align:right">{issuer}</p>',
            f'<p style="text-align:right">{fmt_date(signed, "cn")}</p>']
    return out


def interpretation_text(*, doc_name: str, lead: str, purpose: str, scope: str, highlights: list[str],
                        effective: str) -> list[str]:
    """A 解读 that explains rather than copies: background, what changes, who is concerned.
    Each highlight is named by its opening words only, then explained in the 解读's own words."""
    notes = ["这一条是本次制度设计的核心，把过去分散在多个文件中的要求集中起来，便于群众了解、基层执行。",
             "这一条主要针对以往执行中反映较多的问题，细化了操作标准，也给出了明确的办理时限。",
             "这一条强化了事中事后监管，明确由哪个部门负责、出了问题找谁，确保各项措施落到实处。"]
    nums = "一二三四五六"
    out = [
        "<p><strong>一、为什么要出台</strong></p>",
        f"近年来，相关领域的管理要求不断调整，基层在执行中遇到标准不够统一、程序不够清晰等问题，群众和企业也多次通过"
        f"热线、留言反映。{lead}在深入调研、广泛听取意见的基础上起草了{doc_name}，并通过门户网站公开征求社会公众意见，"
        "经合法性审核和集体审议后印发。",
        "<p><strong>二、主要内容有哪些</strong></p>",
        f"{doc_name}从职责分工、具体措施和监督管理几个方面作了规定，重点有以下几点：",
    ]
    for i, h in enumerate(highlights):
        opening = h.split("，")[0].split("；")[0][:16]
        out.append(f"（{nums[i]}）关于“{opening}”。{notes[i % len(notes)]}")
    out += [
        "<p><strong>三、与以往相比有哪些变化</strong></p>",
        "与以往做法相比，一是程序更加规范，办理环节和时限都有了明确要求；二是标准更加统一，减少了自由裁量空间；"
        "三是服务更加便民，能网上办理的事项一律网上办理。",
        "<p><strong>四、哪些单位和个人需要关注</strong></p>",
        "文件涉及的相关单位、企业和群众都应当关注，特别是正在办理相关事项的，可以对照新规定准备材料。",
        "<p><strong>五、什么时候开始施行</strong></p>",
        f"{effective}。执行中如有疑问，可向{lead}咨询。",
    ]
    return out


def guide_text(*, org: str, unit_short: str, address: str, phone: str, fax: str, email: str,
               hours: str, postcode: str, realtime_update: bool = False, no_hours_fax: bool = False,
               old_regulation: bool = False) -> list[str]:
    """A 指南 with every element of 条例第十二条; ``no_hours_fax`` leaves out 办公时间 and 传真,
    ``old_regulation`` keeps the wording of the 2007 条例 (492号令, 三需要, 成本费用)."""
    upd = "本指南根据工作实际实时更新。" if realtime_update else ""
    law = "（国务院令第492号，以下简称《条例》）" if old_regulation else "（以下简称《条例》）"
    contact = (f"联系电话：{phone}；电子邮箱：{email}。" if no_hours_fax else
               f"办公时间：{hours}（法定节假日除外）；联系电话：{phone}；传真：{fax}；电子邮箱：{email}。")
    channels = "当面提交、邮政寄送或者网上申请" if no_hours_fax else "当面提交、邮政寄送、传真或者网上申请"
    need = ("除本机关主动公开的政府信息外，公民、法人或者其他组织还可以根据自身生产、生活、科研等特殊需要，"
            "向本机关申请获取相关政府信息。" if old_regulation else "")
    fees = ("（四）收费标准。本机关依申请提供政府信息，除可以收取检索、复制、邮寄等成本费用外，不收取其他费用。"
            if old_regulation else
            "（四）收费标准。行政机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理"
            "范围的，按照国家有关规定收取信息处理费。")
    return [
        f"为了更好地开展政府信息公开工作，方便公民、法人和其他组织依法获取政府信息，根据《中华人民共和国政府信息"
        f"公开条例》{law}的规定，结合本单位工作实际，编制本指南。{upd}",
        "<p><strong>一、主动公开</strong></p>",
        f"（一）公开范围。{org}按照《条例》第二十条、第二十一条规定，主动公开机构职能、行政规范性文件、"
        "规划计划、财政预决算、行政执法、政策解读等政府信息。具体内容详见本单位政府信息公开专栏的法定主动公开内容。",
        "（二）分类与编排体系。主动公开的政府信息按照“政府信息公开指南、政府信息公开制度、法定主动公开内容、"
        "政府信息公开年报”进行分类，每条信息按索引号、信息名称、发布机构、成文日期、文号等要素编排。"
        "索引号由机构代码、公开年度和流水号组成。",
        "（三）获取方式。公民、法人和其他组织可以通过青岚区人民政府门户网站政府信息公开专栏查阅主动公开的政府信息，"
        "也可以到区档案馆、区图书馆等政府信息查阅场所查阅。主动公开的政府信息自形成或者变更之日起20个工作日内予以公开。",
        "<p><strong>二、依申请公开</strong></p>",
        f"{need}（一）受理机构。名称：{org}政府信息公开工作领导小组办公室；办公地址：{address}；邮政编码：{postcode}；"
        + contact,
        f"（二）申请方式。申请人可以通过{channels}等方式提出申请，并填写《政府信息公开"
        "申请表》。申请内容应当包括申请人的姓名或者名称、身份证明、联系方式，申请公开的政府信息的名称、文号或者"
        "便于查询的其他特征性描述，以及获取信息的方式和途径。",
        "（三）办理时限。能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；"
        "需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。",
        fees,
        "<p><strong>三、工作机构</strong></p>",
        f"{org}政府信息公开工作机构设在{unit_short}办公室，负责本单位政府信息公开的日常工作，"
        "包括组织编制政府信息公开指南和目录、组织维护和更新主动公开的政府信息、受理和答复政府信息公开申请等。",
        "<p><strong>四、监督和救济方式</strong></p>",
        f"公民、法人或者其他组织认为{org}在政府信息公开工作中侵犯其合法权益的，可以向青岚区人民政府办公室投诉、"
        "举报，也可以依法申请行政复议或者提起行政诉讼。",
    ]


def annual_report_text(*, org: str, year: int, n_active: int, n_req: int, n_norm: int,
                       no_problems: bool = False) -> list[str]:
    """The six parts of the 2021 format; ``no_problems`` leaves out 五、存在的主要问题及改进情况."""
    def table(rows: list[tuple[str, ...]]) -> str:
        trs = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
        return f'<table border="1" cellspacing="0" cellpadding="4" width="100%">{trs}</table>'
    return [
        f"本报告根据《中华人民共和国政府信息公开条例》要求，由{org}编制。全文包括总体情况、主动公开政府信息情况、"
        "收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。"
        f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
        "<p><strong>一、总体情况</strong></p>",
        f"{year}年，{org}深入贯彻落实《条例》，围绕中心工作，持续加强政府信息公开专栏建设，"
        f"全年主动公开政府信息{n_active}条，其中行政规范性文件{n_norm}件，均同步发布政策解读。"
        "严格执行保密审查和发布审核制度，确保公开信息准确、规范。",
        "<p><strong>二、主动公开政府信息情况</strong></p>",
        table([("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
               ("规章", "0", "0", "0"), ("行政规范性文件", str(n_norm), "1", str(n_norm + 6))]),
        "<p><strong>三、收到和处理政府信息公开申请情况</strong></p>",
        f"全年共收到政府信息公开申请{n_req}件，均在法定期限内予以答复，其中予以公开{max(n_req - 2, 0)}件，"
        "部分公开1件，本机关不掌握相关政府信息1件。",
        "<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>",
        "全年未发生因政府信息公开引起的行政复议和行政诉讼案件。",
    ] + ([] if no_problems else [
        "<p><strong>五、存在的主要问题及改进情况</strong></p>",
        "一是政策解读形式还不够丰富；二是专栏部分栏目更新频率有待提高。下一步将丰富图解、问答等解读形式，"
        "建立栏目内容定期巡查机制，进一步提升公开质量。",
    ]) + [
        "<p><strong>六、其他需要报告的事项</strong></p>",
        "本年度未收取信息处理费。本单位无其他需要报告的事项。",
    ]


def system_text(*, org: str, kind: str) -> list[str]:
    if kind == "保密审查":
        return [
            f"第一条　为规范{org}政府信息公开保密审查工作，防止泄露国家秘密和工作秘密，根据《中华人民共和国保守国家秘密法》"
            "《中华人民共和国政府信息公开条例》，制定本制度。",
            "第二条　拟公开的政府信息应当在公开前依法进行保密审查，坚持“先审查、后公开”和“一事一审”的原则。",
            "第三条　信息起草科室负责初审，办公室负责复审，涉及重大敏感事项的报分管领导审定。",
            "第四条　经审查不能确定是否可以公开的，应当依照法律、法规和国家有关规定报有关主管部门或者保密行政管理部门确定。",
            "第五条　本制度自发布之日起执行。",
        ]
    return [
        f"第一条　为做好{org}政府信息公开工作，提高工作透明度，根据《中华人民共和国政府信息公开条例》，制定本制度。",
        "第二条　办公室是本单位政府信息公开工作机构，负责政府信息公开的日常工作。",
        "第三条　属于主动公开范围的政府信息，应当自形成或者变更之日起20个工作日内及时公开。",
        "第四条　各科室应当按照“谁制作、谁公开，谁保存、谁公开”的原则，及时提供应当公开的政府信息。",
        "第五条　本制度自发布之日起执行。",
    ]
