import hashlib
import re
import sqlite3
from types import SimpleNamespace

import pytest
import sqlite_utils

from crawler.evidence import EvidenceOptions, collect, pending, shot_name
from crawler.store import ensure_schema
from tests.local_server import page, serve

ARTICLE = """<html><head><meta charset="utf-8"><title>关于印发《测试办法》的通知</title></head><body>
<ul class="meta"><li>索引号：123/2025-001</li><li>发文机关：测试局</li><li>文号：测规〔2025〕1号</li>
<li>成文日期：2025年1月2日</li><li>发布日期：2025-01-03</li></ul>
<h1>关于印发《测试办法》的通知</h1><p>正文。</p>
<p>相关链接：<a href="/dead.html">失效的链接</a> <a href="/ok.html">正常链接</a></p>
</body></html>"""


@pytest.fixture
def server():
    body = ARTICLE.encode("utf-8")
    srv, base = serve({"/doc.html": page(ARTICLE), "/ok.html": page("<p>ok</p>")})
    yield base, hashlib.sha256(body).hexdigest()
    srv.shutdown()


def make_db(base: str, rows: list[tuple[str, str, str, str | None]]):
    db = sqlite_utils.Database(memory=True)
    ensure_schema(db)
    db["runs"].insert({"id": 1, "site_id": "t", "started_at": "2025-01-05T00:00:00+00:00",
                       "checked_at": "2025-01-05T01:00:00+00:00"})
    for i, (pid, rule, url, target) in enumerate(rows, 1):
        db["findings"].insert({"id": i, "run_id": 1, "problem_id": pid, "rule": rule, "severity": "deduct",
                               "unit": "u", "url": url, "target": target, "message": "m", "evidence": "{}"})
    return db


def site(base: str, **report):
    return SimpleNamespace(id="t", start_urls=[base + "/"], allowed_domains=["127.0.0.1"],
                           report={"max_screenshots": 200, "screenshot_concurrency": 2, **report},
                           crawl={"timeout_seconds": 5.0, "allow_private_networks": True})


def test_screenshot_of_broken_link_is_taken_highlighted_and_recorded(server, tmp_path):
    base, digest = server
    db = make_db(base, [("ZWAAAAAAAAAA", "link.broken", f"{base}/doc.html", f"{base}/dead.html"),
                        ("ZWBBBBBBBBBB", "normative.validity-missing", f"{base}/doc.html", None)])
    summary = collect(db, site(base), 1, tmp_path / "evidence")
    assert summary == {"captured": 2, "failed": 0, "skipped": 0, "pending": 2}
    rows = {r["problem_id"]: r for r in db["evidence"].rows}
    link, meta = rows["ZWAAAAAAAAAA"], rows["ZWBBBBBBBBBB"]
    assert link["highlight"] == "link" and meta["highlight"] == "meta"
    for row in (link, meta):
        assert row["status"] == 200 and row["content_hash"] == digest and row["error"] == ""
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00", row["captured_at"])
        assert row["path"].endswith(shot_name(row["problem_id"]))
        assert open(row["path"], "rb").read(8) == b"\x89PNG\r\n\x1a\n"


def test_only_new_problems_are_captured(server, tmp_path):
    base, _ = server
    db = make_db(base, [("ZWAAAAAAAAAA", "link.broken", f"{base}/doc.html", f"{base}/dead.html")])
    collect(db, site(base), 1, tmp_path)
    assert pending(db, "t", 1) == []
    assert collect(db, site(base), 1, tmp_path)["pending"] == 0


def test_failures_are_recorded_not_raised(server, tmp_path):
    base, _ = server
    db = make_db(base, [("ZWCCCCCCCCCC", "guide.missing", "http://127.0.0.1:9/none/", None)])
    summary = collect(db, site(base), 1, tmp_path)
    assert summary["failed"] == 1
    row = next(db["evidence"].rows)
    assert row["path"] == "" and row["error"] and row["attempts"] == 1
    assert pending(db, "t", 1)  # retried next run, up to a limit


def test_cap_leaves_the_rest_for_later(server, tmp_path):
    base, _ = server
    db = make_db(base, [(f"ZW{i:010d}", "guide.revision-missing", f"{base}/doc.html", None) for i in range(3)])
    summary = collect(db, site(base, max_screenshots=1), 1, tmp_path)
    assert summary == {"captured": 1, "failed": 0, "skipped": 2, "pending": 3}
    assert len(pending(db, "t", 1)) == 2


def test_browser_that_cannot_start_fails_every_item_quietly(server, tmp_path):
    base, _ = server
    db = make_db(base, [("ZWAAAAAAAAAA", "link.broken", f"{base}/doc.html", f"{base}/dead.html")])
    options = EvidenceOptions.from_site(site(base))
    options.executable_path = str(tmp_path / "no-such-browser")
    summary = collect(db, site(base), 1, tmp_path, options)
    assert summary["failed"] == 1
    assert "浏览器无法启动" in next(db["evidence"].rows)["error"]


def test_marked_problems_are_not_captured(server, tmp_path):
    base, _ = server
    db = make_db(base, [("ZWAAAAAAAAAA", "link.broken", f"{base}/doc.html", f"{base}/dead.html")])
    db["problems"].insert({"site_id": "t", "problem_id": "ZWAAAAAAAAAA", "review": "false-positive",
                           "review_reason": "误报"})
    assert pending(db, "t", 1) == []


def test_schema_upgrade_adds_lifecycle_tables_to_an_old_db(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE runs (id INTEGER PRIMARY KEY, site_id TEXT)")
        conn.execute("CREATE TABLE evidence (site_id TEXT, problem_id TEXT, PRIMARY KEY (site_id, problem_id))")
    db = sqlite_utils.Database(path)
    ensure_schema(db)
    assert {"problems", "review_log", "evidence"} <= set(db.table_names())
    assert "content_hash" in {c.name for c in db["evidence"].columns}
