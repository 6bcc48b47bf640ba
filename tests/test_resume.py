"""A crawl killed with SIGKILL loses nothing it stored; --resume finishes the same run; one writer per DB."""

import json
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import scrapy

from benchmarks.portal import SyntheticPortal, PortalServer
from crawler import resume
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


class QueueSpider(scrapy.Spider):
    name = "q"  # requests rebuilt from JSON need spider methods as callbacks

    def on_page(self, response):
        pass

    def on_error(self, failure):
        pass


def test_disk_queue_and_frontier_keep_what_a_request_needs(tmp_path):
    from crawler.resume import decode_request, encode_request

    spider = QueueSpider()
    request = scrapy.Request("http://127.0.0.1/a.html", callback=spider.on_page, errback=spider.on_error,
                             method="HEAD", priority=-1, dont_filter=True, cookies={"k": "v"},
                             meta={"zwgk_kind": "probe", "retry_times": 2, "depth": 3},
                             headers={"Referer": "http://127.0.0.1/"})
    again = decode_request(encode_request(request, spider, fresh=False), spider)
    assert (again.url, again.method, again.priority, again.meta["retry_times"], again.cookies) == (
        request.url, "HEAD", -1, 2, {"k": "v"})
    assert again.callback == spider.on_page and again.errback == spider.on_error
    assert again.headers["Referer"] == b"http://127.0.0.1/"
    fresh = decode_request(encode_request(request, spider), spider)
    assert "retry_times" not in fresh.meta and fresh.meta["depth"] == 3  # a new attempt
    request.meta["page"] = object()  # not JSON: the disk queue refuses it (Scrapy keeps it in memory)
    assert encode_request(request, spider, fresh=False) is None
    assert encode_request(request, spider) is not None


# -- the scheduler's disk queue: memory first, then disk -------------------------------------

def queue_crawler(tmp_path, **settings):
    from scrapy.crawler import Crawler

    # the scheduler's settings as crawls use them; no reactor needed (nothing is downloaded)
    crawler = Crawler(QueueSpider, {"SCHEDULER_DISK_QUEUE": "crawler.resume.JsonFifoDiskQueue",
                                    "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",
                                    "TWISTED_REACTOR": None, "TELNETCONSOLE_ENABLED": False,
                                    "JOBDIR": str(tmp_path / "job"), **settings})
    crawler._apply_settings()
    crawler.spider = QueueSpider.from_crawler(crawler)
    return crawler


def numbered(spider, i, **meta):
    return scrapy.Request(f"http://127.0.0.1/p{i}.html", callback=spider.on_page, errback=spider.on_error,
                          dont_filter=True, meta={"zwgk_kind": "page", "n": i, **meta})


def n_of(request):
    return int(request.url.rsplit("/p", 1)[1].split(".")[0])


def test_disk_queue_is_fifo_across_memory_and_disk(tmp_path, monkeypatch):
    monkeypatch.setattr(resume, "MEMORY_REQUESTS", 3)
    crawler = queue_crawler(tmp_path)
    spider, key = crawler.spider, tmp_path / "q" / "0"
    q = resume.JsonFifoDiskQueue.from_crawler(crawler, str(key))
    assert len(q) == 0 and q.pop() is None and q.peek() is None and not key.exists()
    pushed = [numbered(spider, i) for i in range(15)]
    for r in pushed[:10]:
        q.push(r)
    assert len(q) == 10 and key.exists()  # 3 in memory, 7 on disk
    assert crawler.stats.get_value("zwgk/disk_queue_written") == 7
    popped = []
    for _ in range(2):
        assert q.peek() is q.peek() is pushed[len(popped)]
        popped.append(q.pop())
    for r in pushed[10:]:
        q.push(r)  # memory has room again, but the disk part is not empty: newer ones go after it
    assert len(q) == 13
    assert crawler.stats.get_value("zwgk/disk_queue_written") == 12
    while len(q):
        peeked = q.peek()
        r = q.pop()
        assert n_of(peeked) == n_of(r)
        popped.append(r)
    assert [n_of(r) for r in popped] == list(range(15))
    assert all(popped[i] is pushed[i] for i in range(3))  # kept as objects, never encoded
    back = popped[5]  # read back from disk: rebuilt as it was
    assert back is not pushed[5] and back.callback == spider.on_page and back.errback == spider.on_error
    assert back.meta == {"zwgk_kind": "page", "n": 5} and back.dont_filter
    assert q.pop() is None and q.peek() is None
    assert not key.exists()  # the drained disk part removed its files
    r = numbered(spider, 99)
    q.push(r)  # empty again: memory first
    assert q.pop() is r and len(q) == 0
    q.close()
    assert not key.exists()


def test_disk_queue_close_and_reopen_keeps_the_order(tmp_path, monkeypatch):
    monkeypatch.setattr(resume, "MEMORY_REQUESTS", 3)
    crawler = queue_crawler(tmp_path)
    spider, key = crawler.spider, tmp_path / "q" / "0"
    q = resume.JsonFifoDiskQueue(crawler, str(key))
    for i in range(8):
        q.push(numbered(spider, i))
    assert n_of(q.pop()) == 0
    q.close()  # memory [1, 2], disk [3 .. 7]
    assert (key / "memory.json").exists() and (key / "info.json").exists()
    q = resume.JsonFifoDiskQueue(crawler, str(key))
    assert len(q) == 7 and n_of(q.peek()) == 1
    q.push(numbered(spider, 8))
    got = [q.pop() for _ in range(len(q))]
    assert [n_of(r) for r in got] == list(range(1, 9))
    assert got[0].callback == spider.on_page and got[0].meta["n"] == 1
    assert len(q) == 0 and not key.exists()
    # only a memory part: reopened from it alone
    for i in range(2):
        q.push(numbered(spider, i))
    q.close()
    assert sorted(p.name for p in key.iterdir()) == ["memory.json"]
    q = resume.JsonFifoDiskQueue(crawler, str(key))
    assert [n_of(q.pop()) for _ in range(len(q))] == [0, 1]
    assert not key.exists()


def test_disk_queue_refuses_non_json_only_on_its_way_to_disk(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(resume, "MEMORY_REQUESTS", 2)
    crawler = queue_crawler(tmp_path)
    spider, key = crawler.spider, tmp_path / "q" / "0"
    q = resume.JsonFifoDiskQueue(crawler, str(key))
    odd = numbered(spider, 0, page=object())
    q.push(odd)  # memory has room: kept as it is
    q.push(numbered(spider, 1))
    with pytest.raises(ValueError):
        q.push(numbered(spider, 2, page=object()))  # Scrapy keeps it in its memory queue instead
    assert len(q) == 2
    q.push(numbered(spider, 3))
    assert len(q) == 3
    with caplog.at_level(logging.WARNING, logger="crawler.resume"):
        q.close()
    assert "1 pending request(s) not serialisable" in caplog.text
    q = resume.JsonFifoDiskQueue(crawler, str(key))
    assert [n_of(q.pop()) for _ in range(len(q))] == [1, 3]
    assert q.pop() is None and not key.exists()


def test_scheduler_with_jobdir_stops_and_reopens_in_order(tmp_path, monkeypatch):
    """Scrapy's own scheduler: one queue per priority, the active ones recorded on close."""
    from scrapy.core.scheduler import Scheduler

    monkeypatch.setattr(resume, "MEMORY_REQUESTS", 4)
    crawler = queue_crawler(tmp_path)
    spider = crawler.spider
    scheduler = Scheduler.from_crawler(crawler)
    scheduler.open(spider)
    requests = [numbered(spider, i) for i in range(30)]
    for r in requests:
        r.priority = -(r.meta["n"] % 3)  # three levels
        assert scheduler.enqueue_request(r)
    odd = numbered(spider, 30, page=object())  # not JSON, the level's memory part is full
    assert scheduler.enqueue_request(odd)
    assert crawler.stats.get_value("scheduler/unserializable") == 1
    assert len(scheduler) == 31
    first = [scheduler.next_request() for _ in range(5)]
    assert first[0] is odd  # Scrapy's memory queue comes first
    scheduler.close("shutdown")
    assert json.loads((tmp_path / "job" / "requests.queue" / "active.json").read_text()) == [0, 1, 2]

    scheduler = Scheduler.from_crawler(crawler)
    scheduler.open(spider)
    assert len(scheduler) == 26
    rest = [scheduler.next_request() for _ in range(26)]
    assert scheduler.next_request() is None and not scheduler.has_pending_requests()
    order = [n_of(r) for r in first[1:] + rest]
    want = [i for level in range(3) for i in range(30) if i % 3 == level]
    assert order == want
    scheduler.close("finished")
    assert json.loads((tmp_path / "job" / "requests.queue" / "active.json").read_text()) == []
    left = {p.name for p in (tmp_path / "job" / "requests.queue").iterdir()}
    assert not left & {"0", "1", "2"}  # ours are gone (Scrapy leaves empty start queues "0s" ... behind)


# -- encode_request: one json.dumps, same text as checking every value (encode_checked) --------

def test_encode_request_writes_what_checking_every_value_wrote():
    from crawler.resume import encode_checked, encode_request

    spider = QueueSpider()
    url = "http://127.0.0.1/政策/a.html"
    base = {"zwgk_url": url, "zwgk_kind": "page", "depth": 2, "zwgk_depth": 2, "zwgk_referer": "http://127.0.0.1/",
            "zwgk_column": "政策文件", "handle_httpstatus_list": list(range(400, 600))}
    odd_meta = [
        {},
        {"retry_times": 1, "download_slot": "127.0.0.1", "_private": 1, "ratio": 0.5, "none": None, "ok": True},
        {"page": object()},
        {"raw": b"bytes"},
        {"tags": {"a", "b"}},
        {"int_keys": {1: "a"}},                 # json.dumps would write it; _jsonable leaves it out
        {"listed": [{"a": 1}, {2: "b"}]},
        {"nested": {"a": {1: 2}}},              # nested in a dict: both write it
        {"pair": ("a", 1), "deep": [[1, [2, {"x": [3]}]]]},
        {"mixed": [1, "a", object()]},
        {"zwgk_prev_page": {"etag": '"x"', "status": 200}, "zwgk_conditional": True},
    ]
    requests = []
    for extra in odd_meta:
        requests.append(scrapy.Request(url, callback=spider.on_page, errback=spider.on_error, dont_filter=True,
                                       meta={**base, **extra}, headers={"Referer": "http://127.0.0.1/"}))
    requests += [
        scrapy.Request(url, method="HEAD", callback=spider.on_page, priority=-1, cookies={"k": "v"},
                       headers={"If-None-Match": '"e"', "Range": "bytes=0-9"}, meta={"zwgk_kind": "probe"}),
        scrapy.Request(url, method="POST", body=b"a=1&b=\xe4", callback=spider.on_page, flags=["x"],
                       cb_kwargs={"n": 1}, meta={"page": object()}),
        scrapy.Request(url, callback=spider.on_page, cb_kwargs={"obj": object()}, meta=dict(base)),
        scrapy.Request(url, callback=spider.on_page, cb_kwargs={1: "a"}),
        scrapy.Request(url, callback=spider.on_page, cookies=[{"name": "a", "value": "b"}], dont_filter=False),
        scrapy.Request(url, callback=print),  # not a spider method: cannot be rebuilt
    ]
    outcomes = set()
    for request in requests:
        for fresh in (True, False):
            want = encode_checked(request, spider, fresh=fresh)
            assert encode_request(request, spider, fresh=fresh) == want, (request.meta, fresh)
            outcomes.add((fresh, want is None))
    assert outcomes == {(True, True), (True, False), (False, True), (False, False)}
    # the int-keyed dict is what json.dumps alone would keep
    assert '"int_keys"' not in encode_request(requests[5], spider)
    assert '"nested"' in encode_request(requests[7], spider)
