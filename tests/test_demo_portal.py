"""The demo portal serves what its ground truth claims, and nothing else is wrong on it."""

from __future__ import annotations

import datetime as dt
import re
import socket
import tomllib
import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

from crawler.demo import DemoPortal
from crawler.demo.portal import DEFECT_IDS


def get(url: str, timeout: float = 3.0):
    """(status, headers, body) following redirects; HTTP errors are answers, not exceptions."""
    req = urllib.request.Request(url, headers={"User-Agent": "zwgk-test"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


@pytest.fixture(scope="module")
def portal():
    p = DemoPortal()
    p.start(host="127.0.0.1", port=0)
    yield p
    p.stop()


def test_root_and_config(portal, tmp_path):
    base = portal.base_url
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", base)
    status, headers, body = get(base + "/xxgk/")
    assert status == 200
    text = body.decode("utf-8")
    assert "政府信息公开" in text and 'href="/xxgk/jtj/"' in text
    assert get(base + "/robots.txt")[0] == 200
    assert get(base + "/no/such/page.html")[0] == 404

    cfg = tomllib.loads(portal.config_toml())
    assert cfg["site"]["start_urls"] == [base + "/xxgk/"]
    assert {u["id"] for u in cfg["units"]} >= {"bgs", "jtj", "sfj", "zjj", "xhjd", "dsjd"}
    assert all(u["urls"][0].startswith(base) and u["urls"][0].endswith("/") for u in cfg["units"])
    path = tmp_path / "demo.toml"
    path.write_text(portal.config_toml(), encoding="utf-8")
    from crawler.config import load_config  # the project's own validation accepts it
    assert load_config(path).id == "demo"


def test_gbk_unit(portal):
    status, headers, body = get(portal.base_url + "/xxgk/sfj/")
    assert status == 200
    assert headers["Content-Type"] == "text/html"  # no charset in the header
    assert b"charset=gb2312" in body
    text = body.decode("gbk")
    assert "区司法局" in text and "<title>" in text
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")


def test_js_pagination(portal):
    base = portal.base_url + "/xxgk/jtj/gfxwj/"
    first = get(base)[2].decode("utf-8")
    assert 'createPageHTML(3, 0, "index", "html")' in first
    assert not re.search(r'<a [^>]*href="index_\d\.html"', first)
    for k in (1, 2):
        status, _, body = get(f"{base}index_{k}.html")
        assert status == 200
        assert f'createPageHTML(3, {k}, "index", "html")' in body.decode("utf-8")


def test_special_routes(portal):
    ext = "http://localhost:" + str(urlsplit(portal.base_url).port)
    assert get(ext + "/ext/waf")[0] == 412
    status, _, body = get(ext + "/ext/waf403")
    assert status == 403 and b"<script" in body
    assert get(ext + "/ext/moved")[0] == 200       # 301 -> 200
    assert get(ext + "/ext/old")[0] == 404         # 302 -> 404
    with pytest.raises((TimeoutError, socket.timeout, urllib.error.URLError)):
        get(ext + "/ext/slow", timeout=0.5)


def test_flaky_route_recovers():
    p = DemoPortal()
    p.start()
    try:
        ext = "http://localhost:" + str(urlsplit(p.base_url).port)
        assert get(ext + "/ext/flaky")[0] == 503
        assert get(ext + "/ext/flaky")[0] == 200
        assert get(ext + "/ext/flaky")[0] == 200
    finally:
        p.stop()


def test_ground_truth_targets_are_really_broken(portal):
    rows = portal.expected_findings()
    seen_kinds = set()
    for row in rows:
        if row["rule"] != "link.broken" or row["target"].endswith("/ext/slow"):
            continue
        try:
            status, _, body = get(row["target"])
        except urllib.error.URLError as e:
            assert isinstance(e.reason, ConnectionRefusedError), row
            seen_kinds.add("refused")
            continue
        if status == 200:
            assert "页面不存在" in body.decode("utf-8"), row
            seen_kinds.add("soft404")
        else:
            assert status == 404, row
            seen_kinds.add("404")
    assert seen_kinds == {"refused", "soft404", "404"}
    for row in rows:
        if row["rule"] == "link.unverified":
            assert get(row["target"])[0] in (403, 412)


def test_defects_and_expected_findings():
    p = DemoPortal()
    p.start()
    try:
        defects = p.defects()
        ids = [d["id"] for d in defects]
        assert len(ids) == len(set(ids)) and set(ids) == DEFECT_IDS
        rows = p.expected_findings()
        assert {r["defect"] for r in rows} == set(ids)
        for r in rows:
            assert set(r) == {"rule", "unit", "url", "target", "defect"}
            assert r["url"].startswith(p.base_url + "/xxgk/") or r["url"] == p.base_url + "/"  # home page rules
            assert (r["target"] is None) == (not r["rule"].startswith("link."))
            assert next(d for d in defects if d["id"] == r["defect"])["rule"] == r["rule"]
        assert len({(r["rule"], r["url"], r["target"]) for r in rows}) == len(rows)
        d08 = [r for r in rows if r["defect"] == "D08"]
        assert len(d08) == 2 and len({r["url"] for r in d08}) == 2 and len({r["target"] for r in d08}) == 1
        guide_missing = next(r for r in rows if r["rule"] == "guide.missing")
        assert guide_missing["url"] == p.base_url + "/xxgk/xhjd/"
    finally:
        p.stop()

    every = DemoPortal(fixed=DEFECT_IDS)
    every.start()
    try:
        assert every.expected_findings() == []
        assert len(every.defects()) == len(ids)
    finally:
        every.stop()

    one = DemoPortal(fixed=frozenset({"D01", "D14"}))
    one.start()
    try:
        assert {r["defect"] for r in one.expected_findings()} == set(ids) - {"D01", "D14"}
    finally:
        one.stop()
    with pytest.raises(ValueError):
        DemoPortal(fixed=frozenset({"D99"}))


def _crawl(portal: DemoPortal) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Pages under /xxgk/ (following TRS script pagers too) and every (page, target) link."""
    start = portal.base_url + "/xxgk/"
    pages: dict[str, str] = {}
    links: list[tuple[str, str]] = []
    queue = [start]
    while queue:
        url = queue.pop()
        if url in pages:
            continue
        status, headers, body = get(url)
        if status != 200 or not headers["Content-Type"].startswith("text/html"):
            continue
        text = body.decode("gbk" if b"charset=gb2312" in body[:400] else "utf-8")
        pages[url] = text
        for m in re.finditer(r'createPageHTML\((\d+), (\d+), "index", "html"\)', text):
            queue += [urljoin(url, "index.html" if i == 0 else f"index_{i}.html") for i in range(int(m[1]))]
        for a in lxml.html.fromstring(text).iter("a"):
            target = urljoin(url, a.get("href", "")).split("#")[0]
            links.append((url, target))
            if target.startswith(start):
                queue.append(target)
    return pages, links


@pytest.mark.parametrize("fixed", [frozenset(), DEFECT_IDS])
def test_nothing_else_is_broken(fixed):
    p = DemoPortal(today=dt.date(2025, 4, 10), fixed=fixed)
    p.start()
    try:
        pages, links = _crawl(p)
        assert 80 <= len(pages) <= 320
        bad_targets = {r["target"] for r in p.expected_findings() if r["target"]}
        seen_bad = set()
        for target in sorted({t for _, t in links}):
            if target in bad_targets:
                seen_bad.add(target)
                continue
            status = get(target)[0]
            if status == 503:  # the flaky route: fine on retry
                status = get(target)[0]
            assert status == 200, target
        assert seen_bad == bad_targets
        for url, text in pages.items():
            for marker in ("页面不存在", "已被删除", "无法访问", "找不到"):
                assert marker not in text, (url, marker)
        # every page a finding is about is reachable by crawling the column
        for r in p.expected_findings():
            assert r["url"] in pages or r["url"] == p.base_url + "/", r
    finally:
        p.stop()


def test_dates_follow_today():
    a = DemoPortal(today=dt.date(2025, 3, 1))
    b = DemoPortal(today=dt.date(2031, 7, 15))
    a.start()
    b.start()
    try:
        def shape(p):
            return sorted((r["defect"], r["rule"], r["unit"]) for r in p.expected_findings())
        assert shape(a) == shape(b)
        assert "2030年政府信息公开工作年度报告" in get(b.base_url + "/xxgk/jtj/nb/")[2].decode("utf-8")
    finally:
        a.stop()
        b.stop()
