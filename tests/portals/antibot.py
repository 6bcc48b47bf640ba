"""A portal behind an anti-bot JavaScript cookie challenge (瑞数/加速乐 style): every page answers
412 with a script that computes a cookie and reloads, until that cookie comes back. A
browser passes it once; the crawler then reads the portal with the cookie. Outside links
include a WAF that never lets anybody through (412), one that always rate-limits (429) —
both unverifiable, not broken — and one that rate-limits only the first request."""

from __future__ import annotations

from . import Portal, Reply, Req
from .pages import SITE, days_ago, doc_page, doc_rows, guide_page, interp_page, list_items, page

STYLE = "hanweb"
COOKIE, VALUE = "__jsl_clearance_s", "1762486421.42|0|zwgkTest"
CHALLENGE = ('<html><head><meta charset="utf-8"></head><body><script>'
             'var _0x=[1762486421,6*7,"|0|zwgkTest"];document.cookie="%s="+_0x[0]+"."+_0x[1]+_0x[2]+";max-age=3600;path=/";'
             "location.href=location.pathname+location.search;</script></body></html>") % COOKIE
ALWAYS_412 = ('<html><head><meta charset="utf-8"></head><body><script>document.cookie="FSSBBIl1UgzbN7N80T=1;path=/";'
              "</script><p>请开启JavaScript并刷新该页.</p></body></html>")


def guarded(reply: Reply):
    def route(req: Req) -> Reply:
        if req.cookies.get(COOKIE) != VALUE:
            return Reply(CHALLENGE, status=412)
        return reply
    return route


def build(base: str, ext: str) -> Portal:
    routes: dict = {}
    truth: list = []
    plain: dict[str, Reply] = {}
    u = "/xxgk/ajj/"
    plain["/"] = Reply(page(SITE, '<a href="/xxgk/">政府信息公开</a>'))
    plain["/xxgk/"] = Reply(page(f"政府信息公开_{SITE}", '<div class="bt-position">当前位置：<a href="/">首页</a> &gt; 政府信息公开</div>'
                                 f'<ul><li><a href="{u}">市应急管理局</a></li></ul>'))
    gd = days_ago(80)
    guide = f"{u}zn/art_1.html"
    plain[guide] = Reply(guide_page(style=STYLE, title="测试市应急管理局政府信息公开指南", revised=days_ago(70), published=gd,
                                    crumbs=[("首页", "/"), ("市应急管理局", u), ("政府信息公开指南", u)]))
    crumbs = [("首页", "/"), ("市应急管理局", u), ("规范性文件", u + "gfxwj/")]
    items = []
    for i, (n, name, validity, link) in enumerate([
            (1, "测试市安全生产约谈实施办法", "有效", ("省应急管理厅", ext + "/ext/waf")),
            (2, "测试市应急物资储备管理办法", None, ("国家应急广播", ext + "/ext/busy")),
            (3, "测试市自然灾害救助实施细则", "有效", ("气象预警信息", ext + "/ext/once429"))]):
        d = days_ago(30 * n)
        url = f"{u}gfxwj/art_{100 + n}.html"
        title = f"测试市应急管理局关于印发《{name}》的通知"
        jd_url = f"{u}zcjd/art_{200 + n}.html"
        plain[url] = Reply(doc_page(style=STYLE, title=title, crumbs=crumbs, topic=name,
                                    related=[("相关解读", f"《{name}》解读", jd_url), ("相关链接", link[0], link[1])],
                                    rows=doc_rows(STYLE, index=f"11360100MD/{d.year}-0{n}", issuer="测试市应急管理局",
                                                  number=f"测应急规〔{d.year}〕{n}号", written=d, published=d,
                                                  validity=validity)))
        plain[jd_url] = Reply(interp_page(style=STYLE, title=f"《{name}》解读", topic=name, published=d, doc=(title, url),
                                          crumbs=crumbs[:2] + [("政策解读", u)]))
        items.append((title, url, d))
        if validity is None:
            truth.append(("normative.validity-missing", "ajj", base + url, None))
        if link[1].endswith(("/waf", "/busy")):
            truth.append(("link.unverified", "ajj", base + url, link[1]))
    plain[u + "gfxwj/"] = Reply(page(f"规范性文件_{SITE}", f'<div class="bt-position">当前位置：<a href="/">首页</a> &gt; '
                                     f'<a href="{u}">市应急管理局</a> &gt; 规范性文件</div><ul class="list">{list_items(items)}</ul>'))
    plain[u] = Reply(page(f"市应急管理局_{SITE}", f'<ul><li><a href="{guide}">政府信息公开指南</a></li>'
                          '<li><a href="gfxwj/">规范性文件</a></li></ul>'))
    routes.update({path: guarded(reply) for path, reply in plain.items()})
    routes["/ext/waf"] = Reply(ALWAYS_412, status=412)
    routes["/ext/busy"] = Reply("<html><body><h1>429 Too Many Requests</h1></body></html>", status=429,
                                headers=(("Retry-After", "1"),))
    hits = {"n": 0}

    def once429(req: Req) -> Reply:
        hits["n"] += 1
        if hits["n"] == 1:
            return Reply("<h1>429 Too Many Requests</h1>", status=429)
        return Reply(page("气象预警信息", "<p>当前无预警信息，请关注气象部门发布的最新消息。</p>" * 3))
    routes["/ext/once429"] = once429
    return Portal(name="antibot", start_urls=[base + "/xxgk/"], units=[("ajj", "市应急管理局", [base + u])],
                  routes=routes, truth=truth)
