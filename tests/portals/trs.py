"""TRS WCM: static column lists paged only by script — ``createPageHTML(3, 0, "index", "html")``
with numbers or with variables — and a pager plugin configured with ``totalPage`` whose
callback writes ``location.href='index_'+i+'.html'`` (1-based, as on wsjkw.sh.gov.cn, so the
script also names an ``index_1.html`` that does not exist). Documents at
``./YYYYMM/tYYYYMMDD_N.html`` with pingtan's ``有&ensp;效&ensp;性：<em>`` metadata; a 年报
list with static items next to an avalon template (needs no browser); and the usual traps:
a calendar, a site search, print views, a jsessionid link, an endless ``?page=`` list."""

from __future__ import annotations

from . import Portal, Reply, Req
from .pages import SITE, days_ago, doc_page, doc_rows, guide_page, interp_page, list_items, page

STYLE = "trs"


def _tpath(col: str, n: int, d) -> str:
    return f"{col}{d:%Y%m}/t{d:%Y%m%d}_{n}.html"


def _list_page(title: str, crumbs: str, items: str, script: str = "") -> str:
    body = (f'<div class="breadcrumb"><span>当前位置：</span>{crumbs}</div><div class="tabs_header">{title}</div>'
            f'<ul class="list_base">{items}</ul><div class="page_base">{script}</div>')
    return page(f"{title}_{SITE}", body)


def build(base: str, ext: str) -> Portal:
    routes: dict = {}
    truth: list = []

    def add(path: str, html: str) -> None:
        routes[path] = Reply(html)

    add("/", page(SITE, '<a href="/xxgk/">政府信息公开</a>'))
    add("/xxgk/", page(f"政府信息公开_{SITE}", '<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; 政府信息公开</div>'
                       '<ul><li><a href="/xxgk/jyj/">市教育局</a></li><li><a href="/xxgk/zjj/">市住建局</a></li></ul>'))

    # ------------------------------------------------------------------ 市教育局 (jyj)
    u = "/xxgk/jyj/"
    crumb = f'<a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; <a href="{u}">市教育局</a>'
    add(u, page(f"市教育局_{SITE}", f'<div class="breadcrumb">当前位置：{crumb}</div><ul class="nav">'
                '<li><a href="./zn/">政府信息公开指南</a></li><li><a href="./gfxwj/">规范性文件</a></li>'
                '<li><a href="./zcjd/">政策解读</a></li><li><a href="./nb/">政府信息公开年报</a></li>'
                '<li><a href="./gfxwj/index.html;jsessionid=8F2A1C0B9D7E6F5A4B3C2D1E0F9A8B7C">规范性文件（旧链接）</a></li>'
                '<li><a href="./list.jsp?page=1">全部信息</a></li></ul>'
                '<div class="calendar"><a href="./hd/rl.jsp?date=2026-11-01">11月1日活动</a></div>'
                '<form action="/search/search.jsp"><a href="/search/search.jsp?searchword=%E6%95%99%E8%82%B2">搜索“教育”</a></form>'))
    routes[u + "hd/rl.jsp"] = lambda r: Reply(page("活动日历", f'<a href="rl.jsp?date={r.query.get("date", "")}-x">后一天</a>'
                                                    f'<a href="rl.jsp?date=2099-01-01">2099年</a>'))
    routes["/search/search.jsp"] = Reply(page("搜索结果", '<a href="/search/search.jsp?searchword=x&page=2">下一页</a>'))

    def endless(r: Req) -> Reply:
        n = int(r.query.get("page", "1") or 1)
        return Reply(page(f"全部信息 第{n}页", f'<p>第{n}页</p><a href="list.jsp?page={n + 1}">下一页</a>'))
    routes[u + "list.jsp"] = endless

    zn = u + "zn/"
    guide_d = days_ago(560)
    guide_url = _tpath(zn, 1001, guide_d)
    add(guide_url, guide_page(style=STYLE, title="测试市教育局政府信息公开指南", revised=days_ago(500), published=guide_d,
                              crumbs=[("首页", "/"), ("市教育局", u), ("政府信息公开指南", zn)]))
    truth.append(("guide.revision-outdated", "jyj", guide_url, None))
    add(zn, _list_page("政府信息公开指南", crumb, list_items([("测试市教育局政府信息公开指南", guide_url, guide_d)])))

    col = u + "gfxwj/"
    jd = u + "zcjd/"
    crumbs = [("首页", "/"), ("政府信息公开", "/xxgk/"), ("市教育局", u), ("规范性文件", col)]
    jd_crumbs = crumbs[:3] + [("政策解读", jd)]
    docs = [  # n, name, days ago, validity, has 解读, defect
        (2001, "测试市中小学课后服务管理办法", 40, "有效", True, "soft404"),
        (2002, "测试市教师培训学分管理规定", 60, "有效", True, None),
        (2003, "测试市义务教育招生入学实施细则", 80, "有效", True, None),
        (2004, "测试市学生资助资金管理办法", 100, "有效", False, "interp"),
        (2005, "测试市民办学校年度检查办法", 120, "有效", True, None),
        (2006, "测试市校园安全管理规定", 140, "有效", True, None),
        (2007, "测试市教育督导评估实施办法", 160, None, True, "validity"),
        (2008, "测试市特殊教育随班就读管理办法", 180, "有效", True, "attachment"),
    ]
    doc_items, jd_items = [], []
    for i, (n, name, ago, validity, has_jd, defect) in enumerate(docs):
        d = days_ago(ago)
        url = _tpath(col, n, d)
        title = f"测试市教育局关于印发《{name}》的通知"
        jd_url = _tpath(jd, n + 500, d)
        jd_title = f"《{name}》政策解读"
        related = [("相关解读", jd_title, jd_url)] if has_jd else []
        att = f"{col}{d:%Y%m}/P0{d:%Y%m%d}{n}.pdf"
        if defect == "soft404":
            related.append(("相关链接", "原学籍管理通知", u + "old/notice.html"))
            truth.append(("link.broken", "jyj", url, u + "old/notice.html"))
        if defect == "attachment":
            truth.append(("link.broken", "jyj", url, att))
        else:
            routes[att] = Reply(b"%PDF-1.4 attachment", "application/pdf")
        add(url, doc_page(style=STYLE, title=title, crumbs=crumbs, topic=name, related=related,
                          attachments=[(f"{name}（原件）.pdf", att)],
                          rows=doc_rows(STYLE, index=f"ZX0{i}-2100-{d.year}-000{i}", issuer="测试市教育局",
                                        number=f"测教规〔{d.year}〕{i + 1}号", written=d, published=d,
                                        validity=validity)))
        doc_items.append((title, url, d))
        if defect == "validity":
            truth.append(("normative.validity-missing", "jyj", url, None))
        if not has_jd:
            truth.append(("policy.interpretation-missing", "jyj", url, None))
            continue
        add(jd_url, interp_page(style=STYLE, title=jd_title, crumbs=jd_crumbs, topic=name, published=d,
                                doc=(title, url)))
        jd_items.append((jd_title, jd_url, d))
    routes[u + "old/notice.html"] = Reply(page("提示信息", "<div class=\"error\"><h3>对不起，您访问的页面不存在或已被删除！</h3>"
                                                      '<a href="/">返回首页</a></div>'))
    for k in range(3):
        name = "index.html" if k == 0 else f"index_{k}.html"
        items = list_items(doc_items[k * 3:(k + 1) * 3])
        add(col + name, _list_page("规范性文件", crumb, items, '<script>createPageHTML(3, %d, "index", "html");</script>' % k))
    add(col, routes[col + "index.html"].body)
    for k in range(2):
        name = "index.html" if k == 0 else f"index_{k}.html"
        script = f'<script>var countPage = 2;//共多少页\nvar currentPage = {k};\ncreatePageHTML(countPage, currentPage, "index", "html");</script>'
        add(jd + name, _list_page("政策解读", crumb, list_items(jd_items[k * 4:(k + 1) * 4]), script))
    add(jd, routes[jd + "index.html"].body)

    nb = u + "nb/"
    reports = []
    for year in (2025, 2024):
        d = days_ago(300 if year == 2025 else 660)
        url = _tpath(nb, 9000 + year, d)
        t = f"测试市教育局{year}年政府信息公开工作年度报告"
        add(url, page(t, f"<h1>{t}</h1><p>发布日期：{d.isoformat()}</p><div>一、总体情况。{'本年度，我局认真贯彻落实政府信息公开条例。' * 8}</div>"))
        reports.append((t, url, d))
    add(nb, page(f"政府信息公开年报_{SITE}",
                 f'<div class="breadcrumb">当前位置：{crumb}</div><div ms-controller="list">'
                 f'<div class="rules_tabs_01" ms-visible="showStatic">{list_items(reports, "dl")}</div>'
                 '<div class="rules_tabs_01" ms-visible="!showStatic" style="display: none">'
                 '<dl ms-repeat="list"><dd><a ms-attr-href="el.chnldocurl" ms-text="el.doctitle"></a></dd></dl></div></div>'
                 '<script>require(["list2.trsapi"], function(listModel){ listModel({listArgs: {channelid: 200210}}); });</script>'))

    # ------------------------------------------------------------------ 市住建局 (zjj)
    z = "/xxgk/zjj/"
    zcrumb = f'<a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; <a href="{z}">市住建局</a>'
    add(z, page(f"市住建局_{SITE}", f'<div class="breadcrumb">当前位置：{zcrumb}</div>'
                '<ul><li><a href="zn/index.html">政府信息公开指南</a></li><li><a href="zcwj/index.html">政策文件</a></li></ul>'))
    gd = days_ago(90)
    zguide = _tpath(z + "zn/", 3001, gd)
    add(zguide, guide_page(style=STYLE, title="测试市住房和城乡建设局政府信息公开指南", revised=days_ago(60), published=gd,
                           crumbs=[("首页", "/"), ("市住建局", z), ("政府信息公开指南", z + "zn/index.html")]))
    add(z + "zn/index.html", _list_page("政府信息公开指南", zcrumb, list_items([("测试市住房和城乡建设局政府信息公开指南", zguide, gd)])))
    zcol = z + "zcwj/"
    pcrumbs = [("首页", "/"), ("政府信息公开", "/xxgk/"), ("市住建局", z), ("政策文件", zcol + "index.html")]
    pdocs = []
    for k, (n, name, ago, has_jd) in enumerate([(4001, "测试市住宅专项维修资金使用办法", 30, True),
                                               (4002, "测试市老旧小区改造实施方案", 50, True),
                                               (4003, "测试市物业服务收费管理办法", 70, False)]):
        d = days_ago(ago)
        url = _tpath(zcol, n, d)
        title = f"测试市住房和城乡建设局关于印发{name}的通知"
        jd_url = _tpath(z + "zcjd/", n + 500, d)
        add(url, doc_page(style=STYLE, title=title, crumbs=pcrumbs, topic=name,
                          related=[("相关解读", f"{name}解读", jd_url)] if has_jd else [],
                          rows=doc_rows(STYLE, index=f"ZJ0{k}-2200-{d.year}-000{k}", issuer="测试市住房和城乡建设局",
                                        number=f"测建〔{d.year}〕{k + 11}号", written=d, published=d, validity=None)))
        if has_jd:
            add(jd_url, interp_page(style=STYLE, title=f"{name}解读", topic=name, published=d, doc=(title, url),
                                    crumbs=pcrumbs[:3] + [("政策解读", z)]))
        else:
            truth.append(("policy.interpretation-missing", "zjj", url, None))
        pdocs.append((title, url, d))
    pager = ("<script type=\"text/javascript\">\n$(\".pagination\").pagination({\n  totalPage: 3,\n  showPageNum: 5,\n"
             "  isShowTotalPage: true,\n  callBack: function (currPage) {\n    var i=currPage;\n    if(i==1)\n"
             "      location.href='index.html';\n    else\n      location.href='index_'+i+'.html';\n  }\n});\n"
             "$(\".pagination\").pagination(\"setPage\",1,3);\n</script>")
    for k in range(3):
        name = "index.html" if k == 0 else f"index_{k + 1}.html"
        add(zcol + name, _list_page("政策文件", zcrumb, list_items(pdocs[k:k + 1]), pager))

    return Portal(name="trs", start_urls=[base + "/xxgk/"],
                  units=[("jyj", "市教育局", [base + u]), ("zjj", "市住建局", [base + z])],
                  routes=routes, crawl={"max_query_variants": 5},
                  truth=[(r, un, base + p, (base + t) if t else None) for r, un, p, t in truth])
