"""Page builders for the fixture portals, after the markup of real pages of each CMS family.

``style`` picks the metadata block: ``hanweb`` (jiangxi.gov.cn: a table of ``<b>索  引  号:</b>``
cells), ``trs`` (pingtan.gov.cn: ``<li>有&ensp;效&ensp;性：<em class="red_base">有效</em>``),
``ucap`` (wanzai.gov.cn: ``<dd><label><font>索 引 号：</font></label><div>…</div></dd>``).
"""

from __future__ import annotations

import datetime as dt
from html import escape

SITE = "测试市人民政府"
TODAY = dt.date.today()

_SENTENCES = [
    "为进一步规范{t}工作，提高行政效能，保障公民、法人和其他组织的合法权益，结合本市实际，制定本办法。",
    "本办法适用于本市行政区域内的{t}及其监督管理活动，法律、法规另有规定的，从其规定。",
    "各相关部门应当按照职责分工，加强协调配合，建立健全工作机制，确保各项措施落实到位。",
    "对违反本办法规定的行为，由有关部门依法责令改正；情节严重的，依法追究相关人员的责任。",
    "市人民政府有关部门应当加强对{t}工作的指导和监督检查，定期通报工作进展情况。",
    "本办法自发布之日起施行，由市人民政府办公室负责解释，具体应用问题由主管部门负责解答。",
]


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def body_text(topic: str, n: int = 6) -> str:
    return "".join(f"<p>{'第' + '一二三四五六七八九十'[i % 10] + '条　' if i < 5 else ''}{s.format(t=topic)}</p>"
                   for i, s in enumerate((_SENTENCES * 2)[:n]))


def crumbs_html(crumbs: list[tuple[str, str]], style: str) -> str:
    links = " &gt; ".join(f'<a href="{escape(h)}">{escape(t)}</a>' for t, h in crumbs)
    if style == "trs":
        return ('<div class="breadcrumb"><span>当前位置：</span><ul><li>'
                + "</li><li>".join(f'<a href="{escape(h)}" class="CurrChnlCls">{escape(t)}</a>' for t, h in crumbs)
                + "</li></ul></div>")
    if style == "ucap":
        return f'<div class="position"><h2>您现在的位置：{links}</h2></div>'
    return f'<div class="bt-position"><span>当前位置：</span>{links}</div>'


def meta_block(rows: list[tuple[str, str]], style: str) -> str:
    if style == "trs":
        cells = []
        for label, value in rows:
            label = label.replace(" ", "&ensp;")
            inner = f'<em class="red_base">{escape(value)}</em>' if "效" in label else f"<font>{escape(value)}</font>"
            cells.append(f'<li class="trt-col-12">\n  {label}：\n  {inner}\n</li>')
        return '<div class="index_box"><ul class="trt-row">' + "".join(cells) + "</ul></div>"
    if style == "ucap":
        cells = "".join(f'<dd class="addWidth"><label><font>{label}：</font></label>'
                        f'<div class="display-block">{escape(value)}</div></dd>' for label, value in rows)
        return f'<div class="meta-data"><dl class="clearfix">{cells}</dl></div>'
    cells = [f'<td width="33%" align="left"><b><span>{label}: </span></b> {escape(value)}</td>' for label, value in rows]
    trs = "".join("<tr>" + "".join(cells[i:i + 3]) + "</tr>" for i in range(0, len(cells), 3))
    return f'<div class="xxgkTitle"><table border="0" width="99%">{trs}</table></div>'


def doc_rows(style: str, *, index: str, issuer: str, number: str, written: dt.date, published: dt.date,
             validity: str | None) -> list[tuple[str, str]]:
    sep = {"hanweb": "  ", "trs": " ", "ucap": " "}[style]
    rows = [(sep.join("索引号"), index), ("发文机关", issuer), (sep.join("文号") if style != "trs" else "发文字号", number),
            ("成文日期", written.isoformat()), ("发布日期", published.isoformat())]
    if validity is not None:
        rows.append((sep.join("有效性"), validity))
    return rows


def page(title: str, body: str, *, head: str = "", charset: str | None = "utf-8", nav: str = "") -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
    return (f"<!DOCTYPE html><html><head>{meta}<title>{escape(title)}</title>{head}</head><body>"
            f'<div class="header"><a href="/">{SITE}</a>{nav}</div>{body}'
            f'<div class="footer">主办：{SITE}办公室　网站标识码 3600000001</div></body></html>')


def doc_page(*, style: str, title: str, crumbs: list[tuple[str, str]], rows: list[tuple[str, str]], topic: str,
             related: list[tuple[str, str, str]] = (), attachments: list[tuple[str, str]] = (),
             charset: str | None = "utf-8") -> str:
    """A document detail page. ``related``: (label, text, href), e.g. ("相关解读", title, url)."""
    rel = "".join(f'<div class="xgjd"><span>{escape(label)}：</span><a href="{escape(h)}">{escape(t)}</a></div>'
                  for label, t, h in related)
    att = "".join(f'<p>附件：<a href="{escape(h)}">{escape(t)}</a></p>' for t, h in attachments)
    head = f'<meta name="ArticleTitle" content="{escape(title)}">' if style == "hanweb" else ""
    title_tag = f"<ucaptitle>{escape(title)}</ucaptitle>" if style == "ucap" else escape(title)
    body = (crumbs_html(crumbs, style) + meta_block(rows, style)
            + f'<h1 class="article-title">{title_tag}</h1><div id="zoom">{body_text(topic)}</div>{att}{rel}')
    return page(f"{title}_{SITE}", body, head=head, charset=charset)


def interp_page(*, style: str, title: str, crumbs: list[tuple[str, str]], topic: str, published: dt.date,
                doc: tuple[str, str] | None = None, charset: str | None = "utf-8") -> str:
    rel = (f'<div class="xgwj"><span>相关文件：</span><a href="{escape(doc[1])}">{escape(doc[0])}</a></div>'
           if doc else "")
    body = (crumbs_html(crumbs, style) + f'<h1>{escape(title)}</h1><div class="info">发布日期：{published.isoformat()}</div>'
            f'<div id="zoom"><p>一、起草背景。{body_text(topic, 3)}</p><p>二、主要内容。{body_text(topic, 3)}</p></div>{rel}')
    return page(f"{title}_{SITE}", body, charset=charset)


def guide_page(*, style: str, title: str, crumbs: list[tuple[str, str]], revised: dt.date | None,
               published: dt.date, charset: str | None = "utf-8") -> str:
    mark = f"<p>（{revised.year}年{revised.month}月修订）</p>" if revised else ""
    body = (crumbs_html(crumbs, style) + f"<h1>{escape(title)}</h1>{mark}"
            f'<div class="info">发布日期：{published.isoformat()}</div><div id="zoom">'
            "<p>为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。</p>"
            "<p>一、主动公开。公开的主要内容包括机构职能、规范性文件、政策解读、规划计划和统计信息等。</p>"
            "<p>二、依申请公开。申请人可以通过当面、邮政寄送或者互联网提交等方式提出政府信息公开申请。</p>"
            "<p>三、办理机构：办公室，办公地址：府前路1号，办公时间：工作日上午9:00—12:00，联系电话：0791-8888001。</p>"
            "</div>")
    return page(f"{title}_{SITE}", body, charset=charset)


def list_items(items: list[tuple[str, str, dt.date]], style: str = "li") -> str:
    if style == "dl":
        return "".join(f'<dl><dd><a href="{escape(h)}" target="_blank" title="{escape(t)}">{escape(t)}</a></dd>'
                       f"<dd>{d.isoformat()}</dd></dl>" for t, h, d in items)
    return "".join(f'<li><a href="{escape(h)}" target="_blank" title="{escape(t)}">{escape(t)}</a>'
                   f'<span class="time">{d.isoformat()}</span></li>' for t, h, d in items)
