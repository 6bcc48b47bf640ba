"""Traps and limits: session ids, calendars, search results, print views, endless query
variants, depth and per-directory caps — normalised or cut, and the cuts reported."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import sqlite_utils

from crawler.traps import TrapGuard, describe_cut, trap_kind
from crawler.urls import normalise
from tests.portals import Reply, Server


@pytest.mark.parametrize("raw, clean", [
    ("http://a.gov.cn/x/index.jsp;jsessionid=8F2A1C0B9D7E6F5A?id=5", "http://a.gov.cn/x/index.jsp?id=5"),
    ("http://a.gov.cn/p.php?PHPSESSID=0123456789abcdef0123&id=2", "http://a.gov.cn/p.php?id=2"),
    ("http://a.gov.cn/a.jsp?sid=0123456789abcdef0123&cid=3", "http://a.gov.cn/a.jsp?cid=3"),
    ("http://a.gov.cn/a.jsp?sid=12&cid=3", "http://a.gov.cn/a.jsp?sid=12&cid=3"),   # a site id, not a session
    ("http://a.gov.cn/a.aspx?ASPSESSIONIDQQ=ABCDEF&x=1", "http://a.gov.cn/a.aspx?x=1"),
])
def test_session_ids_are_stripped(raw, clean):
    assert normalise(raw) == clean


@pytest.mark.parametrize("url, kind", [
    ("http://a.gov.cn/search/search.jsp?searchword=%E6%95%99", "search"),
    ("http://a.gov.cn/irs/front/search?keyword=x", "search"),
    ("http://a.gov.cn/jrobot/search.do?webid=1&q=x", "search"),
    ("http://a.gov.cn/xxgk/a.html?print=1", "print"),
    ("http://a.gov.cn/xxgk/print.jsp?id=3", "print"),
    ("http://a.gov.cn/hd/rl.jsp?date=2026-11-01", "calendar"),
    ("http://a.gov.cn/calendar/2026/11/", "calendar"),
    ("http://a.gov.cn/xxgk/nb/?year=2024", None),
    ("http://a.gov.cn/xxgk/research.html", None),
    ("http://a.gov.cn/xxgk/list.jsp?page=3&columnid=9", None),
])
def test_trap_kinds(url, kind):
    assert trap_kind(url) == kind


def test_caps_per_path_and_per_directory():
    guard = TrapGuard(max_query_variants=2, max_pages_per_prefix=3)
    assert [guard.admit(f"http://a.cn/l.jsp?p={i}") for i in range(3)] == [None, None, "max_query_variants"]
    assert guard.admit("http://a.cn/l.jsp?p=1") is None  # a variant already admitted is no new one
    assert guard.admit("http://a.cn/x.html") == "max_pages_per_prefix"
    assert guard.admit("http://a.cn/d/x.html") is None
    assert "max_query_variants" in describe_cut({"max_query_variants": 4})


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("traps")
    server = Server()

    def endless(req):
        n = int(req.query.get("page", "1") or 1)
        return Reply(f'<title>列表 第{n}页</title><a href="list.jsp?page={n + 1}">下一页</a>'
                     f'<a href="list.jsp?page={n}&print=1">打印</a>')

    def deep(req):
        n = int(req.path.rsplit("/", 2)[-2])
        return Reply(f'<title>第{n}层</title><a href="/xxgk/d/{n + 1}/">下一层</a>')

    def calendar(req):
        return Reply(f'<title>日历</title><a href="rl.jsp?date={req.query.get("date", "")}1">后一天</a>')

    server.routes = {
        "/xxgk/": Reply('<title>信息公开</title><a href="list.jsp?page=1">全部</a><a href="/xxgk/d/1/">目录</a>'
                        '<a href="rl.jsp?date=2026-11-01">日历</a><a href="/search/s.jsp?q=x">搜索</a>'
                        '<a href="a.html;jsessionid=0123456789ABCDEF">文章</a><a href="a.html">文章（再次）</a>'
                        '<a href="go.html">新版栏目</a>'),
        "/xxgk/go.html": Reply("<title>跳转</title><script>window.location.href='/zwgk/col/index.html';</script>"),
        "/zwgk/col/index.html": Reply('<title>新版栏目</title><a href="a.html">栏目中的文章</a>'),
        "/zwgk/col/a.html": Reply("<title>栏目中的文章</title><p>正文。</p>"),
        "/xxgk/a.html": Reply("<title>文章</title><p>正文内容。</p>"),
        "/xxgk/list.jsp": endless,
        "/xxgk/rl.jsp": calendar,
        "/search/s.jsp": Reply("<title>搜索</title>"),
        **{f"/xxgk/d/{n}/": deep for n in range(1, 12)},
    }
    config = tmp / "site.toml"
    config.write_text(f"""
[site]
id = "traps"
name = "测试区"
start_urls = ["{server.base}/xxgk/"]
[crawl]
allow_private_networks = true
requests_per_second_per_host = 0
timeout_seconds = 3.0
max_depth = 4
max_query_variants = 3
max_browser_pages = 0
""", encoding="utf-8")
    db = tmp / "t.db"
    try:
        run = subprocess.run([sys.executable, "-m", "crawler.cli", "crawl", "--config", str(config), "--db", str(db)],
                             capture_output=True, text=True, timeout=120)
    finally:
        server.stop()
    assert run.returncode == 0, run.stderr
    database = sqlite_utils.Database(db)
    pages = {r["url"].replace(server.base, "") for r in database.query("select url from pages")}
    stats = json.loads(next(database.query("select stats from runs"))["stats"])
    return pages, stats, run.stderr, server


def test_traps_are_not_crawled(crawled):
    pages, stats, _, server = crawled
    assert not any("rl.jsp" in p or "search" in p or "print" in p for p in pages)
    assert len([p for p in pages if "list.jsp" in p]) == 3
    assert "/xxgk/d/4/" in pages and "/xxgk/d/5/" not in pages
    assert server.hits["/xxgk/a.html"] <= 1  # the jsessionid link is the same page
    assert server.hits["/xxgk/d/6/"] == 0     # the page past the limit is checked, its links are not followed


def test_a_script_redirect_stub_leads_to_the_column(crawled):
    pages = crawled[0]
    assert {"/xxgk/go.html", "/zwgk/col/index.html", "/zwgk/col/a.html"} <= pages


def test_cuts_are_in_the_run_summary(crawled):
    _, stats, stderr, _ = crawled
    assert stats["cut"]["max_query_variants"] >= 1 and stats["cut"]["max_depth"] >= 1
    assert stats["cut"]["calendar"] >= 1 and stats["cut"]["print"] >= 1
    assert "max_query_variants" in stderr and "max_depth" in stderr
