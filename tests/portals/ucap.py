"""开普云 Ucap (Jiangxi 集约化平台 style): one ``xxgk.shtml?code=…&temp=…`` page per column whose
list is empty in the HTML and filled by script from a JSON API, paged by a script pager
(下一页 is not a link); another unit's 解读 list is a client-side item template filled from
``fetch()`` JSON whose urls are a JSON string (``"urls":"{\\"pc\\":\\"/…\\"}"``, as on
sthjt.jiangxi.gov.cn). Details are ``/<site>/<unit>/YYYYMM/<uuid>.shtml`` with the xxgk
``<dd><label><font>索 引 号：</font></label>`` block and a 关联稿件 list. Only a browser sees
page 2+ of the lists, the guide and the 解读 — without it the audit misses defects and
reports false ones."""

from __future__ import annotations

import hashlib
import json

from . import Portal, Reply, Req
from .pages import SITE, days_ago, doc_page, doc_rows, guide_page, interp_page, list_items, page

STYLE = "ucap"
SITE_CODE = "cszf"

LIST_SCRIPT = """<script type="text/javascript">
function getQuery(name){var m=location.search.match(new RegExp('[?&]'+name+'=([^&]*)'));return m?decodeURIComponent(m[1]):'';}
var code = getQuery('code');
function loadList(page){
  var xhr = new XMLHttpRequest();
  xhr.open('GET', '/api/ucap/list?websiteCode=%(site)s&unit=%(unit)s&code=' + code + '&page=' + page + '&pageSize=3');
  xhr.onload = function(){
    var d = JSON.parse(xhr.responseText).data, html = '';
    for (var i = 0; i < d.list.length; i++) {
      html += '<li><a href="' + d.list[i].url + '" target="_blank">' + d.list[i].title + '</a><span class="time">'
            + d.list[i].publishTime + '</span></li>';
    }
    document.getElementById('listBox').innerHTML = html;
    var pager = '<span>共' + d.totalPage + '页</span>';
    if (d.page < d.totalPage) { pager += '<a href="javascript:void(0)" onclick="loadList(' + (d.page + 1) + ')">下一页</a>'; }
    else { pager += '<a href="javascript:void(0)" class="disabled">下一页</a>'; }
    document.getElementById('pageBox').innerHTML = pager;
  };
  xhr.send();
}
loadList(1);
</script>"""

TEMPLATE_SCRIPT = """<script id="jdTpl" type="text/x-handlebars-template">
<ul class="List_list">{{#each data}}<li><a href="{{pcUrl}}" target="_blank" title="{{title}}">{{title}}</a><span>{{pubDate}}</span></li>{{/each}}</ul>
</script>
<script>
var params = {current: 1, unitid: '%(unitid)s', webSiteCode: ['%(site)s'], channelCode: ['zcjd'], perPage: '15'};
function renderTemplate(id, items) {
  var tpl = document.getElementById(id).innerHTML, open = tpl.indexOf('{{#each data}}'), close = tpl.indexOf('{{/each}}');
  var row = tpl.substring(open + 14, close), out = '';
  items.forEach(function (it) { out += row.split('{{pcUrl}}').join(it.pcUrl).split('{{title}}').join(it.title)
                                          .split('{{pubDate}}').join(it.pubDate); });
  return tpl.substring(0, open) + out + tpl.substring(close + 9);
}
function loadPageData(p, box) {
  fetch('/api/ucap/jd', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(p)})
    .then(function (r) { return r.json(); })
    .then(function (d) {
      var items = d.data.map(function (a) { return {pcUrl: JSON.parse(a.urls).pc, title: a.title, pubDate: a.pubDate}; });
      document.getElementById(box).innerHTML = renderTemplate('jdTpl', items);
    });
}
loadPageData(params, '%(unitid)s');
</script>"""


def _uuid(n: int) -> str:
    return hashlib.md5(str(n).encode()).hexdigest()


def build(base: str, ext: str) -> Portal:
    routes: dict = {}
    truth: list = []
    lists: dict[tuple[str, str], list[tuple[str, str, object]]] = {}

    def add(path: str, html: str) -> None:
        routes[path] = Reply(html)

    root = f"/{SITE_CODE}/"
    add("/", page(SITE, f'<a href="{root}xxgk/">政府信息公开</a>'))
    add(root + "xxgk/", page(f"政府信息公开_{SITE}", f'<div class="position">您现在的位置：<a href="/">首页</a>&gt;政府信息公开</div>'
                             f'<ul><li><a href="{root}fgw/">市发展改革委</a></li><li><a href="{root}mzj/">市民政局</a></li></ul>'))

    # ------------------------------------------------------------------ 市发展改革委 (fgw): API lists
    u = root + "fgw/"
    crumb = f'<a href="/">首页</a>&gt;<a href="{root}xxgk/">政府信息公开</a>&gt;<a href="{u}">市发展改革委</a>'
    add(u, page(f"市发展改革委_{SITE}", f'<div class="position">您现在的位置：{crumb}</div><ul class="xxgk-nav">'
                '<li><a href="xxgk.shtml?code=zn&amp;temp=xsqbmxxgk_list">政府信息公开指南</a></li>'
                '<li><a href="xxgk.shtml?code=gfxwj&amp;temp=xsqbmxxgk_list">规范性文件</a></li></ul>'))

    def column_page(r: Req) -> Reply:
        names = {"zn": "政府信息公开指南", "gfxwj": "规范性文件"}
        name = names.get(r.query.get("code", ""), "信息公开")
        return Reply(page(f"{name}_市发展改革委_{SITE}",
                          f'<div class="position">您现在的位置：{crumb}&gt;<span>{name}</span></div>'
                          '<div class="xxgk-right"><ul class="xxgk-list" id="listBox"></ul>'
                          '<div class="page-box" id="pageBox"></div></div>' + LIST_SCRIPT % {"site": SITE_CODE, "unit": "fgw"}))
    routes[u + "xxgk.shtml"] = column_page

    gd = days_ago(120)
    guide = f"{u}{gd:%Y%m}/{_uuid(1)}.shtml"
    add(guide, guide_page(style=STYLE, title="测试市发展和改革委员会政府信息公开指南", revised=days_ago(100), published=gd,
                          crumbs=[("首页", "/"), ("市发展改革委", u), ("政府信息公开指南", u + "xxgk.shtml?code=zn")]))
    lists[("fgw", "zn")] = [("测试市发展和改革委员会政府信息公开指南", guide, gd)]
    crumbs = [("首页", "/"), ("政府信息公开", root + "xxgk/"), ("市发展改革委", u), ("规范性文件", u + "xxgk.shtml?code=gfxwj")]
    docs = [  # n, name, days ago, validity, has 解读, defect
        (11, "测试市政府投资项目管理办法", 20, "有效", True, "attachment"),
        (12, "测试市价格监测工作规定", 40, "有效", True, None),
        (13, "测试市节能审查实施办法", 60, "有效", True, None),
        (14, "测试市重点项目建设管理办法", 80, None, True, "validity"),
        (15, "测试市粮食储备管理办法", 100, "现行有效", True, None),
        (16, "测试市社会信用体系建设管理办法", 120, "有效", True, None),
        (17, "测试市招标投标活动监督办法", 140, "有效", False, "interp"),
    ]
    items = []
    for i, (n, name, ago, validity, has_jd, defect) in enumerate(docs):
        d = days_ago(ago)
        url = f"{u}{d:%Y%m}/{_uuid(n)}.shtml"
        title = f"测试市发展和改革委员会关于印发《{name}》的通知"
        jd_url = f"{root}fgwjd/{d:%Y%m}/{_uuid(n + 100)}.shtml"
        jd_title = f"图文解读：《{name}》"
        att = f"/{SITE_CODE}/uploadfiles/{d:%Y%m}/{_uuid(n + 200)}.pdf"
        if defect == "attachment":
            truth.append(("link.broken", "fgw", url, att))
        else:
            routes[att] = Reply(b"%PDF-1.7", "application/pdf")
        add(url, doc_page(style=STYLE, title=title, crumbs=crumbs, topic=name,
                          related=[("关联稿件", jd_title, jd_url)] if has_jd else [],
                          attachments=[(f"{name}.pdf", att)],
                          rows=doc_rows(STYLE, index=f"014742224A/{d.year}-00{n}", issuer="测试市发展和改革委员会",
                                        number=f"测发改规〔{d.year}〕{i + 1}号", written=d, published=d,
                                        validity=validity)))
        if has_jd:
            add(jd_url, interp_page(style=STYLE, title=jd_title, published=d, topic=name, doc=(title, url),
                                    crumbs=[("首页", "/"), ("市发展改革委", u), ("政策解读", u)]))
        else:
            truth.append(("policy.interpretation-missing", "fgw", url, None))
        if defect == "validity":
            truth.append(("normative.validity-missing", "fgw", url, None))
        items.append((title, url, d))
    lists[("fgw", "gfxwj")] = items

    # ------------------------------------------------------------------ 市民政局 (mzj): a template list
    m = root + "mzj/"
    mcrumb = f'<a href="/">首页</a>&gt;<a href="{root}xxgk/">政府信息公开</a>&gt;<a href="{m}">市民政局</a>'
    md = days_ago(200)
    mguide = f"{m}{md:%Y%m}/{_uuid(31)}.shtml"
    add(mguide, guide_page(style=STYLE, title="测试市民政局政府信息公开指南", revised=days_ago(150), published=md,
                           crumbs=[("首页", "/"), ("市民政局", m)]))
    mcrumbs = [("首页", "/"), ("政府信息公开", root + "xxgk/"), ("市民政局", m), ("规范性文件", m + "gfxwj/")]
    jd_data, mitems = [], []
    for i, (n, name, ago, has_jd, broken) in enumerate([(41, "测试市最低生活保障审核确认办法", 30, True, True),
                                                        (42, "测试市养老服务机构管理办法", 50, True, False),
                                                        (43, "测试市殡葬管理实施细则", 70, False, False)]):
        d = days_ago(ago)
        url = f"{m}{d:%Y%m}/{_uuid(n)}.shtml"
        title = f"测试市民政局关于印发《{name}》的通知"
        related = []
        if broken:
            related = [("相关链接", "省民政厅办事指南", ext + "/ext/gone.html")]
            truth.append(("link.broken", "mzj", url, ext + "/ext/gone.html"))
        add(url, doc_page(style=STYLE, title=title, crumbs=mcrumbs, topic=name, related=related,
                          rows=doc_rows(STYLE, index=f"014742299B/{d.year}-00{n}", issuer="测试市民政局",
                                        number=f"测民规〔{d.year}〕{i + 1}号", written=d, published=d, validity="有效")))
        mitems.append((title, url, d))
        if has_jd:  # the 解读 names the document in 《》 but does not link it: found only in the rendered list
            jd_url = f"{m}zcjd/{d:%Y%m}/{_uuid(n + 100)}.shtml"
            add(jd_url, interp_page(style=STYLE, title=f"《{name}》政策解读", topic=name, published=d,
                                    crumbs=[("首页", "/"), ("市民政局", m), ("政策解读", m + "zcjd/")]))
            jd_data.append({"title": f"《{name}》政策解读", "urls": json.dumps({"pc": jd_url}), "pubDate": f"{d} 10:00",
                            "id": _uuid(n + 100)})
        else:
            truth.append(("policy.interpretation-missing", "mzj", url, None))
    add(m, page(f"市民政局_{SITE}", f'<div class="position">您现在的位置：{mcrumb}</div><ul>'
                f'<li><a href="{mguide}">政府信息公开指南</a></li><li><a href="gfxwj/">规范性文件</a></li>'
                '<li><a href="zcjd/">政策解读</a></li></ul>'))
    add(m + "gfxwj/", page(f"规范性文件_市民政局_{SITE}", f'<div class="position">您现在的位置：{mcrumb}&gt;规范性文件</div>'
                           f'<ul class="news-list">{list_items(mitems)}</ul>'))
    add(m + "zcjd/", page(f"政策解读_市民政局_{SITE}", f'<div class="position">您现在的位置：{mcrumb}&gt;政策解读</div>'
                          '<div class="box03_con"><div id="380055"></div>'
                          + TEMPLATE_SCRIPT % {"unitid": "380055", "site": SITE_CODE} + "</div>"))

    def api_list(r: Req) -> Reply:
        rows = lists.get((r.query.get("unit", ""), r.query.get("code", "")), [])
        size, n = int(r.query.get("pageSize", 3)), int(r.query.get("page", 1))
        total = max(1, -(-len(rows) // size))
        chunk = [{"title": t, "url": h, "publishTime": d.isoformat()} for t, h, d in rows[(n - 1) * size:n * size]]
        return Reply(json.dumps({"code": 200, "data": {"page": n, "totalPage": total, "list": chunk}}, ensure_ascii=False),
                     "application/json; charset=utf-8")

    routes["/api/ucap/list"] = api_list
    routes["/api/ucap/jd"] = Reply(json.dumps({"code": 200, "data": jd_data}, ensure_ascii=False),
                                   "application/json; charset=utf-8")
    return Portal(name="ucap", start_urls=[base + root + "xxgk/"],
                  units=[("fgw", "市发展改革委", [base + u]), ("mzj", "市民政局", [base + m])],
                  routes=routes, truth=[(r, un, base + p, (t if t.startswith("http") else base + t) if t else None)
                                        for r, un, p, t in truth])
