"""The demo portal's defects of the uptime prober and the basic accessibility facts: D130
(站点无法访问: a week of probe history in which 8 % of the visits failed) and D131 (the portal
home page declares no language, its banner images have no alt text and its 邮件订阅 field no
label).

D131 is in the pages: ``add_extras`` edits the home page the builder made, at fixed anchors,
failing loudly if an anchor is gone. D130 cannot be served: availability is measured over a
week of visits, which a demo run does not have. ``uptime_history`` is therefore a synthetic week
of probe rows for the portal's home page and column root (every 30 minutes, 4 of each day's 48
visits of each URL failed; the repaired variant all ok), and ``seed_uptime`` writes it into the
demo database before the audit — ``zwgk demo`` and the demo e2e test do, next to one real visit
of the prober (``zwgk uptime``) against the served portal. The expected finding of D130 assumes
that seeded history.
"""

from __future__ import annotations

import datetime as dt

from ..urls import normalise

DEFECTS: list[dict] = [
    {"id": "D130", "rule": "site.unreachable", "unit": "",
     "description": "可用性监测（示例中为合成的7天探测记录）显示，门户首页和信息公开专栏首页近7天每天48次访问中有4次"
                    "超时或连接失败，无法打开的占比8.3%，达到5%的单项否决标准。"},
    {"id": "D131", "rule": "accessibility.basic-failures", "unit": "",
     "description": "区政府门户网站首页未声明页面语言，3张图片中有2张（轮播图）没有替代文本，“邮件订阅”输入框没有标签。"},
]

HOME_LANG = '<html lang="zh-CN">'
HOME_ANCHOR = '<div class="main">\n<div class="news">'
STEP = dt.timedelta(minutes=30)
VISITS = 7 * 48 - 1  # half-hours of the 7 days before the seeding moment, the oldest left out (edge of the window)
FAILED_SLOTS = (5, 17, 29, 41)  # of each day's 48 half-hours: 4 failed visits a day (8.3 %)


def add_extras(b) -> None:
    """D131 on the portal home page (``b.pages["/"]``, made by site_extras)."""
    page = b.pages["/"]
    fixed = b.is_fixed("D131")
    banner = ('<div class="banner"><img src="/images/banner1.jpg"{a1}><img src="/images/banner2.jpg"{a2}>'
              '<img src="/images/logo.png" alt="青岚区人民政府"></div>\n'
              '<form class="subscribe" action="/subscribe/" method="post"><input type="text" name="email"{label}>'
              '<button type="submit">邮件订阅</button></form>\n')
    banner = banner.format(a1=' alt="优化营商环境宣传图"' if fixed else "", a2=' alt="政务公开日活动宣传图"' if fixed else "",
                           label=' aria-label="订阅邮箱"' if fixed else "")
    assert HOME_ANCHOR in page.text and HOME_LANG in page.text, "probe_extras: home page anchors not found"
    page.text = page.text.replace(HOME_ANCHOR, f'<div class="main">\n{banner}<div class="news">', 1)
    if not fixed:
        page.text = page.text.replace(HOME_LANG, "<html>", 1)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    for path in ("/images/banner1.jpg", "/images/banner2.jpg", "/images/logo.png"):
        b.binaries[path] = (png, "image/png")
    b.found("D131", "/")
    b.found("D130", "/")


def uptime_history(portal, now: dt.datetime | None = None) -> list[dict]:
    """A synthetic week of prober rows (``uptime`` table shape) for the served portal."""
    if portal.base_url is None:
        raise RuntimeError("DemoPortal.start() must be called first (the URLs need the port)")
    now = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).replace(microsecond=0)
    broken = "D130" not in portal.fixed
    rows = []
    for url in (normalise(portal.base_url + "/"), normalise(portal.base_url + "/xxgk/")):
        for k in range(1, VISITS + 1):
            failed = broken and k % 48 in FAILED_SLOTS
            rows.append({"time": (now - k * STEP).isoformat(), "url": url, "ok": 0 if failed else 1,
                         "status": None if failed else 200, "elapsed_ms": 15000 if failed else 180,
                         "error": ("timeout" if k % 2 else "connection_error") if failed else ""})
    return sorted(rows, key=lambda r: r["time"])


def seed_uptime(portal, db_path: str, site_id: str = "demo") -> int:
    """Replace the demo site's probe history in ``db_path`` with ``uptime_history``."""
    from ..store import open_db
    from ..uptime import record

    db = open_db(db_path)
    with db.conn:
        db.execute("DELETE FROM uptime WHERE site_id = ?", [site_id])
    return record(db, site_id, uptime_history(portal))
