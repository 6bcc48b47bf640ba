"""The crawler's link verdicts against a local server: redirects, retries, soft 404s,
anti-bot answers, timeouts and the private-address guard."""

import json
import subprocess
import sys

import pytest
import sqlite_utils

from tests.local_server import Handler, page, redirect, serve, slow

CHALLENGE = "<html><script>document.cookie='__jsl=1';location.reload()</script>安全验证中</html>"


def flaky(h: Handler) -> None:
    h.send(503 if h.hits[h.path] == 1 else 200, "<title>恢复</title><p>正常页面内容</p>")


def head_refused(h: Handler) -> None:
    if h.command == "HEAD":
        h.send(405, "")
    else:
        h.send(200, b"%PDF-1.4", "application/pdf")


ROUTES = {
    "/robots.txt": page("User-agent: *\nAllow: /\n", ctype="text/plain"),
    "/xxgk/": page("""<title>信息公开</title>
        <a href="/xxgk/a.html">正常页面</a><a href="/ok">ok</a><a href="/twice">twice</a><a href="/moved">moved</a>
        <a href="/moved-gone">moved gone</a><a href="/gone">gone</a><a href="/err">err</a>
        <a href="/flaky">flaky</a><a href="/slow">slow</a><a href="/waf412">waf</a>
        <a href="/waf403">waf403</a><a href="/plain403">plain403</a><a href="/soft">soft</a>
        <a href="/loop1">loop</a><a href="/file.pdf">pdf</a><a href="/nohead.pdf">nohead</a>
        <a href="http://10.255.255.1/intranet">内网</a><a href="javascript:void(0)">js</a>
        <a href="mailto:x@example.cn">mail</a>"""),
    "/xxgk/a.html": page("<title>正常</title><a href='/twice'>twice again</a>"),
    "/twice": page("<title>两次</title><p>被两个页面链接的正常页面。</p>"),
    "/ok": page("<title>好</title><p>一个正常的页面，内容充实，可以访问。</p>"),
    "/moved": redirect("/ok"),
    "/moved-gone": redirect("/gone", 302),
    "/err": page("<h1>Internal Server Error</h1>", status=500),
    "/flaky": flaky,
    "/slow": slow(4),
    "/waf412": page(CHALLENGE, status=412),
    "/waf403": page(CHALLENGE, status=403),
    "/plain403": page("<title>403 Forbidden</title><h1>403 Forbidden</h1><hr>nginx", status=403),
    "/soft": page("<title>提示</title><p>对不起，您访问的页面不存在或已被删除！</p>"),
    "/loop1": redirect("/loop2"),
    "/loop2": redirect("/loop1"),
    "/file.pdf": page(b"%PDF-1.4 test", ctype="application/pdf"),
    "/nohead.pdf": head_refused,
}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    server, base = serve(ROUTES)
    tmp = tmp_path_factory.mktemp("crawl")
    config = tmp / "site.toml"
    config.write_text(f"""
[site]
id = "t"
name = "测试区"
start_urls = ["{base}/xxgk/"]
[crawl]
allow_private_networks = false
requests_per_second_per_host = 0
concurrency_per_host = 8
timeout_seconds = 1.5
retries = 1
""", encoding="utf-8")
    db_path = tmp / "t.db"
    proc = subprocess.run([sys.executable, "-m", "crawler.cli", "crawl", "--config", str(config),
                           "--db", str(db_path), "--quiet"], capture_output=True, text=True, timeout=120)
    server.shutdown()
    assert proc.returncode == 0, proc.stderr
    db = sqlite_utils.Database(db_path)
    probes = {r["url"][len(base):]: r for r in db.query("select * from probes")}
    return probes, server.RequestHandlerClass.hits, db


@pytest.mark.parametrize("path, outcome", [
    ("/ok", "ok"), ("/moved", "ok"), ("/moved-gone", "http_error"), ("/gone", "http_error"),
    ("/err", "http_error"), ("/flaky", "ok"), ("/slow", "timeout"), ("/waf412", "blocked"),
    ("/waf403", "blocked"), ("/plain403", "http_error"), ("/soft", "soft_404"),
    ("/loop1", "redirect_loop"), ("/file.pdf", "ok"), ("/nohead.pdf", "ok"),
])
def test_outcome(crawled, path, outcome):
    probes, _, _ = crawled
    assert probes[path]["outcome"] == outcome, probes[path]


def test_redirect_chain_is_recorded(crawled):
    probes, _, _ = crawled
    assert json.loads(probes["/moved"]["redirects"]) and probes["/moved"]["final_url"].endswith("/ok")


def test_private_target_not_fetched(crawled):
    probes, _, _ = crawled
    intranet = [p for p in probes.values() if "10.255.255.1" in p["url"]]
    assert intranet and intranet[0]["outcome"] == "skipped"
    assert "private" in intranet[0]["error"]


def test_each_target_fetched_once_and_pseudo_links_ignored(crawled):
    probes, hits, db = crawled
    assert hits["/twice"] <= 2  # HEAD + GET, although two pages link it
    assert not any(u.startswith(("javascript", "mailto")) for u in probes)
    links = list(db.query("select to_url from links where to_url like '%/twice'"))
    assert len(links) == 2


def test_a_stalled_browser_request_fails_within_its_limit():
    """A hung Chromium (launch or challenge) must end as a failed browser request, which the
    spider records as blocked, instead of holding the crawl open."""
    import asyncio
    import time

    from scrapy.settings import Settings

    from crawler.render import BrowserTimeout, bounded, browser_limit

    settings = Settings({"ZWGK_BROWSER_TIMEOUT": 120, "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": 1500})
    assert browser_limit(settings, {"zwgk_browser": "challenge"}) == 18
    assert browser_limit(settings, {"zwgk_browser": "render"}) == 120
    started = time.monotonic()
    with pytest.raises(BrowserTimeout):
        asyncio.run(bounded(asyncio.sleep(30), 0.2, "http://127.0.0.1/waf412"))
    assert time.monotonic() - started < 5
