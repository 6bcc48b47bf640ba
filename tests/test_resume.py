"""A crawl killed with SIGKILL loses nothing it stored; --resume finishes the same run; one writer per DB."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.portal import SyntheticPortal, PortalServer
from crawler.lock import db_writer, site_run


def zwgk(*args, timeout=240):
    return subprocess.run([sys.executable, "-m", "crawler.cli", *args], capture_output=True, text=True,
                          timeout=timeout)


def query(db, sql, params=()):
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute(sql, list(params)).fetchall()
    finally:
        conn.close()


def page_count(db) -> int:
    try:
        return query(db, "SELECT COUNT(*) FROM pages")[0][0]
    except sqlite3.Error:
        return 0


@pytest.fixture(scope="module")
def killed_and_resumed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("resume")
    portal = SyntheticPortal(120, units=2, seed=5)
    server = PortalServer(portal, delay_ms=40)
    base = server.start()
    config = tmp / "site.toml"
    config.write_text(portal.config_toml(base, concurrency_per_host=2), encoding="utf-8")
    db = str(tmp / "zwgk.db")
    proc = subprocess.Popen([sys.executable, "-m", "crawler.cli", "crawl", "--config", str(config), "--db", db,
                             "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while page_count(db) < 30 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the crawl ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored = query(db, "SELECT url, fetched_at, content_hash FROM pages")
    links_before = query(db, "SELECT from_url, COUNT(*) FROM links GROUP BY from_url")
    status_after_kill = query(db, "SELECT status FROM runs")
    resumed = zwgk("crawl", "--config", str(config), "--db", db, "--resume")
    hits_total = dict(server.hits)
    # the same site crawled without interruption, for comparison
    fresh_db = str(tmp / "fresh.db")
    fresh = zwgk("crawl", "--config", str(config), "--db", fresh_db, "--quiet")
    for d in (db, fresh_db):
        chk = zwgk("check", "--config", str(config), "--db", d, "--quiet")
        assert chk.returncode == 0, chk.stderr
    server.stop()
    return dict(db=db, fresh_db=fresh_db, stored=stored, links_before=links_before, resumed=resumed, fresh=fresh,
                hits=hits_total, base=base, status_after_kill=status_after_kill, config=config)


def test_kill_keeps_what_was_stored(killed_and_resumed):
    r = killed_and_resumed
    assert r["status_after_kill"] == [("running",)]
    assert len(r["stored"]) >= 30
    after = {row[0]: row for row in query(r["db"], "SELECT url, fetched_at, content_hash FROM pages")}
    for row in r["stored"]:
        assert after[row[0]] == row  # kept as stored, not fetched again
    # a page's links were written with the page (one transaction per response)
    links_after = dict(query(r["db"], "SELECT from_url, COUNT(*) FROM links GROUP BY from_url"))
    for url, n in r["links_before"]:
        assert links_after[url] == n


def test_resume_continues_the_same_run_without_duplicates(killed_and_resumed):
    r = killed_and_resumed
    assert r["resumed"].returncode == 0, r["resumed"].stderr
    assert "继续" in r["resumed"].stderr
    assert query(r["db"], "SELECT id, status FROM runs") == [(1, "completed")]
    stored = {row[0] for row in r["stored"]}
    for url in stored:
        path = url[len(r["base"]):]
        assert r["hits"].get(("GET", path), 0) == 1, path  # nothing stored was fetched twice
    assert query(r["db"], "SELECT COUNT(*) FROM frontier") == [(0,)]
    assert not Path(r["db"] + ".jobs").exists()


def test_resumed_run_equals_an_uninterrupted_one(killed_and_resumed):
    r = killed_and_resumed
    assert r["fresh"].returncode == 0, r["fresh"].stderr
    for sql in ("SELECT url FROM pages", "SELECT from_url, to_url FROM links", "SELECT url, outcome FROM probes",
                "SELECT url, page_type FROM documents", "SELECT rule, url, target FROM findings"):
        got, want = set(query(r["db"], sql)), set(query(r["fresh_db"], sql))
        assert got == want, sql
    n = query(r["db"], "SELECT COUNT(*), COUNT(DISTINCT problem_id) FROM findings")[0]
    assert n[0] == n[1] and n[0] > 0


def test_resume_without_an_unfinished_run_starts_a_new_one(killed_and_resumed, tmp_path):
    r = killed_and_resumed
    db = str(tmp_path / "other.db")
    # the portal is stopped: the new run fails to reach its start URL, but it is a new run
    proc = zwgk("crawl", "--config", str(r["config"]), "--db", db, "--resume")
    assert "没有未完成的运行" in proc.stderr or "开始" in proc.stderr
    assert query(db, "SELECT id FROM runs") == [(1,)]


def test_a_second_writer_on_one_database_is_refused(tmp_path):
    cfg = tmp_path / "site.toml"
    cfg.write_text('[site]\nid = "lk"\nname = "测试"\nstart_urls = ["http://127.0.0.1:9/xxgk/"]\n'
                   "[crawl]\nallow_private_networks = true\n", encoding="utf-8")
    db = tmp_path / "zwgk.db"
    with db_writer(db):
        proc = zwgk("crawl", "--config", str(cfg), "--db", str(db))
    assert proc.returncode == 6
    assert "正在被另一个 zwgk 进程写入" in proc.stderr and "Traceback" not in proc.stderr
    assert "pid" in proc.stderr
    with site_run(db, "lk"):
        proc = zwgk("run", "--config", str(cfg), "--db", str(tmp_path / "other.db"))
    assert proc.returncode == 6 and "站点 lk 的另一次检查仍在进行" in proc.stderr


def test_disk_queue_and_frontier_keep_what_a_request_needs(tmp_path):
    import scrapy

    from crawler.resume import decode_request, encode_request

    class Spider(scrapy.Spider):
        name = "t"

        def parse_page(self, response):
            pass

        def on_error(self, failure):
            pass

    spider = Spider()
    request = scrapy.Request("http://127.0.0.1/a.html", callback=spider.parse_page, errback=spider.on_error,
                             method="HEAD", priority=-1, dont_filter=True, cookies={"k": "v"},
                             meta={"zwgk_kind": "probe", "retry_times": 2, "depth": 3},
                             headers={"Referer": "http://127.0.0.1/"})
    again = decode_request(encode_request(request, spider, fresh=False), spider)
    assert (again.url, again.method, again.priority, again.meta["retry_times"], again.cookies) == (
        request.url, "HEAD", -1, 2, {"k": "v"})
    assert again.callback == spider.parse_page and again.errback == spider.on_error
    assert again.headers["Referer"] == b"http://127.0.0.1/"
    fresh = decode_request(encode_request(request, spider), spider)
    assert "retry_times" not in fresh.meta and fresh.meta["depth"] == 3  # a new attempt
    request.meta["page"] = object()  # not JSON: the disk queue refuses it (Scrapy keeps it in memory)
    assert encode_request(request, spider, fresh=False) is None
    assert encode_request(request, spider) is not None
