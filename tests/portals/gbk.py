"""An older county portal in GBK: no charset in the header or the page, a header that says
UTF-8 over GBK bytes, a GB2312 meta under an ISO-8859-1 server default, a UTF-8 page with a
BOM under a GBK header; a frameset unit home; a 时效性 label with an empty value; a 【已失效】
title marker; a download script that serves a Word file as text/html."""

from __future__ import annotations

from . import Portal, Reply
from .pages import SITE, days_ago, doc_page, doc_rows, guide_page, interp_page, list_items, page

STYLE = "hanweb"


def gbk(html: str, ctype: str = "text/html") -> Reply:
    return Reply(html, ctype, encoding="gbk")


def build(base: str, ext: str) -> Portal:
    routes: dict = {}
    truth: list = []
    u = "/xxgk/tjj/"
    routes["/"] = gbk(page(SITE, '<a href="/xxgk/">政府信息公开</a>', charset=None))
    routes["/xxgk/"] = gbk(page(f"政府信息公开_{SITE}", f'<div>当前位置：<a href="/">首页</a> &gt; 政府信息公开</div>'
                                f'<a href="{u}">县统计局</a>', charset=None))
    routes[u] = gbk(f'<html><head><title>县统计局信息公开</title></head><frameset cols="200,*">'
                    f'<frame src="{u}left.htm" name="left"><frame src="{u}main.htm" name="main"></frameset></html>')
    routes[u + "left.htm"] = gbk(page("栏目导航", f'<ul><li><a href="{u}main.htm" target="main">信息公开目录</a></li></ul>', charset=None))
    crumbs = [("首页", "/"), ("县统计局", u), ("规范性文件", u + "gfxwj/list.htm")]
    gd = days_ago(50)
    guide = u + "zn/2001.htm"
    routes[guide] = gbk(guide_page(style=STYLE, title="测试县统计局政府信息公开指南", revised=days_ago(40), published=gd,
                                   crumbs=[("首页", "/"), ("县统计局", u)], charset=None))
    docs = [  # n, title, validity, has 解读, content type of the page
        (1, "测试县统计调查项目管理办法", "有效", True, "text/html"),
        (2, "测试县统计数据质量管理规定", "", True, "text/html; charset=UTF-8"),
        (3, "【已失效】测试县统计执法检查办法", None, True, "text/html; charset=ISO-8859-1"),
        (4, "测试县统计信息发布管理办法", "有效", False, "text/html"),
    ]
    items = []
    for n, name, validity, has_jd, ctype in docs:
        d = days_ago(20 * n)
        url = f"{u}gfxwj/{d:%Y%m}/{3000 + n}.htm"
        title = f"测试县统计局关于印发《{name.replace('【已失效】', '')}》的通知"
        shown = ("【已失效】" + title) if name.startswith("【") else title
        jd_url = f"{u}zcjd/{4000 + n}.htm"
        related = [("相关解读", f"《{name.replace('【已失效】', '')}》解读", jd_url)] if has_jd else []
        if n == 1:
            related.append(("相关链接", "统计公报（2019年）", u + "tjgb/2019.htm"))
            truth.append(("link.broken", "tjj", url, u + "tjgb/2019.htm"))
            related.append(("附件下载", "统计调查表式", u + "download.jsp?id=5"))
        charset = "gb2312" if "ISO" in ctype else None
        rows = doc_rows(STYLE, index=f"00301-{d.year}-00{n}", issuer="测试县统计局", number=f"测统规〔{d.year}〕{n}号",
                        written=d, published=d, validity=validity if validity else None)
        if validity == "":
            rows.append(("时  效  性", ""))
        routes[url] = gbk(doc_page(style=STYLE, title=shown, crumbs=crumbs, topic=name, related=related,
                                   rows=rows, charset=charset), ctype)
        if validity == "":
            truth.append(("normative.validity-missing", "tjj", url, None))
        if has_jd:
            routes[jd_url] = gbk(interp_page(style=STYLE, title=f"《{name.replace('【已失效】', '')}》解读", topic=name,
                                             published=d, doc=(title, url), charset=None,
                                             crumbs=crumbs[:2] + [("政策解读", u + "main.htm")]))
        else:
            truth.append(("policy.interpretation-missing", "tjj", url, None))
        items.append((shown, url, d))
    routes[u + "gfxwj/list.htm"] = gbk(page(f"规范性文件_{SITE}", f'<div>当前位置：<a href="/">首页</a> &gt; '
                                            f'<a href="{u}">县统计局</a> &gt; 规范性文件</div><ul>{list_items(items)}</ul>',
                                            charset=None))
    routes[u + "main.htm"] = Reply(b"\xef\xbb\xbf" + page("县统计局信息公开目录", f'<ul><li><a href="{guide}">政府信息公开指南</a></li>'
                                                       f'<li><a href="gfxwj/list.htm">规范性文件</a></li></ul>',
                                                       charset="utf-8").encode("utf-8"), "text/html; charset=GBK")
    routes[u + "download.jsp"] = Reply(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096, "text/html")
    return Portal(name="gbk", start_urls=[base + "/xxgk/"], units=[("tjj", "县统计局", [base + u])],
                  routes=routes, truth=[(r, un, base + p, (base + t) if t else None) for r, un, p, t in truth])
