"""Incremental re-crawl: conditional requests, carried-over rows, link re-checks when due."""

import json
import sqlite3
import subprocess
import sys

import pytest

from benchmarks.portal import SyntheticPortal, PortalServer
from crawler.incremental import Incremental


def zwgk(*args, timeout=180):
    return subprocess.run([sys.executable, "-m", "crawler.cli", *args], capture_output=True, text=True,
                          timeout=timeout)


def findings(db, run_id):
    conn = sqlite3.connect(db)
    try:
        return {(r[0], r[1], r[2] or "") for r in conn.execute(
            "SELECT rule, url, target FROM findings WHERE run_id = ?", [run_id])}
    finally:
        conn.close()


def table_rows(db, sql, params=()):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, list(params)).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def nights(tmp_path_factory):
    """Three nights on one site: a first run, an unchanged second, a third after two edits."""
    tmp = tmp_path_factory.mktemp("incremental")
    portal = SyntheticPortal(120, units=2, seed=3)
    server = PortalServer(portal)
    base = server.start()
    config = tmp / "site.toml"
    config.write_text(portal.config_toml(base, concurrency_per_host=8), encoding="utf-8")
    db = str(tmp / "zwgk.db")
    stats = []
    # the page whose 有效性 label is missing on the first nights, and one with a live attachment
    missing = next(portal.doc_path(u, 0, i) for u in range(portal.units) for i in range(portal.docs_per_column[0])
                   if portal.validity_missing(u, i))
    edited = portal.doc_path(0, 1, 2)
    for night in range(3):
        if night == 2:
            portal.bump(missing)   # the unit added the label
            portal.bump(edited)    # and reworded a policy page
        server.hits.clear()
        server.statuses.clear()
        proc = zwgk("crawl", "--config", str(config), "--db", db, "--quiet")
        assert proc.returncode == 0, proc.stderr
        proc = zwgk("check", "--config", str(config), "--db", db, "--quiet")
        assert proc.returncode == 0, proc.stderr
        stats.append({"hits": dict(server.hits), "statuses": dict(server.statuses)})
    server.stop()
    return {"db": db, "stats": stats, "portal": portal, "base": base, "missing": missing, "edited": edited}


def test_second_night_uses_conditional_requests_and_skips_fresh_links(nights):
    first, second = nights["stats"][0], nights["stats"][1]
    requests = lambda s: sum(s["hits"].values())  # noqa: E731
    assert requests(second) <= 0.6 * requests(first)
    pages_ok = table_rows(nights["db"], "SELECT COUNT(*) FROM pages WHERE run_id = 1 AND status = 200")[0][0]
    assert second["statuses"].get(304, 0) >= 0.95 * pages_ok  # every unchanged page answered 304
    # attachments found ok on the first night are not asked again; broken ones are
    heads = {p for (m, p) in second["hits"] if m == "HEAD"}
    assert all(nights["portal"].resolve(p)[0] != 200 for p in heads if p.startswith("/files/"))
    stats = json.loads(table_rows(nights["db"], "SELECT stats FROM runs WHERE id = 2")[0][0])
    assert stats["incremental_from"] == 1 and stats["not_modified"] > 50 and stats["reused_probes"] > 20


def test_unchanged_night_is_a_complete_run_with_the_same_findings(nights):
    db = nights["db"]
    for table in ("pages", "links", "probes", "documents"):
        counts = dict(table_rows(db, f"SELECT run_id, COUNT(*) FROM {table} GROUP BY run_id"))
        assert counts[2] == counts[1], table
    assert findings(db, 2) == findings(db, 1) and findings(db, 1)
    carried = table_rows(db, "SELECT COUNT(*) FROM pages WHERE run_id = 2 AND reused_from = 1")[0][0]
    assert carried > 50
    # validators are stored with every page answered 200
    assert table_rows(db, "SELECT COUNT(*) FROM pages WHERE run_id = 1 AND status = 200 AND etag IS NULL")[0][0] == 0


def test_changed_pages_are_fetched_again_and_their_findings_follow(nights):
    db, base = nights["db"], nights["base"]
    third = nights["stats"][2]
    assert third["hits"].get(("GET", nights["missing"])) == 1
    assert third["statuses"].get(200, 0) >= 2  # the two edited pages came back whole
    gone = {f for f in findings(db, 2) - findings(db, 3)}
    assert ("normative.validity-missing", base + nights["missing"], "") in gone
    row = table_rows(db, "SELECT reused_from, title FROM pages WHERE run_id = 3 AND url = ?", [base + nights["edited"]])
    assert row and row[0][0] is None and "修订" in row[0][1]
    assert findings(db, 3) - findings(db, 2) == set()


def test_link_recheck_is_due_by_ttl_and_always_for_broken(tmp_path):
    db = tmp_path / "x.db"
    from crawler.store import open_db

    open_db(db).close()
    inc = Incremental(str(db), "s", 1, "fp", recheck_ok_days=7)
    assert inc.probe_due(None)
    assert inc.probe_due({"outcome": "http_error", "checked_at": "2999-01-01T00:00:00+00:00"})
    assert not inc.probe_due({"outcome": "ok", "checked_at": "2999-01-01T00:00:00+00:00"})
    assert inc.probe_due({"outcome": "ok", "checked_at": "2000-01-01T00:00:00+00:00"})
    inc.close()
    always = Incremental(str(db), "s", 1, "fp", recheck_ok_days=0)
    assert always.probe_due({"outcome": "ok", "checked_at": "2999-01-01T00:00:00+00:00"})
    always.close()
