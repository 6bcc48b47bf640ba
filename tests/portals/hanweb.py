"""大汉 Hanweb JCMS: column pages whose lists are ``<datastore>`` XML in a script, the rest
behind the jpage plugin's ``dataproxy.jsp`` (POST with startrecord/endrecord/perpage and the
page's ajaxParam); an older column with only a ``<nextgroup>`` link; another with the
records in a ``var InitData = […]`` array. Articles at ``/art/Y/M/D/art_<col>_<id>.html``; a
unit home that only redirects (meta refresh), another that frames its column, and one list
item that lives outside every unit prefix (the site's own ``/art/`` tree)."""

from __future__ import annotations

from html import escape

from . import Portal, Reply, Req
from .pages import SITE, days_ago, doc_page, doc_rows, guide_page, interp_page, page

STYLE = "hanweb"


def _art(unit: str, col: int, n: int, d) -> str:
    prefix = f"/{unit}" if unit else ""
    return f"{prefix}/art/{d.year}/{d.month}/{d.day}/art_{col}_{n}.html"


def _record(title: str, href: str, d) -> str:
    return (f"<record><![CDATA[\n<li><a href='{escape(href)}' title='{escape(title)}' target=\"_blank\">"
            f"{escape(title)}</a><span>{d.isoformat()}</span></li>]]></record>\n")


def _datastore(records: list[str], nextgroup: str = "") -> str:
    group = f'<nextgroup><![CDATA[<a href="{escape(nextgroup)}"></a>]]></nextgroup>' if nextgroup else ""
    return f"<datastore>{group}<recordset>{''.join(records)}</recordset></datastore>"


def _column(title: str, unit_name: str, crumbs: str, inner: str, script: str = "") -> str:
    body = (f'<div class="bt-position"><span>当前位置：</span>{crumbs}</div>'
            f'<div class="lm-title">{escape(title)}</div><div class="lm-list">{inner}</div>{script}')
    return page(f"{title}_{unit_name}_{SITE}", body)


def build(base: str, ext: str) -> Portal:
    routes: dict = {}
    truth: list = []

    def add(path: str, html: str) -> None:
        routes[path] = Reply(html)

    routes["/"] = Reply(page(SITE, '<p>欢迎访问测试市人民政府门户网站。</p><a href="/col/col100/index.html">政府信息公开</a>'))
    add("/col/col100/index.html", page(f"政府信息公开_{SITE}", '<div class="bt-position">当前位置：<a href="/">首页</a> &gt; 政府信息公开</div>'
        '<ul class="units"><li><a href="/sfj/">市司法局</a></li><li><a href="/jtj/">市教育局</a></li></ul>'))

    # ------------------------------------------------------------------ 市司法局 (sfj)
    sfj = "市司法局"
    add("/sfj/", '<html><head><meta http-equiv="refresh" content="0;url=/sfj/col/col2100/index.html">'
                 '<title>测试市司法局</title></head><body></body></html>')
    home = "/sfj/col/col2100/index.html"
    crumb = f'<a href="/">首页</a> &gt; <a href="{home}">{sfj}</a>'
    add(home, _column("信息公开", sfj, crumb,
                      '<ul><li><a href="/sfj/col/col2101/index.html">政府信息公开指南</a></li>'
                      '<li><a href="/sfj/col/col2103/index.html">规范性文件</a></li>'
                      '<li><a href="/sfj/col/col2105/index.html">政策解读</a></li>'
                      '<li><a href="/sfj/col/col2106/index.html">政府信息公开年报</a></li></ul>'))
    add("/sfj/col/col2106/index.html", _column("政府信息公开年报", sfj, crumb, "<p>本栏目暂无信息。</p>"))

    guide_d = days_ago(400)
    guide = _art("sfj", 2101, 5001, guide_d)
    add(guide, guide_page(style=STYLE, title="测试市司法局政府信息公开指南", revised=None, published=guide_d,
                          crumbs=[("首页", "/"), (sfj, home), ("政府信息公开指南", "/sfj/col/col2101/index.html")]))
    truth.append(("guide.revision-missing", "sfj", guide, None))
    add("/sfj/col/col2101/index.html", _column(
        "政府信息公开指南", sfj, crumb,
        f'<div id="8800"><script type="text/xml">{_datastore([_record("测试市司法局政府信息公开指南", guide, guide_d)])}'
        "</script></div>"))

    docs = [  # n, name, days ago, validity, 解读 mode, defect
        (6001, "测试市行政执法公示办法", 200, "有效", "link", None),
        (6002, "测试市法律援助经济困难标准规定", 180, "有效", "title", None),
        (6003, "测试市人民调解工作规范", 150, "有效", "link", "attachment"),
        (6004, "测试市公共法律服务事项清单管理办法", 120, None, "link", "validity"),
        (6005, "测试市行政复议案件办理规程", 90, "有效", None, "interp"),
    ]
    col_crumbs = [("首页", "/"), (sfj, home), ("规范性文件", "/sfj/col/col2103/index.html")]
    jd_crumbs = [("首页", "/"), (sfj, home), ("政策解读", "/sfj/col/col2105/index.html")]
    doc_records, jd_records = [], []
    for i, (n, name, ago, validity, mode, defect) in enumerate(docs):
        d = days_ago(ago)
        url = _art("sfj", 2103, n, d)
        title = f"测试市司法局关于印发《{name}》的通知"
        jd_title = f"《{name}》政策解读"
        jd_url = _art("sfj", 2105, n + 100, d)
        related = [("相关解读", jd_title, jd_url)] if mode == "link" else []
        attachments = [(f"{name}.pdf", f"/sfj/picture/0/{n}.pdf")]
        if defect == "attachment":
            truth.append(("link.broken", "sfj", url, base + f"/sfj/picture/0/{n}.pdf"))
        else:
            routes[f"/sfj/picture/0/{n}.pdf"] = Reply(b"%PDF-1.4 test", "application/pdf")
        add(url, doc_page(style=STYLE, title=title, crumbs=col_crumbs, topic=name, related=related,
                          attachments=attachments,
                          rows=doc_rows(STYLE, index=f"11360100MB/{d.year}-0{i + 1}", issuer="测试市司法局",
                                        number=f"测司规〔{d.year}〕{i + 1}号", written=d, published=d,
                                        validity=validity)))
        doc_records.append(_record(title, url, d))
        if defect == "validity":
            truth.append(("normative.validity-missing", "sfj", url, None))
        if mode is None:
            truth.append(("policy.interpretation-missing", "sfj", url, None))
            continue
        add(jd_url, interp_page(style=STYLE, title=jd_title, crumbs=jd_crumbs, topic=name, published=d,
                                doc=(title, url) if mode == "link" else None))
        jd_records.append(_record(jd_title, jd_url, d))

    jpage = ("<script>$(function(){$('#8801').jpage({themeName:'default',showMode:'full',totalRecord:5,"
             "openCookies:false,dataBefore:'<ul>',dataStore:dataStore,dataAfter:'</ul>',groupSize:1,"
             "proxyUrl:'/module/web/jpage/dataproxy.jsp',perPage:2,barPosition:'bottom',"
             "ajaxParam:{col:1,appid:'1',webid:3,path:'/',columnid:2103,unitid:'8801',"
             "webname:'测试市司法局',permissiontype:0}});});</script>")
    add("/sfj/col/col2103/index.html", _column(
        "规范性文件", sfj, crumb,
        f'<div id="8801"><script type="text/xml">{_datastore(doc_records[:2])}</script></div>', jpage))

    gone = _art("sfj", 2105, 6999, days_ago(100))
    truth.append(("link.broken", "sfj", base + "/sfj/col/col2105/index.html", base + gone))
    proxy_next = "/module/web/jpage/dataproxy.jsp?page={n}&appid=1&webid=3&path=/&columnid=2105&unitid=8802&permissiontype=0"
    add("/sfj/col/col2105/index.html", _column(
        "政策解读", sfj, crumb,
        f'<div id="8802"><script type="text/xml">{_datastore(jd_records[:2], proxy_next.format(n=1))}</script></div>'))
    interp_groups = {"1": (jd_records[2:] + [_record("《测试市社区矫正工作细则》政策解读", gone, days_ago(100))],
                           proxy_next.format(n=2)),
                     "2": ([], "")}

    # ------------------------------------------------------------------ 市教育局 (jtj)
    jtj = "市教育局"
    add("/jtj/", page(f"{jtj}_{SITE}", '<iframe src="/jtj/col/col3100/index.html" width="100%" height="900" '
                                       'frameborder="0" title="信息公开"></iframe>'))
    truth.append(("guide.missing", "jtj", base + "/jtj/", None))
    jcrumb = [("首页", "/"), (jtj, "/jtj/"), ("规范性文件", "/jtj/col/col3100/index.html")]
    tdocs = [(7001, "测试市中小学校学籍管理办法", 160, "/jtj", True), (7002, "测试市校外培训机构监管办法", 130, "/jtj", False),
             (7003, "测试市学前教育资助实施办法", 70, "", False)]
    array_items = []
    for i, (n, name, ago, prefix, broken_att) in enumerate(tdocs):
        d = days_ago(ago)
        unit = "jtj" if prefix else ""
        url = _art(prefix.strip("/"), 3100, n, d)
        title = f"测试市教育局关于印发《{name}》的通知"
        jd_url = _art("jtj", 3105, n + 100, d)
        jd_title = f"《{name}》解读"
        att = f"/jtj/picture/{n}.docx"
        if broken_att:
            truth.append(("link.broken", unit, base + url, base + att))
        else:
            routes[att] = Reply(b"PK\x03\x04docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        extra = []
        if not prefix:  # outside every unit prefix: the site's own page (本级)
            extra = [("相关链接", "测试市教育专题（旧版）", ext + "/ext/old-topic")]
            truth.append(("link.broken", "", base + url, ext + "/ext/old-topic"))
        add(url, doc_page(style=STYLE, title=title, crumbs=jcrumb, topic=name,
                          related=[("相关解读", jd_title, jd_url)] + extra, attachments=[(f"{name}.docx", att)],
                          rows=doc_rows(STYLE, index=f"11360100MC/{d.year}-0{i + 1}", issuer="测试市教育局",
                                        number=f"测教规〔{d.year}〕{i + 1}号", written=d, published=d,
                                        validity="有效")))
        add(jd_url, interp_page(style=STYLE, title=jd_title, crumbs=jcrumb[:2] + [("政策解读", "/jtj/")], topic=name,
                                published=d, doc=(title, url)))
        array_items.append((title, url, d))
    initdata = ",".join("'<li><a href=\\'{}\\' target=\\'_blank\\'>{}</a><span>{}</span></li>'".format(h, t, d.isoformat())
                        for t, h, d in array_items[:2])
    add("/jtj/col/col3100/index.html", _column(
        "规范性文件", jtj, f'<a href="/">首页</a> &gt; <a href="/jtj/">{jtj}</a>',
        '<div id="8803"></div>',
        f"<script>var InitData8803 = [{initdata}];$(function(){{$('#8803').jpage({{totalRecord:3,"
        "dataStore:InitData8803,groupSize:1,proxyUrl:'/module/jslib/jquery/jpage/dataproxy.jsp',perPage:2,"
        "ajaxParam:{col:1,appid:'1',webid:3,path:'/',columnid:3100,unitid:'8803',permissiontype:0}});});</script>"))

    columns = {"2103": doc_records, "3100": [_record(t, h, d) for t, h, d in array_items]}

    def dataproxy(req: Req) -> Reply:
        params = {**req.query, **req.form}
        column = params.get("columnid", "")
        if "page" in params and column == "2105":
            records, nxt = interp_groups.get(params["page"], ([], ""))
            return Reply('<?xml version="1.0" encoding="UTF-8"?>' + _datastore(records, nxt), "text/xml; charset=UTF-8")
        if req.method != "POST" or column not in columns:
            return Reply("<datastore><recordset></recordset></datastore>", "text/xml; charset=UTF-8")
        start, end = int(params.get("startrecord", 1)), int(params.get("endrecord", 1))
        records = columns[column][start - 1:end]
        return Reply(f'<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>{len(columns[column])}'
                     f"</totalrecord>{_datastore(records)[11:]}", "text/xml; charset=UTF-8")

    routes["/module/web/jpage/dataproxy.jsp"] = dataproxy
    routes["/module/jslib/jquery/jpage/dataproxy.jsp"] = dataproxy
    routes["/ext/old-topic"] = Reply("", status=302, headers=(("Location", ext + "/"),))
    return Portal(name="hanweb", start_urls=[base + "/col/col100/index.html"],
                  units=[("sfj", "市司法局", [base + "/sfj/"]), ("jtj", "市教育局", [base + "/jtj/"])],
                  routes=routes, truth=[(r, u, (base + p if p.startswith("/") else p), t) for r, u, p, t in truth])
